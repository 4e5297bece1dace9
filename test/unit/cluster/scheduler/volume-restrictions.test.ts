import assert from 'node:assert/strict';
import { cluster, node, pod, scheduler } from './helpers';
import { ErrReasonDiskConflict, ErrReasonReadWriteOncePodConflict } from '../../../../src/cluster/scheduler/plugins/volume-restrictions';

describe('VolumeRestrictions', () => {
  it('the same GCE PD mounted read-write twice on a node conflicts; read-only twice does not', () => {
    const disk = (ro: boolean) => ({ containers: [{ name: 'c' }], volumes: [{ name: 'd', gcePersistentDisk: { pdName: 'pd1', readOnly: ro } }] });
    const s = cluster([node('a'), node('b', { cpu: '0' })], [pod('old', { nodeName: 'a', spec: disk(false) })]);
    const out = scheduler().scheduleOne(pod('new', { cpu: '1', spec: disk(false) }), s);
    assert.deepEqual(out.scheduling.filtered.a, [ErrReasonDiskConflict]);
    const ro = cluster([node('a')], [pod('old', { nodeName: 'a', spec: disk(true) })]);
    assert.equal(scheduler().scheduleOne(pod('new', { spec: disk(true) }), ro).nodeName, 'a');
  });

  it('a ReadWriteOncePod claim already in use blocks every node', () => {
    const s = cluster([node('a'), node('b')]);
    s.addPersistentVolumeClaim({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'solo', namespace: 'default' }, spec: { accessModes: ['ReadWriteOncePod'], volumeName: 'pv' } });
    s.addPersistentVolume({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { capacity: { storage: '1Gi' } } });
    const vol = { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'solo' } }] };
    assert.ok(scheduler().scheduleOne(pod('first', { spec: vol }), s).nodeName);
    const out = scheduler().scheduleOne(pod('second', { spec: vol }), s);
    assert.equal(out.nodeName, null);
    assert.ok(out.message?.startsWith(`0/2 nodes are available: 2 ${ErrReasonReadWriteOncePodConflict}.`));
  });
});
