import assert from 'node:assert/strict';
import { planRollout, changedDeployments } from '../../../src/cluster/rollout';
import { replicaSetNameFor, type Deployment } from '../../../src/cluster/controllers/deployment';

function dep(image: string, replicas: number, strategy?: Deployment['spec'] extends infer S ? S extends { strategy?: infer T } ? T : never : never): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image }] } }, ...(strategy ? { strategy } : {}) },
  };
}

const seq = (r: ReturnType<typeof planRollout>) => r.steps.map((s) => [s.oldReplicas, s.newReplicas, s.available]);

describe('cluster/rollout', () => {
  it('default 25%/25% on 4 replicas: surge 1, unavailable 1', () => {
    const r = planRollout({ previous: dep('v1', 4), current: dep('v2', 4), desired: 4, schedulable: 4 });
    assert.equal(r.maxSurge, 1);
    assert.equal(r.maxUnavailable, 1);
    assert.equal(r.oldReplicaSet, replicaSetNameFor(dep('v1', 4)).name);
    assert.equal(r.newReplicaSet, replicaSetNameFor(dep('v2', 4)).name);
    assert.deepEqual(seq(r), [[4, 1, 4], [3, 1, 3], [3, 2, 3], [3, 2, 5], [1, 2, 3], [1, 4, 3], [1, 4, 5], [0, 4, 4]]);
    assert.equal(r.stuck, null);
    assert.match(r.steps[0].action, /^scale up new ReplicaSet web-\w+ to 1$/);
    assert.match(r.steps[1].action, /^scale down old ReplicaSet web-\w+ to 3$/);
    assert.match(r.steps[3].action, /^wait: 2 of 2 new pods of web-\w+ available$/);
  });
  it('never drops below desired - maxUnavailable and never exceeds desired + maxSurge', () => {
    for (const [surge, unavail, n] of [[1, 0, 3], [0, 1, 3], ['50%', '50%', 10], ['25%', '25%', 7], [2, 0, 5]] as const) {
      const r = planRollout({ previous: dep('v1', n), current: dep('v2', n, { rollingUpdate: { maxSurge: surge, maxUnavailable: unavail } }), desired: n, schedulable: n });
      assert.equal(r.stuck, null);
      const last = r.steps[r.steps.length - 1];
      assert.deepEqual([last.oldReplicas, last.newReplicas], [0, n]);
      for (const s of r.steps) {
        assert.ok(s.oldReplicas + s.newReplicas <= n + r.maxSurge, JSON.stringify(s));
        assert.ok(s.available >= n - r.maxUnavailable, JSON.stringify(s));
      }
    }
  });
  it('maxSurge 0 / maxUnavailable 0 resolves to unavailable 1 and still progresses', () => {
    const r = planRollout({ previous: dep('v1', 2), current: dep('v2', 2, { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }), desired: 2, schedulable: 2 });
    assert.equal(r.maxUnavailable, 1);
    assert.deepEqual(seq(r), [[1, 0, 1], [1, 1, 1], [1, 1, 2], [0, 1, 1], [0, 2, 1], [0, 2, 2]]);
  });
  it('stuck: maxUnavailable 0 and the new pods cannot be scheduled', () => {
    const r = planRollout({ previous: dep('v1', 3), current: dep('v2', 3, { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }), desired: 3, schedulable: 0 });
    assert.deepEqual(seq(r), [[3, 1, 3]]);
    assert.match(r.stuck!, /cannot be scheduled .*maxUnavailable 0/);
  });
  it('Recreate: old to 0, then new to desired', () => {
    const r = planRollout({ previous: dep('v1', 3), current: dep('v2', 3, { type: 'Recreate' }), desired: 3, schedulable: 3 });
    assert.equal(r.strategy, 'Recreate');
    assert.deepEqual(seq(r), [[0, 0, 0], [0, 3, 0], [0, 3, 3]]);
    assert.equal(r.stuck, null);
    const bad = planRollout({ previous: dep('v1', 3), current: dep('v2', 3, { type: 'Recreate' }), desired: 3, schedulable: 1 });
    assert.match(bad.stuck!, /only 1 of 3/);
  });
  it('replicas changed with the template: the scaling event comes first, and the old pods it adds start unavailable', () => {
    const r = planRollout({ previous: dep('v1', 3), current: dep('v2', 10), desired: 10, schedulable: 10 });
    assert.match(r.steps[0].action, /^scale up old ReplicaSet web-\w+ to 10 \(replicas changed: a scaling event comes before the rollout\)$/);
    // then as at 10 replicas (new 3, old 8, new 5, wait, old 3, new 10, wait, old 0); cleanupUnhealthyReplicas
    // takes the 2 old pods not yet available first
    assert.deepEqual(seq(r), [[10, 0, 3], [10, 3, 3], [8, 3, 3], [8, 5, 3], [8, 5, 13], [3, 5, 8], [3, 10, 8], [3, 10, 13], [0, 10, 10]]);
    assert.equal(r.steps[4].action.replace(/web-\w+/, 'RS'), 'wait: 8 old and 5 of 5 new pods available');
    const down = planRollout({ previous: dep('v1', 10), current: dep('v2', 3), desired: 3, schedulable: 3 });
    assert.deepEqual(down.steps[0].oldReplicas, 3);
    assert.match(down.steps[0].action, /^scale down old ReplicaSet web-\w+ to 3 \(replicas changed/);
    const recreate = planRollout({ previous: dep('v1', 3), current: dep('v2', 5, { type: 'Recreate' }), desired: 5, schedulable: 5 });
    assert.deepEqual(seq(recreate), [[5, 0, 3], [0, 0, 0], [0, 5, 0], [0, 5, 5]]);
  });
  it('a long rollout is planned to its end (400 replicas one pod at a time)', () => {
    const r = planRollout({ previous: dep('v1', 400), current: dep('v2', 400, { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }), desired: 400, schedulable: 400 });
    assert.equal(r.stuck, null);
    const last = r.steps[r.steps.length - 1];
    assert.deepEqual([last.oldReplicas, last.newReplicas, last.available], [0, 400, 400]);
    assert.ok(r.steps.length > 1000);
  });
  it('only Deployments whose template changed roll out', () => {
    assert.equal(changedDeployments([dep('v1', 3)], [dep('v1', 5)]).length, 0);
    assert.equal(changedDeployments([dep('v1', 3)], [dep('v2', 3)]).length, 1);
    assert.equal(changedDeployments([], [dep('v2', 3)]).length, 0);
  });
  it('a template that only spells out API defaults or rewrites a quantity is the same template', () => {
    const withSpec = (image: string, container: object, podSpec: object = {}) => {
      const d = dep(image, 3);
      d.spec!.template!.spec = { containers: [{ name: 'c', image, ...container }], ...podSpec };
      return d;
    };
    const plain = withSpec('nginx:1.27', { ports: [{ containerPort: 80 }], resources: { requests: { cpu: '0.5', memory: '1Gi' } } });
    const spelled = withSpec('nginx:1.27', {
      ports: [{ containerPort: 80, protocol: 'TCP' }], resources: { requests: { cpu: '500m', memory: '1073741824' } },
      imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
    }, { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler', securityContext: {} });
    assert.equal(changedDeployments([plain], [spelled]).length, 0);
    // a value other than the default is a change
    assert.equal(changedDeployments([plain], [withSpec('nginx:1.27', { ports: [{ containerPort: 80 }], resources: { requests: { cpu: '0.5', memory: '1Gi' } }, imagePullPolicy: 'Always' })]).length, 1);
    // :latest (or no tag) pulls Always by default
    assert.equal(changedDeployments([withSpec('nginx', {})], [withSpec('nginx', { imagePullPolicy: 'Always' })]).length, 0);
  });
});
