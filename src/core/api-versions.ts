// API versions Kubernetes no longer serves, with their replacements. Source: the Kubernetes "Deprecated API
// Migration Guide" (kubernetes.io/docs/reference/using-api/deprecation-guide, "Removed APIs by release"),
// checked for v1.16, v1.22, v1.25, v1.26, v1.27, v1.29 and v1.32. Whether the replacement is a drop-in
// change is not kept here: the validator checks the object against the replacement's schema and offers the
// apiVersion fix only when it validates there unchanged.

export interface RemovedApi {
  /** the Kubernetes release that stopped serving it */
  removedIn: string;
  /** apiVersion to use instead, or null when the API has no successor */
  replacement: string | null;
  /** extra advice shown after the message */
  note?: string;
}

type Table = Record<string, Record<string, RemovedApi>>;

const r = (removedIn: string, replacement: string | null, note?: string): RemovedApi => (note ? { removedIn, replacement, note } : { removedIn, replacement });

const WORKLOADS_116 = { Deployment: r('1.16', 'apps/v1'), DaemonSet: r('1.16', 'apps/v1'), ReplicaSet: r('1.16', 'apps/v1'), StatefulSet: r('1.16', 'apps/v1'), ControllerRevision: r('1.16', 'apps/v1') };

/** apiVersion -> kind -> removal. */
const REMOVED: Table = {
  'extensions/v1beta1': {
    Deployment: r('1.16', 'apps/v1'), DaemonSet: r('1.16', 'apps/v1'), ReplicaSet: r('1.16', 'apps/v1'),
    NetworkPolicy: r('1.16', 'networking.k8s.io/v1'),
    PodSecurityPolicy: r('1.16', null, 'PodSecurityPolicy was removed entirely in 1.25: use Pod Security Admission (namespace labels pod-security.kubernetes.io/*)'),
    Ingress: r('1.22', 'networking.k8s.io/v1', 'networking.k8s.io/v1 uses backend.service.name / backend.service.port and requires pathType'),
  },
  'apps/v1beta1': WORKLOADS_116,
  'apps/v1beta2': WORKLOADS_116,
  'admissionregistration.k8s.io/v1beta1': { MutatingWebhookConfiguration: r('1.22', 'admissionregistration.k8s.io/v1'), ValidatingWebhookConfiguration: r('1.22', 'admissionregistration.k8s.io/v1') },
  'apiextensions.k8s.io/v1beta1': { CustomResourceDefinition: r('1.22', 'apiextensions.k8s.io/v1', 'apiextensions.k8s.io/v1 requires a structural schema per version (spec.versions[].schema.openAPIV3Schema)') },
  'apiregistration.k8s.io/v1beta1': { APIService: r('1.22', 'apiregistration.k8s.io/v1') },
  'authentication.k8s.io/v1beta1': { TokenReview: r('1.22', 'authentication.k8s.io/v1') },
  'authorization.k8s.io/v1beta1': {
    SubjectAccessReview: r('1.22', 'authorization.k8s.io/v1'), LocalSubjectAccessReview: r('1.22', 'authorization.k8s.io/v1'),
    SelfSubjectAccessReview: r('1.22', 'authorization.k8s.io/v1'), SelfSubjectRulesReview: r('1.22', 'authorization.k8s.io/v1'),
  },
  'certificates.k8s.io/v1beta1': { CertificateSigningRequest: r('1.22', 'certificates.k8s.io/v1', 'certificates.k8s.io/v1 requires spec.signerName') },
  'coordination.k8s.io/v1beta1': { Lease: r('1.22', 'coordination.k8s.io/v1') },
  'networking.k8s.io/v1beta1': {
    Ingress: r('1.22', 'networking.k8s.io/v1', 'networking.k8s.io/v1 uses backend.service.name / backend.service.port and requires pathType'),
    IngressClass: r('1.22', 'networking.k8s.io/v1'),
  },
  'rbac.authorization.k8s.io/v1beta1': { ClusterRole: r('1.22', 'rbac.authorization.k8s.io/v1'), ClusterRoleBinding: r('1.22', 'rbac.authorization.k8s.io/v1'), Role: r('1.22', 'rbac.authorization.k8s.io/v1'), RoleBinding: r('1.22', 'rbac.authorization.k8s.io/v1') },
  'rbac.authorization.k8s.io/v1alpha1': { ClusterRole: r('1.22', 'rbac.authorization.k8s.io/v1'), ClusterRoleBinding: r('1.22', 'rbac.authorization.k8s.io/v1'), Role: r('1.22', 'rbac.authorization.k8s.io/v1'), RoleBinding: r('1.22', 'rbac.authorization.k8s.io/v1') },
  'scheduling.k8s.io/v1beta1': { PriorityClass: r('1.22', 'scheduling.k8s.io/v1') },
  'scheduling.k8s.io/v1alpha1': { PriorityClass: r('1.22', 'scheduling.k8s.io/v1') },
  'storage.k8s.io/v1beta1': {
    CSIDriver: r('1.22', 'storage.k8s.io/v1'), CSINode: r('1.22', 'storage.k8s.io/v1'), StorageClass: r('1.22', 'storage.k8s.io/v1'),
    VolumeAttachment: r('1.22', 'storage.k8s.io/v1'), CSIStorageCapacity: r('1.27', 'storage.k8s.io/v1'),
  },
  'batch/v1beta1': { CronJob: r('1.25', 'batch/v1') },
  'batch/v2alpha1': { CronJob: r('1.21', 'batch/v1') },
  'discovery.k8s.io/v1beta1': { EndpointSlice: r('1.25', 'discovery.k8s.io/v1', 'discovery.k8s.io/v1 uses endpoints[].nodeName / zone instead of topology') },
  'events.k8s.io/v1beta1': { Event: r('1.25', 'events.k8s.io/v1') },
  'autoscaling/v2beta1': { HorizontalPodAutoscaler: r('1.25', 'autoscaling/v2', 'autoscaling/v2 writes metric targets as target: {type, averageUtilization | averageValue | value}') },
  'autoscaling/v2beta2': { HorizontalPodAutoscaler: r('1.26', 'autoscaling/v2') },
  'policy/v1beta1': {
    PodDisruptionBudget: r('1.25', 'policy/v1', 'in policy/v1 an empty spec.selector selects every pod of the namespace'),
    PodSecurityPolicy: r('1.25', null, 'use Pod Security Admission (namespace labels pod-security.kubernetes.io/*) instead'),
  },
  'node.k8s.io/v1beta1': { RuntimeClass: r('1.25', 'node.k8s.io/v1') },
  'node.k8s.io/v1alpha1': { RuntimeClass: r('1.25', 'node.k8s.io/v1') },
  'flowcontrol.apiserver.k8s.io/v1alpha1': { FlowSchema: r('1.21', 'flowcontrol.apiserver.k8s.io/v1'), PriorityLevelConfiguration: r('1.21', 'flowcontrol.apiserver.k8s.io/v1') },
  'flowcontrol.apiserver.k8s.io/v1beta1': { FlowSchema: r('1.26', 'flowcontrol.apiserver.k8s.io/v1'), PriorityLevelConfiguration: r('1.26', 'flowcontrol.apiserver.k8s.io/v1') },
  'flowcontrol.apiserver.k8s.io/v1beta2': { FlowSchema: r('1.29', 'flowcontrol.apiserver.k8s.io/v1'), PriorityLevelConfiguration: r('1.29', 'flowcontrol.apiserver.k8s.io/v1') },
  'flowcontrol.apiserver.k8s.io/v1beta3': {
    FlowSchema: r('1.32', 'flowcontrol.apiserver.k8s.io/v1'),
    PriorityLevelConfiguration: r('1.32', 'flowcontrol.apiserver.k8s.io/v1', 'in v1, spec.limited.nominalConcurrencyShares: 0 means zero (v1beta3 read it as the default 30)'),
  },
};

export interface DeprecatedApi {
  /** the Kubernetes release from which the API server warns about it */
  since: string;
  /** what to use instead ("discovery.k8s.io/v1 EndpointSlice"), or null */
  replacement: string | null;
}

// APIs still served but deprecated: the API server answers every request for them with a warning (kubectl
// prints "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice"). Source: the
// "Deprecated:" notes of their definitions in ../shared/k8s-openapi swagger-v1.34.0.json and swagger-v1.36.0.json.
const DEPRECATED: Record<string, Record<string, DeprecatedApi>> = {
  v1: {
    ComponentStatus: { since: '1.19', replacement: null },
    Endpoints: { since: '1.33', replacement: 'discovery.k8s.io/v1 EndpointSlice' },
  },
};

/** The deprecation record of a still-served apiVersion + kind, or undefined. */
export function deprecatedApi(apiVersion: string, kind: string): DeprecatedApi | undefined {
  return DEPRECATED[apiVersion]?.[kind];
}

/** The removal record for apiVersion + kind, or undefined when Kubernetes still serves it (or never did). */
export function removedApi(apiVersion: string, kind: string): RemovedApi | undefined {
  return REMOVED[apiVersion]?.[kind];
}

/** True when `version` ("1.34") is at or after `removedIn` ("1.25"). */
export function isRemovedBy(removedIn: string, version: string): boolean {
  const [a1, a2] = removedIn.split('.').map(Number);
  const [b1, b2] = version.split('.').map(Number);
  return b1 > a1 || (b1 === a1 && b2 >= a2);
}

/** Every apiVersion listed (for docs and tests). */
export function removedApiVersions(): string[] {
  return Object.keys(REMOVED);
}
