// The scheduling framework's vocabulary (upstream kube-scheduler/framework + pkg/scheduler/framework):
// status codes, CycleState (per-cycle plugin state, passed explicitly), and one interface per extension
// point. A plugin is an object with a `name` and the methods of the extension points it implements; the
// profile decides at which points it runs.
import type { Pod } from '../k8s';
import type { ClusterState, NodeInfo } from './cluster-state';
import type { PodInfo } from './pod-info';

export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

export type Code = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Skip' | 'Wait';

export class Status {
  constructor(readonly code: Code, readonly reasons: string[] = [], public plugin = '') {}

  isSuccess(): boolean {
    return this.code === 'Success';
  }

  /** Unschedulable or UnschedulableAndUnresolvable */
  isRejected(): boolean {
    return this.code === 'Unschedulable' || this.code === 'UnschedulableAndUnresolvable';
  }

  /** reasons joined by ", " (upstream Status.Message) */
  message(): string {
    return this.reasons.join(', ');
  }

  withPlugin(name: string): Status {
    this.plugin = name;
    return this;
  }
}

export const SUCCESS = new Status('Success');
export const SKIP = new Status('Skip');

export function unschedulable(...reasons: string[]): Status {
  return new Status('Unschedulable', reasons);
}

export function unresolvable(...reasons: string[]): Status {
  return new Status('UnschedulableAndUnresolvable', reasons);
}

/** Per-cycle state a plugin keeps between its extension points; cloned for preemption dry runs. */
export interface StateData {
  clone(): StateData;
}

export class CycleState {
  private readonly data = new Map<string, StateData>();
  /** plugins whose PreFilter returned Skip: their Filter does not run */
  readonly skipFilterPlugins = new Set<string>();
  /** plugins whose PreScore returned Skip: their Score does not run */
  readonly skipScorePlugins = new Set<string>();
  /** the framework's cache of the Filter plugins left after PreFilter skips (opaque here) */
  activeFilters: unknown = null;

  constructor(
    readonly cluster: ClusterState,
    readonly pod: PodInfo,
    /** the pod's resolved priority */
    readonly priority: number,
  ) {}

  read<T extends StateData>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, value: StateData): void {
    this.data.set(key, value);
  }

  clone(): CycleState {
    const c = new CycleState(this.cluster, this.pod, this.priority);
    for (const [k, v] of this.data) c.data.set(k, v.clone());
    for (const p of this.skipFilterPlugins) c.skipFilterPlugins.add(p);
    for (const p of this.skipScorePlugins) c.skipScorePlugins.add(p);
    return c;
  }
}

/** Node-name set a PreFilter plugin narrows filtering to; null means all nodes. */
export type PreFilterResult = Set<string> | null;


/** Per-node filter statuses, with a status for nodes absent from the map (upstream NodeToStatus). */
export class NodeToStatus {
  /** replaceable: the scheduler hands over the map it recorded while filtering */
  statuses = new Map<string, Status>();
  absent: Status = unresolvable();

  get(name: string): Status {
    return this.statuses.get(name) ?? this.absent;
  }

  set(name: string, s: Status): void {
    this.statuses.set(name, s);
  }
}

/** What plugins may ask of the framework that runs them (upstream framework.Handle, the parts used). */
export interface FrameworkHandle {
  /** Run every Filter plugin on node, with nominated pods of priority >= the pod's added (upstream RunFilterPluginsWithNominatedPods). */
  runFilterPluginsWithNominatedPods(cs: CycleState, node: NodeInfo): Status;
  /** PreFilter extensions: a pod appeared on / disappeared from a node (preemption dry runs, nominated pods). */
  runPreFilterExtensionAddPod(cs: CycleState, added: PodInfo, node: NodeInfo): void;
  runPreFilterExtensionRemovePod(cs: CycleState, removed: PodInfo, node: NodeInfo): void;
  /** seeded generator shared with the scheduler (preemption offset) */
  rng: { int(n: number): number };
}

export interface Plugin {
  readonly name: string;
}

export interface PreEnqueuePlugin extends Plugin {
  /** Not Success: the pod is not queued (e.g. scheduling gates). */
  preEnqueue(pod: Pod, cluster: ClusterState): Status;
}

export interface QueuedPod {
  pod: Pod;
  priority: number;
  /** time the pod entered the queue (order of arrival here) */
  timestamp: number;
}

export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPod, b: QueuedPod): boolean;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(cs: CycleState, nodes: readonly NodeInfo[]): { status: Status; result?: PreFilterResult };
  /** PreFilterExtensions.AddPod: update the cycle state as if `added` ran on `node` */
  addPod?(cs: CycleState, added: PodInfo, node: NodeInfo): void;
  /** PreFilterExtensions.RemovePod */
  removePod?(cs: CycleState, removed: PodInfo, node: NodeInfo): void;
}

export interface FilterPlugin extends Plugin {
  filter(cs: CycleState, node: NodeInfo): Status;
  /**
   * Optional batch form of Filter, exactly filter() over several nodes: for k < count the node is
   * nodes[idx[k]]; the nodes that pass stay in idx (moved to the front, order kept), each other one
   * gets the status filter() returns, with this plugin's name, in out[idx[k]]. Returns how many
   * passed. No side effects filter() would not have (the scheduler may evaluate a few nodes more than
   * it keeps, and discards them). `index[p]` is nodes[p].index (to read ClusterState's per-node
   * columns without touching the node objects).
   */
  filterBatch?(cs: CycleState, nodes: readonly NodeInfo[], idx: Int32Array, count: number, out: Status[], index: Int32Array): number;
  /**
   * Optional: declares that filter() reads only the node's own fixed fields (name, labels, taints,
   * spec.unschedulable: never changed once the node is in a ClusterState), the plugin's own arguments
   * and the pod fields in placementKeyOf (nodeName, schedulerName, tolerations, nodeSelector, required
   * node affinity): two pods with the same key get the same status on every node. The scheduler then
   * keeps one verdict per node and placement instead of evaluating the node again for every pod.
   */
  readonly staticFilter?: true;
}

export interface PostFilterResult {
  status: Status;
  /** node the pod is nominated to (preemption) */
  nominatedNode?: string | null;
  victims?: PodInfo[];
}

export interface PostFilterPlugin extends Plugin {
  postFilter(cs: CycleState, statuses: NodeToStatus, allNodes: readonly NodeInfo[]): PostFilterResult;
}

export interface PreScorePlugin extends Plugin {
  /** `index`, when given, holds NodeInfo.index of every node of `nodes` (valid during the call only) */
  preScore(cs: CycleState, nodes: readonly NodeInfo[], index?: Int32Array): Status;
}

export interface ScorePlugin extends Plugin {
  score(cs: CycleState, node: NodeInfo): number;
  /**
   * Optional batch form of Score: scores[i] = score(cs, nodes[i]) for every i, exactly (the cycle state
   * is read once instead of once per node).
   * `index[i]`, when given, is nodes[i].index (to read ClusterState's per-node columns).
   */
  scoreAll?(cs: CycleState, nodes: readonly NodeInfo[], scores: ScoreList, index?: Int32Array): void;
  /** NormalizeScore: rewrite scores[i] (the raw score of nodes[i]) in place into [0, 100] */
  normalizeScore?(cs: CycleState, nodes: readonly NodeInfo[], scores: ScoreList): void;
  /**
   * Optional, with scoreAll: the normalized score every one of `nodes` gets, when the plugin can tell
   * it is the same on all of them without scoring each (nothing on any node it looks for); null
   * otherwise. Called after PreScore; a number stands for scoreAll and normalizeScore, exactly.
   */
  uniformScore?(cs: CycleState, nodes: readonly NodeInfo[]): number | null;
}

export interface BindPlugin extends Plugin {
  bind(pod: Pod, nodeName: string, cluster: ClusterState): Status;
}

export type ExtensionPoint =
  | 'preEnqueue' | 'queueSort' | 'preFilter' | 'filter' | 'postFilter' | 'preScore' | 'score'
  | 'reserve' | 'permit' | 'preBind' | 'bind' | 'postBind';

export const EXTENSION_POINTS: ExtensionPoint[] = ['preEnqueue', 'queueSort', 'preFilter', 'filter', 'postFilter', 'preScore', 'score', 'reserve', 'permit', 'preBind', 'bind', 'postBind'];

/** The method that makes a plugin implement an extension point (upstream checks Go interfaces). */
const METHOD: Record<ExtensionPoint, string> = {
  preEnqueue: 'preEnqueue', queueSort: 'less', preFilter: 'preFilter', filter: 'filter', postFilter: 'postFilter',
  preScore: 'preScore', score: 'score', reserve: 'reserve', permit: 'permit', preBind: 'preBind', bind: 'bind', postBind: 'postBind',
};

export function implementsPoint(plugin: Plugin, point: ExtensionPoint): boolean {
  return typeof (plugin as unknown as Record<string, unknown>)[METHOD[point]] === 'function';
}

/**
 * DefaultNormalizeScore (upstream pluginhelper): scale to [0, maxPriority] by the max raw score with
 * int64 truncating division; all 0 (or all max when reversed) if the max is 0.
 */
/** Raw then normalized scores of one plugin, index-aligned with the feasible nodes. */
export type ScoreList = Float64Array;

export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: ScoreList | number[]): void {
  let max = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i] > max) max = scores[i];
  if (max === 0) {
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let v = Math.trunc((maxPriority * scores[i]) / max);
    if (reverse) v = maxPriority - v;
    scores[i] = v;
  }
}
