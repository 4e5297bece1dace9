// Every lint rule, in documentation order (cross-resource, simulation, best practice, security).
import type { Rule } from './rule';
import { serviceSelectsNothing } from './service-selects-nothing';
import { serviceTargetPort } from './service-target-port';
import { workloadSelectorMismatch } from './workload-selector-mismatch';
import { ingressBackendMissing } from './ingress-backend-missing';
import { hpaTargetMissing } from './hpa-target-missing';
import { hpaTargetSetsReplicas } from './hpa-target-sets-replicas';
import { pdbSelectsNothing } from './pdb-selects-nothing';
import { pdbNeverDisrupts } from './pdb-never-disrupts';
import { networkpolicySelectsNothing } from './networkpolicy-selects-nothing';
import { statefulsetServiceMissing } from './statefulset-service-missing';
import { configmapMissing } from './configmap-missing';
import { secretMissing } from './secret-missing';
import { pvcMissing } from './pvc-missing';
import { serviceaccountMissing } from './serviceaccount-missing';
import { priorityclassMissing } from './priorityclass-missing';
import { storageclassMissing } from './storageclass-missing';
import { duplicateObject } from './duplicate-object';
import { labelSyntax } from './label-syntax';
import { unschedulableReplicas } from './unschedulable-replicas';
import { serviceNoReadyEndpoints } from './service-no-ready-endpoints';
import { singlePointOfFailure } from './single-point-of-failure';
import { nodeportConflict } from './nodeport-conflict';
import { rolloutStuck } from './rollout-stuck';
import { resourcesMissing } from './resources-missing';
import { requestsExceedLimits } from './requests-exceed-limits';
import { rolloutStrategyInvalid } from './rollout-strategy-invalid';
import { imageTagLatest } from './image-tag-latest';
import { probeMissingReadiness } from './probe-missing-readiness';
import { probeMissingLiveness } from './probe-missing-liveness';
import { probePortNotExposed } from './probe-port-not-exposed';
import { envDuplicate } from './env-duplicate';
import { privileged } from './privileged';
import { allowPrivilegeEscalation } from './allow-privilege-escalation';
import { runAsNonRootMissing } from './run-as-non-root-missing';
import { hostNamespaces } from './host-namespaces';
import { hostPath } from './host-path';
import { dangerousCapabilities } from './dangerous-capabilities';
import { dockerSocket } from './docker-socket';

export const allRules: Rule[] = [
  serviceSelectsNothing,
  serviceTargetPort,
  workloadSelectorMismatch,
  ingressBackendMissing,
  hpaTargetMissing,
  hpaTargetSetsReplicas,
  pdbSelectsNothing,
  pdbNeverDisrupts,
  networkpolicySelectsNothing,
  statefulsetServiceMissing,
  configmapMissing,
  secretMissing,
  pvcMissing,
  serviceaccountMissing,
  priorityclassMissing,
  storageclassMissing,
  duplicateObject,
  labelSyntax,
  unschedulableReplicas,
  serviceNoReadyEndpoints,
  singlePointOfFailure,
  nodeportConflict,
  rolloutStuck,
  resourcesMissing,
  requestsExceedLimits,
  rolloutStrategyInvalid,
  imageTagLatest,
  probeMissingReadiness,
  probeMissingLiveness,
  probePortNotExposed,
  envDuplicate,
  privileged,
  allowPrivilegeEscalation,
  runAsNonRootMissing,
  hostNamespaces,
  hostPath,
  dangerousCapabilities,
  dockerSocket,
];

const byId = new Map(allRules.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined { return byId.get(id); }
