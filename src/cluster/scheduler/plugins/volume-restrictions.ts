// VolumeRestrictions (PreFilter, Filter): in-tree disk conflicts (GCE PD, AWS EBS, RBD, iSCSI) with
// pods on the node, and ReadWriteOncePod claims already used by another pod. A missing claim fails
// PreFilter with `persistentvolumeclaim "x" not found` (UnschedulableAndUnresolvable).
import type { Pod, Volume } from '../../k8s';
import {
  arr as arr_,
} from '../../k8s';
import type { NodeInfo } from '../cluster-state';
import {
  type CycleState, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, SKIP as SKIP_, type StateData, type Status, SUCCESS as SUCCESS_, unresolvable, unschedulable,
} from '../framework';
import type { PodInfo } from '../pod-info';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const arr = arr_;
const SKIP = SKIP_;
const SUCCESS = SUCCESS_;

export const Name = 'VolumeRestrictions';
export const ErrReasonDiskConflict = 'node(s) had no available disk';
export const ErrReasonReadWriteOncePodConflict = 'node(s) unavailable due to PersistentVolumeClaim with ReadWriteOncePod access mode already in-use by another pod';

const KEY = 'PreFilter' + Name;

function needsCheck(v: Volume): boolean {
  return !!(v?.gcePersistentDisk || v?.awsElasticBlockStore || v?.rbd || v?.iscsi);
}

function overlap(a: string[] = [], b: string[] = []): boolean {
  return a.some((x) => b.includes(x));
}

export function isVolumeConflict(v: Volume, other: Pod): boolean {
  for (const e of arr(other.spec?.volumes)) {
    if (v.gcePersistentDisk && e?.gcePersistentDisk && v.gcePersistentDisk.pdName === e.gcePersistentDisk.pdName && !(v.gcePersistentDisk.readOnly && e.gcePersistentDisk.readOnly)) return true;
    if (v.awsElasticBlockStore && e?.awsElasticBlockStore && v.awsElasticBlockStore.volumeID === e.awsElasticBlockStore.volumeID) return true;
    if (v.iscsi && e?.iscsi && v.iscsi.iqn === e.iscsi.iqn && !(v.iscsi.readOnly && e.iscsi.readOnly)) return true;
    if (v.rbd && e?.rbd && overlap(v.rbd.monitors, e.rbd.monitors) && v.rbd.pool === e.rbd.pool && v.rbd.image === e.rbd.image && !(v.rbd.readOnly && e.rbd.readOnly)) return true;
  }
  return false;
}

class State implements StateData {
  constructor(readonly rwopClaims: Set<string>, public conflicts: number) {}
  clone(): StateData { return new State(this.rwopClaims, this.conflicts); }
}

export class VolumeRestrictions implements PreFilterPlugin, FilterPlugin {
  readonly name = Name;

  preFilter(cs: CycleState): { status: Status; result?: PreFilterResult } {
    const volumes = arr(cs.pod.pod.spec?.volumes);
    const check = volumes.some(needsCheck);
    const rwop = new Set<string>();
    for (const v of volumes) {
      const claim = v?.persistentVolumeClaim?.claimName;
      if (typeof claim !== 'string') continue;
      const pvc = cs.cluster.pvc(cs.pod.namespace, claim);
      if (!pvc) return { status: unresolvable(`persistentvolumeclaim "${claim}" not found`) };
      if (arr(pvc.spec?.accessModes).includes('ReadWriteOncePod')) rwop.add(claim);
    }
    let conflicts = 0;
    for (const c of rwop) if (cs.cluster.isPvcUsedByPods(cs.pod.namespace, c)) conflicts++;
    if (!check && conflicts === 0) return { status: SKIP };
    cs.write(KEY, new State(rwop, conflicts));
    return { status: SUCCESS };
  }

  private update(cs: CycleState, p: PodInfo, delta: number): void {
    const s = cs.read<State>(KEY);
    if (!s || p.namespace !== cs.pod.namespace) return;
    for (const v of arr(p.pod.spec?.volumes)) {
      const c = v?.persistentVolumeClaim?.claimName;
      if (typeof c === 'string' && s.rwopClaims.has(c)) s.conflicts += delta;
    }
  }

  addPod(cs: CycleState, added: PodInfo): void { this.update(cs, added, 1); }
  removePod(cs: CycleState, removed: PodInfo): void { this.update(cs, removed, -1); }

  filter(cs: CycleState, node: NodeInfo): Status {
    for (const v of arr(cs.pod.pod.spec?.volumes)) {
      if (!needsCheck(v)) continue;
      for (const p of node.pods) if (isVolumeConflict(v, p.pod)) return unschedulable(ErrReasonDiskConflict);
    }
    const s = cs.read<State>(KEY);
    if (s && s.conflicts > 0) return unschedulable(ErrReasonReadWriteOncePodConflict);
    return SUCCESS;
  }
}

export function create(): VolumeRestrictions {
  return new VolumeRestrictions();
}
