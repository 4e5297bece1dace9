// ClusterState: the scheduler's cache/snapshot (upstream internal/cache + framework.NodeInfo).
// Holds the nodes in zone-interleaved order (reference §6), the pods assumed/bound on each node with
// their requests, host ports and affinity, the image spread across nodes, and the other objects the
// plugins read: namespaces, services, controllers (for PodTopologySpread's default selectors), storage
// objects, priority classes and PDBs. Incremental pod counters per (namespaces, selector) keep
// PodTopologySpread and InterPodAffinity from rescanning every pod for every incoming pod.
import type { LabelSelector, Labels } from '../../core/labels';
import {
  selectorMatches as selectorMatches_,
} from '../../core/labels';
import type {
  K8sObject, Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod, PodDisruptionBudget,
  PriorityClass, Service, StorageClass, Taint,
} from '../k8s';
import {
  arr as arr_, controllerRefOf, labelsOf, nameOf, namespaceOf, WELL_KNOWN_LABELS as WELL_KNOWN_LABELS_,
} from '../k8s';
import {
  canonical, hasAnyAffinity, type HostPort, podInfoOf as podInfoOf_, type PodInfo, safeSelector,
} from './pod-info';
import {
  CPU as CPU_, MEMORY as MEMORY_, nodeAllocatable, type ResourceAmounts,
} from './resources';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const selectorMatches = selectorMatches_;
const arr = arr_;
const WELL_KNOWN_LABELS = WELL_KNOWN_LABELS_;
const podInfoOf = podInfoOf_;
const CPU = CPU_;
const MEMORY = MEMORY_;

/** Built-in priority classes the API server creates (reference §8). */
export const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-cluster-critical': 2_000_000_000,
  'system-node-critical': 2_000_001_000,
};

/** Namespaces every cluster has. */
const BUILTIN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** The label the API server puts on every Namespace (NamespaceDefaultLabelName, GA since v1.22). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export class NodeInfo {
  readonly name: string;
  readonly labels: Labels;
  readonly taints: Taint[];
  readonly unschedulable: boolean;
  readonly allocatable: ResourceAmounts;
  /** Σ actual requests of the pods on the node */
  readonly requested: ResourceAmounts = { [CPU]: 0, [MEMORY]: 0 };
  /** Σ cpu/memory requests with the 100m/200Mi per-container defaults (NodeResourcesFit scoring) */
  nonZeroCpu = 0;
  nonZeroMemory = 0;
  /** hot copies of allocatable/requested cpu, memory and pods (monomorphic field reads in filters and scores) */
  allocCpu = 0;
  allocMemory = 0;
  allocPods = 0;
  reqCpu = 0;
  reqMemory = 0;
  readonly pods: PodInfo[] = [];
  /** pods with any pod (anti-)affinity */
  readonly podsWithAffinity: PodInfo[] = [];
  /** pods with required anti-affinity */
  readonly podsWithRequiredAntiAffinity: PodInfo[] = [];
  readonly usedPorts: HostPort[] = [];
  /** image name -> size on this node */
  readonly images = new Map<string, number>();
  /** bumps on every change (lets callers cache per-node results) */
  generation = 0;
  /** the cluster's column table this node's row belongs to (null for copies: preemption dry runs) */
  table: NodeTable | null = null;

  constructor(readonly node: Node, readonly index: number) {
    this.name = nameOf(node);
    this.labels = labelsOf(node);
    this.taints = arr(node.spec?.taints).filter((t) => t && typeof t === 'object');
    this.unschedulable = node.spec?.unschedulable === true;
    this.allocatable = nodeAllocatable(node.status);
    this.allocCpu = this.allocatable[CPU] ?? 0;
    this.allocMemory = this.allocatable[MEMORY] ?? 0;
    this.allocPods = this.allocatable.pods ?? 0;
    for (const img of arr(node.status?.images)) {
      const size = typeof img?.sizeBytes === 'number' ? img.sizeBytes : 0;
      for (const n of arr(img?.names)) if (typeof n === 'string' && !this.images.has(n)) this.images.set(n, size);
    }
  }

  addPod(p: PodInfo): void {
    this.pods.push(p);
    if (hasAnyAffinity(p)) this.podsWithAffinity.push(p);
    if (p.requiredAntiAffinity.length > 0) this.podsWithRequiredAntiAffinity.push(p);
    for (const [k, v] of Object.entries(p.requests)) this.requested[k] = (this.requested[k] ?? 0) + v;
    this.reqCpu = this.requested[CPU] ?? 0;
    this.reqMemory = this.requested[MEMORY] ?? 0;
    this.nonZeroCpu += p.nonZeroCpu;
    this.nonZeroMemory += p.nonZeroMemory;
    this.usedPorts.push(...p.hostPorts);
    this.generation++;
    if (this.table !== null) this.table.set(this);
  }

  removePod(p: PodInfo): boolean {
    const i = this.pods.indexOf(p);
    if (i < 0) return false;
    this.pods.splice(i, 1);
    const drop = (list: PodInfo[]) => { const j = list.indexOf(p); if (j >= 0) list.splice(j, 1); };
    drop(this.podsWithAffinity);
    drop(this.podsWithRequiredAntiAffinity);
    for (const [k, v] of Object.entries(p.requests)) this.requested[k] = (this.requested[k] ?? 0) - v;
    this.reqCpu = this.requested[CPU] ?? 0;
    this.reqMemory = this.requested[MEMORY] ?? 0;
    this.nonZeroCpu -= p.nonZeroCpu;
    this.nonZeroMemory -= p.nonZeroMemory;
    for (const hp of p.hostPorts) {
      const j = this.usedPorts.findIndex((u) => u.ip === hp.ip && u.port === hp.port && u.protocol === hp.protocol);
      if (j >= 0) this.usedPorts.splice(j, 1);
    }
    this.generation++;
    if (this.table !== null) this.table.set(this);
    return true;
  }

  /** A copy for preemption dry runs (pods shared, accounting copied). */
  clone(): NodeInfo {
    const c = new NodeInfo(this.node, this.index);
    for (const p of this.pods) c.addPod(p);
    return c;
  }
}

/**
 * The filters' hot per-node values as columns indexed by NodeInfo.index, kept equal to the live
 * NodeInfo fields (NodeInfo.addPod/removePod rewrite the row): filtering thousands of nodes per pod
 * reads a few contiguous arrays instead of one scattered object (and its arrays) per node.
 */
export class NodeTable {
  /** bit 1: spec.unschedulable; bit 2: the node has taints; bit 4: the node lists images */
  flags = new Uint8Array(0);
  podCount = new Int32Array(0);
  allocPods = new Float64Array(0);
  allocCpu = new Float64Array(0);
  allocMemory = new Float64Array(0);
  reqCpu = new Float64Array(0);
  reqMemory = new Float64Array(0);
  nonZeroCpu = new Float64Array(0);
  nonZeroMemory = new Float64Array(0);

  set(n: NodeInfo): void {
    const i = n.index;
    if (i >= this.flags.length) this.grow(Math.max(i + 1, this.flags.length * 2, 64));
    this.flags[i] = (n.unschedulable ? 1 : 0) | (n.taints.length > 0 ? 2 : 0) | (n.images.size > 0 ? 4 : 0);
    this.podCount[i] = n.pods.length;
    this.allocPods[i] = n.allocPods;
    this.allocCpu[i] = n.allocCpu;
    this.allocMemory[i] = n.allocMemory;
    this.reqCpu[i] = n.reqCpu;
    this.reqMemory[i] = n.reqMemory;
    this.nonZeroCpu[i] = n.nonZeroCpu;
    this.nonZeroMemory[i] = n.nonZeroMemory;
  }

  private grow(size: number): void {
    const f = new Uint8Array(size); f.set(this.flags); this.flags = f;
    const pc = new Int32Array(size); pc.set(this.podCount); this.podCount = pc;
    const g = (a: Float64Array) => { const b = new Float64Array(size); b.set(a); return b; };
    this.allocPods = g(this.allocPods);
    this.allocCpu = g(this.allocCpu);
    this.allocMemory = g(this.allocMemory);
    this.reqCpu = g(this.reqCpu);
    this.reqMemory = g(this.reqMemory);
    this.nonZeroCpu = g(this.nonZeroCpu);
    this.nonZeroMemory = g(this.nonZeroMemory);
  }
}

/** Claim names of a pod's persistentVolumeClaim volumes. */
export function claimNamesOf(pod: Pod): string[] {
  const out: string[] = [];
  for (const v of arr(pod.spec?.volumes)) {
    const c = v?.persistentVolumeClaim?.claimName;
    if (typeof c === 'string' && c !== '') out.push(c);
  }
  return out;
}

/** Upstream utilnode.GetZoneKey: legacy failure-domain labels take precedence over topology.kubernetes.io. */
export function zoneKeyOf(labels: Labels): string {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(labels, k);
  const zone = has(WELL_KNOWN_LABELS.legacyZone) ? labels[WELL_KNOWN_LABELS.legacyZone] : (labels[WELL_KNOWN_LABELS.zone] ?? '');
  const region = has(WELL_KNOWN_LABELS.legacyRegion) ? labels[WELL_KNOWN_LABELS.legacyRegion] : (labels[WELL_KNOWN_LABELS.region] ?? '');
  if (region === '' && zone === '') return '';
  return `${region}:\x00:${zone}`;
}

/**
 * Items (nodes) in upstream nodeTree order: grouped by zone (zones in order of first appearance),
 * then one from each zone in turn. Adding nodes to a ClusterState in this order makes NodeInfo.index
 * equal to the position in nodes(): filtering walks its per-node columns in memory order.
 */
export function zoneInterleaved<T>(items: readonly T[], labels: (t: T) => Labels): T[] {
  const zones = new Map<string, T[]>();
  for (const n of items) {
    const z = zoneKeyOf(labels(n));
    const list = zones.get(z);
    if (list) list.push(n);
    else zones.set(z, [n]);
  }
  const lists = [...zones.values()];
  const out: T[] = [];
  for (let i = 0; out.length < items.length; i++) {
    for (const l of lists) if (i < l.length) out.push(l[i]);
  }
  return out;
}

/**
 * Counts, per node, the pods matching (namespaces, selector), kept up to date as pods come and go.
 * Optional per-topology-key domain totals are maintained too (over nodes that have the key).
 */
export class PodCounter {
  readonly perNode: number[] = [];
  total = 0;
  private readonly domainTotals = new Map<string, Map<string, number>>();

  constructor(
    private readonly state: ClusterState,
    /** which pods count */
    readonly matches: (p: PodInfo) => boolean,
    /** the placed pods that have the label every matching pod has (see requiredLabel), when there is one */
    candidates: Iterable<{ info: PodInfo; node: NodeInfo }> | null = null,
  ) {
    const nodes = state.nodesInInsertionOrder();
    for (const n of nodes) this.perNode[n.index] = 0;
    if (candidates !== null) {
      // only these pods can match: a new selector does not rescan every pod of a large cluster
      for (const { info, node } of candidates) {
        if (!this.matches(info)) continue;
        this.perNode[node.index]++;
        this.total++;
      }
      return;
    }
    for (const n of nodes) {
      let c = 0;
      for (const p of n.pods) if (this.matches(p)) c++;
      this.perNode[n.index] = c;
      this.total += c;
    }
  }

  count(n: NodeInfo): number {
    return this.perNode[n.index] ?? 0;
  }

  /** value -> Σ count over all nodes whose label `key` has that value. */
  domains(key: string): Map<string, number> {
    let m = this.domainTotals.get(key);
    if (!m) {
      // in domain id order, which follows the nodes' insertion order (as a walk over their labels would)
      const { values, sums } = this.sumsByDomain(key);
      m = new Map();
      for (let id = 0; id < sums.length; id++) m.set(values[id], sums[id]);
      this.domainTotals.set(key, m);
    }
    return m;
  }

  /** Matching pods per domain of `key` (by ClusterState.topologyDomains id; nodes without the key count nowhere). */
  private sumsByDomain(key: string): { values: string[]; sums: Float64Array } {
    const doms = this.state.topologyDomains(key);
    const sums = new Float64Array(doms.values.length);
    const ids = doms.ids;
    const per = this.perNode;
    for (let x = 0; x < ids.length; x++) {
      const id = ids[x];
      if (id >= 0) sums[id] += per[x] ?? 0;
    }
    return { values: doms.values, sums };
  }

  private readonly positiveTotals = new Map<string, Map<string, number>>();

  /**
   * The entries of domains(key) with a count above 0 (in no particular order): a term over the
   * hostname key of 5,000 nodes visits the few nodes with matching pods, not every node.
   */
  positiveDomains(key: string): Map<string, number> {
    let m = this.positiveTotals.get(key);
    if (!m) {
      // only the domains with a count (not one entry per hostname)
      const { values, sums } = this.sumsByDomain(key);
      m = new Map();
      for (let id = 0; id < sums.length; id++) if (sums[id] > 0) m.set(values[id], sums[id]);
      this.positiveTotals.set(key, m);
    }
    return m;
  }

  /** @internal called by ClusterState */
  update(n: NodeInfo, p: PodInfo, delta: 1 | -1): void {
    if (!this.matches(p)) return;
    this.perNode[n.index] = (this.perNode[n.index] ?? 0) + delta;
    this.total += delta;
    for (const [key, m] of this.domainTotals) {
      const v = n.labels[key];
      if (v !== undefined) m.set(v, (m.get(v) ?? 0) + delta);
    }
    for (const [key, m] of this.positiveTotals) {
      const v = n.labels[key];
      if (v === undefined) continue;
      const c = (m.get(v) ?? 0) + delta;
      if (c > 0) m.set(v, c);
      else m.delete(v);
    }
  }

  /** @internal a node was added: it has no pods yet */
  nodeAdded(n: NodeInfo): void {
    this.perNode[n.index] = 0;
    for (const [key, m] of this.domainTotals) {
      const v = n.labels[key];
      if (v !== undefined && !m.has(v)) m.set(v, 0);
    }
  }
}

/**
 * A label "key\0value" every pod matching `selector` has (selectorMatches: a matchLabels entry, or an
 * `In` requirement with a single value), or null when there is none to index by.
 */
export function requiredLabel(selector: LabelSelector | null): string | null {
  if (!selector) return null;
  const ml = selector.matchLabels;
  if (ml) for (const k of Object.keys(ml)) return `${k}\0${String(ml[k])}`;
  for (const r of selector.matchExpressions ?? []) {
    if (r.operator === 'In' && (r.values ?? []).length === 1) return `${r.key}\0${String((r.values ?? [])[0])}`;
  }
  return null;
}

/** Pods with identical (namespace, affinity terms): one match test covers them all. */
export interface AffinityGroup {
  sample: PodInfo;
  /** pod -> its node */
  pods: Map<PodInfo, NodeInfo>;
}

export interface ImageState { size: number; numNodes: number }

/** The distinct values of one node label key, numbered in node insertion order. */
export interface TopologyDomains {
  /** per NodeInfo.index: the id of the node's value, −1 when the node does not have the label */
  ids: Int32Array;
  /** id -> value */
  values: string[];
  /** value -> id */
  index: Map<string, number>;
  /** nodes without the label */
  missing: number;
}

export class ClusterState {
  private readonly insertion: NodeInfo[] = [];
  private readonly byName = new Map<string, NodeInfo>();
  private ordered: NodeInfo[] | null = null;
  private readonly podNode = new Map<string, { info: PodInfo; node: NodeInfo }>();
  private readonly namespaceLabelsByName = new Map<string, Labels>();
  private readonly servicesByNs = new Map<string, Service[]>();
  private readonly controllers = new Map<string, LabelSelector | null>();
  /** kind/ns/name -> spec.replicas of the registered controllers (the disruption controller's scale) */
  private readonly controllerScales = new Map<string, number>();
  private readonly pvcs = new Map<string, PersistentVolumeClaim>();
  private readonly pvsByName = new Map<string, PersistentVolume>();
  private readonly classes = new Map<string, StorageClass>();
  private readonly priorityClasses = new Map<string, PriorityClass>();
  private readonly pdbList: PodDisruptionBudget[] = [];
  private readonly nominated = new Map<string, { info: PodInfo; node: string }>();
  private readonly counters = new Map<string, PodCounter>();
  /** counter() cache by the JSON text of its arguments (see counter) */
  private readonly countersByJson = new Map<string, PodCounter>();
  private readonly imageStates = new Map<string, ImageState>();
  /** "ns/claim" -> number of placed pods using the claim (upstream StorageInfos().IsPVCUsedByPods) */
  private readonly pvcUsers = new Map<string, number>();
  /** groups of pods with required anti-affinity / any affinity, by affinity signature */
  readonly antiAffinityGroups = new Map<string, AffinityGroup>();
  readonly affinityGroups = new Map<string, AffinityGroup>();
  /** claim "ns/name" -> PV name, for claims bound by the (simulated) PV controller or by VolumeBinding */
  readonly claimBindings = new Map<string, string>();
  /**
   * With no StorageClass objects at all, a claim without storageClassName is treated as dynamically
   * provisioned by a default class (every installer ships one: kind/minikube `standard`, cloud
   * defaults). Set to false to model a cluster without a default StorageClass.
   */
  implicitDefaultProvisioner = true;
  /** bumps on every change */
  version = 0;
  /** nodes with a PreferNoSchedule taint (taints are fixed and nodes only added) */
  preferNoScheduleNodes = 0;
  /** bumps when a Service or controller is added (what PodTopologySpread's DefaultSelector reads) */
  objectsVersion = 0;

  constructor() {
    for (const ns of BUILTIN_NAMESPACES) this.namespaceLabelsByName.set(ns, { [NAMESPACE_NAME_LABEL]: ns });
  }

  // ------------------------------------------------------------------ nodes

  /** Add a node; a second node with the same name replaces nothing and is ignored (returns the first). */
  addNode(node: Node): NodeInfo {
    const name = nameOf(node);
    const existing = this.byName.get(name);
    if (existing) return existing;
    const info = new NodeInfo(node, this.insertion.length);
    info.table = this.table;
    this.table.set(info);
    this.insertion.push(info);
    this.byName.set(name, info);
    this.ordered = null;
    if (info.taints.some((t) => t.effect === 'PreferNoSchedule')) this.preferNoScheduleNodes++;
    for (const [img, size] of info.images) {
      const s = this.imageStates.get(img);
      if (s) s.numNodes++;
      else this.imageStates.set(img, { size, numNodes: 1 });
    }
    for (const c of this.counters.values()) c.nodeAdded(info);
    this.version++;
    return info;
  }

  /** Nodes in the scheduler's snapshot order: zones interleaved round-robin (upstream nodeTree.list). */
  nodes(): NodeInfo[] {
    if (this.ordered) return this.ordered;
    const out = zoneInterleaved(this.insertion, (n) => n.labels);
    this.ordered = out;
    this.orderedIndex = Int32Array.from(out, (n) => n.index);
    return out;
  }

  private orderedIndex = new Int32Array(0);
  private readonly table = new NodeTable();

  /** NodeInfo.index of every node of nodes(), in that order. */
  nodesIndex(): Int32Array {
    this.nodes();
    return this.orderedIndex;
  }

  /** The hot per-node columns (see NodeTable); read it again after nodes are added (arrays grow). */
  nodeTable(): NodeTable {
    return this.table;
  }

  private readonly columns = new Map<string, (string | undefined)[]>();

  /**
   * The value of label `key` on every node, indexed by NodeInfo.index (undefined when absent). Array
   * reads instead of keyed loads on label objects of many shapes keep topology lookups cheap.
   */
  labelColumn(key: string): (string | undefined)[] {
    let col = this.columns.get(key);
    if (!col || col.length !== this.insertion.length) {
      col = this.insertion.map((n) => (Object.prototype.hasOwnProperty.call(n.labels, key) ? n.labels[key] : undefined));
      this.columns.set(key, col);
    }
    return col;
  }

  private readonly domainTables = new Map<string, TopologyDomains>();

  /**
   * The values of label `key` over the nodes as dense ids (see TopologyDomains): per-domain counts
   * can then live in arrays indexed by id, read per node without hashing its label value.
   */
  topologyDomains(key: string): TopologyDomains {
    let t = this.domainTables.get(key);
    if (!t || t.ids.length !== this.insertion.length) {
      const col = this.labelColumn(key);
      const ids = new Int32Array(col.length);
      const values: string[] = [];
      const index = new Map<string, number>();
      let missing = 0;
      for (let i = 0; i < col.length; i++) {
        const v = col[i];
        if (v === undefined) { ids[i] = -1; missing++; continue; }
        let id = index.get(v);
        if (id === undefined) {
          id = values.length;
          values.push(v);
          index.set(v, id);
        }
        ids[i] = id;
      }
      t = { ids, values, index, missing };
      this.domainTables.set(key, t);
    }
    return t;
  }

  private ranks: Int32Array | null = null;

  /**
   * Rank of every node's name in plain string order (UTF-16 code units), indexed by NodeInfo.index:
   * comparing ranks is comparing names. Node names are unique (addNode ignores a second one).
   */
  nameRanks(): Int32Array {
    if (this.ranks === null || this.ranks.length !== this.insertion.length) {
      const byName = this.insertion.map((n) => n.index).sort((a, b) => {
        const x = this.insertion[a].name;
        const y = this.insertion[b].name;
        return x < y ? -1 : x > y ? 1 : 0;
      });
      const ranks = new Int32Array(this.insertion.length);
      for (let r = 0; r < byName.length; r++) ranks[byName[r]] = r;
      this.ranks = ranks;
    }
    return this.ranks;
  }

  nodesInInsertionOrder(): readonly NodeInfo[] {
    return this.insertion;
  }

  node(name: string): NodeInfo | undefined {
    return this.byName.get(name);
  }

  imageState(name: string): ImageState | undefined {
    return this.imageStates.get(name);
  }

  /** distinct images listed by the nodes' status.images */
  imageCount(): number {
    return this.imageStates.size;
  }

  // ------------------------------------------------------------------ pods

  /**
   * Count `pod` on `nodeName` (a bound pod, or the scheduler's assume). Returns null when the node does
   * not exist, or the pod is Succeeded/Failed (the scheduler's informer drops those, reference §7), or
   * a pod with the same namespace/name is already placed.
   */
  assume(pod: Pod, nodeName: string): PodInfo | null {
    const node = this.byName.get(nodeName);
    if (!node) return null;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return null;
    const info = podInfoOf(pod);
    if (this.podNode.has(info.key)) return null;
    this.noteNamespace(info.namespace);
    node.addPod(info);
    const entry = { info, node };
    this.podNode.set(info.key, entry);
    this.indexLabels(entry, true);
    this.nominated.delete(info.key);
    this.updateCounters(node, info, 1);
    for (const claim of claimNamesOf(pod)) this.pvcUsers.set(`${info.namespace}/${claim}`, (this.pvcUsers.get(`${info.namespace}/${claim}`) ?? 0) + 1);
    if (info.requiredAntiAffinity.length > 0) this.group(this.antiAffinityGroups, info).pods.set(info, node);
    if (hasAnyAffinity(info)) this.group(this.affinityGroups, info).pods.set(info, node);
    this.version++;
    return info;
  }

  /** Remove a placed pod (by namespace/name). */
  removePod(pod: Pod): boolean {
    const key = `${namespaceOf(pod)}/${nameOf(pod)}`;
    const entry = this.podNode.get(key);
    if (!entry) return false;
    const { info, node } = entry;
    node.removePod(info);
    this.podNode.delete(key);
    this.indexLabels(entry, false);
    this.updateCounters(node, info, -1);
    for (const claim of claimNamesOf(info.pod)) {
      const k = `${info.namespace}/${claim}`;
      const n = (this.pvcUsers.get(k) ?? 0) - 1;
      if (n > 0) this.pvcUsers.set(k, n);
      else this.pvcUsers.delete(k);
    }
    for (const groups of [this.antiAffinityGroups, this.affinityGroups]) {
      const g = groups.get(info.affinitySignature);
      if (g) {
        g.pods.delete(info);
        if (g.pods.size === 0) groups.delete(info.affinitySignature);
      }
    }
    this.version++;
    return true;
  }

  private group(groups: Map<string, AffinityGroup>, info: PodInfo): AffinityGroup {
    let g = groups.get(info.affinitySignature);
    if (!g) {
      g = { sample: info, pods: new Map() };
      groups.set(info.affinitySignature, g);
    }
    return g;
  }

  /** The node a pod is placed on ("ns/name" key), if any. */
  nodeOfPod(key: string): NodeInfo | undefined {
    return this.podNode.get(key)?.node;
  }

  placedPods(): { info: PodInfo; node: NodeInfo }[] {
    return [...this.podNode.values()];
  }

  /** Record (or clear, with null) a pod's status.nominatedNodeName after preemption. */
  nominate(pod: Pod, nodeName: string | null): void {
    const info = podInfoOf(pod);
    if (nodeName === null) {
      this.nominated.delete(info.key);
      // the status field is the nomination too (nominatedNodeOf reads it): cleared with it
      if (pod.status?.nominatedNodeName !== undefined) delete pod.status.nominatedNodeName;
    } else this.nominated.set(info.key, { info, node: nodeName });
    this.version++;
  }

  nominatedNodeOf(pod: Pod): string | null {
    return this.nominated.get(podInfoOf(pod).key)?.node ?? pod.status?.nominatedNodeName ?? null;
  }

  /** Pods nominated to `nodeName` (not yet placed). */
  nominatedPodsOn(nodeName: string): PodInfo[] {
    const out: PodInfo[] = [];
    for (const n of this.nominated.values()) if (n.node === nodeName) out.push(n.info);
    return out;
  }

  hasNominatedPods(): boolean {
    return this.nominated.size > 0;
  }

  /**
   * Counter of pods matching selector in the given namespaces (null = all), created on first use and
   * then maintained incrementally.
   */
  counter(namespaces: ReadonlySet<string> | null, selector: LabelSelector | null, excludeTerminating: boolean): PodCounter {
    const ns = namespaces ? [...namespaces].sort() : '*';
    // Every cycle asks again with fresh but equal selector objects: JSON text (native, no key sort) finds
    // the counter fast. Equal JSON text means equal structure, hence equal canonical key; a different key
    // order only misses this cache and falls back to the canonical key below.
    const fastKey = JSON.stringify([ns, selector, excludeTerminating]);
    const hit = this.countersByJson.get(fastKey);
    if (hit !== undefined) return hit;
    const key = canonical({ ns, selector, excludeTerminating });
    const c = this.customCounter(key, (p) => {
      if (excludeTerminating && p.terminating) return false;
      if (namespaces !== null && !namespaces.has(p.namespace)) return false;
      return selectorMatches(selector, p.labels);
    }, requiredLabel(selector));
    this.countersByJson.set(fastKey, c);
    return c;
  }

  /** Counter of pods satisfying `predicate`; `key` must identify the predicate (same key, same pods). */
  customCounter(key: string, predicate: (p: PodInfo) => boolean, required: string | null = null): PodCounter {
    let c = this.counters.get(key);
    if (!c) {
      c = new PodCounter(this, predicate, required === null ? null : (this.podsByLabel.get(required)?.values() ?? []));
      this.counters.set(key, c);
      if (required === null) this.unindexedCounters.push(c);
      else {
        const list = this.countersByLabel.get(required);
        if (list) list.push(c);
        else this.countersByLabel.set(required, [c]);
      }
    }
    return c;
  }

  /**
   * Counters whose predicate requires one label (see requiredLabel), by "key\0value", and the others:
   * a placed or removed pod only visits the counters it can match (the counters' own test decides).
   */
  private readonly countersByLabel = new Map<string, PodCounter[]>();
  private readonly unindexedCounters: PodCounter[] = [];
  /** placed pods by each of their labels ("key\0value"), for building a new indexed counter */
  private readonly podsByLabel = new Map<string, Map<string, { info: PodInfo; node: NodeInfo }>>();

  private indexLabels(entry: { info: PodInfo; node: NodeInfo }, add: boolean): void {
    const labels = entry.info.labels;
    for (const k of Object.keys(labels)) {
      const l = `${k}\0${labels[k]}`;
      let m = this.podsByLabel.get(l);
      if (add) {
        if (m === undefined) this.podsByLabel.set(l, (m = new Map()));
        m.set(entry.info.key, entry);
      } else if (m !== undefined) {
        m.delete(entry.info.key);
        if (m.size === 0) this.podsByLabel.delete(l);
      }
    }
  }

  private updateCounters(node: NodeInfo, info: PodInfo, delta: 1 | -1): void {
    for (const c of this.unindexedCounters) c.update(node, info, delta);
    if (this.countersByLabel.size === 0) return;
    const labels = info.labels;
    for (const k of Object.keys(labels)) {
      const list = this.countersByLabel.get(`${k}\0${labels[k]}`);
      if (list !== undefined) for (const c of list) c.update(node, info, delta);
    }
  }

  // ------------------------------------------------------------------ namespaces, services, controllers

  addNamespace(ns: Namespace): void {
    const name = nameOf(ns);
    if (!name) return;
    this.namespaceLabelsByName.set(name, { ...labelsOf(ns), [NAMESPACE_NAME_LABEL]: name });
    this.version++;
  }

  private noteNamespace(name: string): void {
    if (!this.namespaceLabelsByName.has(name)) this.namespaceLabelsByName.set(name, { [NAMESPACE_NAME_LABEL]: name });
  }

  /** Labels of a namespace (a namespace only referred to by objects gets just its name label). */
  namespaceLabels(name: string): Labels {
    return this.namespaceLabelsByName.get(name) ?? { [NAMESPACE_NAME_LABEL]: name };
  }

  namespaceNames(): string[] {
    return [...this.namespaceLabelsByName.keys()];
  }

  addService(svc: Service): void {
    const ns = namespaceOf(svc);
    const list = this.servicesByNs.get(ns);
    if (list) list.push(svc);
    else this.servicesByNs.set(ns, [svc]);
    this.noteNamespace(ns);
    this.version++;
    this.objectsVersion++;
  }

  servicesIn(namespace: string): Service[] {
    return this.servicesByNs.get(namespace) ?? [];
  }

  /**
   * Register a ReplicaSet, ReplicationController or StatefulSet (its selector feeds PodTopologySpread's
   * system-default constraints for the pods it controls). Other kinds are ignored.
   */
  addController(obj: K8sObject): void {
    const kind = obj.kind ?? '';
    const spec = (obj.spec ?? {}) as { selector?: unknown };
    let sel: LabelSelector | null = null;
    if (kind === 'ReplicationController') {
      // RC selectors are plain maps
      sel = safeSelector({ matchLabels: spec.selector });
    } else if (kind === 'ReplicaSet' || kind === 'StatefulSet') {
      sel = safeSelector(spec.selector);
    } else {
      return;
    }
    this.controllers.set(`${kind}/${namespaceOf(obj)}/${nameOf(obj)}`, sel);
    const replicas = (obj.spec as { replicas?: unknown } | undefined)?.replicas;
    this.controllerScales.set(`${kind}/${namespaceOf(obj)}/${nameOf(obj)}`, typeof replicas === 'number' && replicas >= 0 ? replicas : 1);
    this.version++;
    this.objectsVersion++;
  }

  /** The pod's controlling RC/RS/STS as "kind/ns/name" with its spec.replicas, or undefined if none is known. */
  controllerScale(pod: Pod): { key: string; replicas: number } | undefined {
    const ref = controllerRefOf(pod);
    if (!ref || !ref.kind || !ref.name) return undefined;
    const key = `${ref.kind}/${namespaceOf(pod)}/${ref.name}`;
    const replicas = this.controllerScales.get(key);
    return replicas === undefined ? undefined : { key, replicas };
  }

  /** Selector of the pod's controlling RC/RS/STS, or undefined if none is known. */
  controllerSelector(pod: Pod): LabelSelector | null | undefined {
    const ref = controllerRefOf(pod);
    if (!ref || !ref.kind || !ref.name) return undefined;
    return this.controllers.get(`${ref.kind}/${namespaceOf(pod)}/${ref.name}`);
  }

  // ------------------------------------------------------------------ storage

  addPersistentVolumeClaim(pvc: PersistentVolumeClaim): void {
    this.pvcs.set(`${namespaceOf(pvc)}/${nameOf(pvc)}`, pvc);
    this.version++;
  }

  addPersistentVolume(pv: PersistentVolume): void {
    this.pvsByName.set(nameOf(pv), pv);
    this.version++;
  }

  addStorageClass(sc: StorageClass): void {
    this.classes.set(nameOf(sc), sc);
    this.version++;
  }

  pvc(namespace: string, name: string): PersistentVolumeClaim | undefined {
    return this.pvcs.get(`${namespace}/${name}`);
  }

  pv(name: string): PersistentVolume | undefined {
    return this.pvsByName.get(name);
  }

  persistentVolumes(): PersistentVolume[] {
    return [...this.pvsByName.values()];
  }

  /** The PV name a claim is bound to: spec.volumeName, or a binding made during the simulation. */
  boundVolumeOf(pvc: PersistentVolumeClaim): string | null {
    const v = pvc.spec?.volumeName;
    if (typeof v === 'string' && v !== '') return v;
    return this.claimBindings.get(`${namespaceOf(pvc)}/${nameOf(pvc)}`) ?? null;
  }

  /** Is a PV taken (claimRef set, or bound to some claim during the simulation)? */
  isVolumeTaken(pv: PersistentVolume): boolean {
    const name = nameOf(pv);
    if (pv.spec?.claimRef && typeof pv.spec.claimRef === 'object' && pv.spec.claimRef.name) return true;
    for (const v of this.claimBindings.values()) if (v === name) return true;
    for (const c of this.pvcs.values()) if (c.spec?.volumeName === name) return true;
    return false;
  }

  bindClaim(namespace: string, claim: string, pvName: string): void {
    this.claimBindings.set(`${namespace}/${claim}`, pvName);
    this.version++;
  }

  storageClasses(): StorageClass[] {
    return [...this.classes.values()];
  }

  /** Is the claim used by any placed pod? */
  isPvcUsedByPods(namespace: string, claim: string): boolean {
    return (this.pvcUsers.get(`${namespace}/${claim}`) ?? 0) > 0;
  }

  storageClass(name: string): StorageClass | undefined {
    return this.classes.get(name);
  }

  /** The StorageClass marked default (annotation storageclass.kubernetes.io/is-default-class=true). */
  defaultStorageClass(): StorageClass | undefined {
    for (const sc of this.classes.values()) {
      const a = sc.metadata?.annotations ?? {};
      if (a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true') return sc;
    }
    return undefined;
  }

  // ------------------------------------------------------------------ priority, PDBs

  /** the globalDefault PriorityClass (null: none), found on first use after a class was added */
  private globalDefault: PriorityClass | null | undefined;

  addPriorityClass(pc: PriorityClass): void {
    this.priorityClasses.set(nameOf(pc), pc);
    this.globalDefault = undefined;
    this.version++;
  }

  priorityClass(name: string): PriorityClass | undefined {
    return this.priorityClasses.get(name);
  }

  /** The class the Priority admission plugin names in a pod that names none ('' when there is none). */
  defaultPriorityClassName(): string {
    const def = this.defaultPriorityClass();
    return def ? nameOf(def) : '';
  }

  private defaultPriorityClass(): PriorityClass | null {
    if (this.globalDefault === undefined) {
      let def: PriorityClass | null = null;
      for (const pc of this.priorityClasses.values()) {
        // several global defaults are rejected by the API server; the lowest value wins upstream's admission
        if (pc.globalDefault === true && (def === null || (pc.value ?? 0) < (def.value ?? 0))) def = pc;
      }
      this.globalDefault = def;
    }
    return this.globalDefault;
  }

  /**
   * spec.priority as the Priority admission plugin fills it: the named class's value (system classes
   * built in), else the globalDefault class's value, else 0. An explicit spec.priority is kept when no
   * class is named. A class that does not exist (admission would reject the pod) counts as 0.
   */
  priorityOf(pod: Pod): number {
    const spec = pod.spec ?? {};
    const name = spec.priorityClassName;
    if (typeof name === 'string' && name !== '') {
      if (name in SYSTEM_PRIORITY_CLASSES) return SYSTEM_PRIORITY_CLASSES[name];
      const pc = this.priorityClasses.get(name);
      return typeof pc?.value === 'number' ? pc.value : 0;
    }
    if (typeof spec.priority === 'number') return spec.priority;
    const def = this.defaultPriorityClass();
    return typeof def?.value === 'number' ? def.value : 0;
  }

  /** spec.preemptionPolicy, else the class's, else PreemptLowerPriority. */
  preemptionPolicyOf(pod: Pod): string {
    const p = pod.spec?.preemptionPolicy;
    if (typeof p === 'string' && p !== '') return p;
    const name = pod.spec?.priorityClassName;
    const pc = name ? this.priorityClasses.get(name) : undefined;
    return pc?.preemptionPolicy ?? 'PreemptLowerPriority';
  }

  addPodDisruptionBudget(pdb: PodDisruptionBudget): void {
    this.pdbList.push(pdb);
    this.version++;
  }

  pdbs(): readonly PodDisruptionBudget[] {
    return this.pdbList;
  }

  /**
   * Add any object the scheduler cares about (Node, Namespace, Service, RS/RC/STS, PVC, PV, StorageClass,
   * PriorityClass, PodDisruptionBudget). Pods are not added here: use assume(). Returns false for kinds
   * the scheduler ignores.
   */
  addObject(obj: K8sObject): boolean {
    switch (obj.kind) {
      case 'Node': this.addNode(obj as Node); return true;
      case 'Namespace': this.addNamespace(obj as Namespace); return true;
      case 'Service': this.addService(obj as Service); return true;
      case 'ReplicaSet': case 'ReplicationController': case 'StatefulSet': this.addController(obj); return true;
      case 'PersistentVolumeClaim': this.addPersistentVolumeClaim(obj as PersistentVolumeClaim); return true;
      case 'PersistentVolume': this.addPersistentVolume(obj as PersistentVolume); return true;
      case 'StorageClass': this.addStorageClass(obj as StorageClass); return true;
      case 'PriorityClass': this.addPriorityClass(obj as PriorityClass); return true;
      case 'PodDisruptionBudget': this.addPodDisruptionBudget(obj as PodDisruptionBudget); return true;
      default: return false;
    }
  }
}
