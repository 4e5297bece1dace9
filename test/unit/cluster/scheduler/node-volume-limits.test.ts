import assert from 'node:assert/strict';
import { cluster, cycle, node, pod } from './helpers';
import { NodeVolumeLimits, Name } from '../../../../src/cluster/scheduler/plugins/node-volume-limits';

describe('NodeVolumeLimits', () => {
  it('without CSINode data there is no attach limit: PreFilter skips', () => {
    const s = cluster([node('a')]);
    const p = new NodeVolumeLimits();
    assert.equal(p.name, Name);
    assert.equal(p.preFilter(cycle(s, pod('x'))).status.code, 'Skip');
  });
});
