// Pod resource requests as the scheduler accounts them (reference §7, upstream
// component-helpers resource.PodRequests):
//   request(r) = max( Σ regular containers + Σ sidecars, max over init containers i of (req_i + Σ sidecars before i) )
//                + overhead(r)
// with pod-level `spec.resources.requests` replacing the container aggregate for cpu/memory/hugepages
// (PodLevelResources, beta and on in v1.34). cpu is in millicores rounded up, everything else an integer
// rounded up. The "non-zero" variant (used only by NodeResourcesFit scoring) counts 100m cpu / 200Mi memory
// for every container that does not mention cpu / memory in its requests.
import { resourceAmount } from '../../core/quantity';
import type { Container, ContainerStatus, Pod, ResourceList } from '../k8s';
import { arr } from '../k8s';

export type ResourceAmounts = Record<string, number>;

/** schedutil.DefaultMilliCPURequest */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** schedutil.DefaultMemoryRequest: 200 MiB */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export const CPU = 'cpu';
export const MEMORY = 'memory';
export const EPHEMERAL_STORAGE = 'ephemeral-storage';
export const PODS = 'pods';

/** Resources pod-level requests may set (upstream supportedPodLevelResources). */
function isPodLevelSupported(name: string): boolean {
  return name === CPU || name === MEMORY || name.startsWith('hugepages-');
}

/**
 * Is `name` a resource the scheduler's Resource struct tracks? cpu, memory, ephemeral-storage and
 * "scalar" resources (extended resources with a domain prefix, hugepages-*, attachable-volumes-*,
 * kubernetes.io/-prefixed native ones). Other names (typos like `cpus`) are ignored by upstream's
 * Resource.Add, and so here.
 */
export function isTrackedResource(name: string): boolean {
  return name === CPU || name === MEMORY || name === EPHEMERAL_STORAGE || isScalarResourceName(name);
}

export function isScalarResourceName(name: string): boolean {
  return name.startsWith('hugepages-') || name.startsWith('attachable-volumes-') || name.includes('/');
}

/** v1helper.IsExtendedResourceName: has a domain that is not kubernetes.io, and no `requests.` prefix. */
export function isExtendedResourceName(name: string): boolean {
  if (!name.includes('/') || name.startsWith('requests.')) return false;
  const domain = name.slice(0, name.indexOf('/'));
  return !(domain === 'kubernetes.io' || domain.endsWith('.kubernetes.io'));
}

/**
 * Amounts of the quantity strings seen so far, per resource name: replicas repeat the same few
 * ("250m", "512Mi"). Bounded (a pathological input must not grow it without end).
 */
const amountCache = new Map<string, Map<string, number>>();
const AMOUNT_CACHE_MAX = 4096;
let amountCacheSize = 0;

/** Parse a quantity for resource `name`; bad syntax counts as 0 (the API server would have rejected the pod). */
export function amountOf(name: string, q: unknown): number {
  if (typeof q === 'string') {
    let byName = amountCache.get(name);
    const hit = byName?.get(q);
    if (hit !== undefined) return hit;
    const v = parseAmount(name, q);
    if (amountCacheSize < AMOUNT_CACHE_MAX) {
      if (byName === undefined) amountCache.set(name, (byName = new Map()));
      byName.set(q, v);
      amountCacheSize++;
    }
    return v;
  }
  return parseAmount(name, q);
}

function parseAmount(name: string, q: unknown): number {
  if (typeof q !== 'string' && typeof q !== 'number') return 0;
  try {
    const v = resourceAmount(name, q);
    return Number.isFinite(v) && v > 0 ? v : 0;
  } catch {
    return 0;
  }
}

function listAmounts(list: ResourceList | null | undefined): ResourceAmounts {
  const out: ResourceAmounts = {};
  if (!list || typeof list !== 'object') return out;
  for (const [name, q] of Object.entries(list)) {
    if (!isTrackedResource(name)) continue;
    out[name] = amountOf(name, q);
  }
  return out;
}

/**
 * A container's requests after the API server's SetDefaults_Pod (pkg/apis/core/v1/defaults.go): every
 * resource with a limit but no request is requested at its limit, for containers and init containers
 * alike. So `limits: {cpu: 500m}` alone requests 500m, and an extended resource (nvidia.com/gpu), which
 * may only be given as a limit, is requested too.
 */
function effectiveRequests(c: Container): ResourceList | undefined {
  const req = c?.resources?.requests;
  const lim = c?.resources?.limits;
  if (!lim || typeof lim !== 'object' || Array.isArray(lim)) return req;
  const out: ResourceList = { ...lim };
  if (req && typeof req === 'object') Object.assign(out, req);
  return out;
}

/**
 * A running container's requests with in-place resize (InPlacePodVerticalScaling, on since v1.33):
 * determineContainerReqs takes, per resource, the larger of the spec's request, the status's
 * resources.requests and allocatedResources; only the status's two when the pod's PodResizePending
 * condition says Infeasible (the spec's new value will not be applied). Used when the container has a
 * status with resources (component-helpers AggregateContainerRequests).
 */
function resizedRequests(req: ResourceList | undefined, cs: ContainerStatus, infeasible: boolean): ResourceList {
  const out: ResourceList = {};
  const lists = [infeasible ? undefined : req, cs.resources?.requests, cs.allocatedResources];
  for (const list of lists) {
    if (!list || typeof list !== 'object') continue;
    for (const [k, q] of Object.entries(list)) {
      if (!(k in out) || amountOf(k, q) > amountOf(k, out[k])) out[k] = q;
    }
  }
  return out;
}

/** name -> status of the containers whose status carries resources (null when none does). */
function statusesWithResources(pod: Pod): Map<string, ContainerStatus> | null {
  const st = pod.status;
  if (!st || (!Array.isArray(st.containerStatuses) && !Array.isArray(st.initContainerStatuses))) return null;
  let out: Map<string, ContainerStatus> | null = null;
  for (const cs of [...arr(st.containerStatuses), ...arr(st.initContainerStatuses)]) {
    if (!cs || typeof cs !== 'object' || typeof cs.name !== 'string' || !cs.resources || typeof cs.resources !== 'object') continue;
    (out ??= new Map()).set(cs.name, cs);
  }
  return out;
}

/** IsPodResizeInfeasible: a PodResizePending condition with reason Infeasible. */
function resizeInfeasible(pod: Pod): boolean {
  return arr(pod.status?.conditions).some((c) => c?.type === 'PodResizePending' && c.reason === 'Infeasible');
}

function containerRequests(c: Container, nonZero: boolean, statuses: Map<string, ContainerStatus> | null = null, infeasible = false): ResourceAmounts {
  let req = effectiveRequests(c);
  const cs = statuses !== null && typeof c?.name === 'string' ? statuses.get(c.name) : undefined;
  if (cs) req = resizedRequests(req, cs, infeasible);
  const out = listAmounts(req);
  if (nonZero) {
    // "Missing" means the key is absent: an explicit 0 stays 0 (reference §12.1).
    const has = (k: string) => !!req && typeof req === 'object' && Object.prototype.hasOwnProperty.call(req, k);
    if (!has(CPU)) out[CPU] = DEFAULT_MILLI_CPU_REQUEST;
    if (!has(MEMORY)) out[MEMORY] = DEFAULT_MEMORY_REQUEST;
  }
  return out;
}

function addInto(into: ResourceAmounts, from: ResourceAmounts): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

function maxInto(into: ResourceAmounts, from: ResourceAmounts): void {
  for (const [k, v] of Object.entries(from)) if (v > (into[k] ?? 0)) into[k] = v;
}

/** A sidecar: an init container with restartPolicy Always. */
export function isSidecar(c: Container): boolean {
  return c?.restartPolicy === 'Always';
}

/**
 * The pod's requests. With `nonZero`, containers missing cpu/memory count as 100m/200Mi
 * (upstream's NonMissingContainerRequests option).
 */
export function podRequests(pod: Pod, nonZero = false): ResourceAmounts {
  const spec = pod.spec ?? {};
  const reqs: ResourceAmounts = { [CPU]: 0, [MEMORY]: 0 };
  const statuses = statusesWithResources(pod);
  const infeasible = statuses !== null && resizeInfeasible(pod);
  for (const c of arr(spec.containers)) addInto(reqs, containerRequests(c, nonZero, statuses, infeasible));

  // Init containers run one after another; sidecars started before an init container keep running
  // beside it, and keep running with the regular containers afterwards.
  const sidecarSum: ResourceAmounts = {};
  const initPeak: ResourceAmounts = {};
  for (const c of arr(spec.initContainers)) {
    // only a sidecar (it keeps running) is resized in place
    const r = isSidecar(c) ? containerRequests(c, nonZero, statuses, infeasible) : containerRequests(c, nonZero);
    if (isSidecar(c)) {
      addInto(sidecarSum, r);
      addInto(reqs, r);
      // a sidecar's own start also has to fit beside the earlier sidecars
      maxInto(initPeak, { ...sidecarSum });
    } else {
      const peak: ResourceAmounts = { ...r };
      addInto(peak, sidecarSum);
      maxInto(initPeak, peak);
    }
  }
  maxInto(reqs, initPeak);

  const podLevel = spec.resources?.requests;
  if (podLevel && typeof podLevel === 'object') {
    for (const [name, q] of Object.entries(podLevel)) {
      if (isPodLevelSupported(name)) reqs[name] = amountOf(name, q);
    }
  }

  addInto(reqs, listAmounts(spec.overhead));
  for (const k of Object.keys(reqs)) if (reqs[k] === 0 && k !== CPU && k !== MEMORY) delete reqs[k];
  return reqs;
}

/** Node allocatable in scheduler units; `pods` defaults as explained below. */
export function nodeAllocatable(status: { allocatable?: ResourceList; capacity?: ResourceList } | undefined): ResourceAmounts {
  // Upstream reads status.allocatable only. Hand-written Node manifests often give just `capacity`
  // (a kubelet derives allocatable from it), so capacity is used when allocatable is absent, and a
  // missing `pods` count takes the kubelet's default maxPods (110): a real node always reports one.
  const src = status?.allocatable && typeof status.allocatable === 'object' ? status.allocatable : status?.capacity;
  const out: ResourceAmounts = { [CPU]: 0, [MEMORY]: 0 };
  if (src && typeof src === 'object') {
    for (const [name, q] of Object.entries(src)) {
      if (name === PODS) out[PODS] = amountOf(PODS, q);
      else if (isTrackedResource(name)) out[name] = amountOf(name, q);
    }
  }
  if (out[PODS] === undefined) out[PODS] = 110;
  return out;
}
