import assert from 'node:assert/strict';
import { cluster, node, pod, scheduler } from './helpers';
import { ErrReasonConflict } from '../../../../src/cluster/scheduler/plugins/volume-zone';

describe('VolumeZone', () => {
  it('a bound PV labelled with zones only fits nodes in one of them (beta labels match GA node labels); a node with no zone or region label passes', () => {
    const s = cluster([
      node('a', { labels: { 'topology.kubernetes.io/zone': 'z1' } }), node('b', { labels: { 'topology.kubernetes.io/zone': 'z2' } }),
      node('c'), node('d', { labels: { 'topology.kubernetes.io/region': 'r1' } }),
    ]);
    s.addPersistentVolume({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv', labels: { 'failure-domain.beta.kubernetes.io/zone': 'z2__z3' } }, spec: { capacity: { storage: '1Gi' } } });
    s.addPersistentVolumeClaim({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { volumeName: 'pv' } });
    const out = scheduler().scheduleOne(pod('p', { spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } }), s);
    assert.deepEqual(out.scheduling.filtered.a, [ErrReasonConflict]);
    assert.equal(out.scheduling.filteredBy?.a, 'VolumeZone');
    // c has no topology label at all (a single-zone cluster): upstream lets it through
    assert.ok(!('c' in out.scheduling.filtered) && 'c' in out.scheduling.scores);
    // d has a region label, so it is constrained, and has no zone
    assert.deepEqual(out.scheduling.filtered.d, [ErrReasonConflict]);
    assert.ok(out.nodeName === 'b' || out.nodeName === 'c');
  });
});
