// The graph's relations declared as data (as Headlamp's resource map does): each says which kinds it links,
// and a predicate that decides whether one object leads to another. `index` is only an optimisation: it names
// join keys so the predicate is tried on candidate pairs rather than on every pair (2,000 pods x 500 others).
import type {
  ClusterSnapshot, SnapshotEndpointSlice, SnapshotIngressRoute, SnapshotObject, SnapshotPod, SnapshotReplicaSet,
  SnapshotService, SnapshotWorkload, SnapshotPVC, SourceRef,
} from '../src/protocol';
import { keyOf } from './state';

export type EntityStatus = 'ok' | 'pending' | 'missing' | 'warning' | 'failed' | 'done';

/** One box of the graph: an object of the snapshot (or a missing one something refers to). */
export interface Entity {
  key: string;
  kind: string;
  namespace: string | null;
  name: string;
  labels: Record<string, string>;
  status: EntityStatus;
  /** short second line: phase, replica counts, type... */
  detail: string;
  source: SourceRef;
  /** the snapshot record, typed by kind (see `data` users in relations below) */
  data: EntityData;
}

export type EntityData =
  | { t: 'pod'; v: SnapshotPod }
  | { t: 'service'; v: SnapshotService }
  | { t: 'slice'; v: SnapshotEndpointSlice }
  | { t: 'workload'; v: SnapshotWorkload }
  | { t: 'rs'; v: SnapshotReplicaSet }
  | { t: 'pvc'; v: SnapshotPVC }
  | { t: 'ingress'; v: SnapshotIngressRoute[] }
  | { t: 'object'; v: SnapshotObject }
  | { t: 'missing' };

export interface Relation {
  from: string[];
  to: string[];
  label: string;
  predicate: (from: Entity, to: Entity) => boolean;
  /** join keys: a pair is only tested when one of from's keys equals one of to's keys */
  index?: { from: (e: Entity) => string[]; to: (e: Entity) => string[] };
}

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController', 'ReplicaSet'];
const POD_OWNER_KINDS = ['ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController'];
export const REFERENCE_KINDS = ['ConfigMap', 'Secret', 'PersistentVolumeClaim', 'ServiceAccount'];

const nsName = (ns: string | null, name: string): string => `${ns ?? ''}/${name}`;
const pod = (e: Entity): SnapshotPod | null => (e.data.t === 'pod' ? e.data.v : null);

function selectorMatches(selector: Record<string, string> | null | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const keys = Object.keys(selector);
  // An empty PDB selector selects every pod of its namespace (policy/v1 semantics).
  return keys.every((k) => labels[k] === selector[k]);
}

const selectedSets = new WeakMap<SnapshotObject, Set<string>>();
/** A PDB's selected pods as a set (built once per snapshot object: the predicate runs per candidate pod). */
function selectedSet(o: SnapshotObject): Set<string> {
  let set = selectedSets.get(o);
  if (!set) { set = new Set(o.selectsPods ?? []); selectedSets.set(o, set); }
  return set;
}

export const RELATIONS: Relation[] = [
  {
    from: ['Ingress'], to: ['Service'], label: 'routes to',
    predicate: (a, b) => a.data.t === 'ingress' && a.data.v.some((r) => r.service === b.name && r.namespace === b.namespace),
    index: { from: (a) => (a.data.t === 'ingress' ? a.data.v.map((r) => nsName(r.namespace, r.service ?? '')) : []), to: (b) => [nsName(b.namespace, b.name)] },
  },
  {
    from: ['Service'], to: ['EndpointSlice'], label: 'endpoints',
    predicate: (a, b) => b.data.t === 'slice' && b.data.v.service === a.name && b.namespace === a.namespace,
    index: { from: (a) => [nsName(a.namespace, a.name)], to: (b) => (b.data.t === 'slice' ? [nsName(b.namespace, b.data.v.service)] : []) },
  },
  {
    from: ['EndpointSlice'], to: ['Pod'], label: 'targets',
    predicate: (a, b) => a.data.t === 'slice' && a.data.v.endpoints.some((e) => e.targetRef?.name === b.name && e.targetRef.namespace === b.namespace),
    index: { from: (a) => (a.data.t === 'slice' ? a.data.v.endpoints.flatMap((e) => (e.targetRef ? [nsName(e.targetRef.namespace, e.targetRef.name)] : [])) : []), to: (b) => [nsName(b.namespace, b.name)] },
  },
  {
    // Deployment -> ReplicaSet (and any owner -> ReplicaSet/Job it made, e.g. CronJob -> Job)
    from: ['Deployment', 'CronJob'], to: ['ReplicaSet', 'Job'], label: 'owns',
    predicate: (a, b) => {
      const owner = b.data.t === 'rs' ? b.data.v.owner : null;
      return owner !== null && owner.kind === a.kind && owner.name === a.name && a.namespace === b.namespace;
    },
    index: { from: (a) => [`${a.kind}/${nsName(a.namespace, a.name)}`], to: (b) => (b.data.t === 'rs' && b.data.v.owner ? [`${b.data.v.owner.kind}/${nsName(b.namespace, b.data.v.owner.name)}`] : []) },
  },
  {
    from: POD_OWNER_KINDS, to: ['Pod'], label: 'owns',
    predicate: (a, b) => { const p = pod(b); return !!p?.owner && p.owner.kind === a.kind && p.owner.name === a.name && p.namespace === a.namespace; },
    index: { from: (a) => [`${a.kind}/${nsName(a.namespace, a.name)}`], to: (b) => { const p = pod(b); return p?.owner ? [`${p.owner.kind}/${nsName(p.namespace, p.owner.name)}`] : []; } },
  },
  {
    from: ['HorizontalPodAutoscaler'], to: ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'], label: 'scales',
    predicate: (a, b) => {
      if (a.namespace !== b.namespace) return false;
      if (a.data.t === 'object' && a.data.v.target) return a.data.v.target.kind === b.kind && a.data.v.target.name === b.name;
      return b.data.t === 'workload' && b.data.v.hpa?.name === a.name;
    },
    index: { from: (a) => [nsName(a.namespace, '')], to: (b) => [nsName(b.namespace, '')] },
  },
  {
    from: ['PodDisruptionBudget'], to: ['Pod'], label: 'protects',
    // selectsPods: what the whole selector (matchExpressions too) matched in the simulation; older snapshots
    // carry only matchLabels
    predicate: (a, b) => a.namespace === b.namespace && a.data.t === 'object' &&
      (a.data.v.selectsPods ? selectedSet(a.data.v).has(`${b.namespace}/${b.name}`) : selectorMatches(a.data.v.selector, b.labels)),
    index: { from: (a) => [a.namespace ?? ''], to: (b) => [b.namespace ?? ''] },
  },
  {
    from: ['Pod'], to: REFERENCE_KINDS, label: 'uses',
    predicate: (a, b) => { const p = pod(a); return !!p && p.namespace === b.namespace && p.references.some((r) => r.kind === b.kind && r.name === b.name); },
    index: { from: (a) => { const p = pod(a); return p ? p.references.map((r) => `${r.kind}/${nsName(p.namespace, r.name)}`) : []; }, to: (b) => [`${b.kind}/${nsName(b.namespace, b.name)}`] },
  },
];

function podEntityStatus(p: SnapshotPod): EntityStatus {
  switch (p.phase) {
    case 'Running': return 'ok';
    case 'Pending': return 'pending';
    case 'Failed': return 'failed';
    default: return 'done';
  }
}

/** Kinds from snapshot.objects that take part in relations (others would float unconnected). */
const OBJECT_KINDS = new Set(['HorizontalPodAutoscaler', 'PodDisruptionBudget', 'ConfigMap', 'Secret', 'ServiceAccount']);

/** Every entity of the snapshot, plus a 'missing' entity for each reference to an object that is not there. */
export function buildEntities(snap: ClusterSnapshot): Entity[] {
  const out = new Map<string, Entity>();
  const add = (e: Omit<Entity, 'key'>): void => { const key = keyOf(e); if (!out.has(key)) out.set(key, { key, ...e }); };
  const byIngress = new Map<string, SnapshotIngressRoute[]>();
  for (const r of snap.ingressRoutes) {
    const k = nsName(r.namespace, r.ingress);
    const list = byIngress.get(k) ?? [];
    list.push(r);
    byIngress.set(k, list);
  }
  for (const routes of byIngress.values()) {
    const r0 = routes[0];
    const problems = routes.filter((r) => r.problem);
    add({ kind: 'Ingress', namespace: r0.namespace, name: r0.ingress, labels: {}, status: problems.length ? 'warning' : 'ok',
      detail: `${routes.length} route${routes.length === 1 ? '' : 's'}`, source: r0.source, data: { t: 'ingress', v: routes } });
  }
  for (const s of snap.services) {
    add({ kind: 'Service', namespace: s.namespace, name: s.name, labels: {}, status: s.problems.length ? 'warning' : 'ok',
      detail: s.problems.length ? s.problems[0] : `${s.type} ${s.clusterIP ?? ''}`.trim(), source: s.source, data: { t: 'service', v: s } });
  }
  for (const es of snap.endpointSlices) {
    const ready = es.endpoints.filter((e) => e.conditions.ready).length;
    add({ kind: 'EndpointSlice', namespace: es.namespace, name: es.name, labels: es.labels, status: ready === 0 && es.endpoints.length > 0 ? 'pending' : 'ok',
      detail: `${ready}/${es.endpoints.length} ready`, source: null, data: { t: 'slice', v: es } });
  }
  for (const w of snap.workloads) {
    add({ kind: w.kind, namespace: w.namespace, name: w.name, labels: {}, status: w.pending > 0 ? 'pending' : 'ok',
      detail: w.kind === 'CronJob' ? (w.nextJob ? `next Job ${w.nextJob.scheduledTime}` : 'no Job (suspended)')
        : `${w.scheduled}/${w.desired} scheduled${w.pending ? `, ${w.pending} pending` : ''}`, source: w.source, data: { t: 'workload', v: w } });
  }
  for (const rs of snap.replicaSets) {
    add({ kind: 'ReplicaSet', namespace: rs.namespace, name: rs.name, labels: rs.labels, status: 'ok', detail: `${rs.replicas} replicas`, source: null, data: { t: 'rs', v: rs } });
  }
  for (const p of snap.pods) {
    add({ kind: 'Pod', namespace: p.namespace, name: p.name, labels: p.labels, status: podEntityStatus(p),
      detail: p.nodeName ? `${p.phase} on ${p.nodeName}` : p.phase, source: p.source, data: { t: 'pod', v: p } });
  }
  for (const pvc of snap.persistentVolumeClaims) {
    add({ kind: 'PersistentVolumeClaim', namespace: pvc.namespace, name: pvc.name, labels: {}, status: pvc.phase === 'Bound' ? 'ok' : 'pending',
      detail: pvc.phase, source: pvc.source, data: { t: 'pvc', v: pvc } });
  }
  for (const o of snap.objects) {
    if (!OBJECT_KINDS.has(o.kind)) continue;
    add({ kind: o.kind, namespace: o.namespace, name: o.name, labels: o.labels ?? {}, status: 'ok', detail: o.kind, source: o.source, data: { t: 'object', v: o } });
  }
  // References to objects that are not in the input: drawn as 'missing' so the broken link is visible.
  const missing = (kind: string, namespace: string | null, name: string, why: string): void => {
    const key = keyOf({ kind, namespace, name });
    if (!out.has(key)) out.set(key, { key, kind, namespace, name, labels: {}, status: 'missing', detail: why, source: null, data: { t: 'missing' } });
  };
  for (const p of snap.pods) {
    for (const r of p.references) {
      // Every namespace has a "default" ServiceAccount made by the cluster, so it is never missing.
      if (r.kind === 'ServiceAccount' && r.name === 'default') continue;
      if (REFERENCE_KINDS.includes(r.kind)) missing(r.kind, p.namespace, r.name, 'missing reference');
    }
  }
  for (const r of snap.ingressRoutes) if (r.service) missing('Service', r.namespace, r.service, 'missing backend');
  return [...out.values()];
}

export interface Edge { from: string; to: string; label: string }

/** Apply every relation to the entities (candidate pairs from the join index, then the predicate). */
export function buildEdges(entities: Entity[], relations: Relation[] = RELATIONS): Edge[] {
  const byKind = new Map<string, Entity[]>();
  for (const e of entities) { const l = byKind.get(e.kind) ?? []; l.push(e); byKind.set(e.kind, l); }
  const edges: Edge[] = [];
  const seen = new Set<string>();
  const push = (a: Entity, b: Entity, label: string): void => {
    const k = `${a.key}\u0000${b.key}`;
    if (!seen.has(k)) { seen.add(k); edges.push({ from: a.key, to: b.key, label }); }
  };
  for (const rel of relations) {
    const froms = rel.from.flatMap((k) => byKind.get(k) ?? []);
    const tos = rel.to.flatMap((k) => byKind.get(k) ?? []);
    if (!froms.length || !tos.length) continue;
    if (rel.index) {
      const bucket = new Map<string, Entity[]>();
      for (const b of tos) for (const j of rel.index.to(b)) { const l = bucket.get(j) ?? []; l.push(b); bucket.set(j, l); }
      for (const a of froms) {
        for (const j of new Set(rel.index.from(a))) for (const b of bucket.get(j) ?? []) if (a !== b && rel.predicate(a, b)) push(a, b, rel.label);
      }
    } else {
      for (const a of froms) for (const b of tos) if (a !== b && rel.predicate(a, b)) push(a, b, rel.label);
    }
  }
  return edges;
}
