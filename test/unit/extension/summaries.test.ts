import * as assert from 'node:assert/strict';
import { dominantReason } from '../../../src/extension/summaries';

describe('extension/summaries', () => {
  it('picks the reason that rejected the most nodes from a FailedScheduling message', () => {
    assert.equal(dominantReason('0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.'), 'Insufficient cpu');
    assert.equal(dominantReason("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."), "didn't match Pod's node affinity/selector");
    assert.equal(dominantReason('0/2 nodes are available: 2 node(s) had untolerated taint {a: b, c: d}.'), 'had untolerated taint {a: b, c: d}');
    assert.equal(dominantReason('0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.'), 'Insufficient cpu');
  });

  it('falls back to the message itself, shortened', () => {
    assert.equal(dominantReason(null), 'unschedulable');
    assert.equal(dominantReason('waiting for scheduling gates: [a b]'), 'waiting for scheduling gates: [a b]');
    assert.equal(dominantReason('x'.repeat(200)).length, 78);
  });
});
