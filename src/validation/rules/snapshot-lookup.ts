// Map snapshot objects (workloads, pods, services) back to the manifests they came from.
import type { Manifest } from '../../manifests/types';
import type { RuleContext } from './rule';
import type { SnapshotPod } from '../../cluster/snapshot';
import { indexOf, isNamespaced } from './resources';

/** The manifest of a snapshot object (cluster-scoped kinds have no namespace in the index). */
export function manifestFor(ctx: RuleContext, kind: string, namespace: string | null, name: string): Manifest | undefined {
  return indexOf(ctx).find(kind, isNamespaced(kind) ? (namespace || 'default') : '', name);
}

const podsByWorkload = new WeakMap<object, Map<string, SnapshotPod[]>>();

/** Pods of the snapshot grouped by their top-level workload ("Kind/ns/name"). */
export function podsOfWorkload(ctx: RuleContext, kind: string, namespace: string, name: string): SnapshotPod[] {
  const snap = ctx.snapshot;
  if (!snap) return [];
  let map = podsByWorkload.get(snap);
  if (!map) {
    map = new Map();
    for (const p of snap.pods) {
      const w = p.workload ?? p.owner;
      if (!w) continue;
      const key = `${w.kind}/${p.namespace}/${w.name}`;
      const list = map.get(key);
      if (list) list.push(p); else map.set(key, [p]);
    }
    podsByWorkload.set(snap, map);
  }
  return map.get(`${kind}/${namespace}/${name}`) ?? [];
}
