// InterPodAffinity (PreFilter, Filter, PreScore, Score w2, NormalizeScore). Reference §3 and §5.7.
// Counts are kept per topology pair (key, value). Existing pods matching the incoming pod's terms are
// counted through ClusterState's incremental counters (per term, per topology key), and existing pods'
// own terms are evaluated once per group of pods with identical affinity.
import type { LabelSelector, Labels } from '../../../core/labels';
import {
  selectorMatches as selectorMatches_,
} from '../../../core/labels';
import type { InterPodAffinityArgs } from '../args';
import type { ClusterState, NodeInfo, PodCounter } from '../cluster-state';
import {
  type CycleState, type ScoreList, type FilterPlugin, MAX_NODE_SCORE as MAX_NODE_SCORE_, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type ScorePlugin, SKIP as SKIP_, type StateData, type Status, SUCCESS as SUCCESS_, unresolvable, unschedulable,
} from '../framework';
import {
  type AffinityTerm, canonical, type PodInfo, termMatches as termMatches_, type WeightedAffinityTerm,
} from '../pod-info';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const selectorMatches = selectorMatches_;
const MAX_NODE_SCORE = MAX_NODE_SCORE_;
const SKIP = SKIP_;
const SUCCESS = SUCCESS_;
const termMatches = termMatches_;

export const Name = 'InterPodAffinity';
export const ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

const PRE_FILTER_KEY = 'PreFilter' + Name;
const PRE_SCORE_KEY = 'PreScore' + Name;

/** An incoming-pod term with its namespaceSelector resolved against Namespace objects (null = all namespaces). */
interface ResolvedTerm { term: AffinityTerm; namespaces: ReadonlySet<string> | null; key: string }

/**
 * mergeAffinityTermNamespacesIfNotEmpty: a non-empty namespaceSelector is resolved into namespace names;
 * an empty one ({}) keeps matching every namespace; a nil one adds nothing.
 */
function resolveTerm(t: AffinityTerm, cluster: ClusterState): ResolvedTerm {
  let namespaces: Set<string> | null = new Set(t.namespaces);
  const sel = t.namespaceSelector;
  if (sel !== null) {
    const empty = Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
    if (empty) namespaces = null;
    else for (const ns of cluster.namespaceNames()) if (selectorMatches(sel, cluster.namespaceLabels(ns))) namespaces.add(ns);
  }
  return { term: t, namespaces, key: canonical({ ns: namespaces ? [...namespaces].sort() : '*', sel: t.selector }) };
}

function resolvedMatches(r: ResolvedTerm, p: PodInfo): boolean {
  if (r.namespaces !== null && !r.namespaces.has(p.namespace)) return false;
  return selectorMatches(r.term.selector, p.labels);
}

function termCounter(cluster: ClusterState, r: ResolvedTerm): PodCounter {
  return cluster.counter(r.namespaces, r.term.selector as LabelSelector | null, false);
}

/** key -> value -> count, sharing the counters' maps until written (copy on write). */
class TopologyCounts {
  private readonly maps = new Map<string, Map<string, number>>();
  private readonly owned = new Set<string>();

  /** the keys as an array (filters read them per node), rebuilt after a key is added */
  private keyArray: string[] | null = null;

  keyList(): string[] {
    if (this.keyArray === null) this.keyArray = [...this.maps.keys()];
    return this.keyArray;
  }

  setShared(key: string, m: Map<string, number>): void {
    if (!this.maps.has(key)) this.keyArray = null;
    this.maps.set(key, m);
    this.owned.delete(key);
    this.nonEmptyCache = null;
  }

  get(key: string, value: string): number {
    return this.maps.get(key)?.get(value) ?? 0;
  }

  add(key: string, value: string, delta: number): void {
    this.nonEmptyCache = null;
    let m = this.maps.get(key);
    if (!m) {
      m = new Map();
      this.maps.set(key, m);
      this.keyArray = null;
      this.owned.add(key);
    } else if (!this.owned.has(key)) {
      m = new Map(m);
      this.maps.set(key, m);
      this.owned.add(key);
    }
    const v = (m.get(value) ?? 0) + delta;
    if (v === 0) m.delete(value);
    else m.set(value, v);
  }

  private nonEmptyCache: boolean | null = null;

  /** len(map) > 0 upstream: any pair with a non-zero count (cached: filters ask once per node) */
  nonEmpty(): boolean {
    if (this.nonEmptyCache === null) {
      let any = false;
      outer: for (const m of this.maps.values()) for (const v of m.values()) if (v !== 0) { any = true; break outer; }
      this.nonEmptyCache = any;
    }
    return this.nonEmptyCache;
  }

  clone(): TopologyCounts {
    const c = new TopologyCounts();
    for (const [k, m] of this.maps) c.maps.set(k, m); // shared until written
    return c;
  }
}

class PreFilterState implements StateData {
  constructor(
    readonly affinity: ResolvedTerm[],
    readonly antiAffinity: ResolvedTerm[],
    readonly nsLabels: Labels,
    public existingAntiAffinityCounts: TopologyCounts,
    public affinityCounts: TopologyCounts,
    public antiAffinityCounts: TopologyCounts,
  ) {}

  clone(): StateData {
    return new PreFilterState(this.affinity, this.antiAffinity, this.nsLabels, this.existingAntiAffinityCounts.clone(), this.affinityCounts.clone(), this.antiAffinityCounts.clone());
  }

  /** label columns of the terms' keys (batch filtering reads them by node index) */
  columns: { affinity: (string | undefined)[][]; anti: (string | undefined)[][]; existingKeys: string[]; existing: (string | undefined)[][] } | null = null;

  columnsFor(cluster: ClusterState): NonNullable<PreFilterState['columns']> {
    // the existing terms' keys change only through update() (preemption, nominated pods): not batched
    if (this.columns === null) {
      const existingKeys = this.existingAntiAffinityCounts.keyList();
      this.columns = {
        affinity: this.affinity.map((t) => cluster.labelColumn(t.term.topologyKey)),
        anti: this.antiAffinity.map((t) => cluster.labelColumn(t.term.topologyKey)),
        existingKeys,
        existing: existingKeys.map((k) => cluster.labelColumn(k)),
      };
    }
    return this.columns;
  }
}

class PreScoreState implements StateData {
  /** topologyScore as parallel arrays (keys in the map's order): no iterator per node scored */
  readonly keys: string[];
  readonly scores: Map<string, number>[];
  constructor(readonly topologyScore: Map<string, Map<string, number>>) {
    this.keys = [...topologyScore.keys()];
    this.scores = [...topologyScore.values()];
  }
  clone(): StateData { return this; }
}

function podMatchesAllTerms(terms: readonly ResolvedTerm[], p: PodInfo): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!resolvedMatches(t, p)) return false;
  return true;
}

/** shared failure status (read-only: reasons and plugin never change) */
const FAIL_AFFINITY = unresolvable(ErrReasonAffinityRulesNotMatch).withPlugin(Name);
/** shared failure status (read-only: reasons and plugin never change) */
const FAIL_ANTI = unschedulable(ErrReasonAntiAffinityRulesNotMatch).withPlugin(Name);
/** shared failure status (read-only: reasons and plugin never change) */
const FAIL_EXISTING = unschedulable(ErrReasonExistingAntiAffinityRulesNotMatch).withPlugin(Name);

export class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Name;

  constructor(readonly args: InterPodAffinityArgs) {}

  preFilter(cs: CycleState): { status: Status; result?: PreFilterResult } {
    const cluster = cs.cluster;
    const pod = cs.pod;
    const nsLabels = cluster.namespaceLabels(pod.namespace);

    // existing pods whose required anti-affinity terms match the incoming pod (made on the first match:
    // most pods match none and have no terms of their own, and skip the plugin without allocating)
    let existing: TopologyCounts | null = null;
    for (const g of cluster.antiAffinityGroups.values()) {
      for (const t of g.sample.requiredAntiAffinity) {
        if (!termMatches(t, pod.namespace, pod.labels, nsLabels)) continue;
        for (const node of g.pods.values()) {
          const v = node.labels[t.topologyKey];
          if (v !== undefined) (existing ??= new TopologyCounts()).add(t.topologyKey, v, 1);
        }
      }
    }
    if ((existing === null || !existing.nonEmpty()) && pod.requiredAffinity.length === 0 && pod.requiredAntiAffinity.length === 0) return { status: SKIP };
    const affinity = pod.requiredAffinity.map((t) => resolveTerm(t, cluster));
    const antiAffinity = pod.requiredAntiAffinity.map((t) => resolveTerm(t, cluster));

    // (the filter only asks whether a domain's count is above 0: the counters' positive domains are
    // those maps without the zero entries, small even on the hostname key of thousands of nodes)
    // existing pods matching ALL of the incoming pod's affinity terms, per term key
    const affinityCounts = new TopologyCounts();
    if (affinity.length > 0) {
      const key = 'ipa-all:' + affinity.map((t) => t.key).join('&');
      const all = cluster.customCounter(key, (p) => podMatchesAllTerms(affinity, p));
      for (const k of new Set(affinity.map((t) => t.term.topologyKey))) affinityCounts.setShared(k, all.positiveDomains(k));
    }
    // existing pods matching each anti-affinity term
    const antiCounts = new TopologyCounts();
    const byKey = new Map<string, ResolvedTerm[]>();
    for (const t of antiAffinity) {
      const l = byKey.get(t.term.topologyKey);
      if (l) l.push(t);
      else byKey.set(t.term.topologyKey, [t]);
    }
    for (const [k, terms] of byKey) {
      if (terms.length === 1) {
        antiCounts.setShared(k, termCounter(cluster, terms[0]).positiveDomains(k));
      } else {
        for (const t of terms) for (const [v, c] of termCounter(cluster, t).domains(k)) if (c !== 0) antiCounts.add(k, v, c);
      }
    }

    cs.write(PRE_FILTER_KEY, new PreFilterState(affinity, antiAffinity, nsLabels, existing ?? new TopologyCounts(), affinityCounts, antiCounts));
    return { status: SUCCESS };
  }

  private update(cs: CycleState, p: PodInfo, node: NodeInfo, delta: number): void {
    const s = cs.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s) return;
    s.columns = null; // a new existing-term key may appear
    const pod = cs.pod;
    for (const t of p.requiredAntiAffinity) {
      if (!termMatches(t, pod.namespace, pod.labels, s.nsLabels)) continue;
      const v = node.labels[t.topologyKey];
      if (v !== undefined) s.existingAntiAffinityCounts.add(t.topologyKey, v, delta);
    }
    if (podMatchesAllTerms(s.affinity, p)) {
      for (const t of s.affinity) {
        const v = node.labels[t.term.topologyKey];
        if (v !== undefined) s.affinityCounts.add(t.term.topologyKey, v, delta);
      }
    }
    for (const t of s.antiAffinity) {
      if (!resolvedMatches(t, p)) continue;
      const v = node.labels[t.term.topologyKey];
      if (v !== undefined) s.antiAffinityCounts.add(t.term.topologyKey, v, delta);
    }
  }

  addPod(cs: CycleState, added: PodInfo, node: NodeInfo): void {
    this.update(cs, added, node, 1);
  }

  removePod(cs: CycleState, removed: PodInfo, node: NodeInfo): void {
    this.update(cs, removed, node, -1);
  }

  filter(cs: CycleState, node: NodeInfo): Status {
    const s = cs.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s) return SUCCESS;
    return filterWith(s, cs.pod, node);
  }

  filterBatch(cs: CycleState, nodes: readonly NodeInfo[], idx: Int32Array, count: number, out: Status[], index: Int32Array): number {
    const s = cs.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s) return count;
    const cols = s.columnsFor(cs.cluster);
    let kept = 0;
    for (let k = 0; k < count; k++) {
      const p = idx[k];
      const st = filterAt(s, cs.pod, cols, index[p]);
      if (st === SUCCESS) idx[kept++] = p;
      else out[p] = st;
    }
    return kept;
  }

  preScore(cs: CycleState, nodes: readonly NodeInfo[]): Status {
    if (nodes.length === 0) return SUCCESS;
    const cluster = cs.cluster;
    const pod = cs.pod;
    const aff = pod.pod.spec?.affinity;
    const hasPreferred = (aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0
      || (aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0;
    if (this.args.ignorePreferredTermsOfExistingPods && !hasPreferred) return SKIP;
    const nsLabels = cluster.namespaceLabels(pod.namespace);
    const score = new Map<string, Map<string, number>>();
    const add = (key: string, value: string, w: number) => {
      let m = score.get(key);
      if (!m) score.set(key, (m = new Map()));
      m.set(value, (m.get(value) ?? 0) + w);
    };

    // the incoming pod's preferred terms against every existing pod
    const incoming = (terms: readonly WeightedAffinityTerm[], sign: number) => {
      for (const t of terms) {
        const r = resolveTerm(t, cluster);
        // only domains with matching pods add anything (the sums are integers: their order does not matter)
        for (const [v, c] of termCounter(cluster, r).positiveDomains(t.topologyKey)) add(t.topologyKey, v, sign * t.weight * c);
      }
    };
    incoming(pod.preferredAffinity, 1);
    incoming(pod.preferredAntiAffinity, -1);

    // existing pods' own terms matching the incoming pod (one test per group of identical pods)
    const hard = this.args.hardPodAffinityWeight;
    for (const g of cluster.affinityGroups.values()) {
      const e = g.sample;
      const contributions: { key: string; w: number }[] = [];
      if (hard > 0) for (const t of e.requiredAffinity) if (termMatches(t, pod.namespace, pod.labels, nsLabels)) contributions.push({ key: t.topologyKey, w: hard });
      if (!this.args.ignorePreferredTermsOfExistingPods) {
        for (const t of e.preferredAffinity) if (termMatches(t, pod.namespace, pod.labels, nsLabels)) contributions.push({ key: t.topologyKey, w: t.weight });
        for (const t of e.preferredAntiAffinity) if (termMatches(t, pod.namespace, pod.labels, nsLabels)) contributions.push({ key: t.topologyKey, w: -t.weight });
      }
      if (contributions.length === 0) continue;
      for (const node of g.pods.values()) {
        for (const c of contributions) {
          const v = node.labels[c.key];
          if (v !== undefined) add(c.key, v, c.w);
        }
      }
    }

    if (score.size === 0) return SKIP;
    cs.write(PRE_SCORE_KEY, new PreScoreState(score));
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
      // the keys' label columns: the same values node.labels[k] gives, read by node index
      const cols = s.keys.map((k) => cs.cluster.labelColumn(k));
      const nk = cols.length;
      for (let i = 0; i < nodes.length; i++) {
        const x = index[i];
        let total = 0;
        for (let j = 0; j < nk; j++) {
          const v = cols[j][x];
          if (v !== undefined) total += s.scores[j].get(v) ?? 0;
        }
        scores[i] = total;
      }
      return;
    }
    for (let i = 0; i < nodes.length; i++) scores[i] = s ? scoreWith(s, nodes[i]) : 0;
  }

  normalizeScore(cs: CycleState, _nodes: readonly NodeInfo[], scores: ScoreList): void {
    const s = cs.read<PreScoreState>(PRE_SCORE_KEY);
    if (!s || s.topologyScore.size === 0) return;
    let min = Number.MAX_SAFE_INTEGER;
    let max = Number.MIN_SAFE_INTEGER;
    for (let i = 0; i < scores.length; i++) {
      const x = scores[i];
      if (x > max) max = x;
      if (x < min) min = x;
    }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i] - min) / diff)) : 0;
  }
}

/** Filter of one node against the PreFilter state (upstream Filter: affinity, anti-affinity, existing pods' anti-affinity). */
function filterWith(s: PreFilterState, pod: PodInfo, node: NodeInfo): Status {
  // required affinity
  let podsExist = true;
  for (let i = 0; i < s.affinity.length; i++) {
    const t = s.affinity[i];
    const v = node.labels[t.term.topologyKey];
    if (v === undefined) return FAIL_AFFINITY;
    if (s.affinityCounts.get(t.term.topologyKey, v) <= 0) podsExist = false;
  }
  if (!podsExist) {
    // first pod of a self-affine group: nothing matches anywhere and the pod matches its own terms
    if (!(!s.affinityCounts.nonEmpty() && podMatchesAllTerms(s.affinity, pod))) return FAIL_AFFINITY;
  }
  // required anti-affinity
  if (s.antiAffinityCounts.nonEmpty()) {
    for (let i = 0; i < s.antiAffinity.length; i++) {
      const t = s.antiAffinity[i];
      const v = node.labels[t.term.topologyKey];
      if (v !== undefined && s.antiAffinityCounts.get(t.term.topologyKey, v) > 0) return FAIL_ANTI;
    }
  }
  // existing pods' anti-affinity
  if (s.existingAntiAffinityCounts.nonEmpty()) {
    const keys = s.existingAntiAffinityCounts.keyList();
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const v = node.labels[k];
      if (v !== undefined && s.existingAntiAffinityCounts.get(k, v) > 0) return FAIL_EXISTING;
    }
  }
  return SUCCESS;
}

/** filterWith for the node with index x, its labels read from the terms' label columns. */
function filterAt(s: PreFilterState, pod: PodInfo, cols: NonNullable<PreFilterState['columns']>, x: number): Status {
  let podsExist = true;
  for (let i = 0; i < s.affinity.length; i++) {
    const v = cols.affinity[i][x];
    if (v === undefined) return FAIL_AFFINITY;
    if (s.affinityCounts.get(s.affinity[i].term.topologyKey, v) <= 0) podsExist = false;
  }
  if (!podsExist) {
    if (!(!s.affinityCounts.nonEmpty() && podMatchesAllTerms(s.affinity, pod))) return FAIL_AFFINITY;
  }
  if (s.antiAffinityCounts.nonEmpty()) {
    for (let i = 0; i < s.antiAffinity.length; i++) {
      const v = cols.anti[i][x];
      if (v !== undefined && s.antiAffinityCounts.get(s.antiAffinity[i].term.topologyKey, v) > 0) return FAIL_ANTI;
    }
  }
  if (s.existingAntiAffinityCounts.nonEmpty()) {
    for (let i = 0; i < cols.existingKeys.length; i++) {
      const v = cols.existing[i][x];
      if (v !== undefined && s.existingAntiAffinityCounts.get(cols.existingKeys[i], v) > 0) return FAIL_EXISTING;
    }
  }
  return SUCCESS;
}

/** Raw score of one node from the PreScore state: Σ over topology keys of the node's domain score. */
function scoreWith(s: PreScoreState, node: NodeInfo): number {
  let total = 0;
  for (const [k, m] of s.topologyScore) {
    const v = node.labels[k];
    if (v !== undefined) total += m.get(v) ?? 0;
  }
  return total;
}

export function create(args: unknown): InterPodAffinity {
  return new InterPodAffinity(args as InterPodAffinityArgs);
}
