// What-ifs are events on the converged cluster (phase 2): pods that run stay where they are; only the pods
// a what-if creates or frees are scheduled. Every test compares the real simulation with and without the
// what-if (the baseline the panel computes).
import assert from 'node:assert/strict';
import { simulate } from '../../../src/cluster/simulate';
import type { ClusterSnapshot, SnapshotPod } from '../../../src/cluster/snapshot';
import type { WhatIf } from '../../../src/protocol';
import { manifests } from './helpers';

const deployment = (name: string, replicas: number, cpu: string, extra = '') => `
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: default}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - {name: c, image: nginx, resources: {requests: {cpu: ${cpu}, memory: 64Mi}}}
${extra}`;

// the reproduction: web 6 x cpu 1, big 2 x cpu 1500m on the default cluster
const TWO = deployment('web', 6, '1') + deployment('big', 2, '1500m');

const where = (s: ClusterSnapshot) => new Map(s.pods.map((p) => [p.name, p.nodeName]));
const run = (yaml: string, whatIfs?: WhatIf[]) => simulate(manifests(yaml), { seed: 1, ...(whatIfs ? { whatIfs } : {}) });
const ownerName = (p: SnapshotPod) => p.owner?.name ?? '';

describe('cluster/what-if as events on the converged cluster', () => {
  it('nodeDown: pods elsewhere keep their nodes; the down node\'s pods are replaced under new names', () => {
    const before = run(TWO);
    const after = run(TWO, [{ kind: 'nodeDown', node: 'worker-1' }]);
    const was = where(before);
    const lost = before.pods.filter((p) => p.nodeName === 'worker-1');
    assert.ok(lost.length > 0, 'the baseline runs pods on worker-1');
    for (const p of before.pods) {
      if (p.nodeName === 'worker-1' || p.nodeName === null) continue;
      assert.equal(where(after).get(p.name), p.nodeName, `${p.name} stays on ${p.nodeName}`);
    }
    const now = new Set(after.pods.map((p) => p.name));
    for (const p of lost) assert.ok(!now.has(p.name), `${p.name} is gone`);
    const fresh = after.pods.filter((p) => !was.has(p.name));
    assert.equal(fresh.length, lost.length, 'one replacement per lost pod');
    assert.deepEqual(fresh.map(ownerName).sort(), lost.map(ownerName).sort());
    assert.ok(fresh.every((p) => p.nodeName !== 'worker-1'));
    assert.ok(!after.nodes.some((n) => n.name === 'worker-1'));
    // the timeline: what-if, NodeNotReady, eviction, the replacement's creation, then its scheduling
    const seqOf = (pred: (e: ClusterSnapshot['events'][number]) => boolean) => after.events.findIndex(pred);
    const notReady = seqOf((e) => e.reason === 'NodeNotReady' && e.object.name === 'worker-1');
    const evicted = seqOf((e) => e.reason === 'TaintManagerEviction' && e.object.name === lost[0].name);
    const created = seqOf((e) => e.reason === 'SuccessfulCreate' && e.message === `Created pod: ${fresh[0].name}`);
    assert.ok(seqOf((e) => e.reason === 'WhatIf') < notReady && notReady < evicted && evicted < created, `${notReady} ${evicted} ${created}`);
    if (fresh[0].nodeName) assert.ok(created < seqOf((e) => e.reason === 'Scheduled' && e.object.name === fresh[0].name));
  });

  it('nodeDown: a replacement that fits nowhere is Pending with the scheduler\'s exact message', () => {
    // workers have 4 cpu: 3 pods of 3 cpu run one per worker; losing one leaves no room
    const yaml = deployment('fat', 3, '3');
    const after = run(yaml, [{ kind: 'nodeDown', node: 'worker-2' }]);
    const pending = after.pods.filter((p) => p.phase === 'Pending');
    assert.equal(pending.length, 1);
    assert.match(pending[0].message ?? '', /^0\/3 nodes are available: /);
    assert.match(pending[0].message ?? '', /Insufficient cpu/);
    assert.equal(after.pods.filter((p) => p.phase === 'Running').length, 2);
  });

  it('cordon keeps the running pods; only new pods avoid the node', () => {
    const before = run(TWO);
    const after = run(TWO, [{ kind: 'cordon', node: 'worker-2' }]);
    assert.deepEqual(where(after), where(before));
    assert.equal(after.nodes.find((n) => n.name === 'worker-2')!.unschedulable, true);
    assert.ok(before.pods.some((p) => p.nodeName === 'worker-2'));
    // scaling up afterwards places the new pods around the cordoned node
    const scaled = run(TWO, [{ kind: 'cordon', node: 'worker-2' }, { kind: 'scale', workload: { kind: 'Deployment', namespace: 'default', name: 'web' }, replicas: 8 }]);
    const added = scaled.pods.filter((p) => !where(before).has(p.name));
    assert.equal(added.length, 2);
    for (const p of added) assert.notEqual(p.nodeName, 'worker-2');
    for (const p of before.pods) assert.equal(where(scaled).get(p.name), p.nodeName);
  });

  it('scale up: new pods are placed around the running ones, which stay', () => {
    const before = run(TWO);
    const after = run(TWO, [{ kind: 'scale', workload: { kind: 'Deployment', namespace: 'default', name: 'big' }, replicas: 4 }]);
    for (const p of before.pods) assert.equal(where(after).get(p.name), p.nodeName);
    assert.equal(after.pods.filter((p) => p.owner?.name.startsWith('big-')).length, 4);
    assert.equal(after.workloads.find((w) => w.name === 'big')!.desired, 4);
    assert.equal(after.replicaSets.find((r) => r.owner?.name === 'big')!.replicas, 4);
    assert.ok(after.events.some((e) => e.reason === 'ScalingReplicaSet' && /^Scaled up replica set big-\w+ from 2 to 4$/.test(e.message)));
  });

  it('scale down deletes in the ReplicaSet controller\'s order: Pending pods first, then pods doubled up on a node', () => {
    // 5 x 1.5 cpu on 3 nodes: 2 + 2 + ... leaves some Pending; scaling to 3 deletes the Pending ones first
    const yaml = deployment('api', 7, '1500m');
    const before = run(yaml);
    const pendingBefore = before.pods.filter((p) => p.phase === 'Pending').map((p) => p.name);
    assert.ok(pendingBefore.length > 0);
    const running = before.pods.filter((p) => p.phase === 'Running');
    const target = running.length - 1;
    const after = run(yaml, [{ kind: 'scale', workload: { kind: 'Deployment', namespace: 'default', name: 'api' }, replicas: target }]);
    assert.equal(after.pods.length, target);
    const names = new Set(after.pods.map((p) => p.name));
    for (const n of pendingBefore) assert.ok(!names.has(n), `pending ${n} deleted first`);
    // then one running pod from a node with the most replicas: the others keep their nodes
    for (const p of after.pods) assert.equal(p.nodeName, where(before).get(p.name));
    const perNode = (s: ClusterSnapshot) => { const m = new Map<string, number>(); for (const p of s.pods) if (p.nodeName) m.set(p.nodeName, (m.get(p.nodeName) ?? 0) + 1); return m; };
    const removed = running.find((p) => !names.has(p.name))!;
    const max = Math.max(...perNode(before).values());
    assert.equal(perNode(before).get(removed.nodeName!), max);
    assert.ok(after.events.some((e) => e.reason === 'SuccessfulDelete' && e.message === `Deleted pod: ${removed.name}`));
  });

  it('scale down with equal ranks (one replica per node) deletes one pod and leaves the others in place', () => {
    const yaml = deployment('one', 3, '100m');
    const before = run(yaml);
    const after = run(yaml, [{ kind: 'scale', workload: { kind: 'Deployment', namespace: 'default', name: 'one' }, replicas: 2 }]);
    assert.equal(after.pods.length, 2);
    for (const p of after.pods) assert.equal(p.nodeName, where(before).get(p.name));
  });

  it('StatefulSet scales by ordinal: highest removed first, new ordinals added in order', () => {
    const sts = `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: default}
spec:
  replicas: 3
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: c, image: postgres, resources: {requests: {cpu: 100m}}}]}
`;
    const before = run(sts);
    const down = run(sts, [{ kind: 'scale', workload: { kind: 'StatefulSet', namespace: 'default', name: 'db' }, replicas: 1 }]);
    assert.deepEqual(down.pods.map((p) => p.name), ['db-0']);
    assert.equal(where(down).get('db-0'), where(before).get('db-0'));
    assert.ok(down.events.findIndex((e) => e.message === 'delete Pod db-2 in StatefulSet db successful') < down.events.findIndex((e) => e.message === 'delete Pod db-1 in StatefulSet db successful'));
    const up = run(sts, [{ kind: 'scale', workload: { kind: 'StatefulSet', namespace: 'default', name: 'db' }, replicas: 5 }]);
    assert.deepEqual(up.pods.map((p) => p.name).sort(), ['db-0', 'db-1', 'db-2', 'db-3', 'db-4']);
    for (const n of ['db-0', 'db-1', 'db-2']) assert.equal(where(up).get(n), where(before).get(n));
    assert.ok(up.pods.every((p) => p.phase === 'Running'));
  });

  it('addNode moves nothing that runs; a Pending pod schedules on the new node', () => {
    const yaml = deployment('api', 7, '1500m');
    const before = run(yaml);
    const pending = before.pods.filter((p) => p.phase === 'Pending');
    assert.ok(pending.length > 0);
    const after = run(yaml, [{ kind: 'addNode', like: 'worker-1' }]);
    for (const p of before.pods) if (p.nodeName) assert.equal(where(after).get(p.name), p.nodeName);
    const landed = pending.filter((p) => where(after).get(p.name) === 'worker-1-copy-1');
    assert.ok(landed.length > 0, 'a pending pod now runs on the new node');
    assert.equal(after.pods.length, before.pods.length);
    assert.deepEqual(after.pods.filter((p) => p.nodeName === 'worker-1-copy-1').map((p) => p.name).sort(), landed.map((p) => p.name).sort());
  });

  it('addNode: a DaemonSet gets a pod on the new node', () => {
    const ds = `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: c, image: agent}]}
`;
    const after = run(ds, [{ kind: 'addNode', like: 'worker-2' }]);
    assert.deepEqual(after.pods.map((p) => p.nodeName).sort(), ['worker-1', 'worker-2', 'worker-2-copy-1', 'worker-3']);
    assert.equal(after.workloads[0].desired, 4);
  });

  it('combinations apply in order: cordon then nodeDown, then uncordon lets Pending pods in', () => {
    const yaml = deployment('fat', 3, '3');
    const before = run(yaml);
    const seq: WhatIf[] = [{ kind: 'cordon', node: 'worker-3' }, { kind: 'nodeDown', node: 'worker-1' }];
    const mid = run(yaml, seq);
    const stays = before.pods.filter((p) => p.nodeName !== 'worker-1');
    for (const p of stays) assert.equal(where(mid).get(p.name), p.nodeName);
    const replacement = mid.pods.find((p) => !where(before).has(p.name))!;
    assert.equal(replacement.phase, 'Pending');
    assert.match(replacement.message ?? '', /node\(s\) were unschedulable/);
    const end = run(yaml, [...seq, { kind: 'uncordon', node: 'worker-3' }, { kind: 'addNode', like: 'worker-2' }]);
    for (const p of stays) assert.equal(where(end).get(p.name), p.nodeName);
    assert.equal(where(end).get(replacement.name), 'worker-2-copy-1');
  });

  it('same inputs and what-ifs give the same snapshot (seeded)', () => {
    const w: WhatIf[] = [{ kind: 'nodeDown', node: 'worker-1' }, { kind: 'scale', workload: { kind: 'Deployment', namespace: 'default', name: 'web' }, replicas: 9 }];
    assert.equal(JSON.stringify(run(TWO, w)), JSON.stringify(run(TWO, w)));
  });
});

describe('cluster/what-if scale from zero and bad what-ifs', () => {
  it('a Deployment with 0 replicas scaled up gets pods; a bad what-if is a warning and changes nothing', () => {
    const yaml = deployment('idle', 0, '100m') + deployment('web', 2, '100m');
    const before = run(yaml);
    const up = run(yaml, [{ kind: 'scale', workload: { kind: 'Deployment', namespace: 'default', name: 'idle' }, replicas: 2 }]);
    const idle = up.pods.filter((p) => p.owner?.name.startsWith('idle-'));
    assert.equal(idle.length, 2);
    assert.ok(idle.every((p) => p.phase === 'Running'));
    for (const p of before.pods) assert.equal(where(up).get(p.name), p.nodeName);
    const bad = run(yaml, [{ kind: 'nodeDown', node: 'nope' }, { kind: 'scale', workload: { kind: 'DaemonSet', namespace: 'default', name: 'idle' }, replicas: 3 }]);
    assert.deepEqual(where(bad), where(before));
    assert.ok(bad.warnings.some((w) => w.message.includes('no node "nope"')));
    assert.ok(bad.warnings.some((w) => w.message.startsWith('what-if scale:')));
  });
});
