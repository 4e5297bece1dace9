import assert from 'node:assert/strict';
import { DynamicResources, NoNewClaimsToDeallocate } from '../../../../src/cluster/scheduler/plugins/dynamic-resources';
import { cluster, cycle, node, pod } from './helpers';

describe('DynamicResources', () => {
  it('skips pods at PreFilter and says it has no claims to deallocate at PostFilter', () => {
    const s = cluster([node('a')]);
    const dra = new DynamicResources();
    assert.equal(dra.preFilter(cycle(s, pod('p'))).status.code, 'Skip');
    const r = dra.postFilter();
    assert.equal(r.status.code, 'Unschedulable');
    assert.deepEqual(r.status.reasons, [NoNewClaimsToDeallocate]);
    assert.equal(NoNewClaimsToDeallocate, 'no new claims to deallocate');
  });
});
