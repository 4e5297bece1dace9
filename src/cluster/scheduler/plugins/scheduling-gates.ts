// SchedulingGates (PreEnqueue): a pod with spec.schedulingGates is not queued at all.
import type { Pod } from '../../k8s';
import {
  arr as arr_,
} from '../../k8s';
import {
  type PreEnqueuePlugin, Status, SUCCESS as SUCCESS_,
} from '../framework';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const arr = arr_;
const SUCCESS = SUCCESS_;

export const Name = 'SchedulingGates';

/** fmt "waiting for scheduling gates: %v" of a []string -> "[a b]" */
export function gatedMessage(gates: string[]): string {
  return `waiting for scheduling gates: [${gates.join(' ')}]`;
}

export class SchedulingGates implements PreEnqueuePlugin {
  readonly name = Name;

  preEnqueue(pod: Pod): Status {
    const gates = arr(pod.spec?.schedulingGates).map((g) => (g && typeof g.name === 'string' ? g.name : ''));
    if (gates.length === 0) return SUCCESS;
    return new Status('UnschedulableAndUnresolvable', [gatedMessage(gates)]);
  }
}

export function create(): SchedulingGates {
  return new SchedulingGates();
}
