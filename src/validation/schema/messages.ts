// Ajv errors -> findings people can act on: one finding per problem node, with the right range (key of an
// unknown field, value of a wrong type, parent key of a missing field), "did you mean" suggestions and fixes.
import type { ErrorObject } from 'ajv';
import type { Finding, ResourceRef, TextEditFix } from '../finding';
import type { Manifest, ObjectPath, Range } from '../../manifests/types';
import { suggestName } from './suggest';

export const QUANTITY_PATTERN_SOURCE =
  '^[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))?$';

/** At most this many schema findings per document: a wrong file fed to the wrong kind should not flood. */
export const MAX_FINDINGS_PER_DOCUMENT = 50;

interface SourceTextCapable { sourceText(path: ObjectPath, part?: 'key' | 'value'): string | undefined }

function hasSourceText(m: Manifest): m is Manifest & SourceTextCapable {
  return typeof (m as Partial<SourceTextCapable>).sourceText === 'function';
}

export function resourceRef(m: Manifest): ResourceRef {
  const md = m.object.metadata;
  return {
    apiVersion: m.object.apiVersion, kind: m.object.kind,
    namespace: typeof md?.namespace === 'string' ? md.namespace : null,
    name: typeof md?.name === 'string' ? md.name : typeof md?.generateName === 'string' ? md.generateName : null,
  };
}

/** ['spec', 'ports', 0, 'port'] -> "spec.ports[0].port". */
export function humanPath(path: ObjectPath): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) s += s ? `.${seg}` : seg;
    else s += `[${JSON.stringify(seg)}]`;
  }
  return s;
}

/** JSON pointer -> object path (array indices as numbers, decided by the data). */
export function pointerToPath(pointer: string, data: unknown): ObjectPath {
  if (!pointer) return [];
  const out: ObjectPath = [];
  let cur: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      const i = Number(seg);
      out.push(i);
      cur = cur[i];
    } else {
      out.push(seg);
      cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

function where(kind: string, path: ObjectPath): string {
  return path.length ? `${kind} ${humanPath(path)}` : kind;
}

function subject(kind: string, path: ObjectPath): string {
  return path.length ? humanPath(path) : `The ${kind} document`;
}

export function show(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'an integer', number: 'a number', string: 'a string', boolean: 'a boolean (true or false)',
  object: 'a mapping (key: value pairs)', array: 'a list', null: 'null',
};

function typeWords(types: string[]): string {
  const words = types.map((t) => TYPE_WORDS[t] ?? t);
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function isQuantitySchema(s: unknown): boolean {
  return !!s && typeof s === 'object' && (s as Record<string, unknown>).pattern === QUANTITY_PATTERN_SOURCE;
}

const QUANTITY_WORDS = 'a quantity (a number, or a string such as "500m", "2Gi" or "1.5")';

/** Drops branch errors of anyOf/oneOf (keeping one summary), `if` noise, and exact duplicates. */
export function collapseErrors(errors: ErrorObject[]): ErrorObject[] {
  const combos = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const out: ErrorObject[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    if (combos.some((c) => c !== e && e.schemaPath.startsWith(`${c.schemaPath}/`) && e.instancePath.startsWith(c.instancePath))) continue;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

/** The first branch error of a collapsed anyOf/oneOf, for its summary message. */
function firstBranchError(all: ErrorObject[], combo: ErrorObject): ErrorObject | undefined {
  return all.find((e) => e !== combo && e.schemaPath.startsWith(`${combo.schemaPath}/`));
}

export function errorsToFindings(m: Manifest, data: unknown, errors: ErrorObject[]): Finding[] {
  const kind = m.object.kind;
  const resource = resourceRef(m);
  const file = m.source.path;
  const findings: Finding[] = [];
  const make = (ruleId: string, message: string, range: Range, extra?: Partial<Finding>): Finding =>
    ({ ruleId, severity: 'error', message, path: file, range, resource, ...extra });
  const collapsed = collapseErrors(errors);
  // `container:` instead of `containers:` is one mistake: the unknown field (with its suggestion) says it all,
  // so the "missing required field" of the same object is dropped when the suggestion names that field.
  const renamed = new Set<string>();
  for (const e of collapsed) {
    if (e.keyword !== 'additionalProperties') continue;
    const parent = e.parentSchema as { properties?: Record<string, unknown>; required?: string[] } | undefined;
    const s = suggestName(String((e.params as Record<string, unknown>).additionalProperty), Object.keys(parent?.properties ?? {}));
    if (s && parent?.required?.includes(s)) renamed.add(`${e.instancePath}|${s}`);
  }
  for (const e of collapsed) {
    if (findings.length >= MAX_FINDINGS_PER_DOCUMENT) break;
    if (e.keyword === 'required' && renamed.has(`${e.instancePath}|${String((e.params as Record<string, unknown>).missingProperty)}`)) continue;
    const path = pointerToPath(e.instancePath, data);
    const params = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'additionalProperties': {
        const field = String(params.additionalProperty);
        const fieldPath = [...path, field];
        const parent = e.parentSchema as { properties?: Record<string, unknown> } | undefined;
        const known = Object.keys(parent?.properties ?? {});
        const present = e.data && typeof e.data === 'object' ? Object.keys(e.data as object) : [];
        const suggestion = suggestName(field, known);
        const range = m.rangeOf(fieldPath, 'key');
        let message = `Unknown field "${field}" in ${where(kind, path)}`;
        const extra: Partial<Finding> = { data: { field, path: fieldPath } };
        if (suggestion) {
          message += ` — did you mean "${suggestion}"?`;
          extra.data = { ...extra.data, suggestion };
        }
        // Renaming onto a field that is already there would make a duplicate key: no fix then.
        if (suggestion && !present.includes(suggestion)) {
          const keyText = hasSourceText(m) ? m.sourceText(fieldPath, 'key') : undefined;
          const quoted = keyText !== undefined && /^["']/.test(keyText);
          const fix: TextEditFix = { title: `Rename "${field}" to "${suggestion}"`, preferred: true,
            edits: [{ path: file, range, newText: quoted ? JSON.stringify(suggestion) : suggestion }] };
          extra.fixes = [fix];
        }
        findings.push(make('schema/unknown-field', message, range, extra));
        break;
      }
      case 'required': {
        const field = String(params.missingProperty);
        findings.push(make('schema/required', `Missing required field "${field}" in ${where(kind, path)}`,
          m.rangeOf(path, 'key'), { data: { field, path: [...path, field] } }));
        break;
      }
      case 'type': {
        const types = String(params.type).split(',');
        const expected = isQuantitySchema(e.parentSchema) ? QUANTITY_WORDS : typeWords(types);
        let message = `${subject(kind, path)} must be ${expected}, got ${show(e.data)}`;
        const range = m.rangeOf(path, 'value');
        const extra: Partial<Finding> = { data: { path, expected: types } };
        if (types.includes('string') && (typeof e.data === 'boolean' || typeof e.data === 'number')) {
          // YAML 1.1 reads yes/no/on/off/true/false and digits as booleans and numbers: quoting keeps the text.
          const text = hasSourceText(m) ? m.sourceText(path, 'value') : undefined;
          message += ' — quote it to make it a string';
          if (text !== undefined && text.length > 0 && !/^["']/.test(text) && !text.includes('\n')) {
            extra.fixes = [{ title: `Quote ${text}`, preferred: true, edits: [{ path: file, range, newText: JSON.stringify(text) }] }];
          }
        }
        findings.push(make('schema/type', message, range, extra));
        break;
      }
      case 'enum': {
        // "" is accepted where the API server defaults an empty field; it is not worth listing.
        const allowed = ((params.allowedValues as unknown[]) ?? []).filter((v) => v !== '');
        const list = allowed.map((v) => JSON.stringify(v)).join(', ');
        const range = m.rangeOf(path, 'value');
        const extra: Partial<Finding> = { data: { path, allowed } };
        let message = `${subject(kind, path)} must be one of ${list}, got ${show(e.data)}`;
        if (typeof e.data === 'string') {
          const s = suggestName(e.data, allowed.filter((v): v is string => typeof v === 'string'));
          if (s) {
            message += ` — did you mean "${s}"?`;
            extra.data = { ...extra.data, suggestion: s };
            extra.fixes = [{ title: `Change to "${s}"`, preferred: true, edits: [{ path: file, range, newText: s }] }];
          }
        }
        findings.push(make('schema/enum', message, range, extra));
        break;
      }
      case 'const':
        findings.push(make('schema/enum', `${subject(kind, path)} must be ${JSON.stringify(params.allowedValue)}, got ${show(e.data)}`, m.rangeOf(path, 'value'), { data: { path } }));
        break;
      case 'format': {
        const f = String(params.format);
        const words: Record<string, string> = {
          'date-time': 'an RFC 3339 date-time such as "2024-01-31T12:00:00Z"', date: 'a date such as "2024-01-31"',
          byte: 'base64-encoded data', 'k8s-duration': 'a duration such as "30s", "5m" or "1h30m"',
        };
        findings.push(make('schema/format', `${subject(kind, path)} must be ${words[f] ?? `in format ${f}`}, got ${show(e.data)}`, m.rangeOf(path, 'value'), { data: { path, format: f } }));
        break;
      }
      case 'pattern': {
        const message = isQuantitySchema(e.parentSchema)
          ? `${subject(kind, path)} must be ${QUANTITY_WORDS}, got ${show(e.data)}`
          : `${subject(kind, path)} must match the pattern ${String(params.pattern)}, got ${show(e.data)}`;
        findings.push(make('schema/pattern', message, m.rangeOf(path, 'value'), { data: { path } }));
        break;
      }
      case 'anyOf': case 'oneOf': {
        const branch = firstBranchError(errors, e);
        const why = branch ? ` (for instance: ${branchWords(branch)})` : '';
        const message = e.keyword === 'oneOf' && params.passingSchemas
          ? `${subject(kind, path)} matches more than one of the allowed forms`
          : `${subject(kind, path)} does not match any of the allowed forms${why}`;
        findings.push(make('schema/constraint', message, m.rangeOf(path, path.length ? 'key' : 'value'), { data: { path } }));
        break;
      }
      default:
        // minimum, maximum, minLength, maxItems, uniqueItems, not, ...: Ajv's wording is clear enough.
        findings.push(make('schema/constraint', `${subject(kind, path)} ${e.message ?? 'is not valid'}, got ${show(e.data)}`, m.rangeOf(path, 'value'), { data: { path } }));
    }
  }
  return findings;
}

function branchWords(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return `missing "${String(p.missingProperty)}"`;
  if (e.keyword === 'additionalProperties') return `unknown field "${String(p.additionalProperty)}"`;
  return e.message ?? e.keyword;
}
