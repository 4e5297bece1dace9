// FailedScheduling message text (upstream framework.FitError.Error and the event truncation), reference §4.
import type { NodeToStatus } from './framework';

export const NoNodeAvailableMsg = (n: number) => `0/${n} nodes are available`;
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';
/** events and conditions carry at most 1024 characters: 1020 + " ..." */
export const MAX_MESSAGE_LENGTH = 1024;

/**
 * Histogram of reasons: every explicitly failed node contributes each of its reasons; nodes absent from
 * the map contribute the absent status's reasons, counted numAllNodes − explicit. "count reason"
 * strings are sorted with a plain lexicographic (UTF-16 code unit, like Go's byte-wise for ASCII) sort.
 */
export function reasonHistogram(statuses: NodeToStatus, numAllNodes: number): string[] {
  const counts = new Map<string, number>();
  for (const s of statuses.statuses.values()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const explicit = statuses.statuses.size;
  if (explicit < numAllNodes) {
    for (const r of statuses.absent.reasons) counts.set(r, (counts.get(r) ?? 0) + numAllNodes - explicit);
  }
  const strings = [...counts].map(([r, n]) => `${n} ${r}`);
  strings.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return strings;
}

export interface FitErrorParts {
  numAllNodes: number;
  statuses: NodeToStatus;
  /** message of a PreFilter rejection (then no histogram) */
  preFilterMsg?: string;
  /** PostFilter plugins' reasons joined by ", " */
  postFilterMsg?: string;
}

/** FitError.Error(): "0/N nodes are available: <prefilter msg or histogram>. <postfilter msg>" */
export function fitErrorMessage(p: FitErrorParts): string {
  let msg = `${NoNodeAvailableMsg(p.numAllNodes)}:`;
  if (p.preFilterMsg) {
    msg += ` ${p.preFilterMsg}.`;
  } else {
    const h = reasonHistogram(p.statuses, p.numAllNodes);
    if (h.length > 0) msg += ` ${h.join(', ')}.`;
  }
  if (p.postFilterMsg) msg += ` ${p.postFilterMsg}`;
  return msg;
}

/** Event/condition message truncation. */
export function truncateMessage(msg: string): string {
  if (msg.length <= MAX_MESSAGE_LENGTH) return msg;
  return msg.slice(0, MAX_MESSAGE_LENGTH - 4) + ' ...';
}
