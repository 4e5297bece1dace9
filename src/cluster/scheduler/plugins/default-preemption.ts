// DefaultPreemption (PreEnqueue, PostFilter): when no node fits, look for nodes where evicting
// lower-priority pods would let the pod fit, choose one, and nominate the pod there. The algorithm
// lives in ../preemption.ts; this file is the plugin shell with its upstream name and messages.
import type { DefaultPreemptionArgs } from '../args';
import type { NodeInfo } from '../cluster-state';
import {
  type CycleState, type FrameworkHandle, type NodeToStatus, type PostFilterPlugin, type PostFilterResult, type PreEnqueuePlugin, type Status, SUCCESS as SUCCESS_,
} from '../framework';
import {
  preempt,
} from '../preemption';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const SUCCESS = SUCCESS_;

export const Name = 'DefaultPreemption';
export { MsgPreemptionPolicyNever, MsgTerminatingPodOnNominatedNode, ReasonNotHelpful, ReasonNoVictims } from '../preemption';

export class DefaultPreemption implements PreEnqueuePlugin, PostFilterPlugin {
  readonly name = Name;

  constructor(readonly args: DefaultPreemptionArgs, private readonly handle: FrameworkHandle) {}

  /** Holds back pods whose asynchronous preemption is still running: never the case here. */
  preEnqueue(): Status {
    return SUCCESS;
  }

  postFilter(cs: CycleState, statuses: NodeToStatus, allNodes: readonly NodeInfo[]): PostFilterResult {
    return preempt(cs, statuses, allNodes, this.args, this.handle);
  }
}

export function create(args: unknown, handle: FrameworkHandle): DefaultPreemption {
  return new DefaultPreemption(args as DefaultPreemptionArgs, handle);
}
