// One index of the resource set per rule run: objects by kind/namespace/name, pod templates by namespace
// and label, so cross-resource rules look things up instead of scanning every manifest for every object.
// Built lazily and cached per manifests array (the engine passes a new array when the set changes).
import type { Manifest, ObjectPath, KubeObject } from '../../manifests/types';
import type { RuleContext } from './rule';

/** Kinds that are not namespaced (their namespace is ''): the common built-in cluster-scoped kinds. */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'ClusterRole', 'ClusterRoleBinding',
  'CustomResourceDefinition', 'IngressClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'APIService', 'CSIDriver', 'CSINode',
  'RuntimeClass', 'PodSecurityPolicy', 'VolumeAttachment', 'ComponentStatus', 'CertificateSigningRequest',
  'FlowSchema', 'PriorityLevelConfiguration', 'ClusterIssuer', 'GatewayClass', 'VolumeSnapshotClass',
  'SecurityContextConstraints', 'KubeSchedulerConfiguration',
]);

export function isNamespaced(kind: string): boolean { return !CLUSTER_SCOPED.has(kind); }

/** The namespace an object lands in: '' for cluster-scoped kinds, `default` when a namespaced object has none. */
export function namespaceOf(o: KubeObject): string {
  if (!isNamespaced(o.kind)) return '';
  const ns = o.metadata?.namespace;
  return typeof ns === 'string' && ns !== '' ? ns : 'default';
}

export function nameOf(o: KubeObject): string {
  const n = o.metadata?.name;
  return typeof n === 'string' ? n : '';
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function get(o: unknown, path: ObjectPath): unknown {
  let cur: unknown = o;
  for (const p of path) {
    if (Array.isArray(cur) && typeof p === 'number') cur = cur[p];
    else if (isRecord(cur) && typeof p === 'string') cur = cur[p];
    else return undefined;
  }
  return cur;
}

export function asArray(v: unknown): unknown[] { return Array.isArray(v) ? v : []; }

/** Labels as strings (YAML may give numbers/booleans for unquoted values); non-maps give {}. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(v)) return out;
  for (const [k, val] of Object.entries(v)) if (val !== null && val !== undefined && typeof val !== 'object') out[k] = String(val);
  return out;
}

/** A pod template (or a bare Pod's spec) found in the set. */
export interface PodTemplate {
  manifest: Manifest;
  kind: string;
  namespace: string;
  name: string;
  /** path to the template (['spec','template']) or [] for a Pod */
  templatePath: ObjectPath;
  /** path to the PodSpec */
  specPath: ObjectPath;
  spec: Record<string, unknown>;
  labels: Record<string, string>;
  /** desired replicas where the kind has them (Deployment default 1), else null */
  replicas: number | null;
}

export interface ContainerRef {
  container: Record<string, unknown>;
  path: ObjectPath;
  init: boolean;
  name: string;
}

/** Where each workload kind keeps its pod template. */
const TEMPLATE_PATHS: Record<string, ObjectPath> = {
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  // OpenShift's DeploymentConfig has a pod template like a ReplicationController (kube-linter checks it too).
  DeploymentConfig: ['spec', 'template'],
};

export const REPLICATED_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController', 'DeploymentConfig']);

function podTemplateOf(m: Manifest): PodTemplate | null {
  const o = m.object;
  const base = { manifest: m, kind: o.kind, namespace: namespaceOf(o), name: nameOf(o) };
  if (o.kind === 'Pod') {
    const spec = o.spec;
    if (!isRecord(spec)) return null;
    return { ...base, templatePath: [], specPath: ['spec'], spec, labels: stringMap(o.metadata?.labels), replicas: null };
  }
  const tp = TEMPLATE_PATHS[o.kind];
  if (!tp) return null;
  const t = get(o, tp);
  if (!isRecord(t)) return null;
  // a template without a spec still carries labels that selectors match
  const spec = isRecord(t.spec) ? t.spec : {};
  let replicas: number | null = null;
  if (REPLICATED_KINDS.has(o.kind)) {
    const r = get(o, ['spec', 'replicas']);
    replicas = typeof r === 'number' ? r : 1;
  }
  return { ...base, templatePath: tp, specPath: [...tp, 'spec'], spec, labels: stringMap(get(t, ['metadata', 'labels'])), replicas };
}

export function containersOf(t: PodTemplate, includeInit = true): ContainerRef[] {
  const out: ContainerRef[] = [];
  const lists: [string, boolean][] = includeInit ? [['initContainers', true], ['containers', false]] : [['containers', false]];
  for (const [field, init] of lists) {
    asArray(t.spec[field]).forEach((c, i) => {
      if (isRecord(c)) out.push({ container: c, path: [...t.specPath, field, i], init, name: typeof c.name === 'string' ? c.name : String(i) });
    });
  }
  return out;
}

export function objectKey(kind: string, namespace: string, name: string): string { return `${kind}/${namespace}/${name}`; }

export class ResourceIndex {
  readonly byKey = new Map<string, Manifest[]>();
  readonly byKind = new Map<string, Manifest[]>();
  readonly templates: PodTemplate[] = [];
  /** namespace -> "key=value" -> templates with that label */
  private readonly templatesByLabel = new Map<string, Map<string, PodTemplate[]>>();
  private readonly templatesByNamespace = new Map<string, PodTemplate[]>();
  private readonly templateByManifest = new Map<Manifest, PodTemplate>();
  readonly namespaces = new Set<string>();

  constructor(readonly manifests: Manifest[]) {
    for (const m of manifests) {
      const o = m.object;
      if (!o || typeof o.kind !== 'string') continue;
      const ns = namespaceOf(o);
      push(this.byKey, objectKey(o.kind, ns, nameOf(o)), m);
      push(this.byKind, o.kind, m);
      if (o.kind === 'Namespace') this.namespaces.add(nameOf(o));
      const t = podTemplateOf(m);
      if (t) {
        this.templates.push(t);
        this.templateByManifest.set(m, t);
        push(this.templatesByNamespace, ns, t);
        let byLabel = this.templatesByLabel.get(ns);
        if (!byLabel) this.templatesByLabel.set(ns, byLabel = new Map());
        for (const [k, v] of Object.entries(t.labels)) push(byLabel, `${k}=${v}`, t);
      }
    }
  }

  has(kind: string, namespace: string, name: string): boolean { return this.byKey.has(objectKey(kind, namespace, name)); }
  find(kind: string, namespace: string, name: string): Manifest | undefined { return this.byKey.get(objectKey(kind, namespace, name))?.[0]; }
  ofKind(...kinds: string[]): Manifest[] { return kinds.flatMap((k) => this.byKind.get(k) ?? []); }
  templateOf(m: Manifest): PodTemplate | undefined { return this.templateByManifest.get(m); }
  templatesIn(namespace: string): PodTemplate[] { return this.templatesByNamespace.get(namespace) ?? []; }

  /**
   * Templates in `namespace` whose labels satisfy `matches`; `required` are key=value pairs every match must
   * have (used to narrow the candidates through the label index before running the full predicate).
   */
  templatesMatching(namespace: string, required: Record<string, string>, matches: (labels: Record<string, string>) => boolean): PodTemplate[] {
    const entries = Object.entries(required);
    let candidates: PodTemplate[];
    if (entries.length > 0) {
      const byLabel = this.templatesByLabel.get(namespace);
      if (!byLabel) return [];
      candidates = byLabel.get(`${entries[0][0]}=${entries[0][1]}`) ?? [];
    } else {
      candidates = this.templatesIn(namespace);
    }
    return candidates.filter((t) => matches(t.labels));
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, v: V): void {
  const list = map.get(key);
  if (list) list.push(v); else map.set(key, [v]);
}

const cache = new WeakMap<Manifest[], ResourceIndex>();

/** The index of ctx.manifests, built once per manifests array. */
export function indexOf(ctx: RuleContext): ResourceIndex {
  let idx = cache.get(ctx.manifests);
  if (!idx) cache.set(ctx.manifests, idx = new ResourceIndex(ctx.manifests));
  return idx;
}

/** Is a reference to `kind` assumed to exist outside the set? */
export function assumedExternal(ctx: RuleContext, kind: string): boolean {
  return ctx.assumeExternal === 'all' || ctx.assumeExternal.has(kind);
}
