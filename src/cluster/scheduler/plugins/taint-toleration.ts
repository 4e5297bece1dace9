// TaintToleration (Filter, PreScore, Score w3): NoSchedule/NoExecute taints must be tolerated; the
// score counts PreferNoSchedule taints not tolerated, normalized reversed (fewest -> 100).
import type { Toleration } from '../../k8s';
import {
  arr as arr_,
} from '../../k8s';
import type { NodeInfo } from '../cluster-state';
import {
  type CycleState, type ScoreList, defaultNormalizeScore as defaultNormalizeScore_, type FilterPlugin, MAX_NODE_SCORE as MAX_NODE_SCORE_, type PreScorePlugin, type ScorePlugin, type StateData, type Status, SUCCESS as SUCCESS_, unresolvable,
} from '../framework';
import {
  findUntoleratedTaint as findUntoleratedTaint_, isNoScheduleOrNoExecute as isNoScheduleOrNoExecute_, tolerationsTolerateTaint as tolerationsTolerateTaint_,
} from '../helpers/taints';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const arr = arr_;
const defaultNormalizeScore = defaultNormalizeScore_;
const MAX_NODE_SCORE = MAX_NODE_SCORE_;
const SUCCESS = SUCCESS_;
const findUntoleratedTaint = findUntoleratedTaint_;
const isNoScheduleOrNoExecute = isNoScheduleOrNoExecute_;
const tolerationsTolerateTaint = tolerationsTolerateTaint_;

export const Name = 'TaintToleration';
/** v1.34.7 wording (reference §3). */
export const ErrReasonUntoleratedTaints = 'node(s) had untolerated taint(s)';
/** Wording of v1.31–v1.34.1, naming the first untolerated taint: kept for reference. */
export function legacyUntoleratedTaintReason(key: string, value: string): string {
  return `node(s) had untolerated taint {${key}: ${value}}`;
}

const PRE_SCORE_KEY = 'PreScore' + Name;

class PreScoreState implements StateData {
  constructor(readonly tolerationsPreferNoSchedule: Toleration[]) {}
  clone(): StateData { return this; }
}

/** shared failure status (read-only: reasons and plugin never change) */
const FAIL_TAINT = unresolvable(ErrReasonUntoleratedTaints).withPlugin(Name);

export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Name;
  /** the verdict depends on the node's fixed fields and the pod's placement fields (placementKeyOf) only */
  readonly staticFilter = true as const;

  filter(cs: CycleState, node: NodeInfo): Status {
    if (node.taints.length === 0) return SUCCESS;
    const t = findUntoleratedTaint(node.taints, cs.pod.pod.spec?.tolerations, isNoScheduleOrNoExecute);
    return t === null ? SUCCESS : FAIL_TAINT;
  }

  filterBatch(cs: CycleState, nodes: readonly NodeInfo[], idx: Int32Array, count: number, out: Status[], index: Int32Array): number {
    const tols = cs.pod.pod.spec?.tolerations;
    let kept = 0;
    const flags = cs.cluster.nodeTable().flags;
    for (let k = 0; k < count; k++) {
      const p = idx[k];
      // flag 2: the node has taints (else it passes without reading the node)
      if ((flags[index[p]] & 2) === 0 || findUntoleratedTaint(nodes[p].taints, tols, isNoScheduleOrNoExecute) === null) idx[kept++] = p;
      else out[p] = FAIL_TAINT;
    }
    return kept;
  }

  preScore(cs: CycleState): Status {
    // tolerations with effect PreferNoSchedule or empty
    const tols = arr(cs.pod.pod.spec?.tolerations).filter((t) => t && (!t.effect || t.effect === 'PreferNoSchedule'));
    cs.write(PRE_SCORE_KEY, new PreScoreState(tols));
    return SUCCESS;
  }

  score(cs: CycleState, node: NodeInfo): number {
    if (node.taints.length === 0) return 0;
    return countIntolerable(cs.read<PreScoreState>(PRE_SCORE_KEY)?.tolerationsPreferNoSchedule ?? [], node);
  }

  scoreAll(cs: CycleState, nodes: readonly NodeInfo[], scores: ScoreList, index?: Int32Array): void {
    const tols = cs.read<PreScoreState>(PRE_SCORE_KEY)?.tolerationsPreferNoSchedule ?? [];
    if (index !== undefined) {
      // flag 2: the node has taints (untainted nodes score 0 without being read)
      const flags = cs.cluster.nodeTable().flags;
      for (let i = 0; i < nodes.length; i++) scores[i] = (flags[index[i]] & 2) === 0 ? 0 : countIntolerable(tols, nodes[i]);
      return;
    }
    for (let i = 0; i < nodes.length; i++) scores[i] = nodes[i].taints.length === 0 ? 0 : countIntolerable(tols, nodes[i]);
  }

  normalizeScore(_cs: CycleState, _nodes: readonly NodeInfo[], scores: ScoreList): void {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  }

  uniformScore(cs: CycleState): number | null {
    // no PreferNoSchedule taint anywhere: every raw score is 0, which the reversed normalization makes 100
    return cs.cluster.preferNoScheduleNodes === 0 ? MAX_NODE_SCORE : null;
  }
}

/** PreferNoSchedule taints of the node that no toleration tolerates */
function countIntolerable(tols: Toleration[], node: NodeInfo): number {
  let n = 0;
  const taints = node.taints;
  for (let i = 0; i < taints.length; i++) {
    const taint = taints[i];
    if (taint.effect !== 'PreferNoSchedule') continue;
    if (!tolerationsTolerateTaint(tols, taint)) n++;
  }
  return n;
}

export function create(): TaintToleration {
  return new TaintToleration();
}
