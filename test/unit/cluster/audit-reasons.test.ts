// Audit (issue 3): every filter reason string word for word as reference §3 / upstream v1.34 gives it, and
// volume failures end to end (messages worked out from the reference rules: filter order, codes, sort).
import assert from 'node:assert/strict';
import { simulate } from '../../../src/cluster/simulate';
import * as NodeUnschedulable from '../../../src/cluster/scheduler/plugins/node-unschedulable';
import * as NodeName from '../../../src/cluster/scheduler/plugins/node-name';
import * as TaintToleration from '../../../src/cluster/scheduler/plugins/taint-toleration';
import * as NodeAffinity from '../../../src/cluster/scheduler/plugins/node-affinity';
import * as NodePorts from '../../../src/cluster/scheduler/plugins/node-ports';
import * as NodeResourcesFit from '../../../src/cluster/scheduler/plugins/node-resources-fit';
import * as PodTopologySpread from '../../../src/cluster/scheduler/plugins/pod-topology-spread';
import * as InterPodAffinity from '../../../src/cluster/scheduler/plugins/inter-pod-affinity';
import * as VolumeRestrictions from '../../../src/cluster/scheduler/plugins/volume-restrictions';
import * as VolumeZone from '../../../src/cluster/scheduler/plugins/volume-zone';
import * as VolumeBinding from '../../../src/cluster/scheduler/plugins/volume-binding';
import * as NodeVolumeLimits from '../../../src/cluster/scheduler/plugins/node-volume-limits';
import * as DynamicResources from '../../../src/cluster/scheduler/plugins/dynamic-resources';
import * as Preemption from '../../../src/cluster/scheduler/preemption';
import { manifests } from './helpers';

const SUFFIX_NOT_HELPFUL = (n: number) => `no new claims to deallocate, preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.`;

describe('audit: reason strings and volume messages', () => {
  it('reason constants are upstream\'s text', () => {
    const expected: [string, string][] = [
      [NodeUnschedulable.ErrReasonUnschedulable, 'node(s) were unschedulable'],
      [NodeName.ErrReason, "node(s) didn't match the requested node name"],
      [TaintToleration.ErrReasonUntoleratedTaints, 'node(s) had untolerated taint(s)'],
      [NodeAffinity.ErrReasonPod, "node(s) didn't match Pod's node affinity/selector"],
      [NodeAffinity.ErrReasonEnforced, "node(s) didn't match scheduler-enforced node affinity"],
      [NodeAffinity.ErrReasonConflict, 'pod affinity terms conflict'],
      [NodePorts.ErrReason, "node(s) didn't have free ports for the requested pod ports"],
      [NodeResourcesFit.ErrReasonTooManyPods, 'Too many pods'],
      [PodTopologySpread.ErrReasonConstraintsNotMatch, "node(s) didn't match pod topology spread constraints"],
      [InterPodAffinity.ErrReasonAffinityRulesNotMatch, "node(s) didn't match pod affinity rules"],
      [InterPodAffinity.ErrReasonAntiAffinityRulesNotMatch, "node(s) didn't match pod anti-affinity rules"],
      [InterPodAffinity.ErrReasonExistingAntiAffinityRulesNotMatch, "node(s) didn't satisfy existing pods anti-affinity rules"],
      [VolumeRestrictions.ErrReasonDiskConflict, 'node(s) had no available disk'],
      [VolumeRestrictions.ErrReasonReadWriteOncePodConflict, 'node(s) unavailable due to PersistentVolumeClaim with ReadWriteOncePod access mode already in-use by another pod'],
      [VolumeZone.ErrReasonConflict, 'node(s) had no available volume zone'],
      [VolumeBinding.ErrReasonBindConflict, "node(s) didn't find available persistent volumes to bind"],
      [VolumeBinding.ErrReasonNodeConflict, "node(s) didn't match PersistentVolume's node affinity"],
      [VolumeBinding.ErrReasonNotEnoughSpace, 'node(s) did not have enough free storage'],
      [VolumeBinding.ErrReasonPVNotExist, 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)'],
      [NodeVolumeLimits.ErrReasonMaxVolumeCountExceeded, 'node(s) exceed max volume count'],
      [DynamicResources.NoNewClaimsToDeallocate, 'no new claims to deallocate'],
      [Preemption.ReasonNotHelpful, 'Preemption is not helpful for scheduling'],
      [Preemption.ReasonNoVictims, 'No preemption victims found for incoming pod'],
      [Preemption.MsgPreemptionPolicyNever, 'not eligible due to preemptionPolicy=Never.'],
      [Preemption.MsgTerminatingPodOnNominatedNode, 'not eligible due to a terminating pod on the nominated node.'],
    ];
    for (const [actual, want] of expected) assert.equal(actual, want);
  });

  it('volume failures on the default cluster, end to end', () => {
    const s = simulate(manifests(`
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-b, labels: {topology.kubernetes.io/zone: zone-b}}
spec: {capacity: {storage: 10Gi}, accessModes: [ReadWriteOnce], claimRef: {namespace: default, name: data}, gcePersistentDisk: {pdName: disk-b}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 10Gi}}, volumeName: pv-b, storageClassName: ""}
---
apiVersion: v1
kind: Pod
metadata: {name: pinned}
spec:
  nodeSelector: {kubernetes.io/hostname: worker-1}
  volumes: [{name: d, persistentVolumeClaim: {claimName: data}}]
  containers: [{name: c, image: x}]
---
apiVersion: v1
kind: Pod
metadata: {name: free}
spec:
  volumes: [{name: d, persistentVolumeClaim: {claimName: data}}]
  containers: [{name: c, image: x}]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: lost}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}, volumeName: nowhere, storageClassName: ""}
---
apiVersion: v1
kind: Pod
metadata: {name: ghostpv}
spec:
  volumes: [{name: d, persistentVolumeClaim: {claimName: lost}}]
  containers: [{name: c, image: x}]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: rwop}
spec: {accessModes: [ReadWriteOncePod], resources: {requests: {storage: 1Gi}}}
---
apiVersion: v1
kind: Pod
metadata: {name: rwop-1}
spec:
  volumes: [{name: d, persistentVolumeClaim: {claimName: rwop}}]
  containers: [{name: c, image: x}]
---
apiVersion: v1
kind: Pod
metadata: {name: rwop-2}
spec:
  volumes: [{name: d, persistentVolumeClaim: {claimName: rwop}}]
  containers: [{name: c, image: x}]
---
apiVersion: v1
kind: Pod
metadata: {name: noclaim}
spec:
  volumes: [{name: d, persistentVolumeClaim: {claimName: nope}}]
  containers: [{name: c, image: x}]
`), { seed: 1 });
    const msg = (n: string) => s.pods.find((p) => p.name === n)!.message;
    // VolumeZone runs after NodeAffinity; both fail UnschedulableAndUnresolvable, so preemption cannot help.
    assert.equal(msg('pinned'), "0/4 nodes are available: 1 node(s) had no available volume zone, 1 node(s) had untolerated taint(s), 2 node(s) didn't match Pod's node affinity/selector. " + SUFFIX_NOT_HELPFUL(4));
    assert.equal(s.pods.find((p) => p.name === 'free')!.nodeName, 'worker-2', 'the only worker in the PV\'s zone');
    assert.equal(msg('ghostpv'), '0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s). ' + SUFFIX_NOT_HELPFUL(4));
    // The ReadWriteOncePod conflict is Unschedulable (preemption is tried; the holder has the same priority).
    assert.equal(msg('rwop-2'), '0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 node(s) unavailable due to PersistentVolumeClaim with ReadWriteOncePod access mode already in-use by another pod. ' +
      'no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.');
    // A missing claim rejects the pod at PreFilter: no histogram.
    assert.equal(msg('noclaim'), '0/4 nodes are available: persistentvolumeclaim "nope" not found. ' + SUFFIX_NOT_HELPFUL(4));
  });

  it('a claim naming a StorageClass that does not exist is Immediate: bound to a PV of that class name, else unbound', () => {
    const claimAndPod = `
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {storageClassName: fast-ssd, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
---
apiVersion: v1
kind: Pod
metadata: {name: db}
spec:
  volumes: [{name: d, persistentVolumeClaim: {claimName: data}}]
  containers: [{name: c, image: x}]`;
    const s = simulate(manifests(claimAndPod), { seed: 1 });
    assert.equal(s.pods[0].message, '0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. ' + SUFFIX_NOT_HELPFUL(4));
    const withPv = simulate(manifests(`${claimAndPod}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv1}
spec: {storageClassName: fast-ssd, capacity: {storage: 5Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /data}}`), { seed: 1 });
    assert.equal(withPv.pods[0].phase, 'Running');
  });
});
