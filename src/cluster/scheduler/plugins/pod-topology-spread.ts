// PodTopologySpread (PreFilter, Filter, PreScore, Score w2, NormalizeScore).
// Filter: the pod's DoNotSchedule constraints; per constraint, pods matching the selector are counted
// per domain over all nodes that have every constraint key and pass the inclusion policies; a node
// fails when count(domain) + selfMatch − min > maxSkew (min = 0 when #domains < minDomains).
// Score: ScheduleAnyway constraints (or the system defaults when the pod has none), ln(#domains+2)
// weights, maxSkew−1 offsets, math.Round, then 100·(max+min−s)/max. Reference §3, §5.6.
import type { LabelSelector, LabelSelectorRequirement, Labels } from '../../../core/labels';
import {
  selectorMatches as selectorMatches_,
} from '../../../core/labels';
import type { Pod, TopologySpreadConstraint } from '../../k8s';
import {
  arr as arr_, WELL_KNOWN_LABELS as WELL_KNOWN_LABELS_,
} from '../../k8s';
import {
  type PodTopologySpreadArgs, SYSTEM_DEFAULT_CONSTRAINTS,
} from '../args';
import type { ClusterState, NodeInfo, PodCounter, TopologyDomains } from '../cluster-state';
import {
  type CycleState, type ScoreList, type FilterPlugin, MAX_NODE_SCORE as MAX_NODE_SCORE_, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type ScorePlugin, SKIP as SKIP_, type StateData, type Status, SUCCESS as SUCCESS_, unresolvable, unschedulable,
} from '../framework';
import {
  requiredNodeAffinityOf as requiredNodeAffinityOf_,
} from '../helpers/node-selector';
import {
  findUntoleratedTaint as findUntoleratedTaint_, isNoScheduleOrNoExecute as isNoScheduleOrNoExecute_,
} from '../helpers/taints';
import { type PodInfo, safeSelector, templateKeyOf } from '../pod-info';
import {
  goRound as goRound_,
} from './resource-allocation';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const selectorMatches = selectorMatches_;
const arr = arr_;
const WELL_KNOWN_LABELS = WELL_KNOWN_LABELS_;
const MAX_NODE_SCORE = MAX_NODE_SCORE_;
const SKIP = SKIP_;
const SUCCESS = SUCCESS_;
const requiredNodeAffinityOf = requiredNodeAffinityOf_;
const findUntoleratedTaint = findUntoleratedTaint_;
const isNoScheduleOrNoExecute = isNoScheduleOrNoExecute_;
const goRound = goRound_;

export const Name = 'PodTopologySpread';
export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
export const ErrReasonNodeLabelNotMatch = ErrReasonConstraintsNotMatch + ' (missing required label)';

const HOSTNAME = WELL_KNOWN_LABELS.hostname;
const PRE_FILTER_KEY = 'PreFilter' + Name;
const PRE_SCORE_KEY = 'PreScore' + Name;

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  /** null = matches nothing (nil labelSelector) */
  selector: LabelSelector | null;
  /** labels.Selector.Empty(): such a selector counts no pods (upstream countPodsMatchSelector) */
  selectorEmpty: boolean;
  minDomains: number;
  nodeAffinityPolicy: string;
  nodeTaintsPolicy: string;
}

function isEmptySel(s: LabelSelector | null): boolean {
  return s !== null && Object.keys(s.matchLabels ?? {}).length === 0 && arr(s.matchExpressions).length === 0;
}

/** filterTopologySpreadConstraints: constraints with `action`, matchLabelKeys merged from the pod's labels. */
export function toSpreadConstraints(list: readonly TopologySpreadConstraint[], podLabels: Labels, action: string): SpreadConstraint[] {
  const out: SpreadConstraint[] = [];
  for (const c of list) {
    if (!c || typeof c !== 'object' || c.whenUnsatisfiable !== action) continue;
    let selector: LabelSelector | null = safeSelector(c.labelSelector);
    const extra: LabelSelectorRequirement[] = [];
    for (const k of arr(c.matchLabelKeys)) {
      if (typeof k === 'string' && Object.prototype.hasOwnProperty.call(podLabels, k)) extra.push({ key: k, operator: 'In', values: [podLabels[k]] });
    }
    if (extra.length > 0) {
      // mergeLabelSetWithSelector: a nil selector becomes just the label set
      selector = { matchLabels: selector?.matchLabels ?? undefined, matchExpressions: [...arr(selector?.matchExpressions), ...extra] };
    }
    out.push({
      maxSkew: typeof c.maxSkew === 'number' ? c.maxSkew : 1,
      topologyKey: typeof c.topologyKey === 'string' ? c.topologyKey : '',
      selector,
      selectorEmpty: isEmptySel(selector),
      minDomains: typeof c.minDomains === 'number' ? c.minDomains : 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy === 'Ignore' ? 'Ignore' : 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy === 'Honor' ? 'Honor' : 'Ignore',
    });
  }
  return out;
}

/**
 * helper.DefaultSelector: the union of the selectors of Services (in the pod's namespace) selecting the
 * pod, AND the selector of its controlling ReplicationController / ReplicaSet / StatefulSet.
 */
export function defaultSelector(pod: Pod, podInfo: PodInfo, cluster: ClusterState): LabelSelector {
  const merged: Labels = {};
  for (const svc of cluster.servicesIn(podInfo.namespace)) {
    const sel = svc.spec?.selector;
    if (!sel || typeof sel !== 'object') continue;
    if (Object.entries(sel).every(([k, v]) => podInfo.labels[k] === String(v))) Object.assign(merged, sel);
  }
  const exprs: LabelSelectorRequirement[] = [];
  const ctrl = cluster.controllerSelector(pod);
  if (ctrl) {
    for (const [k, v] of Object.entries(ctrl.matchLabels ?? {})) exprs.push({ key: k, operator: 'In', values: [String(v)] });
    exprs.push(...arr(ctrl.matchExpressions));
  }
  return { matchLabels: merged, matchExpressions: exprs };
}

function nodeHasAllKeys(labels: Labels, cs: readonly SpreadConstraint[]): boolean {
  for (const c of cs) if (!Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) return false;
  return true;
}

function matchesInclusion(c: SpreadConstraint, pod: Pod, node: NodeInfo): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !requiredNodeAffinityOf(pod).match(node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findUntoleratedTaint(node.taints, pod.spec?.tolerations, isNoScheduleOrNoExecute) !== null) return false;
  return true;
}

/** Inclusion policies that cannot exclude any node for this pod. */
function inclusionIsTrivial(c: SpreadConstraint, pod: Pod, cluster: ClusterState): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && requiredNodeAffinityOf(pod).constrains) return false;
  if (c.nodeTaintsPolicy === 'Honor' && cluster.nodesInInsertionOrder().some((n) => n.taints.some(isNoScheduleOrNoExecute))) return false;
  return true;
}

/**
 * Every node that has the key of constraint `c` also has all the other constraints' keys? Then
 * "nodes with all keys" = "nodes with this key" and the counter's domain totals can be used directly.
 */
const impliesCache = new WeakMap<ClusterState, Map<string, { nodes: number; value: boolean }>>();
function keyImpliesAll(cluster: ClusterState, cs: readonly SpreadConstraint[]): boolean {
  const keys = [...new Set(cs.map((c) => c.topologyKey))];
  if (keys.length <= 1) return true;
  // nodes are only ever added: the answer holds until the node count changes
  const all = cluster.nodesInInsertionOrder();
  let perState = impliesCache.get(cluster);
  if (!perState) impliesCache.set(cluster, (perState = new Map()));
  const cacheKey = keys.sort().join('\n');
  const hit = perState.get(cacheKey);
  if (hit && hit.nodes === all.length) return hit.value;
  let value = true;
  for (const n of all) {
    let present = 0;
    for (const k of keys) if (Object.prototype.hasOwnProperty.call(n.labels, k)) present++;
    if (present !== 0 && present !== keys.length) { value = false; break; }
  }
  perState.set(cacheKey, { nodes: all.length, value });
  return value;
}

function counterFor(cluster: ClusterState, ns: string, c: SpreadConstraint): PodCounter | null {
  if (c.selectorEmpty || c.selector === null) return null; // counts nothing
  return cluster.counter(new Set([ns]), c.selector, true);
}


// ------------------------------------------------------------------------------------ filter state

/** Largest number of domains whose counts are copied into an array for batch filtering (zones, not hostnames). */
const DENSE_DOMAINS_MAX = 256;

class PreFilterState implements StateData {
  private owned: boolean[];
  /** 1 when the incoming pod matches constraint i's selector */
  selfMatch: number[] = [];
  /** label columns of the constraints' keys (filled on first Filter) */
  columns: (string | undefined)[][] = [];
  constructor(readonly constraints: SpreadConstraint[], public counts: Map<string, number>[], owned: boolean[]) {
    this.owned = owned;
    this.mins = constraints.map(() => NaN);
  }

  /** cached global minimum per constraint (NaN = not computed) */
  private readonly mins: number[];

  minMatch(i: number): number {
    const m = this.counts[i];
    if (m.size < this.constraints[i].minDomains) return 0;
    if (!Number.isNaN(this.mins[i])) return this.mins[i];
    let min = Number.MAX_SAFE_INTEGER;
    for (const v of m.values()) if (v < min) min = v;
    this.mins[i] = m.size === 0 ? 0 : min;
    return this.mins[i];
  }

  mutable(i: number): Map<string, number> {
    if (!this.owned[i]) {
      this.counts[i] = new Map(this.counts[i]);
      this.owned[i] = true;
    }
    this.mins[i] = NaN;
    this.dense = null;
    this.minsList = null;
    return this.counts[i];
  }

  /**
   * counts[i] by domain id (ClusterState.topologyDomains of the constraint's key; 0 where the map has
   * no entry), for constraints with few domains (null for the others: read through the map). Built
   * once per cycle for batch filtering; dropped when a count changes.
   */
  dense: (Float64Array | null)[] | null = null;
  /** per constraint: ClusterState.topologyDomains(key).ids (fixed for the cycle) */
  ids: Int32Array[] | null = null;
  private minsList: number[] | null = null;

  /** minMatch of every constraint (recomputed after a count changed) */
  batchMins(): number[] {
    if (this.minsList === null) this.minsList = this.constraints.map((_, i) => this.minMatch(i));
    return this.minsList;
  }

  denseCounts(cluster: ClusterState): (Float64Array | null)[] {
    if (this.dense === null) {
      this.dense = this.constraints.map((c, i) => {
        const m = this.counts[i];
        if (m.size > DENSE_DOMAINS_MAX) return null;
        const doms = cluster.topologyDomains(c.topologyKey);
        const d = new Float64Array(doms.values.length);
        for (const [v, n] of m) {
          const id = doms.index.get(v);
          if (id !== undefined) d[id] = n;
        }
        return d;
      });
    }
    return this.dense;
  }

  clone(): StateData {
    // shallow: maps are copied on first write
    const c = new PreFilterState(this.constraints, [...this.counts], this.counts.map(() => false));
    c.selfMatch = this.selfMatch;
    c.columns = this.columns;
    return c;
  }
}

interface ConstraintsEntry {
  /** ClusterState.objectsVersion the constraints were computed at */
  version: number;
  constraints: SpreadConstraint[];
  counters: (PodCounter | null)[] | null;
  /** node count keyImpliesAll was computed at (−1: not yet) */
  impliesNodes: number;
  implies: boolean;
  /** per constraint (and whether every key is required): NodeInfo.index of the nodes it counts (see includedNodes) */
  included: Map<string, Int32Array>;
  /** node count `included` was computed at */
  includedNodes: number;
  /** PreScore's per-constraint domain tables (see preScore), computed at `nodes` nodes */
  layout: { nodes: number; doms: TopologyDomains[]; ids: Int32Array[]; hostname: boolean[]; emptyId: number[] } | null;
}

/** PreScore's `ignored` when no scored node is left out (read-only) */
const NONE_IGNORED: ReadonlySet<string> = new Set<string>();


class PreScoreState implements StateData {
  constructor(
    readonly constraints: SpreadConstraint[],
    /** names of the scored nodes left out (missing a constraint's key when every key is required) */
    readonly ignored: ReadonlySet<string>,
    /** per constraint: the domain id of every node (ClusterState.topologyDomains of its key) */
    readonly ids: Int32Array[],
    /** per constraint with a non-hostname key: matching pods per domain id (0 for domains no scored node is in) */
    readonly counts: Float64Array[],
    /** per constraint: its key is the hostname label (counted per node) */
    readonly hostname: boolean[],
    readonly weights: number[],
    readonly counters: (PodCounter | null)[],
  ) {}
  clone(): StateData { return this; }
}

/** shared failure status (read-only: reasons and plugin never change) */
const FAIL_LABEL = unresolvable(ErrReasonNodeLabelNotMatch).withPlugin(Name);
/** shared failure status (read-only: reasons and plugin never change) */
const FAIL_SKEW = unschedulable(ErrReasonConstraintsNotMatch).withPlugin(Name);

export class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Name;
  private readonly defaultConstraints: TopologySpreadConstraint[];
  private readonly systemDefaulted: boolean;

  constructor(args: PodTopologySpreadArgs) {
    if (args.defaultingType === 'System') {
      this.defaultConstraints = SYSTEM_DEFAULT_CONSTRAINTS;
      this.systemDefaulted = true;
    } else {
      this.defaultConstraints = args.defaultConstraints;
      this.systemDefaulted = false;
    }
  }

  /**
   * Constraints (and their pod counters) of the pods seen so far, per cluster state, by everything
   * constraintsFor reads from the pod: replicas of one template compute them once. Entries are valid
   * while no Service or controller was added (ClusterState.objectsVersion), since DefaultSelector
   * reads those.
   */
  private readonly constraintCache = new WeakMap<ClusterState, Map<string, Map<string, ConstraintsEntry>>>();

  private cached(cs: CycleState, action: string): ConstraintsEntry {
    const cluster = cs.cluster;
    // PreFilter and PreScore of one cycle ask for the same pod: remembered with the pod (no key hashing)
    let mine = this.podEntries.get(cs.pod);
    const own = mine?.[action];
    if (own !== undefined && own.cluster === cluster && own.entry.version === cluster.objectsVersion) return own.entry;
    const entry = this.sharedEntry(cs, action);
    if (mine === undefined) this.podEntries.set(cs.pod, (mine = {}));
    mine[action] = { cluster, entry };
    return entry;
  }

  private readonly podEntries = new WeakMap<PodInfo, Record<string, { cluster: ClusterState; entry: ConstraintsEntry }>>();

  /** The entry of the pod's key (shared by replicas of one template). */
  private sharedEntry(cs: CycleState, action: string): ConstraintsEntry {
    const cluster = cs.cluster;
    // everything constraintsFor and the inclusion policies read of the pod is in its template key
    const key = templateKeyOf(cs.pod);
    let perState = this.constraintCache.get(cluster);
    if (!perState) this.constraintCache.set(cluster, (perState = new Map()));
    let perAction = perState.get(action);
    if (!perAction) perState.set(action, (perAction = new Map()));
    const hit = perAction.get(key);
    if (hit !== undefined && hit.version === cluster.objectsVersion) return hit;
    const entry: ConstraintsEntry = {
      version: cluster.objectsVersion, constraints: this.computeConstraints(cs, action), counters: null, impliesNodes: -1, implies: false, included: new Map(), includedNodes: -1,
      layout: null,
    };
    perAction.set(key, entry);
    return entry;
  }

  /**
   * NodeInfo.index of every node constraint i of the entry counts pods on: nodes with all the
   * constraints' keys (when `requireAll`) that pass its inclusion policies. Nodes never change during
   * a simulation but may be added: cached while the node count holds (the entry key covers what the
   * policies read of the pod).
   */
  private includedNodes(cs: CycleState, e: ConstraintsEntry, i: number, requireAll: boolean): Int32Array {
    const all = cs.cluster.nodesInInsertionOrder();
    if (e.includedNodes !== all.length) {
      e.included.clear();
      e.includedNodes = all.length;
    }
    const key = `${i}/${requireAll}`;
    let list = e.included.get(key);
    if (list === undefined) {
      const c = e.constraints[i];
      const out: number[] = [];
      for (const n of all) {
        if (requireAll && !nodeHasAllKeys(n.labels, e.constraints)) continue;
        if (matchesInclusion(c, cs.pod.pod, n)) out.push(n.index);
      }
      list = Int32Array.from(out);
      e.included.set(key, list);
    }
    return list;
  }

  /** Pod counters of the constraints (cached with them). */
  private countersOf(cs: CycleState, e: ConstraintsEntry): (PodCounter | null)[] {
    if (e.counters === null) e.counters = e.constraints.map((c) => counterFor(cs.cluster, cs.pod.namespace, c));
    return e.counters;
  }

  /** keyImpliesAll for the entry's constraints (cached with them while the node count holds). */
  private impliesAll(cs: CycleState, e: ConstraintsEntry): boolean {
    const n = cs.cluster.nodesInInsertionOrder().length;
    if (e.impliesNodes !== n) {
      e.implies = keyImpliesAll(cs.cluster, e.constraints);
      e.impliesNodes = n;
    }
    return e.implies;
  }

  /** The pod's constraints with `action`, or the default ones (with DefaultSelector) when it has none. */
  constraintsFor(cs: CycleState, action: string): SpreadConstraint[] {
    return this.cached(cs, action).constraints;
  }

  private computeConstraints(cs: CycleState, action: string): SpreadConstraint[] {
    const pod = cs.pod.pod;
    const own = arr(pod.spec?.topologySpreadConstraints);
    if (own.length > 0) return toSpreadConstraints(own, cs.pod.labels, action);
    const defaults = toSpreadConstraints(this.defaultConstraints, cs.pod.labels, action);
    if (defaults.length === 0) return [];
    const sel = defaultSelector(pod, cs.pod, cs.cluster);
    if (isEmptySel(sel)) return [];
    return defaults.map((c) => ({ ...c, selector: sel, selectorEmpty: false }));
  }

  preFilter(cs: CycleState, nodes: readonly NodeInfo[]): { status: Status; result?: PreFilterResult } {
    const entry = this.cached(cs, 'DoNotSchedule');
    const constraints = entry.constraints;
    if (constraints.length === 0) return { status: SKIP };
    const counters = this.countersOf(cs, entry);
    const pod = cs.pod.pod;
    const counts: Map<string, number>[] = [];
    const owned: boolean[] = [];
    const fast = this.impliesAll(cs, entry);
    for (let ci = 0; ci < constraints.length; ci++) {
      const c = constraints[ci];
      const counter = counters[ci];
      if (fast && inclusionIsTrivial(c, pod, cs.cluster)) {
        if (counter) {
          counts.push(counter.domains(c.topologyKey));
          owned.push(false);
        } else {
          const m = new Map<string, number>();
          for (const n of nodes) if (Object.prototype.hasOwnProperty.call(n.labels, c.topologyKey)) m.set(n.labels[c.topologyKey], 0);
          counts.push(m);
          owned.push(true);
        }
        continue;
      }
      const m = new Map<string, number>();
      if (nodes === cs.cluster.nodes()) {
        // the same nodes as the loop below, in insertion order: the map's keys and sums are the same
        const col = cs.cluster.labelColumn(c.topologyKey);
        const perNode = counter ? counter.perNode : null;
        const list = this.includedNodes(cs, entry, ci, true);
        for (let k = 0; k < list.length; k++) {
          const x = list[k];
          const v = col[x] as string;
          m.set(v, (m.get(v) ?? 0) + (perNode !== null ? (perNode[x] ?? 0) : 0));
        }
      } else {
        for (const n of nodes) {
          if (!nodeHasAllKeys(n.labels, constraints) || !matchesInclusion(c, pod, n)) continue;
          const v = n.labels[c.topologyKey];
          m.set(v, (m.get(v) ?? 0) + (counter ? counter.count(n) : 0));
        }
      }
      counts.push(m);
      owned.push(true);
    }
    const st = new PreFilterState(constraints, counts, owned);
    st.selfMatch = constraints.map((c) => (selectorMatches(c.selector, cs.pod.labels) ? 1 : 0));
    cs.write(PRE_FILTER_KEY, st);
    return { status: SUCCESS };
  }

  private updateWithPod(cs: CycleState, p: PodInfo, node: NodeInfo, delta: number): void {
    const s = cs.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s || p.namespace !== cs.pod.namespace) return;
    if (!nodeHasAllKeys(node.labels, s.constraints)) return;
    s.constraints.forEach((c, i) => {
      // updateWithPod matches the selector alone: unlike the initial count (countPodsMatchSelector), a
      // terminating pod counts and an empty selector ({}, labels.Everything) matches every pod
      if (c.selector === null || (!c.selectorEmpty && !selectorMatches(c.selector, p.labels))) return;
      if (!matchesInclusion(c, cs.pod.pod, node)) return;
      const m = s.mutable(i);
      const v = node.labels[c.topologyKey];
      m.set(v, (m.get(v) ?? 0) + delta);
    });
  }

  addPod(cs: CycleState, added: PodInfo, node: NodeInfo): void {
    this.updateWithPod(cs, added, node, 1);
  }

  removePod(cs: CycleState, removed: PodInfo, node: NodeInfo): void {
    this.updateWithPod(cs, removed, node, -1);
  }

  filter(cs: CycleState, node: NodeInfo): Status {
    const s = cs.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s || s.constraints.length === 0) return SUCCESS;
    if (s.columns.length === 0) s.columns = s.constraints.map((c) => cs.cluster.labelColumn(c.topologyKey));
    return filterWith(s, node);
  }

  filterBatch(cs: CycleState, nodes: readonly NodeInfo[], idx: Int32Array, count: number, out: Status[], index: Int32Array): number {
    const s = cs.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s || s.constraints.length === 0) return count;
    if (s.columns.length === 0) s.columns = s.constraints.map((c) => cs.cluster.labelColumn(c.topologyKey));
    const nc = s.constraints.length;
    // per constraint: the domain ids of every node, the counts by domain id (or null: read the map),
    // and the hoisted minimum and self-match (nothing changes the counts while filtering)
    const dense = s.denseCounts(cs.cluster);
    if (s.ids === null) s.ids = s.constraints.map((c) => cs.cluster.topologyDomains(c.topologyKey).ids);
    const ids = s.ids;
    const mins = s.batchMins();
    let kept = 0;
    for (let k = 0; k < count; k++) {
      const p = idx[k];
      const x = index[p];
      let st: Status = SUCCESS;
      for (let i = 0; i < nc; i++) {
        const id = ids[i][x];
        // no label <=> no domain id (the column filterWith reads is undefined exactly there)
        if (id < 0) { st = FAIL_LABEL; break; }
        const d = dense[i];
        const match = d !== null ? d[id] : (s.counts[i].get(s.columns[i][x] as string) ?? 0);
        if (match + s.selfMatch[i] - mins[i] > s.constraints[i].maxSkew) { st = FAIL_SKEW; break; }
      }
      if (st === SUCCESS) idx[kept++] = p;
      else out[p] = st;
    }
    return kept;
  }

  preScore(cs: CycleState, nodes: readonly NodeInfo[], index?: Int32Array): Status {
    const all = cs.cluster.nodesInInsertionOrder();
    if (nodes.length === 0 || all.length === 0) return SUCCESS;
    const entry = this.cached(cs, 'ScheduleAnyway');
    const constraints = entry.constraints;
    if (constraints.length === 0) return SKIP;
    const pod = cs.pod.pod;
    const requireAll = arr(pod.spec?.topologySpreadConstraints).length > 0 || !this.systemDefaulted;
    const nc = constraints.length;
    let ignored: ReadonlySet<string> = NONE_IGNORED;
    let ignoring: Set<string> | null = null;
    // Domains are numbered per key (ClusterState.topologyDomains): counts live in arrays by domain id.
    // A node without a key counts, when it is not ignored, as the value '' (the id of a real '' value
    // if some node has one, else one extra slot). The layout is the template's, while the nodes hold.
    if (entry.layout === null || entry.layout.nodes !== all.length) {
      const d = constraints.map((c) => cs.cluster.topologyDomains(c.topologyKey));
      entry.layout = {
        nodes: all.length, doms: d, ids: d.map((x) => x.ids), hostname: constraints.map((c) => c.topologyKey === HOSTNAME),
        emptyId: d.map((x) => x.index.get('') ?? x.values.length),
      };
    }
    const { doms, ids, hostname, emptyId } = entry.layout;
    const counts = constraints.map((_, i) => new Float64Array(hostname[i] ? 0 : doms[i].values.length + 1));
    const seen = constraints.map((_, i) => new Uint8Array(hostname[i] ? 0 : doms[i].values.length + 1));
    const topoSize = constraints.map(() => 0);
    const xs = index ?? Int32Array.from(nodes, (n) => n.index);
    const n = nodes.length;
    // scored nodes left out: missing a key when every key is required (none when every node has them all)
    let skip: Uint8Array | null = null;
    if (requireAll && doms.some((d) => d.missing > 0)) {
      for (let k = 0; k < n; k++) {
        const x = xs[k];
        for (let i = 0; i < nc; i++) {
          if (ids[i][x] < 0) {
            if (skip === null || ignoring === null) {
              skip = new Uint8Array(n);
              ignored = ignoring = new Set();
            }
            skip[k] = 1;
            ignoring.add(nodes[k].name);
            break;
          }
        }
      }
    }
    // the domains of the other scored nodes, per constraint not on the hostname key
    for (let i = 0; i < nc; i++) {
      if (hostname[i]) continue;
      const idsI = ids[i];
      const seenI = seen[i];
      const empty = emptyId[i];
      // once every domain (and the '' of nodes without the key, if any) was seen, the rest adds none:
      // zones interleave in the walk order, so that is after a few nodes
      const all = doms[i].values.length + (doms[i].missing > 0 && emptyId[i] === doms[i].values.length ? 1 : 0);
      let size = 0;
      for (let k = 0; k < n && size < all; k++) {
        if (skip !== null && skip[k] !== 0) continue;
        let id = idsI[xs[k]];
        if (id < 0) id = empty;
        if (seenI[id] === 0) {
          seenI[id] = 1;
          size++;
        }
      }
      topoSize[i] = size;
    }
    const weights = constraints.map((c, i) => Math.log((c.topologyKey === WELL_KNOWN_LABELS.hostname ? nodes.length - ignored.size : topoSize[i]) + 2));
    const counters = this.countersOf(cs, entry);
    const fast = !requireAll || this.impliesAll(cs, entry);
    constraints.forEach((c, i) => {
      if (hostname[i]) return;
      const counter = counters[i];
      if (!counter) return;
      const values = doms[i].values;
      // the domain totals leave out nodes without the key, which upstream counts under '': the walk below
      // adds them where that is read (some node's label value is literally '')
      const emptyIsReal = doms[i].missing > 0 && emptyId[i] < values.length;
      if (fast && !emptyIsReal && inclusionIsTrivial(c, pod, cs.cluster)) {
        const totals = counter.domains(c.topologyKey);
        for (let id = 0; id < seen[i].length; id++) if (seen[i][id] !== 0) counts[i][id] = totals.get(id < values.length ? values[id] : '') ?? 0;
        return;
      }
      const list = this.includedNodes(cs, entry, i, requireAll);
      const perNode = counter.perNode;
      const idsI = ids[i];
      const seenI = seen[i];
      const countsI = counts[i];
      for (let k = 0; k < list.length; k++) {
        const x = list[k];
        let id = idsI[x];
        if (id < 0) id = emptyId[i];
        if (seenI[id] === 0) continue;
        countsI[id] += perNode[x] ?? 0;
      }
    });
    cs.write(PRE_SCORE_KEY, new PreScoreState(constraints, ignored, ids, counts, hostname, weights, counters));
    return SUCCESS;
  }

  score(cs: CycleState, node: NodeInfo): number {
    const s = cs.read<PreScoreState>(PRE_SCORE_KEY);
    if (!s) return 0;
    return scoreWith(s, node);
  }

  scoreAll(cs: CycleState, nodes: readonly NodeInfo[], scores: ScoreList, index?: Int32Array): void {
    const s = cs.read<PreScoreState>(PRE_SCORE_KEY);
    if (s && index !== undefined) {
      // scoreAt for every node, one constraint at a time (the same sums in the same order)
      const n = nodes.length;
      for (let k = 0; k < n; k++) scores[k] = 0;
      for (let i = 0; i < s.constraints.length; i++) {
        const ids = s.ids[i];
        const w = s.weights[i];
        const offset = s.constraints[i].maxSkew - 1;
        if (s.hostname[i]) {
          const perNode = s.counters[i]?.perNode;
          for (let k = 0; k < n; k++) {
            const x = index[k];
            if (ids[x] < 0) continue;
            scores[k] += (perNode !== undefined ? (perNode[x] ?? 0) : 0) * w + offset;
          }
        } else {
          const counts = s.counts[i];
          for (let k = 0; k < n; k++) {
            const id = ids[index[k]];
            if (id < 0) continue;
            scores[k] += counts[id] * w + offset;
          }
        }
      }
      const ignored = s.ignored.size > 0 ? s.ignored : null;
      for (let k = 0; k < n; k++) {
        // goRound written out: a call per node returning a double would allocate its result
        const v = scores[k];
        scores[k] = ignored !== null && ignored.has(nodes[k].name) ? 0 : v < 0 ? -Math.round(-v) : Math.round(v);
      }
      return;
    }
    for (let i = 0; i < nodes.length; i++) scores[i] = s ? scoreWith(s, nodes[i]) : 0;
  }

  normalizeScore(cs: CycleState, nodes: readonly NodeInfo[], scores: ScoreList): void {
    const s = cs.read<PreScoreState>(PRE_SCORE_KEY);
    if (!s) return;
    const ignored = s.ignored;
    const any = ignored.size > 0;
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    for (let i = 0; i < scores.length; i++) {
      if (any && ignored.has(nodes[i].name)) continue;
      if (scores[i] < min) min = scores[i];
      if (scores[i] > max) max = scores[i];
    }
    for (let i = 0; i < scores.length; i++) {
      if (any && ignored.has(nodes[i].name)) scores[i] = 0;
      else if (max === 0) scores[i] = MAX_NODE_SCORE;
      else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
    }
  }
}

/** Filter of one node against the PreFilter state (its label columns filled). */
function filterWith(s: PreFilterState, node: NodeInfo): Status {
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i];
    const value = s.columns[i][node.index];
    if (value === undefined) return FAIL_LABEL;
    const min = s.minMatch(i);
    const self = s.selfMatch[i];
    const match = s.counts[i].get(value) ?? 0;
    if (match + self - min > c.maxSkew) return FAIL_SKEW;
  }
  return SUCCESS;
}

/** Score of one node from the PreScore state (raw, before NormalizeScore). */
function scoreWith(s: PreScoreState, node: NodeInfo): number {
  return scoreAt(s, node, node.index);
}

/** scoreWith with the node's index given (x = node.index): the node object is read only when nodes are ignored. */
function scoreAt(s: PreScoreState, node: NodeInfo, x: number): number {
  if (s.ignored.size > 0 && s.ignored.has(node.name)) return 0;
  let score = 0;
  const cs0 = s.constraints;
  for (let i = 0; i < cs0.length; i++) {
    const id = s.ids[i][x];
    if (id < 0) continue;
    // PodCounter.count(node) is perNode[node.index] ?? 0
    const cnt = s.hostname[i] ? (s.counters[i]?.perNode[x] ?? 0) : s.counts[i][id];
    score += cnt * s.weights[i] + (cs0[i].maxSkew - 1);
  }
  return goRound(score);
}

export function create(args: unknown): PodTopologySpread {
  return new PodTopologySpread(args as PodTopologySpreadArgs);
}
