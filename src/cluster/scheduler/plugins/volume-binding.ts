// VolumeBinding (PreFilter, Filter, Reserve): the pod's PersistentVolumeClaims against PVs and
// StorageClasses. Bound claims: the PV must exist and its node affinity match the node. Unbound
// WaitForFirstConsumer claims: an available matching PV whose node affinity matches, else dynamic
// provisioning allowed on the node (provisioner set, allowedTopologies match). Unbound Immediate claims
// are the PV controller's business: it binds them to a matching PV or provisions one right away; only
// when it cannot does the pod fail with "pod has unbound immediate PersistentVolumeClaims".
// The PV controller is emulated here (smallest matching available PV; otherwise dynamic provisioning
// when the class has a provisioner). VolumeBinding's PreScore (StorageCapacityScoring, alpha) is not
// implemented: it returns Skip in v1.34 by default.
import type { PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../../k8s';
import {
  arr as arr_, nameOf, namespaceOf,
} from '../../k8s';
import type { ClusterState, NodeInfo } from '../cluster-state';
import {
  type CycleState, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, SKIP as SKIP_, type StateData, Status, SUCCESS as SUCCESS_, unresolvable,
} from '../framework';
import {
  compileNodeSelector,
} from '../helpers/node-selector';
import {
  amountOf,
} from '../resources';
import { selectorMatches } from '../../../core/labels';
import { safeSelector } from '../pod-info';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const arr = arr_;
const SKIP = SKIP_;
const SUCCESS = SUCCESS_;

export const Name = 'VolumeBinding';
export const ErrReasonBindConflict = "node(s) didn't find available persistent volumes to bind";
export const ErrReasonNodeConflict = "node(s) didn't match PersistentVolume's node affinity";
export const ErrReasonNotEnoughSpace = 'node(s) did not have enough free storage';
export const ErrReasonPVNotExist = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
export const ErrUnboundImmediate = 'pod has unbound immediate PersistentVolumeClaims';
export function claimNotFound(name: string): string {
  return `persistentvolumeclaim "${name}" not found`;
}

export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
const KEY = 'PreFilter' + Name;

/** The pod's PVC volume claim names (ephemeral volumes make `<pod>-<volume>` claims). */
export function podClaimNames(pod: Pod): string[] {
  const out: string[] = [];
  for (const v of arr(pod.spec?.volumes)) {
    if (v?.persistentVolumeClaim && typeof v.persistentVolumeClaim.claimName === 'string') out.push(v.persistentVolumeClaim.claimName);
    else if (v?.ephemeral && typeof v.name === 'string') out.push(`${nameOf(pod)}-${v.name}`);
  }
  return out;
}

/** GetPersistentVolumeClaimClass + DefaultStorageClass admission: explicit name, else the default class. */
export function claimClassName(pvc: PersistentVolumeClaim, cluster: ClusterState): string {
  const c = pvc.spec?.storageClassName;
  if (typeof c === 'string') return c;
  const ann = pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (typeof ann === 'string') return ann;
  return cluster.defaultStorageClass() ? nameOf(cluster.defaultStorageClass() as StorageClass) : '';
}

function pvClassName(pv: PersistentVolume): string {
  const c = pv.spec?.storageClassName;
  if (typeof c === 'string') return c;
  const ann = pv.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
  return typeof ann === 'string' ? ann : '';
}

export function pvMatchesNode(pv: PersistentVolume, node: { name: string; labels: Record<string, string> }): boolean {
  const req = pv.spec?.nodeAffinity?.required;
  if (!req) return true;
  // upstream builds a Node with only labels: matchFields on metadata.name never match
  return compileNodeSelector(req)({ name: '', labels: node.labels });
}

/**
 * In-tree provisioners removed from Kubernetes without a CSI migration, with the release that removed
 * them: the PV controller finds no volume plugin for them ("no volume plugin matched name: ..."), so their
 * claims stay Pending. (Migrated ones, such as kubernetes.io/aws-ebs or azure-disk, provision through
 * their CSI driver, which the simulation assumes installed.)
 */
export const REMOVED_PROVISIONERS: Readonly<Record<string, string>> = {
  'kubernetes.io/scaleio': '1.22', 'kubernetes.io/storageos': '1.22', 'kubernetes.io/flocker': '1.22',
  'kubernetes.io/quobyte': '1.25', 'kubernetes.io/glusterfs': '1.26', 'kubernetes.io/rbd': '1.31',
};

/** The class provisions volumes dynamically (a provisioner that exists). */
export function canProvision(sc: StorageClass | undefined): boolean {
  return !!sc && typeof sc.provisioner === 'string' && sc.provisioner !== '' && sc.provisioner !== NO_PROVISIONER && !(sc.provisioner in REMOVED_PROVISIONERS);
}

function topologyAllows(sc: StorageClass, labels: Record<string, string>): boolean {
  const terms = arr(sc.allowedTopologies);
  if (terms.length === 0) return true;
  return terms.some((t) => arr(t?.matchLabelExpressions).every((e) => typeof e?.key === 'string' && arr(e.values).includes(labels[e.key])));
}

/** IsVolumeBoundToClaim: the PV's claimRef names this claim (and its uid, when both have one). */
function boundToClaim(pv: PersistentVolume, pvc: PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref || typeof ref !== 'object' || ref.name !== nameOf(pvc) || (ref.namespace ?? 'default') !== namespaceOf(pvc)) return false;
  const uid = (ref as { uid?: unknown }).uid;
  return typeof uid !== 'string' || uid === '' || !pvc.metadata?.uid || uid === pvc.metadata.uid;
}

/**
 * A PV pre-bound to this claim (claimRef) that can hold it: what the PV controller binds a
 * WaitForFirstConsumer claim to at once (FindMatchVolumeWithNode with no node and delayed binding).
 */
export function preboundVolume(pvc: PersistentVolumeClaim, cluster: ClusterState): PersistentVolume | null {
  return findMatchingVolume(pvc, '', cluster, NONE_TAKEN, null, true);
}

const NONE_TAKEN: ReadonlySet<string> = new Set();

/**
 * FindMatchVolumeWithNode: a PV pre-bound to the claim wins whatever its class (when the node does not
 * suit it, no other PV is tried); else the smallest available PV of the claim's class that satisfies it
 * (and the node, when given). With `delayBinding` and no node (the PV controller on a
 * WaitForFirstConsumer claim) only a pre-bound PV is returned.
 */
export function findMatchingVolume(pvc: PersistentVolumeClaim, className: string, cluster: ClusterState, taken: ReadonlySet<string>, node: NodeInfo | null, delayBinding = false): PersistentVolume | null {
  const want = amountOf('storage', pvc.spec?.resources?.requests?.storage);
  const modes = arr(pvc.spec?.accessModes);
  const volumeMode = pvc.spec?.volumeMode ?? 'Filesystem';
  let best: PersistentVolume | null = null;
  let bestSize = Infinity;
  for (const pv of cluster.persistentVolumes()) {
    const name = nameOf(pv);
    if (taken.has(name)) continue;
    const size = amountOf('storage', pv.spec?.capacity?.storage);
    if (size < want || (pv.spec?.volumeMode ?? 'Filesystem') !== volumeMode) continue;
    const ref = pv.spec?.claimRef;
    if (ref && typeof ref === 'object' && ref.name) {
      if (boundToClaim(pv, pvc)) return node && !pvMatchesNode(pv, node) ? null : pv;
      continue;
    }
    if (delayBinding && node === null) continue;
    if (cluster.isVolumeTaken(pv)) continue;
    if (pvClassName(pv) !== className) continue;
    const pvModes = arr(pv.spec?.accessModes);
    if (!modes.every((m) => pvModes.includes(m))) continue;
    if (pvc.spec?.selector && !selectorMatches(safeSelector(pvc.spec.selector), pv.metadata?.labels ?? {})) continue;
    if (node && !pvMatchesNode(pv, node)) continue;
    if (size < bestSize) {
      best = pv;
      bestSize = size;
    }
  }
  return best;
}

interface Claims {
  /** claim -> PV name (null: dynamically provisioned by the emulated PV controller, no PV object) */
  bound: { pvc: PersistentVolumeClaim; pv: string | null }[];
  delayed: { pvc: PersistentVolumeClaim; className: string }[];
  unboundImmediate: PersistentVolumeClaim[];
}

class PreFilterState implements StateData {
  /** node -> PVs chosen for the delayed claims in Filter (used by reserve) */
  readonly chosen = new Map<string, { pvc: PersistentVolumeClaim; pv: string }[]>();
  private sorted: Claims['delayed'] | null = null;
  constructor(readonly claims: Claims) {}
  clone(): StateData { return this; }

  /** the delayed claims by requested storage, smaller first (a stable sort keeps the volume order of equals) */
  delayedBySize(): Claims['delayed'] {
    this.sorted ??= this.claims.delayed.slice().sort((a, b) =>
      amountOf('storage', a.pvc.spec?.resources?.requests?.storage) - amountOf('storage', b.pvc.spec?.resources?.requests?.storage));
    return this.sorted;
  }
}

export class VolumeBinding implements PreFilterPlugin, FilterPlugin {
  readonly name = Name;

  /** Scoring needs the alpha StorageCapacityScoring gate (off in v1.34): always Skip. */
  preScore(): Status {
    return SKIP;
  }

  score(): number {
    return 0;
  }

  private classify(cs: CycleState): Status | Claims {
    const cluster = cs.cluster;
    const ns = cs.pod.namespace;
    const claims: Claims = { bound: [], delayed: [], unboundImmediate: [] };
    for (const claimName of podClaimNames(cs.pod.pod)) {
      const pvc = cluster.pvc(ns, claimName);
      if (!pvc) return unresolvable(claimNotFound(claimName));
      const pv = cluster.boundVolumeOf(pvc);
      if (pv) {
        claims.bound.push({ pvc, pv });
        continue;
      }
      const className = claimClassName(pvc, cluster);
      if (className === '' && pvc.spec?.storageClassName === undefined && cluster.storageClasses().length === 0 && cluster.implicitDefaultProvisioner) {
        claims.bound.push({ pvc, pv: null });
        continue;
      }
      const sc = className === '' ? undefined : cluster.storageClass(className);
      // A class that does not exist is not WaitForFirstConsumer (upstream IsDelayBindingMode returns false
      // on NotFound): the claim is Immediate, bound only to an existing PV of that class name, else unbound.
      if (sc && sc.volumeBindingMode === 'WaitForFirstConsumer') {
        const pre = preboundVolume(pvc, cluster);
        if (pre) {
          cluster.bindClaim(ns, claimName, nameOf(pre));
          claims.bound.push({ pvc, pv: nameOf(pre) });
        } else claims.delayed.push({ pvc, className });
        continue;
      }
      // Immediate: the PV controller binds or provisions before the scheduler sees the pod
      const match = findMatchingVolume(pvc, className, cluster, new Set(), null);
      if (match) {
        cluster.bindClaim(ns, claimName, nameOf(match));
        claims.bound.push({ pvc, pv: nameOf(match) });
      } else if (canProvision(sc)) {
        claims.bound.push({ pvc, pv: null });
      } else {
        claims.unboundImmediate.push(pvc);
      }
    }
    return claims;
  }

  preFilter(cs: CycleState): { status: Status; result?: PreFilterResult } {
    if (podClaimNames(cs.pod.pod).length === 0) return { status: SKIP };
    const c = this.classify(cs);
    if (c instanceof Status) return { status: c };
    if (c.unboundImmediate.length > 0) return { status: unresolvable(ErrUnboundImmediate) };
    // v1.34 returns no PreFilterResult (the local-PV GetEligibleNodes narrowing is gone): every node is
    // filtered, and those a bound PV's node affinity excludes fail with ErrReasonNodeConflict
    cs.write(KEY, new PreFilterState(c));
    return { status: SUCCESS };
  }

  filter(cs: CycleState, node: NodeInfo): Status {
    const s = cs.read<PreFilterState>(KEY);
    if (!s) return SUCCESS;
    let boundOk = true;
    let pvsFound = true;
    let unboundOk = true;
    for (const b of s.claims.bound) {
      if (b.pv === null) continue;
      const pv = cs.cluster.pv(b.pv);
      if (!pv) {
        pvsFound = false;
        break;
      }
      if (!pvMatchesNode(pv, node)) {
        boundOk = false;
        break;
      }
    }
    const chosen: { pvc: PersistentVolumeClaim; pv: string }[] = [];
    if (boundOk && pvsFound) {
      const taken = new Set<string>();
      // findMatchingVolumes: the claims smallest request first (sort.Sort(byPVCSize)), each taking the
      // smallest fitting PV still free
      for (const d of s.delayedBySize()) {
        const pv = findMatchingVolume(d.pvc, d.className, cs.cluster, taken, node);
        if (pv) {
          taken.add(nameOf(pv));
          chosen.push({ pvc: d.pvc, pv: nameOf(pv) });
          continue;
        }
        const sc = cs.cluster.storageClass(d.className);
        if (!canProvision(sc) || !topologyAllows(sc as StorageClass, node.labels)) {
          unboundOk = false;
          break;
        }
      }
    }
    const reasons: string[] = [];
    if (!boundOk) reasons.push(ErrReasonNodeConflict);
    if (!unboundOk) reasons.push(ErrReasonBindConflict);
    if (!pvsFound) reasons.push(ErrReasonPVNotExist);
    if (reasons.length > 0) return new Status('UnschedulableAndUnresolvable', reasons);
    s.chosen.set(node.name, chosen);
    return SUCCESS;
  }

  /** Reserve: the chosen static PVs are now bound to the pod's claims. */
  reserve(cs: CycleState, nodeName: string): void {
    const s = cs.read<PreFilterState>(KEY);
    for (const c of s?.chosen.get(nodeName) ?? []) cs.cluster.bindClaim(namespaceOf(c.pvc), nameOf(c.pvc), c.pv);
  }
}

export function create(): VolumeBinding {
  return new VolumeBinding();
}
