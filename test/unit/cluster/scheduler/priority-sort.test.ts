import assert from 'node:assert/strict';
import { PrioritySort } from '../../../../src/cluster/scheduler/plugins/priority-sort';
import { pod } from './helpers';

describe('PrioritySort', () => {
  it('less: higher priority first, then earlier timestamp', () => {
    const ps = new PrioritySort();
    const q = (priority: number, timestamp: number) => ({ pod: pod('p'), priority, timestamp });
    assert.ok(ps.less(q(10, 5), q(1, 0)));
    assert.ok(ps.less(q(1, 0), q(1, 3)));
    assert.ok(!ps.less(q(1, 3), q(1, 3)));
  });
});
