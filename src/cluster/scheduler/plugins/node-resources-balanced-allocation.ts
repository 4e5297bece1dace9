// NodeResourcesBalancedAllocation (PreScore, Score w1): favours nodes whose resource fractions
// (actual requests, no 100m/200Mi defaults) stay balanced: trunc((1 − std) × 100). Best-effort pods
// (no request for any configured resource) make PreScore Skip (v1.33+).
import type { NodeInfo } from '../cluster-state';
import type { NodeResourcesBalancedAllocationArgs } from '../args';
import {
  type CycleState, type PreScorePlugin, type ScoreList, type ScorePlugin, SKIP as SKIP_, type StateData, type Status, SUCCESS as SUCCESS_,
} from '../framework';
import {
  balancedCpuMemory as balancedCpuMemory_, balancedCpuMemoryAt as balancedCpuMemoryAt_, balancedScorer as balancedScorer_, isCpuMemory as isCpuMemory_, scoreNode as scoreNode_,
} from './resource-allocation';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const SKIP = SKIP_;
const SUCCESS = SUCCESS_;

const scoreNode = scoreNode_;
const balancedScorer = balancedScorer_;
const balancedCpuMemory = balancedCpuMemory_;
const balancedCpuMemoryAt = balancedCpuMemoryAt_;
const isCpuMemory = isCpuMemory_;

export const Name = 'NodeResourcesBalancedAllocation';

const PRE_SCORE_KEY = 'PreScore' + Name;

class PreScoreState implements StateData {
  constructor(readonly podRequests: number[]) {}
  clone(): StateData { return this; }
}

export class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = Name;

  constructor(readonly args: NodeResourcesBalancedAllocationArgs) {}

  private requests(cs: CycleState): number[] {
    return this.args.resources.map((r) => cs.pod.requests[r.name] ?? 0);
  }

  preScore(cs: CycleState): Status {
    const req = this.requests(cs);
    if (req.every((v) => v === 0)) return SKIP;
    cs.write(PRE_SCORE_KEY, new PreScoreState(req));
    return SUCCESS;
  }

  score(cs: CycleState, node: NodeInfo): number {
    const req = cs.read<PreScoreState>(PRE_SCORE_KEY)?.podRequests ?? this.requests(cs);
    return scoreNode(node, this.args.resources, req, true, balancedScorer);
  }

  scoreAll(cs: CycleState, nodes: readonly NodeInfo[], scores: ScoreList, index?: Int32Array): void {
    const req = cs.read<PreScoreState>(PRE_SCORE_KEY)?.podRequests ?? this.requests(cs);
    const resources = this.args.resources;
    if (isCpuMemory(resources)) {
      if (index !== undefined) {
        const t = cs.cluster.nodeTable();
        for (let i = 0; i < nodes.length; i++) scores[i] = balancedCpuMemoryAt(t, index[i], req[0], req[1]);
        return;
      }
      for (let i = 0; i < nodes.length; i++) scores[i] = balancedCpuMemory(nodes[i], req[0], req[1]);
      return;
    }
    for (let i = 0; i < nodes.length; i++) scores[i] = scoreNode(nodes[i], resources, req, true, balancedScorer);
  }
}

export function create(args: unknown): NodeResourcesBalancedAllocation {
  return new NodeResourcesBalancedAllocation(args as NodeResourcesBalancedAllocationArgs);
}
