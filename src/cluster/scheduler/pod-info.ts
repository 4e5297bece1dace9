// PodInfo: what the scheduler precomputes once per pod (upstream framework.PodInfo + Resource):
// requests, non-zero requests, host ports, and parsed pod (anti-)affinity terms.
import type { LabelSelector, LabelSelectorRequirement, Labels } from '../../core/labels';
import {
  selectorMatches as selectorMatches_,
} from '../../core/labels';
import type { Pod, PodAffinityTerm, WeightedPodAffinityTerm } from '../k8s';
import {
  arr as arr_, controllerRefOf, keyOf, labelsOf, namespaceOf, nameOf,
} from '../k8s';
import {
  CPU as CPU_, MEMORY as MEMORY_, podRequests, type ResourceAmounts,
} from './resources';

// Local bindings of hot imported values: the file-by-file CommonJS build reads imports through getters.
const selectorMatches = selectorMatches_;
const arr = arr_;
const CPU = CPU_;
const MEMORY = MEMORY_;

export interface HostPort { ip: string; protocol: string; port: number }

/** A parsed PodAffinityTerm (upstream framework.AffinityTerm). */
export interface AffinityTerm {
  /** explicit namespaces (or the owner's namespace when neither list nor selector is given) */
  namespaces: Set<string>;
  /** namespaceSelector; null = matches no namespace (upstream labels.Nothing()) */
  namespaceSelector: LabelSelector | null;
  /** label selector; null = matches nothing */
  selector: LabelSelector | null;
  topologyKey: string;
  /** canonical text of (namespaces, namespaceSelector, selector): equal keys match the same pods */
  key: string;
}

export interface WeightedAffinityTerm extends AffinityTerm { weight: number }

export interface PodInfo {
  pod: Pod;
  /** "ns/name" */
  key: string;
  name: string;
  namespace: string;
  labels: Labels;
  /** actual requests (filter, BalancedAllocation, node accounting) */
  requests: ResourceAmounts;
  /** cpu/memory with the 100m/200Mi defaults per container (NodeResourcesFit scoring only) */
  nonZeroCpu: number;
  nonZeroMemory: number;
  /** every resource with the non-zero defaults applied (NodeResourcesFit scoring) */
  nonZeroRequests: ResourceAmounts;
  hostPorts: HostPort[];
  requiredAffinity: AffinityTerm[];
  requiredAntiAffinity: AffinityTerm[];
  preferredAffinity: WeightedAffinityTerm[];
  preferredAntiAffinity: WeightedAffinityTerm[];
  /** metadata.deletionTimestamp is set */
  terminating: boolean;
  /** canonical text of all four affinity lists + namespace: pods with equal text behave the same */
  affinitySignature: string;
}

/**
 * A LabelSelector from YAML, made safe to evaluate: null when it is absent or malformed (the API
 * server would have rejected the object; here it simply matches nothing).
 */
export function safeSelector(x: unknown): LabelSelector | null {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return null;
  const s = x as Record<string, unknown>;
  const ml = s.matchLabels;
  const me = s.matchExpressions;
  if (ml !== undefined && ml !== null && (typeof ml !== 'object' || Array.isArray(ml))) return null;
  if (me !== undefined && me !== null && !Array.isArray(me)) return null;
  const out: LabelSelector = {};
  if (ml) {
    const labels: Labels = {};
    for (const [k, v] of Object.entries(ml as Record<string, unknown>)) {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return null;
      labels[k] = String(v);
    }
    out.matchLabels = labels;
  }
  if (me) {
    const exprs: LabelSelectorRequirement[] = [];
    for (const r of me as unknown[]) {
      if (!r || typeof r !== 'object') return null;
      const rr = r as Record<string, unknown>;
      if (typeof rr.key !== 'string' || typeof rr.operator !== 'string') return null;
      if (rr.values !== undefined && rr.values !== null && !Array.isArray(rr.values)) return null;
      exprs.push({ key: rr.key, operator: rr.operator, values: arr(rr.values as unknown[]).map((v) => String(v)) });
    }
    out.matchExpressions = exprs;
  }
  return out;
}

/** Canonical JSON with sorted object keys (for grouping equal selectors). */
export function canonical(x: unknown): string {
  if (x === null || typeof x !== 'object') return JSON.stringify(x ?? null);
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  const o = x as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}

/**
 * The API server merges matchLabelKeys / mismatchLabelKeys into the term's selector when the pod is
 * created (MatchLabelKeysInPodAffinity, beta and on since v1.31), and the scheduler ignores the fields.
 * Pods here come straight from YAML, so the merge is done here: `key In [value]` / `key NotIn [value]`
 * for every listed key the pod has.
 */
function mergedSelector(term: PodAffinityTerm, podLabels: Labels): LabelSelector | null {
  const sel = safeSelector(term.labelSelector);
  if (!sel) return null;
  const extra: LabelSelectorRequirement[] = [];
  for (const k of arr(term.matchLabelKeys)) {
    if (typeof k === 'string' && Object.prototype.hasOwnProperty.call(podLabels, k)) extra.push({ key: k, operator: 'In', values: [podLabels[k]] });
  }
  for (const k of arr(term.mismatchLabelKeys)) {
    if (typeof k === 'string' && Object.prototype.hasOwnProperty.call(podLabels, k)) extra.push({ key: k, operator: 'NotIn', values: [podLabels[k]] });
  }
  if (extra.length === 0) return sel;
  return { matchLabels: sel.matchLabels ?? undefined, matchExpressions: [...arr(sel.matchExpressions), ...extra] };
}

export function parseAffinityTerm(term: PodAffinityTerm, ownerNamespace: string, ownerLabels: Labels): AffinityTerm {
  const t = term && typeof term === 'object' ? term : {};
  const listed = arr(t.namespaces).filter((n): n is string => typeof n === 'string');
  const nsSel = safeSelector(t.namespaceSelector);
  const namespaces = new Set(listed.length === 0 && nsSel === null ? [ownerNamespace] : listed);
  const selector = mergedSelector(t, ownerLabels);
  const topologyKey = typeof t.topologyKey === 'string' ? t.topologyKey : '';
  const key = canonical({ ns: [...namespaces].sort(), nsSel, selector });
  return { namespaces, namespaceSelector: nsSel, selector, topologyKey, key };
}

function parseWeighted(terms: WeightedPodAffinityTerm[] | null | undefined, ns: string, labels: Labels): WeightedAffinityTerm[] {
  const out: WeightedAffinityTerm[] = [];
  for (const w of arr(terms)) {
    if (!w || typeof w !== 'object' || !w.podAffinityTerm) continue;
    const weight = typeof w.weight === 'number' ? w.weight : 0;
    out.push({ ...parseAffinityTerm(w.podAffinityTerm, ns, labels), weight });
  }
  return out;
}

/** Does `term` (owned by some pod) select `pod`, given the pod's namespace labels? */
export function termMatches(term: AffinityTerm, podNamespace: string, podLabels: Labels, nsLabels: Labels): boolean {
  if (!(term.namespaces.has(podNamespace) || (term.namespaceSelector !== null && selectorMatches(term.namespaceSelector, nsLabels)))) return false;
  return selectorMatches(term.selector, podLabels);
}

function hostPortsOf(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  const spec = pod.spec ?? {};
  // Regular containers and restartable (sidecar) init containers (reference §3 NodePorts).
  const containers = [...arr(spec.containers), ...arr(spec.initContainers).filter((c) => c?.restartPolicy === 'Always')];
  for (const c of containers) {
    for (const p of arr(c?.ports)) {
      // SetDefaults_PodSpec: with hostNetwork every container port is also a host port.
      const declared = typeof p?.hostPort === 'number' ? p.hostPort : 0;
      const port = declared === 0 && spec.hostNetwork === true && typeof p?.containerPort === 'number' ? p.containerPort : declared;
      if (port <= 0) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port });
    }
  }
  return out;
}

const cache = new WeakMap<Pod, PodInfo>();

/**
 * Replicas: pods a controller stamped from one template in one go, identical but for metadata.name
 * and uid once admitted (markReplica). Everything PodInfo and templateKeyOf derive from the spec,
 * labels and owner is computed for the first of them and shared by the others.
 */
const replicaTokens = new WeakMap<Pod, object>();
/** the first PodInfo built for each token */
const firstReplica = new WeakMap<object, PodInfo>();

/**
 * `pod` is one of the replicas `token` stands for: the caller guarantees that every pod marked with the
 * same token has, after admission, the same namespace, labels, owner and spec (name and uid apart).
 */
export function markReplica(pod: Pod, token: object): void {
  replicaTokens.set(pod, token);
}

/** PodInfo of a pod object (memoized per object: callers must not mutate a pod after scheduling starts). */
export function podInfoOf(pod: Pod): PodInfo {
  let info = cache.get(pod);
  if (!info) {
    const token = replicaTokens.get(pod);
    const first = token !== undefined ? firstReplica.get(token) : undefined;
    if (first !== undefined) {
      // the spec's derived fields are the first replica's (read-only everywhere); identity is the pod's own
      info = { ...first, pod, key: keyOf(pod), name: nameOf(pod), labels: labelsOf(pod) };
    } else {
      info = buildPodInfo(pod);
      if (token !== undefined) firstReplica.set(token, info);
    }
    cache.set(pod, info);
  }
  return info;
}

function buildPodInfo(pod: Pod): PodInfo {
  const namespace = namespaceOf(pod);
  const labels = labelsOf(pod);
  const requests = podRequests(pod);
  const nz = podRequests(pod, true);
  const aff = pod.spec?.affinity ?? {};
  const pa = aff?.podAffinity ?? {};
  const paa = aff?.podAntiAffinity ?? {};
  const parseList = (terms: PodAffinityTerm[] | null | undefined) => arr(terms).map((t) => parseAffinityTerm(t, namespace, labels));
  const requiredAffinity = parseList(pa?.requiredDuringSchedulingIgnoredDuringExecution);
  const requiredAntiAffinity = parseList(paa?.requiredDuringSchedulingIgnoredDuringExecution);
  const preferredAffinity = parseWeighted(pa?.preferredDuringSchedulingIgnoredDuringExecution, namespace, labels);
  const preferredAntiAffinity = parseWeighted(paa?.preferredDuringSchedulingIgnoredDuringExecution, namespace, labels);
  const sig = (ts: AffinityTerm[]) => ts.map((t) => `${t.key}@${t.topologyKey}#${'weight' in t ? (t as WeightedAffinityTerm).weight : ''}`).join('|');
  return {
    pod,
    key: keyOf(pod),
    name: nameOf(pod),
    namespace,
    labels,
    requests,
    nonZeroCpu: nz[CPU] ?? 0,
    nonZeroMemory: nz[MEMORY] ?? 0,
    nonZeroRequests: nz,
    hostPorts: hostPortsOf(pod),
    requiredAffinity,
    requiredAntiAffinity,
    preferredAffinity,
    preferredAntiAffinity,
    terminating: !!pod.metadata?.deletionTimestamp,
    affinitySignature: [namespace, sig(requiredAffinity), sig(requiredAntiAffinity), sig(preferredAffinity), sig(preferredAntiAffinity)].join('\n'),
  };
}

export function hasAnyAffinity(p: PodInfo): boolean {
  return p.requiredAffinity.length + p.requiredAntiAffinity.length + p.preferredAffinity.length + p.preferredAntiAffinity.length > 0;
}

/**
 * The text of everything the per-template caches depend on (JSON, memoized per pod): namespace,
 * controller, labels, and the spec's placement fields — nodeName, schedulerName, tolerations,
 * nodeSelector, affinity, topologySpreadConstraints. Replicas of one template share it; a pod
 * differing in any of those has another. PodTopologySpread keys its constraints and included nodes
 * by it. Containers are left out: they are most of a spec's text and no such cache reads them.
 */
const templateKeys = new WeakMap<PodInfo, string>();
let uncacheable = 0;

/** per replica token: a key by the nodeName it was computed with (see memoizedKey) */
const replicaTemplateKeys = new WeakMap<object, Map<string, string>>();

export function templateKeyOf(p: PodInfo): string {
  return memoizedKey(p, templateKeys, replicaTemplateKeys, templateKeyText);
}

/**
 * The text of what static filters read of a pod (FilterPlugin.staticFilter): nodeName, schedulerName
 * (the profile: NodeAffinity's addedAffinity), tolerations, nodeSelector and required node affinity.
 * Pods of different templates that place alike — most of a cluster's — share it, and so share their
 * static verdicts.
 */
const placementKeys = new WeakMap<PodInfo, string>();
const replicaPlacementKeys = new WeakMap<object, Map<string, string>>();

export function placementKeyOf(p: PodInfo): string {
  return memoizedKey(p, placementKeys, replicaPlacementKeys, placementKeyText);
}

function memoizedKey(p: PodInfo, perPod: WeakMap<PodInfo, string>, perToken: WeakMap<object, Map<string, string>>, text: (p: PodInfo) => string): string {
  let k = perPod.get(p);
  if (k === undefined) {
    // replicas share their text (their nodeName aside, which binding sets on one of them)
    const token = replicaTokens.get(p.pod);
    if (token !== undefined) {
      const nodeName = String(p.pod.spec?.nodeName ?? '');
      let byNode = perToken.get(token);
      if (byNode === undefined) perToken.set(token, (byNode = new Map()));
      k = byNode.get(nodeName);
      if (k === undefined) byNode.set(nodeName, (k = text(p)));
    } else {
      k = text(p);
    }
    perPod.set(p, k);
  }
  return k;
}

/** JSON of `fields`, or a text no other pod has when it cannot be serialized (cyclic input) */
function keyText(fields: unknown[]): string {
  try {
    return JSON.stringify(fields);
  } catch {
    return `\0${uncacheable++}`;
  }
}

function placementKeyText(p: PodInfo): string {
  const s = p.pod.spec;
  return keyText([s?.nodeName, s?.schedulerName, s?.tolerations, s?.nodeSelector, s?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution]);
}

function templateKeyText(p: PodInfo): string {
  const ref = controllerRefOf(p.pod);
  const s = p.pod.spec;
  return keyText([p.namespace, ref ? [ref.kind, ref.name] : null, p.labels, s?.nodeName, s?.schedulerName, s?.tolerations,
    s?.nodeSelector, s?.affinity, s?.topologySpreadConstraints]);
}
