import assert from 'node:assert/strict';
import { cluster, node, pod, scheduler } from './helpers';
import {
  ErrReasonBindConflict, ErrReasonNodeConflict, ErrReasonPVNotExist, ErrUnboundImmediate,
} from '../../../../src/cluster/scheduler/plugins/volume-binding';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../../../src/cluster/k8s';
import { simulateObjects } from '../../../../src/cluster/simulate';
import type { KubeObject } from '../../../../src/manifests/types';

const claim = (name: string, spec: PersistentVolumeClaim['spec'] = {}): PersistentVolumeClaim => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec } });
const localPV = (name: string, host: string, extra: PersistentVolume['spec'] = {}, labels?: Record<string, string>): PersistentVolume => ({
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name, ...(labels ? { labels } : {}) },
  spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'local', local: { path: '/mnt' }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [host] }] }] } }, ...extra },
});
const sc = (name: string, mode: string, provisioner = 'kubernetes.io/no-provisioner', extra: Partial<StorageClass> = {}): StorageClass => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner, volumeBindingMode: mode, ...extra });
const user = (claimName: string) => pod('app', { spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] } });

describe('VolumeBinding (and VolumeRestrictions for missing claims)', () => {
  it('a missing claim fails PreFilter: persistentvolumeclaim "x" not found', () => {
    const out = scheduler().scheduleOne(user('nope'), cluster([node('a')]));
    assert.equal(out.message, '0/1 nodes are available: persistentvolumeclaim "nope" not found. no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
  });

  it('WaitForFirstConsumer: only nodes where a matching local PV is available', () => {
    const s = cluster([node('a'), node('b'), node('c')]);
    s.addStorageClass(sc('local', 'WaitForFirstConsumer'));
    s.addPersistentVolume(localPV('pv-b', 'b'));
    s.addPersistentVolumeClaim(claim('data', { storageClassName: 'local' }));
    const out = scheduler().scheduleOne(user('data'), s);
    assert.equal(out.nodeName, 'b');
    assert.deepEqual(out.scheduling.filtered.a, [ErrReasonBindConflict]);
    // Reserve bound the claim: a second claim cannot take the same PV
    assert.equal(s.boundVolumeOf(s.pvc('default', 'data')!), 'pv-b');
    s.addPersistentVolumeClaim(claim('more', { storageClassName: 'local' }));
    const again = scheduler().scheduleOne(pod('app2', { spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'more' } }] } }), s);
    assert.equal(again.message, "0/3 nodes are available: 3 node(s) didn't find available persistent volumes to bind. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
  });

  it('WaitForFirstConsumer with a provisioner: allowedTopologies limit the nodes', () => {
    const s = cluster([node('a', { labels: { 'topology.kubernetes.io/zone': 'z1' } }), node('b', { labels: { 'topology.kubernetes.io/zone': 'z2' } })]);
    s.addStorageClass(sc('fast', 'WaitForFirstConsumer', 'ebs.csi.aws.com', { allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['z2'] }] }] }));
    s.addPersistentVolumeClaim(claim('data', { storageClassName: 'fast' }));
    assert.equal(scheduler().scheduleOne(user('data'), s).nodeName, 'b');
  });

  it('bound claims: the PV\'s node affinity must match; a missing PV is reported', () => {
    const s = cluster([node('a'), node('b')]);
    s.addPersistentVolume(localPV('pv-a', 'a', { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'Exists' }] }] } } }));
    s.addPersistentVolumeClaim(claim('data', { volumeName: 'pv-a', storageClassName: 'local' }));
    const out = scheduler().scheduleOne(user('data'), s);
    assert.deepEqual(out.scheduling.filtered.a, [ErrReasonNodeConflict]);
    s.addPersistentVolumeClaim(claim('ghost', { volumeName: 'missing' }));
    const g = scheduler().scheduleOne(pod('g', { spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'ghost' } }] } }), s);
    assert.deepEqual(g.scheduling.filtered.a, [ErrReasonPVNotExist]);
  });

  it('a bound local PV pins the pod through Filter: v1.34 VolumeBinding returns no PreFilterResult', () => {
    const s = cluster([node('a'), node('b'), node('c')]);
    s.addPersistentVolume(localPV('pv-c', 'c'));
    s.addPersistentVolumeClaim(claim('data', { volumeName: 'pv-c' }));
    const out = scheduler().scheduleOne(user('data'), s);
    assert.equal(out.nodeName, 'c');
    assert.deepEqual(out.scheduling.filtered.a, [ErrReasonNodeConflict]);
    assert.equal(out.scheduling.filteredBy?.a, 'VolumeBinding');
  });

  it('unbound WaitForFirstConsumer claims take PVs smallest claim first (byPVCSize)', () => {
    const s = cluster([node('a')]);
    s.addStorageClass(sc('local', 'WaitForFirstConsumer'));
    s.addPersistentVolume(localPV('pv5-five', 'a', { capacity: { storage: '5Gi' } }, { size: 'five' }));
    s.addPersistentVolume(localPV('pv10', 'a', { capacity: { storage: '10Gi' } }));
    s.addPersistentVolumeClaim(claim('big', { storageClassName: 'local', resources: { requests: { storage: '4Gi' } } }));
    s.addPersistentVolumeClaim(claim('small', { storageClassName: 'local', resources: { requests: { storage: '1Gi' } }, selector: { matchLabels: { size: 'five' } } }));
    // in volume order "big" would take the 5Gi PV, the only one "small" may use; by size "small" picks first
    const p = pod('p', { spec: { volumes: [{ name: 'x', persistentVolumeClaim: { claimName: 'big' } }, { name: 'y', persistentVolumeClaim: { claimName: 'small' } }] } });
    assert.equal(scheduler().scheduleOne(p, s).nodeName, 'a');
    assert.equal(s.boundVolumeOf(s.pvc('default', 'small')!), 'pv5-five');
    assert.equal(s.boundVolumeOf(s.pvc('default', 'big')!), 'pv10');
  });

  it('a PV pre-bound to a WaitForFirstConsumer claim (claimRef) is bound at once and pins the pod to its node', () => {
    const s = cluster([node('n1'), node('n2')]);
    s.addStorageClass(sc('local', 'WaitForFirstConsumer'));
    s.addPersistentVolume(localPV('pv-pre', 'n1', { claimRef: { name: 'data', namespace: 'default' } }));
    s.addPersistentVolume(localPV('pv-other', 'n2'));
    s.addPersistentVolumeClaim(claim('data', { storageClassName: 'local' }));
    const out = scheduler().scheduleOne(user('data'), s);
    assert.equal(out.nodeName, 'n1');
    assert.deepEqual(out.scheduling.filtered.n2, [ErrReasonNodeConflict]);
    assert.equal(s.boundVolumeOf(s.pvc('default', 'data')!), 'pv-pre');
  });

  it('Immediate claims: bound by the PV controller when a PV matches, else "unbound immediate"', () => {
    const s = cluster([node('a')]);
    s.addStorageClass(sc('manual', 'Immediate'));
    s.addPersistentVolumeClaim(claim('data', { storageClassName: 'manual' }));
    const out = scheduler().scheduleOne(user('data'), s);
    assert.equal(out.message, `0/1 nodes are available: ${ErrUnboundImmediate}. no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.`);
    s.addPersistentVolume(localPV('pv-a', 'a', { storageClassName: 'manual' }));
    assert.equal(scheduler().scheduleOne(pod('app2', { spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } }), s).nodeName, 'a');
  });

  it('no StorageClass objects at all: a class-less claim is provisioned by the implicit default class', () => {
    const s = cluster([node('a')]);
    s.addPersistentVolumeClaim(claim('data'));
    assert.equal(scheduler().scheduleOne(user('data'), s).nodeName, 'a');
    s.implicitDefaultProvisioner = false;
    assert.match(scheduler().scheduleOne(pod('b', { spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } }), s).message ?? '', /unbound immediate/);
  });
});

describe('the snapshot\'s claims', () => {
  it('a WaitForFirstConsumer claim shows the static PV the scheduler bound it to', () => {
    const objects = [
      node('n1'), sc('local', 'WaitForFirstConsumer'), localPV('pv-static', 'n1'), claim('data', { storageClassName: 'local' }),
      pod('p', { spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } }),
    ] as KubeObject[];
    const snap = simulateObjects(objects, { seed: 1 });
    assert.equal(snap.pods[0].nodeName, 'n1');
    assert.deepEqual(snap.persistentVolumeClaims.map((c) => [c.name, c.volumeName, c.phase]), [['data', 'pv-static', 'Bound']]);
  });
});

describe('removed in-tree provisioners', () => {
  it('a class whose provisioner Kubernetes removed provisions nothing: the claim stays Pending, the pod unbound, a warning names it', () => {
    const objects = [
      node('n1'), sc('slow', 'Immediate', 'kubernetes.io/scaleio'), claim('data', { storageClassName: 'slow' }),
      pod('p', { spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } }),
    ] as KubeObject[];
    const snap = simulateObjects(objects, { seed: 1 });
    assert.match(snap.pods[0].message ?? '', new RegExp(`^0/1 nodes are available: ${ErrUnboundImmediate}\\.`));
    assert.deepEqual(snap.persistentVolumeClaims.map((c) => c.phase), ['Pending']);
    assert.deepEqual(snap.warnings.map((w) => w.message), ['StorageClass slow: provisioner kubernetes.io/scaleio was removed in Kubernetes 1.22 (no volume plugin matched name: kubernetes.io/scaleio); its claims are not provisioned']);
  });
});

describe('NodeAffinity PreFilterResult with a bound local PV', () => {
  it('nodes outside the NodeAffinity subset are "didn\'t satisfy plugin(s) [NodeAffinity]"; the PV\'s node affinity is a Filter failure', () => {
    const s = cluster([node('a'), node('b'), node('c')]);
    s.addPersistentVolume(localPV('pv-c', 'c'));
    s.addPersistentVolume(localPV('pv-b', 'b'));
    s.addPersistentVolumeClaim(claim('data', { volumeName: 'pv-c' }));
    s.addPersistentVolumeClaim(claim('other', { volumeName: 'pv-b' }));
    const pinned = pod('ds', { spec: {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] }] } } },
      volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }],
    } });
    assert.equal(scheduler().scheduleOne(pinned, s).message, "0/3 nodes are available: 1 node(s) didn't match PersistentVolume's node affinity, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
    const both = pod('both', { spec: { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }, { name: 'e', persistentVolumeClaim: { claimName: 'other' } }] } });
    assert.equal(scheduler().scheduleOne(both, s).message, "0/3 nodes are available: 3 node(s) didn't match PersistentVolume's node affinity. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
  });
});
