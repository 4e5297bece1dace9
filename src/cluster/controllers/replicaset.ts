// ReplicaSet controller: keeps spec.replicas pods matching the selector; each pod is created from the
// template with generateName "<rs>-" (controller.getPodsPrefix), so the API server names it <rs>-<5 chars>.
import type { K8sObject, PodTemplateSpec } from '../k8s';
import { namespaceOf, nameOf } from '../k8s';
import { selectorMatches, type LabelSelector } from '../../core/labels';
import type { OwnerRef, SourceRef } from '../snapshot';
import {
  type ControllerContext, type ControllerOutput, type PodIntent,
  desiredReplicas, emptyWorkload, ensureUid, markReplicaIntents, ownerReference, podFromTemplate, podsPrefix,
} from './common';

export interface ReplicaSetLike extends K8sObject {
  spec?: { replicas?: number; selector?: LabelSelector | Record<string, string> | null; template?: PodTemplateSpec; [key: string]: unknown };
}

/**
 * Pods of a ReplicaSet (or ReplicationController, same logic with a map selector). `workload` is the
 * top of the owner chain (the Deployment for a Deployment's ReplicaSet).
 */
export function replicaSetPods(rs: ReplicaSetLike, kind: 'ReplicaSet' | 'ReplicationController', replicas: number, workload: OwnerRef, source: SourceRef, ctx: ControllerContext): PodIntent[] {
  const ns = namespaceOf(rs);
  const name = nameOf(rs);
  ensureUid(rs, ctx);
  const ref = ownerReference(kind, kind === 'ReplicaSet' ? 'apps/v1' : 'v1', rs);
  const reporter = kind === 'ReplicaSet' ? 'replicaset-controller' : 'replication-controller';
  const intents: PodIntent[] = [];
  // adopted orphans already count: only the rest is created
  const count = ctx.budget.take(Math.max(0, replicas - (ctx.adopted ?? 0)), `${workload.kind} ${ns}/${workload.name}`);
  for (let i = 0; i < count; i++) {
    const podName = ctx.names.generate(ns, podsPrefix(name));
    intents.push({
      pod: podFromTemplate(rs.spec?.template, ns, podName, ref, ctx.uid()),
      owner: { kind, name },
      workload,
      source,
      reporter,
      createMessage: `Created pod: ${podName}`,
    });
  }
  // every pod is podFromTemplate of the same template, name and uid apart
  markReplicaIntents(intents);
  return intents;
}

/** Why the API server would reject this ReplicaSet/RC, or null (selector must select the template's labels). */
export function selectorProblem(kind: string, selector: LabelSelector | null | undefined, template: PodTemplateSpec | undefined): string | null {
  if (!template) return `${kind} has no pod template`;
  const labels = template.metadata?.labels ?? {};
  if (!selector) return `${kind} has no selector`;
  if (!selectorMatches(selector, labels)) return `${kind} spec.selector does not match template labels (the API server rejects it: \`selector\` does not match template \`labels\`)`;
  return null;
}

export function runReplicaSet(rs: ReplicaSetLike, source: SourceRef, ctx: ControllerContext): ControllerOutput {
  const ns = namespaceOf(rs);
  const name = nameOf(rs);
  const workload = emptyWorkload('ReplicaSet', rs, ns, source);
  const replicas = desiredReplicas(rs.spec, ctx);
  workload.desired = replicas;
  const problem = selectorProblem('ReplicaSet', rs.spec?.selector as LabelSelector | undefined, rs.spec?.template);
  const out: ControllerOutput = { intents: [], replicaSets: [], workload, events: [], warnings: [] };
  if (problem) { out.warnings.push(`ReplicaSet ${ns}/${name}: ${problem}`); return out; }
  out.intents = replicaSetPods(rs, 'ReplicaSet', replicas, { kind: 'ReplicaSet', name }, source, ctx);
  out.controllers = [rs];
  out.replicaSets.push({
    namespace: ns, name, owner: null, replicas,
    podTemplateHash: rs.spec?.template?.metadata?.labels?.['pod-template-hash'] ?? '',
    labels: { ...(rs.metadata?.labels ?? {}) }, annotations: { ...(rs.metadata?.annotations ?? {}) },
  });
  return out;
}
