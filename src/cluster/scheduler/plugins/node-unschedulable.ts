// NodeUnschedulable (Filter): a cordoned node (spec.unschedulable) only takes pods tolerating
// node.kubernetes.io/unschedulable:NoSchedule.
import {
  arr as arr_,
} from '../../k8s';
import type { NodeInfo } from '../cluster-state';
import {
  type CycleState, type FilterPlugin, type Status, SUCCESS as SUCCESS_, unresolvable,
} from '../framework';
import {
  tolerationsTolerateTaint as tolerationsTolerateTaint_,
} from '../helpers/taints';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const arr = arr_;
const SUCCESS = SUCCESS_;
const tolerationsTolerateTaint = tolerationsTolerateTaint_;

export const Name = 'NodeUnschedulable';
export const ErrReasonUnschedulable = 'node(s) were unschedulable';
export const TaintNodeUnschedulable = 'node.kubernetes.io/unschedulable';

/** shared failure status (read-only: reasons and plugin never change) */
const FAIL_UNSCHEDULABLE = unresolvable(ErrReasonUnschedulable).withPlugin(Name);

export class NodeUnschedulable implements FilterPlugin {
  readonly name = Name;
  /** the verdict depends on the node's fixed fields and the pod's placement fields (placementKeyOf) only */
  readonly staticFilter = true as const;

  filter(cs: CycleState, node: NodeInfo): Status {
    if (!node.unschedulable) return SUCCESS;
    const tolerates = tolerationsTolerateTaint(arr(cs.pod.pod.spec?.tolerations), { key: TaintNodeUnschedulable, effect: 'NoSchedule' });
    return tolerates ? SUCCESS : FAIL_UNSCHEDULABLE;
  }

  filterBatch(cs: CycleState, nodes: readonly NodeInfo[], idx: Int32Array, count: number, out: Status[], index: Int32Array): number {
    let kept = 0;
    let tolerates: boolean | null = null;
    const flags = cs.cluster.nodeTable().flags;
    for (let k = 0; k < count; k++) {
      const p = idx[k];
      if ((flags[index[p]] & 1) !== 0) {
        if (tolerates === null) tolerates = this.filter(cs, nodes[p]) === SUCCESS;
        if (!tolerates) {
          out[p] = FAIL_UNSCHEDULABLE;
          continue;
        }
      }
      idx[kept++] = p;
    }
    return kept;
  }
}

export function create(): NodeUnschedulable {
  return new NodeUnschedulable();
}
