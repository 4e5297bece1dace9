// TaintToleration (Filter, PreScore, Score w3): NoSchedule/NoExecute taints must be tolerated; the
// score counts PreferNoSchedule taints not tolerated, normalized reversed (fewest -> 100).
import type { Toleration } from '../../k8s';
import { arr } from '../../k8s';
import type { NodeInfo } from '../cluster-state';
import {
  type CycleState, defaultNormalizeScore, type FilterPlugin, MAX_NODE_SCORE, type NodeScore, type PreScorePlugin,
  type ScorePlugin, type StateData, type Status, SUCCESS, unresolvable,
} from '../framework';
import { findUntoleratedTaint, isNoScheduleOrNoExecute, tolerationsTolerateTaint } from '../helpers/taints';

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

export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Name;

  filter(cs: CycleState, node: NodeInfo): Status {
    const t = findUntoleratedTaint(node.taints, cs.pod.pod.spec?.tolerations, isNoScheduleOrNoExecute);
    return t === null ? SUCCESS : unresolvable(ErrReasonUntoleratedTaints);
  }

  preScore(cs: CycleState): Status {
    // tolerations with effect PreferNoSchedule or empty
    const tols = arr(cs.pod.pod.spec?.tolerations).filter((t) => t && (!t.effect || t.effect === 'PreferNoSchedule'));
    cs.write(PRE_SCORE_KEY, new PreScoreState(tols));
    return SUCCESS;
  }

  score(cs: CycleState, node: NodeInfo): number {
    const tols = cs.read<PreScoreState>(PRE_SCORE_KEY)?.tolerationsPreferNoSchedule ?? [];
    let n = 0;
    for (const taint of node.taints) {
      if (taint.effect !== 'PreferNoSchedule') continue;
      if (!tolerationsTolerateTaint(tols, taint)) n++;
    }
    return n;
  }

  normalizeScore(_cs: CycleState, scores: NodeScore[]): void {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  }
}

export function create(): TaintToleration {
  return new TaintToleration();
}
