// Audit (issue 3): API-server admission that changes what the scheduler sees (src/cluster/admission.ts):
// SetDefaults_Pod, LimitRanger defaults, DefaultTolerationSeconds, RuntimeClass.
import assert from 'node:assert/strict';
import { AdmissionObjects, admitPod } from '../../../src/cluster/admission';
import type { K8sObject, Pod } from '../../../src/cluster/k8s';
import { podRequests } from '../../../src/cluster/scheduler/resources';
import { simulate } from '../../../src/cluster/simulate';
import { manifests } from './helpers';

const objs = (yaml: string) => new AdmissionObjects(manifests(yaml).map((m) => m.object as K8sObject));
const pod = (yaml: string) => manifests(yaml)[0].object as Pod;

const LIMIT_RANGE = `
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: team}
spec:
  limits:
  - type: Container
    default: {cpu: 500m, memory: 512Mi}
    defaultRequest: {cpu: 250m}
  - type: Pod
    max: {cpu: "4"}
`;

describe('audit: admission (LimitRanger, DefaultTolerationSeconds, RuntimeClass)', () => {
  it('LimitRanger: defaultRequest for missing requests, default limit for missing limits; default doubles as request', () => {
    const p = pod(`
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: team}
spec:
  initContainers: [{name: i, image: x}]
  containers:
  - {name: a, image: x}
  - {name: b, image: x, resources: {requests: {cpu: 100m}}}
`);
    assert.equal(admitPod(p, objs(LIMIT_RANGE)), null);
    const [i, a, b] = [p.spec!.initContainers![0], p.spec!.containers![0], p.spec!.containers![1]];
    assert.deepEqual(a.resources, { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '250m', memory: '512Mi' } });
    assert.deepEqual(b.resources, { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '100m', memory: '512Mi' } });
    assert.deepEqual(i.resources!.requests, { cpu: '250m', memory: '512Mi' });
    const r = podRequests(p);
    assert.equal(r.cpu, 350);
    assert.equal(r.memory, 2 * 512 * 1024 * 1024);
  });

  it('LimitRanger: a container with only a limit keeps request = its limit (defaulting runs before admission)', () => {
    const p = pod(`
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: team}
spec: {containers: [{name: a, image: x, resources: {limits: {cpu: "2"}}}]}
`);
    admitPod(p, objs(LIMIT_RANGE));
    assert.equal(podRequests(p).cpu, 2000);
  });

  it('LimitRanger: only the pod\'s namespace; max alone becomes the default limit and request', () => {
    const other = pod('{apiVersion: v1, kind: Pod, metadata: {name: p, namespace: elsewhere}, spec: {containers: [{name: a, image: x}]}}');
    admitPod(other, objs(LIMIT_RANGE));
    assert.equal(other.spec!.containers![0].resources, undefined);
    const p = pod('{apiVersion: v1, kind: Pod, metadata: {name: p, namespace: team}, spec: {containers: [{name: a, image: x}]}}');
    admitPod(p, objs('{apiVersion: v1, kind: LimitRange, metadata: {name: m, namespace: team}, spec: {limits: [{type: Container, max: {memory: 1Gi}, min: {cpu: 50m}}]}}'));
    assert.deepEqual(p.spec!.containers![0].resources, { limits: { memory: '1Gi' }, requests: { memory: '1Gi', cpu: '50m' } });
  });

  it('DefaultTolerationSeconds: not-ready/unreachable NoExecute for 300 s unless already tolerated', () => {
    const p = pod('{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: a, image: x}], tolerations: [{key: node.kubernetes.io/unreachable, operator: Exists}]}}');
    admitPod(p, objs(''));
    assert.deepEqual(p.spec!.tolerations, [
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists' },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('RuntimeClass: overhead, nodeSelector and tolerations; upstream rejection texts', () => {
    const rc = objs(`
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata: {name: kata}
handler: kata
overhead: {podFixed: {cpu: 250m, memory: 120Mi}}
scheduling:
  nodeSelector: {runtime: kata}
  tolerations: [{key: kata, operator: Exists, effect: NoSchedule}]
`);
    const p = pod('{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {runtimeClassName: kata, containers: [{name: a, image: x, resources: {requests: {cpu: 100m}}}]}}');
    assert.equal(admitPod(p, rc), null);
    assert.deepEqual(p.spec!.overhead, { cpu: '250m', memory: '120Mi' });
    assert.deepEqual(p.spec!.nodeSelector, { runtime: 'kata' });
    assert.ok(p.spec!.tolerations!.some((t) => t.key === 'kata'));
    assert.equal(podRequests(p).cpu, 350);

    const missing = pod('{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {runtimeClassName: gvisor, containers: [{name: a, image: x}]}}');
    assert.equal(admitPod(missing, rc), 'pod rejected: RuntimeClass "gvisor" not found');
    const conflict = pod('{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {runtimeClassName: kata, nodeSelector: {runtime: runc}, containers: [{name: a, image: x}]}}');
    assert.equal(admitPod(conflict, rc), 'conflict: runtimeClass.scheduling.nodeSelector[runtime] = kata; pod.spec.nodeSelector[runtime] = runc');
    const wrongOverhead = pod('{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {runtimeClassName: kata, overhead: {cpu: 1}, containers: [{name: a, image: x}]}}');
    assert.equal(admitPod(wrongOverhead, rc), "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead");
    const bareOverhead = pod('{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {overhead: {cpu: 1}, containers: [{name: a, image: x}]}}');
    assert.equal(admitPod(bareOverhead, rc), 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead');
  });

  it('simulate: a namespace LimitRange gives the Deployment\'s pods their requests; a missing RuntimeClass is FailedCreate', () => {
    const s = simulate(manifests(`${LIMIT_RANGE}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: team}
spec:
  replicas: 9
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: sandboxed, namespace: team}
spec:
  selector: {matchLabels: {app: s}}
  template:
    metadata: {labels: {app: s}}
    spec: {runtimeClassName: gvisor, containers: [{name: c, image: nginx}]}
`), { seed: 1 });
    const web = s.pods.filter((p) => p.workload?.name === 'web');
    assert.equal(web.length, 9);
    for (const p of web) assert.equal(p.requests.cpu, 250);
    // 9 × 250m = 2250m over three 4-cpu workers
    assert.equal(s.nodes.reduce((t, n) => t + (n.requested.cpu ?? 0), 0), 2250);
    const sb = s.workloads.find((w) => w.name === 'sandboxed')!;
    assert.equal(sb.scheduled + sb.pending, 0);
    assert.ok(s.events.some((e) => e.reason === 'FailedCreate' && e.message === 'Error creating: pods "sandboxed-' + s.replicaSets.find((r) => r.owner?.name === 'sandboxed')!.name.slice('sandboxed-'.length) + '-" is forbidden: pod rejected: RuntimeClass "gvisor" not found'),
      JSON.stringify(s.events.filter((e) => e.reason === 'FailedCreate')));
  });

  it('simulate: RuntimeClass overhead and nodeSelector steer the pod', () => {
    const s = simulate(manifests(`
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata: {name: kata}
handler: kata
overhead: {podFixed: {cpu: "1"}}
scheduling: {nodeSelector: {topology.kubernetes.io/zone: zone-c}}
---
apiVersion: v1
kind: Pod
metadata: {name: vm}
spec: {runtimeClassName: kata, containers: [{name: c, image: nginx, resources: {requests: {cpu: 500m}}}]}
`), { seed: 1 });
    const vm = s.pods.find((p) => p.name === 'vm')!;
    assert.equal(vm.nodeName, 'worker-3');
    assert.equal(vm.requests.cpu, 1500);
  });

  it('ResourceQuota: constrained resources must be set, usage within hard; deleted pods free it', () => {
    const quota = `
apiVersion: v1
kind: ResourceQuota
metadata: {name: compute, namespace: team}
spec: {hard: {requests.cpu: "2", limits.memory: 2Gi, pods: "10"}}
`;
    const s = simulate(manifests(`${quota}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: team}
spec:
  replicas: 5
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx, resources: {requests: {cpu: 500m}, limits: {memory: 256Mi}}}]}
---
apiVersion: v1
kind: Pod
metadata: {name: bare, namespace: team}
spec: {containers: [{name: app, image: nginx, resources: {requests: {cpu: 100m}}}, {name: side, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: elsewhere, namespace: other}
spec: {containers: [{name: app, image: nginx}]}
`), { seed: 1 });
    const web = s.workloads.find((w) => w.name === 'web')!;
    assert.equal(web.scheduled, 4, '4 × 500m fill requests.cpu: 2');
    const failed = s.events.filter((e) => e.reason === 'FailedCreate').map((e) => e.message);
    const rs = s.replicaSets[0].name;
    assert.ok(failed.includes(`Error creating: pods "${rs}-" is forbidden: exceeded quota: compute, requested: requests.cpu=500m, used: requests.cpu=2, limited: requests.cpu=2`), failed.join('\n'));
    assert.ok(failed.includes('Error creating: pods "bare" is forbidden: failed quota: compute: must specify limits.memory for: app,side; requests.cpu for: side'), failed.join('\n'));
    assert.equal(s.pods.find((p) => p.name === 'elsewhere')!.phase, 'Running', 'other namespaces are not limited');
  });

  it('ResourceQuota usage is released when a pod is preempted, so its recreated replacement is admitted', () => {
    const objects = new AdmissionObjects(manifests('{apiVersion: v1, kind: ResourceQuota, metadata: {name: q}, spec: {hard: {pods: "1"}}}').map((m) => m.object as K8sObject));
    const a = pod('{apiVersion: v1, kind: Pod, metadata: {name: a}, spec: {containers: [{name: c, image: x}]}}');
    const b = pod('{apiVersion: v1, kind: Pod, metadata: {name: b}, spec: {containers: [{name: c, image: x}]}}');
    assert.equal(admitPod(a, objects), null);
    assert.equal(admitPod(b, objects), 'exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1');
    objects.release(a);
    assert.equal(admitPod(b, objects), null);
  });

  it('ResourceQuota scopes: BestEffort / NotBestEffort / Terminating / NotTerminating count only the pods they match', () => {
    const objects = objs(`
apiVersion: v1
kind: ResourceQuota
metadata: {name: best-effort}
spec: {hard: {pods: "1"}, scopes: [BestEffort]}
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: long-running}
spec: {hard: {pods: "2"}, scopes: [NotTerminating, NotBestEffort]}
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: batch}
spec: {hard: {requests.cpu: "1"}, scopes: [Terminating]}
`);
    const bare = (n: string, extra = '') => pod(`{apiVersion: v1, kind: Pod, metadata: {name: ${n}}, spec: {${extra} containers: [{name: c, image: x}]}}`);
    const sized = (n: string, extra = '') => pod(`{apiVersion: v1, kind: Pod, metadata: {name: ${n}}, spec: {${extra} containers: [{name: c, image: x, resources: {requests: {cpu: 600m}}}]}}`);
    assert.equal(admitPod(bare('be1'), objects), null);
    assert.equal(admitPod(bare('be2'), objects), 'exceeded quota: best-effort, requested: pods=1, used: pods=1, limited: pods=1');
    // a zero request keeps the pod BestEffort (GetPodQOS counts only positive cpu/memory)
    assert.equal(admitPod(pod('{apiVersion: v1, kind: Pod, metadata: {name: z}, spec: {containers: [{name: c, image: x, resources: {requests: {cpu: "0"}}}]}}'), objects),
      'exceeded quota: best-effort, requested: pods=1, used: pods=1, limited: pods=1');
    assert.equal(admitPod(sized('web1'), objects), null, 'Burstable: not BestEffort');
    assert.equal(admitPod(sized('web2'), objects), null);
    assert.equal(admitPod(sized('web3'), objects), 'exceeded quota: long-running, requested: pods=1, used: pods=2, limited: pods=2');
    // activeDeadlineSeconds >= 0 makes a pod Terminating: long-running does not count it, batch does
    assert.equal(admitPod(sized('job1', 'activeDeadlineSeconds: 60,'), objects), null);
    assert.equal(admitPod(sized('job2', 'activeDeadlineSeconds: 60,'), objects), 'exceeded quota: batch, requested: requests.cpu=600m, used: requests.cpu=600m, limited: requests.cpu=1');
    // a Terminating quota on cpu requires it of the pods it matches only
    assert.equal(admitPod(bare('job3', 'activeDeadlineSeconds: 0,'), objects), 'failed quota: batch: must specify requests.cpu for: c');
  });

  it('ResourceQuota scopeSelector: PriorityClass In / NotIn / Exists / DoesNotExist, and CrossNamespacePodAffinity', () => {
    const quota = (name: string, expr: string) => `---
apiVersion: v1
kind: ResourceQuota
metadata: {name: ${name}}
spec: {hard: {pods: "0"}, scopeSelector: {matchExpressions: [${expr}]}}
`;
    const refusedBy = (yaml: string, podSpec: string) => {
      const p = pod(`{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {${podSpec} containers: [{name: c, image: x}]}}`);
      const r = admitPod(p, objs(yaml));
      return r === null ? null : /^exceeded quota: ([^,]+),/.exec(r)![1];
    };
    const inHigh = quota('in-high', '{scopeName: PriorityClass, operator: In, values: [high]}');
    assert.equal(refusedBy(inHigh, 'priorityClassName: high,'), 'in-high');
    assert.equal(refusedBy(inHigh, 'priorityClassName: low,'), null);
    assert.equal(refusedBy(inHigh, ''), null);
    const notInHigh = quota('not-in-high', '{scopeName: PriorityClass, operator: NotIn, values: [high]}');
    assert.equal(refusedBy(notInHigh, 'priorityClassName: low,'), 'not-in-high');
    assert.equal(refusedBy(notInHigh, ''), 'not-in-high', 'a pod naming no class has no PriorityClass label: NotIn matches');
    assert.equal(refusedBy(notInHigh, 'priorityClassName: high,'), null);
    const exists = quota('any-class', '{scopeName: PriorityClass, operator: Exists}');
    assert.equal(refusedBy(exists, 'priorityClassName: low,'), 'any-class');
    assert.equal(refusedBy(exists, ''), null);
    const none = quota('no-class', '{scopeName: PriorityClass, operator: DoesNotExist}');
    assert.equal(refusedBy(none, ''), 'no-class');
    assert.equal(refusedBy(none, 'priorityClassName: low,'), null);
    const cross = quota('cross-ns', '{scopeName: CrossNamespacePodAffinity, operator: Exists}');
    const term = (extra: string) => `affinity: {podAntiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1, podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {a: b}}${extra}}}]}},`;
    assert.equal(refusedBy(cross, term(', namespaceSelector: {}')), 'cross-ns', 'an empty namespaceSelector means every namespace');
    assert.equal(refusedBy(cross, term(', namespaces: [other]')), 'cross-ns');
    assert.equal(refusedBy(cross, term('')), null);
    // an unknown scope matches no pod (podMatchesScopeFunc's default)
    assert.equal(refusedBy(quota('odd', '{scopeName: VolumeAttributesClass, operator: Exists}'), ''), null);
  });

  it('Priority admission writes the globalDefault class name into pods naming none, so a PriorityClass-scoped quota sees it', () => {
    const s = simulate(manifests(`
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: standard}
value: 100
globalDefault: true
---
apiVersion: v1
kind: ResourceQuota
metadata: {name: standard-pods, namespace: team}
spec:
  hard: {pods: "2"}
  scopeSelector: {matchExpressions: [{scopeName: PriorityClass, operator: In, values: [standard]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: team}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Pod
metadata: {name: urgent, namespace: team}
spec: {priorityClassName: system-cluster-critical, containers: [{name: c, image: nginx}]}
`), { seed: 1 });
    assert.equal(s.workloads.find((w) => w.name === 'web')!.scheduled, 2);
    const failed = s.events.filter((e) => e.reason === 'FailedCreate').map((e) => e.message);
    assert.ok(failed.includes(`Error creating: pods "${s.replicaSets[0].name}-" is forbidden: exceeded quota: standard-pods, requested: pods=1, used: pods=2, limited: pods=2`), failed.join('\n'));
    const urgent = s.pods.find((p) => p.name === 'urgent')!;
    assert.equal(urgent.phase, 'Running', 'a pod of another class is outside the scoped quota');
  });

  it('Priority admission: an explicit spec.priority must equal what the class gives', () => {
    const s = simulate(manifests(`
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
---
apiVersion: v1
kind: Pod
metadata: {name: forged}
spec: {priority: 5000, containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: consistent}
spec: {priorityClassName: high, priority: 1000, containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: mismatch}
spec: {priorityClassName: high, priority: 7, containers: [{name: c, image: x}]}
`), { seed: 1 });
    assert.deepEqual(s.pods.map((p) => p.name), ['consistent']);
    assert.equal(s.pods[0].priority, 1000);
    assert.deepEqual(s.warnings.map((w) => w.message), [
      'Pod default/forged: pods "forged" is forbidden: the integer value of priority (5000) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
      'Pod default/mismatch: pods "mismatch" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name',
    ]);
  });

  it('odd objects do not crash admission', () => {
    const weird = objs(`
apiVersion: v1
kind: LimitRange
metadata: {name: w, namespace: default}
spec: {limits: [null, 5, {type: Container, default: [1, 2]}, {type: Container, defaultRequest: "x"}]}
---
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata: {name: r}
scheduling: {nodeSelector: [1], tolerations: "x"}
overhead: 7
`);
    const p = pod('{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {runtimeClassName: r, containers: [null, {name: a, image: x, resources: 3}]}}');
    assert.equal(admitPod(p, weird), null);
    assert.equal(admitPod({ apiVersion: 'v1', kind: 'Pod' } as Pod, weird), null);
  });
});
