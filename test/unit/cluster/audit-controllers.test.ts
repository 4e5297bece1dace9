// Audit (issue 3): controller behaviours checked against upstream pkg/controller.
import assert from 'node:assert/strict';
import { PodNames } from '../../../src/cluster/controllers/common';
import { Rng } from '../../../src/cluster/rng';
import { simulate } from '../../../src/cluster/simulate';
import { manifests } from './helpers';

const deployment = (extra: string, image = 'nginx:1.27') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
${extra}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: ${image}}]}`;

describe('audit: controllers', () => {
  it('a paused Deployment gets no ReplicaSet and no pods, and does not roll out (syncDeployment -> sync)', () => {
    const s = simulate(manifests(deployment('  paused: true')), { seed: 1, previous: manifests(deployment('  paused: true', 'nginx:1.26'), 'prev.yaml') });
    assert.deepEqual(s.replicaSets, []);
    assert.deepEqual(s.pods, []);
    const w = s.workloads.find((x) => x.name === 'web')!;
    assert.equal(w.desired, 3);
    assert.equal(w.scheduled, 0);
    assert.match(w.message!, /paused/);
    assert.deepEqual(s.rollouts, []);
    // paused: false is an ordinary Deployment
    const live = simulate(manifests(deployment('  paused: false')), { seed: 1 });
    assert.equal(live.pods.length, 3);
  });

  it('a finished pod bound to a node (a dump of a live cluster) holds no resources and keeps its phase', () => {
    const s = simulate(manifests(`
apiVersion: v1
kind: Pod
metadata: {name: done, labels: {app: x}}
spec: {nodeName: worker-1, containers: [{name: c, image: x, resources: {requests: {cpu: "3"}}}]}
status: {phase: Succeeded}
---
apiVersion: v1
kind: Pod
metadata: {name: crashed}
spec: {nodeName: worker-1, containers: [{name: c, image: x, resources: {requests: {cpu: "3"}}}]}
status: {phase: Failed}
---
apiVersion: v1
kind: Pod
metadata: {name: new}
spec: {nodeSelector: {kubernetes.io/hostname: worker-1}, containers: [{name: c, image: x, resources: {requests: {cpu: "3"}}}]}
---
apiVersion: v1
kind: Service
metadata: {name: x}
spec: {selector: {app: x}, ports: [{port: 80}]}
`), { seed: 1 });
    const byName = (n: string) => s.pods.find((p) => p.name === n)!;
    assert.deepEqual([byName('done').phase, byName('done').nodeName, byName('done').podIP], ['Succeeded', 'worker-1', null]);
    assert.equal(byName('crashed').phase, 'Failed');
    assert.equal(byName('new').nodeName, 'worker-1');
    const w1 = s.nodes.find((n) => n.name === 'worker-1')!;
    assert.equal(w1.requested.cpu, 3000);
    assert.deepEqual(w1.pods, ['default/new']);
    assert.equal(s.endpointSlices.find((e) => e.service === 'x')!.endpoints.length, 0);
    // without a node, a Succeeded status in the input is not a state the API server would hold: it is created Pending
    const fresh = simulate(manifests('{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, image: x}]}, status: {phase: Succeeded}}'), { seed: 1 });
    assert.equal(fresh.pods[0].phase, 'Running');
  });

  it('the kubelet refuses a bound pod its predicates reject (node affinity, host ports, NoExecute taints), first failure wins', () => {
    const s = simulate(manifests(`
apiVersion: v1
kind: Node
metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
spec: {taints: [{key: maintenance, effect: NoExecute}]}
status: {allocatable: {cpu: "4", memory: 8Gi, pods: "10"}}
---
apiVersion: v1
kind: Node
metadata: {name: n2, labels: {kubernetes.io/hostname: n2}}
spec: {taints: [{key: dedicated, effect: NoSchedule}]}
status: {allocatable: {cpu: "4", memory: 8Gi, pods: "10"}}
---
apiVersion: v1
kind: Pod
metadata: {name: selector}
spec: {nodeName: n2, nodeSelector: {disk: ssd}, containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: port-a}
spec: {nodeName: n2, containers: [{name: c, image: x, ports: [{containerPort: 80, hostPort: 8080}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: port-b}
spec: {nodeName: n2, containers: [{name: c, image: x, ports: [{containerPort: 80, hostPort: 8080}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: evicted}
spec: {nodeName: n1, containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: static, annotations: {kubernetes.io/config.source: file, kubernetes.io/config.mirror: abc}}
spec: {nodeName: n1, containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: tolerant}
spec: {nodeName: n1, tolerations: [{key: maintenance, operator: Exists}], containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: gpu}
spec: {nodeName: n2, containers: [{name: c, image: x, resources: {limits: {nvidia.com/gpu: 1}}}]}
`), { seed: 1 });
    const pod = (n: string) => s.pods.find((p) => p.name === n)!;
    assert.deepEqual([pod('selector').phase, pod('selector').message], ['Failed', "Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector"]);
    assert.equal(pod('port-a').phase, 'Running');
    assert.deepEqual([pod('port-b').phase, pod('port-b').message], ['Failed', "Pod was rejected: Predicate NodePorts failed: node(s) didn't have free ports for the requested pod ports"]);
    assert.deepEqual([pod('evicted').phase, pod('evicted').message], ['Failed', 'Pod was rejected: Predicate TaintToleration failed: node(s) had untolerated taint(s)']);
    assert.equal(pod('tolerant').phase, 'Running');
    // NoSchedule taints do not concern the kubelet; extended resources the node does not know are ignored
    assert.equal(pod('gpu').phase, 'Running');
    assert.ok(s.events.some((e) => e.reason === 'NodeAffinity' && e.type === 'Warning' && e.object.name === 'selector'));
    // a static pod (mirror pod of a dump) is not checked against NoExecute taints by its kubelet
    assert.equal(pod('static').phase, 'Running');
  });

  it('the Preempted event names the preemptor by UID as upstream; the victim\'s message names it', () => {
    const s = simulate(manifests(`
apiVersion: v1
kind: Node
metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
status: {allocatable: {cpu: "2", memory: 4Gi, pods: "10"}}
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
---
apiVersion: v1
kind: Pod
metadata: {name: low}
spec: {nodeName: n1, containers: [{name: c, image: x, resources: {requests: {cpu: "2"}}}]}
---
apiVersion: v1
kind: Pod
metadata: {name: hi, uid: 0e1f6a52-0000-4000-8000-000000000001}
spec: {priorityClassName: high, containers: [{name: c, image: x, resources: {requests: {cpu: "1"}}}]}
`), { seed: 1 });
    const ev = s.events.find((e) => e.reason === 'Preempted')!;
    assert.equal(ev.message, 'Preempted by pod 0e1f6a52-0000-4000-8000-000000000001 on node n1');
    assert.equal(ev.object.name, 'low');
    assert.equal(s.pods.find((p) => p.name === 'low')!.message, 'Preempted by pod default/hi on node n1');
    assert.equal(s.pods.find((p) => p.name === 'hi')!.nodeName, 'n1');
  });

  it('the ReplicaSet carries the Deployment\'s own annotations except kubectl\'s and the controller\'s bookkeeping', () => {
    const s = simulate(manifests(`
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations: {team: shop, kubectl.kubernetes.io/last-applied-configuration: "{}", deployment.kubernetes.io/revision: "7"}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}, annotations: {prometheus.io/scrape: "true"}}
    spec: {containers: [{name: c, image: nginx}]}`), { seed: 1 });
    assert.deepEqual(s.replicaSets[0].annotations, {
      team: 'shop',
      'deployment.kubernetes.io/desired-replicas': '2',
      'deployment.kubernetes.io/max-replicas': '3',
      'deployment.kubernetes.io/revision': '1',
    });
  });

  it('a generated pod name already in use is drawn again (the registry retries generateName, 8 attempts)', () => {
    const first = new PodNames(new Rng(5));
    const a = first.generate('ns', 'web-');
    const b = first.generate('ns', 'web-');
    const again = new PodNames(new Rng(5));
    again.reserve('ns', a);
    assert.equal(again.generate('ns', 'web-'), b, 'the taken first draw is skipped');
    const otherNs = new PodNames(new Rng(5));
    otherNs.reserve('elsewhere', a);
    assert.equal(otherNs.generate('ns', 'web-'), a, 'names are unique per namespace');
  });

  it('a bare Pod named like a generated replica does not cost the Deployment a pod', () => {
    const plain = simulate(manifests(deployment('')), { seed: 1 });
    const taken = plain.pods[0].name;
    const s = simulate(manifests(`${deployment('')}
---
apiVersion: v1
kind: Pod
metadata: {name: ${taken}}
spec: {containers: [{name: c, image: busybox}]}`), { seed: 1 });
    assert.equal(s.pods.filter((p) => p.workload?.kind === 'Deployment').length, 3);
    assert.equal(new Set(s.pods.map((p) => p.name)).size, 4);
    assert.ok(!s.warnings.some((w) => /already exists/.test(w.message)), JSON.stringify(s.warnings));
  });

  it('stops creating pods at maxPods and says which workload was cut short', () => {
    const s = simulate(manifests(`${deployment('')}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 4
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: c, image: postgres}]}`), { seed: 1, maxPods: 5 });
    assert.equal(s.pods.length, 5);
    assert.deepEqual(s.pods.filter((p) => p.workload?.name === 'db').map((p) => p.name), ['db-0', 'db-1']);
    assert.equal(s.workloads.find((w) => w.name === 'db')!.desired, 4, 'desired stays what the manifest asks');
    assert.ok(s.warnings.some((w) => w.message === 'StatefulSet default/db: 4 pods wanted; only 2 were simulated (the simulation stops at 5 pods)'), JSON.stringify(s.warnings));
  });

  it('two HPAs on one Deployment: their clamps settle it in both ranges (a warning in the AmbiguousSelector wording), or fight', () => {
    const hpa = (name: string, min: number, max: number) => `
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: ${name}}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: ${min}, maxReplicas: ${max}}`;
    // disjoint ranges: each clamp undoes the other's
    const s = simulate(manifests(deployment('') + hpa('a', 5, 6) + hpa('b', 1, 2)), { seed: 1 });
    assert.equal(s.workloads.find((w) => w.name === 'web')!.desired, 2);
    assert.deepEqual(s.warnings.map((w) => w.message), [
      'Deployment default/web is the target of more than one HorizontalPodAutoscaler: pods are controlled by multiple HPAs: [default/a default/b]; their ranges do not overlap, so they keep rescaling it (shown at 2, as b leaves it)',
    ]);
    // overlapping ranges: the clamps settle in both ranges (3 replicas -> a's minimum 4, inside b's range)
    const o = simulate(manifests(deployment('') + hpa('a', 4, 6) + hpa('b', 1, 5)), { seed: 1 });
    assert.equal(o.workloads.find((w) => w.name === 'web')!.desired, 4);
    assert.match(o.warnings[0].message, /none scales it on metrics \(AmbiguousSelector\); their min\/max clamps still apply$/);
    const swapped = simulate(manifests(deployment('') + hpa('b', 1, 5) + hpa('a', 4, 6)), { seed: 1 });
    assert.equal(swapped.workloads.find((w) => w.name === 'web')!.desired, 4, 'document order does not matter');
  });

  it('an apiVersion v1.34 no longer serves is refused with a warning, and its served twin is simulated', () => {
    const old = `
apiVersion: extensions/v1beta1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 5
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx:1.27}]}
---`;
    const s = simulate(manifests(old + deployment('')), { seed: 1 });
    assert.equal(s.pods.length, 3, 'the apps/v1 Deployment (3 replicas), not the refused one');
    assert.deepEqual(s.warnings.map((w) => w.message), [
      'Deployment default/web: extensions/v1beta1 is not served by Kubernetes 1.34 (removed in 1.16; use apps/v1): the API server refuses it, so it is not simulated',
    ]);
  });

  it('a ReplicaSet adopts the orphan pods its selector matches; orphans beyond its replicas are deleted, unbound ones first', () => {
    const orphan = (name: string, extra = '') => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}, labels: {app: web}}
spec: {${extra}containers: [{name: c, image: nginx}]}
---`;
    const rs = (replicas: number) => `
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx}]}`;
    const s = simulate(manifests(orphan('orphan') + rs(2)), { seed: 1 });
    const w = s.workloads.find((x) => x.kind === 'ReplicaSet')!;
    assert.equal(s.pods.length, 2, 'the orphan and one new pod');
    assert.deepEqual(w.pods.length, 2);
    assert.ok(w.pods.includes('default/orphan'));
    assert.ok(!s.workloads.some((x) => x.kind === 'Pod'), 'the adopted pod is no workload of its own');
    // two orphans for one replica: the bound one stays, the other is deleted
    const t = simulate(manifests(orphan('loose') + orphan('bound', 'nodeName: worker-1, ') + rs(1)), { seed: 1 });
    assert.deepEqual(t.pods.map((p) => p.name), ['bound']);
    assert.ok(t.events.some((e) => e.reason === 'SuccessfulDelete' && e.message === 'Deleted pod: loose'));
  });

  it('a pod template the API server refuses (topology spread validation) makes no pods, with its error', () => {
    const bad = deployment('').replace('spec: {containers:', 'spec: {topologySpreadConstraints: [{maxSkew: 0, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule}], containers:');
    const s = simulate(manifests(bad), { seed: 1 });
    assert.equal(s.pods.length, 0);
    assert.deepEqual(s.warnings.map((w) => w.message), [
      'Deployment.apps "web" is invalid: spec.template.spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero',
    ]);
    const pod = simulate(manifests(`
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, minDomains: 2}
  - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway}
  containers: [{name: c, image: x}]`), { seed: 1 });
    assert.deepEqual(pod.warnings.map((w) => w.message), [
      'Pod "p" is invalid: [spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "{zone, ScheduleAnyway}", spec.topologySpreadConstraints[0].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway]',
    ]);
  });
});
