// simulate(): the manifests -> a ClusterSnapshot of what a cluster would make of them. The control loop
// runs in the order a real cluster would: the API server stores the inputs, controllers create their
// ReplicaSets / PVCs / Pods (admission fills spec.priority), the scheduler takes pending pods one at a
// time in PrioritySort order (each seeing earlier placements; preemption evicts victims, whose
// controllers recreate them), then the EndpointSlice controller and Ingress resolution run over the
// result. What-ifs (options.whatIfs) are applied after the files converge, one by one, as events on that
// cluster (see what-if.ts). Pure and deterministic: all chance (names, IPs, tie-breaks) comes from the seeded Rng.
import type { KubeObject, Manifest, SourceLocation } from '../manifests/types';
import type { SimulateOptions } from './options';
import type {
  ClusterSnapshot, OwnerRef, PodScheduling, SnapshotIngressRoute, SnapshotNode, SnapshotObject, SnapshotPod,
  SnapshotPVC, SnapshotPreemption, SnapshotReplicaSet, SnapshotWorkload, SourceRef,
} from './snapshot';
import type { K8sObject, Node, PersistentVolume, PersistentVolumeClaim, Pod, PodSpec, Service, StorageClass } from './k8s';
import { REMOVED_PROVISIONERS, canProvision } from './scheduler/plugins/volume-binding';
import { isRemovedBy, removedApi } from '../core/api-versions';
import { aggregate, topologySpreadErrors } from './api-validation';
import { arr, keyOf, labelsOf, namespaceOf, nameOf } from './k8s';
import { isEmptySelector, selectorMatches, type LabelSelector } from '../core/labels';
import { Rng } from './rng';
import { EventLog } from './events';
import { type ClusterInput, type Sourced, splitInputs } from './cluster-input';
import { type WhatIfNodes, applyWhatIfs, workloadKey } from './what-if';
import { type ControllerContext, type ControllerOutput, type PodIntent, MAX_SIMULATED_PODS, PodBudget, PodNames, SIMULATED_NOW_ISO, clone, emptyWorkload, ownerReference, podsPrefix, replicaTokenOf } from './controllers/common';
import { type Deployment, replicaSetNameFor, runDeployment } from './controllers/deployment';
import { runReplicaSet, type ReplicaSetLike } from './controllers/replicaset';
import { runReplicationController, type ReplicationController } from './controllers/replicationcontroller';
import { runStatefulSet, type StatefulSet } from './controllers/statefulset';
import { runDaemonSet, type DaemonSet } from './controllers/daemonset';
import { runJob, type Job } from './controllers/job';
import { runCronJob, type CronJob, type NextJob } from './controllers/cronjob';
import { barePodIntent } from './controllers/pod';
import { hpaDecision, type HorizontalPodAutoscaler } from './controllers/hpa';
import { PodIpam, podCidrFor } from './network/ipam';
import { allocateServices, serviceProblems } from './network/services';
import { type EndpointNode, type EndpointPod, PodSelectorIndex, endpointSlicesFor } from './network/endpointslices';
import { defaultIngressClass, ingressRoutes, type Ingress } from './network/ingress';
import { changedDeployments, planRollout } from './rollout';
import { ClusterState, SYSTEM_PRIORITY_CLASSES, zoneInterleaved } from './scheduler/cluster-state';
import { isExtendedResourceName, podRequests } from './scheduler/resources';
import { requiredNodeAffinityOf } from './scheduler/helpers/node-selector';
import { findUntoleratedTaint } from './scheduler/helpers/taints';
import { ErrReasonPod as NodeAffinityErrReasonPod, Name as NodeAffinityName } from './scheduler/plugins/node-affinity';
import { ErrReason as NodePortsErrReason, Name as NodePortsName, portsConflict } from './scheduler/plugins/node-ports';
import { ErrReasonUntoleratedTaints, Name as TaintTolerationName } from './scheduler/plugins/taint-toleration';
import { AdmissionObjects, admitPod } from './admission';
import { markReplica, podInfoOf, safeSelector } from './scheduler/pod-info';
import { Scheduler, filteredNodeCount, firstFiltered, scoredNodeCount, topScores } from './scheduler/scheduler';
import { defaultProfile, profileFromConfig, type Profile } from './scheduler/profile';

export const DEFAULT_SEED = 1;
export const DEFAULT_KUBERNETES_VERSION = '1.34';
const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** Preset clusters come with a default StorageClass, as kind/minikube do, so PVCs without a class bind. */
const PRESET_STORAGE_CLASS: StorageClass = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
  provisioner: 'rancher.io/local-path',
  volumeBindingMode: 'WaitForFirstConsumer',
  reclaimPolicy: 'Delete',
};

/** One pod of the simulation and what happened to it. */
interface PodRecord {
  intent: PodIntent;
  pod: Pod;
  key: string;
  phase: SnapshotPod['phase'];
  nodeName: string | null;
  ip: string | null;
  message: string | null;
  scheduling: PodScheduling | null;
  nominatedNodeName: string | null;
  preemptedBy: string | null;
  /** not queued: scheduling gates or a scheduler name no profile has */
  held: boolean;
  /** startPod ran (bound or queued) */
  started: boolean;
  /** deleted by a what-if (its node went down, its workload scaled down): left out of the snapshot */
  gone?: boolean;
  /** spec.nodeName was set before scheduling (input or template) */
  prebound: boolean;
  preemptions: number;
  /** deleted and replaced by a pod of the same name (StatefulSet victim): left out of the snapshot */
  replaced: boolean;
}

interface QueueItem { rec: PodRecord; priority: number; ts: number }

/** activeQ ordered by PrioritySort: higher priority first, then earlier queue time. */
class SchedulingQueue {
  private items: QueueItem[] = [];
  private head = 0;
  private clock = 0;

  push(rec: PodRecord): void {
    const item = { rec, priority: rec.pod.spec?.priority ?? 0, ts: this.clock++ };
    // binary search for the first item that sorts after `item`
    let lo = this.head; let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.items[mid];
      if (m.priority > item.priority || (m.priority === item.priority && m.ts < item.ts)) lo = mid + 1; else hi = mid;
    }
    if (lo === this.items.length) this.items.push(item); else this.items.splice(lo, 0, item);
  }

  pop(): PodRecord | undefined {
    if (this.head >= this.items.length) return undefined;
    const it = this.items[this.head++];
    if (this.head > 4096 && this.head * 2 > this.items.length) { this.items = this.items.slice(this.head); this.head = 0; }
    return it.rec;
  }
}

function sourceRefOf(s: SourceLocation | undefined): SourceRef {
  if (!s) return null;
  const ref: NonNullable<SourceRef> = { path: s.path, docIndex: s.docIndex, range: s.range };
  if (s.itemIndex !== undefined) ref.itemIndex = s.itemIndex;
  return ref;
}

function objectKey(kind: string, o: K8sObject, namespaced = true): { kind: string; namespace: string | null; name: string } {
  return { kind, namespace: namespaced ? namespaceOf(o) : null, name: nameOf(o) };
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const HEX_DIGIT = '0123456789abcdef';

/** The first `n` (3, 4 or 8) hex digits of the next 32-bit number, zero-padded to 8 (table lookups: one uid per pod). */
function hexDigits(rng: Rng, n: 3 | 4 | 8): string {
  const v = rng.nextUint32();
  const hi = HEX_BYTE[v >>> 24];
  if (n === 3) return hi + HEX_DIGIT[(v >>> 20) & 15];
  if (n === 4) return hi + HEX_BYTE[(v >>> 16) & 255];
  return hi + HEX_BYTE[(v >>> 16) & 255] + HEX_BYTE[(v >>> 8) & 255] + HEX_BYTE[v & 255];
}

/** A deterministic RFC 4122 v4-shaped uid from the generator. */
function uidFrom(rng: Rng): string {
  const a = hexDigits(rng, 8); const b = hexDigits(rng, 4); const c = `4${hexDigits(rng, 3)}`;
  const d = `${'89ab'[rng.int(4)]}${hexDigits(rng, 3)}`; const e = hexDigits(rng, 8) + hexDigits(rng, 4);
  // joined, not concatenated: one flat string instead of a tree of concatenations kept for every pod
  return [a, b, c, d, e].join('-');
}

const NAMESPACED_CLUSTER_KINDS = new Set(['Node', 'Namespace', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'ClusterRole', 'ClusterRoleBinding',
  'CustomResourceDefinition', 'IngressClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService', 'RuntimeClass',
  'CSIDriver', 'VolumeAttachment', 'PodSecurityPolicy', 'KubeSchedulerConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding']);

function isClusterScoped(kind: string): boolean {
  return NAMESPACED_CLUSTER_KINDS.has(kind);
}

/** The split inputs with every object the simulation may write to (uids, nodes, scheduler state) copied. */
function copyMutable(split: ClusterInput): ClusterInput {
  const copy = <T extends { object: K8sObject }>(items: T[]): T[] => items.map((i) => ({ ...i, object: clone(i.object) }));
  return {
    ...split,
    nodes: copy(split.nodes),
    schedulerConfig: split.schedulerConfig ? copy([split.schedulerConfig])[0] : null,
    policy: copy(split.policy),
    workloads: copy(split.workloads),
    services: copy(split.services),
    ingresses: copy(split.ingresses),
    hpas: copy(split.hpas),
    others: split.others.map((i) => (LISTED_ONLY_KINDS.has(i.object.kind ?? '') ? i : { ...i, object: clone(i.object) })),
  };
}

/** Kinds the simulation only lists in the snapshot (kind, name, labels): never written to, so not copied. */
const LISTED_ONLY_KINDS = new Set(['CustomResourceDefinition', 'ConfigMap', 'Secret', 'ServiceAccount', 'Role', 'ClusterRole', 'RoleBinding',
  'ClusterRoleBinding', 'NetworkPolicy', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService']);

/**
 * Add nodes to a state in the order the scheduler walks them (ClusterState.nodes(): zones
 * interleaved), so that node indices follow that walk. The first node of a name wins, as addNode
 * ignores later ones; the walk order itself is the same as for any insertion order.
 */
function addNodesInSchedulingOrder(state: ClusterState, nodes: readonly Node[]): void {
  const seen = new Set<string>();
  const first = nodes.filter((n) => {
    const name = nameOf(n);
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
  for (const n of zoneInterleaved(first, (n) => labelsOf(n))) state.addNode(n);
}

/** Simulate parsed manifests (sources kept for the views and lint). */
export function simulate(manifests: Manifest[], options: SimulateOptions = {}): ClusterSnapshot {
  return simulateSourced(manifests.map((m) => ({ object: m.object, source: sourceRefOf(m.source) })), options);
}

/** Simulate plain objects (no source ranges): benchmarks, property tests, cluster files. */
export function simulateObjects(objects: KubeObject[], options: SimulateOptions = {}): ClusterSnapshot {
  return simulateSourced(objects.map((object) => ({ object, source: null })), options);
}

export function simulateSourced(inputsRaw: { object: KubeObject; source: SourceRef }[], options: SimulateOptions = {}): ClusterSnapshot {
  const seed = typeof options.seed === 'number' && Number.isFinite(options.seed) ? Math.trunc(options.seed) : DEFAULT_SEED;
  const root = new Rng(seed);
  const rngNames = root.fork('names');
  const rngUids = root.fork('uids');
  const rngScheduler = root.fork('scheduler');
  const rngNetwork = root.fork('network');
  const rngSlices = root.fork('endpointslices');
  const events = new EventLog();
  const warnings: ClusterSnapshot['warnings'] = [];
  const warn = (message: string, object: { kind: string; namespace: string | null; name: string } | null = null) => warnings.push({ message, object });

  // The simulation never mutates the caller's objects: it works on copies, except for kinds it only lists
  // (ConfigMaps, Secrets, RBAC, CRDs with their large schemas: a copy of argo-cd's CRDs cost 8 ms a run).
  // An apiVersion Kubernetes no longer serves never reaches a cluster: "no matches for kind" (lint says so too).
  const served = (o: KubeObject): boolean => {
    const gone = typeof o?.apiVersion === 'string' && typeof o.kind === 'string' ? removedApi(o.apiVersion, o.kind) : undefined;
    if (!gone || !isRemovedBy(gone.removedIn, DEFAULT_KUBERNETES_VERSION)) return true;
    const ns = NAMESPACED_CLUSTER_KINDS.has(o.kind) ? null : namespaceOf(o);
    warn(`${o.kind} ${ns ? `${ns}/` : ''}${nameOf(o)}: ${o.apiVersion} is not served by Kubernetes ${DEFAULT_KUBERNETES_VERSION} (removed in ${gone.removedIn}${gone.replacement ? `; use ${gone.replacement}` : ''}): the API server refuses it, so it is not simulated`,
      { kind: o.kind, namespace: ns, name: nameOf(o) });
    return false;
  };
  const split: ClusterInput = copyMutable(splitInputs(inputsRaw.filter((x) => served(x.object)), options.clusterObjects?.filter(served), options.preset));
  for (const w of split.warnings) warn(w);
  // The scheduler and controllers implement v1.34 (reference); another version only changes lint's schemas.
  const asked = options.kubernetesVersion;
  if (asked !== undefined && asked !== DEFAULT_KUBERNETES_VERSION && !asked.startsWith(`${DEFAULT_KUBERNETES_VERSION}.`)) {
    warn(`Kubernetes ${asked} was asked for: the simulated scheduler and controllers follow v${DEFAULT_KUBERNETES_VERSION} (the version selects the schemas lint validates against)`);
  }

  // ---------------------------------------------------------------- nodes
  // Phase 1 simulates the files on their nodes; what-ifs come after, as events on the converged cluster.
  let nodes = split.nodes;
  const takenCidrs = new Set<string>();
  for (const n of nodes) {
    const c = n.object.spec?.podCIDRs?.[0] ?? n.object.spec?.podCIDR;
    if (typeof c === 'string') takenCidrs.add(c);
  }
  const ipam = new PodIpam();
  const nodeCidr = new Map<string, string>();
  const nodeIp = new Map<string, string>();
  const setUpNodeNetwork = (n: WhatIfNodes, i: number) => {
    const name = nameOf(n.object);
    let cidr = n.object.spec?.podCIDRs?.[0] ?? n.object.spec?.podCIDR;
    // the node IPAM controller never hands out overlapping ranges, but declared ones are used as they are
    // (kubelet takes spec.podCIDR): pods on both nodes get the same addresses, as they would there
    const clash = typeof cidr === 'string' ? ipam.overlapping(name, cidr) : null;
    if (clash !== null) warn(`Node ${name}: pod CIDR ${cidr} overlaps node ${clash}'s: pods on the two nodes can get the same IP`, { kind: 'Node', namespace: null, name });
    if (typeof cidr !== 'string' || !ipam.addNode(name, cidr)) {
      if (typeof cidr === 'string') warn(`Node ${name}: pod CIDR "${cidr}" is not a usable IPv4 CIDR; one was assigned`, { kind: 'Node', namespace: null, name });
      cidr = podCidrFor(i, takenCidrs);
      ipam.addNode(name, cidr);
    }
    nodeCidr.set(name, cidr);
    const internal = arr(n.object.status?.addresses).find((a) => a?.type === 'InternalIP')?.address;
    // kind-style node addresses when the Node gives none (hostNetwork pods use them)
    nodeIp.set(name, typeof internal === 'string' ? internal : `172.18.0.${(i % 250) + 2}`);
  };
  nodes.forEach(setUpNodeNetwork);

  let state = new ClusterState();
  // What the state holds besides nodes and pods, replayed when a what-if rebuilds it (ClusterState has
  // no node removal or update: a cordoned or lost node makes a new state with the same placed pods).
  const replay: ((s: ClusterState) => void)[] = [];
  const remember = (f: (s: ClusterState) => void) => { f(state); replay.push(f); };
  addNodesInSchedulingOrder(state, nodes.map((n) => n.object));
  for (const p of split.policy) {
    remember((s) => s.addObject(p.object));
    const provisioner = p.object.kind === 'StorageClass' ? (p.object as StorageClass).provisioner : undefined;
    if (typeof provisioner === 'string' && provisioner in REMOVED_PROVISIONERS) {
      warn(`StorageClass ${nameOf(p.object)}: provisioner ${provisioner} was removed in Kubernetes ${REMOVED_PROVISIONERS[provisioner]} (no volume plugin matched name: ${provisioner}); its claims are not provisioned`,
        { kind: 'StorageClass', namespace: null, name: nameOf(p.object) });
    }
  }
  const hasDefaultClass = split.policy.some((p) => p.object.kind === 'StorageClass' && p.object.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true');
  if (nodes.every((n) => n.origin === 'preset' || n.origin === 'what-if') && !hasDefaultClass) {
    const sc = clone(PRESET_STORAGE_CLASS);
    remember((s) => s.addObject(sc));
  }
  for (const svc of split.services) remember((s) => s.addService(svc.object as Service));

  // ---------------------------------------------------------------- scheduler profiles
  // One scheduler per profile; a pod goes to the profile named by its spec.schedulerName.
  let profiles: Profile[] = [defaultProfile()];
  if (split.schedulerConfig) {
    const cfgObj = split.schedulerConfig.object;
    try {
      const r = profileFromConfig(cfgObj);
      profiles = r.profiles.length > 0 ? r.profiles : [r.profile];
      for (const w of r.warnings) warn(`KubeSchedulerConfiguration: ${w}`, { kind: 'KubeSchedulerConfiguration', namespace: null, name: nameOf(cfgObj) });
    } catch (e) {
      warn(`KubeSchedulerConfiguration ignored: ${(e as Error).message}`);
    }
  }
  const scheduler = new Scheduler(profiles, rngScheduler);
  // explanations are read through explanationFor, which finishes the ones it keeps as they are and
  // keeps at most MAX_FILTERED_KEPT_SCHEDULED rejected nodes of a scheduled pod (the count in full)
  scheduler.deferViews = true;
  scheduler.recordLimit = MAX_FILTERED_KEPT_SCHEDULED;
  for (const w of scheduler.warnings) warn(`scheduler profile: ${w}`);
  const schedulerNames = new Set<string>(profiles.map((p) => p.schedulerName));

  // ---------------------------------------------------------------- the API server stores the inputs
  for (const n of nodes) if (n.origin === 'input') events.normal('Stored', 'apiserver', { kind: 'Node', namespace: null, name: nameOf(n.object) }, `Node ${nameOf(n.object)} created`);
  for (const item of [...split.policy, ...split.workloads, ...split.services, ...split.ingresses, ...split.hpas, ...split.others]) {
    if (item.origin !== 'input') continue;
    const kind = item.object.kind ?? '';
    events.normal('Stored', 'apiserver', objectKey(kind, item.object, !isClusterScoped(kind)), `${kind} ${isClusterScoped(kind) ? nameOf(item.object) : keyOf(item.object)} created`);
  }

  // ---------------------------------------------------------------- HPAs
  const hpasByTarget = new Map<string, HorizontalPodAutoscaler[]>();
  for (const h of split.hpas) {
    const hpa = h.object as HorizontalPodAutoscaler;
    const t = hpa.spec?.scaleTargetRef;
    if (!t?.kind || !t.name) continue;
    const key = workloadKey(t.kind, namespaceOf(hpa), t.name);
    const list = hpasByTarget.get(key) ?? [];
    list.push(hpa);
    hpasByTarget.set(key, list);
  }
  /**
   * The replicas the HPAs of a target settle it at (reconcileAutoscaler): each clamps the count into its
   * [min, max] before looking at metrics, and with several HPAs the metrics step stops at AmbiguousSelector.
   * So the clamps alone act, in turn, until the count sits in every range; with disjoint ranges they never
   * agree (the count flips between them) and the last one to act is shown, with a warning.
   */
  const settleHpas = (list: HorizontalPodAutoscaler[], specReplicas: number | null) => {
    let replicas = specReplicas;
    let applied = list[0];
    let moved = true;
    for (let round = 0; moved && round <= list.length; round++) {
      moved = false;
      for (const hpa of list) {
        const r = hpaDecision(hpa, replicas).replicas;
        if (r !== null && r !== replicas) { replicas = r; applied = hpa; moved = true; }
      }
    }
    return { replicas, applied, fighting: moved };
  };

  // ---------------------------------------------------------------- controllers
  const records: PodRecord[] = [];
  const byKey = new Map<string, PodRecord>();
  const waiting = new Map<string, PodIntent[]>(); // "ns/pod" -> intents created once it runs
  const queue = new SchedulingQueue();
  const workloads: SnapshotWorkload[] = [];
  const workloadByKey = new Map<string, SnapshotWorkload>();
  const workloadMessages = new Map<string, string>();
  const replicaSets: SnapshotReplicaSet[] = [];
  const pvcs: { claim: PersistentVolumeClaim; owner: OwnerRef | null; source: SourceRef }[] = [];
  const nextJobs = new Map<SnapshotWorkload, NextJob | null>();
  const intentsOf = new Map<string, PodIntent[]>(); // workload key -> intents (to recreate victims)
  const podNames = new PodNames(rngNames);
  // explicit pod names of the inputs are in use before any generated one
  for (const item of split.workloads) {
    const name = item.object.kind === 'Pod' ? item.object.metadata?.name : undefined;
    if (typeof name === 'string' && name !== '') podNames.reserve(namespaceOf(item.object), name);
  }
  const ctxBase = { names: podNames, budget: new PodBudget(options.maxPods ?? MAX_SIMULATED_PODS, (m) => warn(m)), uid: () => uidFrom(rngUids) };

  for (const p of split.policy) {
    if (p.object.kind === 'PersistentVolumeClaim') pvcs.push({ claim: p.object as PersistentVolumeClaim, owner: null, source: p.source });
  }

  // LimitRanges and RuntimeClasses of the inputs and the cluster file, for the API server's admission.
  const admission = new AdmissionObjects([...split.policy, ...split.others].map((i) => i.object));

  /** Admission + storage of one pod, then the controller's SuccessfulCreate; queues or binds it. */
  const createPod = (intent: PodIntent): PodRecord | null => {
    const pod = intent.pod;
    const spec = (pod.spec ??= {});
    const ns = namespaceOf(pod);
    const name = nameOf(pod);
    const wl = intent.workload ? { kind: intent.workload.kind, namespace: ns, name: intent.workload.name } : { kind: 'Pod', namespace: ns, name };
    const ownerObj = intent.owner ? { kind: intent.owner.kind, namespace: ns, name: intent.owner.name } : wl;
    // Priority admission: an unknown class is rejected.
    const pcName = spec.priorityClassName;
    if (typeof pcName === 'string' && pcName !== '' && !(pcName in SYSTEM_PRIORITY_CLASSES) && !state.priorityClass(pcName)) {
      const msg = `pods "${intent.owner ? podsPrefix(intent.owner.name) : name}" is forbidden: no PriorityClass with name ${pcName} was found`;
      events.warning('FailedCreate', intent.reporter, ownerObj, `Error creating: ${msg}`);
      warn(`${wl.kind} ${ns}/${wl.name}: ${msg}`, wl);
      return null;
    }
    // Priority admission computes spec.priority from the class (or the global default, whose name it
    // writes into the pod); a different integer written in the pod spec is refused
    // (plugin/pkg/admission/priority). It runs before RuntimeClass and ResourceQuota, which can read the name.
    if (typeof spec.priority === 'number') {
      const computed = state.priorityOf({ ...pod, spec: { ...spec, priority: undefined } });
      if (spec.priority !== computed) {
        const msg = `pods "${intent.owner ? podsPrefix(intent.owner.name) : name}" is forbidden: the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${computed} from the given PriorityClass name`;
        events.warning('FailedCreate', intent.reporter, ownerObj, `Error creating: ${msg}`);
        warn(`${wl.kind} ${ns}/${wl.name}: ${msg}`, wl);
        return null;
      }
    }
    if (typeof pcName !== 'string' || pcName === '') {
      const def = state.defaultPriorityClassName();
      if (def !== '') spec.priorityClassName = def;
    }
    // Defaulting and the other admission plugins that change scheduling (src/cluster/admission.ts).
    const refused = admitPod(pod, admission);
    if (refused) {
      const msg = `pods "${intent.owner ? podsPrefix(intent.owner.name) : name}" is forbidden: ${refused}`;
      events.warning('FailedCreate', intent.reporter, ownerObj, `Error creating: ${msg}`);
      warn(`${wl.kind} ${ns}/${wl.name}: ${msg}`, wl);
      return null;
    }
    spec.priority = state.priorityOf(pod);
    const policy = state.preemptionPolicyOf(pod);
    if (policy !== 'PreemptLowerPriority' || spec.preemptionPolicy) spec.preemptionPolicy = policy;
    if (typeof spec.schedulerName !== 'string' || spec.schedulerName === '') spec.schedulerName = DEFAULT_SCHEDULER_NAME;
    // admitted alike (admission and the defaults above read nothing that differs between replicas)
    const token = replicaTokenOf(intent);
    if (token !== undefined) markReplica(pod, token);
    const key = `${ns}/${name}`;
    if (byKey.has(key) && !byKey.get(key)!.replaced && byKey.get(key)!.phase !== 'Failed') {
      warn(`Pod ${key} already exists; the duplicate was not created`, { kind: 'Pod', namespace: ns, name });
      return null;
    }
    for (const c of intent.companions ?? []) {
      const claim = c.object as PersistentVolumeClaim;
      remember((s) => s.addObject(claim));
      pvcs.push({ claim, owner: intent.owner, source: null });
      events.normal('SuccessfulCreate', intent.reporter, ownerObj, c.message);
    }
    if (intent.createMessage) events.normal('SuccessfulCreate', intent.reporter, ownerObj, intent.createMessage);
    const rec: PodRecord = {
      intent, pod, key, phase: 'Pending', nodeName: null, ip: null, message: null, scheduling: null,
      nominatedNodeName: null, preemptedBy: null, held: false, started: false, preemptions: 0, replaced: false,
      prebound: typeof spec.nodeName === 'string' && spec.nodeName !== '',
    };
    const prev = byKey.get(key);
    if (prev) prev.replaced = true;
    records.push(rec);
    byKey.set(key, rec);
    return rec;
  };

  const enqueue = (rec: PodRecord) => {
    const spec = rec.pod.spec ?? {};
    const gates = arr(spec.schedulingGates).map((g) => g?.name ?? '');
    if (gates.length > 0) {
      rec.held = true;
      rec.message = `waiting for scheduling gates: [${gates.join(' ')}]`;
      return;
    }
    if (!schedulerNames.has(spec.schedulerName ?? DEFAULT_SCHEDULER_NAME)) {
      rec.held = true;
      rec.message = `no scheduler named "${spec.schedulerName}" runs in the simulated cluster (profiles: ${[...schedulerNames].join(', ')}); the pod stays Pending`;
      return;
    }
    queue.push(rec);
  };

  const bind = (rec: PodRecord, nodeName: string, viaScheduler: boolean) => {
    const spec = rec.pod.spec!;
    spec.nodeName = nodeName;
    rec.nodeName = nodeName;
    rec.phase = 'Running';
    rec.ip = spec.hostNetwork === true ? nodeIp.get(nodeName) ?? null : ipam.allocate(nodeName);
    if (rec.ip === null) warn(`Pod ${rec.key}: node ${nodeName} has no free pod IP`, { kind: 'Pod', namespace: namespaceOf(rec.pod), name: nameOf(rec.pod) });
    const st = rec.pod.status;
    // a running pod given in the inputs keeps its start time (preemption prefers the later-started victims)
    const started = typeof st?.startTime === 'string' && st.startTime !== '' ? st.startTime : SIMULATED_NOW_ISO;
    const running = { phase: 'Running', podIP: rec.ip ?? undefined, hostIP: nodeIp.get(nodeName), startTime: started };
    // the spread keeps the status's own fields first; a pod made here has just `phase`, which `running`
    // also starts with: the same object, as a literal (the generic spread costs microseconds per pod)
    const own = st === undefined || st === null ? [] : Object.keys(st);
    rec.pod.status = own.length === 0 || (own.length === 1 && own[0] === 'phase') ? running : { ...st, ...running };
    rec.message = null;
    rec.nominatedNodeName = null;
    if (viaScheduler) events.normal('Scheduled', 'default-scheduler', { kind: 'Pod', namespace: namespaceOf(rec.pod), name: nameOf(rec.pod) }, `Successfully assigned ${rec.key} to ${nodeName}`);
    // StatefulSet OrderedReady: the next ordinal is created once this one runs.
    const next = waiting.get(rec.key);
    if (next) {
      waiting.delete(rec.key);
      for (const intent of next) {
        const r = createPod(intent);
        if (r) startPod(r);
      }
    }
  };

  /** Bound pods (spec.nodeName) are already running; others are queued. */
  const startPod = (rec: PodRecord) => {
    if (rec.started) return;
    rec.started = true;
    const nodeName = rec.pod.spec?.nodeName;
    if (typeof nodeName === 'string' && nodeName !== '') {
      const done = rec.pod.status?.phase;
      if (done === 'Succeeded' || done === 'Failed') {
        // The scheduler's cache leaves finished pods out (reference §7): no resources, no IP, no endpoint.
        rec.phase = done;
        rec.nodeName = nodeName;
        return;
      }
      if (!state.node(nodeName)) {
        rec.message = `bound to node "${nodeName}", which is not in the simulated cluster`;
        warn(`Pod ${rec.key}: spec.nodeName "${nodeName}" is not a node of the simulated cluster`, { kind: 'Pod', namespace: namespaceOf(rec.pod), name: nameOf(rec.pod) });
        return;
      }
      const rejected = kubeletAdmission(rec.pod, state.node(nodeName)!);
      if (rejected) {
        // The kubelet refuses a pod bound past the node's capacity (reason OutOf<resource>); the pod fails.
        rec.phase = 'Failed';
        admission.release(rec.pod);
        rec.nodeName = nodeName;
        rec.message = `Pod was rejected: ${rejected.message}`;
        events.warning(rejected.reason, 'kubelet', { kind: 'Pod', namespace: namespaceOf(rec.pod), name: nameOf(rec.pod) }, rejected.message);
        return;
      }
      state.assume(rec.pod, nodeName);
      bind(rec, nodeName, false);
      return;
    }
    enqueue(rec);
  };

  // ReplicaSets and ReplicationControllers adopt the orphan pods their selector matches (ClaimPods: same
  // namespace, no controller owner, not terminating, not finished), which count towards their replicas;
  // orphans beyond the replica count are deleted (unbound ones first, then the later ones). A pod goes to
  // the first controller, in input order, that claims it.
  const adoption = new Map<K8sObject, { controller: K8sObject; keep: boolean }>();
  const adoptedCount = new Map<K8sObject, number>();
  for (const item of split.workloads) {
    const c = item.object;
    if (c.kind !== 'ReplicaSet' && c.kind !== 'ReplicationController') continue;
    const spec = (c.spec ?? {}) as { selector?: unknown; replicas?: unknown; template?: { metadata?: { labels?: Record<string, string> } } };
    const selector = c.kind === 'ReplicaSet'
      ? (spec.selector && typeof spec.selector === 'object' ? safeSelector(spec.selector) : null)
      : safeSelector({ matchLabels: (spec.selector && typeof spec.selector === 'object' ? spec.selector : spec.template?.metadata?.labels) as Record<string, string> });
    if (!selector || isEmptySelector(selector)) continue;
    const orphans = split.workloads.filter((w) => {
      const p = w.object as Pod;
      return p.kind === 'Pod' && !adoption.has(p) && namespaceOf(p) === namespaceOf(c) && !arr(p.metadata?.ownerReferences).some((r) => r?.controller === true)
        && !p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && selectorMatches(selector, labelsOf(p));
    }).map((w) => w.object);
    if (orphans.length === 0) continue;
    const hpas = hpasByTarget.get(workloadKey(c.kind, namespaceOf(c), nameOf(c)));
    const specReplicas = typeof spec.replicas === 'number' && spec.replicas >= 0 ? spec.replicas : 1;
    const desired = hpas && specReplicas !== 0 ? settleHpas(hpas, specReplicas).replicas ?? specReplicas : specReplicas;
    // bound ones first, then input order (a stable sort): the ones past `desired` are deleted
    const byDeletionRank = [...orphans].sort((a, b) => Number(!!(b as Pod).spec?.nodeName) - Number(!!(a as Pod).spec?.nodeName));
    byDeletionRank.forEach((p, i) => adoption.set(p, { controller: c, keep: i < desired }));
    adoptedCount.set(c, Math.min(desired, orphans.length));
  }

  const outputs: { item: Sourced; out: ControllerOutput; key: string; adopted?: boolean }[] = [];
  for (const item of split.workloads) {
    const o = item.object;
    const kind = o.kind ?? '';
    const ns = namespaceOf(o);
    const name = nameOf(o);
    if (!name && kind !== 'Pod') { warn(`${kind} without metadata.name ignored`); continue; }
    const refused = invalidPodTemplate(o);
    if (refused) { warn(refused, { kind, namespace: ns, name }); continue; }
    const wkey = workloadKey(kind, ns, name);
    let override: number | undefined;
    const hpas = hpasByTarget.get(wkey);
    let hpaInfo: SnapshotWorkload['hpa'] = null;
    if (hpas) {
      const specReplicas = typeof (o.spec as { replicas?: unknown } | undefined)?.replicas === 'number' ? (o.spec as { replicas: number }).replicas : null;
      const settled = settleHpas(hpas, specReplicas);
      if (hpas.length > 1) {
        const names = hpas.map((x) => `${namespaceOf(x)}/${nameOf(x)}`).join(' ');
        warn(`${kind} ${ns}/${name} is the target of more than one HorizontalPodAutoscaler: pods are controlled by multiple HPAs: [${names}]; ${settled.fighting
          ? `their ranges do not overlap, so they keep rescaling it (shown at ${settled.replicas}, as ${nameOf(settled.applied)} leaves it)`
          : 'none scales it on metrics (AmbiguousSelector); their min/max clamps still apply'}`, { kind: 'HorizontalPodAutoscaler', namespace: ns, name: nameOf(hpas[hpas.length - 1]) });
      }
      const d = hpaDecision(settled.applied, specReplicas);
      hpaInfo = { name: d.hpa, minReplicas: d.minReplicas, maxReplicas: d.maxReplicas, specReplicas };
      if (settled.replicas !== null && specReplicas !== 0) override = settled.replicas;
    }
    const ctx: ControllerContext = { ...ctxBase, ...(override !== undefined ? { replicasOverride: override } : {}), ...(adoptedCount.has(o) ? { adopted: adoptedCount.get(o) } : {}) };
    const run = (): ControllerOutput | null => {
      switch (kind) {
        case 'Deployment': return runDeployment(o as Deployment, item.source, ctx);
        case 'ReplicaSet': return runReplicaSet(o as ReplicaSetLike, item.source, ctx);
        case 'ReplicationController': return runReplicationController(o as ReplicationController, item.source, ctx);
        case 'StatefulSet': return runStatefulSet(o as StatefulSet, item.source, ctx);
        case 'DaemonSet': return runDaemonSet(o as DaemonSet, nodes.map((n) => n.object), item.source, ctx);
        case 'Job': return runJob(o as Job, item.source, ctx);
        case 'CronJob': {
          const r = runCronJob(o as CronJob, item.source, ctx);
          nextJobs.set(r.workload, r.nextJob);
          return r;
        }
        case 'Pod': {
          const r = barePodIntent(o as Pod, item.source, ctx);
          if ('problem' in r) { warn(`Pod ${ns}/${name || '?'}: ${r.problem}`, { kind: 'Pod', namespace: ns, name }); return null; }
          const adopter = adoption.get(o);
          if (adopter) {
            const ctrlKind = adopter.controller.kind ?? '';
            const ctrl = { kind: ctrlKind, name: nameOf(adopter.controller) };
            const reporter = ctrlKind === 'ReplicaSet' ? 'replicaset-controller' : 'replication-controller';
            if (!adopter.keep) {
              events.normal('SuccessfulDelete', reporter, { ...ctrl, namespace: ns }, `Deleted pod: ${nameOf(r.pod)}`);
              return null;
            }
            // adopted: owned by the controller, counted among its pods
            r.pod.metadata!.ownerReferences = [ownerReference(ctrlKind, ctrlKind === 'ReplicaSet' ? 'apps/v1' : 'v1', adopter.controller)];
            outputs.push({ item, key: workloadKey(ctrlKind, ns, ctrl.name), adopted: true,
              out: { intents: [{ ...r, owner: ctrl, workload: ctrl, reporter }], replicaSets: [], workload: emptyWorkload('Pod', o, ns, item.source), events: [], warnings: [] } });
            return null;
          }
          return { intents: [r], replicaSets: [], workload: { kind: 'Pod', namespace: ns, name: nameOf(r.pod), desired: 1, scheduled: 0, pending: 0, pods: [], source: item.source }, events: [], warnings: [] };
        }
        default: return null;
      }
    };
    let out: ControllerOutput | null;
    try {
      out = run();
    } catch (e) {
      // Bad input must not take the whole simulation down.
      warn(`${kind} ${ns}/${name}: the simulated controller failed on it: ${(e as Error).message}`, { kind, namespace: ns, name });
      continue;
    }
    if (!out) continue;
    if (hpaInfo) out.workload.hpa = hpaInfo;
    // a generateName pod is only named now
    outputs.push({ item, out, key: kind === 'Pod' ? workloadKey('Pod', ns, out.workload.name) : wkey });
  }

  for (const { out, key, adopted } of outputs) {
    for (const w of out.warnings) warn(w, { kind: out.workload.kind, namespace: out.workload.namespace, name: out.workload.name });
    for (const e of out.events) events.normal(e.reason, e.source, e.object, e.message);
    replicaSets.push(...out.replicaSets);
    // Controllers the scheduler knows (PodTopologySpread default selectors).
    for (const c of out.controllers ?? []) remember((s) => s.addController(c));
    // an adopted orphan is one of its controller's pods, not a workload of its own
    if (!adopted) {
      workloads.push(out.workload);
      workloadByKey.set(key, out.workload);
      intentsOf.set(key, out.intents);
    }
    for (const intent of out.intents) {
      if (intent.waitFor) {
        const list = waiting.get(intent.waitFor) ?? [];
        list.push(intent);
        waiting.set(intent.waitFor, list);
        continue;
      }
      createPod(intent);
    }
  }

  // Bound pods first (they are already running), then the queue.
  for (const rec of [...records]) if (typeof rec.pod.spec?.nodeName === 'string' && rec.pod.spec.nodeName !== '') startPod(rec);
  for (const rec of [...records]) if (!(typeof rec.pod.spec?.nodeName === 'string' && rec.pod.spec.nodeName !== '')) startPod(rec);

  // ---------------------------------------------------------------- scheduling
  const preemptions: SnapshotPreemption[] = [];
  let budget = records.length * 4 + 1000;
  const failed: PodRecord[] = [];
  // Large explanations (more than a scheduled pod's table keeps) are kept in full for the first
  // scheduled pods of each controller, and for its first pending ones; its other replicas keep their
  // own selected node's score (scheduled) or their FailedScheduling message (pending) and refer to one
  // of those. Snapshot size: 10,000 pods on 5,000 nodes were 110 MB of explanations, mostly
  // near-identical tables of sibling replicas; 10,000 pending pods there would not fit in a string.
  const fullExplanations = new Map<string, PodRecord[]>();
  const referring = new Map<PodRecord, { full: PodRecord[]; pending: boolean }>();
  const explanationFor = (rec: PodRecord, s: PodScheduling, nodeName: string | null): PodScheduling => {
    const e = boundedExplanation(rec, s, nodeName);
    // a bounded copy was made: the scheduler's full record of rejected nodes is not read again
    if (e !== s) scheduler.discardExplanation(s);
    return e;
  };
  const boundedExplanation = (rec: PodRecord, s: PodScheduling, nodeName: string | null): PodScheduling => {
    const owner = rec.intent.owner;
    const scheduled = nodeName !== null;
    // compactScheduling reads the explanation's properties; referToGroupExplanation only the helpers
    const compact = () => {
      scheduler.finishExplanation(s);
      return compactScheduling(s, scheduled);
    };
    if (owner === null || !explanationIsLarge(s, true)) {
      referring.delete(rec);
      return compact();
    }
    const group = `${scheduled ? 'scheduled' : 'pending'}/${owner.kind}/${namespaceOf(rec.pod)}/${owner.name}`;
    let full = fullExplanations.get(group);
    if (full === undefined) fullExplanations.set(group, full = []);
    const kept = full.includes(rec);
    if (kept || full.length < FULL_EXPLANATIONS_PER_CONTROLLER) {
      if (!kept) full.push(rec);
      referring.delete(rec);
      return compact();
    }
    referring.set(rec, { full, pending: !scheduled });
    return referToGroupExplanation(s, nodeName, full[0].key);
  };
  const runQueue = () => {
    for (let rec = queue.pop(); rec !== undefined && budget-- > 0; rec = queue.pop()) {
      if (rec.phase !== 'Pending' || rec.replaced) continue;
      // scheduleOne assumes the pod on its node (and evicts preemption victims) in `state` itself.
      let outcome: ReturnType<Scheduler['scheduleOne']>;
      try {
        outcome = scheduler.scheduleOne(rec.pod, state);
      } catch (e) {
        // Bad input must not take the whole simulation down: the pod stays Pending with the reason.
        rec.message = `the simulated scheduler failed on this pod: ${(e as Error).message}`;
        warn(`Pod ${rec.key}: ${rec.message}`, { kind: 'Pod', namespace: namespaceOf(rec.pod), name: nameOf(rec.pod) });
        continue;
      }
      rec.scheduling = outcome.scheduling ? explanationFor(rec, outcome.scheduling, outcome.nodeName) : null;
      if (outcome.nodeName) {
        bind(rec, outcome.nodeName, true);
        continue;
      }
      const podObj = { kind: 'Pod', namespace: namespaceOf(rec.pod), name: nameOf(rec.pod) };
      const message = outcome.message ?? 'no nodes available to schedule pods';
      if (rec.message !== message) events.warning('FailedScheduling', 'default-scheduler', podObj, message);
      rec.message = message;
      if (outcome.preemption) {
        // The scheduler has already evicted the victims from `state`; record it and retry the preemptor.
        // Victims' controllers recreate them only for the first preemption round of a preemptor, which
        // bounds livelocks such as a ReplicaSet pinning replacements (spec.nodeName) to the same node.
        rec.preemptions++;
        preempt(rec, outcome.preemption.node, outcome.preemption.victims, rec.preemptions <= 1);
        queue.push(rec);
        continue;
      }
      // a nomination the scheduler cleared (the node no longer suits, a higher-priority pod took it)
      rec.nominatedNodeName = state.nominatedNodeOf(rec.pod);
      failed.push(rec);
    }
  };

  const preempt = (preemptor: PodRecord, nodeName: string, victims: Pod[], recreateVictims: boolean) => {
    const names: string[] = [];
    for (const v of victims) {
      const vkey = `${namespaceOf(v)}/${nameOf(v)}`;
      const vrec = byKey.get(vkey);
      state.removePod(v); // already gone when the scheduler evicted it; kept for schedulers that do not
      names.push(vkey);
      if (!vrec) continue;
      if (vrec.ip && vrec.nodeName && vrec.pod.spec?.hostNetwork !== true) ipam.release(vrec.nodeName, vrec.ip);
      vrec.phase = 'Failed';
      admission.release(vrec.pod); // a deleted victim no longer counts against its namespace's quota
      vrec.preemptedBy = preemptor.key;
      vrec.message = `Preempted by pod ${preemptor.key} on node ${nodeName}`;
      // upstream's event names the preemptor by UID (preemption.go PreemptPod); the pod's message above says who
      events.normal('Preempted', 'default-scheduler', { kind: 'Pod', namespace: namespaceOf(v), name: nameOf(v) }, `Preempted by pod ${preemptor.pod.metadata?.uid ?? preemptor.key} on node ${nodeName}`);
      if (recreateVictims) recreate(vrec);
      else if (vrec.intent.owner) {
        warn(`Pod ${vkey} was preempted again by ${preemptor.key}: its ${vrec.intent.owner.kind}'s replacement is not simulated (a real cluster would keep replacing and evicting it)`,
          { kind: 'Pod', namespace: namespaceOf(v), name: nameOf(v) });
      }
    }
    preemptor.nominatedNodeName = nodeName;
    preemptor.pod.status = { ...(preemptor.pod.status ?? {}), nominatedNodeName: nodeName };
    if (state.nominatedNodeOf(preemptor.pod) !== nodeName) state.nominate(preemptor.pod, nodeName);
    preemptions.push({ preemptor: preemptor.key, victims: names.sort(), node: nodeName });
  };

  /** The victim's controller notices the missing pod and creates a replacement (bare pods are gone). */
  const recreate = (victim: PodRecord) => {
    const intent = victim.intent;
    if (!intent.owner) return;
    const kind = intent.owner.kind;
    const template = clone(intent.pod);
    const spec = template.spec ?? {};
    if (!victim.prebound) delete spec.nodeName; // the scheduler set it; a template's own nodeName stays
    template.status = { phase: 'Pending' };
    let name: string;
    if (kind === 'StatefulSet') name = nameOf(template); // same identity
    else if (kind === 'Job' && template.metadata?.labels?.['batch.kubernetes.io/job-completion-index'] !== undefined) name = podNames.generate(namespaceOf(template), `${intent.owner.name}-${template.metadata.labels['batch.kubernetes.io/job-completion-index']}-`);
    else name = podNames.generate(namespaceOf(template), podsPrefix(intent.owner.name));
    template.metadata = { ...(template.metadata ?? {}), name, uid: uidFrom(rngUids) };
    if (kind === 'DaemonSet' || kind === 'StatefulSet' || kind === 'ReplicaSet' || kind === 'ReplicationController' || kind === 'Job') {
      const msg = kind === 'StatefulSet' ? `create Pod ${name} in StatefulSet ${intent.owner.name} successful` : `Created pod: ${name}`;
      const r = createPod({ ...intent, pod: template, createMessage: msg, companions: [], waitFor: undefined });
      if (r) startPod(r);
    }
  };

  // Pods that failed may fit after later placements (required pod affinity to pods queued after them):
  // the scheduler retries them on cluster events; a few passes reach the fixed point.
  const retryFailed = () => {
    for (let pass = 0; pass < 3 && failed.length > 0; pass++) {
      const retry = failed.splice(0).filter((r) => r.phase === 'Pending' && !r.replaced);
      const before = state.version;
      for (const r of retry) queue.push(r);
      runQueue();
      if (state.version === before) break;
    }
  };
  runQueue();
  retryFailed();
  if (budget <= 0) warn('scheduling stopped: too many preemption rounds');

  // ---------------------------------------------------------------- what-ifs (phase 2)
  if (options.whatIfs && options.whatIfs.length > 0) {
    budget = Math.max(budget, 0) + records.length * 4 + 1000;
    for (const cidr of nodeCidr.values()) takenCidrs.add(cidr);
    let nodeIndex = nodes.length;
    const nodeObj = (name: string) => ({ kind: 'Node', namespace: null, name });
    const podObj = (rec: PodRecord) => ({ kind: 'Pod', namespace: namespaceOf(rec.pod), name: nameOf(rec.pod) });
    /** A new state with the current nodes, the remembered objects and every pod still placed (same order per node). */
    const rebuildState = () => {
      const old = state;
      const next = new ClusterState();
      addNodesInSchedulingOrder(next, nodes.map((n) => n.object));
      for (const f of replay) f(next);
      for (const [k, v] of old.claimBindings) next.claimBindings.set(k, v);
      for (const info of old.nodesInInsertionOrder()) {
        if (!next.node(info.name)) continue;
        for (const p of info.pods) next.assume(p.pod, info.name);
      }
      for (const r of records) {
        if (r.phase !== 'Pending' || r.replaced || r.gone === true || r.nominatedNodeName === null) continue;
        if (next.node(r.nominatedNodeName)) next.nominate(r.pod, r.nominatedNodeName);
        else r.nominatedNodeName = null;
      }
      state = next;
    };
    /** A pod the what-if deletes: out of the scheduler's cache, its IP and quota released, out of the snapshot. */
    const deletePod = (rec: PodRecord, message: string) => {
      state.removePod(rec.pod);
      if (rec.phase === 'Pending' && rec.nominatedNodeName !== null) state.nominate(rec.pod, null);
      if (rec.ip && rec.nodeName && rec.pod.spec?.hostNetwork !== true) ipam.release(rec.nodeName, rec.ip);
      admission.release(rec.pod);
      rec.phase = 'Failed';
      rec.gone = true;
      rec.message = message;
    };
    const liveOf = (key: string) => records.filter((r) => !r.replaced && r.gone !== true && r.phase !== 'Failed' && r.phase !== 'Succeeded'
      && workloadKey(r.intent.workload?.kind ?? 'Pod', namespaceOf(r.pod), r.intent.workload?.name ?? nameOf(r.pod)) === key);

    /** Pending pods are retried after every change (the scheduler requeues them on node and pod events). */
    const settle = () => {
      failed.length = 0;
      for (const rec of records) if (rec.phase === 'Pending' && !rec.replaced && rec.gone !== true && rec.started && !rec.held) queue.push(rec);
      runQueue();
      retryFailed();
    };
    const scaleWorkload = (key: string, replicas: number) => {
      const wl = workloadByKey.get(key);
      const kind = key.split('/')[0];
      if (!wl || !['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet'].includes(kind)) {
        warn(`what-if scale: ${wl ? `a ${kind} is not scaled by replicas` : `no workload ${key}`}`);
        return;
      }
      const hpas = hpasByTarget.get(key);
      const desired = hpas ? settleHpas(hpas, replicas).replicas ?? replicas : replicas;
      const pods = liveOf(key);
      const from = wl.desired;
      wl.desired = desired;
      const rs = replicaSets.find((x) => x.namespace === wl.namespace && (kind === 'Deployment' ? x.owner?.kind === 'Deployment' && x.owner.name === wl.name : kind === 'ReplicaSet' && x.name === wl.name));
      if (rs && kind === 'ReplicaSet') rs.replicas = desired;
      else if (rs) {
        events.normal('ScalingReplicaSet', 'deployment-controller', { kind: 'Deployment', namespace: wl.namespace, name: wl.name },
          `Scaled ${desired > rs.replicas ? 'up' : 'down'} replica set ${rs.name} from ${rs.replicas} to ${desired}`);
        rs.replicas = desired;
      }
      if (kind === 'StatefulSet') {
        scaleStatefulSet(key, wl, pods, desired);
        return;
      }
      if (desired > pods.length) {
        // New pods from the controller's template (names from the same generator as every other pod).
        // a running replica's pod is the template (spec.nodeName is the scheduler's unless the template had one)
        const first = intentsOf.get(key)?.[0];
        const model = pods[0] ?? (first ? byKey.get(`${namespaceOf(first.pod)}/${nameOf(first.pod)}`) : undefined);
        const template = model?.intent;
        if (!model || !template?.owner) {
          // no pod to copy (the files asked for 0 replicas): the controller's own pods for the new size
          const item = outputs.find((o) => o.key === key)?.item;
          if (!item) return;
          const ctx: ControllerContext = { ...ctxBase, replicasOverride: desired };
          const out = kind === 'Deployment' ? runDeployment(item.object as Deployment, item.source, ctx)
            : kind === 'ReplicaSet' ? runReplicaSet(item.object as ReplicaSetLike, item.source, ctx)
              : runReplicationController(item.object as ReplicationController, item.source, ctx);
          for (const intent of out.intents.slice(pods.length)) {
            const rec = createPod(intent);
            if (rec) startPod(rec);
          }
          return;
        }
        const more = ctxBase.budget.take(desired - pods.length, `${kind} ${wl.namespace}/${wl.name}`);
        for (let i = 0; i < more; i++) {
          const pod = clone(template.pod);
          const spec = pod.spec ?? {};
          if (!model.prebound) delete spec.nodeName;
          delete spec.priority; // admission computes it again
          pod.status = { phase: 'Pending' };
          const name = podNames.generate(namespaceOf(pod), podsPrefix(template.owner.name));
          pod.metadata = { ...(pod.metadata ?? {}), name, uid: uidFrom(rngUids) };
          const rec = createPod({ ...template, pod, createMessage: `Created pod: ${name}`, companions: [], waitFor: undefined });
          if (rec) startPod(rec);
        }
      } else if (desired < pods.length) {
        for (const rec of podsToDelete(pods, pods.length - desired)) {
          events.normal('SuccessfulDelete', rec.intent.reporter, { kind: rec.intent.owner?.kind ?? kind, namespace: wl.namespace, name: rec.intent.owner?.name ?? wl.name }, `Deleted pod: ${nameOf(rec.pod)}`);
          deletePod(rec, `deleted: ${kind} ${wl.namespace}/${wl.name} scaled from ${from} to ${desired} (what-if)`);
        }
      }
    };
    /** StatefulSet scaling by ordinal: up creates the missing ordinals in order, down deletes the highest first. */
    const scaleStatefulSet = (key: string, wl: SnapshotWorkload, pods: PodRecord[], desired: number) => {
      const ordinal = (name: string) => Number(name.slice(wl.name.length + 1));
      const stsObj = outputs.find((o) => o.key === key)?.item;
      // pods not yet created (OrderedReady) above the new size are never made
      for (const [pred, list] of waiting) {
        const kept = list.filter((i) => !(i.workload?.kind === 'StatefulSet' && i.workload.name === wl.name && namespaceOf(i.pod) === wl.namespace && ordinal(nameOf(i.pod)) >= desired));
        if (kept.length === 0) waiting.delete(pred); else waiting.set(pred, kept);
      }
      const sorted = [...pods].sort((x, y) => ordinal(nameOf(y.pod)) - ordinal(nameOf(x.pod)));
      for (const rec of sorted) {
        if (ordinal(nameOf(rec.pod)) < desired) break;
        events.normal('SuccessfulDelete', 'statefulset-controller', { kind: 'StatefulSet', namespace: wl.namespace, name: wl.name }, `delete Pod ${nameOf(rec.pod)} in StatefulSet ${wl.name} successful`);
        deletePod(rec, `deleted: StatefulSet ${wl.namespace}/${wl.name} scaled to ${desired} (what-if)`);
      }
      if (!stsObj) return;
      const have = new Set(pods.map((p) => nameOf(p.pod)));
      for (const list of waiting.values()) for (const i of list) have.add(nameOf(i.pod));
      // The controller's own intents for the new size: the ordinals not yet there, in order.
      const out = runStatefulSet(stsObj.object as StatefulSet, stsObj.source, { ...ctxBase, replicasOverride: desired });
      for (const intent of out.intents) {
        if (have.has(nameOf(intent.pod))) continue;
        const pred = intent.waitFor;
        if (pred && byKey.get(pred)?.phase !== 'Running') {
          const list = waiting.get(pred) ?? [];
          list.push(intent);
          waiting.set(pred, list);
          continue;
        }
        const rec = createPod(intent);
        if (rec) startPod(rec);
      }
    };

    for (const w of options.whatIfs) {
      const r = applyWhatIfs(nodes, [w]);
      for (const m of r.warnings) warn(m);
      for (const note of r.notes) events.normal('WhatIf', 'what-if', note.node ? nodeObj(note.node) : { kind: 'Cluster', namespace: null, name: '' }, note.message);
      if (r.notes.length === 0) continue;
      // A node going down: the node controller marks it NotReady, the taint eviction controller deletes its
      // pods (their tolerations of node.kubernetes.io/unreachable run out) and their controllers replace them;
      // bare pods are simply gone. A DaemonSet makes no pod for a node that no longer exists.
      const lost: PodRecord[] = [];
      for (const down of r.downNodes) {
        events.normal('NodeNotReady', 'node-controller', nodeObj(down), `Node ${down} status is now: NodeNotReady`);
        for (const rec of records) {
          if (rec.replaced || rec.gone === true || rec.nodeName !== down) continue;
          // finished pods bound to a node that no longer exists are collected by PodGC (no replacement)
          if (rec.phase === 'Succeeded' || rec.phase === 'Failed') { rec.gone = true; continue; }
          if (rec.phase !== 'Running') continue;
          events.normal('TaintManagerEviction', 'taint-eviction-controller', podObj(rec), `Marking for deletion Pod ${rec.key}`);
          deletePod(rec, `node ${down} is down (what-if): the pod was deleted`);
          lost.push(rec);
        }
      }
      const known = new Set(nodes.map((n) => nameOf(n.object)));
      const added = r.nodes.filter((n) => !known.has(nameOf(n.object)));
      for (const n of added) setUpNodeNetwork(n, nodeIndex++);
      nodes = r.nodes;
      if (r.downNodes.size > 0 || w.kind === 'cordon' || w.kind === 'uncordon') rebuildState();
      else for (const n of added) state.addNode(n.object);
      for (const rec of lost) if (rec.intent.owner?.kind !== 'DaemonSet') recreate(rec);
      // The DaemonSet controller makes a pod for a new node its template selects.
      for (const n of added) {
        for (const o of outputs) {
          if (o.item.object.kind !== 'DaemonSet') continue;
          const out = runDaemonSet(o.item.object as DaemonSet, [n.object], o.item.source, ctxBase);
          for (const intent of out.intents) {
            const rec = createPod(intent);
            if (rec) startPod(rec);
            o.out.workload.desired++;
          }
        }
      }
      for (const [key, replicas] of r.scale) scaleWorkload(key, replicas);
      settle();
    }
    if (budget <= 0) warn('scheduling stopped: too many preemption rounds');
  }

  // StatefulSet pods never created because their predecessor is not running.
  for (const [pred, intents] of waiting) {
    for (const intent of intents) {
      const k = workloadKey(intent.workload?.kind ?? '', namespaceOf(intent.pod), intent.workload?.name ?? '');
      if (!workloadMessages.has(k)) workloadMessages.set(k, `pod ${nameOf(intent.pod)} is not created until ${pred.split('/')[1]} is Running and Ready (podManagementPolicy OrderedReady)`);
    }
  }

  // ---------------------------------------------------------------- storage status
  const runningClaims = new Set<string>();
  for (const rec of records) {
    if (rec.phase !== 'Running') continue;
    for (const v of arr(rec.pod.spec?.volumes)) {
      const c = v?.persistentVolumeClaim?.claimName;
      if (typeof c === 'string') runningClaims.add(`${namespaceOf(rec.pod)}/${c}`);
    }
  }
  const pvByClaim = new Map<string, string>();
  for (const p of split.policy) {
    if (p.object.kind !== 'PersistentVolume') continue;
    const ref = (p.object as PersistentVolume).spec?.claimRef;
    if (ref?.name) pvByClaim.set(`${ref.namespace ?? 'default'}/${ref.name}`, nameOf(p.object));
  }
  const snapshotPvcs: SnapshotPVC[] = pvcs.map(({ claim, owner, source }) => {
    const ns = namespaceOf(claim);
    const name = nameOf(claim);
    const key = `${ns}/${name}`;
    const className = claim.spec?.storageClassName ?? claim.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? state.defaultStorageClass()?.metadata?.name ?? null;
    const sc = className ? state.storageClass(className) : undefined;
    const immediate = !!sc && sc.volumeBindingMode !== 'WaitForFirstConsumer' && canProvision(sc);
    // spec.volumeName, else the PV the PV controller or the scheduler bound it to, else a PV pre-bound to it
    let volumeName: string | null = state.boundVolumeOf(claim) ?? pvByClaim.get(key) ?? null;
    const bound = volumeName !== null || runningClaims.has(key) || immediate;
    if (bound && volumeName === null) volumeName = `pvc-${claim.metadata?.uid ?? uidFrom(rngUids)}`;
    return { namespace: ns, name, owner, storageClassName: className, volumeName: bound ? volumeName : null, phase: bound ? 'Bound' : 'Pending', source };
  });

  // ---------------------------------------------------------------- network
  const { services, warnings: svcWarnings } = allocateServices(split.services.map((s) => ({ object: s.object as Service, source: s.source })), rngNetwork);
  for (const w of svcWarnings) warn(w.message, w.object);
  const live = records.filter((r) => !r.replaced && r.gone !== true);
  const endpointPods: EndpointPod[] = live.map((r) => ({
    pod: r.pod, namespace: namespaceOf(r.pod), name: nameOf(r.pod), labels: labelsOf(r.pod), nodeName: r.nodeName,
    ip: r.phase === 'Running' ? r.ip : null, phase: r.phase, ready: isReady(r), terminating: r.phase === 'Running' && isTerminating(r.pod),
  }));
  const endpointNodes = new Map<string, EndpointNode>(nodes.map((n) => [nameOf(n.object), { name: nameOf(n.object), labels: labelsOf(n.object) }]));
  const podIndex = new PodSelectorIndex(endpointPods);
  const endpointSlices: ClusterSnapshot['endpointSlices'] = [];
  const serviceObjects = new Map<string, Service>();
  split.services.forEach((s, i) => {
    const svc = s.object as Service;
    serviceObjects.set(keyOf(svc), svc);
    const snap = services[i];
    const selected = podIndex.select(namespaceOf(svc), svc.spec?.selector);
    snap.problems = serviceProblems(svc, selected, true);
    const slices = endpointSlicesFor(svc, snap.clusterIP, selected, endpointNodes, rngSlices, true);
    for (const sl of slices) {
      events.normal('EndpointsUpdated', 'endpointslice-controller', { kind: 'EndpointSlice', namespace: sl.namespace, name: sl.name },
        `EndpointSlice ${sl.name} for Service ${sl.namespace}/${sl.service}: ${sl.endpoints.length} endpoint(s)${sl.ports.length ? ` on port(s) ${sl.ports.map((p) => p.port).join(', ')}` : ''}`);
    }
    endpointSlices.push(...slices);
  });
  const routes: SnapshotIngressRoute[] = [];
  const defaultClass = defaultIngressClass(split.others.map((o) => o.object));
  for (const ing of split.ingresses) routes.push(...ingressRoutes(ing.object as Ingress, ing.source, serviceObjects, defaultClass));
  for (const r of routes) if (r.problem) warn(`Ingress ${r.namespace}/${r.ingress}: ${r.problem}`, { kind: 'Ingress', namespace: r.namespace, name: r.ingress });

  // ---------------------------------------------------------------- workloads
  const podsByWorkload = new Map<string, PodRecord[]>();
  for (const r of live) {
    const w = r.intent.workload;
    const k = workloadKey(w?.kind ?? 'Pod', namespaceOf(r.pod), w?.name ?? nameOf(r.pod));
    const list = podsByWorkload.get(k) ?? [];
    list.push(r);
    podsByWorkload.set(k, list);
  }
  for (const [k, w] of workloadByKey) {
    const pods: string[] = [];
    let scheduled = 0;
    let pending = 0;
    for (const r of podsByWorkload.get(k) ?? []) {
      if (r.phase === 'Failed') continue;
      pods.push(r.key);
      if (r.phase === 'Running') scheduled++;
      else if (r.phase === 'Pending') pending++;
    }
    w.pods = pods;
    w.scheduled = scheduled;
    w.pending = pending;
    const msg = workloadMessages.get(k);
    if (msg) w.message = msg;
    const nj = nextJobs.get(w);
    if (nj !== undefined) w.nextJob = nj;
  }

  // ---------------------------------------------------------------- rollouts
  const rollouts = options.previous && options.previous.length > 0
    ? changedDeployments(options.previous.map((m) => m.object), split.workloads.map((w) => w.object)).map(({ previous, current }) => {
      const w = workloadByKey.get(workloadKey('Deployment', namespaceOf(current), nameOf(current)));
      // the old ReplicaSet runs what the previous version's HPA (if any) made of its replicas
      const prevHpa = options.previous!.map((m) => m.object as HorizontalPodAutoscaler).find((o) => o.kind === 'HorizontalPodAutoscaler'
        && namespaceOf(o) === namespaceOf(previous) && o.spec?.scaleTargetRef?.kind === 'Deployment' && o.spec?.scaleTargetRef?.name === nameOf(previous));
      const prevSpec = typeof previous.spec?.replicas === 'number' ? previous.spec.replicas : null;
      const previousReplicas = prevHpa ? hpaDecision(prevHpa, prevSpec).replicas ?? undefined : undefined;
      const plan = planRollout({ previous, current, desired: w?.desired ?? 0, schedulable: w?.scheduled ?? 0, previousReplicas });
      // The controller's history: the previous template's ReplicaSet (revision 1, scaled to 0 once the
      // rollout completes, kept for rollback) and the new one at revision 2 (deploymentutil.SetNewReplicaSetAnnotations).
      const ns = namespaceOf(current);
      const owner = nameOf(current);
      const fresh = replicaSets.find((r) => r.namespace === ns && r.name === plan.newReplicaSet && r.owner?.kind === 'Deployment');
      if (fresh && !replicaSets.some((r) => r.namespace === ns && r.name === plan.oldReplicaSet)) {
        fresh.annotations['deployment.kubernetes.io/revision'] = '2';
        const old = replicaSetNameFor(previous);
        const last = plan.steps[plan.steps.length - 1];
        replicaSets.push({
          namespace: ns, name: old.name, owner: { kind: 'Deployment', name: owner }, replicas: last ? last.oldReplicas : 0, podTemplateHash: old.hash,
          labels: { ...labelsOf({ metadata: previous.spec?.template?.metadata }), 'pod-template-hash': old.hash },
          annotations: { ...fresh.annotations, 'deployment.kubernetes.io/revision': '1' },
        });
        if (w?.replicaSets) w.replicaSets = [...w.replicaSets, old.name];
      }
      return plan;
    })
    : [];

  // ---------------------------------------------------------------- snapshot
  const snapshotNodes: SnapshotNode[] = nodes.map((n) => {
    const name = nameOf(n.object);
    const info = state.node(name)!;
    const requested: Record<string, number> = { ...info.requested };
    requested.pods = info.pods.length;
    const podKeys = info.pods.map((p) => p.key);
    if (podKeys.length > 1) podKeys.sort();
    const labels = labelsOf(n.object);
    return {
      name,
      labels: { ...labels },
      taints: arr(n.object.spec?.taints).filter((t) => t && typeof t === 'object').map((t) => ({ key: t.key ?? '', ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect ?? '' })),
      allocatable: { ...info.allocatable },
      requested,
      pods: podKeys,
      unschedulable: n.object.spec?.unschedulable === true,
      zone: labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? null,
      podCIDR: nodeCidr.get(name) ?? '',
      origin: n.origin,
      source: n.source,
    };
  });

  // A pod keeping its controller's explanation may have been replaced since (a StatefulSet pod
  // recreated under its name after preemption): refer to one still in the snapshot, or to none.
  for (const [rec, { full, pending }] of referring) {
    if (rec.scheduling?.groupExplanation === undefined) continue;
    // a pending pod refers to a pod still pending (whose table says why), a scheduled one to a scheduled one
    const target = full.find((r) => !r.replaced && r.scheduling !== null && r.scheduling.groupExplanation === undefined && (r.phase === 'Pending') === pending);
    if (target) rec.scheduling.groupExplanation = target.key;
    else delete rec.scheduling.groupExplanation;
  }
  const snapshotPods: SnapshotPod[] = live.map((r) => toSnapshotPod(r));

  const objects: SnapshotObject[] = [];
  for (const item of [...split.policy, ...split.hpas, ...split.ingresses, ...split.others, ...(split.schedulerConfig ? [split.schedulerConfig] : [])]) {
    if (item.origin !== 'input') continue;
    const o = item.object;
    const kind = o.kind ?? '';
    const entry: SnapshotObject = { kind, apiVersion: o.apiVersion ?? '', namespace: isClusterScoped(kind) ? null : namespaceOf(o), name: nameOf(o), source: item.source };
    const labels = labelsOf(o);
    if (Object.keys(labels).length > 0) entry.labels = { ...labels };
    if (kind === 'PodDisruptionBudget') {
      const ml = (o.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels;
      entry.selector = ml && typeof ml === 'object' ? { ...ml } : null;
      entry.selectsPods = pdbSelectedPods(o, snapshotPods);
    }
    if (kind === 'HorizontalPodAutoscaler') {
      const t = (o as HorizontalPodAutoscaler).spec?.scaleTargetRef;
      entry.target = t?.kind && t.name ? { kind: t.kind, name: t.name } : null;
    }
    objects.push(entry);
  }
  if (events.dropped > 0) warn(`${events.dropped} events beyond the first ${events.events().length} were not kept`);

  return {
    version: 1,
    seed,
    kubernetesVersion: options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
    clusterSource: split.clusterSource,
    nodes: snapshotNodes,
    pods: snapshotPods,
    services,
    endpointSlices,
    workloads,
    replicaSets,
    persistentVolumeClaims: snapshotPvcs,
    ingressRoutes: routes,
    events: events.events(),
    rollouts,
    preemptions,
    objects,
    warnings,
  };
}

/**
 * The `count` pods a ReplicaSet deletes when scaled down, in the controller's order (upstream
 * pkg/controller/replicaset getPodsToDelete + controller.ActivePodsWithRanks.Less, v1.34): unscheduled
 * before scheduled, Pending before Running, not ready before ready, lower controller.kubernetes.io/pod-
 * deletion-cost first, then pods doubled up with more of their siblings on the same node first. Ready
 * time, restarts and creation time are equal for simulated pods (all made in the same instant); with
 * LogarithmicScaleDown (on since v1.22) pods whose times fall in the same log2 bucket go by UID, the
 * lower first, which is the tie-break used here.
 */
function podsToDelete(pods: PodRecord[], count: number): PodRecord[] {
  const onNode = new Map<string, number>();
  for (const p of pods) if (p.nodeName) onNode.set(p.nodeName, (onNode.get(p.nodeName) ?? 0) + 1);
  const cost = (p: PodRecord) => {
    const v = Number.parseInt(p.pod.metadata?.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? '', 10);
    return Number.isFinite(v) ? v : 0;
  };
  const phaseRank = (p: PodRecord) => (p.phase === 'Pending' ? 0 : p.phase === 'Running' ? 2 : 1);
  const order = new Map(pods.map((p, i) => [p, i]));
  const sorted = [...pods].sort((a, b) => {
    const sa = a.nodeName ? 1 : 0; const sb = b.nodeName ? 1 : 0;
    if (sa !== sb) return sa - sb;
    if (phaseRank(a) !== phaseRank(b)) return phaseRank(a) - phaseRank(b);
    if (cost(a) !== cost(b)) return cost(a) - cost(b);
    const ra = a.nodeName ? onNode.get(a.nodeName) ?? 0 : 0; const rb = b.nodeName ? onNode.get(b.nodeName) ?? 0 : 0;
    if (ra !== rb) return rb - ra;
    const ua = a.pod.metadata?.uid ?? ''; const ub = b.pod.metadata?.uid ?? '';
    if (ua !== ub) return ua < ub ? -1 : 1;
    return order.get(b)! - order.get(a)!;
  });
  return sorted.slice(0, count);
}

/** Scores kept per pod (best totals first); filtered nodes kept per scheduled / pending pod. */
export const MAX_SCORES_KEPT = 25;
export const MAX_FILTERED_KEPT_SCHEDULED = 100;
export const MAX_FILTERED_KEPT_PENDING = 1000;

/**
 * Bound a pod's explanation: on 5,000 nodes every pod would otherwise carry ~500 scored nodes (the
 * snapshot of 10,000 pods would not even fit in a JavaScript string). Small clusters are unaffected.
 */
export function compactScheduling(s: PodScheduling, scheduled: boolean): PodScheduling {
  // The scheduler keeps large explanations lazily (columns built into objects on first read): count and
  // select through its helpers, and never spread `s`, which would build every entry.
  const nScores = scoredNodeCount(s);
  const nFiltered = filteredNodeCount(s);
  const maxFiltered = scheduled ? MAX_FILTERED_KEPT_SCHEDULED : MAX_FILTERED_KEPT_PENDING;
  if (nScores <= MAX_SCORES_KEPT && nFiltered <= maxFiltered) return s;
  const out: PodScheduling = { filtered: {}, scores: {} };
  if (nFiltered > maxFiltered) {
    const f = firstFiltered(s, maxFiltered);
    out.filtered = f.filtered;
    out.filteredBy = f.filteredBy;
  } else {
    out.filtered = s.filtered;
    if (s.filteredBy !== undefined) out.filteredBy = s.filteredBy;
  }
  out.scores = nScores > MAX_SCORES_KEPT ? topScores(s, MAX_SCORES_KEPT, s.selected ?? null) : s.scores;
  if (s.selected !== undefined) out.selected = s.selected;
  if (s.weights !== undefined) out.weights = s.weights;
  out.omitted = { scores: nScores - Object.keys(out.scores).length, filtered: nFiltered - Object.keys(out.filtered).length };
  return out;
}

/** Scheduled pods of one controller that keep a large explanation in full (see `explanationFor`). */
export const FULL_EXPLANATIONS_PER_CONTROLLER = 3;

/** Whether compactScheduling would leave something out of this explanation. */
export function explanationIsLarge(s: PodScheduling, scheduled: boolean): boolean {
  return scoredNodeCount(s) > MAX_SCORES_KEPT || filteredNodeCount(s) > (scheduled ? MAX_FILTERED_KEPT_SCHEDULED : MAX_FILTERED_KEPT_PENDING);
}

/**
 * The explanation of a replica whose controller's table is kept by another pod (`ref`): its own
 * selected node's score (none when pending), the weights, how many nodes were scored and rejected, and
 * the reference.
 */
export function referToGroupExplanation(s: PodScheduling, nodeName: string | null, ref: string): PodScheduling {
  const nScores = scoredNodeCount(s);
  const nFiltered = filteredNodeCount(s);
  const selected = s.selected ?? nodeName;
  // k = 0: only `selected` (a single row, without building the others); a pending pod keeps none
  const scores = selected !== null ? topScores(s, 0, selected) : {};
  const out: PodScheduling = { filtered: {}, scores };
  if (s.selected !== undefined) out.selected = s.selected;
  if (s.weights !== undefined) out.weights = s.weights;
  out.omitted = { scores: nScores - Object.keys(scores).length, filtered: nFiltered };
  out.groupExplanation = ref;
  return out;
}

/**
 * The kubelet's admission of a pod bound to its node (lifecycle predicate admit handler): enough pods
 * slots and enough of every requested resource, else reason OutOf<resource> and its message.
 */
function kubeletAdmission(pod: Pod, node: NonNullable<ReturnType<ClusterState['node']>>): { reason: string; message: string } | null {
  const alloc = node.allocatable;
  const podsCap = alloc.pods ?? 110;
  if (node.pods.length + 1 > podsCap) return { reason: 'OutOfpods', message: `Node didn't have enough resource: pods, requested: 1, used: ${node.pods.length}, capacity: ${podsCap}` };
  let req: Record<string, number>;
  try { req = podRequests(pod); } catch { return null; }
  for (const [r, v] of Object.entries(req)) {
    if (!(v > 0)) continue;
    // removeMissingExtendedResources: the kubelet ignores extended resources the node does not know
    if (alloc[r] === undefined && isExtendedResourceName(r)) continue;
    const cap = alloc[r] ?? 0;
    const used = node.requested[r] ?? 0;
    if (used + v > cap) return { reason: `OutOf${r}`, message: `Node didn't have enough resource: ${r}, requested: ${v}, used: ${used}, capacity: ${cap}` };
  }
  // The rest of the kubelet's generalFilter (pkg/kubelet/lifecycle/predicate.go), first failure wins:
  // AdmissionCheck's node affinity and host ports, then NoExecute taints. Reason = predicate name.
  const predicate = (name: string, desc: string) => ({ reason: name, message: `Predicate ${name} failed: ${desc}` });
  if (!requiredNodeAffinityOf(pod).match(node)) return predicate(NodeAffinityName, NodeAffinityErrReasonPod);
  if (portsConflict(node.usedPorts, podInfoOf(pod).hostPorts)) return predicate(NodePortsName, NodePortsErrReason);
  // static pods (kubernetes.io/config.source other than "api": a dump's mirror pods) skip the taint check
  const source = pod.metadata?.annotations?.['kubernetes.io/config.source'];
  const isStatic = typeof source === 'string' && source !== 'api';
  if (!isStatic && findUntoleratedTaint(node.taints, pod.spec?.tolerations, (t) => t.effect === 'NoExecute')) return predicate(TaintTolerationName, ErrReasonUntoleratedTaints);
  return null;
}

function toSnapshotPod(r: PodRecord): SnapshotPod {
  const pod = r.pod;
  const spec = pod.spec ?? {};
  const ns = namespaceOf(pod);
  const containers = arr(spec.containers).map((c) => ({
    name: c?.name ?? '',
    image: c?.image ?? '',
    ports: arr(c?.ports).filter((p) => typeof p?.containerPort === 'number').map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.containerPort as number, protocol: p.protocol ?? 'TCP' })),
  }));
  const requests = snapshotRequests(r);
  const out: SnapshotPod = {
    namespace: ns,
    name: nameOf(pod),
    labels: { ...labelsOf(pod) },
    owner: r.intent.owner,
    nodeName: r.nodeName,
    phase: r.phase,
    podIP: r.phase === 'Running' ? r.ip : null,
    message: r.message,
    scheduling: r.scheduling,
    priority: typeof spec.priority === 'number' ? spec.priority : 0,
    requests,
    workload: r.intent.workload,
    nominatedNodeName: r.phase === 'Pending' ? r.nominatedNodeName : null,
    preemptedBy: r.preemptedBy,
    ready: isReady(r),
    hostname: typeof spec.hostname === 'string' ? spec.hostname : null,
    subdomain: typeof spec.subdomain === 'string' ? spec.subdomain : null,
    containers,
    references: podReferences(pod),
    source: r.intent.source,
  };
  return out;
}

/**
 * The pod's requests. The scheduler has them for every pod it saw (podInfoOf is memoized per pod object,
 * and nothing changes a pod's resources after creation): a copy, instead of parsing every quantity of
 * 10,000 pods again.
 */
function snapshotRequests(r: PodRecord): Record<string, number> {
  if (r.started && !r.held) {
    try { return { ...podInfoOf(r.pod).requests }; } catch { /* the same parse below decides */ }
  }
  try { return podRequests(r.pod); } catch { return {}; }
}

/** ConfigMaps, Secrets, PVCs and the ServiceAccount a pod refers to, deduplicated, in a stable order. */
export function podReferences(pod: Pod): { kind: string; name: string }[] {
  const refs = new Map<string, { kind: string; name: string }>();
  const add = (kind: string, name: unknown) => { if (typeof name === 'string' && name !== '') refs.set(`${kind}/${name}`, { kind, name }); };
  const spec = pod.spec ?? {};
  for (const v of arr(spec.volumes)) {
    add('ConfigMap', v?.configMap?.name);
    add('Secret', v?.secret?.secretName);
    add('PersistentVolumeClaim', v?.persistentVolumeClaim?.claimName);
    const projected = (v as { projected?: { sources?: { configMap?: { name?: string }; secret?: { name?: string } }[] } } | undefined)?.projected;
    for (const s of arr(projected?.sources)) { add('ConfigMap', s?.configMap?.name); add('Secret', s?.secret?.name); }
  }
  for (const c of [...arr(spec.initContainers), ...arr(spec.containers)]) {
    for (const e of arr(c?.envFrom)) {
      // optional chaining throughout: an entry may be null or a scalar in bad input (the schema reports it)
      add('ConfigMap', (e as { configMapRef?: { name?: string } } | null)?.configMapRef?.name);
      add('Secret', (e as { secretRef?: { name?: string } } | null)?.secretRef?.name);
    }
    for (const e of arr(c?.env)) {
      const vf = e?.valueFrom as { configMapKeyRef?: { name?: string }; secretKeyRef?: { name?: string } } | undefined;
      add('ConfigMap', vf?.configMapKeyRef?.name);
      add('Secret', vf?.secretKeyRef?.name);
    }
  }
  for (const s of arr(spec.imagePullSecrets as { name?: string }[] | undefined)) add('Secret', s?.name);
  add('ServiceAccount', spec.serviceAccountName ?? (spec as { serviceAccount?: string }).serviceAccount);
  return [...refs.values()];
}

/**
 * The pods a PodDisruptionBudget's spec.selector matches, as the disruption controller sees them (policy/v1:
 * an empty selector {} selects every pod of the namespace, a missing selector none). A malformed selector
 * (matchExpressions not a list, ...) selects nothing: the API server would have rejected it.
 */
function pdbSelectedPods(pdb: K8sObject, pods: SnapshotPod[]): string[] {
  const sel = (pdb.spec as { selector?: unknown } | undefined)?.selector;
  if (!sel || typeof sel !== 'object' || Array.isArray(sel)) return [];
  const { matchLabels, matchExpressions } = sel as { matchLabels?: unknown; matchExpressions?: unknown };
  if (matchLabels !== undefined && matchLabels !== null && (typeof matchLabels !== 'object' || Array.isArray(matchLabels))) return [];
  if (matchExpressions !== undefined && matchExpressions !== null && !Array.isArray(matchExpressions)) return [];
  const badRequirement = (r: unknown): boolean => {
    if (!r || typeof r !== 'object') return true;
    const { key, values } = r as { key?: unknown; values?: unknown };
    return typeof key !== 'string' || (values !== undefined && values !== null && !Array.isArray(values));
  };
  if (Array.isArray(matchExpressions) && matchExpressions.some(badRequirement)) return [];
  const selector = { matchLabels: (matchLabels ?? undefined) as Record<string, string> | undefined, matchExpressions: (matchExpressions ?? undefined) as LabelSelector['matchExpressions'] };
  const ns = namespaceOf(pdb);
  return pods.filter((p) => p.namespace === ns && selectorMatches(selector, p.labels)).map((p) => `${p.namespace}/${p.name}`);
}

/**
 * PodReady: the simulation's pods become ready once running; a running pod given in the inputs keeps the
 * Ready condition its status reports (a live cluster's dump may hold pods failing their probes).
 */
function isReady(r: { phase: string; pod: Pod }): boolean {
  return r.phase === 'Running' && !arr(r.pod.status?.conditions).some((c) => c?.type === 'Ready' && c.status !== 'True');
}

/** A pod given with metadata.deletionTimestamp is terminating (EndpointSlice condition terminating). */
function isTerminating(pod: Pod): boolean {
  const t = pod.metadata?.deletionTimestamp;
  return typeof t === 'string' && t !== '';
}

/** Where each workload kind keeps its pod spec, and the resource name the API server's errors use. */
const POD_SPEC_PATHS: Record<string, { resource: string; path: string[] }> = {
  Pod: { resource: 'Pod', path: ['spec'] },
  Deployment: { resource: 'Deployment.apps', path: ['spec', 'template', 'spec'] },
  ReplicaSet: { resource: 'ReplicaSet.apps', path: ['spec', 'template', 'spec'] },
  StatefulSet: { resource: 'StatefulSet.apps', path: ['spec', 'template', 'spec'] },
  DaemonSet: { resource: 'DaemonSet.apps', path: ['spec', 'template', 'spec'] },
  ReplicationController: { resource: 'ReplicationController', path: ['spec', 'template', 'spec'] },
  Job: { resource: 'Job.batch', path: ['spec', 'template', 'spec'] },
  CronJob: { resource: 'CronJob.batch', path: ['spec', 'jobTemplate', 'spec', 'template', 'spec'] },
};

/** The API server's refusal of a workload whose pod spec fails validation (api-validation.ts), or null. */
function invalidPodTemplate(o: K8sObject): string | null {
  const where = POD_SPEC_PATHS[o.kind ?? ''];
  if (!where) return null;
  let spec: unknown = o;
  for (const k of where.path) spec = spec && typeof spec === 'object' ? (spec as Record<string, unknown>)[k] : undefined;
  if (!spec || typeof spec !== 'object') return null;
  const errors = topologySpreadErrors(spec as PodSpec, where.path.join('.'));
  return errors.length === 0 ? null : `${where.resource} "${nameOf(o)}" is invalid: ${aggregate(errors)}`;
}

