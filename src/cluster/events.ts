// The control-loop timeline of a simulation: what each component did, in the order it did it
// (apiserver stores the inputs, controllers create objects, the scheduler binds or fails, the
// EndpointSlice controller updates slices). Reasons and messages use upstream's wording where upstream
// records an event; `Stored` and `EndpointsUpdated` are the preview's own markers.
import type { SnapshotEvent } from './snapshot';

/** Events kept per simulation (a 10k-pod bench would otherwise hold ~30k events). */
export const MAX_EVENTS = 20000;

export class EventLog {
  private readonly list: SnapshotEvent[] = [];
  private seq = 0;
  /** events dropped over MAX_EVENTS */
  dropped = 0;

  add(type: 'Normal' | 'Warning', reason: string, source: string, object: SnapshotEvent['object'], message: string): void {
    this.seq++;
    if (this.list.length >= MAX_EVENTS) { this.dropped++; return; }
    this.list.push({ seq: this.seq, type, reason, source, object: { ...object }, message });
  }

  normal(reason: string, source: string, object: SnapshotEvent['object'], message: string): void {
    this.add('Normal', reason, source, object, message);
  }

  warning(reason: string, source: string, object: SnapshotEvent['object'], message: string): void {
    this.add('Warning', reason, source, object, message);
  }

  events(): SnapshotEvent[] {
    return this.list;
  }
}
