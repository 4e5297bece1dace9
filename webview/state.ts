// The webview's state: the last snapshot message, what is selected/highlighted, filters and the active view.
// Views read it and re-render; only view/selection/filters/expanded groups are persisted (setState).
import type { ClusterChoice, ClusterSnapshot, ObjectKey, SourceRef, ViewName, WhatIf } from '../src/protocol';
import type { WhatIfDiff } from './what-if-diff';

export const VIEWS: ViewName[] = ['graph', 'nodes', 'services', 'events'];

export function keyOf(o: ObjectKey): string {
  return `${o.kind}/${o.namespace ?? ''}/${o.name}`;
}

export function parseKey(key: string): ObjectKey {
  const [kind, namespace, ...rest] = key.split('/');
  return { kind, namespace: namespace === '' ? null : namespace, name: rest.join('/') };
}

/** "ns/name" pod reference (as nodes[].pods and workloads[].pods hold them) -> object key. */
export function podKey(ref: string): string {
  const i = ref.indexOf('/');
  return keyOf({ kind: 'Pod', namespace: i < 0 ? null : ref.slice(0, i), name: i < 0 ? ref : ref.slice(i + 1) });
}

export interface Filters { namespace: string; kind: string; label: string; text: string }

export interface ObjectInfo {
  key: string;
  kind: string;
  namespace: string | null;
  name: string;
  labels: Record<string, string>;
  owner: { kind: string; name: string } | null;
  status: string;
  source: SourceRef;
}

export type Mode = 'waiting' | 'snapshot' | 'empty' | 'error';

export interface AppState {
  mode: Mode;
  snapshot: ClusterSnapshot | null;
  scopeLabel: string;
  emptyReason: string;
  errorMessage: string;
  whatIfs: WhatIf[];
  /** with what-ifs active and a baseline from the host: which pods moved, are new, became Pending, are gone */
  whatIfDiff: WhatIfDiff | null;
  cluster: ClusterChoice | null;
  presets: string[];
  versions: string[];
  readOnly: boolean;
  view: ViewName;
  selected: string | null;
  highlighted: Set<string>;
  filters: Filters;
  /** pod groups (by group key) the user expanded, and groups the user collapsed explicitly */
  expanded: Set<string>;
  collapsed: Set<string>;
  /** every object the views can select, by key */
  index: Map<string, ObjectInfo>;
}

export function initialState(): AppState {
  return {
    mode: 'waiting', snapshot: null, scopeLabel: '', emptyReason: '', errorMessage: '', whatIfs: [], whatIfDiff: null, cluster: null,
    presets: [], versions: [], readOnly: false, view: 'graph', selected: null, highlighted: new Set(),
    filters: { namespace: '', kind: '', label: '', text: '' }, expanded: new Set(), collapsed: new Set(), index: new Map(),
  };
}

/** What survives a reload (vscode.setState). */
export interface PersistedState {
  view: ViewName;
  selected: ObjectKey | null;
  filters?: Filters;
  expanded?: string[];
}

export function toPersisted(st: AppState): PersistedState {
  return { view: st.view, selected: st.selected ? parseKey(st.selected) : null, filters: st.filters, expanded: [...st.expanded] };
}

/** Restore from whatever getState() returned, checking each field (it may come from an older version). */
export function restorePersisted(st: AppState, raw: unknown): void {
  if (!raw || typeof raw !== 'object') return;
  const r = raw as Record<string, unknown>;
  if (typeof r.view === 'string' && (VIEWS as string[]).includes(r.view)) st.view = r.view as ViewName;
  const sel = r.selected as Record<string, unknown> | null | undefined;
  if (sel && typeof sel.kind === 'string' && typeof sel.name === 'string' && (sel.namespace === null || typeof sel.namespace === 'string')) {
    st.selected = keyOf({ kind: sel.kind, namespace: sel.namespace as string | null, name: sel.name });
  }
  const f = r.filters as Record<string, unknown> | undefined;
  if (f && typeof f === 'object') {
    for (const k of ['namespace', 'kind', 'label', 'text'] as const) if (typeof f[k] === 'string') st.filters[k] = f[k] as string;
  }
  if (Array.isArray(r.expanded)) st.expanded = new Set(r.expanded.filter((x): x is string => typeof x === 'string'));
}

/** Index every object of the snapshot by key, with what the details pane shows. */
export function buildIndex(snap: ClusterSnapshot): Map<string, ObjectInfo> {
  const idx = new Map<string, ObjectInfo>();
  const add = (o: Omit<ObjectInfo, 'key'>): void => { const key = keyOf(o); if (!idx.has(key)) idx.set(key, { key, ...o }); };
  for (const n of snap.nodes) {
    add({ kind: 'Node', namespace: null, name: n.name, labels: n.labels, owner: null, status: n.unschedulable ? 'SchedulingDisabled' : 'Ready', source: n.source });
  }
  for (const p of snap.pods) {
    add({ kind: 'Pod', namespace: p.namespace, name: p.name, labels: p.labels, owner: p.owner, status: podStatus(p), source: p.source });
  }
  for (const w of snap.workloads) {
    add({ kind: w.kind, namespace: w.namespace, name: w.name, labels: {}, owner: null, status: `${w.scheduled}/${w.desired} scheduled${w.pending ? `, ${w.pending} pending` : ''}`, source: w.source });
  }
  for (const rs of snap.replicaSets) {
    add({ kind: 'ReplicaSet', namespace: rs.namespace, name: rs.name, labels: rs.labels, owner: rs.owner, status: `${rs.replicas} replicas`, source: null });
  }
  for (const s of snap.services) {
    add({ kind: 'Service', namespace: s.namespace, name: s.name, labels: {}, owner: null, status: s.problems.length ? s.problems.join('; ') : s.type, source: s.source });
  }
  for (const es of snap.endpointSlices) {
    const ready = es.endpoints.filter((e) => e.conditions.ready).length;
    add({ kind: 'EndpointSlice', namespace: es.namespace, name: es.name, labels: es.labels, owner: { kind: 'Service', name: es.service }, status: `${ready}/${es.endpoints.length} ready`, source: null });
  }
  for (const pvc of snap.persistentVolumeClaims) {
    add({ kind: 'PersistentVolumeClaim', namespace: pvc.namespace, name: pvc.name, labels: {}, owner: pvc.owner, status: pvc.phase, source: pvc.source });
  }
  for (const r of snap.ingressRoutes) {
    add({ kind: 'Ingress', namespace: r.namespace, name: r.ingress, labels: {}, owner: null, status: r.problem ?? 'routes', source: r.source });
  }
  for (const o of snap.objects) {
    add({ kind: o.kind, namespace: o.namespace, name: o.name, labels: o.labels ?? {}, owner: null, status: '', source: o.source });
  }
  return idx;
}

export function podStatus(p: { phase: string; nodeName: string | null; ready: boolean }): string {
  if (p.phase === 'Pending') return 'Pending';
  return p.phase;
}

/** Does an object pass the filter bar? (kind/namespace exact, label "k=v" or "k", text in kind/name/ns) */
export function passesFilters(f: Filters, o: { kind: string; namespace: string | null; name: string; labels?: Record<string, string> }): boolean {
  if (f.namespace && o.namespace !== null && o.namespace !== f.namespace) return false;
  if (f.kind && o.kind !== f.kind) return false;
  if (f.label) {
    const labels = o.labels ?? {};
    const eq = f.label.indexOf('=');
    if (eq < 0) { if (!(f.label.trim() in labels)) return false; }
    else if (labels[f.label.slice(0, eq).trim()] !== f.label.slice(eq + 1).trim()) return false;
  }
  if (f.text) {
    const t = f.text.toLowerCase();
    if (!o.name.toLowerCase().includes(t) && !(o.namespace ?? '').toLowerCase().includes(t) && !o.kind.toLowerCase().includes(t)) return false;
  }
  return true;
}
