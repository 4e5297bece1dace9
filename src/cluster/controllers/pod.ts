// Bare Pods from the input: stored as written (generateName gets its 5-character suffix). A pod with
// spec.nodeName is already bound and never seen by the scheduler.
import type { Pod } from '../k8s';
import { arr, namespaceOf } from '../k8s';
import type { SourceRef } from '../snapshot';
import { type ControllerContext, type PodIntent, SIMULATED_NOW_ISO, clone } from './common';

export function barePodIntent(input: Pod, source: SourceRef, ctx: ControllerContext): PodIntent | { problem: string } {
  const pod = clone(input);
  const meta = (pod.metadata ??= {});
  if (typeof meta.name !== 'string' || meta.name === '') {
    if (typeof meta.generateName === 'string' && meta.generateName !== '') meta.name = ctx.names.generate(namespaceOf(pod), meta.generateName);
    else return { problem: 'Pod has neither metadata.name nor metadata.generateName' };
  }
  meta.namespace = namespaceOf(pod);
  if (typeof meta.uid !== 'string' || meta.uid === '') meta.uid = ctx.uid();
  meta.creationTimestamp ??= SIMULATED_NOW_ISO;
  pod.spec = pod.spec && typeof pod.spec === 'object' ? pod.spec : {};
  // A finished pod bound to a node (a dump of a live cluster used as the cluster file) keeps its phase:
  // it holds no resources and is never scheduled. Everything else starts Pending.
  const phase = input.status?.phase;
  const bound = typeof pod.spec.nodeName === 'string' && pod.spec.nodeName !== '';
  pod.status = { phase: bound && (phase === 'Succeeded' || phase === 'Failed') ? phase : 'Pending' };
  // What the kubelet reported of a running pod stays: its container statuses say what it allocated after
  // an in-place resize, which the scheduler counts (resources.ts podRequests), with the condition saying
  // a resize is infeasible; a Ready condition that is not True keeps it out of ready endpoints; a
  // DisruptionTarget condition says a terminating pod is a preemption's victim (preemption.ts).
  if (bound && input.status && typeof input.status === 'object') {
    for (const k of ['containerStatuses', 'initContainerStatuses'] as const) {
      if (Array.isArray(input.status[k])) pod.status[k] = clone(input.status[k]);
    }
    if (typeof input.status.startTime === 'string') pod.status.startTime = input.status.startTime;
    const kept = arr(input.status.conditions).filter((c) => c?.type === 'PodResizePending' || c?.type === 'Ready' || c?.type === 'DisruptionTarget');
    if (kept.length > 0) pod.status.conditions = clone(kept);
  }
  return { pod, owner: null, workload: { kind: 'Pod', name: meta.name }, source, reporter: 'apiserver', createMessage: null };
}
