// VolumeZone (PreFilter, Filter): bound PVs labelled with a zone/region must be in the node's zone/region.
import type { PersistentVolume } from '../../k8s';
import type { NodeInfo } from '../cluster-state';
import {
  type CycleState, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, SKIP as SKIP_, type StateData, type Status, SUCCESS as SUCCESS_, unresolvable,
} from '../framework';
import {
  podClaimNames,
} from './volume-binding';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const SKIP = SKIP_;
const SUCCESS = SUCCESS_;

export const Name = 'VolumeZone';
export const ErrReasonConflict = 'node(s) had no available volume zone';

const TOPOLOGY_LABELS = [
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
];
const GA: Record<string, string> = {
  'failure-domain.beta.kubernetes.io/zone': 'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region': 'topology.kubernetes.io/region',
};

interface PvTopology { key: string; values: Set<string> }

class State implements StateData {
  constructor(readonly topologies: PvTopology[]) {}
  clone(): StateData { return this; }
}

function topologiesOf(pv: PersistentVolume): PvTopology[] {
  const out: PvTopology[] = [];
  const labels = pv.metadata?.labels ?? {};
  for (const key of TOPOLOGY_LABELS) {
    const v = labels[key];
    // LabelZonesToSet: several zones joined by "__"
    if (typeof v === 'string') out.push({ key, values: new Set(v.split('__')) });
  }
  return out;
}

/** shared failure status (read-only: reasons and plugin never change) */
const FAIL_ZONE = unresolvable(ErrReasonConflict).withPlugin(Name);

export class VolumeZone implements PreFilterPlugin, FilterPlugin {
  readonly name = Name;

  preFilter(cs: CycleState): { status: Status; result?: PreFilterResult } {
    const topologies: PvTopology[] = [];
    for (const claim of podClaimNames(cs.pod.pod)) {
      const pvc = cs.cluster.pvc(cs.pod.namespace, claim);
      if (!pvc) continue; // reported by VolumeRestrictions/VolumeBinding first
      const pvName = cs.cluster.boundVolumeOf(pvc);
      if (!pvName) continue; // unbound (WaitForFirstConsumer) or dynamically provisioned
      const pv = cs.cluster.pv(pvName);
      if (pv) topologies.push(...topologiesOf(pv));
    }
    if (topologies.length === 0) return { status: SKIP };
    cs.write('PreFilter' + Name, new State(topologies));
    return { status: SUCCESS };
  }

  filter(cs: CycleState, node: NodeInfo): Status {
    const s = cs.read<State>('PreFilter' + Name);
    if (!s) return SUCCESS;
    // a node with none of the zone/region labels passes (a single-zone cluster's nodes may have none)
    let constrained = false;
    for (const key of TOPOLOGY_LABELS) if (node.labels[key] !== undefined) { constrained = true; break; }
    if (!constrained) return SUCCESS;
    for (const t of s.topologies) {
      let v = node.labels[t.key];
      if (v === undefined && GA[t.key]) v = node.labels[GA[t.key]];
      if (v === undefined || !t.values.has(v)) return FAIL_ZONE;
    }
    return SUCCESS;
  }
}

export function create(): VolumeZone {
  return new VolumeZone();
}
