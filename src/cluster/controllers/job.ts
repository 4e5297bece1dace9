// Job controller: runs min(parallelism, completions) pods at once (parallelism when completions is unset,
// none when suspended). The API server gives the Job a generated selector and adds the controller-uid /
// job-name labels (new batch.kubernetes.io/ keys and the legacy ones) to its template; Indexed Jobs name
// pods <job>-<index>-<5 chars>, with the completion-index label/annotation and hostname <job>-<index>.
import type { K8sObject, PodTemplateSpec } from '../k8s';
import { namespaceOf, nameOf } from '../k8s';
import type { OwnerRef, SourceRef } from '../snapshot';
import {
  type ControllerContext, type ControllerOutput, emptyWorkload, ensureUid, ownerReference, podFromTemplate, podsPrefix,
} from './common';

export interface Job extends K8sObject {
  spec?: {
    parallelism?: number;
    completions?: number | null;
    completionMode?: 'NonIndexed' | 'Indexed' | string;
    suspend?: boolean;
    template?: PodTemplateSpec;
    [key: string]: unknown;
  };
}

export const JOB_COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

function nonNegInt(x: unknown, dflt: number): number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 ? x : dflt;
}

/** Pods the Job keeps running at once. */
export function activePods(job: Job): number {
  if (job.spec?.suspend === true) return 0;
  const parallelism = nonNegInt(job.spec?.parallelism, 1);
  const completions = job.spec?.completions;
  return typeof completions === 'number' && Number.isInteger(completions) && completions >= 0 ? Math.min(parallelism, completions) : parallelism;
}

/** Run a Job; `workload` overrides the top of the owner chain (a CronJob's Job). */
export function runJob(job: Job, source: SourceRef, ctx: ControllerContext, workloadRef?: OwnerRef): ControllerOutput {
  const ns = namespaceOf(job);
  const name = nameOf(job);
  const workload = emptyWorkload('Job', job, ns, source);
  const out: ControllerOutput = { intents: [], replicaSets: [], workload, events: [], warnings: [] };
  if (!job.spec?.template) { out.warnings.push(`Job ${ns}/${name}: Job has no pod template`); return out; }
  const uid = ensureUid(job, ctx);
  const ref = ownerReference('Job', 'batch/v1', job);
  const n = ctx.replicasOverride !== undefined ? Math.max(0, Math.floor(ctx.replicasOverride)) : activePods(job);
  workload.desired = n;
  const indexed = job.spec.completionMode === 'Indexed';
  const count = ctx.budget.take(n, `Job ${ns}/${name}`);
  for (let i = 0; i < count; i++) {
    const podName = ctx.names.generate(ns, indexed ? `${name}-${i}-` : podsPrefix(name));
    const pod = podFromTemplate(job.spec.template, ns, podName, ref, ctx.uid());
    const labels: Record<string, string> = {
      ...(pod.metadata?.labels ?? {}),
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': name,
      'controller-uid': uid,
      'job-name': name,
    };
    if (indexed) {
      labels[JOB_COMPLETION_INDEX] = String(i);
      pod.metadata!.annotations = { ...(pod.metadata?.annotations ?? {}), [JOB_COMPLETION_INDEX]: String(i) };
      if (!pod.spec!.hostname) pod.spec!.hostname = `${name}-${i}`;
    }
    pod.metadata!.labels = labels;
    out.intents.push({
      pod, owner: { kind: 'Job', name }, workload: workloadRef ?? { kind: 'Job', name }, source,
      reporter: 'job-controller', createMessage: `Created pod: ${podName}`,
    });
  }
  return out;
}
