// DynamicResources (DRA, GA and in the default profile in v1.34). Resource claims and ResourceSlices
// are not simulated; a pod without claims is skipped at PreFilter, and at PostFilter the plugin says
// it has nothing to deallocate — the text that shows up in every v1.34 FailedScheduling message.
import {
  arr as arr_,
} from '../../k8s';
import {
  type CycleState, type FilterPlugin, type PostFilterPlugin, type PostFilterResult, type PreEnqueuePlugin, type PreFilterPlugin, type PreFilterResult, SKIP as SKIP_, type Status, SUCCESS as SUCCESS_, unschedulable,
} from '../framework';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const arr = arr_;
const SKIP = SKIP_;
const SUCCESS = SUCCESS_;

export const Name = 'DynamicResources';
export const NoNewClaimsToDeallocate = 'no new claims to deallocate';

export class DynamicResources implements PreEnqueuePlugin, PreFilterPlugin, FilterPlugin, PostFilterPlugin {
  readonly name = Name;

  preEnqueue(): Status {
    return SUCCESS;
  }

  preFilter(cs: CycleState): { status: Status; result?: PreFilterResult } {
    // Claims are not modelled: pods that use them are scheduled as if their devices were available.
    void arr(cs.pod.pod.spec?.resourceClaims);
    return { status: SKIP };
  }

  filter(): Status {
    return SUCCESS;
  }

  /** Reserve / PreBind / Unreserve: nothing to allocate without claims. */
  reserve(): void {}

  postFilter(): PostFilterResult {
    return { status: unschedulable(NoNewClaimsToDeallocate) };
  }
}

export function create(): DynamicResources {
  return new DynamicResources();
}
