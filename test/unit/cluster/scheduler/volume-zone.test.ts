import assert from 'node:assert/strict';
import { cluster, node, pod, scheduler } from './helpers';
import { ErrReasonConflict } from '../../../../src/cluster/scheduler/plugins/volume-zone';

describe('VolumeZone', () => {
  it('a bound PV labelled with zones only fits nodes in one of them (beta labels match GA node labels)', () => {
    const s = cluster([node('a', { labels: { 'topology.kubernetes.io/zone': 'z1' } }), node('b', { labels: { 'topology.kubernetes.io/zone': 'z2' } }), node('c')]);
    s.addPersistentVolume({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv', labels: { 'failure-domain.beta.kubernetes.io/zone': 'z2__z3' } }, spec: { capacity: { storage: '1Gi' } } });
    s.addPersistentVolumeClaim({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { volumeName: 'pv' } });
    const out = scheduler().scheduleOne(pod('p', { spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } }), s);
    assert.equal(out.nodeName, 'b');
    assert.deepEqual(out.scheduling.filtered.a, [ErrReasonConflict]);
    assert.deepEqual(out.scheduling.filtered.c, [ErrReasonConflict]);
    assert.equal(out.scheduling.filteredBy?.a, 'VolumeZone');
  });
});
