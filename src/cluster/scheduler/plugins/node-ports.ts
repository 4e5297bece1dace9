// NodePorts (PreFilter, Filter): requested host ports must be free on the node.
// 0.0.0.0 conflicts with the same protocol/port on any IP; a specific IP with the same IP or 0.0.0.0.
import type { NodeInfo } from '../cluster-state';
import {
  type CycleState, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, SKIP as SKIP_, type Status, SUCCESS as SUCCESS_, unschedulable,
} from '../framework';
import type { HostPort } from '../pod-info';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const SKIP = SKIP_;
const SUCCESS = SUCCESS_;

export const Name = 'NodePorts';
export const ErrReason = "node(s) didn't have free ports for the requested pod ports";

export function portsConflict(used: readonly HostPort[], wanted: readonly HostPort[]): boolean {
  for (const w of wanted) {
    for (const u of used) {
      if (u.port !== w.port || u.protocol !== w.protocol) continue;
      if (w.ip === '0.0.0.0' || u.ip === '0.0.0.0' || u.ip === w.ip) return true;
    }
  }
  return false;
}

/** shared failure status (read-only: reasons and plugin never change) */
const FAIL_PORTS = unschedulable(ErrReason).withPlugin(Name);

export class NodePorts implements PreFilterPlugin, FilterPlugin {
  readonly name = Name;

  preFilter(cs: CycleState): { status: Status; result?: PreFilterResult } {
    return { status: cs.pod.hostPorts.length === 0 ? SKIP : SUCCESS };
  }

  filter(cs: CycleState, node: NodeInfo): Status {
    return portsConflict(node.usedPorts, cs.pod.hostPorts) ? FAIL_PORTS : SUCCESS;
  }

  filterBatch(cs: CycleState, nodes: readonly NodeInfo[], idx: Int32Array, count: number, out: Status[], index: Int32Array): number {
    const wanted = cs.pod.hostPorts;
    let kept = 0;
    for (let k = 0; k < count; k++) {
      const p = idx[k];
      if (portsConflict(nodes[p].usedPorts, wanted)) out[p] = FAIL_PORTS;
      else idx[kept++] = p;
    }
    return kept;
  }
}

export function create(): NodePorts {
  return new NodePorts();
}
