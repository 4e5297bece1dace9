// PrioritySort (QueueSort): higher priority first, then earlier queue timestamp.
import type { QueuedPod, QueueSortPlugin } from '../framework';

export const Name = 'PrioritySort';

export class PrioritySort implements QueueSortPlugin {
  readonly name = Name;

  less(a: QueuedPod, b: QueuedPod): boolean {
    return a.priority > b.priority || (a.priority === b.priority && a.timestamp < b.timestamp);
  }
}

export function create(): PrioritySort {
  return new PrioritySort();
}
