import assert from 'node:assert/strict';
import { cluster, cycle, node, pod } from './helpers';
import { NodeName, ErrReason } from '../../../../src/cluster/scheduler/plugins/node-name';

describe('NodeName', () => {
  it('spec.nodeName must name the node', () => {
    const s = cluster([node('a'), node('b')]);
    const p = pod('p', { spec: { nodeName: 'a' } });
    assert.equal(new NodeName().filter(cycle(s, p), s.node('a')!).code, 'Success');
    const st = new NodeName().filter(cycle(s, p), s.node('b')!);
    assert.equal(st.code, 'UnschedulableAndUnresolvable');
    assert.deepEqual(st.reasons, [ErrReason]);
    assert.equal(new NodeName().filter(cycle(s, pod('q')), s.node('b')!).code, 'Success');
  });
});
