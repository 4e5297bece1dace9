// Audit (issue 3): the rolling-update preview follows the Deployment controller's sync loop. rolloutRolling
// returns after a scale-up; the next sync runs before the new pods are ready, so reconcileOldReplicaSets
// counts them unavailable (newRSUnavailablePodCount). Expected sequences are the ones `kubectl describe
// deployment` shows, worked out from pkg/controller/deployment/rolling.go.
import assert from 'node:assert/strict';
import { planRollout } from '../../../src/cluster/rollout';
import type { Deployment } from '../../../src/cluster/controllers/deployment';
import { simulate } from '../../../src/cluster/simulate';
import { manifests } from './helpers';

function dep(image: string, replicas: number, strategy?: Record<string, unknown>): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image }] } }, ...(strategy ? { strategy } : {}) },
  };
}
const sizes = (r: ReturnType<typeof planRollout>) => r.steps.filter((s) => !s.action.startsWith('wait')).map((s) => (s.action.includes(' new ') ? `new ${s.newReplicas}` : `old ${s.oldReplicas}`));

describe('audit: rolling-update steps as the Deployment controller syncs', () => {
  it('3 replicas, 25%/25% (surge 1, unavailable 0): the Kubernetes docs sequence 1,2 / 2,1 / 3,0', () => {
    const r = planRollout({ previous: dep('v1', 3), current: dep('v2', 3), desired: 3, schedulable: 3 });
    assert.deepEqual(sizes(r), ['new 1', 'old 2', 'new 2', 'old 1', 'new 3', 'old 0']);
  });

  it('10 replicas, 25%/25% (surge 3, unavailable 2): old pods go before the first new ones are ready', () => {
    const r = planRollout({ previous: dep('v1', 10), current: dep('v2', 10), desired: 10, schedulable: 10 });
    assert.deepEqual(sizes(r), ['new 3', 'old 8', 'new 5', 'old 3', 'new 10', 'old 0']);
    // availability never below 8, total never above 13, and waits mark where new pods become ready
    for (const s of r.steps) {
      assert.ok(s.available >= 8 && s.oldReplicas + s.newReplicas <= 13, JSON.stringify(s));
    }
    assert.deepEqual(r.steps.filter((s) => s.action.startsWith('wait')).map((s) => s.available), [13, 13]);
    assert.equal(r.stuck, null);
  });

  it('an image that never becomes ready stops at 8 old + 5 new (the docs\' proportional-scaling example)', () => {
    const r = planRollout({ previous: dep('v1', 10), current: dep('v2', 10), desired: 10, schedulable: 0 });
    assert.deepEqual(sizes(r), ['new 3', 'old 8', 'new 5']);
    assert.match(r.stuck!, /stops with 8 old and 5 new replicas/);
  });

  it('simulate --previous exposes the same steps in the snapshot', () => {
    const yaml = (image: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 10
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: ${image}, resources: {requests: {cpu: 100m}}}]}`;
    const s = simulate(manifests(yaml('nginx:1.26')), { seed: 1, previous: manifests(yaml('nginx:1.25'), 'prev.yaml') });
    assert.equal(s.rollouts.length, 1);
    const steps = s.rollouts[0].steps.filter((x) => !x.action.startsWith('wait')).map((x) => [x.oldReplicas, x.newReplicas]);
    assert.deepEqual(steps, [[10, 3], [8, 3], [8, 5], [3, 5], [3, 10], [0, 10]]);
    // history: the new ReplicaSet is revision 2, the previous one stays at 0 replicas as revision 1
    const r = s.rollouts[0];
    const rs = (name: string) => s.replicaSets.find((x) => x.name === name)!;
    assert.equal(rs(r.newReplicaSet).annotations['deployment.kubernetes.io/revision'], '2');
    assert.equal(rs(r.newReplicaSet).replicas, 10);
    assert.equal(rs(r.oldReplicaSet).annotations['deployment.kubernetes.io/revision'], '1');
    assert.equal(rs(r.oldReplicaSet).replicas, 0);
    assert.equal(rs(r.oldReplicaSet).labels['pod-template-hash'], r.oldReplicaSet.slice('web-'.length));
    assert.deepEqual(s.workloads[0].replicaSets, [r.newReplicaSet, r.oldReplicaSet]);
    assert.equal(s.pods.length, 10, 'pods only from the new ReplicaSet');
    // without --previous: one ReplicaSet, revision 1
    const plain = simulate(manifests(yaml('nginx:1.26')), { seed: 1 });
    assert.deepEqual(plain.replicaSets.map((x) => x.annotations['deployment.kubernetes.io/revision']), ['1']);
  });

  it('the old ReplicaSet starts at what the previous version\'s HPA made of its replicas', () => {
    const version = (image: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: ${image}}]}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 6, maxReplicas: 8}`;
    const s = simulate(manifests(version('nginx:2')), { seed: 1, previous: manifests(version('nginx:1'), 'prev.yaml') });
    const r = s.rollouts[0];
    // 6 running before and after: no scaling event, surge 2 / unavailable 1 at 6
    assert.deepEqual([r.steps[0].oldReplicas, r.steps[0].newReplicas], [6, 2]);
    assert.ok(!r.steps.some((x) => x.action.includes('scaling event')));
  });
});
