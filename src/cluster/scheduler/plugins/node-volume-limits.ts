// NodeVolumeLimits (PreFilter, Filter): CSI attach limits come from CSINode objects
// (spec.drivers[].allocatable.count), which manifests and cluster files do not carry here. Without
// them upstream imposes no limit, so this plugin passes every node (it keeps its place in the profile
// so configurations naming it behave as upstream).
import {
  type CycleState, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, SKIP as SKIP_, type Status, SUCCESS as SUCCESS_,
} from '../framework';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const SKIP = SKIP_;
const SUCCESS = SUCCESS_;

export const Name = 'NodeVolumeLimits';
export const ErrReasonMaxVolumeCountExceeded = 'node(s) exceed max volume count';

export class NodeVolumeLimits implements PreFilterPlugin, FilterPlugin {
  readonly name = Name;

  preFilter(_cs: CycleState): { status: Status; result?: PreFilterResult } {
    // no CSINode data: nothing to check for this pod
    return { status: SKIP };
  }

  filter(): Status {
    return SUCCESS;
  }
}

export function create(): NodeVolumeLimits {
  return new NodeVolumeLimits();
}
