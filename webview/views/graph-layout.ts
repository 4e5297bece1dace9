// Pod grouping and the layered left-to-right layout of the graph (pure: no DOM).
// Columns come from relation depth (longest path, never left of the kind's usual column); rows are ordered by
// the barycentre of their neighbours to reduce crossings; a node that was already drawn keeps its relative
// place (sorted by its previous y) so an update does not make the picture jump.
import type { Edge, Entity } from '../relations';

export const GROUP_THRESHOLD = 6;
export const NODE_W = 200;
export const NODE_H = 40;
export const COL_GAP = 70;
export const ROW_GAP = 12;

/** Usual column of each kind, so that unconnected objects still sit where a reader expects them. */
const KIND_RANK: Record<string, number> = {
  Ingress: 0, HorizontalPodAutoscaler: 0, CronJob: 0,
  Service: 1, Deployment: 1, StatefulSet: 1, DaemonSet: 1, Job: 1, ReplicationController: 1,
  EndpointSlice: 2, ReplicaSet: 2, PodDisruptionBudget: 2,
  Pod: 3, PodGroup: 3,
  ConfigMap: 4, Secret: 4, PersistentVolumeClaim: 4, ServiceAccount: 4,
};

export interface GroupInfo { key: string; ownerKind: string; ownerName: string; namespace: string | null; pods: Entity[] }

export interface GraphNode {
  key: string;
  entity: Entity | null;
  group: GroupInfo | null;
  kind: string;
  label: string;
  detail: string;
  status: Entity['status'];
  layer: number;
  row: number;
  x: number;
  y: number;
}

export interface GraphLayout { nodes: GraphNode[]; edges: Edge[]; width: number; height: number; groups: Map<string, GroupInfo> }

export function groupKey(ownerKind: string, namespace: string | null, ownerName: string): string {
  return `PodGroup/${namespace ?? ''}/${ownerKind}:${ownerName}`;
}

/**
 * Collapse the pods of each owner with more than GROUP_THRESHOLD pods into one group node, unless the user
 * expanded it. Edges to grouped pods are redirected to the group (and deduplicated).
 */
export function groupPods(entities: Entity[], edges: Edge[], expanded: Set<string>): { items: GraphNode[]; edges: Edge[]; groups: Map<string, GroupInfo> } {
  const byOwner = new Map<string, GroupInfo>();
  for (const e of entities) {
    if (e.data.t !== 'pod' || !e.data.v.owner) continue;
    const o = e.data.v.owner;
    const key = groupKey(o.kind, e.namespace, o.name);
    let g = byOwner.get(key);
    if (!g) { g = { key, ownerKind: o.kind, ownerName: o.name, namespace: e.namespace, pods: [] }; byOwner.set(key, g); }
    g.pods.push(e);
  }
  const redirect = new Map<string, string>();
  const groups = new Map<string, GroupInfo>();
  for (const g of byOwner.values()) {
    if (g.pods.length <= GROUP_THRESHOLD || expanded.has(g.key)) continue;
    groups.set(g.key, g);
    for (const p of g.pods) redirect.set(p.key, g.key);
  }
  const items: GraphNode[] = [];
  for (const e of entities) {
    if (redirect.has(e.key)) continue;
    items.push({ key: e.key, entity: e, group: null, kind: e.kind, label: e.name, detail: e.detail, status: e.status, layer: 0, row: 0, x: 0, y: 0 });
  }
  for (const g of groups.values()) {
    const pending = g.pods.filter((p) => p.status === 'pending').length;
    items.push({
      key: g.key, entity: null, group: g, kind: 'PodGroup', label: `${g.pods.length} pods of ${g.ownerName}`,
      detail: pending ? `${g.pods.length - pending} running, ${pending} pending` : `${g.pods.length} running · click to expand`,
      status: pending ? 'pending' : 'ok', layer: 0, row: 0, x: 0, y: 0,
    });
  }
  const seen = new Set<string>();
  const out: Edge[] = [];
  for (const ed of edges) {
    const from = redirect.get(ed.from) ?? ed.from;
    const to = redirect.get(ed.to) ?? ed.to;
    const k = `${from}\u0000${to}`;
    if (from === to || seen.has(k)) continue;
    seen.add(k);
    out.push({ from, to, label: ed.label });
  }
  return { items, edges: out, groups };
}

/** Assign columns and rows. `previousY` (key -> y of the last layout) keeps known nodes in their order. */
export function layoutGraph(items: GraphNode[], edges: Edge[], previousY: Map<string, number>): { width: number; height: number } {
  const byKey = new Map(items.map((n) => [n.key, n]));
  const outs = new Map<string, string[]>();
  const ins = new Map<string, string[]>();
  const indeg = new Map<string, number>();
  for (const n of items) { outs.set(n.key, []); ins.set(n.key, []); indeg.set(n.key, 0); }
  const live = edges.filter((e) => byKey.has(e.from) && byKey.has(e.to));
  for (const e of live) { outs.get(e.from)!.push(e.to); ins.get(e.to)!.push(e.from); indeg.set(e.to, indeg.get(e.to)! + 1); }
  // Longest path layering (Kahn order); nodes left on a cycle keep their kind rank.
  for (const n of items) n.layer = KIND_RANK[n.kind] ?? 2;
  const queue = items.filter((n) => indeg.get(n.key) === 0).map((n) => n.key);
  for (let i = 0; i < queue.length; i++) {
    const u = byKey.get(queue[i])!;
    for (const v of outs.get(u.key)!) {
      const vn = byKey.get(v)!;
      vn.layer = Math.max(vn.layer, u.layer + 1);
      const d = indeg.get(v)! - 1;
      indeg.set(v, d);
      if (d === 0) queue.push(v);
    }
  }
  // Compact empty columns away.
  const usedLayers = [...new Set(items.map((n) => n.layer))].sort((a, b) => a - b);
  const layerIndex = new Map(usedLayers.map((l, i) => [l, i]));
  const layers: GraphNode[][] = usedLayers.map(() => []);
  for (const n of items) { n.layer = layerIndex.get(n.layer)!; layers[n.layer].push(n); }
  // Initial order: by namespace, kind, name (deterministic).
  for (const l of layers) l.sort((a, b) => (a.entity?.namespace ?? a.group?.namespace ?? '').localeCompare(b.entity?.namespace ?? b.group?.namespace ?? '') || a.kind.localeCompare(b.kind) || a.label.localeCompare(b.label));
  const pos = new Map<string, number>();
  const setPos = (): void => { for (const l of layers) l.forEach((n, i) => { n.row = i; pos.set(n.key, i); }); };
  setPos();
  const bary = (n: GraphNode, nbrs: string[]): number => {
    const ps = nbrs.map((k) => pos.get(k)).filter((p): p is number => p !== undefined);
    return ps.length ? ps.reduce((s, p) => s + p, 0) / ps.length : n.row;
  };
  // Two down/up sweeps of the barycentre heuristic.
  for (let sweep = 0; sweep < 2; sweep++) {
    for (let i = 1; i < layers.length; i++) {
      const b = new Map(layers[i].map((n) => [n.key, bary(n, ins.get(n.key)!)]));
      layers[i].sort((x, y) => b.get(x.key)! - b.get(y.key)! || x.row - y.row);
      layers[i].forEach((n, r) => { n.row = r; pos.set(n.key, r); });
    }
    for (let i = layers.length - 2; i >= 0; i--) {
      const b = new Map(layers[i].map((n) => [n.key, bary(n, outs.get(n.key)!)]));
      layers[i].sort((x, y) => b.get(x.key)! - b.get(y.key)! || x.row - y.row);
      layers[i].forEach((n, r) => { n.row = r; pos.set(n.key, r); });
    }
  }
  // Stability: nodes drawn before keep their previous relative order; new nodes go where the heuristic put them.
  if (previousY.size) {
    for (const l of layers) {
      const step = NODE_H + ROW_GAP;
      const sortKey = new Map(l.map((n) => [n.key, previousY.get(n.key) ?? (n.row * step - 0.5)]));
      l.sort((x, y) => sortKey.get(x.key)! - sortKey.get(y.key)! || x.row - y.row);
    }
  }
  // Vertical placement: in order, each node as close as it may get to the mean y of its neighbours already
  // placed (left to right), never closer than one row to the node above: edges run nearly straight.
  const step = NODE_H + ROW_GAP;
  const yOf = new Map<string, number>();
  const place = (l: GraphNode[], nbrs: Map<string, string[]>): void => {
    let last = -Infinity;
    for (const n of l) {
      const ys = nbrs.get(n.key)!.map((k) => yOf.get(k)).filter((y): y is number => y !== undefined);
      const want = ys.length ? ys.reduce((s, y) => s + y, 0) / ys.length : 0;
      const y = Math.max(last + step, want);
      yOf.set(n.key, y);
      last = y;
    }
  };
  layers.forEach((l, i) => { l.forEach((n, r) => { n.row = r; }); if (i > 0) place(l, ins); else l.forEach((n, r) => yOf.set(n.key, r * step)); });
  // Sources (nodes with nothing on their left) move next to what they lead to.
  for (const l of layers) {
    if (l.every((n) => ins.get(n.key)!.length === 0)) place(l, outs);
  }
  let height = 0;
  for (const l of layers) {
    for (const n of l) {
      n.x = n.layer * (NODE_W + COL_GAP);
      n.y = yOf.get(n.key)!;
      height = Math.max(height, n.y + NODE_H);
    }
  }
  return { width: layers.length * (NODE_W + COL_GAP) - COL_GAP, height };
}
