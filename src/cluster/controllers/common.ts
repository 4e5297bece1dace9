// What every controller shares: the context it creates pods through, the pod "intent" it hands to the
// simulation loop, and the small pieces of API-server behaviour they all rely on (generateName, template
// hashing, owner references).
import type { K8sObject, ObjectMeta, OwnerReference, Pod, PodTemplateSpec } from '../k8s';
import type { OwnerRef, SourceRef, SnapshotReplicaSet, SnapshotWorkload } from '../snapshot';
import type { Rng } from '../rng';
import { NAME_SUFFIX_ALPHABET } from '../rng';

/** Fixed simulated "now" so that timestamps and CronJob schedules are the same on every run. */
export const SIMULATED_NOW = Date.UTC(2026, 0, 1, 0, 0, 0);
export const SIMULATED_NOW_ISO = new Date(SIMULATED_NOW).toISOString().replace('.000Z', 'Z');

/** A pod a controller wants created. The simulation loop admits it (priority), stores it and queues it. */
export interface PodIntent {
  pod: Pod;
  /** the direct controller (ReplicaSet for a Deployment's pods), null for bare pods */
  owner: OwnerRef | null;
  /** the workload at the top of the owner chain */
  workload: OwnerRef | null;
  source: SourceRef;
  /** component that creates it and the SuccessfulCreate message it records */
  reporter: string;
  createMessage: string | null;
  /** StatefulSet OrderedReady: only created once the pod with this "ns/name" is Running */
  waitFor?: string;
  /** objects created together with the pod (a StatefulSet's PVCs), with their own event messages */
  companions?: { object: K8sObject; message: string }[];
}

/**
 * Intents a controller stamped from one template in one go (pods differing only in name and uid): one
 * token per group, by intent object. Intents copied into new objects (a recreated victim, a what-if
 * scale-up) carry none.
 */
const replicaTokens = new WeakMap<PodIntent, object>();

export function markReplicaIntents(intents: readonly PodIntent[]): void {
  const token = {};
  for (const i of intents) replicaTokens.set(i, token);
}

/** The token of the intent's replica group, if a controller gave it one (see markReplicaIntents). */
export function replicaTokenOf(intent: PodIntent): object | undefined {
  return replicaTokens.get(intent);
}

export interface ControllerOutput {
  intents: PodIntent[];
  replicaSets: SnapshotReplicaSet[];
  workload: SnapshotWorkload;
  /** events the workload's own controller records before any pod exists (ScalingReplicaSet...) */
  events: { reason: string; source: string; object: { kind: string; namespace: string | null; name: string }; message: string }[];
  warnings: string[];
  /** ReplicaSets / RCs / StatefulSets the scheduler should know (PodTopologySpread default selectors) */
  controllers?: K8sObject[];
}

export interface ControllerContext {
  /** the API server's generateName for pods */
  names: PodNames;
  /** how many more pods the simulation may create */
  budget: PodBudget;
  /** deterministic uid generator */
  uid(): string;
  /** replicas forced by an HPA or a what-if, for this workload; undefined = spec.replicas */
  replicasOverride?: number;
  /** orphan pods a ReplicaSet / ReplicationController adopted: they count towards its replicas */
  adopted?: number;
}

/**
 * Deep copy of plain JSON (objects from YAML are JSON). A recursive copy: several times faster than a
 * JSON round trip, which matters when every pod is stamped from its template. Like JSON, it drops
 * undefined object members and functions.
 */
export function clone<T>(x: T): T {
  return copyJson(x) as T;
}

function copyJson(x: unknown): unknown {
  if (x === null || typeof x !== 'object') return typeof x === 'function' ? undefined : x;
  if (Array.isArray(x)) {
    const out = new Array(x.length);
    for (let i = 0; i < x.length; i++) { const v = copyJson(x[i]); out[i] = v === undefined ? null : v; }
    return out;
  }
  const out: Record<string, unknown> = {};
  // for-in (own keys checked) visits keys in Object.keys order without allocating the key array
  for (const k in x) {
    if (!Object.prototype.hasOwnProperty.call(x, k)) continue;
    const v = copyJson((x as Record<string, unknown>)[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** JSON with object keys sorted, so equal objects give equal text whatever the key order in YAML. */
export function stableStringify(x: unknown): string {
  if (x === null || typeof x !== 'object') return typeof x === 'string' ? quote(x) : JSON.stringify(x) ?? 'null';
  if (Array.isArray(x)) {
    let out = '[';
    for (let i = 0; i < x.length; i++) out += (i > 0 ? ',' : '') + stableStringify(x[i]);
    return `${out}]`;
  }
  const o = x as Record<string, unknown>;
  const keys = Object.keys(o);
  // YAML often has keys in order already ({name, value}, {containerPort, name, protocol}): no sort then
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1] > keys[i]) { keys.sort(); break; }
  }
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = o[k];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${quote(k)}:${stableStringify(v)}`;
    first = false;
  }
  return `${out}}`;
}

/** Characters JSON.stringify leaves as they are in a string (no escapes, no surrogates). */
const JSON_PLAIN = /^[^\u0000-\u001f"\\\ud800-\udfff]*$/;

/** JSON.stringify(s), without the call for the common plain strings (templates are hashed each simulation). */
function quote(s: string): string {
  return JSON_PLAIN.test(s) ? `"${s}"` : JSON.stringify(s);
}

/** FNV-1a 32-bit over the UTF-8 bytes of `text` (lone surrogates as U+FFFD, as TextEncoder encodes them). */
export function fnv1a32(text: string): number {
  const P = 0x01000193;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      h = Math.imul(h ^ c, P);
    } else if (c < 0x800) {
      h = Math.imul(h ^ (0xc0 | (c >> 6)), P);
      h = Math.imul(h ^ (0x80 | (c & 63)), P);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          h = Math.imul(h ^ (0xf0 | (c >> 18)), P);
          h = Math.imul(h ^ (0x80 | ((c >> 12) & 63)), P);
          h = Math.imul(h ^ (0x80 | ((c >> 6) & 63)), P);
          h = Math.imul(h ^ (0x80 | (c & 63)), P);
          continue;
        }
        c = 0xfffd;
      }
      h = Math.imul(h ^ (0xe0 | (c >> 12)), P);
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 63)), P);
      h = Math.imul(h ^ (0x80 | (c & 63)), P);
    }
  }
  return h >>> 0;
}

/** apimachinery rand.SafeEncodeString: each character mapped into the vowel-free alphabet at charCode % 27. */
export function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += NAME_SUFFIX_ALPHABET[s.charCodeAt(i) % NAME_SUFFIX_ALPHABET.length];
  return out;
}

/**
 * controller.ComputeHash in the upstream format: SafeEncode(decimal(FNV-1a-32(template))). Upstream hashes
 * Go's spew dump of the defaulted Go struct, which cannot be reproduced outside Go; we hash a stable JSON
 * of the template as written instead, so the hash is stable for the same template and has the real shape
 * (1-10 chars of 4-9,b,c,d,f) but differs from the value a real cluster would show.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  let text = stableStringify(template ?? {});
  if (typeof collisionCount === 'number' && Number.isInteger(collisionCount) && collisionCount > 0) text += `#${collisionCount}`;
  return safeEncode(String(fnv1a32(text)));
}

/** names.SimpleNameGenerator: base truncated to 58 characters + 5 random characters. */
export function generateName(base: string, rng: Rng): string {
  const maxBase = 63 - 5;
  return (base.length > maxBase ? base.slice(0, maxBase) : base) + rng.chars(5, NAME_SUFFIX_ALPHABET);
}

/** store.go maxNameGenerationCreateAttempts */
const NAME_GENERATION_ATTEMPTS = 8;

/** Generated pod names, unique in their namespace as the API server keeps them. */
export class PodNames {
  private readonly taken = new Set<string>();

  constructor(private readonly rng: Rng) {}

  /** A name an input gives: generated names avoid it. */
  reserve(namespace: string, name: string): void {
    this.taken.add(`${namespace}/${name}`);
  }

  /**
   * generateName with the registry's retry (store.go createWithGenerateNameRetry, v1.32+): a generated
   * name already in use is drawn again, 8 attempts in all; after that the taken name is returned and the
   * create fails as a duplicate. Unlike etcd, a deleted pod's name stays taken here (a preempted pod's
   * replacement cannot draw it; it would be a 1 in 14 million coincidence).
   */
  generate(namespace: string, base: string): string {
    let name = generateName(base, this.rng);
    for (let i = 1; i < NAME_GENERATION_ATTEMPTS && this.taken.has(`${namespace}/${name}`); i++) name = generateName(base, this.rng);
    this.taken.add(`${namespace}/${name}`);
    return name;
  }
}

/**
 * The most pods one simulation creates. A typo like `replicas: 1000000` would otherwise take minutes and
 * gigabytes (in the editor, on every keystroke); 50,000 is five times the benchmark's large cluster.
 */
export const MAX_SIMULATED_PODS = 50_000;

/** What is left of MAX_SIMULATED_PODS; a controller asking for more gets what is left, and a warning. */
export class PodBudget {
  private left: number;

  constructor(private readonly limit: number, private readonly short: (message: string) => void) {
    this.left = limit;
  }

  /** How many of `wanted` pods `who` ("Deployment ns/name") may create. */
  take(wanted: number, who: string): number {
    const n = Math.min(wanted, this.left);
    this.left -= n;
    if (n < wanted) this.short(`${who}: ${wanted.toLocaleString('en-US')} pods wanted; only ${n.toLocaleString('en-US')} were simulated (the simulation stops at ${this.limit.toLocaleString('en-US')} pods)`);
    return n;
  }
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * The pod name prefix controllers use: `<owner>-`, unless that is not a valid name prefix, then the
 * owner name itself (controller.getPodsPrefix: validates the prefix with the trailing dash removed).
 */
export function podsPrefix(controllerName: string): string {
  const prefix = `${controllerName}-`;
  return DNS1123_SUBDOMAIN.test(controllerName) ? prefix : controllerName;
}

export function ownerReference(kind: string, apiVersion: string, obj: K8sObject): OwnerReference {
  return { apiVersion, kind, name: obj.metadata?.name ?? '', uid: obj.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/**
 * A pod from a controller's template (controller.GetPodFromTemplate): labels, annotations and spec copied,
 * namespace of the controller, controller owner reference. `name` is the final name.
 */
export function podFromTemplate(template: PodTemplateSpec | undefined, namespace: string, name: string, ownerRef: OwnerReference | null, uid: string): Pod {
  const t = clone(template ?? {});
  const meta: ObjectMeta = {
    name,
    namespace,
    uid,
    creationTimestamp: SIMULATED_NOW_ISO,
  };
  if (t.metadata?.labels && typeof t.metadata.labels === 'object') meta.labels = { ...t.metadata.labels };
  if (t.metadata?.annotations && typeof t.metadata.annotations === 'object') meta.annotations = { ...t.metadata.annotations };
  if (ownerRef) meta.ownerReferences = [ownerRef];
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: (t.spec && typeof t.spec === 'object' ? t.spec : {}), status: { phase: 'Pending' } };
}

/** spec.replicas with the API default (1), or the override; negative/garbage read as the default. */
export function desiredReplicas(spec: { replicas?: unknown } | undefined, ctx: ControllerContext): number {
  if (ctx.replicasOverride !== undefined) return Math.max(0, Math.floor(ctx.replicasOverride));
  const r = spec?.replicas;
  return typeof r === 'number' && Number.isInteger(r) && r >= 0 ? r : 1;
}

export function emptyWorkload(kind: string, obj: K8sObject, namespace: string, source: SourceRef): SnapshotWorkload {
  return { kind, namespace, name: obj.metadata?.name ?? '', desired: 0, scheduled: 0, pending: 0, pods: [], source };
}

/** Objects of an input may carry no uid; controllers need one for owner references and labels. */
export function ensureUid(obj: K8sObject, ctx: ControllerContext): string {
  const meta = (obj.metadata ??= {});
  if (typeof meta.uid !== 'string' || meta.uid === '') meta.uid = ctx.uid();
  return meta.uid;
}
