// Shared scoring arithmetic of NodeResourcesFit and NodeResourcesBalancedAllocation (upstream
// noderesources/resource_allocation.go, least_allocated.go, most_allocated.go,
// requested_to_capacity_ratio.go, balanced_allocation.go). Integer arithmetic truncates like int64.
import type { NodeInfo, NodeTable } from '../cluster-state';
import type { ResourceSpec, UtilizationShapePoint } from '../args';
import {
  MAX_NODE_SCORE as MAX_NODE_SCORE_,
} from '../framework';
import {
  CPU as CPU_, EPHEMERAL_STORAGE as EPHEMERAL_STORAGE_, isScalarResourceName as isScalarResourceName_, MEMORY as MEMORY_,
} from '../resources';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const MAX_NODE_SCORE = MAX_NODE_SCORE_;
const CPU = CPU_;
const EPHEMERAL_STORAGE = EPHEMERAL_STORAGE_;
const isScalarResourceName = isScalarResourceName_;
const MEMORY = MEMORY_;

/**
 * (allocatable, requested-after-placing-the-pod) of one resource on a node; [0, 0] means "skip this
 * resource" (a scalar resource the pod does not request, or one the node does not have).
 * `useRequested` false = the 100m/200Mi non-zero node counters for cpu/memory (Fit scoring).
 */
export function allocatableAndRequested(node: NodeInfo, resource: string, podRequest: number, useRequested: boolean): [number, number] {
  if (podRequest === 0 && isScalarResourceName(resource)) return [0, 0];
  switch (resource) {
    case CPU:
      return [node.allocatable[CPU] ?? 0, (useRequested ? node.requested[CPU] ?? 0 : node.nonZeroCpu) + podRequest];
    case MEMORY:
      return [node.allocatable[MEMORY] ?? 0, (useRequested ? node.requested[MEMORY] ?? 0 : node.nonZeroMemory) + podRequest];
    case EPHEMERAL_STORAGE:
      return [node.allocatable[EPHEMERAL_STORAGE] ?? 0, (node.requested[EPHEMERAL_STORAGE] ?? 0) + podRequest];
    default:
      if (node.allocatable[resource] !== undefined) return [node.allocatable[resource], (node.requested[resource] ?? 0) + podRequest];
      return [0, 0];
  }
}

const scratchArrays: number[][][] = [];
function scratch(len: number, which: 0 | 1): number[] {
  let pair = scratchArrays[len];
  if (!pair) pair = scratchArrays[len] = [new Array<number>(len).fill(0), new Array<number>(len).fill(0)];
  return pair[which];
}

export type Scorer = (requested: number[], allocatable: number[]) => number;

/** LeastAllocated: Σ w·((A−R)·100/A) / Σ w, per-resource 0 when R > A. */
export function leastAllocatedScorer(resources: readonly ResourceSpec[]): Scorer {
  return (requested, allocatable) => {
    let score = 0;
    let wsum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      const w = resources[i].weight;
      const r = requested[i] > allocatable[i] ? 0 : Math.trunc(((allocatable[i] - requested[i]) * MAX_NODE_SCORE) / allocatable[i]);
      score += r * w;
      wsum += w;
    }
    return wsum === 0 ? 0 : Math.trunc(score / wsum);
  };
}

/** MostAllocated: Σ w·(min(R,A)·100/A) / Σ w. */
export function mostAllocatedScorer(resources: readonly ResourceSpec[]): Scorer {
  return (requested, allocatable) => {
    let score = 0;
    let wsum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      const w = resources[i].weight;
      const req = Math.min(requested[i], allocatable[i]);
      score += Math.trunc((req * MAX_NODE_SCORE) / allocatable[i]) * w;
      wsum += w;
    }
    return wsum === 0 ? 0 : Math.trunc(score / wsum);
  };
}

/** helper.BuildBrokenLinearFunction over (utilization, score) points. */
export function brokenLinear(shape: readonly { utilization: number; score: number }[]): (p: number) => number {
  return (p) => {
    for (let i = 0; i < shape.length; i++) {
      if (p <= shape[i].utilization) {
        if (i === 0) return shape[0].score;
        return shape[i - 1].score + Math.trunc(((shape[i].score - shape[i - 1].score) * (p - shape[i - 1].utilization)) / (shape[i].utilization - shape[i - 1].utilization));
      }
    }
    return shape[shape.length - 1].score;
  };
}

/**
 * RequestedToCapacityRatio: shape scores (0..10) scaled ×10; per resource f(R·100/A) (f(100) when
 * R > A); resources scoring 0 are left out of the weighted mean; math.Round of the mean.
 */
export function requestedToCapacityRatioScorer(resources: readonly ResourceSpec[], shape: readonly UtilizationShapePoint[]): Scorer {
  const fn = brokenLinear(shape.map((p) => ({ utilization: p.utilization, score: p.score * (MAX_NODE_SCORE / 10) })));
  const resourceScore = (req: number, cap: number) => (cap === 0 || req > cap ? fn(100) : fn(Math.trunc((req * 100) / cap)));
  return (requested, allocatable) => {
    let score = 0;
    let wsum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      const w = resources[i].weight;
      const s = resourceScore(requested[i], allocatable[i]);
      if (s > 0) {
        score += s * w;
        wsum += w;
      }
    }
    return wsum === 0 ? 0 : goRound(score / wsum);
  };
}

/** Go math.Round: half away from zero. */
export function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** BalancedAllocation: 1 − std of the min(R/A, 1) fractions (|f1−f2|/2 for two), ×100 truncated. */
let fractionsScratch = new Float64Array(8);

export function balancedScorer(requested: number[], allocatable: number[]): number {
  // fractions in a reused scratch array (doubles, like the plain numbers they replace): no allocation
  // per node scored
  if (fractionsScratch.length < requested.length) fractionsScratch = new Float64Array(requested.length);
  const fractions = fractionsScratch;
  let len = 0;
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    let f = requested[i] / allocatable[i];
    if (f > 1) f = 1;
    total += f;
    fractions[len++] = f;
  }
  let std = 0;
  if (len === 2) {
    std = Math.abs((fractions[0] - fractions[1]) / 2);
  } else if (len > 2) {
    const mean = total / len;
    let sum = 0;
    for (let i = 0; i < len; i++) sum += (fractions[i] - mean) * (fractions[i] - mean);
    std = Math.sqrt(sum / len);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** The resource list is exactly [cpu, memory] (the default), in that order. */
export function isCpuMemory(resources: readonly ResourceSpec[]): boolean {
  return resources.length === 2 && resources[0].name === CPU && resources[1].name === MEMORY;
}

/**
 * leastAllocatedScorer over the [cpu, memory] list, inline: the same operations in the same order as
 * scoreNode(node, resources, [cpu, memory], useRequested, leastAllocatedScorer(resources)).
 */
export function leastAllocatedCpuMemory(node: NodeInfo, cpu: number, memory: number, useRequested: boolean, wCpu: number, wMemory: number): number {
  let score = 0;
  let wsum = 0;
  const a0 = node.allocCpu;
  if (a0 !== 0) {
    const r0 = (useRequested ? node.reqCpu : node.nonZeroCpu) + cpu;
    score += (r0 > a0 ? 0 : Math.trunc(((a0 - r0) * MAX_NODE_SCORE) / a0)) * wCpu;
    wsum += wCpu;
  }
  const a1 = node.allocMemory;
  if (a1 !== 0) {
    const r1 = (useRequested ? node.reqMemory : node.nonZeroMemory) + memory;
    score += (r1 > a1 ? 0 : Math.trunc(((a1 - r1) * MAX_NODE_SCORE) / a1)) * wMemory;
    wsum += wMemory;
  }
  return wsum === 0 ? 0 : Math.trunc(score / wsum);
}

/**
 * balancedScorer over the [cpu, memory] list with actual requests, inline: the same operations as
 * scoreNode(node, resources, [cpu, memory], true, balancedScorer) (two fractions: |f1 − f2| / 2).
 */
export function balancedCpuMemory(node: NodeInfo, cpu: number, memory: number): number {
  const a0 = node.allocCpu;
  const a1 = node.allocMemory;
  if (a0 === 0 || a1 === 0) return Math.trunc((1 - 0) * MAX_NODE_SCORE); // at most one fraction: std 0
  let f0 = (node.reqCpu + cpu) / a0;
  if (f0 > 1) f0 = 1;
  let f1 = (node.reqMemory + memory) / a1;
  if (f1 > 1) f1 = 1;
  const std = Math.abs((f0 - f1) / 2);
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** leastAllocatedCpuMemory read from the node columns (row i): the same operations. */
export function leastAllocatedCpuMemoryAt(t: NodeTable, i: number, cpu: number, memory: number, wCpu: number, wMemory: number): number {
  let score = 0;
  let wsum = 0;
  const a0 = t.allocCpu[i];
  if (a0 !== 0) {
    const r0 = t.nonZeroCpu[i] + cpu;
    score += (r0 > a0 ? 0 : Math.trunc(((a0 - r0) * MAX_NODE_SCORE) / a0)) * wCpu;
    wsum += wCpu;
  }
  const a1 = t.allocMemory[i];
  if (a1 !== 0) {
    const r1 = t.nonZeroMemory[i] + memory;
    score += (r1 > a1 ? 0 : Math.trunc(((a1 - r1) * MAX_NODE_SCORE) / a1)) * wMemory;
    wsum += wMemory;
  }
  return wsum === 0 ? 0 : Math.trunc(score / wsum);
}

/** balancedCpuMemory read from the node columns (row i): the same operations. */
export function balancedCpuMemoryAt(t: NodeTable, i: number, cpu: number, memory: number): number {
  const a0 = t.allocCpu[i];
  const a1 = t.allocMemory[i];
  if (a0 === 0 || a1 === 0) return Math.trunc((1 - 0) * MAX_NODE_SCORE);
  let f0 = (t.reqCpu[i] + cpu) / a0;
  if (f0 > 1) f0 = 1;
  let f1 = (t.reqMemory[i] + memory) / a1;
  if (f1 > 1) f1 = 1;
  const std = Math.abs((f0 - f1) / 2);
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** Score one node: gather (requested, allocatable) per configured resource, then apply `scorer`. */
export function scoreNode(node: NodeInfo, resources: readonly ResourceSpec[], podRequests: readonly number[], useRequested: boolean, scorer: Scorer): number {
  if (resources.length === 2 && resources[0].name === CPU && resources[1].name === MEMORY) {
    // the default resource list: no switch, no scratch lookups
    const requested = scratch(2, 0);
    const allocatable = scratch(2, 1);
    allocatable[0] = node.allocCpu;
    allocatable[1] = node.allocMemory;
    requested[0] = allocatable[0] === 0 ? 0 : (useRequested ? node.reqCpu : node.nonZeroCpu) + podRequests[0];
    requested[1] = allocatable[1] === 0 ? 0 : (useRequested ? node.reqMemory : node.nonZeroMemory) + podRequests[1];
    return scorer(requested, allocatable);
  }
  // scratch arrays reused across calls (single-threaded, scorer does not keep them)
  const requested = scratch(resources.length, 0);
  const allocatable = scratch(resources.length, 1);
  for (let i = 0; i < resources.length; i++) {
    requested[i] = 0;
    allocatable[i] = 0;
    const [a, r] = allocatableAndRequested(node, resources[i].name, podRequests[i], useRequested);
    if (a === 0) continue;
    allocatable[i] = a;
    requested[i] = r;
  }
  return scorer(requested, allocatable);
}
