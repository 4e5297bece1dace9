// What the schema says about one field (for hovers): its type in words, whether it is required, allowed values.
import type { ObjectPath } from '../../manifests/types';
import type { JsonSchema, SchemaBundle, SchemaLoader } from './bundle';
import { kindKey, refName } from './bundle';
import { humanPath, QUANTITY_PATTERN_SOURCE } from './messages';

export interface FieldInfo { type: string; path: string; required: boolean; enum?: string[] }

export function describeField(version: string, apiVersion: string, kind: string, path: ObjectPath, loader: SchemaLoader): FieldInfo | null {
  let bundle: SchemaBundle;
  try { bundle = loader(version); } catch { return null; }
  const entry = bundle.kinds[kindKey(apiVersion, kind)];
  if (!entry) return null;
  let schema: JsonSchema | undefined = bundle.definitions[entry.ref];
  let required = false;
  for (const seg of path) {
    schema = deref(bundle, schema);
    if (!schema) return null;
    if (typeof seg === 'number' || schema.type === 'array') {
      if (typeof seg !== 'number') return null;
      schema = schema.items as JsonSchema | undefined;
      required = false;
      continue;
    }
    const props = schema.properties as Record<string, JsonSchema> | undefined;
    if (props && seg in props) {
      required = Array.isArray(schema.required) && (schema.required as string[]).includes(seg);
      schema = props[seg];
    } else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
      required = false;
      schema = schema.additionalProperties as JsonSchema;
    } else {
      return null;
    }
  }
  if (!schema) return null;
  const info: FieldInfo = { type: typeName(bundle, schema), path: humanPath(path), required };
  const resolved = deref(bundle, schema);
  if (resolved && Array.isArray(resolved.enum)) info.enum = (resolved.enum as unknown[]).map(String);
  return info;
}

function deref(bundle: SchemaBundle, s: JsonSchema | undefined): JsonSchema | undefined {
  let cur = s;
  for (let i = 0; cur && typeof cur.$ref === 'string' && i < 10; i++) cur = bundle.definitions[refName(cur.$ref)];
  return cur;
}

/** "string", "integer", "integer | string", "quantity", "PodSpec", "[]Container", "map[string]string". */
export function typeName(bundle: SchemaBundle, s: JsonSchema, depth = 0): string {
  if (typeof s.$ref === 'string') {
    const name = refName(s.$ref);
    const target = bundle.definitions[name];
    if (target && target.pattern === QUANTITY_PATTERN_SOURCE) return 'quantity';
    const short = name.slice(name.lastIndexOf('.') + 1);
    if (target && !target.properties && target.type && target.type !== 'object' && depth < 3) return typeName(bundle, target, depth + 1);
    return short;
  }
  if (s.pattern === QUANTITY_PATTERN_SOURCE) return 'quantity';
  const t = s.type;
  if (Array.isArray(t)) return t.join(' | ');
  if (t === 'array') return `[]${s.items ? typeName(bundle, s.items as JsonSchema, depth + 1) : 'any'}`;
  if (t === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') {
    return `map[string]${typeName(bundle, s.additionalProperties as JsonSchema, depth + 1)}`;
  }
  if (t === 'string' && s.format === 'date-time') return 'string (date-time)';
  if (t === 'string' && s.format === 'byte') return 'string (base64)';
  return typeof t === 'string' ? t : 'object';
}
