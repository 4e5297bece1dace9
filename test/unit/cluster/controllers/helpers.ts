// Shared bits for controller tests: a real seeded context (no mocks: the generators are the real ones).
import { Rng } from '../../../../src/cluster/rng';
import { type ControllerContext, MAX_SIMULATED_PODS, PodBudget, PodNames } from '../../../../src/cluster/controllers/common';

export function ctx(seed = 1, replicasOverride?: number): ControllerContext {
  const names = new PodNames(new Rng(seed));
  const uids = new Rng(seed + 1000);
  let n = 0;
  return { names, budget: new PodBudget(MAX_SIMULATED_PODS, () => {}), uid: () => `uid-${uids.nextUint32().toString(16)}-${n++}`, ...(replicasOverride !== undefined ? { replicasOverride } : {}) };
}

export const SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]{5}';
