// StatefulSet controller: pods with stable identities <sts>-<ordinal> (ordinals from spec.ordinals.start),
// hostname = pod name and subdomain = spec.serviceName, the pod-name / pod-index / controller-revision-hash
// labels, and one PVC <claim>-<sts>-<ordinal> per volumeClaimTemplate created before the pod.
// With podManagementPolicy OrderedReady (the default) pod N+1 is only created once pod N is Running and
// Ready, so each intent waits for its predecessor; Parallel creates them all at once.
import type { K8sObject, PersistentVolumeClaim, PodTemplateSpec, Volume } from '../k8s';
import { arr, namespaceOf, nameOf } from '../k8s';
import type { LabelSelector } from '../../core/labels';
import type { SourceRef } from '../snapshot';
import {
  type ControllerContext, type ControllerOutput, SIMULATED_NOW_ISO, clone, computeHash, desiredReplicas, emptyWorkload, ensureUid, ownerReference, podFromTemplate,
} from './common';
import { selectorProblem } from './replicaset';

export interface StatefulSet extends K8sObject {
  spec?: {
    replicas?: number;
    selector?: LabelSelector | null;
    template?: PodTemplateSpec;
    serviceName?: string;
    podManagementPolicy?: 'OrderedReady' | 'Parallel' | string;
    ordinals?: { start?: number } | null;
    volumeClaimTemplates?: PersistentVolumeClaim[] | null;
    [key: string]: unknown;
  };
  status?: { collisionCount?: number; [key: string]: unknown };
}

export const STS_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const CONTROLLER_REVISION_HASH = 'controller-revision-hash';

/** The PVC the controller makes from a claim template for one ordinal (getPersistentVolumeClaims). */
function claimFor(sts: StatefulSet, template: PersistentVolumeClaim, podName: string, ctx: ControllerContext): PersistentVolumeClaim {
  const claimName = `${template.metadata?.name ?? ''}-${podName}`;
  const spec = clone(template.spec ?? {});
  // The beta annotation still selects the class when spec.storageClassName is unset (cassandra example).
  const betaClass = template.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if ((spec.storageClassName === undefined || spec.storageClassName === null) && typeof betaClass === 'string') spec.storageClassName = betaClass;
  const labels = { ...(template.metadata?.labels ?? {}), ...((sts.spec?.selector?.matchLabels as Record<string, string> | undefined) ?? {}) };
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: claimName,
      namespace: namespaceOf(sts),
      uid: ctx.uid(),
      creationTimestamp: SIMULATED_NOW_ISO,
      labels,
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
    },
    spec,
    status: { phase: 'Pending' },
  };
}

export function runStatefulSet(sts: StatefulSet, source: SourceRef, ctx: ControllerContext): ControllerOutput & { claims: { podName: string; claim: PersistentVolumeClaim }[] } {
  const ns = namespaceOf(sts);
  const name = nameOf(sts);
  const workload = emptyWorkload('StatefulSet', sts, ns, source);
  const replicas = desiredReplicas(sts.spec, ctx);
  workload.desired = replicas;
  const out = { intents: [], replicaSets: [], workload, events: [], warnings: [], claims: [] } as ControllerOutput & { claims: { podName: string; claim: PersistentVolumeClaim }[] };
  const problem = selectorProblem('StatefulSet', sts.spec?.selector, sts.spec?.template);
  if (problem) { out.warnings.push(`StatefulSet ${ns}/${name}: ${problem}`); return out; }
  ensureUid(sts, ctx);
  out.controllers = [sts];
  const ref = ownerReference('StatefulSet', 'apps/v1', sts);
  const revision = `${name}-${computeHash(sts.spec?.template ?? {}, sts.status?.collisionCount)}`;
  const startRaw = sts.spec?.ordinals?.start;
  const start = typeof startRaw === 'number' && Number.isInteger(startRaw) && startRaw >= 0 ? startRaw : 0;
  const ordered = (sts.spec?.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
  const claimTemplates = arr(sts.spec?.volumeClaimTemplates);
  let previous: string | undefined;
  const count = ctx.budget.take(replicas, `StatefulSet ${ns}/${name}`);
  for (let i = 0; i < count; i++) {
    const ordinal = start + i;
    const podName = `${name}-${ordinal}`;
    const pod = podFromTemplate(sts.spec?.template, ns, podName, ref, ctx.uid());
    pod.metadata!.labels = {
      ...(pod.metadata?.labels ?? {}),
      [STS_POD_NAME_LABEL]: podName,
      [POD_INDEX_LABEL]: String(ordinal),
      [CONTROLLER_REVISION_HASH]: revision,
    };
    const spec = pod.spec!;
    spec.hostname = podName;
    if (typeof sts.spec?.serviceName === 'string' && sts.spec.serviceName !== '') spec.subdomain = sts.spec.serviceName;
    const companions: { object: K8sObject; message: string }[] = [];
    if (claimTemplates.length > 0) {
      // updateStorage: a volume named like a claim template is replaced by the PVC of this ordinal.
      const volumes: Volume[] = arr(spec.volumes).filter((v) => !claimTemplates.some((t) => t.metadata?.name === v?.name));
      for (const t of claimTemplates) {
        const claim = claimFor(sts, t, podName, ctx);
        volumes.push({ name: t.metadata?.name ?? '', persistentVolumeClaim: { claimName: claim.metadata?.name ?? '' } });
        companions.push({ object: claim, message: `create Claim ${claim.metadata?.name} Pod ${podName} in StatefulSet ${name} success` });
        out.claims.push({ podName, claim });
      }
      spec.volumes = volumes;
    }
    out.intents.push({
      pod,
      owner: { kind: 'StatefulSet', name },
      workload: { kind: 'StatefulSet', name },
      source,
      reporter: 'statefulset-controller',
      createMessage: `create Pod ${podName} in StatefulSet ${name} successful`,
      ...(ordered && previous ? { waitFor: `${ns}/${previous}` } : {}),
      companions,
    });
    previous = podName;
  }
  return out;
}
