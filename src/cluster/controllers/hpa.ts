// HorizontalPodAutoscaler: without metrics the only thing it does that a preview can know is to keep the
// target's replicas within [minReplicas, maxReplicas] (minReplicas defaults to 1). As upstream, a target
// whose spec.replicas is 0 has autoscaling disabled and is left alone.
import type { K8sObject } from '../k8s';
import { namespaceOf, nameOf } from '../k8s';

export interface HorizontalPodAutoscaler extends K8sObject {
  spec?: {
    scaleTargetRef?: { apiVersion?: string; kind?: string; name?: string };
    minReplicas?: number;
    maxReplicas?: number;
    [key: string]: unknown;
  };
}

export interface HpaDecision {
  hpa: string;
  namespace: string;
  target: { kind: string; name: string };
  minReplicas: number;
  maxReplicas: number;
  specReplicas: number | null;
  /** replicas after clamping; null when the HPA leaves the target alone */
  replicas: number | null;
}

export function hpaDecision(hpa: HorizontalPodAutoscaler, targetSpecReplicas: number | null): HpaDecision {
  const min = typeof hpa.spec?.minReplicas === 'number' && hpa.spec.minReplicas >= 1 ? Math.floor(hpa.spec.minReplicas) : 1;
  const maxRaw = hpa.spec?.maxReplicas;
  const max = typeof maxRaw === 'number' && maxRaw >= min ? Math.floor(maxRaw) : min;
  const current = targetSpecReplicas ?? 1; // spec.replicas unset = 1 (API default)
  const replicas = targetSpecReplicas === 0 ? null : Math.min(max, Math.max(min, current));
  return {
    hpa: nameOf(hpa), namespace: namespaceOf(hpa),
    target: { kind: hpa.spec?.scaleTargetRef?.kind ?? '', name: hpa.spec?.scaleTargetRef?.name ?? '' },
    minReplicas: min, maxReplicas: max, specReplicas: targetSpecReplicas, replicas,
  };
}
