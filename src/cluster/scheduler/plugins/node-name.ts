// NodeName (Filter): spec.nodeName, when set, must name the node.
import type { NodeInfo } from '../cluster-state';
import {
  type CycleState, type FilterPlugin, type Status, SUCCESS as SUCCESS_, unresolvable,
} from '../framework';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const SUCCESS = SUCCESS_;

export const Name = 'NodeName';
export const ErrReason = "node(s) didn't match the requested node name";

/** shared failure status (read-only: reasons and plugin never change) */
const FAIL_NAME = unresolvable(ErrReason).withPlugin(Name);

export class NodeName implements FilterPlugin {
  readonly name = Name;
  /** the verdict depends on the node's fixed fields and the pod's placement fields (placementKeyOf) only */
  readonly staticFilter = true as const;

  filter(cs: CycleState, node: NodeInfo): Status {
    const want = cs.pod.pod.spec?.nodeName;
    return !want || want === node.name ? SUCCESS : FAIL_NAME;
  }

  filterBatch(cs: CycleState, nodes: readonly NodeInfo[], idx: Int32Array, count: number, out: Status[], index: Int32Array): number {
    const want = cs.pod.pod.spec?.nodeName;
    if (!want) return count;
    let kept = 0;
    for (let k = 0; k < count; k++) {
      const p = idx[k];
      if (want === nodes[p].name) idx[kept++] = p;
      else out[p] = FAIL_NAME;
    }
    return kept;
  }
}

export function create(): NodeName {
  return new NodeName();
}
