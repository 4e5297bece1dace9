// The API server's handling of a new Pod that changes what the scheduler sees, after the Priority
// admission the simulation loop already does. Applied in the order the API server applies it:
//   1. defaulting on decode (pkg/apis/core/v1/defaults.go SetDefaults_Pod): a container resource with a
//      limit but no request is requested at its limit (containers and init containers);
//   2. LimitRanger (plugin/pkg/admission/limitranger): every LimitRange of the pod's namespace with a
//      `type: Container` item gives containers its `default` limits and `defaultRequest` requests for the
//      resources they do not set. LimitRange objects are themselves defaulted when stored
//      (SetDefaults_LimitRangeItem): default <- max, defaultRequest <- default, defaultRequest <- min;
//   3. DefaultTolerationSeconds: pods that do not tolerate node.kubernetes.io/not-ready:NoExecute
//      (unreachable:NoExecute) get a 300 s toleration for it;
//   4. RuntimeClass: `runtimeClassName` must name a RuntimeClass ("pod rejected: RuntimeClass "x" not
//      found"); its overhead.podFixed becomes spec.overhead (a different overhead on the pod is rejected, as
//      is an overhead without a RuntimeClass that defines one); its scheduling.nodeSelector is merged into
//      the pod's nodeSelector (a conflicting value is rejected) and its tolerations are added.
//   5. ResourceQuota (plugin/pkg/admission/resourcequota, pod evaluator pkg/quota/v1/evaluator/core/pods.go):
//      for each unscoped quota of the namespace, a quota on cpu/memory (requests or limits) requires every
//      container to set it ("failed quota: q: must specify limits.cpu for: c"), and the pod's usage (pods,
//      requests.*, limits.*, extended requests.*) added to what the namespace's live pods use must stay within
//      spec.hard ("exceeded quota: q, requested: requests.cpu=500m, used: requests.cpu=2, limited: requests.cpu=2").
//      A quota with scopes / scopeSelector applies only to the pods every one of its scope requirements
//      matches (podMatchesScopeFunc: Terminating / NotTerminating by activeDeadlineSeconds >= 0, BestEffort /
//      NotBestEffort by QoS class, PriorityClass by priorityClassName with In / NotIn / Exists /
//      DoesNotExist, CrossNamespacePodAffinity by affinity terms with namespaces or a namespaceSelector; any
//      other scope matches no pod), and counts only those pods' usage. Usage is released when a pod ends
//      (release()).
// Pure apart from the quota usage it keeps: mutates only the pod it is given (a fresh copy the controllers made).
import type { K8sObject, Pod, ResourceList, Toleration } from './k8s';
import { arr, namespaceOf, nameOf } from './k8s';
import { amountOf, isExtendedResourceName, podRequests } from './scheduler/resources';
import { formatResource } from '../core/quantity';

export interface LimitRangeItem {
  type?: string;
  default?: ResourceList | null;
  defaultRequest?: ResourceList | null;
  max?: ResourceList | null;
  min?: ResourceList | null;
  [key: string]: unknown;
}
export interface LimitRange extends K8sObject { spec?: { limits?: LimitRangeItem[] | null } }
export interface RuntimeClass extends K8sObject {
  handler?: string;
  overhead?: { podFixed?: ResourceList | null } | null;
  scheduling?: { nodeSelector?: Record<string, string> | null; tolerations?: Toleration[] | null } | null;
}

export interface ResourceQuota extends K8sObject {
  spec?: { hard?: ResourceList | null; scopes?: unknown; scopeSelector?: unknown } | null;
}

/** corev1.ScopedResourceSelectorRequirement */
interface ScopeRequirement { scopeName: string; operator: string; values: readonly string[] }

/** A quota of a namespace with the scope requirements a pod must all match (none: every pod). */
interface ScopedQuota { quota: ResourceQuota; name: string; hard: ResourceList; scopes: readonly ScopeRequirement[] }

type Usage = Record<string, number>;

/** The objects admission reads, indexed once per simulation, and the quota usage of the admitted pods. */
export class AdmissionObjects {
  private readonly limitRanges = new Map<string, LimitRange[]>();
  private readonly runtimeClasses = new Map<string, RuntimeClass>();
  private readonly quotas = new Map<string, ScopedQuota[]>();
  /** quota -> usage of the live pods admitted under it */
  private readonly used = new Map<ScopedQuota, Usage>();
  private readonly usageOf = new WeakMap<Pod, { quotas: readonly ScopedQuota[]; usage: Usage }>();

  constructor(objects: readonly K8sObject[]) {
    for (const o of objects) {
      if (!o || typeof o !== 'object') continue;
      if (o.kind === 'LimitRange') {
        const ns = namespaceOf(o);
        const list = this.limitRanges.get(ns) ?? [];
        list.push(o as LimitRange);
        this.limitRanges.set(ns, list);
      } else if (o.kind === 'RuntimeClass' && nameOf(o)) {
        this.runtimeClasses.set(nameOf(o), o as RuntimeClass);
      } else if (o.kind === 'ResourceQuota') {
        const q = o as ResourceQuota;
        const scopes = scopeRequirements(q);
        // no hard limits, or scopes the API server's validation would refuse: the quota could not exist
        if (!isList(q.spec?.hard) || !scopes) continue;
        const ns = namespaceOf(o);
        const list = this.quotas.get(ns) ?? [];
        list.push({ quota: q, name: nameOf(q), hard: q.spec!.hard!, scopes });
        this.quotas.set(ns, list);
      }
    }
    for (const list of this.quotas.values()) list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // the API server lists a namespace's LimitRanges by name
    for (const list of this.limitRanges.values()) list.sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
  }

  limitRangesIn(namespace: string): readonly LimitRange[] {
    return this.limitRanges.get(namespace) ?? [];
  }

  runtimeClass(name: string): RuntimeClass | undefined {
    return this.runtimeClasses.get(name);
  }

  /** ResourceQuota admission of a pod about to be created; on success its usage is charged. */
  chargeQuota(pod: Pod): string | null {
    const ns = namespaceOf(pod);
    const quotas = this.quotas.get(ns);
    if (!quotas || this.usageOf.has(pod)) return null;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return null; // terminal pods use no quota
    const matching = quotas.filter((q) => q.scopes.every((r) => podMatchesScope(pod, r)));
    if (matching.length === 0) return null;
    const usage = podQuotaUsage(pod);
    for (const q of matching) {
      const hard = q.hard;
      const used = this.used.get(q) ?? {};
      const missing = missingConstraints(pod, Object.keys(hard));
      if (missing) return `failed quota: ${q.name}: must specify ${missing}`;
      const exceeded: string[] = [];
      for (const r of Object.keys(hard).sort()) {
        const want = usage[r] ?? 0;
        if (want === 0) continue;
        if ((used[r] ?? 0) + want > amountOf(baseResource(r), hard[r])) exceeded.push(r);
      }
      if (exceeded.length > 0) {
        const show = (f: (r: string) => number) => exceeded.map((r) => `${r}=${formatResource(baseResource(r), f(r))}`).join(',');
        return `exceeded quota: ${q.name}, requested: ${show((r) => usage[r] ?? 0)}, used: ${show((r) => used[r] ?? 0)}, limited: ${show((r) => amountOf(baseResource(r), hard[r]))}`;
      }
    }
    for (const q of matching) {
      const used = this.used.get(q) ?? {};
      for (const [r, v] of Object.entries(usage)) used[r] = (used[r] ?? 0) + v;
      this.used.set(q, used);
    }
    this.usageOf.set(pod, { quotas: matching, usage });
    return null;
  }

  /** A pod ended (deleted, failed): its quota usage is free again. */
  release(pod: Pod): void {
    const u = this.usageOf.get(pod);
    if (!u) return;
    this.usageOf.delete(pod);
    for (const q of u.quotas) {
      const used = this.used.get(q);
      if (!used) continue;
      for (const [r, v] of Object.entries(u.usage)) used[r] = Math.max(0, (used[r] ?? 0) - v);
    }
  }
}

const SCOPE_OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/**
 * helper.GetScopeSelectorsFromQuota: each of spec.scopes as an Exists requirement, then
 * spec.scopeSelector.matchExpressions. null when they are malformed (validation would refuse the quota).
 */
function scopeRequirements(q: ResourceQuota): ScopeRequirement[] | null {
  const out: ScopeRequirement[] = [];
  const scopes = q.spec?.scopes;
  if (scopes !== undefined && scopes !== null) {
    if (!Array.isArray(scopes)) return null;
    for (const s of scopes as unknown[]) {
      if (typeof s !== 'string') return null;
      out.push({ scopeName: s, operator: 'Exists', values: [] });
    }
  }
  const selector = q.spec?.scopeSelector;
  if (selector !== undefined && selector !== null) {
    if (typeof selector !== 'object') return null;
    const exprs = (selector as { matchExpressions?: unknown }).matchExpressions;
    if (exprs !== undefined && exprs !== null && !Array.isArray(exprs)) return null;
    for (const e of arr(exprs as unknown[])) {
      const { scopeName, operator, values } = (e ?? {}) as { scopeName?: unknown; operator?: unknown; values?: unknown };
      if (typeof scopeName !== 'string' || typeof operator !== 'string' || !SCOPE_OPERATORS.has(operator)) return null;
      const list = Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : [];
      out.push({ scopeName, operator, values: list });
    }
  }
  return out;
}

/** pods.go podMatchesScopeFunc. */
function podMatchesScope(pod: Pod, r: ScopeRequirement): boolean {
  switch (r.scopeName) {
    case 'Terminating': return isTerminating(pod);
    case 'NotTerminating': return !isTerminating(pod);
    case 'BestEffort': return isBestEffort(pod);
    case 'NotBestEffort': return !isBestEffort(pod);
    case 'PriorityClass': {
      // podMatchesSelector: the label set {PriorityClass: name}, empty when the pod names none
      const name = typeof pod.spec?.priorityClassName === 'string' ? pod.spec.priorityClassName : '';
      switch (r.operator) {
        case 'Exists': return name !== '';
        case 'DoesNotExist': return name === '';
        case 'In': return name !== '' && r.values.includes(name);
        default: return name === '' || !r.values.includes(name); // NotIn
      }
    }
    case 'CrossNamespacePodAffinity': return usesCrossNamespacePodAffinity(pod);
    default: return false;
  }
}

/** IsTerminating: activeDeadlineSeconds set and >= 0. */
function isTerminating(pod: Pod): boolean {
  const d = (pod.spec as { activeDeadlineSeconds?: unknown } | undefined)?.activeDeadlineSeconds;
  return typeof d === 'number' && d >= 0;
}

/** qos.GetPodQOS == BestEffort: no container or init container requests or limits a positive cpu or memory. */
function isBestEffort(pod: Pod): boolean {
  let best = true;
  eachContainer(pod, (c) => {
    for (const list of [c.resources?.requests, c.resources?.limits]) {
      if (!isList(list)) continue;
      for (const r of ['cpu', 'memory']) if (r in list && amountOf(r, list[r]) > 0) best = false;
    }
  });
  return best;
}

/** A pod (anti-)affinity term, required or preferred, that names namespaces or has a namespaceSelector. */
function usesCrossNamespacePodAffinity(pod: Pod): boolean {
  const affinity = pod.spec?.affinity;
  if (!affinity || typeof affinity !== 'object') return false;
  type Term = { namespaces?: unknown; namespaceSelector?: unknown; podAffinityTerm?: Term };
  const cross = (t: Term | null | undefined) => !!t && typeof t === 'object'
    && ((Array.isArray(t.namespaces) && t.namespaces.length > 0) || (t.namespaceSelector !== undefined && t.namespaceSelector !== null));
  for (const kind of [affinity.podAffinity, affinity.podAntiAffinity]) {
    if (!kind || typeof kind !== 'object') continue;
    const k = kind as { requiredDuringSchedulingIgnoredDuringExecution?: unknown; preferredDuringSchedulingIgnoredDuringExecution?: unknown };
    if (arr(k.requiredDuringSchedulingIgnoredDuringExecution as Term[]).some(cross)) return true;
    if (arr(k.preferredDuringSchedulingIgnoredDuringExecution as Term[]).some((w) => !!w && typeof w === 'object' && cross(w.podAffinityTerm))) return true;
  }
  return false;
}

/** "requests.cpu" / "limits.cpu" / "cpu" -> "cpu" (the unit the amounts are kept in). */
function baseResource(r: string): string {
  return r.startsWith('requests.') ? r.slice('requests.'.length) : r.startsWith('limits.') ? r.slice('limits.'.length) : r;
}

/** Upstream PodUsageFunc: what one pod counts against a quota. */
function podQuotaUsage(pod: Pod): Usage {
  const usage: Usage = { pods: 1, 'count/pods': 1 };
  const req = podRequests(pod);
  for (const [r, v] of Object.entries(req)) {
    if (!(v > 0)) continue;
    if (r === 'cpu' || r === 'memory' || r === 'ephemeral-storage') { usage[r] = v; usage[`requests.${r}`] = v; }
    else if (isExtendedResourceName(r) || r.startsWith('hugepages-')) usage[`requests.${r}`] = v;
  }
  // limits: the same aggregation over limits (init containers' max against the containers' sum)
  const limitsPod: Pod = { ...pod, spec: { ...(pod.spec ?? {}) } };
  const asRequests = (list: unknown[] | undefined | null) => arr(list as ContainerLike[]).filter((c) => !!c && typeof c === 'object')
    .map((c) => ({ ...c, resources: { requests: isList(c.resources?.limits) ? c.resources!.limits : {} } }));
  type Containers = NonNullable<Pod['spec']>['containers'];
  limitsPod.spec!.containers = asRequests(pod.spec?.containers) as Containers;
  limitsPod.spec!.initContainers = asRequests(pod.spec?.initContainers) as Containers;
  delete limitsPod.spec!.resources;
  const lim = podRequests(limitsPod);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) if ((lim[r] ?? 0) > 0) usage[`limits.${r}`] = lim[r];
  return usage;
}

const CONSTRAINED = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

/** podEvaluator.Constraints: "limits.cpu for: a,b; requests.memory for: a", or null. */
function missingConstraints(pod: Pod, hard: string[]): string | null {
  const required = hard.filter((r) => CONSTRAINED.has(r));
  if (required.length === 0) return null;
  const missing = new Map<string, Set<string>>();
  eachContainer(pod, (c) => {
    const req = isList(c.resources?.requests) ? c.resources!.requests! : {};
    const lim = isList(c.resources?.limits) ? c.resources!.limits! : {};
    const has = new Set<string>();
    if ('cpu' in req) { has.add('cpu'); has.add('requests.cpu'); }
    if ('memory' in req) { has.add('memory'); has.add('requests.memory'); }
    if ('cpu' in lim) has.add('limits.cpu');
    if ('memory' in lim) has.add('limits.memory');
    for (const r of required) {
      if (has.has(r)) continue;
      const set = missing.get(r) ?? new Set<string>();
      set.add(typeof c.name === 'string' ? c.name : '');
      missing.set(r, set);
    }
  });
  if (missing.size === 0) return null;
  return [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`).join('; ');
}

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const DEFAULT_TOLERATION_SECONDS = 300;
// Shared by every pod (nothing writes to a pod's tolerations after admission); frozen to keep it so.
const TOLERATE_NOT_READY: Toleration = Object.freeze({ key: NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
const TOLERATE_UNREACHABLE: Toleration = Object.freeze({ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });

function isList(x: unknown): x is ResourceList {
  return !!x && typeof x === 'object' && !Array.isArray(x);
}

interface ContainerLike { resources?: { requests?: ResourceList; limits?: ResourceList; [k: string]: unknown } | null; [k: string]: unknown }

/** Calls `f` on every init container and container that is an object (no arrays built: this runs per pod). */
function eachContainer(pod: Pod, f: (c: ContainerLike) => void): void {
  const spec = pod.spec;
  if (!spec) return;
  for (const list of [spec.initContainers, spec.containers]) {
    if (!Array.isArray(list)) continue;
    for (const c of list as unknown[]) if (c && typeof c === 'object' && !Array.isArray(c)) f(c as ContainerLike);
  }
}

/** SetDefaults_Pod: requests default to limits, per resource. */
export function defaultRequestsFromLimits(pod: Pod): void {
  eachContainer(pod, (c) => {
    const res = c.resources;
    if (!res || typeof res !== 'object') return;
    const limits = res.limits;
    if (!isList(limits)) return;
    let requests = isList(res.requests) ? res.requests : null;
    for (const k in limits) {
      if (requests && k in requests) continue;
      if (!requests) requests = res.requests = {};
      requests[k] = limits[k];
    }
  });
}

/** SetDefaults_LimitRangeItem applied to a copy of the item's defaults. */
function itemDefaults(item: LimitRangeItem): { limits: ResourceList; requests: ResourceList } {
  const limits: ResourceList = { ...(isList(item.default) ? item.default : {}) };
  for (const [k, v] of Object.entries(isList(item.max) ? item.max : {})) if (!(k in limits)) limits[k] = v;
  const requests: ResourceList = { ...(isList(item.defaultRequest) ? item.defaultRequest : {}) };
  for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
  for (const [k, v] of Object.entries(isList(item.min) ? item.min : {})) if (!(k in requests)) requests[k] = v;
  return { limits, requests };
}

/** LimitRanger's mutation: container defaults from each LimitRange in turn (the first to set a key wins). */
export function applyLimitRanges(pod: Pod, ranges: readonly LimitRange[]): void {
  for (const lr of ranges) {
    const limits: ResourceList = {};
    const requests: ResourceList = {};
    // defaultContainerResourceRequirements: every Container item, later ones overwriting earlier keys
    for (const item of arr(lr?.spec?.limits)) {
      if (!item || item.type !== 'Container') continue;
      const d = itemDefaults(item);
      Object.assign(limits, d.limits);
      Object.assign(requests, d.requests);
    }
    if (Object.keys(limits).length === 0 && Object.keys(requests).length === 0) continue;
    eachContainer(pod, (c) => {
      const res = (c.resources && typeof c.resources === 'object' ? c.resources : (c.resources = {}));
      const cl: ResourceList = isList(res.limits) ? res.limits : {};
      const cr: ResourceList = isList(res.requests) ? res.requests : {};
      for (const [k, v] of Object.entries(limits)) if (!(k in cl)) cl[k] = v;
      for (const [k, v] of Object.entries(requests)) if (!(k in cr)) cr[k] = v;
      if (Object.keys(cl).length > 0) res.limits = cl;
      if (Object.keys(cr).length > 0) res.requests = cr;
    });
  }
}

/** DefaultTolerationSeconds. */
export function addDefaultTolerations(pod: Pod): void {
  const spec = (pod.spec ??= {});
  const list = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  let notReady = false;
  let unreachable = false;
  for (const t of list) {
    if (!t || typeof t !== 'object' || (t.effect && t.effect !== 'NoExecute')) continue;
    if (!t.key) { notReady = unreachable = true; break; }
    if (t.key === NOT_READY) notReady = true;
    else if (t.key === UNREACHABLE) unreachable = true;
  }
  if (notReady && unreachable) return;
  const out = list.slice();
  if (!notReady) out.push(TOLERATE_NOT_READY);
  if (!unreachable) out.push(TOLERATE_UNREACHABLE);
  spec.tolerations = out;
}

function sameList(a: ResourceList, b: ResourceList): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && String(a[k]) === String(b[k]));
}

/** RuntimeClass admission; returns the rejection reason or null. */
export function applyRuntimeClass(pod: Pod, objects: AdmissionObjects): string | null {
  const spec = (pod.spec ??= {});
  const name = spec.runtimeClassName;
  if ((name === undefined || name === null) && (spec.overhead === undefined || spec.overhead === null)) return null;
  const podOverhead = isList(spec.overhead) && Object.keys(spec.overhead).length > 0 ? spec.overhead : null;
  if (typeof name !== 'string' || name === '') {
    return podOverhead ? 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead' : null;
  }
  const rc = objects.runtimeClass(name);
  if (!rc) return `pod rejected: RuntimeClass "${name}" not found`;
  const fixed = isList(rc.overhead?.podFixed) ? rc.overhead!.podFixed! : null;
  if (fixed) {
    if (podOverhead && !sameList(podOverhead, fixed)) return "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead";
    spec.overhead = { ...fixed };
  } else if (podOverhead) {
    return 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead';
  }
  const sched = rc.scheduling;
  if (sched && typeof sched === 'object') {
    const selector: Record<string, string> = { ...(isList(spec.nodeSelector) ? (spec.nodeSelector as Record<string, string>) : {}) };
    for (const [k, want] of Object.entries(isList(sched.nodeSelector) ? (sched.nodeSelector as Record<string, string>) : {})) {
      const have = selector[k];
      if (have !== undefined && have !== want) return `conflict: runtimeClass.scheduling.nodeSelector[${k}] = ${want}; pod.spec.nodeSelector[${k}] = ${have}`;
      selector[k] = want;
    }
    if (Object.keys(selector).length > 0) spec.nodeSelector = selector;
    const extra = arr(sched.tolerations).filter((t) => !!t && typeof t === 'object');
    if (extra.length > 0) {
      const existing = arr(spec.tolerations);
      const key = (t: Toleration) => JSON.stringify([t.key ?? '', t.operator ?? '', t.value ?? '', t.effect ?? '', t.tolerationSeconds ?? null]);
      const seen = new Set(existing.map(key));
      spec.tolerations = [...existing, ...extra.filter((t) => !seen.has(key(t)))];
    }
  }
  return null;
}

/**
 * Everything above, in the API server's order. Mutates `pod`; returns the reason the API server would
 * reject it (the text after `pods "<name>" is forbidden: `), or null when it is admitted.
 */
export function admitPod(pod: Pod, objects: AdmissionObjects): string | null {
  defaultRequestsFromLimits(pod);
  const ranges = objects.limitRangesIn(namespaceOf(pod));
  if (ranges.length > 0) applyLimitRanges(pod, ranges);
  addDefaultTolerations(pod);
  return applyRuntimeClass(pod, objects) ?? objects.chargeQuota(pod);
}
