import assert from 'node:assert/strict';
import { DefaultBinder } from '../../../../src/cluster/scheduler/plugins/default-binder';
import { cluster, node, pod } from './helpers';

describe('DefaultBinder', () => {
  it('binds the pod to the node in the cluster state; an unknown node is an error', () => {
    const s = cluster([node('a')]);
    const b = new DefaultBinder();
    assert.equal(b.bind(pod('p', { cpu: '1' }), 'a', s).code, 'Success');
    assert.equal(s.node('a')!.requested.cpu, 1000);
    assert.equal(b.bind(pod('q'), 'zz', s).code, 'Error');
  });
});
