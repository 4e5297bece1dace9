// DefaultPreemption's algorithm (upstream framework/preemption Evaluator + defaultpreemption), §8:
// eligibility, potential nodes (status Unschedulable only), dry runs from a random offset, victim
// selection with reprieve (PDB-violating pods first), and the candidate choice order.
import {
  selectorMatches as selectorMatches_,
} from '../../core/labels';
import type { Pod, PodDisruptionBudget } from '../k8s';
import {
  arr as arr_, namespaceOf,
} from '../k8s';
import type { DefaultPreemptionArgs } from './args';
import type { NodeInfo } from './cluster-state';
import {
  type CycleState, type FrameworkHandle, NodeToStatus, type PostFilterResult, Status, unresolvable, unschedulable,
} from './framework';
import {
  fitErrorMessage,
} from './messages';
import { type PodInfo, safeSelector } from './pod-info';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const selectorMatches = selectorMatches_;
const arr = arr_;

export const MsgPreemptionPolicyNever = 'not eligible due to preemptionPolicy=Never.';
export const MsgTerminatingPodOnNominatedNode = 'not eligible due to a terminating pod on the nominated node.';
export const ReasonNotHelpful = 'Preemption is not helpful for scheduling';
export const ReasonNoVictims = 'No preemption victims found for incoming pod';

export interface Candidate { node: NodeInfo; victims: PodInfo[]; numPDBViolations: number }

function startTime(p: PodInfo): number {
  const t = p.pod.status?.startTime;
  const ms = typeof t === 'string' ? Date.parse(t) : NaN;
  // upstream uses "now" for pods without a start time: later than any recorded one
  return Number.isNaN(ms) ? Number.MAX_SAFE_INTEGER : ms;
}

/** MoreImportantPod: higher priority, then earlier start time. */
function moreImportant(a: PodInfo, b: PodInfo, prio: (p: PodInfo) => number): number {
  const d = prio(b) - prio(a);
  if (d !== 0) return d;
  return startTime(a) - startTime(b);
}

/**
 * PDB disruptionsAllowed: the status value when given, else as the disruption controller derives it
 * (getExpectedPodCount): maxUnavailable or a percentage minAvailable scale against the expected count,
 * the summed replicas of the matching pods' controllers (rounding up); an integer minAvailable against
 * the matching pods. Allowed = healthy (placed) pods − desired healthy, never below 0, and 0 when nothing
 * is expected. Pods without a known controller add nothing to the expected count.
 */
function disruptionsAllowed(pdb: PodDisruptionBudget, cs: CycleState): number {
  const st = pdb.status?.disruptionsAllowed;
  if (typeof st === 'number') return st;
  const ns = namespaceOf(pdb);
  const sel = safeSelector(pdb.spec?.selector);
  let healthy = 0;
  const scales = new Map<string, number>();
  for (const { info } of cs.cluster.placedPods()) {
    if (info.namespace !== ns || !selectorMatches(sel, info.labels)) continue;
    healthy++;
    const c = cs.cluster.controllerScale(info.pod);
    if (c) scales.set(c.key, c.replicas);
  }
  let expectedScale = 0;
  for (const r of scales.values()) expectedScale += r;
  const scaled = (v: number | string, of: number): number | null => {
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.endsWith('%')) {
      const pct = Number(v.slice(0, -1));
      return Number.isFinite(pct) ? Math.ceil((pct * of) / 100) : null;
    }
    return null;
  };
  const { minAvailable, maxUnavailable } = pdb.spec ?? {};
  let expected: number;
  let desired: number;
  if (maxUnavailable !== undefined && maxUnavailable !== null) {
    expected = expectedScale;
    const max = scaled(maxUnavailable, expected);
    if (max === null) return 0;
    desired = Math.max(0, expected - max);
  } else if (typeof minAvailable === 'number') {
    expected = healthy;
    desired = minAvailable;
  } else if (typeof minAvailable === 'string') {
    expected = expectedScale;
    const min = scaled(minAvailable, expected);
    if (min === null) return 0;
    desired = min;
  } else {
    return 0;
  }
  return expected <= 0 ? 0 : Math.max(0, healthy - desired);
}

function splitByPDB(pods: PodInfo[], cs: CycleState): { violating: PodInfo[]; nonViolating: PodInfo[] } {
  const pdbs = cs.cluster.pdbs();
  const allowed = pdbs.map((p) => disruptionsAllowed(p, cs));
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const p of pods) {
    let violated = false;
    if (Object.keys(p.labels).length > 0) {
      pdbs.forEach((pdb, i) => {
        if (namespaceOf(pdb) !== p.namespace) return;
        const sel = safeSelector(pdb.spec?.selector);
        // a nil or empty selector matches nothing here
        if (!sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && arr(sel.matchExpressions).length === 0)) return;
        if (!selectorMatches(sel, p.labels)) return;
        allowed[i]--;
        if (allowed[i] < 0) violated = true;
      });
    }
    (violated ? violating : nonViolating).push(p);
  }
  return { violating, nonViolating };
}

/** SelectVictimsOnNode. */
export function selectVictimsOnNode(cs: CycleState, node: NodeInfo, handle: FrameworkHandle): { victims: PodInfo[]; numPDBViolations: number; status: Status } {
  const prio = (p: PodInfo) => cs.cluster.priorityOf(p.pod);
  if (!node.pods.some((p) => prio(p) < cs.priority)) return { victims: [], numPDBViolations: 0, status: unresolvable(ReasonNoVictims) };
  const state = cs.clone();
  const copy = node.clone();
  const potential: PodInfo[] = [];
  for (const p of [...copy.pods]) {
    if (prio(p) < cs.priority) {
      potential.push(p);
      copy.removePod(p);
      handle.runPreFilterExtensionRemovePod(state, p, copy);
    }
  }
  if (potential.length === 0) return { victims: [], numPDBViolations: 0, status: unresolvable(ReasonNoVictims) };
  const fits = handle.runFilterPluginsWithNominatedPods(state, copy);
  if (!fits.isSuccess()) return { victims: [], numPDBViolations: 0, status: fits };
  potential.sort((a, b) => moreImportant(a, b, prio));
  const { violating, nonViolating } = splitByPDB(potential, cs);
  const victims: PodInfo[] = [];
  let numPDBViolations = 0;
  const reprieve = (p: PodInfo): boolean => {
    copy.addPod(p);
    handle.runPreFilterExtensionAddPod(state, p, copy);
    const ok = handle.runFilterPluginsWithNominatedPods(state, copy).isSuccess();
    if (!ok) {
      copy.removePod(p);
      handle.runPreFilterExtensionRemovePod(state, p, copy);
      victims.push(p);
    }
    return ok;
  };
  for (const p of violating) if (!reprieve(p)) numPDBViolations++;
  for (const p of nonViolating) reprieve(p);
  victims.sort((a, b) => moreImportant(a, b, prio));
  return { victims, numPDBViolations, status: new Status('Success') };
}

/** pickOneNodeForPreemption */
export function pickOneNode(cands: Candidate[], prio: (p: PodInfo) => number): Candidate | null {
  if (cands.length === 0) return null;
  const filterMin = (list: Candidate[], f: (c: Candidate) => number) => {
    let best = Infinity;
    for (const c of list) best = Math.min(best, f(c));
    return list.filter((c) => f(c) === best);
  };
  let list = filterMin(cands, (c) => c.numPDBViolations);
  if (list.length > 1) list = filterMin(list, (c) => (c.victims.length ? prio(c.victims[0]) : -Infinity));
  if (list.length > 1) list = filterMin(list, (c) => c.victims.reduce((s, v) => s + prio(v) + 2 ** 31, 0));
  if (list.length > 1) list = filterMin(list, (c) => c.victims.length);
  if (list.length > 1) {
    // latest earliest start time among each node's highest-priority victims
    list = filterMin(list, (c) => {
      if (c.victims.length === 0) return 0;
      const top = prio(c.victims[0]);
      let earliest = Infinity;
      for (const v of c.victims) if (prio(v) === top) earliest = Math.min(earliest, startTime(v));
      return -earliest;
    });
  }
  return list[0];
}

/** podTerminatingByPreemption: its DisruptionTarget condition is True with reason PreemptionByScheduler. */
function terminatingByPreemption(pod: Pod): boolean {
  const c = arr(pod.status?.conditions).find((x) => x?.type === 'DisruptionTarget');
  return c !== undefined && c.status === 'True' && c.reason === 'PreemptionByScheduler';
}

/** Upstream Evaluator.Preempt as a PostFilter result ("preemption: ..." message when it fails). */
export function preempt(cs: CycleState, statuses: NodeToStatus, allNodes: readonly NodeInfo[], args: DefaultPreemptionArgs, handle: FrameworkHandle): PostFilterResult {
  const pod = cs.pod;
  if (cs.cluster.preemptionPolicyOf(pod.pod) === 'Never') {
    return { status: unschedulable('preemption: ' + MsgPreemptionPolicyNever) };
  }
  // PodEligibleToPreemptOthers: a pod whose nominated node is still emptying (a lower-priority victim
  // of an earlier preemption terminating there) waits for it, unless that node can no longer take it
  const nominated = cs.cluster.nominatedNodeOf(pod.pod);
  if (nominated && statuses.get(nominated).code !== 'UnschedulableAndUnresolvable') {
    const n = cs.cluster.node(nominated);
    if (n && n.pods.some((p) => p.terminating && terminatingByPreemption(p.pod) && cs.cluster.priorityOf(p.pod) < cs.priority)) {
      return { status: unschedulable('preemption: ' + MsgTerminatingPodOnNominatedNode) };
    }
  }
  const nodeStatuses = new NodeToStatus();
  const potential: NodeInfo[] = [];
  for (const n of allNodes) {
    if (statuses.get(n.name).code === 'UnschedulableAndUnresolvable') nodeStatuses.set(n.name, unresolvable(ReasonNotHelpful));
    else potential.push(n);
  }
  const candidates: Candidate[] = [];
  if (potential.length > 0) {
    let numCandidates = Math.trunc((potential.length * args.minCandidateNodesPercentage) / 100);
    if (numCandidates < args.minCandidateNodesAbsolute) numCandidates = args.minCandidateNodesAbsolute;
    if (numCandidates > potential.length) numCandidates = potential.length;
    const offset = handle.rng.int(potential.length);
    let violating = 0;
    let nonViolating = 0;
    for (let i = 0; i < potential.length; i++) {
      const node = potential[(offset + i) % potential.length];
      const r = selectVictimsOnNode(cs, node, handle);
      if (r.status.isSuccess() && r.victims.length > 0) {
        candidates.push({ node, victims: r.victims, numPDBViolations: r.numPDBViolations });
        if (r.numPDBViolations === 0) nonViolating++;
        else violating++;
        if (nonViolating > 0 && nonViolating + violating >= numCandidates) break;
        continue;
      }
      const st = r.status.isSuccess() ? new Status('Error', [`expected at least one victim pod on node "${node.name}"`]) : r.status;
      nodeStatuses.set(node.name, st);
    }
  }
  if (candidates.length === 0) {
    const msg = fitErrorMessage({ numAllNodes: allNodes.length, statuses: nodeStatuses });
    return { status: unschedulable('preemption: ' + msg), nominatedNode: null };
  }
  const best = pickOneNode(candidates, (p) => cs.cluster.priorityOf(p.pod)) as Candidate;
  return { status: new Status('Success'), nominatedNode: best.node.name, victims: best.victims };
}
