import assert from 'node:assert/strict';
import { SchedulingGates, gatedMessage } from '../../../../src/cluster/scheduler/plugins/scheduling-gates';
import { pod } from './helpers';

describe('SchedulingGates', () => {
  it('PreEnqueue keeps gated pods out of the queue with the upstream wording', () => {
    const sg = new SchedulingGates();
    assert.equal(sg.preEnqueue(pod('p')).code, 'Success');
    const st = sg.preEnqueue(pod('g', { spec: { schedulingGates: [{ name: 'example.com/quota' }] } }));
    assert.equal(st.code, 'UnschedulableAndUnresolvable');
    assert.deepEqual(st.reasons, ['waiting for scheduling gates: [example.com/quota]']);
    assert.equal(gatedMessage(['a', 'b']), 'waiting for scheduling gates: [a b]');
  });
});
