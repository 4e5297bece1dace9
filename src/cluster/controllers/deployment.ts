// Deployment controller: one ReplicaSet per pod template, named <deployment>-<pod-template-hash>, with the
// hash added to the ReplicaSet's labels, selector and template (so its pods carry it too), and the
// revision / desired-replicas / max-replicas annotations; the ReplicaSet controller then makes the pods.
import type { K8sObject, PodTemplateSpec } from '../k8s';
import { namespaceOf, nameOf } from '../k8s';
import type { LabelSelector } from '../../core/labels';
import type { SourceRef } from '../snapshot';
import {
  type ControllerContext, type ControllerOutput, clone, computeHash, desiredReplicas, emptyWorkload, ensureUid, ownerReference,
} from './common';
import { replicaSetPods, selectorProblem, type ReplicaSetLike } from './replicaset';

export const POD_TEMPLATE_HASH = 'pod-template-hash';

export interface Deployment extends K8sObject {
  spec?: {
    replicas?: number;
    selector?: LabelSelector | null;
    template?: PodTemplateSpec;
    strategy?: { type?: 'RollingUpdate' | 'Recreate' | string; rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } | null };
    paused?: boolean;
    [key: string]: unknown;
  };
  status?: { collisionCount?: number; [key: string]: unknown };
}

/**
 * intstr.GetScaledValueFromIntOrPercent: an int as-is, "N%" scaled by `total` rounded up or down.
 * Bad values read as 0 (the API server would reject them; lint reports that).
 */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean, dflt: string): number {
  const x = v === undefined || v === null ? dflt : v;
  if (typeof x === 'number') return Number.isInteger(x) && x >= 0 ? x : 0;
  const m = /^([0-9]+)%$/.exec(x);
  if (m) {
    const product = Number(m[1]) * total;
    return roundUp ? Math.ceil(product / 100) : Math.floor(product / 100);
  }
  return /^[0-9]+$/.test(x) ? Number(x) : 0;
}

/**
 * deploymentutil.ResolveFenceposts: maxSurge rounds up, maxUnavailable down; when both are 0, one pod
 * may be unavailable so a rollout can progress. (maxUnavailable is not capped above by replicas here;
 * upstream caps it via MaxUnavailable() at the point of use.)
 */
export function resolveFenceposts(d: Deployment, desired: number): { maxSurge: number; maxUnavailable: number } {
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const maxSurge = scaledValue(ru.maxSurge, desired, true, '25%');
  let maxUnavailable = scaledValue(ru.maxUnavailable, desired, false, '25%');
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

export function isRecreate(d: Deployment): boolean {
  return d.spec?.strategy?.type === 'Recreate';
}

/** The ReplicaSet name and hash the Deployment controller uses for the current template. */
export function replicaSetNameFor(d: Deployment): { name: string; hash: string } {
  const hash = computeHash(d.spec?.template ?? {}, d.status?.collisionCount);
  return { name: `${nameOf(d)}-${hash}`, hash };
}

/** Annotations the controller never copies from the Deployment to its ReplicaSet (deploymentutil annotationsToSkip). */
const ANNOTATIONS_NOT_COPIED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/** copyDeploymentAnnotationsToReplicaSet: the Deployment's own annotations, but those. */
function copiedAnnotations(d: Deployment): Record<string, string> {
  const out: Record<string, string> = {};
  const a = d.metadata?.annotations;
  if (!a || typeof a !== 'object') return out;
  for (const [k, v] of Object.entries(a)) if (!ANNOTATIONS_NOT_COPIED.has(k) && typeof v === 'string') out[k] = v;
  return out;
}

/** The ReplicaSet object the controller would create (getNewReplicaSet). */
export function newReplicaSet(d: Deployment, replicas: number, ctx: ControllerContext): ReplicaSetLike {
  const { name, hash } = replicaSetNameFor(d);
  const template = clone(d.spec?.template ?? {});
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash } };
  const selector = clone(d.spec?.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
  const maxSurge = isRecreate(d) ? 0 : resolveFenceposts(d, replicas).maxSurge;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: namespaceOf(d),
      uid: ctx.uid(),
      // The RS gets the template's labels (not the Deployment's) plus the hash.
      labels: { ...(template.metadata.labels ?? {}) },
      annotations: {
        ...copiedAnnotations(d),
        'deployment.kubernetes.io/desired-replicas': String(replicas),
        'deployment.kubernetes.io/max-replicas': String(replicas + maxSurge),
        'deployment.kubernetes.io/revision': '1',
      },
      ownerReferences: [ownerReference('Deployment', 'apps/v1', d)],
    },
    spec: { replicas, selector, template },
  };
}

export function runDeployment(d: Deployment, source: SourceRef, ctx: ControllerContext): ControllerOutput {
  const ns = namespaceOf(d);
  const name = nameOf(d);
  const workload = emptyWorkload('Deployment', d, ns, source);
  const replicas = desiredReplicas(d.spec, ctx);
  workload.desired = replicas;
  const out: ControllerOutput = { intents: [], replicaSets: [], workload, events: [], warnings: [] };
  const problem = selectorProblem('Deployment', d.spec?.selector, d.spec?.template);
  if (problem) { out.warnings.push(`Deployment ${ns}/${name}: ${problem}`); return out; }
  if (d.spec?.paused === true) {
    // syncDeployment hands a paused Deployment to sync() with createIfNotExisted=false: no ReplicaSet is
    // made for its template (and none rolls out) until it is resumed.
    workload.message = 'Deployment is paused (spec.paused): the controller creates no ReplicaSet for its template until it is resumed';
    return out;
  }
  ensureUid(d, ctx);
  const rs = newReplicaSet(d, replicas, ctx);
  const rsName = rs.metadata?.name ?? '';
  workload.replicaSets = [rsName];
  out.controllers = [rs];
  out.replicaSets.push({
    namespace: ns, name: rsName, owner: { kind: 'Deployment', name }, replicas,
    podTemplateHash: rs.spec?.template?.metadata?.labels?.[POD_TEMPLATE_HASH] ?? '',
    labels: { ...(rs.metadata?.labels ?? {}) }, annotations: { ...(rs.metadata?.annotations ?? {}) },
  });
  // deployment-controller records ScalingReplicaSet (the upstream reason) when it creates the new RS with
  // replicas > 0 (getNewReplicaSet).
  if (replicas > 0) out.events.push({ reason: 'ScalingReplicaSet', source: 'deployment-controller', object: { kind: 'Deployment', namespace: ns, name }, message: `Scaled up replica set ${rsName} from 0 to ${replicas}` });
  out.intents = replicaSetPods(rs, 'ReplicaSet', replicas, { kind: 'Deployment', name }, source, ctx);
  return out;
}
