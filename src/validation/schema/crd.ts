// JSON Schemas for custom resources from CustomResourceDefinitions (apiextensions.k8s.io/v1 and v1beta1).
// The structural-schema extensions are mapped to plain JSON Schema the way the API server treats them:
// - x-kubernetes-preserve-unknown-fields: unknown fields are kept (object stays open);
// - x-kubernetes-int-or-string: integer or string (its anyOf/allOf of the two types is dropped);
// - x-kubernetes-embedded-resource: apiVersion, kind and metadata are implicitly allowed, apiVersion and kind required;
// - nullable: nulls are removed before validation (see strip-nulls.ts), so it needs no schema change;
// - declared properties without preserve-unknown-fields: other fields are pruned by the server and rejected by
//   strict field validation, so additionalProperties: false;
// - formats: only those whose Kubernetes meaning matches ours (date-time, date, byte, duration as Go durations);
//   others (int32, uri, ...) are annotations here, to avoid false errors;
// - x-kubernetes-validations (CEL) are not evaluated;
// - a version with served: false is not validated: the validator reports that the API server does not serve it.
import type { Manifest } from '../../manifests/types';
import type { JsonSchema } from './bundle';

export interface CrdVersionSchema {
  group: string;
  version: string;
  kind: string;
  /** "group/version/Kind" */
  key: string;
  /**
   * The converted JSON Schema, or null when the CRD declares no schema for the version (anything goes).
   * Converted on first use: most CRDs in a file have no custom resource next to them.
   */
  readonly schema: JsonSchema | null;
  served: boolean;
  /** the CRD it came from */
  crd: Manifest;
}

const KEPT_FORMATS = new Set(['date-time', 'date', 'byte', 'duration']);

export function isCrd(m: Manifest): boolean {
  return m.object.kind === 'CustomResourceDefinition' && /^apiextensions\.k8s\.io\/v1(beta1)?$/.test(m.object.apiVersion);
}

/** Every (group, version, kind) a CRD defines, with its converted schema. */
export function crdSchemas(crd: Manifest, objectMetaRef: string): CrdVersionSchema[] {
  const spec = crd.object.spec as Record<string, unknown> | undefined;
  if (!spec || typeof spec !== 'object') return [];
  const group = typeof spec.group === 'string' ? spec.group : '';
  const names = spec.names as Record<string, unknown> | undefined;
  const kind = typeof names?.kind === 'string' ? names.kind : '';
  if (!group || !kind) return [];
  const out: CrdVersionSchema[] = [];
  const topLevel = (spec.validation as Record<string, unknown> | undefined)?.openAPIV3Schema; // v1beta1
  const versions = Array.isArray(spec.versions) ? (spec.versions as Record<string, unknown>[]) : [];
  const list = versions.length > 0 ? versions : typeof spec.version === 'string' ? [{ name: spec.version, served: true }] : [];
  for (const v of list) {
    if (!v || typeof v.name !== 'string') continue;
    const raw = (v.schema as Record<string, unknown> | undefined)?.openAPIV3Schema ?? topLevel;
    let converted: JsonSchema | null | undefined;
    out.push({
      group, version: v.name, kind, key: `${group}/${v.name}/${kind}`, served: v.served !== false, crd,
      get schema() {
        if (converted === undefined) converted = raw && typeof raw === 'object' ? rootSchema(convertCrdSchema(raw as JsonSchema), objectMetaRef) : null;
        return converted;
      },
    });
  }
  return out;
}

/** The root of a custom resource: apiVersion, kind and metadata (as ObjectMeta) are always allowed. */
function rootSchema(s: JsonSchema, objectMetaRef: string): JsonSchema {
  const props = { ...((s.properties as Record<string, JsonSchema> | undefined) ?? {}) };
  props.apiVersion = { type: 'string' };
  props.kind = { type: 'string' };
  props.metadata = { $ref: objectMetaRef };
  return { ...s, type: 'object', properties: props };
}

export function convertCrdSchema(s: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  const intOrString = s['x-kubernetes-int-or-string'] === true;
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  for (const [k, v] of Object.entries(s)) {
    switch (k) {
      case 'description': case 'example': case 'externalDocs': case 'default': case 'nullable': case '$schema': case 'id': case 'title':
        break;
      case 'format':
        if (typeof v === 'string' && KEPT_FORMATS.has(v)) out.format = v === 'duration' ? 'k8s-duration' : v;
        break;
      case 'properties': {
        const props: Record<string, JsonSchema> = {};
        for (const [pk, pv] of Object.entries(v as Record<string, JsonSchema>)) props[pk] = convertCrdSchema(pv);
        out.properties = props;
        break;
      }
      case 'items':
        out.items = Array.isArray(v) ? (v as JsonSchema[]).map(convertCrdSchema) : convertCrdSchema(v as JsonSchema);
        break;
      case 'additionalProperties':
        out.additionalProperties = typeof v === 'boolean' ? v : convertCrdSchema(v as JsonSchema);
        break;
      case 'allOf': case 'anyOf': case 'oneOf': {
        const branches = (v as JsonSchema[]).map(convertCrdSchema);
        // int-or-string's own `anyOf: [{type: integer}, {type: string}]` is just the type; drop it.
        if (intOrString && branches.every((b) => Object.keys(b).length === 1 && (b.type === 'integer' || b.type === 'string'))) break;
        out[k] = branches;
        break;
      }
      case 'pattern':
        // CRD patterns are Go (RE2) regular expressions; the few that JavaScript cannot compile are skipped.
        if (typeof v === 'string' && compiles(v)) out.pattern = v;
        break;
      case 'not':
        out.not = convertCrdSchema(v as JsonSchema);
        break;
      default:
        if (k.startsWith('x-kubernetes-')) break;
        out[k] = v;
    }
  }
  if (intOrString) out.type = ['integer', 'string'];
  if (embedded) {
    const props = { ...((out.properties as Record<string, JsonSchema> | undefined) ?? {}) };
    props.apiVersion ??= { type: 'string', minLength: 1 };
    props.kind ??= { type: 'string', minLength: 1 };
    props.metadata ??= { type: 'object' };
    out.properties = props;
    out.type ??= 'object';
    // The API server requires apiVersion and kind (not metadata) in an embedded resource, as non-empty strings
    // (apiextensions-apiserver, pkg/apiserver/schema/objectmeta: validateEmbeddedResource).
    const required = Array.isArray(out.required) ? (out.required as string[]) : [];
    out.required = [...required, ...['apiVersion', 'kind'].filter((k) => !required.includes(k))];
  }
  if (out.properties && out.additionalProperties === undefined && !preserve) out.additionalProperties = false;
  if (preserve && out.additionalProperties === false) delete out.additionalProperties;
  return out;
}

function compiles(pattern: string): boolean {
  try { new RegExp(pattern, 'u'); return true; } catch { return false; }
}
