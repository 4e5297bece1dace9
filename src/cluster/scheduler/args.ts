// Plugin args types of kubescheduler.config.k8s.io/v1 (upstream apis/config/v1 types + defaults),
// with the defaulting upstream applies and tolerant parsing of user YAML (bad fields -> warnings).
import type { NodeSelector, PreferredSchedulingTerm, TopologySpreadConstraint } from '../k8s';
import { arr } from '../k8s';

export interface ResourceSpec { name: string; weight: number }
export interface UtilizationShapePoint { utilization: number; score: number }

export type ScoringStrategyType = 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';

export interface NodeResourcesFitArgs {
  ignoredResources: string[];
  ignoredResourceGroups: string[];
  scoringStrategy: {
    type: ScoringStrategyType;
    resources: ResourceSpec[];
    requestedToCapacityRatio?: { shape: UtilizationShapePoint[] };
  };
}

export interface NodeResourcesBalancedAllocationArgs { resources: ResourceSpec[] }

export interface NodeAffinityArgs {
  addedAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector | null;
    preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[] | null;
  } | null;
}

export interface PodTopologySpreadArgs {
  defaultConstraints: TopologySpreadConstraint[];
  defaultingType: 'System' | 'List';
}

export interface InterPodAffinityArgs {
  hardPodAffinityWeight: number;
  ignorePreferredTermsOfExistingPods: boolean;
}

export interface DefaultPreemptionArgs {
  minCandidateNodesPercentage: number;
  minCandidateNodesAbsolute: number;
}

export interface VolumeBindingArgs { bindTimeoutSeconds: number }

const DEFAULT_RESOURCES: ResourceSpec[] = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }];

/** The system default constraints of PodTopologySpread (defaultingType System). */
export const SYSTEM_DEFAULT_CONSTRAINTS: TopologySpreadConstraint[] = [
  { topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);

function resources(x: unknown, where: string, warn: (m: string) => void): ResourceSpec[] | null {
  if (x === undefined || x === null) return null;
  if (!Array.isArray(x)) { warn(`${where}: resources must be a list`); return null; }
  const out: ResourceSpec[] = [];
  for (const r of x) {
    if (!isObj(r) || typeof r.name !== 'string') { warn(`${where}: resource entries need a name`); continue; }
    const w = typeof r.weight === 'number' ? r.weight : 0;
    if (w < 0 || w > 100) warn(`${where}: resource weight of ${r.name} must be in the range [1, 100]`);
    out.push({ name: r.name, weight: w === 0 ? 1 : w }); // defaulting: weight 0 -> 1
  }
  return out;
}

export function nodeResourcesFitArgs(raw: unknown, warn: (m: string) => void): NodeResourcesFitArgs {
  const a = isObj(raw) ? raw : {};
  const ss = isObj(a.scoringStrategy) ? a.scoringStrategy : null;
  let type: ScoringStrategyType = 'LeastAllocated';
  if (ss && ss.type !== undefined) {
    if (ss.type === 'LeastAllocated' || ss.type === 'MostAllocated' || ss.type === 'RequestedToCapacityRatio') type = ss.type;
    else warn(`NodeResourcesFitArgs: scoringStrategy.type "${String(ss.type)}" is not supported (LeastAllocated, MostAllocated, RequestedToCapacityRatio)`);
  }
  const res = (ss && resources(ss.resources, 'NodeResourcesFitArgs.scoringStrategy', warn)) || null;
  const out: NodeResourcesFitArgs = {
    ignoredResources: arr(a.ignoredResources as string[]).filter((s) => typeof s === 'string'),
    ignoredResourceGroups: arr(a.ignoredResourceGroups as string[]).filter((s) => typeof s === 'string'),
    scoringStrategy: { type, resources: res && res.length > 0 ? res : DEFAULT_RESOURCES.map((r) => ({ ...r })) },
  };
  if (type === 'RequestedToCapacityRatio') {
    const rtc = ss && isObj(ss.requestedToCapacityRatio) ? ss.requestedToCapacityRatio : {};
    const shape: UtilizationShapePoint[] = [];
    for (const p of arr(rtc.shape as unknown[])) {
      if (!isObj(p)) continue;
      const u = typeof p.utilization === 'number' ? p.utilization : 0;
      const s = typeof p.score === 'number' ? p.score : 0;
      if (u < 0 || u > 100) warn(`NodeResourcesFitArgs: shape utilization ${u} must be in [0, 100]`);
      if (s < 0 || s > 10) warn(`NodeResourcesFitArgs: shape score ${s} must be in [0, 10]`);
      shape.push({ utilization: u, score: s });
    }
    for (let i = 1; i < shape.length; i++) {
      if (shape[i].utilization <= shape[i - 1].utilization) warn('NodeResourcesFitArgs: shape utilization values must be sorted in increasing order');
    }
    if (shape.length === 0) {
      warn('NodeResourcesFitArgs: RequestedToCapacityRatio needs at least one shape point; using {0,10},{100,0}');
      shape.push({ utilization: 0, score: 10 }, { utilization: 100, score: 0 });
    }
    out.scoringStrategy.requestedToCapacityRatio = { shape };
  }
  return out;
}

export function balancedAllocationArgs(raw: unknown, warn: (m: string) => void): NodeResourcesBalancedAllocationArgs {
  const a = isObj(raw) ? raw : {};
  const res = resources(a.resources, 'NodeResourcesBalancedAllocationArgs', warn);
  // ValidateNodeResourcesBalancedAllocationArgs: each resource once, weight 1 (after defaulting 0 -> 1)
  const seen = new Set<string>();
  (res ?? []).forEach((r, i) => {
    if (seen.has(r.name)) warn(`NodeResourcesBalancedAllocationArgs: resources[${i}].name: Duplicate value: "${r.name}"`);
    seen.add(r.name);
    if (r.weight !== 1) warn(`NodeResourcesBalancedAllocationArgs: resources[${i}].weight: Invalid value: ${r.weight}: must be 1`);
  });
  return { resources: res && res.length > 0 ? res : DEFAULT_RESOURCES.map((r) => ({ ...r })) };
}

export function nodeAffinityArgs(raw: unknown): NodeAffinityArgs {
  const a = isObj(raw) ? raw : {};
  return { addedAffinity: isObj(a.addedAffinity) ? (a.addedAffinity as NodeAffinityArgs['addedAffinity']) : null };
}

export function podTopologySpreadArgs(raw: unknown, warn: (m: string) => void): PodTopologySpreadArgs {
  const a = isObj(raw) ? raw : {};
  let defaultingType: 'System' | 'List' = 'System';
  if (a.defaultingType !== undefined) {
    if (a.defaultingType === 'System' || a.defaultingType === 'List') defaultingType = a.defaultingType;
    else warn(`PodTopologySpreadArgs: defaultingType "${String(a.defaultingType)}" must be System or List`);
  }
  const constraints = arr(a.defaultConstraints as TopologySpreadConstraint[]).filter(isObj) as TopologySpreadConstraint[];
  for (const c of constraints) {
    if (c.labelSelector) warn('PodTopologySpreadArgs: defaultConstraints must not set labelSelector');
  }
  if (defaultingType === 'System' && constraints.length > 0) {
    warn('PodTopologySpreadArgs: defaultConstraints must be empty when defaultingType is System');
  }
  // upstream default: System defaulting with no explicit constraints (the system ones apply)
  return { defaultConstraints: constraints, defaultingType };
}

export function interPodAffinityArgs(raw: unknown, warn: (m: string) => void): InterPodAffinityArgs {
  const a = isObj(raw) ? raw : {};
  let w = 1;
  if (a.hardPodAffinityWeight !== undefined) {
    if (typeof a.hardPodAffinityWeight === 'number' && a.hardPodAffinityWeight >= 0 && a.hardPodAffinityWeight <= 100) w = a.hardPodAffinityWeight;
    else warn('InterPodAffinityArgs: hardPodAffinityWeight must be in the range [0, 100]');
  }
  return { hardPodAffinityWeight: w, ignorePreferredTermsOfExistingPods: a.ignorePreferredTermsOfExistingPods === true };
}

export function defaultPreemptionArgs(raw: unknown, warn: (m: string) => void): DefaultPreemptionArgs {
  const a = isObj(raw) ? raw : {};
  const pct = typeof a.minCandidateNodesPercentage === 'number' ? a.minCandidateNodesPercentage : 10;
  const abs = typeof a.minCandidateNodesAbsolute === 'number' ? a.minCandidateNodesAbsolute : 100;
  if (pct < 0 || pct > 100) warn('DefaultPreemptionArgs: minCandidateNodesPercentage must be in [0, 100]');
  if (abs < 0) warn('DefaultPreemptionArgs: minCandidateNodesAbsolute must be >= 0');
  if (pct === 0 && abs === 0) warn('DefaultPreemptionArgs: minCandidateNodesPercentage and minCandidateNodesAbsolute cannot both be zero');
  return { minCandidateNodesPercentage: pct, minCandidateNodesAbsolute: abs };
}

export function volumeBindingArgs(raw: unknown): VolumeBindingArgs {
  const a = isObj(raw) ? raw : {};
  return { bindTimeoutSeconds: typeof a.bindTimeoutSeconds === 'number' ? a.bindTimeoutSeconds : 600 };
}
