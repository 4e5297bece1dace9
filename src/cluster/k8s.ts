// TypeScript shapes of the Kubernetes objects the simulator reads. Objects are plain JSON parsed from
// YAML, so every field is optional (as in the API) and readers must tolerate missing or odd values.
// Only the fields the controllers, the scheduler and the network model look at are typed; anything
// else is still carried along through the index signatures.
import type { LabelSelector, Labels } from '../core/labels';

export type { LabelSelector, LabelSelectorRequirement, Labels } from '../core/labels';

/** A resource.Quantity as written in YAML: "500m", "1Gi", 2. */
export type Quantity = string | number;
export type ResourceList = Record<string, Quantity>;

export interface OwnerReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  labels?: Labels;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  creationTimestamp?: string;
  deletionTimestamp?: string | null;
  [key: string]: unknown;
}

/** Fields shared by every object. */
export interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [key: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// Pods

export interface ResourceRequirements {
  requests?: ResourceList;
  limits?: ResourceList;
  claims?: { name?: string; request?: string }[];
}

export interface ContainerPort {
  name?: string;
  containerPort?: number;
  hostPort?: number;
  hostIP?: string;
  protocol?: 'TCP' | 'UDP' | 'SCTP' | string;
}

export interface Probe { [key: string]: unknown }

export interface VolumeMount { name?: string; mountPath?: string; readOnly?: boolean; subPath?: string }

export interface Container {
  name?: string;
  image?: string;
  ports?: ContainerPort[];
  resources?: ResourceRequirements;
  /** only `Always` is valid, and only on init containers: it makes a sidecar */
  restartPolicy?: 'Always' | string;
  command?: string[];
  args?: string[];
  env?: { name?: string; value?: string; valueFrom?: Record<string, unknown> }[];
  envFrom?: Record<string, unknown>[];
  volumeMounts?: VolumeMount[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  imagePullPolicy?: string;
  securityContext?: Record<string, unknown>;
  [key: string]: unknown;
}

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

export interface Taint {
  key?: string;
  value?: string;
  effect?: TaintEffect | string;
  timeAdded?: string;
}

export interface Toleration {
  key?: string;
  /** `Exists` or `Equal` (empty means Equal) */
  operator?: 'Exists' | 'Equal' | string;
  value?: string;
  /** empty matches every effect */
  effect?: TaintEffect | string;
  tolerationSeconds?: number;
}

export interface NodeSelectorRequirement {
  key?: string;
  operator?: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt' | string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[] | null;
  matchFields?: NodeSelectorRequirement[] | null;
}

export interface NodeSelector { nodeSelectorTerms?: NodeSelectorTerm[] | null }

export interface PreferredSchedulingTerm { weight?: number; preference?: NodeSelectorTerm }

export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector | null;
  preferredDuringSchedulingIgnoredDuringExecution?: PreferredSchedulingTerm[] | null;
}

export interface PodAffinityTerm {
  labelSelector?: LabelSelector | null;
  namespaces?: string[] | null;
  topologyKey?: string;
  namespaceSelector?: LabelSelector | null;
  matchLabelKeys?: string[] | null;
  mismatchLabelKeys?: string[] | null;
}

export interface WeightedPodAffinityTerm { weight?: number; podAffinityTerm?: PodAffinityTerm }

export interface PodAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[] | null;
  preferredDuringSchedulingIgnoredDuringExecution?: WeightedPodAffinityTerm[] | null;
}

/** Same shape as PodAffinity (upstream has two identical types). */
export type PodAntiAffinity = PodAffinity;

export interface Affinity {
  nodeAffinity?: NodeAffinity | null;
  podAffinity?: PodAffinity | null;
  podAntiAffinity?: PodAntiAffinity | null;
}

export interface TopologySpreadConstraint {
  maxSkew?: number;
  topologyKey?: string;
  whenUnsatisfiable?: 'DoNotSchedule' | 'ScheduleAnyway' | string;
  labelSelector?: LabelSelector | null;
  minDomains?: number | null;
  nodeAffinityPolicy?: 'Honor' | 'Ignore' | string | null;
  nodeTaintsPolicy?: 'Honor' | 'Ignore' | string | null;
  matchLabelKeys?: string[] | null;
}

export interface Volume {
  name?: string;
  persistentVolumeClaim?: { claimName?: string; readOnly?: boolean } | null;
  ephemeral?: { volumeClaimTemplate?: { metadata?: ObjectMeta; spec?: PersistentVolumeClaimSpec } } | null;
  configMap?: { name?: string; [key: string]: unknown } | null;
  secret?: { secretName?: string; [key: string]: unknown } | null;
  hostPath?: { path?: string; type?: string } | null;
  emptyDir?: Record<string, unknown> | null;
  gcePersistentDisk?: { pdName?: string; readOnly?: boolean; [key: string]: unknown } | null;
  awsElasticBlockStore?: { volumeID?: string; readOnly?: boolean; [key: string]: unknown } | null;
  rbd?: { monitors?: string[]; pool?: string; image?: string; readOnly?: boolean; [key: string]: unknown } | null;
  iscsi?: { targetPortal?: string; iqn?: string; lun?: number; readOnly?: boolean; [key: string]: unknown } | null;
  [key: string]: unknown;
}

export interface PodSchedulingGate { name?: string }

export interface PodSpec {
  nodeName?: string;
  nodeSelector?: Record<string, string> | null;
  affinity?: Affinity | null;
  tolerations?: Toleration[] | null;
  topologySpreadConstraints?: TopologySpreadConstraint[] | null;
  containers?: Container[];
  initContainers?: Container[] | null;
  ephemeralContainers?: Container[] | null;
  /** pod-level resources (PodLevelResources, beta/on in v1.34) */
  resources?: ResourceRequirements | null;
  overhead?: ResourceList | null;
  priority?: number | null;
  priorityClassName?: string;
  preemptionPolicy?: 'PreemptLowerPriority' | 'Never' | string | null;
  schedulerName?: string;
  schedulingGates?: PodSchedulingGate[] | null;
  volumes?: Volume[] | null;
  hostNetwork?: boolean;
  hostname?: string;
  subdomain?: string;
  restartPolicy?: 'Always' | 'OnFailure' | 'Never' | string;
  serviceAccountName?: string;
  runtimeClassName?: string;
  resourceClaims?: { name?: string; resourceClaimName?: string; resourceClaimTemplateName?: string }[] | null;
  [key: string]: unknown;
}

export interface PodCondition { type?: string; status?: 'True' | 'False' | 'Unknown' | string; reason?: string; message?: string }

/** What the kubelet reports of a container; resources / allocatedResources come with in-place resize. */
export interface ContainerStatus {
  name?: string;
  resources?: { requests?: ResourceList | null; limits?: ResourceList | null } | null;
  allocatedResources?: ResourceList | null;
  [key: string]: unknown;
}

export interface PodStatus {
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown' | string;
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
  nominatedNodeName?: string;
  conditions?: PodCondition[];
  podIP?: string;
  podIPs?: { ip?: string }[];
  hostIP?: string;
  startTime?: string;
  qosClass?: string;
  [key: string]: unknown;
}

export interface Pod extends K8sObject {
  spec?: PodSpec;
  status?: PodStatus;
}

export interface PodTemplateSpec { metadata?: ObjectMeta; spec?: PodSpec }

// ---------------------------------------------------------------------------------------------
// Nodes

export interface ContainerImage { names?: string[]; sizeBytes?: number }

export interface NodeSpec {
  unschedulable?: boolean;
  taints?: Taint[] | null;
  podCIDR?: string;
  podCIDRs?: string[];
  providerID?: string;
  [key: string]: unknown;
}

export interface NodeStatus {
  capacity?: ResourceList;
  allocatable?: ResourceList;
  images?: ContainerImage[] | null;
  conditions?: { type?: string; status?: string }[];
  addresses?: { type?: string; address?: string }[];
  [key: string]: unknown;
}

export interface Node extends K8sObject {
  spec?: NodeSpec;
  status?: NodeStatus;
}

// ---------------------------------------------------------------------------------------------
// Services, storage, priority, namespaces

export interface ServicePort {
  name?: string;
  protocol?: 'TCP' | 'UDP' | 'SCTP' | string;
  appProtocol?: string;
  port?: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface ServiceSpec {
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName' | string;
  selector?: Record<string, string> | null;
  ports?: ServicePort[] | null;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  externalName?: string;
  externalIPs?: string[];
  loadBalancerIP?: string;
  publishNotReadyAddresses?: boolean;
  sessionAffinity?: string;
  trafficDistribution?: string;
  externalTrafficPolicy?: string;
  internalTrafficPolicy?: string;
  [key: string]: unknown;
}

export interface Service extends K8sObject { spec?: ServiceSpec }

export interface PersistentVolumeClaimSpec {
  accessModes?: string[];
  storageClassName?: string | null;
  volumeName?: string;
  volumeMode?: 'Filesystem' | 'Block' | string;
  resources?: ResourceRequirements;
  selector?: LabelSelector | null;
  dataSource?: Record<string, unknown> | null;
  [key: string]: unknown;
}

export interface PersistentVolumeClaim extends K8sObject {
  spec?: PersistentVolumeClaimSpec;
  status?: { phase?: 'Pending' | 'Bound' | 'Lost' | string; [key: string]: unknown };
}

export interface PersistentVolumeSpec {
  capacity?: ResourceList;
  accessModes?: string[];
  storageClassName?: string;
  volumeMode?: 'Filesystem' | 'Block' | string;
  claimRef?: { namespace?: string; name?: string; uid?: string } | null;
  nodeAffinity?: { required?: NodeSelector | null } | null;
  persistentVolumeReclaimPolicy?: string;
  local?: { path?: string } | null;
  hostPath?: { path?: string } | null;
  csi?: { driver?: string; volumeHandle?: string } | null;
  [key: string]: unknown;
}

export interface PersistentVolume extends K8sObject {
  spec?: PersistentVolumeSpec;
  status?: { phase?: 'Available' | 'Bound' | 'Released' | 'Failed' | 'Pending' | string; [key: string]: unknown };
}

export interface StorageClass extends K8sObject {
  provisioner?: string;
  /** `Immediate` (default) or `WaitForFirstConsumer` */
  volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer' | string;
  allowedTopologies?: { matchLabelExpressions?: { key?: string; values?: string[] }[] }[] | null;
  reclaimPolicy?: string;
  parameters?: Record<string, string>;
}

export interface PriorityClass extends K8sObject {
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: 'PreemptLowerPriority' | 'Never' | string;
  description?: string;
}

export interface Namespace extends K8sObject { spec?: Record<string, unknown> }

export interface PodDisruptionBudget extends K8sObject {
  spec?: {
    selector?: LabelSelector | null;
    minAvailable?: number | string;
    maxUnavailable?: number | string;
    [key: string]: unknown;
  };
  status?: { disruptionsAllowed?: number; [key: string]: unknown };
}

// ---------------------------------------------------------------------------------------------
// Small readers shared by the simulator (tolerant of bad input: YAML may hold anything).

export const WELL_KNOWN_LABELS = {
  hostname: 'kubernetes.io/hostname',
  zone: 'topology.kubernetes.io/zone',
  region: 'topology.kubernetes.io/region',
  legacyZone: 'failure-domain.beta.kubernetes.io/zone',
  legacyRegion: 'failure-domain.beta.kubernetes.io/region',
} as const;

/** `namespace` of a namespaced object, `default` when unset. */
export function namespaceOf(obj: K8sObject): string {
  const ns = obj.metadata?.namespace;
  return typeof ns === 'string' && ns !== '' ? ns : 'default';
}

export function nameOf(obj: K8sObject): string {
  const n = obj.metadata?.name;
  return typeof n === 'string' ? n : '';
}

export function labelsOf(obj: K8sObject): Labels {
  const l = obj.metadata?.labels;
  return l && typeof l === 'object' ? l : {};
}

/** "ns/name" key of a namespaced object. */
export function keyOf(obj: K8sObject): string {
  return `${namespaceOf(obj)}/${nameOf(obj)}`;
}

/** The owner reference with controller=true, if any. */
export function controllerRefOf(obj: K8sObject): OwnerReference | null {
  const refs = obj.metadata?.ownerReferences;
  if (!Array.isArray(refs)) return null;
  return refs.find((r) => r && r.controller === true) ?? null;
}

/** Array or empty array (YAML `null` and non-arrays tolerated). */
export function arr<T>(x: T[] | null | undefined): T[] {
  return Array.isArray(x) ? x : [];
}
