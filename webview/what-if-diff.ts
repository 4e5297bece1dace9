// What a what-if changed: the pods of the snapshot compared with where the same files put them without the
// what-ifs (the host's `baseline`): pods that run on another node, pods that became Pending (or got
// scheduled), pods that are new (a scale-up) and pods that are gone (a scale-down). A pod is compared with
// its namesake, else with an unmatched pod of the same owner ("replaces web-abc, was on worker-1").
import type { ClusterSnapshot, PodPlacement } from '../src/protocol';
import { keyOf } from './state';

export type PodChangeKind = 'moved' | 'new' | 'pending' | 'scheduled';

export interface PodChange {
  kind: PodChangeKind;
  /** the node before the what-if (null for a new pod that replaces nothing) */
  from: string | null;
  /** the pod this one replaces (same owner, gone with the what-if) */
  replaces: string | null;
  /** a sentence for titles and the details pane */
  text: string;
}

export interface WhatIfDiff {
  /** by pod key */
  changes: Map<string, PodChange>;
  /** pods of the baseline that no longer exist (on a node taken down, or scaled away) */
  gone: PodPlacement[];
  moved: number;
  added: number;
  becamePending: number;
  /** Pending without the what-if, scheduled with it (an added node, an uncordon) */
  becameScheduled: number;
}

const ownerKey = (namespace: string, owner: { kind: string; name: string } | null): string | null =>
  owner ? `${namespace}/${owner.kind}/${owner.name}` : null;

export function diffWhatIf(snap: ClusterSnapshot, baseline: PodPlacement[]): WhatIfDiff {
  const before = new Map<string, PodPlacement>();
  for (const p of baseline) before.set(`${p.namespace}/${p.name}`, p);
  const now = new Set(snap.pods.map((p) => `${p.namespace}/${p.name}`));
  // Pods of the baseline without a namesake: paired, in order, with the unmatched pods of the same owner.
  // Generated names come from a seeded sequence, so a what-if that creates more or fewer pods shifts the
  // names of the pods created after them; pairing by owner sees through that (and pairs a replacement with
  // the pod it replaces).
  const unmatchedByOwner = new Map<string, PodPlacement[]>();
  for (const g of baseline) {
    if (now.has(`${g.namespace}/${g.name}`)) continue;
    const k = ownerKey(g.namespace, g.owner);
    if (!k) continue;
    const l = unmatchedByOwner.get(k) ?? [];
    l.push(g);
    unmatchedByOwner.set(k, l);
  }
  const paired = new Set<PodPlacement>();
  const changes = new Map<string, PodChange>();
  let moved = 0;
  let added = 0;
  let becamePending = 0;
  let becameScheduled = 0;
  for (const p of snap.pods) {
    const key = keyOf({ kind: 'Pod', namespace: p.namespace, name: p.name });
    let b = before.get(`${p.namespace}/${p.name}`) ?? null;
    let renamed = false;
    if (!b) {
      const k = ownerKey(p.namespace, p.owner);
      b = k ? unmatchedByOwner.get(k)?.shift() ?? null : null;
      if (b) { paired.add(b); renamed = true; }
    }
    const was = b && renamed ? `replaces ${b.name}${b.nodeName ? ` (was on ${b.nodeName})` : ''}` : '';
    if (b) {
      if (p.nodeName && b.nodeName && p.nodeName !== b.nodeName) {
        moved++;
        changes.set(key, { kind: 'moved', from: b.nodeName, replaces: renamed ? b.name : null,
          text: renamed ? `${was}, now on ${p.nodeName}` : `moved from ${b.nodeName} to ${p.nodeName} by the what-if` });
      } else if (!p.nodeName && b.nodeName) {
        becamePending++;
        changes.set(key, { kind: 'pending', from: b.nodeName, replaces: renamed ? b.name : null,
          text: renamed ? `${was}, Pending` : `Pending with the what-if; ran on ${b.nodeName} without it` });
      } else if (p.nodeName && !b.nodeName) {
        becameScheduled++;
        changes.set(key, { kind: 'scheduled', from: null, replaces: renamed ? b.name : null, text: `scheduled on ${p.nodeName} with the what-if; Pending without it` });
      }
      continue;
    }
    if (p.nodeName) {
      added++;
      changes.set(key, { kind: 'new', from: null, replaces: null, text: `new with the what-if, now on ${p.nodeName}` });
    } else {
      becamePending++;
      changes.set(key, { kind: 'pending', from: null, replaces: null, text: 'new with the what-if, Pending' });
    }
  }
  const gone = baseline.filter((p) => !now.has(`${p.namespace}/${p.name}`) && !paired.has(p));
  return { changes, gone, moved, added, becamePending, becameScheduled };
}

/** "2 moved · 3 new · 1 became Pending · 1 now scheduled · 3 gone", or "no pod changed". */
export function describeDiff(d: WhatIfDiff): string {
  const parts = [
    d.moved ? `${d.moved} moved` : '',
    d.added ? `${d.added} new` : '',
    d.becamePending ? `${d.becamePending} became Pending` : '',
    d.becameScheduled ? `${d.becameScheduled} now scheduled` : '',
    d.gone.length ? `${d.gone.length} gone` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'no pod changed';
}
