import assert from 'node:assert/strict';
import { simulate, simulateObjects, compactScheduling, referToGroupExplanation, FULL_EXPLANATIONS_PER_CONTROLLER, MAX_SCORES_KEPT } from '../../../src/cluster/simulate';
import type { ClusterSnapshot } from '../../../src/cluster/snapshot';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusManifests, manifests, overCommitted, endpointMismatches, repoRoot } from './helpers';

const SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]{5}';

const web = (replicas = 3, extra = '') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{name: http, containerPort: 8080}]
        resources: {requests: {cpu: 500m, memory: 256Mi}}
${extra}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
`;

const pod = (s: ClusterSnapshot, name: string) => s.pods.find((p) => p.name === name)!;

describe('cluster/simulate', () => {
  it('Deployment -> ReplicaSet -> pods scheduled on workers, with IPs from the node CIDR and endpoints', () => {
    const s = simulate(manifests(web()), { seed: 1 });
    assert.equal(s.clusterSource, 'default');
    assert.equal(s.replicaSets.length, 1);
    const rs = s.replicaSets[0];
    assert.match(rs.name, /^web-[456789bcdf]+$/);
    assert.equal(s.pods.length, 3);
    for (const p of s.pods) {
      assert.match(p.name, new RegExp(`^${rs.name}-${SUFFIX}$`));
      assert.deepEqual(p.owner, { kind: 'ReplicaSet', name: rs.name });
      assert.deepEqual(p.workload, { kind: 'Deployment', name: 'web' });
      assert.equal(p.phase, 'Running');
      assert.notEqual(p.nodeName, 'control-plane');
      const node = s.nodes.find((n) => n.name === p.nodeName)!;
      assert.ok(p.podIP!.startsWith(node.podCIDR.replace(/0\/24$/, '')), `${p.podIP} in ${node.podCIDR}`);
      assert.ok(p.scheduling, 'scheduled pods carry an explanation');
      assert.deepEqual(p.requests.cpu, 500);
      assert.equal(p.source!.path, 'test.yaml');
    }
    const w = s.workloads.find((x) => x.kind === 'Deployment')!;
    assert.deepEqual([w.desired, w.scheduled, w.pending, w.pods.length], [3, 3, 0, 3]);
    assert.deepEqual(w.replicaSets, [rs.name]);
    assert.equal(s.endpointSlices.length, 1);
    assert.equal(s.endpointSlices[0].endpoints.length, 3);
    assert.deepEqual(s.endpointSlices[0].ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
    assert.deepEqual(overCommitted(s), []);
    assert.deepEqual(endpointMismatches(s), []);
    const cpuUsed = s.nodes.reduce((a, n) => a + (n.requested.cpu ?? 0), 0);
    assert.equal(cpuUsed, 1500);
  });

  it('events follow the control loop: Stored, ScalingReplicaSet, SuccessfulCreate, Scheduled, EndpointsUpdated', () => {
    const s = simulate(manifests(web(2)), { seed: 1 });
    const reasons = s.events.map((e) => e.reason);
    const firstIdx = (r: string) => reasons.indexOf(r);
    assert.ok(firstIdx('Stored') < firstIdx('ScalingReplicaSet'));
    assert.ok(firstIdx('ScalingReplicaSet') < firstIdx('SuccessfulCreate'));
    assert.ok(firstIdx('SuccessfulCreate') < firstIdx('Scheduled'));
    assert.ok(firstIdx('Scheduled') < firstIdx('EndpointsUpdated'));
    const sc = s.events.find((e) => e.reason === 'Scheduled')!;
    assert.equal(sc.source, 'default-scheduler');
    assert.match(sc.message, new RegExp(`^Successfully assigned shop/web-\\w+-${SUFFIX} to worker-\\d$`));
    assert.deepEqual(s.events.filter((e) => e.reason === 'SuccessfulCreate').map((e) => e.source), ['replicaset-controller', 'replicaset-controller']);
    assert.deepEqual(s.events.map((e) => e.seq), [...s.events.map((e) => e.seq)].sort((a, b) => a - b));
  });

  it('is byte-identical for the same seed and differs for another seed', () => {
    const m = manifests(web(5));
    const a = JSON.stringify(simulate(m, { seed: 7 }));
    const b = JSON.stringify(simulate(m, { seed: 7 }));
    const c = JSON.stringify(simulate(m, { seed: 8 }));
    assert.equal(a, b);
    assert.notEqual(a, c);
  });

  it('does not mutate its inputs', () => {
    const m = manifests(web(2));
    const before = JSON.stringify(m.map((x) => x.object));
    simulate(m, { seed: 1 });
    assert.equal(JSON.stringify(m.map((x) => x.object)), before);
  });

  it('never writes to its inputs, of any kind (deep-frozen inputs: a write would throw)', () => {
    const freeze = (x: unknown): void => {
      if (x === null || typeof x !== 'object' || Object.isFrozen(x)) return;
      Object.freeze(x);
      for (const v of Object.values(x)) freeze(v);
    };
    const shop = manifests(fs.readFileSync(path.join(repoRoot, 'examples', 'shop.yaml'), 'utf8'), 'shop.yaml');
    // a CRD, a ConfigMap, RBAC and a LimitRange / RuntimeClass / IngressClass next to the shop's workloads
    const argo = corpusManifests('kube-prometheus/manifests/setup/0prometheusruleCustomResourceDefinition.yaml', 'kube-prometheus/manifests/grafana-config.yaml',
      'kube-prometheus/manifests/grafana-serviceAccount.yaml', 'kube-prometheus/manifests/prometheus-roleConfig.yaml');
    const extra = manifests(`${web(2)}
---
apiVersion: v1
kind: LimitRange
metadata: {name: lr, namespace: shop}
spec: {limits: [{type: Container, defaultRequest: {cpu: 100m}}]}
---
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata: {name: rc}
handler: runc
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx, annotations: {ingressclass.kubernetes.io/is-default-class: "true"}}
spec: {controller: k8s.io/ingress-nginx}
`);
    const all = [...shop, ...argo, ...extra];
    assert.deepEqual([...new Set(argo.map((m) => m.object.kind))], ['CustomResourceDefinition', 'Secret', 'ServiceAccount', 'Role']);
    const before = JSON.stringify(all.map((x) => x.object));
    for (const m of all) freeze(m.object);
    const s = simulate(all, { seed: 1 });
    assert.ok(s.pods.length >= 9 && s.objects.length > 0);
    assert.equal(JSON.stringify(all.map((x) => x.object)), before);
  });

  it('pods with spec.nodeName are already running there: no scheduling, resources counted', () => {
    const s = simulate(manifests(`
apiVersion: v1
kind: Pod
metadata: {name: pinned}
spec:
  nodeName: worker-2
  containers: [{name: c, image: busybox, resources: {requests: {cpu: "1"}}}]
`), { seed: 1 });
    const p = pod(s, 'pinned');
    assert.equal(p.nodeName, 'worker-2');
    assert.equal(p.phase, 'Running');
    assert.equal(p.scheduling, null);
    assert.equal(s.nodes.find((n) => n.name === 'worker-2')!.requested.cpu, 1000);
    assert.ok(!s.events.some((e) => e.reason === 'Scheduled'));
  });

  it('the kubelet rejects a bound pod that does not fit (OutOfcpu), so nodes are never over-committed', () => {
    const s = simulate(manifests(`
apiVersion: v1
kind: Pod
metadata: {name: a}
spec: {nodeName: worker-1, containers: [{name: c, image: busybox, resources: {requests: {cpu: "3"}}}]}
---
apiVersion: v1
kind: Pod
metadata: {name: b}
spec: {nodeName: worker-1, containers: [{name: c, image: busybox, resources: {requests: {cpu: "2"}}}]}
`), { seed: 1 });
    assert.equal(pod(s, 'a').phase, 'Running');
    const b = pod(s, 'b');
    assert.equal(b.phase, 'Failed');
    assert.equal(b.message, "Pod was rejected: Node didn't have enough resource: cpu, requested: 2000, used: 3000, capacity: 4000");
    assert.ok(s.events.some((e) => e.reason === 'OutOfcpu' && e.source === 'kubelet'));
    assert.deepEqual(overCommitted(s), []);
  });

  it('Node manifests among the inputs replace the preset; the cluster file is used otherwise', () => {
    const nodeYaml = `
apiVersion: v1
kind: Node
metadata: {name: big, labels: {kubernetes.io/hostname: big}}
status: {allocatable: {cpu: "64", memory: 256Gi, pods: "200"}}
`;
    const s = simulate(manifests(nodeYaml + '---' + web(2)), { seed: 1 });
    assert.equal(s.clusterSource, 'input');
    assert.deepEqual(s.nodes.map((n) => [n.name, n.origin]), [['big', 'input']]);
    assert.equal(s.nodes[0].podCIDR, '10.244.0.0/24');
    assert.ok(s.pods.every((p) => p.nodeName === 'big'));
    const fromFile = simulate(manifests(web(2)), { seed: 1, clusterObjects: manifests(nodeYaml).map((m) => m.object) });
    assert.equal(fromFile.clusterSource, 'cluster-file');
    assert.equal(fromFile.nodes[0].origin, 'cluster-file');
    const ha = simulate(manifests(web(2)), { seed: 1, preset: 'ha' });
    assert.equal(ha.clusterSource, 'ha');
    const unknown = simulate(manifests(web(1)), { seed: 1, preset: 'nope' });
    assert.equal(unknown.clusterSource, 'default');
    assert.ok(unknown.warnings.some((w) => /unknown cluster preset "nope"/.test(w.message)));
  });

  it('a pod that fits nowhere stays Pending with the FailedScheduling message', () => {
    const s = simulate(manifests(`
apiVersion: v1
kind: Pod
metadata: {name: huge}
spec:
  containers: [{name: c, image: busybox, resources: {requests: {cpu: "64"}}}]
`), { seed: 1 });
    const p = pod(s, 'huge');
    assert.equal(p.phase, 'Pending');
    assert.equal(p.nodeName, null);
    assert.equal(p.podIP, null);
    assert.match(p.message!, /^0\/4 nodes are available: .*Insufficient cpu/);
    assert.ok(p.scheduling && Object.keys(p.scheduling.filtered).length === 4);
    const ev = s.events.find((e) => e.reason === 'FailedScheduling')!;
    assert.equal(ev.type, 'Warning');
    assert.equal(ev.message, p.message);
  });

  it('KubeSchedulerConfiguration profiles: pods go to the profile named by schedulerName; unknown names stay Pending', () => {
    const pods = `
apiVersion: v1
kind: Pod
metadata: {name: mine}
spec: {schedulerName: my-scheduler, containers: [{name: c, image: busybox}]}
---
apiVersion: v1
kind: Pod
metadata: {name: plain}
spec: {containers: [{name: c, image: busybox}]}
`;
    const without = simulate(manifests(pods), { seed: 1 });
    assert.equal(pod(without, 'plain').phase, 'Running');
    assert.equal(pod(without, 'mine').phase, 'Pending');
    assert.match(pod(without, 'mine').message!, /no scheduler named "my-scheduler"/);
    assert.equal(pod(without, 'mine').scheduling, null);
    const cfg = `
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
- schedulerName: default-scheduler
- schedulerName: my-scheduler
  plugins:
    score:
      disabled: [{name: '*'}]
---
`;
    const withCfg = simulate(manifests(cfg + pods), { seed: 1 });
    assert.equal(pod(withCfg, 'mine').phase, 'Running');
    assert.equal(pod(withCfg, 'plain').phase, 'Running');
    assert.ok(withCfg.objects.some((o) => o.kind === 'KubeSchedulerConfiguration'));
    const viaFile = simulate(manifests(pods), { seed: 1, clusterObjects: manifests(cfg).map((m) => m.object) });
    assert.equal(pod(viaFile, 'mine').phase, 'Running');
  });

  it('scheduling gates keep a pod Pending without an explanation', () => {
    const s = simulate(manifests(`
apiVersion: v1
kind: Pod
metadata: {name: gated}
spec:
  schedulingGates: [{name: example.com/a}, {name: example.com/b}]
  containers: [{name: c, image: busybox}]
`), { seed: 1 });
    const p = pod(s, 'gated');
    assert.equal(p.phase, 'Pending');
    assert.equal(p.message, 'waiting for scheduling gates: [example.com/a example.com/b]');
    assert.equal(p.scheduling, null);
  });

  it('priority comes from the PriorityClass; an unknown class makes the controller fail to create pods', () => {
    const s = simulate(manifests(`
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {priorityClassName: high, containers: [{name: c, image: busybox}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: lost}
spec:
  replicas: 2
  selector: {matchLabels: {app: lost}}
  template:
    metadata: {labels: {app: lost}}
    spec: {priorityClassName: missing, containers: [{name: c, image: busybox}]}
`), { seed: 1 });
    assert.equal(pod(s, 'p').priority, 1000);
    assert.equal(s.pods.filter((p) => p.workload?.name === 'lost').length, 0);
    const fc = s.events.filter((e) => e.reason === 'FailedCreate');
    assert.equal(fc.length, 2);
    assert.match(fc[0].message, /^Error creating: pods "lost-\w+-" is forbidden: no PriorityClass with name missing was found$/);
    assert.ok(s.warnings.some((w) => /no PriorityClass with name missing/.test(w.message)));
  });

  it('preemption: the high-priority pod evicts a lower-priority one, which its ReplicaSet recreates', () => {
    const s = simulate(manifests(`
apiVersion: v1
kind: Node
metadata: {name: small, labels: {kubernetes.io/hostname: small}}
status: {allocatable: {cpu: "1", memory: 4Gi, pods: "10"}}
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: critical}
value: 100000
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: filler}
spec:
  replicas: 2
  selector: {matchLabels: {app: filler}}
  template:
    metadata: {labels: {app: filler}}
    spec: {containers: [{name: c, image: busybox, resources: {requests: {cpu: 500m}}}]}
---
apiVersion: v1
kind: Pod
metadata: {name: vip}
spec: {priorityClassName: critical, containers: [{name: c, image: busybox, resources: {requests: {cpu: 500m}}}]}
`), { seed: 1 });
    // PrioritySort: vip is scheduled first, so it fits without preemption.
    assert.equal(pod(s, 'vip').phase, 'Running');
    assert.equal(s.preemptions.length, 0);
    const pending = s.pods.filter((p) => p.phase === 'Pending');
    assert.equal(pending.length, 1);

    const bound = simulate(manifests(`
apiVersion: v1
kind: Node
metadata: {name: small, labels: {kubernetes.io/hostname: small}}
status: {allocatable: {cpu: "1", memory: 4Gi, pods: "10"}}
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: critical}
value: 100000
---
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: filler}
spec:
  replicas: 2
  selector: {matchLabels: {app: filler}}
  template:
    metadata: {labels: {app: filler}}
    spec: {nodeName: small, containers: [{name: c, image: busybox, resources: {requests: {cpu: 500m}}}]}
---
apiVersion: v1
kind: Pod
metadata: {name: vip}
spec: {priorityClassName: critical, containers: [{name: c, image: busybox, resources: {requests: {cpu: 500m}}}]}
`), { seed: 1 });
    // vip preempts one filler; the ReplicaSet recreates it pinned to the same node (template nodeName) and
    // the kubelet admits it into the freed room, so vip preempts again; replacements of a second round are
    // not recreated (the simulation bounds this livelock).
    assert.equal(bound.preemptions.length, 2);
    for (const pre of bound.preemptions) {
      assert.equal(pre.preemptor, 'default/vip');
      assert.equal(pre.node, 'small');
      assert.equal(pre.victims.length, 1);
    }
    const vip = pod(bound, 'vip');
    assert.deepEqual([vip.phase, vip.nodeName], ['Running', 'small']);
    const fillers = bound.pods.filter((p) => p.owner?.name === 'filler');
    assert.equal(fillers.length, 3);
    assert.equal(fillers.filter((p) => p.phase === 'Running').length, 1);
    const victims = fillers.filter((p) => p.phase === 'Failed');
    assert.deepEqual(victims.map((p) => `${p.namespace}/${p.name}`).sort(), bound.preemptions.flatMap((p) => p.victims).sort());
    assert.ok(victims.every((p) => p.preemptedBy === 'default/vip' && p.message === 'Preempted by pod default/vip on node small'));
    assert.equal(bound.events.filter((e) => e.reason === 'Preempted').length, 2);
    assert.deepEqual(overCommitted(bound), []);
  });

  it('StatefulSet OrderedReady: later ordinals wait for a Running predecessor', () => {
    const sts = (cpu: string) => `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 3
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: c, image: postgres, resources: {requests: {cpu: "${cpu}"}}}]}
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec: {clusterIP: None, selector: {app: db}, ports: [{port: 5432}]}
`;
    const ok = simulate(manifests(sts('1')), { seed: 1 });
    assert.deepEqual(ok.pods.map((p) => [p.name, p.phase]), [['db-0', 'Running'], ['db-1', 'Running'], ['db-2', 'Running']]);
    const created = ok.events.filter((e) => e.reason === 'SuccessfulCreate').map((e) => e.message);
    assert.deepEqual(created, ['create Pod db-0 in StatefulSet db successful', 'create Pod db-1 in StatefulSet db successful', 'create Pod db-2 in StatefulSet db successful']);
    assert.ok(ok.endpointSlices[0].endpoints.every((e) => e.hostname === e.targetRef!.name));
    assert.equal(ok.services[0].headless, true);
    const stuck = simulate(manifests(sts('100')), { seed: 1 });
    assert.deepEqual(stuck.pods.map((p) => [p.name, p.phase]), [['db-0', 'Pending']]);
    const w = stuck.workloads[0] as { desired: number; message?: string };
    assert.equal(w.desired, 3);
    assert.match(w.message!, /db-1 is not created until db-0 is Running and Ready/);
  });

  it('StatefulSet PVCs bind through the preset default StorageClass once their pod runs', () => {
    const s = simulate(manifests(`
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: c, image: postgres, volumeMounts: [{name: data, mountPath: /d}]}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`), { seed: 1 });
    assert.deepEqual(s.persistentVolumeClaims.map((c) => [c.name, c.phase, c.storageClassName]), [['data-db-0', 'Bound', 'standard'], ['data-db-1', 'Bound', 'standard']]);
    assert.ok(s.persistentVolumeClaims.every((c) => /^pvc-/.test(c.volumeName!)));
    assert.deepEqual(s.pods[0].references, [{ kind: 'PersistentVolumeClaim', name: 'data-db-0' }]);
  });

  it('DaemonSet pods land one per eligible node through the scheduler', () => {
    const s = simulate(manifests(`
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: c, image: agent}]}
`), { seed: 1 });
    assert.deepEqual(s.pods.map((p) => p.nodeName).sort(), ['worker-1', 'worker-2', 'worker-3']);
    assert.ok(s.pods.every((p) => p.scheduling !== null));
  });

  it('HPA clamps replicas; what-if scale and nodeDown/cordon/addNode change the outcome', () => {
    const hpa = `
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 4, maxReplicas: 6}
`;
    const s = simulate(manifests(web(2) + hpa), { seed: 1 });
    const w = s.workloads.find((x) => x.name === 'web')!;
    assert.equal(w.desired, 4);
    assert.deepEqual(w.hpa, { name: 'web', minReplicas: 4, maxReplicas: 6, specReplicas: 2 });
    assert.ok(s.objects.some((o) => o.kind === 'HorizontalPodAutoscaler' && o.target?.name === 'web'));

    const scaled = simulate(manifests(web(2)), { seed: 1, whatIfs: [{ kind: 'scale', workload: { kind: 'Deployment', namespace: 'shop', name: 'web' }, replicas: 5 }] });
    assert.equal(scaled.pods.length, 5);

    const down = simulate(manifests(web(6)), { seed: 1, whatIfs: [{ kind: 'nodeDown', node: 'worker-1' }, { kind: 'cordon', node: 'worker-2' }] });
    assert.ok(!down.nodes.some((n) => n.name === 'worker-1'));
    assert.equal(down.nodes.find((n) => n.name === 'worker-2')!.unschedulable, true);
    // worker-1's pods are replaced on worker-2/3 before the cordon, which evicts nothing
    assert.ok(down.pods.filter((p) => p.phase === 'Running').every((p) => p.nodeName === 'worker-2' || p.nodeName === 'worker-3'));
    assert.equal(down.pods.filter((p) => p.phase === 'Running').length, 6);

    const added = simulate(manifests(web(2)), { seed: 1, whatIfs: [{ kind: 'addNode', like: 'worker-3' }] });
    const copy = added.nodes.find((n) => n.name === 'worker-3-copy-1')!;
    assert.equal(copy.origin, 'what-if');
    assert.equal(copy.zone, 'zone-c');
    assert.equal(copy.podCIDR, '10.244.4.0/24');
  });

  it('a pod bound to a node taken down is gone', () => {
    const s = simulate(manifests(`
apiVersion: v1
kind: Pod
metadata: {name: pinned}
spec: {nodeName: worker-1, containers: [{name: c, image: busybox}]}
`), { seed: 1, whatIfs: [{ kind: 'nodeDown', node: 'worker-1' }] });
    assert.equal(s.pods.find((p) => p.name === 'pinned'), undefined);
    assert.ok(s.events.some((e) => e.reason === 'TaintManagerEviction' && e.object.name === 'pinned'));
  });

  it('rolling-update preview from the previous version', () => {
    const prev = manifests(web(4));
    const cur = manifests(web(4).replace('nginx:1.27', 'nginx:1.28'));
    const s = simulate(cur, { seed: 1, previous: prev });
    assert.equal(s.rollouts.length, 1);
    const r = s.rollouts[0];
    assert.equal(r.deployment, 'web');
    assert.equal(r.newReplicaSet, s.replicaSets[0].name);
    assert.notEqual(r.oldReplicaSet, r.newReplicaSet);
    assert.deepEqual(r.steps[r.steps.length - 1].newReplicas, 4);
    assert.equal(r.stuck, null);
    assert.equal(simulate(prev, { seed: 1, previous: prev }).rollouts.length, 0);
  });

  it('Jobs run pods, CronJobs show their next Job, Ingress routes resolve, other objects are listed', () => {
    const s = simulate(manifests(web(1) + `
---
apiVersion: batch/v1
kind: Job
metadata: {name: migrate, namespace: shop}
spec:
  parallelism: 2
  completions: 4
  template: {spec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, namespace: shop}
spec:
  schedule: "0 3 * * *"
  jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: c, image: busybox}]}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}]}}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: shop}
data: {a: b}
`), { seed: 1 });
    assert.equal(s.pods.filter((p) => p.owner?.kind === 'Job').length, 2);
    const cj = s.workloads.find((w) => w.kind === 'CronJob') as { nextJob?: { name: string; scheduledTime: string } };
    assert.equal(cj.nextJob!.scheduledTime, '2026-01-01T03:00:00Z');
    assert.equal(cj.nextJob!.name, `report-${Date.UTC(2026, 0, 1, 3) / 60000}`);
    assert.deepEqual(s.ingressRoutes.map((r) => [r.service, r.port, r.resolvedPort, r.problem]), [['web', 'http', 80, null]]);
    assert.ok(s.objects.some((o) => o.kind === 'ConfigMap' && o.name === 'cfg' && o.source?.path === 'test.yaml'));
  });

  it('NodePort conflicts become warnings; services report selectors that match nothing', () => {
    const s = simulate(manifests(`
apiVersion: v1
kind: Service
metadata: {name: a}
spec: {type: NodePort, selector: {app: none}, ports: [{port: 80, nodePort: 30100}]}
---
apiVersion: v1
kind: Service
metadata: {name: b}
spec: {type: NodePort, selector: {app: none}, ports: [{port: 80, nodePort: 30100}]}
`), { seed: 1 });
    assert.ok(s.warnings.some((w) => /nodePort 30100\/TCP is already allocated/.test(w.message) && w.object?.name === 'b'));
    assert.deepEqual(s.services[0].problems, ['selector matches no pods']);
    assert.equal(s.endpointSlices.filter((e) => e.service === 'a')[0].endpoints.length, 0);
  });

  it('simulateObjects works without sources and on empty input', () => {
    const empty = simulateObjects([], { seed: 3 });
    assert.equal(empty.pods.length, 0);
    assert.equal(empty.nodes.length, 4);
    assert.equal(empty.seed, 3);
    const s = simulateObjects(manifests(web(1)).map((m) => m.object), { seed: 3 });
    assert.equal(s.pods[0].source, null);
  });

  it('large clusters keep a bounded explanation: best scores, the selected node, and how much was left out', () => {
    const scores: Record<string, { total: number; plugins: Record<string, number> }> = {};
    const filtered: Record<string, string[]> = {};
    for (let i = 0; i < 60; i++) scores[`n${i}`] = { total: i, plugins: { NodeResourcesFit: i } };
    for (let i = 0; i < 150; i++) filtered[`t${i}`] = ['node(s) had untolerated taint(s)'];
    const c = compactScheduling({ filtered, scores, filteredBy: Object.fromEntries(Object.keys(filtered).map((n) => [n, 'TaintToleration'])), selected: 'n3' }, true);
    assert.equal(Object.keys(c.scores).length, MAX_SCORES_KEPT + 1);
    assert.ok(c.scores.n59 && c.scores.n35 && c.scores.n3 && !c.scores.n34);
    assert.equal(Object.keys(c.filtered).length, 100);
    assert.equal(Object.keys(c.filteredBy!).length, 100);
    assert.deepEqual(c.omitted, { scores: 60 - MAX_SCORES_KEPT - 1, filtered: 50 });
    const small = { filtered: { a: ['x'] }, scores: { b: { total: 1, plugins: {} } } };
    assert.equal(compactScheduling(small, true), small);
  });

  it('large clusters: the first replicas of a controller keep their tables, the others refer to one of them', () => {
    const nodes = Array.from({ length: 40 }, (_, i) => ({
      apiVersion: 'v1', kind: 'Node', metadata: { name: `n${String(i).padStart(2, '0')}`, labels: { 'kubernetes.io/hostname': `n${String(i).padStart(2, '0')}`, ...(i % 8 === 7 ? { dedicated: 'x' } : {}) } },
      spec: i % 8 === 7 ? { taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] } : {},
      status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } },
    }));
    const objects = [...nodes, ...manifests(`${web(8)}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  replicas: 5
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: postgres:16, resources: {requests: {cpu: 100m}}}]}
---
apiVersion: v1
kind: Pod
metadata: {name: solo, namespace: shop}
spec: {containers: [{name: c, image: busybox}]}
`).map((m) => m.object)];
    const s = simulateObjects(objects, { seed: 1 });
    const feasible = 35; // 40 nodes, 5 tainted
    for (const ownerName of ['web', 'db']) {
      const pods = s.pods.filter((p) => p.workload?.name === ownerName);
      assert.ok(pods.length >= 5 && pods.every((p) => p.phase === 'Running'));
      const full = pods.filter((p) => p.scheduling!.groupExplanation === undefined);
      assert.equal(full.length, FULL_EXPLANATIONS_PER_CONTROLLER, ownerName);
      for (const p of full) {
        // the best 25, plus the selected node when a tie-break put it outside them
        const kept = Object.keys(p.scheduling!.scores).length;
        assert.ok(kept === MAX_SCORES_KEPT || kept === MAX_SCORES_KEPT + 1, `${kept}`);
        assert.ok(p.scheduling!.scores[p.nodeName!]);
        assert.equal(Object.keys(p.scheduling!.filtered).length, 5);
        assert.deepEqual(p.scheduling!.omitted, { scores: feasible - Object.keys(p.scheduling!.scores).length, filtered: 0 });
      }
      for (const p of pods.filter((x) => !full.includes(x))) {
        const sch = p.scheduling!;
        // its own row: the selected node, whose total is the weighted sum of its plugin scores
        assert.deepEqual(Object.keys(sch.scores), [p.nodeName]);
        assert.equal(sch.selected, p.nodeName);
        const row = sch.scores[p.nodeName!];
        assert.equal(row.total, Object.entries(row.plugins).reduce((t, [pl, v]) => t + v * sch.weights![pl], 0));
        assert.deepEqual(sch.filtered, {});
        assert.deepEqual(sch.omitted, { scores: feasible - 1, filtered: 5 });
        assert.ok(full.some((f) => `${f.namespace}/${f.name}` === sch.groupExplanation), `${p.name} refers to a full table of its controller`);
      }
    }
    // a bare pod has no siblings: always its own (bounded) table
    const solo = s.pods.find((p) => p.name === 'solo')!;
    assert.equal(solo.scheduling!.groupExplanation, undefined);
    assert.ok(Object.keys(solo.scheduling!.scores).length >= MAX_SCORES_KEPT);
    // same inputs, same JSON
    assert.equal(JSON.stringify(simulateObjects(objects, { seed: 1 })), JSON.stringify(s));
  });

  it('large clusters: pending replicas beyond the first few refer to a pending one, and keep their own message', () => {
    const nodes = Array.from({ length: 150 }, (_, i) => ({
      apiVersion: 'v1', kind: 'Node', metadata: { name: `n${String(i).padStart(3, '0')}`, labels: { 'kubernetes.io/hostname': `n${String(i).padStart(3, '0')}` } },
      status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } },
    }));
    const objects = [...nodes, ...manifests(web(6, '      nodeSelector: {disk: ssd}')).map((m) => m.object)];
    const s = simulateObjects(objects, { seed: 1 });
    const pods = s.pods.filter((p) => p.workload?.name === 'web');
    assert.equal(pods.length, 6);
    assert.match(pods[0].message ?? '', /^0\/150 nodes are available: 150 node\(s\) didn't match Pod's node affinity\/selector\./);
    for (const p of pods) assert.equal(p.message, pods[0].message);
    const full = pods.filter((p) => p.scheduling!.groupExplanation === undefined);
    assert.equal(full.length, FULL_EXPLANATIONS_PER_CONTROLLER);
    for (const p of full) assert.equal(Object.keys(p.scheduling!.filtered).length, 150);
    for (const p of pods.filter((x) => !full.includes(x))) {
      assert.deepEqual(p.scheduling!.filtered, {});
      assert.deepEqual(p.scheduling!.scores, {});
      assert.deepEqual(p.scheduling!.omitted, { scores: 0, filtered: 150 });
      assert.ok(full.some((f) => `${f.namespace}/${f.name}` === p.scheduling!.groupExplanation));
    }
  });

  it('a reference keeps the selected row and counts the rest', () => {
    const scores: Record<string, { total: number; plugins: Record<string, number> }> = {};
    for (let i = 0; i < 60; i++) scores[`n${i}`] = { total: i, plugins: { NodeResourcesFit: i } };
    const r = referToGroupExplanation({ filtered: { t: ['node(s) had untolerated taint(s)'] }, scores, selected: 'n7', weights: { NodeResourcesFit: 1 } }, 'n7', 'ns/other');
    assert.deepEqual(r, { filtered: {}, scores: { n7: { total: 7, plugins: { NodeResourcesFit: 7 } } }, selected: 'n7', weights: { NodeResourcesFit: 1 }, omitted: { scores: 59, filtered: 1 }, groupExplanation: 'ns/other' });
  });

  it('bad input does not crash', () => {
    const s = simulateObjects([
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: 'nonsense' } as never,
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'y' }, spec: { containers: 'no' } } as never,
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'z' }, spec: { ports: [null, { port: 'x' }] } } as never,
      { apiVersion: 'v1', kind: 'Node' } as never,
      null as never,
    ], { seed: 1 });
    assert.ok(Array.isArray(s.warnings));
  });
});
