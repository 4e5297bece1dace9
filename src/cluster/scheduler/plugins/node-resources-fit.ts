// NodeResourcesFit (PreFilter, Filter, PreScore, Score w1): pod count and every requested resource must
// fit in allocatable − Σ requests on the node; the score follows the configured strategy
// (LeastAllocated by default) over the non-zero (100m/200Mi) requests for cpu/memory.
import type { NodeInfo } from '../cluster-state';
import type { NodeResourcesFitArgs } from '../args';
import {
  type CycleState, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type ScoreList, type ScorePlugin, type StateData, Status, SUCCESS as SUCCESS_,
} from '../framework';
import {
  CPU as CPU_, EPHEMERAL_STORAGE as EPHEMERAL_STORAGE_, isExtendedResourceName as isExtendedResourceName_, MEMORY as MEMORY_, PODS as PODS_,
} from '../resources';
import {
  isCpuMemory as isCpuMemory_, leastAllocatedCpuMemory as leastAllocatedCpuMemory_, leastAllocatedCpuMemoryAt as leastAllocatedCpuMemoryAt_, leastAllocatedScorer, mostAllocatedScorer, requestedToCapacityRatioScorer, type Scorer, scoreNode as scoreNode_,
} from './resource-allocation';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const SUCCESS = SUCCESS_;
const CPU = CPU_;
const EPHEMERAL_STORAGE = EPHEMERAL_STORAGE_;
const isExtendedResourceName = isExtendedResourceName_;
const MEMORY = MEMORY_;
const PODS = PODS_;

const scoreNode = scoreNode_;
const isCpuMemory = isCpuMemory_;
const leastAllocatedCpuMemory = leastAllocatedCpuMemory_;
const leastAllocatedCpuMemoryAt = leastAllocatedCpuMemoryAt_;

export const Name = 'NodeResourcesFit';
export const ErrReasonTooManyPods = 'Too many pods';
export function insufficientReason(resource: string): string {
  return `Insufficient ${resource}`;
}

const scalarCache = new WeakMap<Record<string, number>, string[]>();
/** requested scalar resources (not cpu/memory/ephemeral-storage), sorted; cached per requests object */
function scalarNames(req: Record<string, number>): string[] {
  let s = scalarCache.get(req);
  if (!s) {
    s = Object.keys(req).filter((k) => k !== CPU && k !== MEMORY && k !== EPHEMERAL_STORAGE && (req[k] ?? 0) > 0).sort();
    scalarCache.set(req, s);
  }
  return s;
}

export interface InsufficientResource { resourceName: string; reason: string; unresolvable: boolean }

const PRE_SCORE_KEY = 'PreScore' + Name;

class PreScoreState implements StateData {
  constructor(readonly podRequests: number[]) {}
  clone(): StateData { return this; }
}

/**
 * Upstream fitsRequest. Scalar resources are checked in name order (upstream iterates a Go map, so
 * their order among several insufficient scalars is random there).
 */
const NONE: InsufficientResource[] = [];

function check(out: InsufficientResource[] | null, node: NodeInfo, name: string, want: number): InsufficientResource[] | null {
  const alloc = node.allocatable[name] ?? 0;
  if (want <= alloc - (node.requested[name] ?? 0)) return out;
  const list = out ?? [];
  list.push({ resourceName: name, reason: insufficientReason(name), unresolvable: want > alloc });
  return list;
}

export function fitsRequest(req: Record<string, number>, node: NodeInfo, ignored: ReadonlySet<string>, ignoredGroups: ReadonlySet<string>): InsufficientResource[] {
  let out: InsufficientResource[] | null = null;
  if (node.pods.length + 1 > node.allocPods) {
    out = [{ resourceName: PODS, reason: ErrReasonTooManyPods, unresolvable: false }];
  }
  const scalars = scalarNames(req);
  const cpu = req[CPU] ?? 0;
  const mem = req[MEMORY] ?? 0;
  const eph = req[EPHEMERAL_STORAGE] ?? 0;
  if (cpu === 0 && mem === 0 && eph === 0 && scalars.length === 0) return out ?? NONE;
  if (cpu > 0 && cpu > node.allocCpu - node.reqCpu) out = check(out, node, CPU, cpu);
  if (mem > 0 && mem > node.allocMemory - node.reqMemory) out = check(out, node, MEMORY, mem);
  if (eph > 0) out = check(out, node, EPHEMERAL_STORAGE, eph);
  for (const name of scalars) {
    if (isExtendedResourceName(name)) {
      const prefix = name.split('/')[0];
      if (ignored.has(name) || ignoredGroups.has(prefix)) continue;
    }
    out = check(out, node, name, req[name]);
  }
  return out ?? NONE;
}

export class NodeResourcesFit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Name;
  private readonly ignored: Set<string>;
  private readonly ignoredGroups: Set<string>;
  private readonly scorer: Scorer;

  constructor(readonly args: NodeResourcesFitArgs) {
    this.ignored = new Set(args.ignoredResources);
    this.ignoredGroups = new Set(args.ignoredResourceGroups);
    const s = args.scoringStrategy;
    this.scorer = s.type === 'MostAllocated' ? mostAllocatedScorer(s.resources)
      : s.type === 'RequestedToCapacityRatio' ? requestedToCapacityRatioScorer(s.resources, s.requestedToCapacityRatio?.shape ?? [])
        : leastAllocatedScorer(s.resources);
  }

  preFilter(): { status: Status; result?: PreFilterResult } {
    // the pod's requests are precomputed in PodInfo
    return { status: SUCCESS };
  }

  filter(cs: CycleState, node: NodeInfo): Status {
    const insufficient = fitsRequest(cs.pod.requests, node, this.ignored, this.ignoredGroups);
    if (insufficient.length === 0) return SUCCESS;
    const code = insufficient.some((i) => i.unresolvable) ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
    return new Status(code, insufficient.map((i) => i.reason));
  }

  filterBatch(cs: CycleState, nodes: readonly NodeInfo[], idx: Int32Array, count: number, out: Status[], index: Int32Array): number {
    const req = cs.pod.requests;
    // Only cpu, memory and the pod count requested (the usual pod): a node passes exactly when
    // fitsRequest finds nothing insufficient, tested here on the node's hot fields; a failing node
    // gets filter()'s own status.
    const simple = (req[EPHEMERAL_STORAGE] ?? 0) === 0 && scalarNames(req).length === 0;
    const cpu = req[CPU] ?? 0;
    const mem = req[MEMORY] ?? 0;
    let kept = 0;
    const t = cs.cluster.nodeTable();
    const podCount = t.podCount;
    const allocPods = t.allocPods;
    const allocCpu = t.allocCpu;
    const reqCpu = t.reqCpu;
    const allocMemory = t.allocMemory;
    const reqMemory = t.reqMemory;
    for (let k = 0; k < count; k++) {
      const p = idx[k];
      const i = index[p];
      if (simple && podCount[i] + 1 <= allocPods[i] && !(cpu > 0 && cpu > allocCpu[i] - reqCpu[i]) && !(mem > 0 && mem > allocMemory[i] - reqMemory[i])) {
        idx[kept++] = p;
        continue;
      }
      const s = this.filter(cs, nodes[p]);
      if (s === SUCCESS) idx[kept++] = p;
      else out[p] = s.withPlugin(Name);
    }
    return kept;
  }

  preScore(cs: CycleState): Status {
    // non-zero requests (100m/200Mi per container missing them) for every configured resource
    const nz = cs.pod.nonZeroRequests;
    cs.write(PRE_SCORE_KEY, new PreScoreState(this.args.scoringStrategy.resources.map((r) => nz[r.name] ?? 0)));
    return SUCCESS;
  }

  score(cs: CycleState, node: NodeInfo): number {
    let st = cs.read<PreScoreState>(PRE_SCORE_KEY);
    if (!st) {
      this.preScore(cs);
      st = cs.read<PreScoreState>(PRE_SCORE_KEY) as PreScoreState;
    }
    return scoreNode(node, this.args.scoringStrategy.resources, st.podRequests, false, this.scorer);
  }

  scoreAll(cs: CycleState, nodes: readonly NodeInfo[], scores: ScoreList, index?: Int32Array): void {
    let st = cs.read<PreScoreState>(PRE_SCORE_KEY);
    if (!st) {
      this.preScore(cs);
      st = cs.read<PreScoreState>(PRE_SCORE_KEY) as PreScoreState;
    }
    const resources = this.args.scoringStrategy.resources;
    const req = st.podRequests;
    if (this.args.scoringStrategy.type === 'LeastAllocated' && isCpuMemory(resources)) {
      const w0 = resources[0].weight;
      const w1 = resources[1].weight;
      if (index !== undefined) {
        const t = cs.cluster.nodeTable();
        for (let i = 0; i < nodes.length; i++) scores[i] = leastAllocatedCpuMemoryAt(t, index[i], req[0], req[1], w0, w1);
        return;
      }
      for (let i = 0; i < nodes.length; i++) scores[i] = leastAllocatedCpuMemory(nodes[i], req[0], req[1], false, w0, w1);
      return;
    }
    const scorer = this.scorer;
    for (let i = 0; i < nodes.length; i++) scores[i] = scoreNode(nodes[i], resources, req, false, scorer);
  }
}

export function create(args: unknown): NodeResourcesFit {
  return new NodeResourcesFit(args as NodeResourcesFitArgs);
}
