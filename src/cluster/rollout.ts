// Rolling-update preview: when a Deployment's pod template differs from its previous version, the sequence
// of ReplicaSet sizes the Deployment controller goes through (rolloutRolling / rolloutRecreate, reference
// §9). One action per sync, as upstream: rolloutRolling returns right after scaling the new ReplicaSet up,
// and the next sync (triggered at once by that ReplicaSet's update) scales old ones down as far as
// maxUnavailable allows, counting the just-created new pods as not yet available (newRSUnavailablePodCount).
// New pods become available only when the controller can do nothing more until they are ready (a "wait"
// step): the controller syncs far faster than pods start. This gives the sequence `kubectl describe
// deployment` shows, e.g. 10 replicas at 25%/25%: new to 3, old to 8, new to 5, wait, old to 3, new to 10,
// wait, old to 0.
// How many new pods can run is taken from the simulation of the new version (its end state), an
// approximation: mid-rollout, old pods still hold resources, so a real rollout can only do worse.
// When spec.replicas changed too, the first sync is a scaling event (isScalingEvent -> sync -> scale):
// the old ReplicaSet, the only active one, goes to the new count before any new pod exists; old pods it
// adds start unavailable, and reconcileOldReplicaSets cleans unavailable old pods up first
// (cleanupUnhealthyReplicas) before scaling available ones down.
import type { K8sObject } from './k8s';
import type { SnapshotRollout, RolloutStep } from './snapshot';
import { namespaceOf, nameOf } from './k8s';
import { type Deployment, isRecreate, replicaSetNameFor, resolveFenceposts } from './controllers/deployment';
import { stableStringify } from './controllers/common';
import { storedTemplate } from './controllers/template-defaults';

function replicasOf(d: Deployment): number {
  const r = d.spec?.replicas;
  return typeof r === 'number' && Number.isInteger(r) && r >= 0 ? r : 1;
}

/** deploymentutil.MaxUnavailable: 0 for Recreate or 0 replicas, else the fencepost capped at replicas. */
function maxUnavailableOf(d: Deployment, desired: number): number {
  if (isRecreate(d) || desired === 0) return 0;
  return Math.min(resolveFenceposts(d, desired).maxUnavailable, desired);
}

export interface RolloutInput {
  previous: Deployment;
  current: Deployment;
  /** replicas of the current version (after HPA/what-if) */
  desired: number;
  /** how many of the new version's pods the simulation could schedule */
  schedulable: number;
  /** replicas the old ReplicaSet runs when not the previous spec.replicas (the previous version's HPA) */
  previousReplicas?: number;
}

export function planRollout(input: RolloutInput): SnapshotRollout {
  const { previous, current, desired } = input;
  const oldName = replicaSetNameFor(previous).name;
  const newName = replicaSetNameFor(current).name;
  const recreate = isRecreate(current);
  const { maxSurge } = recreate ? { maxSurge: 0 } : resolveFenceposts(current, desired);
  const maxUnavailable = maxUnavailableOf(current, desired);
  const schedulable = Math.max(0, Math.min(input.schedulable, desired));
  let oldReplicas = input.previousReplicas ?? replicasOf(previous);
  let newReplicas = 0;
  const steps: RolloutStep[] = [];
  // old pods were all running and ready before the rollout; new ones are ready once a wait step says so
  let oldReady = oldReplicas;
  let newReady = 0;
  const push = (action: string) => steps.push({ step: steps.length + 1, action, oldReplicas, newReplicas, available: oldReady + newReady });
  const base: Omit<SnapshotRollout, 'steps' | 'stuck'> = {
    namespace: namespaceOf(current), deployment: nameOf(current), strategy: recreate ? 'Recreate' : 'RollingUpdate',
    maxSurge, maxUnavailable, oldReplicaSet: oldName, newReplicaSet: newName,
  };

  // a scaling event comes first: the old ReplicaSet takes the Deployment's new replica count
  if (oldReplicas !== desired && oldReplicas > 0) {
    const up = desired > oldReplicas;
    oldReplicas = desired;
    oldReady = Math.min(oldReady, oldReplicas);
    push(`scale ${up ? 'up' : 'down'} old ReplicaSet ${oldName} to ${desired} (replicas changed: a scaling event comes before the rollout)`);
  }

  if (recreate) {
    // rolloutRecreate: scale every old RS to 0, wait for their pods to be gone, then scale up the new RS.
    if (oldReplicas > 0) { oldReplicas = 0; oldReady = 0; push(`scale down old ReplicaSet ${oldName} to 0`); }
    newReplicas = desired;
    push(`scale up new ReplicaSet ${newName} to ${desired}`);
    if (schedulable > 0) { newReady = schedulable; push(`wait: ${newReady} of ${desired} new pods of ${newName} available`); }
    const stuck = schedulable < desired ? `only ${schedulable} of ${desired} new pods can be scheduled; the rest stay Pending and the Deployment exceeds its progress deadline` : null;
    return { ...base, steps, stuck };
  }

  let stuck: string | null = null;
  // every step moves a count towards its end (at most about three steps per replica): the guard only
  // stops a bug from looping, and says so
  const maxSteps = 4 * (oldReplicas + desired) + 16;
  for (let guard = 0; ; guard++) {
    if (guard >= maxSteps) {
      stuck = `the preview stopped after ${maxSteps} steps with ${oldReplicas} old and ${newReplicas} new replicas`;
      break;
    }
    if (newReplicas === desired && oldReplicas === 0) break;
    // reconcileNewReplicaSet (NewRSNewReplicas)
    const total = oldReplicas + newReplicas;
    const maxTotal = desired + maxSurge;
    if (total < maxTotal && newReplicas < desired) {
      newReplicas += Math.min(maxTotal - total, desired - newReplicas);
      push(`scale up new ReplicaSet ${newName} to ${newReplicas}`);
      continue;
    }
    if (newReplicas > desired) {
      newReplicas = desired;
      push(`scale down new ReplicaSet ${newName} to ${desired}`);
      continue;
    }
    // reconcileOldReplicaSets: cleanupUnhealthyReplicas, then scaleDownOldReplicaSetsForRollingUpdate
    const minAvailable = desired - maxUnavailable;
    const newUnavailable = newReplicas - newReady;
    const maxScaledDown = oldReplicas + newReplicas - minAvailable - newUnavailable;
    if (maxScaledDown > 0) {
      const cleanup = Math.min(maxScaledDown, oldReplicas - oldReady);
      const available = oldReady + newReady;
      const down = available > minAvailable ? Math.min(oldReplicas - cleanup, available - minAvailable) : 0;
      if (cleanup + down > 0) {
        oldReplicas -= cleanup + down;
        // the ReplicaSet controller deletes unready pods first
        oldReady = Math.min(oldReady, oldReplicas);
        push(`scale down old ReplicaSet ${oldName} to ${oldReplicas}`);
        continue;
      }
    }
    // Nothing to do until more pods are ready: old ones the scaling event added, and the new ones that
    // can be scheduled, become available.
    const canRun = Math.min(newReplicas, schedulable);
    if (canRun > newReady || oldReplicas > oldReady) {
      const oldToo = oldReplicas > oldReady;
      newReady = Math.max(newReady, canRun);
      oldReady = oldReplicas;
      push(oldToo ? `wait: ${oldReplicas} old and ${newReady} of ${newReplicas} new pods available` : `wait: ${newReady} of ${newReplicas} new pods of ${newName} available`);
      continue;
    }
    stuck = `new pods of ${newName} cannot be scheduled (${newReplicas - newReady} of ${newReplicas} stay Pending) and maxUnavailable ${maxUnavailable} allows no more old pods to go: ` +
      `the rollout stops with ${oldReplicas} old and ${newReplicas} new replicas and exceeds its progress deadline`;
    break;
  }
  // the new pods of the last scale-up start too
  if (stuck === null && Math.min(newReplicas, schedulable) > newReady) {
    newReady = Math.min(newReplicas, schedulable);
    push(`wait: ${newReady} of ${newReplicas} new pods of ${newName} available`);
  }
  if (stuck === null && schedulable < desired) {
    stuck = `the rollout scales ${newName} to ${desired} but only ${schedulable} of its pods can be scheduled; the Deployment exceeds its progress deadline`;
  }
  return { ...base, steps, stuck };
}

/** Deployments of `previous` whose template changed in `current`, keyed ns/name. */
export function changedDeployments(previous: K8sObject[], current: K8sObject[]): { previous: Deployment; current: Deployment }[] {
  const prev = new Map<string, Deployment>();
  for (const o of previous) if (o?.kind === 'Deployment') prev.set(`${namespaceOf(o)}/${nameOf(o)}`, o as Deployment);
  const out: { previous: Deployment; current: Deployment }[] = [];
  for (const o of current) {
    if (o?.kind !== 'Deployment') continue;
    const p = prev.get(`${namespaceOf(o)}/${nameOf(o)}`);
    const c = o as Deployment;
    // a paused Deployment does not roll out (syncDeployment -> sync, no new ReplicaSet)
    if (c.spec?.paused === true) continue;
    // as stored: spelling out a default or writing a quantity another way is no new template
    if (p && stableStringify(storedTemplate(p.spec?.template)) !== stableStringify(storedTemplate(c.spec?.template))) out.push({ previous: p, current: c });
  }
  return out;
}
