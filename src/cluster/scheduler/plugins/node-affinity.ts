// NodeAffinity (PreFilter, Filter, PreScore, Score w2): nodeSelector + required node affinity (and the
// profile's addedAffinity); the score sums the weights of matching preferred terms, max-normalized.
import type { NodeInfo } from '../cluster-state';
import {
  type NodeAffinityArgs,
} from '../args';
import {
  type CycleState, type ScoreList, defaultNormalizeScore as defaultNormalizeScore_, type FilterPlugin, MAX_NODE_SCORE as MAX_NODE_SCORE_, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type ScorePlugin, SKIP as SKIP_, type StateData, type Status, SUCCESS as SUCCESS_, unresolvable,
} from '../framework';
import {
  compileNodeSelector, compilePreferred, type CompiledPreferred, preferredScore, requiredNodeAffinityOf as requiredNodeAffinityOf_,
} from '../helpers/node-selector';
import {
  arr as arr_,
} from '../../k8s';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const defaultNormalizeScore = defaultNormalizeScore_;
const MAX_NODE_SCORE = MAX_NODE_SCORE_;
const SKIP = SKIP_;
const SUCCESS = SUCCESS_;
const requiredNodeAffinityOf = requiredNodeAffinityOf_;
const arr = arr_;

export const Name = 'NodeAffinity';
/** node doesn't match the pod's nodeSelector / required node affinity */
export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
/** node doesn't match the profile's addedAffinity */
export const ErrReasonEnforced = "node(s) didn't match scheduler-enforced node affinity";
/** matchFields metadata.name sets of all terms conflict */
export const ErrReasonConflict = 'pod affinity terms conflict';

function intersect(a: Set<string> | null, b: Set<string>): Set<string> {
  if (a === null) return b;
  const out = new Set<string>();
  for (const x of a) if (b.has(x)) out.add(x);
  return out;
}

const PRE_SCORE_KEY = 'PreScore' + Name;

class PreScoreState implements StateData {
  constructor(readonly preferred: CompiledPreferred[] | null) {}
  clone(): StateData { return this; }
}

/** shared failure status (read-only: reasons and plugin never change) */
const FAIL_POD = unresolvable(ErrReasonPod).withPlugin(Name);
/** shared failure status (read-only: reasons and plugin never change) */
const FAIL_ENFORCED = unresolvable(ErrReasonEnforced).withPlugin(Name);

export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Name;
  /** the verdict depends on the node's fixed fields, the pod's placement fields (placementKeyOf) and addedAffinity (this plugin's own) */
  readonly staticFilter = true as const;
  private readonly addedRequired: ((n: NodeInfo) => boolean) | null;
  private readonly addedPreferred: CompiledPreferred[] | null;

  constructor(args: NodeAffinityArgs) {
    const added = args.addedAffinity ?? null;
    const req = added?.requiredDuringSchedulingIgnoredDuringExecution;
    this.addedRequired = req ? compileNodeSelector(req) : null;
    const pref = added?.preferredDuringSchedulingIgnoredDuringExecution;
    this.addedPreferred = pref ? compilePreferred(pref) : null;
  }

  preFilter(cs: CycleState): { status: Status; result?: PreFilterResult } {
    const spec = cs.pod.pod.spec ?? {};
    const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    const noNodeAffinity = !required;
    if (noNodeAffinity && this.addedRequired === null && (spec.nodeSelector === undefined || spec.nodeSelector === null)) {
      return { status: SKIP };
    }
    if (noNodeAffinity) return { status: SUCCESS };
    // Affinity to specific nodes by matchFields metadata.name In [...] (the DaemonSet pattern).
    let nodeNames: Set<string> | null = null;
    for (const t of arr(required.nodeSelectorTerms)) {
      let termNames: Set<string> | null = null;
      for (const r of arr(t?.matchFields)) {
        if (r?.key === 'metadata.name' && r.operator === 'In') {
          const s = new Set<string>(arr(r.values).map((v) => String(v)));
          termNames = intersect(termNames, s);
        }
      }
      // a term without a name requirement makes every node eligible (terms are ORed)
      if (termNames === null) return { status: SUCCESS };
      nodeNames = nodeNames === null ? termNames : new Set([...nodeNames, ...termNames]);
    }
    if (nodeNames !== null && nodeNames.size === 0) return { status: unresolvable(ErrReasonConflict) };
    if (nodeNames !== null && nodeNames.size > 0) return { status: SUCCESS, result: nodeNames };
    return { status: SUCCESS };
  }

  filter(cs: CycleState, node: NodeInfo): Status {
    if (this.addedRequired !== null && !this.addedRequired(node)) return FAIL_ENFORCED;
    return requiredNodeAffinityOf(cs.pod.pod).match(node) ? SUCCESS : FAIL_POD;
  }

  filterBatch(cs: CycleState, nodes: readonly NodeInfo[], idx: Int32Array, count: number, out: Status[], index: Int32Array): number {
    const added = this.addedRequired;
    const required = requiredNodeAffinityOf(cs.pod.pod);
    let kept = 0;
    const entries = added === null ? required.selectorOnly : null;
    if (entries !== null) {
      // only a nodeSelector: compare label columns (the same values match() reads from node.labels)
      const cols = entries.map(([k]) => cs.cluster.labelColumn(k));
      for (let k = 0; k < count; k++) {
        const p = idx[k];
        const i = index[p];
        let ok = true;
        for (let e = 0; e < entries.length; e++) if (cols[e][i] !== entries[e][1]) { ok = false; break; }
        if (ok) idx[kept++] = p;
        else out[p] = FAIL_POD;
      }
      return kept;
    }
    for (let k = 0; k < count; k++) {
      const p = idx[k];
      const node = nodes[p];
      if (added !== null && !added(node)) out[p] = FAIL_ENFORCED;
      else if (!required.match(node)) out[p] = FAIL_POD;
      else idx[kept++] = p;
    }
    return kept;
  }

  preScore(cs: CycleState): Status {
    const pref = cs.pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    const podPreferred = pref === undefined || pref === null ? null : compilePreferred(pref);
    if (podPreferred === null && this.addedPreferred === null) return SKIP;
    cs.write(PRE_SCORE_KEY, new PreScoreState(podPreferred));
    return SUCCESS;
  }

  score(cs: CycleState, node: NodeInfo): number {
    let s = 0;
    if (this.addedPreferred) s += preferredScore(this.addedPreferred, node);
    const st = cs.read<PreScoreState>(PRE_SCORE_KEY);
    if (st?.preferred) s += preferredScore(st.preferred, node);
    return s;
  }

  normalizeScore(_cs: CycleState, _nodes: readonly NodeInfo[], scores: ScoreList): void {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  }
}

export function create(args: unknown): NodeAffinity {
  return new NodeAffinity((args ?? {}) as NodeAffinityArgs);
}
