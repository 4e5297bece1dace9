// Audit (issue 3): controller behaviours checked against upstream pkg/controller.
import assert from 'node:assert/strict';
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
});
