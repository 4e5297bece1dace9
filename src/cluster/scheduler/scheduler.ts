// One scheduling cycle (reference §2): PreEnqueue, PreFilter (Skip / rejection / PreFilterResult),
// nominated-node fast path, Filter with numFeasibleNodesToFind and the rotating nextStartNodeIndex,
// PostFilter (DynamicResources, DefaultPreemption) when nothing fits, PreScore/Score/NormalizeScore/
// weights when several nodes fit, selectHost with seeded reservoir sampling among ties, Reserve, Bind.
// Pure: everything it reads is in ClusterState; randomness comes from the injected generator.
import type { PodScheduling } from '../snapshot';
import type { Pod } from '../k8s';
import {
  nameOf, namespaceOf,
} from '../k8s';
import type { ClusterState, NodeInfo } from './cluster-state';
import {
  type BindPlugin, CycleState, type FilterPlugin, type FrameworkHandle, implementsPoint, NodeToStatus, type Plugin, type PostFilterPlugin, type PreEnqueuePlugin, type PreFilterPlugin, type PreScorePlugin, type QueueSortPlugin, type ScorePlugin, Status, SUCCESS as SUCCESS_, unresolvable,
} from './framework';
import {
  fitErrorMessage, NO_NODES_AVAILABLE, truncateMessage,
} from './messages';
import {
  placementKeyOf, podInfoOf as podInfoOf_, type PodInfo,
} from './pod-info';
import {
  DEFAULT_SCHEDULER_NAME, expandProfile, type Profile,
} from './profile';
import {
  REGISTRY,
} from './registry';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const SUCCESS = SUCCESS_;
const podInfoOf = podInfoOf_;

export interface Rng { int(n: number): number }

export interface ScheduleOutcome {
  /** node the pod was bound to, or null when it stays Pending */
  nodeName: string | null;
  scheduling: PodScheduling;
  /** FailedScheduling / gate message for a pending pod (truncated to 1024 chars), else null */
  message: string | null;
  /** preemption made room: the pod is nominated to `node` (not bound in this cycle) and victims were evicted */
  preemption: { node: string; victims: Pod[] } | null;
  /** why the scheduler did not try at all: 'gated' (PreEnqueue) or 'no-profile' (schedulerName names no profile) */
  skipped?: 'gated' | 'no-profile';
  /** status.nominatedNodeName after this cycle */
  nominatedNodeName?: string | null;
}

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** numFeasibleNodesToFind (§6): all below 100 nodes; adaptive 50 − n/125 (≥5)% when the percentage is 0. */
export function numFeasibleNodesToFind(percentage: number | null, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let p = percentage ?? 0;
  if (p === 0) {
    p = 50 - Math.trunc(numAllNodes / 125);
    if (p < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) p = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * p) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

/** The plugins of one profile, instantiated and ordered per extension point. */
export class Framework implements FrameworkHandle {
  readonly preEnqueue: PreEnqueuePlugin[];
  readonly queueSort: QueueSortPlugin | null;
  readonly preFilter: PreFilterPlugin[];
  readonly filter: FilterPlugin[];
  readonly postFilter: PostFilterPlugin[];
  readonly preScore: PreScorePlugin[];
  readonly score: ScorePlugin[];
  readonly bind: BindPlugin[];
  readonly reserve: Plugin[];
  readonly weights: Record<string, number>;
  /** a frozen copy of `weights`, shared by the explanations of every pod of this profile */
  readonly explainedWeights: Readonly<Record<string, number>>;
  readonly percentageOfNodesToScore: number | null;

  constructor(readonly profile: Profile, readonly rng: Rng, warn: (m: string) => void) {
    const instances = new Map<string, Plugin>();
    const names = new Set<string>();
    for (const set of Object.values(profile.plugins)) for (const p of set.enabled) names.add(p.name);
    for (const name of names) {
      const f = REGISTRY[name];
      if (!f) continue;
      instances.set(name, f.create(profile.pluginConfig[name] ?? (f.parseArgs ? f.parseArgs({}, () => undefined) : undefined), this));
    }
    const ex = expandProfile(profile, instances, warn);
    const pick = <T>(names: string[]) => names.map((n) => instances.get(n) as unknown as T);
    this.preEnqueue = pick<PreEnqueuePlugin>(ex.points.preEnqueue);
    this.queueSort = pick<QueueSortPlugin>(ex.points.queueSort)[0] ?? null;
    this.preFilter = pick<PreFilterPlugin>(ex.points.preFilter);
    this.filter = pick<FilterPlugin>(ex.points.filter);
    this.postFilter = pick<PostFilterPlugin>(ex.points.postFilter);
    this.preScore = pick<PreScorePlugin>(ex.points.preScore);
    this.score = pick<ScorePlugin>(ex.points.score);
    this.bind = pick<BindPlugin>(ex.points.bind);
    this.reserve = pick<Plugin>(ex.points.reserve).filter((p) => implementsPoint(p, 'reserve'));
    this.weights = ex.weights;
    this.explainedWeights = Object.freeze({ ...ex.weights });
    this.percentageOfNodesToScore = profile.percentageOfNodesToScore ?? profile.globalPercentageOfNodesToScore;
  }

  /** RunFilterPlugins: the first non-success plugin decides (later filters don't run). */
  runFilterPlugins(cs: CycleState, node: NodeInfo): Status {
    const active = activeFilters(cs, this.filter);
    for (let i = 0; i < active.length; i++) {
      const p = active[i];
      const s = p.filter(cs, node);
      if (s.code !== 'Success') return s.plugin === p.name ? s : new Status(s.code, s.reasons, p.name);
    }
    return SUCCESS;
  }

  runFilterPluginsWithNominatedPods(cs: CycleState, node: NodeInfo): Status {
    const cluster = cs.cluster;
    if (!cluster.hasNominatedPods()) return this.runFilterPlugins(cs, node);
    const nominated = cluster.nominatedPodsOn(node.name).filter((p) => p.key !== cs.pod.key && cluster.priorityOf(p.pod) >= cs.priority);
    if (nominated.length === 0) return this.runFilterPlugins(cs, node);
    const state = cs.clone();
    const copy = node.clone();
    for (const p of nominated) {
      copy.addPod(p);
      this.runPreFilterExtensionAddPod(state, p, copy);
    }
    const s = this.runFilterPlugins(state, copy);
    if (!s.isSuccess()) return s;
    return this.runFilterPlugins(cs, node);
  }

  runPreFilterExtensionAddPod(cs: CycleState, added: PodInfo, node: NodeInfo): void {
    for (const p of this.preFilter) if (!cs.skipFilterPlugins.has(p.name) && p.addPod) p.addPod(cs, added, node);
  }

  runPreFilterExtensionRemovePod(cs: CycleState, removed: PodInfo, node: NodeInfo): void {
    for (const p of this.preFilter) if (!cs.skipFilterPlugins.has(p.name) && p.removePod) p.removePod(cs, removed, node);
  }
}

/**
 * Verdicts of a run of static Filter plugins (FilterPlugin.staticFilter) for the pods that place alike
 * (placementKeyOf), per NodeInfo.index: 0 not evaluated yet, 1 passes them all, 2 fails (with the
 * status in `status`).
 */
interface StaticVerdicts {
  verdict: Uint8Array;
  status: Status[];
}

/**
 * Static verdicts of one cluster state, valid while its node count holds (nodes are only added): by
 * the names of the run of plugins, then by placement key (the key includes spec.schedulerName, so pods
 * of different profiles never share a table).
 */
interface StaticVerdictCache {
  nodes: number;
  byRun: Map<string, Map<string, StaticVerdicts>>;
}

/** How many of the first active filters declare static verdicts. */
function leadingStatic(active: readonly FilterPlugin[]): number {
  let n = 0;
  while (n < active.length && active[n].staticFilter === true) n++;
  return n;
}

/** Score tables are allocated in multiples of this many cells (see Scheduler.tableOf). */
const TABLE_GRANULE = 1024;
/** Spare score tables kept at most (explanations discarded in a row before the next cycles take them). */
const MAX_SPARE_TABLES = 8;

/** The smallest chunk of nodes filtered at once (see Scheduler.filterInBatches). */
const MIN_FILTER_CHUNK = 16;

type BatchedFilterPlugin = FilterPlugin & Required<Pick<FilterPlugin, 'filterBatch'>>;

function allBatched(active: readonly FilterPlugin[]): boolean {
  for (let i = 0; i < active.length; i++) if (active[i].filterBatch === undefined) return false;
  return true;
}

/** Filter plugins not skipped at PreFilter, computed once per cycle state (and after new skips). */
function activeFilters(cs: CycleState, all: FilterPlugin[]): FilterPlugin[] {
  const c = cs.activeFilters as { skipped: number; list: FilterPlugin[] } | null;
  if (c !== null && c.skipped === cs.skipFilterPlugins.size) return c.list;
  const list = all.filter((p) => !cs.skipFilterPlugins.has(p.name));
  cs.activeFilters = { skipped: cs.skipFilterPlugins.size, list };
  return list;
}

/**
 * The nodes that failed (PreFilter-excluded or filtered out) with their statuses, in evaluation order.
 * Appended to as node indices and statuses (thousands of nodes per pod on large clusters: no hashing
 * and no node object read on the hot path; names are looked up when read); the name -> Status map
 * (Map.set semantics: first position, last status) is built only when asked for (PostFilter,
 * FitError, re-evaluated nominated node).
 */
export class FilterRecord {
  private at: Int32Array;
  private count = 0;
  private statuses: Status[];
  private m: Map<string, Status> | null = null;
  private sealed = false;

  /**
   * `nodes` by NodeInfo.index (the cluster's insertion order). With `scratch`, entries go into the
   * caller's reused buffers (grown ones are handed back through it) until seal() copies them out:
   * thousands of rejected nodes per pod then cost no growing arrays to collect.
   */
  constructor(private readonly nodes: readonly NodeInfo[], private readonly scratch: { at: Int32Array; statuses: Status[] } | null = null) {
    this.at = scratch !== null ? scratch.at : new Int32Array(16);
    this.statuses = scratch !== null ? scratch.statuses : [];
  }

  /** Own the entries (copied out of the scratch buffers, which the next cycle reuses). */
  seal(): void {
    if (this.sealed) return;
    this.sealed = true;
    if (this.scratch === null || this.m !== null) return;
    this.at = this.at.slice(0, this.count);
    this.statuses = this.statuses.slice(0, this.count);
  }

  /** Forget the entries without copying them (nobody will read them: see Scheduler.discardExplanation). */
  drop(): void {
    this.sealed = true;
    this.count = 0;
    this.at = new Int32Array(0);
    this.statuses = [];
    this.m = new Map();
  }

  add(node: NodeInfo, s: Status): void {
    this.addAt(node.index, s);
  }

  /** entries kept at most (the others only counted: see Scheduler.recordLimit) */
  private limit = Infinity;
  private dropped = 0;

  /** From now on keep `n` entries at most (besides those already kept), counting the others. */
  limitTo(n: number): void {
    this.limit = Math.max(n, this.count);
  }

  /** how many more entries are kept (Infinity in keyed mode, which has no limit) */
  room(): number {
    return this.m !== null ? Infinity : Math.max(0, this.limit - this.count);
  }

  /** `n` more rejected nodes, counted but not kept (the caller ran out of room()) */
  countDropped(n: number): void {
    this.dropped += n;
  }

  /** every rejected node is kept (none was only counted) */
  get complete(): boolean {
    return this.dropped === 0;
  }

  /** add the node with NodeInfo.index `index` */
  addAt(index: number, s: Status): void {
    if (this.m !== null) {
      this.m.set(this.nodes[index].name, s);
      return;
    }
    if (this.count >= this.limit) {
      this.dropped++;
      return;
    }
    if (this.count === this.at.length) {
      const a = new Int32Array(Math.max(16, this.at.length * 2));
      a.set(this.at);
      this.at = a;
      if (this.scratch !== null && !this.sealed) this.scratch.at = a;
    }
    this.statuses[this.count] = s;
    this.at[this.count++] = index;
  }

  map(): Map<string, Status> {
    // a capped record cannot say which status the uncounted nodes had (the scheduler walks again)
    if (this.dropped > 0) throw new Error('FilterRecord.map: entries past the limit were not kept');
    if (this.m === null) {
      const m = new Map<string, Status>();
      for (let i = 0; i < this.count; i++) m.set(this.nodes[this.at[i]].name, this.statuses[i]);
      this.m = m;
      this.count = 0;
      this.at = new Int32Array(0);
      this.statuses = [];
    }
    return this.m;
  }

  /** valid while no node was added twice (true until map() is built: see scheduleOne); counts dropped entries */
  get size(): number {
    return this.m !== null ? this.m.size : this.count + this.dropped;
  }

  /** visit the kept entries in order until `f` returns false */
  each(f: (name: string, s: Status) => boolean): void {
    if (this.m !== null) {
      for (const [name, st] of this.m) if (!f(name, st)) return;
      return;
    }
    for (let i = 0; i < this.count; i++) if (!f(this.nodes[this.at[i]].name, this.statuses[i])) return;
  }
}

/**
 * What an explanation's lazy views are built from, one entry per explanation: `filtered` /
 * `filteredBy` from the cycle's FilterRecord, `scores` from the score columns (no per-node objects
 * while scheduling thousands of pods), and the values once built or assigned.
 */
interface ExplanationViews {
  record: FilterRecord | null;
  columns: ScoreColumns | null;
  /** properties not installed yet (Scheduler.deferViews) */
  deferred: boolean;
  filtered: { filtered: PodScheduling['filtered']; filteredBy: Record<string, string> } | null;
  scores: PodScheduling['scores'] | null;
}
const views = new WeakMap<PodScheduling, ExplanationViews>();

function viewsOf(s: PodScheduling): ExplanationViews {
  let v = views.get(s);
  if (v === undefined) views.set(s, (v = { record: null, columns: null, deferred: false, filtered: null, scores: null }));
  return v;
}

/** Number of nodes in `filtered`, without building it. */
export function filteredNodeCount(s: PodScheduling): number {
  const m = views.get(s)?.record;
  return m ? m.size : Object.keys(s.filtered ?? {}).length;
}

/** The first `k` entries of `filtered` / `filteredBy` (node evaluation order), without building the rest. */
export function firstFiltered(s: PodScheduling, k: number): { filtered: PodScheduling['filtered']; filteredBy: Record<string, string> } {
  const m = views.get(s)?.record;
  const filtered: PodScheduling['filtered'] = {};
  const filteredBy: Record<string, string> = {};
  if (!m) {
    for (const n of Object.keys(s.filtered ?? {}).slice(0, k)) {
      filtered[n] = s.filtered[n];
      if (s.filteredBy?.[n] !== undefined) filteredBy[n] = s.filteredBy[n];
    }
    return { filtered, filteredBy };
  }
  let i = 0;
  m.each((name, st) => {
    if (i++ >= k) return false;
    filtered[name] = st.reasons.slice();
    filteredBy[name] = st.plugin;
    return true;
  });
  return { filtered, filteredBy };
}

/** `filtered` / `filteredBy` once built from the record (or assigned by a caller) */
function filteredValuesOf(s: PodScheduling): { filtered: PodScheduling['filtered']; filteredBy: Record<string, string> } {
  const e = viewsOf(s);
  if (e.filtered === null) {
    const f: PodScheduling['filtered'] = {};
    const b: Record<string, string> = {};
    e.record?.each((name, st) => {
      f[name] = st.reasons.slice();
      b[name] = st.plugin;
      return true;
    });
    e.filtered = { filtered: f, filteredBy: b };
  }
  return e.filtered;
}

// One accessor pair for every explanation (state in `views`, found through `this`): all
// explanations keep one shape, where a closure per object made each a shape of its own.
const LAZY_FILTERED: PropertyDescriptor = {
  enumerable: true, configurable: true,
  get(this: PodScheduling) { return filteredValuesOf(this).filtered; },
  set(this: PodScheduling, v: PodScheduling['filtered']) { filteredValuesOf(this).filtered = v; },
};
const LAZY_FILTERED_BY: PropertyDescriptor = {
  enumerable: true, configurable: true,
  get(this: PodScheduling) { return filteredValuesOf(this).filteredBy; },
  set(this: PodScheduling, v: Record<string, string>) { filteredValuesOf(this).filteredBy = v; },
};

function setLazyFiltered(sched: PodScheduling): void {
  Object.defineProperty(sched, 'filtered', LAZY_FILTERED);
  Object.defineProperty(sched, 'filteredBy', LAZY_FILTERED_BY);
}

/**
 * `scheduling.scores` for many nodes is large (10,000 pods × 500 nodes): keep it as one flat integer
 * table and build the `{node: {total, plugins}}` object on first read (JSON.stringify, the webview, the
 * CLI read it like a plain property; the object is then cached).
 */
interface ScoreColumns {
  /** the scored nodes, in scoring order */
  nodes: readonly NodeInfo[];
  plugins: string[];
  /** n × (plugins + 1): plugin j's normalized score of node i at j·n + i, totals at plugins·n + i */
  table: Float64Array;
  /** name ranks of every node (ClusterState.nameRanks, by NodeInfo.index), for cheap tie-breaks */
  ranks: Int32Array;
  /** position of the selected node */
  selected: number;
}
/** Number of scored nodes, without building the scores object. */
export function scoredNodeCount(s: PodScheduling): number {
  const c = views.get(s)?.columns;
  return c ? c.nodes.length : Object.keys(s.scores ?? {}).length;
}

/** Scratch arrays of topScores (single-threaded; grown on demand, never kept by a caller). */
let keyScratch = new Float64Array(64);
let heapScratch = new Int32Array(32);
let keepScratch = new Uint8Array(64);

/**
 * The `k` best-scored nodes (by total, then name), plus `alsoKeep` when scored, as a scores object,
 * without materializing every node's entry (for callers that bound the explanation's size).
 */
export function topScores(s: PodScheduling, k: number, alsoKeep?: string | null): PodScheduling['scores'] {
  const c = views.get(s)?.columns;
  if (!c) {
    const names = Object.keys(s.scores ?? {}).sort((a, b) => (s.scores[b].total - s.scores[a].total) || (a < b ? -1 : a > b ? 1 : 0));
    const keep = new Set(names.slice(0, k));
    if (alsoKeep) keep.add(alsoKeep);
    return Object.fromEntries(Object.entries(s.scores ?? {}).filter(([n]) => keep.has(n)));
  }
  const n = c.nodes.length;
  const nodes = c.nodes;
  const table = c.table;
  const totalsAt = c.plugins.length * n;
  const cap = Math.max(0, Math.min(k, n));
  if (cap === 0) {
    // just `alsoKeep` (a replica's own selected node): one row, no pass over the others
    const out: PodScheduling['scores'] = {};
    if (!alsoKeep) return out;
    let at = c.selected >= 0 && nodes[c.selected].name === alsoKeep ? c.selected : -1;
    if (at < 0) for (let i = 0; i < n; i++) if (nodes[i].name === alsoKeep) { at = i; break; }
    if (at >= 0) out[alsoKeep] = scoreEntry(c, at);
    return out;
  }
  if (keepScratch.length < n) keepScratch = new Uint8Array(Math.max(n, keepScratch.length * 2));
  const keep = keepScratch;
  keep.fill(0, 0, n);
  if (cap > 0) {
    // Bounded selection of the k best (total desc, then name asc: a strict order since node names
    // are unique) in a binary heap whose root is the worst kept: O(n log k), no sort of every node.
    // One number per node ordering like (total desc, name asc): total·N + (N − 1 − rank). Totals are
    // integers and ranks are 0..N−1, so a larger total always wins and equal totals fall back to the
    // name; exact in doubles while |total|·N < 2^53 (totals are a few thousand, N nodes).
    if (keyScratch.length < n) keyScratch = new Float64Array(Math.max(n, keyScratch.length * 2));
    if (heapScratch.length < cap) heapScratch = new Int32Array(Math.max(cap, heapScratch.length * 2));
    const key = keyScratch;
    const heap = heapScratch;
    const ranks = c.ranks;
    let N = 1;
    for (let i = 0; i < n; i++) if (ranks[nodes[i].index] + 1 > N) N = ranks[nodes[i].index] + 1;
    for (let i = 0; i < n; i++) key[i] = table[totalsAt + i] * N + (N - 1 - ranks[nodes[i].index]);
    let size = 0;
    for (let i = 0; i < n; i++) {
      const ki = key[i];
      if (size < cap) {
        // sift up: parents rank after (or equal to) their children, the root is the worst kept
        let at = size++;
        while (at > 0) {
          const parent = (at - 1) >> 1;
          if (!(key[heap[parent]] > ki)) break;
          heap[at] = heap[parent];
          at = parent;
        }
        heap[at] = i;
      } else if (ki > key[heap[0]]) {
        // replace the worst kept, sift down
        let at = 0;
        for (;;) {
          const l = 2 * at + 1;
          if (l >= size) break;
          const r = l + 1;
          const w = r < size && key[heap[r]] < key[heap[l]] ? r : l;
          if (!(key[heap[w]] < ki)) break;
          heap[at] = heap[w];
          at = w;
        }
        heap[at] = i;
      }
    }
    for (let j = 0; j < size; j++) keep[heap[j]] = 1;
  }
  if (alsoKeep) {
    if (c.selected >= 0 && nodes[c.selected].name === alsoKeep) keep[c.selected] = 1;
    else for (let i = 0; i < n; i++) if (nodes[i].name === alsoKeep) { keep[i] = 1; break; }
  }
  const out: PodScheduling['scores'] = {};
  for (let i = 0; i < n; i++) if (keep[i] !== 0) out[nodes[i].name] = scoreEntry(c, i);
  return out;
}

/** `{total, plugins}` of the node at position i. */
function scoreEntry(c: ScoreColumns, i: number): { total: number; plugins: Record<string, number> } {
  const n = c.nodes.length;
  const pl: Record<string, number> = {};
  for (let j = 0; j < c.plugins.length; j++) pl[c.plugins[j]] = c.table[j * n + i];
  return { total: c.table[c.plugins.length * n + i], plugins: pl };
}

/** the lazy `scores` of every explanation (one accessor pair, as LAZY_FILTERED), built once */
const LAZY_SCORES: PropertyDescriptor = {
  enumerable: true, configurable: true,
  get(this: PodScheduling) {
    const e = viewsOf(this);
    if (e.scores === null) {
      const v: PodScheduling['scores'] = {};
      // no columns: discarded (see discardExplanation), read as {}
      const c = e.columns;
      if (c !== null) for (let i = 0; i < c.nodes.length; i++) v[c.nodes[i].name] = scoreEntry(c, i);
      e.scores = v;
    }
    return e.scores;
  },
  set(this: PodScheduling, v: PodScheduling['scores']) { viewsOf(this).scores = v; },
};

function setLazyScores(sched: PodScheduling): void {
  Object.defineProperty(sched, 'scores', LAZY_SCORES);
}

function emptyScheduling(weights: Readonly<Record<string, number>>): PodScheduling {
  // the profile's frozen weights (Framework.explainedWeights), shared: readers only read them
  return { filtered: {}, scores: {}, filteredBy: {}, selected: null, weights: weights as Record<string, number> };
}

export class Scheduler {
  private readonly frameworks = new Map<string, Framework>();
  /** reused buffers of each cycle's FilterRecord (sealed when the next cycle starts, unless discarded) */
  private readonly recordScratch: { at: Int32Array; statuses: Status[] } = { at: new Int32Array(1024), statuses: [] };
  /** the last cycle's record, still in the scratch buffers */
  private unsealed: FilterRecord | null = null;

  /**
   * Rejected nodes kept per scheduled pod at most; the others are only counted (filteredNodeCount) and
   * missing from its `filtered` / `filteredBy` (firstFiltered gives the kept ones). A pod that fits
   * nowhere keeps them all (its message and PostFilter read every status). For callers that bound
   * explanations anyway (simulate); Infinity by default.
   */
  recordLimit = Infinity;

  /**
   * The caller will not read this explanation's `filtered` / `filteredBy` again (it kept what it
   * needs, e.g. a bounded copy): its rejected nodes need not be copied out of the scratch buffers.
   */
  discardExplanation(s: PodScheduling): void {
    const e = views.get(s);
    if (e === undefined) return;
    const c = e.columns;
    if (c !== null) {
      // its score table serves a next cycle needing at most as many cells, its node list one with as
      // many feasible nodes; without its columns the lazy `scores` reads as {} unless already built
      if (this.spareTables.length < MAX_SPARE_TABLES) this.spareTables.push(c.table);
      this.spareFeasible = c.nodes as NodeInfo[];
      e.columns = null;
    }
    const r = e.record;
    if (r === null) return;
    if (r === this.unsealed) this.unsealed = null;
    r.drop();
    e.record = null;
  }

  /** score tables nobody reads any more (see discardExplanation) */
  private readonly spareTables: Float64Array[] = [];
  /** a feasible-node list nobody reads any more */
  private spareFeasible: NodeInfo[] | null = null;
  /** problems found in the profile(s) (unknown points, plugins not implementing a point...) */
  readonly warnings: string[] = [];
  nextStartNodeIndex = 0;
  /**
   * Filter nodes in batches (`FilterPlugin.filterBatch`) when every active filter has that form. The
   * per-node path gives the same results; it stays for plugins without the batch form, for cycles with
   * nominated pods, and for tests comparing the two.
   */
  batch = true;

  constructor(profile: Profile | Profile[], readonly rng: Rng) {
    for (const p of Array.isArray(profile) ? profile : [profile]) {
      if (!this.frameworks.has(p.schedulerName)) this.frameworks.set(p.schedulerName, new Framework(p, rng, (m) => this.warnings.push(m)));
    }
  }

  /** Make `recorded` the explanation's rejected nodes (sealed when the next cycle starts). */
  private keep(sched: PodScheduling, recorded: FilterRecord): void {
    const e = viewsOf(sched);
    e.record = recorded;
    if (this.deferViews) e.deferred = true;
    else setLazyFiltered(sched);
    this.unsealed = recorded;
  }

  /**
   * Explanations of later cycles get their lazy `scores` / `filtered` / `filteredBy` properties only
   * from finishExplanation: a caller that reads most explanations through the helpers
   * (scoredNodeCount, filteredNodeCount, topScores, firstFiltered) and discards them saves defining
   * properties on thousands of objects. Until finished, those properties read as empty.
   */
  deferViews = false;

  /** Install the lazy properties of an explanation made while deferViews was set (once; no-op otherwise). */
  finishExplanation(s: PodScheduling): void {
    const e = views.get(s);
    if (e === undefined || !e.deferred) return;
    e.deferred = false;
    if (e.columns !== null) setLazyScores(s);
    if (e.record !== null) setLazyFiltered(s);
  }

  frameworkFor(pod: Pod): Framework | undefined {
    const name = typeof pod.spec?.schedulerName === 'string' && pod.spec.schedulerName !== '' ? pod.spec.schedulerName : DEFAULT_SCHEDULER_NAME;
    return this.frameworks.get(name);
  }

  /** QueueSort order (PrioritySort: higher priority first, then arrival order). Stable. */
  sortQueue(pods: Pod[], state?: ClusterState): Pod[] {
    const fw = this.frameworks.values().next().value as Framework | undefined;
    const qs = fw?.queueSort;
    const items = pods.map((pod, i) => ({ pod, priority: state ? state.priorityOf(pod) : (typeof pod.spec?.priority === 'number' ? pod.spec.priority : 0), timestamp: i }));
    if (!qs) return pods.slice();
    items.sort((a, b) => (qs.less(a, b) ? -1 : qs.less(b, a) ? 1 : a.timestamp - b.timestamp));
    return items.map((x) => x.pod);
  }

  /**
   * Schedule one pod against `state`. On success the pod is bound (assumed) in `state`; on successful
   * preemption the victims are removed from `state` and the pod is nominated to the node.
   */
  scheduleOne(pod: Pod, state: ClusterState): ScheduleOutcome {
    // the previous cycle's rejected nodes move out of the scratch buffers this cycle reuses
    if (this.unsealed !== null) {
      this.unsealed.seal();
      this.unsealed = null;
    }
    const fw = this.frameworkFor(pod);
    if (!fw) return { nodeName: null, scheduling: emptyScheduling({}), message: null, preemption: null, skipped: 'no-profile' };
    const sched = emptyScheduling(fw.explainedWeights);
    const pending = (message: string | null, extra: Partial<ScheduleOutcome> = {}): ScheduleOutcome => ({
      nodeName: null, scheduling: sched, message: message === null ? null : truncateMessage(message), preemption: null, ...extra,
    });

    for (const p of fw.preEnqueue) {
      const s = p.preEnqueue(pod, state);
      if (!s.isSuccess()) return { ...pending(s.message()), scheduling: emptyScheduling(fw.explainedWeights), skipped: 'gated' };
    }

    const allNodes = state.nodes();
    if (allNodes.length === 0) return pending(NO_NODES_AVAILABLE);

    const info = podInfoOf(pod);
    const cs = new CycleState(state, info, state.priorityOf(pod));
    // The failed nodes are recorded once (FilterRecord); when PostFilter runs, its map is the
    // NodeToStatus's: the nodes it also holds (PreFilter-excluded ones, with the absent status) read the
    // same through NodeToStatus.get and count the same in the FitError histogram (explicit entries +
    // absent × the rest); feasible nodes are never in it then.
    const statuses = new NodeToStatus();
    let recorded = new FilterRecord(state.nodesInInsertionOrder(), this.recordScratch);
    // sched.filtered / filteredBy become lazy views of `recorded` once a node was rejected (most pods
    // of a roomy cluster have none: their empty objects stay as they are)

    // ---- PreFilter
    let result: Set<string> | null = null;
    const withNodes: string[] = [];
    let rejected: Status | null = null;
    for (const p of fw.preFilter) {
      const r = p.preFilter(cs, allNodes);
      const s = r.status;
      if (s.code === 'Skip') {
        cs.skipFilterPlugins.add(p.name);
        continue;
      }
      if (!s.isSuccess()) {
        s.plugin = p.name;
        if (s.code === 'UnschedulableAndUnresolvable') { rejected = s; break; }
        if (s.code === 'Unschedulable') { rejected = rejected ?? s; continue; }
        return pending(`running PreFilter plugin "${p.name}": ${s.message()}`);
      }
      if (r.result) {
        withNodes.push(p.name);
        result = intersect(result, r.result);
        if (result.size === 0) {
          const msg = withNodes.length === 1 ? `node(s) didn't satisfy plugin ${withNodes[0]}` : `node(s) didn't satisfy plugin(s) [${withNodes.join(' ')}] simultaneously`;
          rejected = new Status('UnschedulableAndUnresolvable', [msg], p.name);
          break;
        }
      }
    }
    if (rejected) {
      statuses.absent = rejected;
      for (const n of allNodes) {
        recorded.add(n, rejected);
      }
      if (recorded.size > 0) this.keep(sched, recorded);
      return this.fail(fw, cs, statuses, allNodes, sched, rejected.message());
    }

    let nodes: readonly NodeInfo[] = allNodes;
    let absent: Status | null = null;
    if (result !== null) {
      const keep = result;
      // upstream lists the subset from a Go map (random order); node order keeps the walk deterministic
      nodes = allNodes.filter((n) => keep.has(n.name));
      absent = unresolvable(`node(s) didn't satisfy plugin(s) [${[...withNodes].sort().join(' ')}]`);
      absent.plugin = withNodes[0];
      statuses.absent = absent;
    }

    // ---- Filter
    const nominatedName = state.nominatedNodeOf(pod);
    /** record the PreFilter-excluded nodes, then find the feasible ones (nominated node first) */
    const filterNodes = (limit: number): NodeInfo[] => {
      if (absent !== null) {
        for (const n of allNodes) {
          if (!(result as Set<string>).has(n.name)) recorded.add(n, absent);
        }
      }
      // a nominated node's attempt switches the record to keyed entries (map()), which needs them all
      recorded.limitTo(nominatedName ? Infinity : limit);
      let found: NodeInfo[] = [];
      let nominatedTried = false;
      let nominatedAt = -1;
      if (nominatedName) {
        nominatedAt = nodes.findIndex((x) => x.name === nominatedName);
        if (nominatedAt >= 0) {
          found = this.findNodesThatPassFilters(fw, cs, [nodes[nominatedAt]], recorded);
          nominatedTried = true;
        }
      }
      // a pod placed on its nominated node leaves nextStartNodeIndex alone (evaluateNominatedNode)
      walked = 0;
      if (found.length === 0) {
        // the nominated node may be evaluated twice: keyed entries from now on (one per node)
        if (nominatedTried) recorded.map();
        const start = this.nextStartNodeIndex % nodes.length;
        found = this.findNodesThatPassFilters(fw, cs, nodes, recorded);
        // findNodesThatFitPod: processed = feasible + rejected nodes (NodeToStatus), which also holds a
        // rejected nominated node the walk stopped before
        walked = this.processedInWalk;
        if (nominatedTried && (nominatedAt - start + nodes.length) % nodes.length >= walked) walked++;
      }
      // Only a node recorded by the nominated-node attempt can be feasible afterwards (every other node
      // is evaluated once, and recorded only when it fails).
      if (nominatedTried) {
        const m = recorded.map();
        for (const n of found) m.delete(n.name);
      }
      return found;
    };
    /** nodes the last walk processed, for nextStartNodeIndex */
    let walked = 0;
    let feasible = filterNodes(this.recordLimit);

    if (feasible.length === 0) {
      if (!recorded.complete) {
        // The failure needs every rejected node's status: walk again, keeping them all. The walk is
        // deterministic and nextStartNodeIndex has not moved yet: the second walk is the first one.
        recorded.drop();
        recorded = new FilterRecord(state.nodesInInsertionOrder(), this.recordScratch);
        feasible = filterNodes(Infinity);
      }
    }
    // Upstream moves the index modulo the number of ALL nodes, also when PreFilter narrowed the walk
    // to a subset (findNodesThatFitPod); the walk itself starts at the index modulo the walked list.
    if (walked > 0) this.nextStartNodeIndex = (this.nextStartNodeIndex + walked) % allNodes.length;
    if (feasible.length === 0) {
      statuses.statuses = recorded.map();
      if (recorded.size > 0) this.keep(sched, recorded);
      return this.fail(fw, cs, statuses, allNodes, sched, undefined);
    }

    let selected: NodeInfo;
    if (feasible.length === 1) {
      selected = feasible[0];
    } else {
      selected = this.prioritize(fw, cs, feasible, sched);
    }
    sched.selected = selected.name;

    // ---- Reserve, Bind
    for (const p of fw.reserve) (p as unknown as { reserve(cs: CycleState, node: string): void }).reserve(cs, selected.name);
    let bound = false;
    for (const b of fw.bind) {
      const s = b.bind(pod, selected.name, state);
      if (s.isSuccess()) { bound = true; break; }
    }
    if (!bound) state.assume(pod, selected.name);
    if (recorded.size > 0) this.keep(sched, recorded);
    return { nodeName: selected.name, scheduling: sched, message: null, preemption: null, nominatedNodeName: null };
  }

  /** how many nodes the last findNodesThatPassFilters walked (its caller moves nextStartNodeIndex) */
  private processedInWalk = 0;

  /** Filter from nextStartNodeIndex (modulo the list) until toFind feasible nodes; sets processedInWalk. */
  private findNodesThatPassFilters(fw: Framework, cs: CycleState, nodes: readonly NodeInfo[], recorded: FilterRecord): NodeInfo[] {
    const total = nodes.length;
    this.processedInWalk = 0;
    if (total === 0) return [];
    let toFind = numFeasibleNodesToFind(fw.percentageOfNodesToScore, total);
    if (fw.score.length === 0) toFind = 1;
    const start = this.nextStartNodeIndex % total;
    const feasible: NodeInfo[] = [];
    if (fw.filter.length === 0) {
      for (let i = 0; i < toFind; i++) feasible.push(nodes[(start + i) % total]);
      this.processedInWalk = toFind;
      return feasible;
    }
    // Without nominated pods RunFilterPluginsWithNominatedPods is RunFilterPlugins: run the active
    // filters inline (same order, same first-failure rule) instead of two calls per node.
    const active = cs.cluster.hasNominatedPods() ? null : activeFilters(cs, fw.filter);
    if (active !== null && this.batch && allBatched(active)) return this.filterInBatches(active, cs, nodes, start, toFind, recorded);
    let processed = 0;
    const nActive = active === null ? 0 : active.length;
    for (let i = 0; i < total && feasible.length < toFind; i++) {
      const node = nodes[(start + i) % total];
      processed++;
      let s: Status = SUCCESS;
      if (active === null) s = fw.runFilterPluginsWithNominatedPods(cs, node);
      else {
        for (let j = 0; j < nActive; j++) {
          const p = active[j];
          const r = p.filter(cs, node);
          if (r.code !== 'Success') {
            s = r.plugin === p.name ? r : new Status(r.code, r.reasons, p.name);
            break;
          }
        }
      }
      if (s.code === 'Success') feasible.push(node);
      else recorded.add(node, s);
    }
    this.processedInWalk = processed;
    return feasible;
  }

  /** NodeInfo.index of the nodes of `feasibleOf` (the last list filterInBatches returned), by position */
  private feasibleIndex = new Int32Array(64);
  private feasibleOf: readonly NodeInfo[] | null = null;

  private readonly staticVerdicts = new WeakMap<ClusterState, StaticVerdictCache>();

  /** The verdict table of the first `n` active filters for this pod (see StaticVerdicts). */
  private staticVerdictsFor(cs: CycleState, active: readonly FilterPlugin[], n: number): StaticVerdicts {
    const cluster = cs.cluster;
    const count = cluster.nodesInInsertionOrder().length;
    let cache = this.staticVerdicts.get(cluster);
    if (cache === undefined || cache.nodes !== count) {
      cache = { nodes: count, byRun: new Map() };
      this.staticVerdicts.set(cluster, cache);
    }
    let run = active[0].name;
    for (let j = 1; j < n; j++) run += `,${active[j].name}`;
    let byPlacement = cache.byRun.get(run);
    if (byPlacement === undefined) cache.byRun.set(run, (byPlacement = new Map()));
    // the memoized key string (shared by replicas): its hash is computed once
    const key = placementKeyOf(cs.pod);
    let v = byPlacement.get(key);
    if (v === undefined) {
      v = { verdict: new Uint8Array(count), status: new Array<Status>(count).fill(SUCCESS) };
      byPlacement.set(key, v);
    }
    return v;
  }

  /** positions (into the doubled node list) of the nodes being filtered, and the statuses of those that failed */
  private positions = new Int32Array(64);
  private failures: Status[] = new Array<Status>(64).fill(SUCCESS);
  /** the last node list filterInBatches walked, written twice in a row, and its NodeInfo.index the same way */
  private walkNodes: readonly NodeInfo[] | null = null;
  private walkTwice: NodeInfo[] = [];
  private walkIndexTwice = new Int32Array(0);

  /**
   * `nodes` twice in a row, and their NodeInfo.index likewise: a walk of up to nodes.length positions
   * from any start runs over increasing positions, without wrapping. Kept for the cluster's node list
   * (the usual walk) until it changes.
   */
  private doubled(cs: CycleState, nodes: readonly NodeInfo[]): { twice: NodeInfo[]; index: Int32Array } {
    if (this.walkNodes !== nodes) {
      const n = nodes.length;
      const twice = new Array<NodeInfo>(2 * n);
      const index = new Int32Array(2 * n);
      const byPos = nodes === cs.cluster.nodes() ? cs.cluster.nodesIndex() : null;
      for (let i = 0; i < n; i++) {
        twice[i] = twice[n + i] = nodes[i];
        index[i] = index[n + i] = byPos !== null ? byPos[i] : nodes[i].index;
      }
      // only the cluster's own list is worth keeping (a nominated node or a PreFilter subset is walked once)
      if (byPos === null) return { twice, index };
      this.walkNodes = nodes;
      this.walkTwice = twice;
      this.walkIndexTwice = index;
    }
    return { twice: this.walkTwice, index: this.walkIndexTwice };
  }

  /**
   * The same walk as the per-node loop (rotating start, first failing filter decides, stop at toFind
   * feasible nodes), run as chunks of consecutive nodes: each filter plugin runs once per chunk over
   * the nodes still passing (`filterBatch`), then the chunk is read back in node order. A chunk is as
   * long as the number of feasible nodes still wanted, so when every node passes no node is evaluated
   * in vain; the nodes of the last chunk after the toFind-th feasible one are dropped (not recorded,
   * not counted in processedInWalk) exactly as if they had not been evaluated. Positions index the
   * node list written twice (see doubled): start + k for the k-th node walked.
   */
  private filterInBatches(active: readonly FilterPlugin[], cs: CycleState, nodes: readonly NodeInfo[], start: number, toFind: number, recorded: FilterRecord): NodeInfo[] {
    const total = nodes.length;
    if (this.positions.length < 2 * total) {
      this.positions = new Int32Array(Math.max(2 * total, this.positions.length * 2));
      // filled up front: writes at scattered positions of an empty array would make it a slow sparse one
      this.failures = new Array<Status>(this.positions.length).fill(SUCCESS);
    }
    const idx = this.positions;
    const failures = this.failures;
    const { twice, index } = this.doubled(cs, nodes);
    // collected in a reused array that becomes the result (see the end)
    const found = this.feasibleScratch;
    let nFound = 0;
    if (this.feasibleIndex.length < total) this.feasibleIndex = new Int32Array(Math.max(total, this.feasibleIndex.length * 2));
    const fIndex = this.feasibleIndex;
    let examined = 0;
    let processed = 0;
    // rejected nodes the record still keeps; the others are only counted (FilterRecord.limitTo)
    let room = recorded.room();
    let uncounted = 0;
    const nActive = active.length;
    // the leading static filters run once per node and pod key, then their verdict is read back
    const nStatic = leadingStatic(active);
    const stat = nStatic > 0 ? this.staticVerdictsFor(cs, active, nStatic) : null;
    while (examined < total && nFound < toFind) {
      let chunk = toFind - nFound;
      if (chunk < MIN_FILTER_CHUNK) chunk = MIN_FILTER_CHUNK;
      if (chunk > total - examined) chunk = total - examined;
      const first = start + examined;
      const end = first + chunk;
      let kept = 0;
      if (stat !== null) {
        // the chunk's positions that pass the static filters (the others get their remembered status)
        const verdict = stat.verdict;
        const status = stat.status;
        for (let p = first; p < end; p++) {
          const x = index[p];
          let v = verdict[x];
          if (v === 0) {
            let s: Status = SUCCESS;
            for (let j = 0; j < nStatic; j++) {
              const pl = active[j];
              const r = pl.filter(cs, twice[p]);
              if (r.code !== 'Success') {
                s = r.plugin === pl.name ? r : new Status(r.code, r.reasons, pl.name);
                break;
              }
            }
            v = s === SUCCESS ? 1 : 2;
            verdict[x] = v;
            status[x] = s;
          }
          if (v === 1) idx[kept++] = p;
          else failures[p] = status[x];
        }
      } else {
        for (let p = first; p < end; p++) idx[kept++] = p;
      }
      for (let j = nStatic; j < nActive && kept > 0; j++) kept = (active[j] as BatchedFilterPlugin).filterBatch(cs, twice, idx, kept, failures, index);
      // read the chunk back in node order: idx[0..kept) are the passing positions, increasing; the
      // positions between them failed
      let p = first;
      for (let j = 0; j < kept; j++) {
        const q = idx[j];
        for (; p < q; p++) {
          if (room > 0) {
            recorded.addAt(index[p], failures[p]);
            room--;
          } else uncounted++;
        }
        fIndex[nFound] = index[q];
        found[nFound++] = twice[q];
        p = q + 1;
        if (nFound >= toFind) break;
      }
      if (nFound < toFind) {
        for (; p < end; p++) {
          if (room > 0) {
            recorded.addAt(index[p], failures[p]);
            room--;
          } else uncounted++;
        }
      }
      processed += p - first;
      examined += chunk;
    }
    if (uncounted > 0) recorded.countDropped(uncounted);
    this.processedInWalk = processed;
    // the collected array is the result at its final length; the next walk collects into the list of
    // a discarded explanation when there is one (see discardExplanation), else a new array
    found.length = nFound;
    this.feasibleScratch = this.spareFeasible ?? [];
    this.spareFeasible = null;
    this.feasibleOf = found;
    return found;
  }

  private feasibleScratch: NodeInfo[] = [];

  /** the weighted totals of the pod being scored */
  private totalScratch = new Float64Array(64);
  /** a view of exactly n entries of totalScratch */
  private totalView = this.totalScratch;

  /** A score table of at least `size` cells: a spare one if any is large enough. */
  private tableOf(size: number): Float64Array {
    const spare = this.spareTables;
    for (let i = spare.length - 1; i >= 0; i--) {
      const t = spare[i];
      if (t.length < size) continue;
      spare[i] = spare[spare.length - 1];
      spare.pop();
      return t;
    }
    // rounded up, so that tables of pods with a few more feasible nodes or plugins fit the spare ones
    return new Float64Array(Math.ceil(size / TABLE_GRANULE) * TABLE_GRANULE);
  }

  private prioritize(fw: Framework, cs: CycleState, feasible: NodeInfo[], sched: PodScheduling): NodeInfo {
    const n = feasible.length;
    // NodeInfo.index of each feasible node (plugins read the cluster's node columns with it): filled
    // while filtering in batches, else read from the nodes
    if (this.feasibleOf !== feasible) {
      if (this.feasibleIndex.length < n) this.feasibleIndex = new Int32Array(Math.max(n, this.feasibleIndex.length * 2));
      for (let i = 0; i < n; i++) this.feasibleIndex[i] = feasible[i].index;
      this.feasibleOf = feasible;
    }
    const index = this.feasibleIndex.subarray(0, n);
    for (const p of fw.preScore) {
      const s = p.preScore(cs, feasible, index);
      if (s.code === 'Skip') cs.skipScorePlugins.add(p.name);
    }
    if (this.totalView.length !== n) {
      if (this.totalScratch.length < n) this.totalScratch = new Float64Array(Math.max(n, this.totalScratch.length * 2));
      this.totalView = this.totalScratch.subarray(0, n);
    }
    const totals = this.totalView;
    totals.fill(0);
    const active: ScorePlugin[] = [];
    for (const p of fw.score) if (!cs.skipScorePlugins.has(p.name)) active.push(p);
    const names: string[] = [];
    // every normalized score and the totals in one table, kept for the explanation (a spare one when an
    // earlier explanation was discarded); cells past n × (plugins + 1) are never read. Each plugin
    // scores and normalizes in its own row (a view of exactly n cells: plugins read scores.length).
    const size = n * (active.length + 1);
    const table = this.tableOf(size);
    // the weighted sum of the plugins whose score is the same on every node (see uniformScore)
    let uniform = 0;
    for (let j = 0; j < active.length; j++) {
      const p = active[j];
      const w = fw.weights[p.name] ?? 1;
      const at = j * n;
      names.push(p.name);
      const u = p.uniformScore !== undefined && p.scoreAll !== undefined && this.batch ? p.uniformScore(cs, feasible) : null;
      if (u !== null) {
        table.fill(u, at, at + n);
        uniform += u * w;
        continue;
      }
      const scores = table.subarray(at, at + n);
      if (p.scoreAll && this.batch) p.scoreAll(cs, feasible, scores, index);
      else for (let i = 0; i < n; i++) scores[i] = p.score(cs, feasible[i]);
      if (p.normalizeScore) p.normalizeScore(cs, feasible, scores);
      for (let i = 0; i < n; i++) totals[i] += scores[i] * w;
    }
    const totalsAt = active.length * n;
    let best = -Infinity;
    let bestIdx = 0;
    let ties = 0;
    for (let i = 0; i < n; i++) {
      // integer sums: adding the uniform part last gives the same totals
      const t = totals[i] + uniform;
      table[totalsAt + i] = t;
      if (t > best) {
        best = t;
        bestIdx = i;
        ties = 1;
      } else if (t === best) {
        ties++;
        // reservoir sampling: replace with probability 1/ties
        if (this.rng.int(ties) === 0) bestIdx = i;
      }
    }
    const e = viewsOf(sched);
    e.columns = { nodes: feasible, plugins: names, table, ranks: cs.cluster.nameRanks(), selected: bestIdx };
    if (this.deferViews) e.deferred = true;
    else setLazyScores(sched);
    return feasible[bestIdx];
  }

  /** FitError: run PostFilter, build the message, apply a successful preemption to the state. */
  private fail(fw: Framework, cs: CycleState, statuses: NodeToStatus, allNodes: readonly NodeInfo[], sched: PodScheduling, preFilterMsg: string | undefined): ScheduleOutcome {
    const reasons: string[] = [];
    let preemption: ScheduleOutcome['preemption'] = null;
    let nominated: string | null | undefined;
    let postFilterMsg: string | undefined;
    let succeeded = false;
    for (const p of fw.postFilter) {
      const r = p.postFilter(cs, statuses, allNodes);
      if (r.status.isSuccess()) {
        succeeded = true;
        if (r.nominatedNode) {
          const victims = r.victims ?? [];
          for (const v of victims) cs.cluster.removePod(v.pod);
          // lower-priority pods nominated to that node lose their nomination
          for (const other of cs.cluster.nominatedPodsOn(r.nominatedNode)) {
            if (cs.cluster.priorityOf(other.pod) < cs.priority) cs.cluster.nominate(other.pod, null);
          }
          cs.cluster.nominate(cs.pod.pod, r.nominatedNode);
          nominated = r.nominatedNode;
          preemption = { node: r.nominatedNode, victims: victims.map((v) => v.pod) };
        }
        break;
      }
      if (r.status.code === 'UnschedulableAndUnresolvable') {
        reasons.push(...r.status.reasons);
        break;
      }
      if (r.nominatedNode === null && cs.cluster.nominatedNodeOf(cs.pod.pod)) {
        cs.cluster.nominate(cs.pod.pod, null);
        nominated = null;
      }
      reasons.push(...r.status.reasons);
    }
    if (!succeeded && reasons.length > 0) postFilterMsg = reasons.join(', ');
    const message = fitErrorMessage({ numAllNodes: allNodes.length, statuses, preFilterMsg, postFilterMsg });
    return {
      nodeName: null,
      scheduling: sched,
      message: truncateMessage(message),
      preemption,
      nominatedNodeName: nominated === undefined ? cs.cluster.nominatedNodeOf(cs.pod.pod) : nominated,
    };
  }
}

function intersect(a: Set<string> | null, b: Set<string>): Set<string> {
  if (a === null) return new Set(b);
  const out = new Set<string>();
  for (const x of a) if (b.has(x)) out.add(x);
  return out;
}

/** "ns/name" of a pod. */
export function podKey(pod: Pod): string {
  return `${namespaceOf(pod)}/${nameOf(pod)}`;
}
