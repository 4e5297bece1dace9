// ClusterSnapshot: the one shape the simulation produces. The webview, the CLI's JSON and the editor's
// CodeLens/diagnostics all read it (DESIGN.md lists the fields other tools rely on; extend, don't rename).
import type { SourceLocation } from '../manifests/types';

export interface Taint { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' | string }

/** Resource amounts as the scheduler accounts them: cpu in millicores, memory/storage in bytes, pods as a count. */
export type ResourceAmounts = Record<string, number>;

export interface OwnerRef { kind: string; name: string }

/** Where an object in the snapshot came from in the user's files (null for objects the simulation made). */
export type SourceRef = Pick<SourceLocation, 'path' | 'docIndex' | 'itemIndex' | 'range'> | null;

export interface SnapshotNode {
  name: string;
  labels: Record<string, string>;
  taints: Taint[];
  allocatable: ResourceAmounts;
  requested: ResourceAmounts;
  /** "ns/name" of every pod bound to the node, sorted */
  pods: string[];
  unschedulable: boolean;
  zone: string | null;
  podCIDR: string;
  /** 'input' (a Node manifest), 'cluster-file' or 'preset' */
  origin: 'input' | 'cluster-file' | 'preset' | 'what-if';
  source: SourceRef;
}

export interface PodScheduling {
  /** node -> reasons of the filter that rejected it */
  filtered: Record<string, string[]>;
  /** node -> weighted total and per-plugin normalized score (before weight); PreScore-skipped plugins absent */
  scores: Record<string, { total: number; plugins: Record<string, number> }>;
  /** name of the filter plugin that rejected each node (same keys as `filtered`) */
  filteredBy?: Record<string, string>;
  /** the node chosen (null when pending) */
  selected?: string | null;
  /** plugin weights used for `total` */
  weights?: Record<string, number>;
  /**
   * How many entries were left out to keep large clusters' snapshots bounded: `scores` keeps the best
   * totals (and the selected node), `filtered` the first nodes in evaluation order. Absent when nothing was.
   */
  omitted?: { scores: number; filtered: number };
  /**
   * Set on a pod whose large explanation was not kept in full: only the first few scheduled pods of
   * each controller (ReplicaSet, StatefulSet, ...), and its first few pending ones, keep their tables;
   * the others keep their selected node's score only (none when pending; `filtered` empty, `omitted`
   * counting the rest) and name here, as "ns/name", a pod of the same controller in the same state
   * (scheduled / pending) that keeps its table. Absent otherwise.
   */
  groupExplanation?: string;
}

export interface SnapshotPod {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  owner: OwnerRef | null;
  nodeName: string | null;
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  podIP: string | null;
  /** FailedScheduling text for a pending pod, else null */
  message: string | null;
  /** null for pods the simulation did not schedule (given with spec.nodeName, or gated) */
  scheduling: PodScheduling | null;
  priority: number;
  requests: ResourceAmounts;
  /** the workload at the top of the owner chain (Deployment for a Deployment's pods) */
  workload: OwnerRef | null;
  nominatedNodeName?: string | null;
  /** set when this pod was evicted by preemption: the preemptor "ns/name" */
  preemptedBy?: string | null;
  ready: boolean;
  hostname?: string | null;
  subdomain?: string | null;
  containers: { name: string; image: string; ports: { name?: string; containerPort: number; protocol: string }[] }[];
  /** ConfigMaps/Secrets/PVCs/ServiceAccount the pod refers to (for the graph) */
  references: { kind: string; name: string }[];
  source: SourceRef;
}

export interface SnapshotServicePort { name: string | null; port: number; targetPort: number | string; nodePort: number | null; protocol: string }

export interface SnapshotService {
  namespace: string;
  name: string;
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName' | string;
  clusterIP: string | null;
  ports: SnapshotServicePort[];
  selector: Record<string, string> | null;
  headless: boolean;
  externalIPs: string[];
  loadBalancerIP: string | null;
  externalName: string | null;
  /** why the Service reaches nothing, when it does not (e.g. "selector matches no pods") */
  problems: string[];
  source: SourceRef;
}

export interface SnapshotEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  nodeName: string | null;
  zone: string | null;
  hostname?: string | null;
  targetRef: { kind: 'Pod'; namespace: string; name: string } | null;
  /** topology hints from the Service's trafficDistribution (ready endpoints only) */
  hints?: { forZones?: { name: string }[]; forNodes?: { name: string }[] };
}

export interface SnapshotEndpointSlice {
  namespace: string;
  name: string;
  service: string;
  addressType: 'IPv4' | 'IPv6';
  labels: Record<string, string>;
  ports: { name: string | null; port: number; protocol: string; appProtocol?: string }[];
  endpoints: SnapshotEndpoint[];
}

export interface SnapshotWorkload {
  kind: string;
  namespace: string;
  name: string;
  desired: number;
  scheduled: number;
  pending: number;
  /** pods of this workload, "ns/name" */
  pods: string[];
  /** for Deployments: the ReplicaSet made; for HPA-managed: the clamped replicas */
  replicaSets?: string[];
  hpa?: { name: string; minReplicas: number; maxReplicas: number; specReplicas: number | null } | null;
  /** why fewer pods exist than desired (e.g. a StatefulSet waiting for an earlier ordinal) */
  message?: string;
  /** CronJob: the Job it creates next (name <cronjob>-<minutes>, time from the simulated clock); null when suspended */
  nextJob?: { name: string; scheduledTime: string; parallelism: number; note: string | null } | null;
  source: SourceRef;
}

export interface SnapshotReplicaSet {
  namespace: string;
  name: string;
  owner: OwnerRef | null;
  replicas: number;
  podTemplateHash: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface SnapshotPVC {
  namespace: string;
  name: string;
  owner: OwnerRef | null;
  storageClassName: string | null;
  volumeName: string | null;
  phase: 'Pending' | 'Bound';
  source: SourceRef;
}

export interface SnapshotIngressRoute {
  namespace: string;
  ingress: string;
  ingressClass: string | null;
  host: string | null;
  path: string | null;
  pathType: string | null;
  service: string | null;
  port: number | string | null;
  /** resolved Service port number, or null when the Service/port is missing */
  resolvedPort: number | null;
  problem: string | null;
  source: SourceRef;
}

export interface SnapshotEvent {
  /** position in the simulated control loop (monotonic) */
  seq: number;
  type: 'Normal' | 'Warning';
  reason: 'Stored' | 'SuccessfulCreate' | 'ScalingReplicaSet' | 'Scheduled' | 'FailedScheduling' | 'Preempted' | 'Nominated' | 'EndpointsUpdated' | 'SchedulingGated' | string;
  /** the component that acted: apiserver, deployment-controller, replicaset-controller, default-scheduler, endpointslice-controller... */
  source: string;
  object: { kind: string; namespace: string | null; name: string };
  message: string;
}

export interface RolloutStep {
  step: number;
  /** what the controller did: "scale up new ReplicaSet x to 2" */
  action: string;
  oldReplicas: number;
  newReplicas: number;
  /** available pods after the step (assuming pods become ready) */
  available: number;
}

export interface SnapshotRollout {
  namespace: string;
  deployment: string;
  strategy: 'RollingUpdate' | 'Recreate';
  maxSurge: number;
  maxUnavailable: number;
  oldReplicaSet: string;
  newReplicaSet: string;
  steps: RolloutStep[];
  /** null when the rollout completes; else why it cannot make progress */
  stuck: string | null;
}

export interface SnapshotPreemption { preemptor: string; victims: string[]; node: string }

/** Other objects of the input the views show (ConfigMaps, Secrets, HPAs, PDBs, ...) with their source. */
export interface SnapshotObject {
  kind: string; apiVersion: string; namespace: string | null; name: string; source: SourceRef;
  /** metadata.labels, when the object has any (optional: for the preview's label filter) */
  labels?: Record<string, string>;
  /** PodDisruptionBudget (and similar): spec.selector.matchLabels, for the preview's PDB -> pods relation */
  selector?: Record<string, string> | null;
  /**
   * PodDisruptionBudget: the pods ("ns/name") its whole spec.selector matches (matchLabels and
   * matchExpressions; in policy/v1 an empty selector matches every pod of its namespace, a missing one none)
   */
  selectsPods?: string[];
  /** HorizontalPodAutoscaler: spec.scaleTargetRef, for the preview's HPA -> target relation */
  target?: { kind: string; name: string } | null;
}

export interface ClusterSnapshot {
  /** snapshot format version */
  version: 1;
  seed: number;
  kubernetesVersion: string;
  /** where nodes came from: 'input', 'cluster-file', or a preset name */
  clusterSource: string;
  nodes: SnapshotNode[];
  pods: SnapshotPod[];
  services: SnapshotService[];
  endpointSlices: SnapshotEndpointSlice[];
  workloads: SnapshotWorkload[];
  replicaSets: SnapshotReplicaSet[];
  persistentVolumeClaims: SnapshotPVC[];
  ingressRoutes: SnapshotIngressRoute[];
  events: SnapshotEvent[];
  rollouts: SnapshotRollout[];
  preemptions: SnapshotPreemption[];
  objects: SnapshotObject[];
  /** problems found while simulating (e.g. NodePort conflicts), for lint */
  warnings: { message: string; object: { kind: string; namespace: string | null; name: string } | null }[];
}
