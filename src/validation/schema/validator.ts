// Schema validation of Kubernetes objects: built-in kinds against the version's bundle (schemas/), custom
// resources against their CRDs' openAPIV3Schema, removed API versions reported with their replacement.
// Validators are compiled lazily, once per (version, kind) or per CRD schema, and cached. Built-in kinds use the
// validators compiled at build time (scripts/gen-validators.mjs) when the loader has them, so the first lint
// pays no compilation for them; CRD schemas always compile here.
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import type { Finding } from '../finding';
import type { Manifest } from '../../manifests/types';
import type { JsonSchema, SchemaBundle, SchemaLoader } from './bundle';
import { kindKey } from './bundle';
import { addBundle, bundleId, createAjv, kindEntrySchema } from './ajv-instance';
import { crdSchemas, isCrd, type CrdVersionSchema } from './crd';
import { deprecatedApi, isRemovedBy, removedApi, removedApiVersions, type DeprecatedApi } from './deprecated';
import { errorsToFindings, resourceRef } from './messages';
import { withoutNullEntries } from './strip-nulls';
import { suggestName } from './suggest';

export type { SchemaBundle, SchemaLoader } from './bundle';
export { SUPPORTED_VERSIONS, DEFAULT_KUBERNETES_VERSION, kindKey } from './bundle';

const OBJECT_META = 'apimachinery.meta.v1.ObjectMeta';
const COMMON_KINDS = ['apps/v1/Deployment', 'apps/v1/StatefulSet', 'apps/v1/DaemonSet', 'batch/v1/Job', 'batch/v1/CronJob',
  'v1/Pod', 'v1/Service', 'v1/ConfigMap', 'v1/Secret', 'v1/ServiceAccount', 'networking.k8s.io/v1/Ingress',
  'rbac.authorization.k8s.io/v1/Role', 'rbac.authorization.k8s.io/v1/ClusterRole', 'rbac.authorization.k8s.io/v1/RoleBinding',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding', 'apiextensions.k8s.io/v1/CustomResourceDefinition'];
const OTHER_VERSION: Record<string, string> = { '1.34': '1.36', '1.36': '1.34' };

export class SchemaValidator {
  private bundleCache: SchemaBundle | null = null;
  private ajvCache: Ajv | null = null;
  private bundleRef = '';
  private readonly builtin = new Map<string, ValidateFunction>();
  /** CRD-defined kinds by "group/version/Kind" */
  private crdKinds = new Map<string, CrdVersionSchema>();
  /** compiled CRD validators by the CRD schema's JSON (unchanged CRDs keep their compiled function) */
  private readonly crdCompiled = new Map<string, ValidateFunction>();
  private readonly crdByEntry = new WeakMap<CrdVersionSchema, ValidateFunction>();
  /** per CRD manifest: its kinds, so setCrds is cheap when the same Manifest objects come back */
  private readonly crdParsed = new WeakMap<Manifest, CrdVersionSchema[]>();
  private builtinGroups: Set<string> | null = null;

  /** `precompiled: false` compiles every kind at run time (tests compare both paths). */
  constructor(private readonly loader: SchemaLoader, readonly kubernetesVersion: string, private readonly options: { precompiled?: boolean } = {}) {}

  private precompiledCache: Record<string, unknown> | null | undefined;

  /** The build-time validators of this version, or null (none, stale, or turned off). */
  private get precompiledKinds(): Record<string, unknown> | null {
    if (this.precompiledCache === undefined) {
      this.precompiledCache = this.options.precompiled === false ? null : this.loader.precompiled?.(this.kubernetesVersion) ?? null;
    }
    return this.precompiledCache;
  }

  private get bundle(): SchemaBundle {
    if (!this.bundleCache) this.bundleCache = this.loader(this.kubernetesVersion);
    return this.bundleCache;
  }

  private get ajv(): Ajv {
    if (!this.ajvCache) {
      this.ajvCache = createAjv();
      this.bundleRef = addBundle(this.ajvCache, this.bundle);
    }
    return this.ajvCache;
  }

  /** The CRDs known to the inputs; custom resources of their kinds are validated against their schemas. */
  setCrds(crds: Manifest[]): void {
    const next = new Map<string, CrdVersionSchema>();
    for (const m of crds) {
      if (!isCrd(m)) continue;
      let kinds = this.crdParsed.get(m);
      if (!kinds) {
        kinds = crdSchemas(m, `${bundleId(this.bundle)}#/definitions/${OBJECT_META}`);
        this.crdParsed.set(m, kinds);
      }
      for (const k of kinds) next.set(k.key, k);
    }
    this.crdKinds = next;
  }

  /**
   * Compiles the validators of these kinds ("apps/v1/Deployment"; default: the common workload and service
   * kinds) ahead of need, e.g. while an editor is idle, so the first validation of a file is faster.
   */
  precompile(keys: string[] = COMMON_KINDS): void {
    for (const key of keys) {
      const entry = this.bundle.kinds[key];
      if (entry) this.builtinValidator(key, entry.ref);
    }
  }

  /** True when the bundle has a schema for apiVersion/kind (a built-in kind of this Kubernetes version). */
  isBuiltinKind(apiVersion: string, kind: string): boolean {
    return kindKey(apiVersion, kind) in this.bundle.kinds;
  }

  /** Namespaced (true), cluster-scoped (false), unknown (undefined) for built-in kinds and CRDs. */
  isNamespaced(apiVersion: string, kind: string): boolean | undefined {
    const entry = this.bundle.kinds[kindKey(apiVersion, kind)];
    if (entry) return entry.namespaced;
    const crd = this.crdKinds.get(kindKey(apiVersion, kind));
    if (crd) {
      const scope = (crd.crd.object.spec as Record<string, unknown> | undefined)?.scope;
      return scope === 'Cluster' ? false : scope === 'Namespaced' ? true : undefined;
    }
    return undefined;
  }

  validate(m: Manifest): Finding[] {
    const { apiVersion, kind } = m.object;
    const key = kindKey(apiVersion, kind);
    const entry = this.bundle.kinds[key];
    if (entry) {
      const findings = this.run(m, this.builtinValidator(key, entry.ref));
      const deprecated = deprecatedApi(apiVersion, kind);
      return deprecated && isRemovedBy(deprecated.since, this.kubernetesVersion) ? [this.deprecatedFinding(m, deprecated), ...findings] : findings;
    }
    const removed = removedApi(apiVersion, kind);
    if (removed && isRemovedBy(removed.removedIn, this.kubernetesVersion)) return [this.removedFinding(m, removed)];
    const crd = this.crdKinds.get(key);
    if (crd) {
      if (!crd.served) return [this.notServedCrdFinding(m, crd)];
      const schema = crd.schema;
      if (!schema) return [];
      return this.run(m, this.crdValidator(crd, schema));
    }
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    const sibling = this.crdVersionsOf(group, kind);
    if (sibling.length) return [this.unknownCrdVersionFinding(m, sibling)];
    // Built-in groups, and API versions Kubernetes once served (extensions/v1beta1 ...): not custom resources.
    if (this.isBuiltinGroup(group) || removedApiVersions().includes(apiVersion)) return [this.unknownBuiltinFinding(m, group)];
    return [{
      ruleId: 'schema/no-schema', severity: 'info', path: m.source.path, range: m.rangeOf(['kind'], 'value'), resource: resourceRef(m),
      message: `No schema for ${kind} ${apiVersion}: add its CustomResourceDefinition to the inputs to validate it`,
      data: { apiVersion, kind },
    }];
  }

  private run(m: Manifest, validate: ValidateFunction): Finding[] {
    let data: unknown;
    try {
      data = withoutNullEntries(m.object);
      if (validate(data)) return [];
    } catch (err) {
      // Pathological input (nesting deep enough to exhaust the stack): one finding, never a throw.
      return [{ ruleId: 'schema/constraint', severity: 'error', path: m.source.path, range: m.rangeOf([], 'key'), resource: resourceRef(m),
        message: `${m.object.kind} could not be validated: ${(err as Error).message}` }];
    }
    const findings = errorsToFindings(m, data, validate.errors ?? []);
    // Source order (Ajv reports in schema order).
    return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }

  private builtinValidator(key: string, ref: string): ValidateFunction {
    let v = this.builtin.get(key);
    if (!v) {
      const pre = this.precompiledKinds?.[key];
      // Generated by Ajv's standalone code from the same schema and options: the same function Ajv would compile.
      if (typeof pre === 'function') v = pre as ValidateFunction;
      else {
        const ajv = this.ajv;
        v = ajv.compile(kindEntrySchema(this.bundleRef, ref));
      }
      this.builtin.set(key, v);
    }
    return v;
  }

  private crdValidator(crd: CrdVersionSchema, schema: JsonSchema): ValidateFunction {
    const known = this.crdByEntry.get(crd);
    if (known) return known;
    // A re-parsed but unchanged CRD (same schema text) reuses the compiled function.
    const text = `${crd.key}\n${JSON.stringify(schema)}`;
    let v = this.crdCompiled.get(text);
    if (!v) {
      const ajv = this.ajv;
      try {
        v = ajv.compile(schema);
      } catch {
        // A schema Ajv cannot compile (exotic keywords): accept the resource rather than report false errors.
        v = Object.assign(() => true, { errors: null }) as unknown as ValidateFunction;
      }
      this.crdCompiled.set(text, v);
    }
    this.crdByEntry.set(crd, v);
    return v;
  }

  private isBuiltinGroup(group: string): boolean {
    if (!this.builtinGroups) {
      this.builtinGroups = new Set(Object.keys(this.bundle.kinds).map((k) => {
        const parts = k.split('/');
        return parts.length === 3 ? parts[0] : '';
      }));
    }
    return this.builtinGroups.has(group);
  }

  /** The versions CRDs among the inputs define for group + kind (empty when no CRD defines the kind). */
  private crdVersionsOf(group: string, kind: string): CrdVersionSchema[] {
    if (!group || this.crdKinds.size === 0) return [];
    return [...this.crdKinds.values()].filter((c) => c.group === group && c.kind === kind);
  }

  /** The CRD of the kind is among the inputs but defines no such version: the API server has no such resource. */
  private unknownCrdVersionFinding(m: Manifest, versions: CrdVersionSchema[]): Finding {
    const { apiVersion, kind } = m.object;
    const name = versions[0].crd.object.metadata?.name ?? versions[0].group;
    const served = versions.filter((v) => v.served).map((v) => `${v.group}/${v.version}`);
    let message = `${kind} ${apiVersion} is not served: CustomResourceDefinition ${name} defines no version "${apiVersion.slice(apiVersion.indexOf('/') + 1)}"`;
    message += served.length ? ` — served: ${served.join(', ')}` : ' — it serves no version';
    return {
      ruleId: 'schema/unknown-kind', severity: 'error', message, path: m.source.path, range: m.rangeOf(['apiVersion'], 'value'),
      resource: resourceRef(m), data: { apiVersion, kind, served },
    };
  }

  /** A deprecated API the server still serves: a warning, as the API server's own (kubectl prints it). */
  private deprecatedFinding(m: Manifest, deprecated: DeprecatedApi): Finding {
    const { apiVersion, kind } = m.object;
    let message = `${apiVersion} ${kind} is deprecated in Kubernetes ${deprecated.since}+ (still served)`;
    if (deprecated.replacement) message += `: use ${deprecated.replacement}`;
    return {
      ruleId: 'api/deprecated-version', severity: 'warning', message, path: m.source.path, range: m.rangeOf(['apiVersion'], 'value'),
      resource: resourceRef(m), data: { apiVersion, kind, deprecatedIn: deprecated.since, replacement: deprecated.replacement },
    };
  }

  /**
   * A version its CRD marks `served: false`: the API server has no such resource (kubectl apply fails with
   * 'no matches for kind "X" in version "g/v"'), so the object is not validated against that version's schema.
   */
  private notServedCrdFinding(m: Manifest, crd: CrdVersionSchema): Finding {
    const { apiVersion, kind } = m.object;
    const spec = crd.crd.object.spec as Record<string, unknown> | undefined;
    const versions = Array.isArray(spec?.versions) ? (spec.versions as Record<string, unknown>[]) : [];
    const served = versions.filter((v) => v && typeof v.name === 'string' && v.served !== false).map((v) => `${crd.group}/${String(v.name)}`);
    const name = crd.crd.object.metadata?.name ?? `${crd.group}`;
    let message = `${kind} ${apiVersion} is not served: CustomResourceDefinition ${name} sets served: false for ${crd.version}`;
    message += served.length ? ` — served: ${served.join(', ')}` : ' — it serves no version';
    return {
      ruleId: 'schema/unknown-kind', severity: 'error', message, path: m.source.path, range: m.rangeOf(['apiVersion'], 'value'),
      resource: resourceRef(m), data: { apiVersion, kind, served },
    };
  }

  private removedFinding(m: Manifest, removed: NonNullable<ReturnType<typeof removedApi>>): Finding {
    const { apiVersion, kind } = m.object;
    const range = m.rangeOf(['apiVersion'], 'value');
    const replacement = removed.replacement;
    let message = `${kind} ${apiVersion} is no longer served (removed in Kubernetes ${removed.removedIn})`;
    message += replacement ? `: use ${replacement}` : ': it has no replacement';
    if (removed.note) message += ` — ${removed.note}`;
    const finding: Finding = {
      ruleId: 'api/deprecated-version', severity: 'error', message, path: m.source.path, range, resource: resourceRef(m),
      data: { apiVersion, kind, replacement, removedIn: removed.removedIn },
    };
    if (replacement && this.validAs(m, replacement)) {
      finding.fixes = [{ title: `Change apiVersion to ${replacement}`, preferred: true, edits: [{ path: m.source.path, range, newText: replacement }] }];
    }
    return finding;
  }

  /** Whether the object, with its apiVersion replaced, is valid for the replacement's schema (fix is safe). */
  private validAs(m: Manifest, apiVersion: string): boolean {
    const key = kindKey(apiVersion, m.object.kind);
    const entry = this.bundle.kinds[key];
    if (!entry) return false;
    const v = this.builtinValidator(key, entry.ref);
    return v(withoutNullEntries({ ...m.object, apiVersion }));
  }

  private unknownBuiltinFinding(m: Manifest, group: string): Finding {
    const { apiVersion, kind } = m.object;
    const kinds = Object.keys(this.bundle.kinds);
    const sameVersion = kinds.filter((k) => k.startsWith(`${apiVersion}/`) && k.split('/').length === apiVersion.split('/').length + 1)
      .map((k) => k.slice(apiVersion.length + 1));
    const other = OTHER_VERSION[this.kubernetesVersion];
    if (sameVersion.length > 0) {
      // The API version exists, the kind does not: most likely a typo.
      const s = suggestName(kind, sameVersion.filter((k) => !k.endsWith('List')));
      const range = m.rangeOf(['kind'], 'value');
      const f: Finding = {
        ruleId: 'schema/unknown-kind', severity: 'error', path: m.source.path, range, resource: resourceRef(m),
        message: `Unknown kind "${kind}" for ${apiVersion} in Kubernetes ${this.kubernetesVersion}${s ? ` — did you mean "${s}"?` : ''}`,
        data: { apiVersion, kind, ...(s ? { suggestion: s } : {}) },
      };
      if (s) f.fixes = [{ title: `Change kind to ${s}`, preferred: true, edits: [{ path: m.source.path, range, newText: s }] }];
      return f;
    }
    const servedIn = other && this.otherVersionHas(other, kindKey(apiVersion, kind)) ? ` (it is served in Kubernetes ${other})` : '';
    const versions = [...new Set(kinds.filter((k) => k.endsWith(`/${kind}`) && (group === '' ? k.split('/').length === 2 : k.startsWith(`${group}/`)))
      .map((k) => k.slice(0, k.length - kind.length - 1)))];
    const hint = versions.length ? `: use ${versions.join(' or ')}` : '';
    return {
      ruleId: 'schema/unknown-kind', severity: 'error', path: m.source.path, range: m.rangeOf(['apiVersion'], 'value'), resource: resourceRef(m),
      message: `${kind} ${apiVersion} is not served by Kubernetes ${this.kubernetesVersion}${servedIn}${hint}`,
      data: { apiVersion, kind, versions },
    };
  }

  private otherVersionHas(version: string, key: string): boolean {
    try { return key in this.loader(version).kinds; } catch { return false; }
  }
}
