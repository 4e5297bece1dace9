import assert from 'node:assert/strict';
import { cluster, node, pod, scheduler } from './helpers';
import { numFeasibleNodesToFind } from '../../../../src/cluster/scheduler/scheduler';

describe('scheduler: one cycle', () => {
  it('binds a pod and records scores for every feasible node', () => {
    const s = cluster([node('a'), node('b', { cpu: '8' })]);
    const out = scheduler().scheduleOne(pod('p', { cpu: '1', memory: '1Gi' }), s);
    assert.equal(out.nodeName, 'b');
    assert.equal(out.message, null);
    assert.deepEqual(Object.keys(out.scheduling.scores).sort(), ['a', 'b']);
    assert.equal(s.node('b')?.pods.length, 1);
  });

  it('the issue example message: taint + Insufficient cpu with DRA and preemption suffix', () => {
    const s = cluster([
      node('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
      node('w1'), node('w2'), node('w3'),
    ], ['w1', 'w2', 'w3'].map((w) => pod(`busy-${w}`, { cpu: '3', nodeName: w })));
    const out = scheduler().scheduleOne(pod('big', { cpu: '2' }), s);
    assert.equal(out.nodeName, null);
    assert.equal(out.message, '0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.');
  });

  it('a request larger than a whole node is unresolvable: preemption is not helpful anywhere', () => {
    const s = cluster([node('w1', { cpu: '1' }), node('w2', { cpu: '1' })]);
    const out = scheduler().scheduleOne(pod('big', { cpu: '2' }), s);
    assert.equal(out.message, '0/2 nodes are available: 2 Insufficient cpu. no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
  });

  it('numFeasibleNodesToFind follows the adaptive percentage', () => {
    assert.equal(numFeasibleNodesToFind(null, 99), 99);
    assert.equal(numFeasibleNodesToFind(null, 500), 230);
    assert.equal(numFeasibleNodesToFind(null, 1000), 420);
    assert.equal(numFeasibleNodesToFind(null, 5000), 500);
    assert.equal(numFeasibleNodesToFind(null, 6000), 300);
    assert.equal(numFeasibleNodesToFind(null, 150), 100);
    assert.equal(numFeasibleNodesToFind(100, 5000), 5000);
  });
});
