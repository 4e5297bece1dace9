import assert from 'node:assert/strict';
import { cluster, cycle, node, pod } from './helpers';
import { NodeUnschedulable, ErrReasonUnschedulable } from '../../../../src/cluster/scheduler/plugins/node-unschedulable';

describe('NodeUnschedulable', () => {
  it('a cordoned node rejects pods unless they tolerate node.kubernetes.io/unschedulable:NoSchedule', () => {
    const s = cluster([node('c', { unschedulable: true }), node('ok')]);
    const nu = new NodeUnschedulable();
    const st = nu.filter(cycle(s, pod('p')), s.node('c')!);
    assert.equal(st.code, 'UnschedulableAndUnresolvable');
    assert.deepEqual(st.reasons, [ErrReasonUnschedulable]);
    assert.equal(nu.filter(cycle(s, pod('p')), s.node('ok')!).code, 'Success');
    const tol = pod('ds', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });
    assert.equal(nu.filter(cycle(s, tol), s.node('c')!).code, 'Success');
  });
});
