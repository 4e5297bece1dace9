// Parses one chunk of a YAML stream (normally one document, see split.ts) into manifests and problems whose
// positions are chunk-local offsets, so an unchanged chunk can be reused at another place in the file.
import { LineCounter, isCollection, isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node as YamlNode } from 'yaml';
import type { KubeObject, ParseProblem } from './types';
import { LineIndex } from './positions';
import { SourceManifest } from './source-manifest';
import { K8S_TOJS_OPTIONS, K8S_YAML_OPTIONS } from './yaml-options';
import { isNotKubernetesDocument } from './detect';

export interface LocalProblem {
  ruleId: string;
  severity: ParseProblem['severity'];
  message: string;
  start: number;
  end: number;
}

export interface ChunkDoc {
  manifests: SourceManifest[];
  /** the document had content (not empty / comment-only) */
  hasContent: boolean;
  /** the document has apiVersion or kind (a Kubernetes object, valid or not) */
  kubernetesLike: boolean;
}

export interface ChunkResult {
  text: string;
  lines: LineIndex;
  docs: ChunkDoc[];
  problems: LocalProblem[];
  /** a YAML error other than duplicate keys (used to recognise templates that do not parse) */
  fatal: boolean;
  /** `{{ ... }}` read as a flow mapping used as a key or value: Go template syntax outside quotes */
  templateLike: boolean;
}

/** `manifest path`, chunk text, its first line and the index of its first YAML document in the file. */
export function parseChunk(path: string, text: string, lineOffset: number, firstDocIndex: number): ChunkResult {
  try {
    return parseChunkUnsafe(path, text, lineOffset, firstDocIndex);
  } catch (err) {
    // The yaml package reports its own failures as errors; this is the last guard so bad input never throws.
    const lines = LineIndex.of(text);
    return { text, lines, docs: [], fatal: true, templateLike: false,
      problems: [{ ruleId: 'yaml/syntax', severity: 'error', message: cleanMessage((err as Error).message ?? String(err)), start: 0, end: Math.min(text.length, lineEnd(text, 0)) }] };
  }
}

function parseChunkUnsafe(path: string, text: string, lineOffset: number, firstDocIndex: number): ChunkResult {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { ...K8S_YAML_OPTIONS, lineCounter });
  const lines = new LineIndex(lineCounter.lineStarts);
  const result: ChunkResult = { text, lines, docs: [], problems: [], fatal: false, templateLike: false };
  const docs = Array.isArray(parsed) ? parsed : [];
  docs.forEach((doc, i) => {
    result.docs.push(readDocument(path, text, doc, lines, lineOffset, firstDocIndex + i, result));
  });
  return result;
}

function readDocument(
  path: string, text: string, doc: Document.Parsed, lines: LineIndex, lineOffset: number, docIndex: number, out: ChunkResult,
): ChunkDoc {
  const res: ChunkDoc = { manifests: [], hasContent: false, kubernetesLike: false };
  let fatal = false;
  for (const e of doc.errors) {
    const [s, t] = e.pos;
    fatal = true;
    out.problems.push({ ruleId: 'yaml/syntax', severity: 'error', message: cleanMessage(e.message), start: s, end: Math.max(t, s + 1) });
  }
  for (const start of duplicateKeyStarts(doc)) {
    const end = keyEnd(text, start, start + 1);
    const key = text.slice(start, end).trim().replace(/^(["'])(.*)\1$/, '$2');
    out.problems.push({ ruleId: 'yaml/duplicate-key', severity: 'error', message: `Duplicate key ${JSON.stringify(key)}: a mapping must not repeat a key (the last value would silently win)`, start, end });
  }
  // Warnings (unresolved tags such as CloudFormation's !Ref) are kept only for documents we read as Kubernetes.
  const warnings: LocalProblem[] = doc.warnings.map((w) => ({ ruleId: 'yaml/syntax', severity: 'warning', message: cleanMessage(w.message), start: w.pos[0], end: w.pos[1] }));
  if (text.includes('{{') && hasTemplateNode(doc)) { out.templateLike = true; return res; }
  const contents = doc.contents as YamlNode | null;
  if (!contents || (isScalar(contents) && contents.value === null && !(contents.source ?? '').length && !contents.tag)) return res;
  res.hasContent = true;
  if (fatal) { out.fatal = true; return res; }
  let value: unknown;
  try {
    value = doc.toJS(K8S_TOJS_OPTIONS);
  } catch (err) {
    // Alias bombs (maxAliasCount) and other resolution failures: report, never throw.
    const r = contents.range ?? [0, 0, 0];
    out.problems.push({ ruleId: 'yaml/syntax', severity: 'error', message: `YAML could not be read: ${(err as Error).message}`, start: r[0], end: Math.min(r[1], lineEnd(text, r[0])) });
    out.fatal = true;
    return res;
  }
  if (!isPlainObject(value) || !isMap(contents)) return res; // scalars, sequences: not Kubernetes objects
  const obj = value;
  const idOk = checkIdentity(obj, contents, text, out, path);
  if (idOk === 'ignore') return res;
  out.problems.push(...warnings);
  // A mapping with neither key (`key: value`) is still reported (kubeconform does), but does not make the file
  // a Kubernetes file: ParsedFile.kind stays 'not-kubernetes' so an editor may choose to stay quiet about it.
  res.kubernetesLike = 'apiVersion' in obj || 'kind' in obj;
  if (idOk === 'bad') return res;
  const kind = obj.kind as string;
  if (kind === 'List' && (obj.items === undefined || obj.items === null)) return res; // an empty List
  const itemsNode = contents.get('items', true) as YamlNode | undefined;
  if ((kind === 'List' || kind.endsWith('List')) && Array.isArray(obj.items) && itemsNode && isSeq(itemsNode)) {
    obj.items.forEach((item, i) => {
      const node = itemsNode.items[i] as YamlNode | undefined;
      if (!node) return;
      if (!isPlainObject(item) || !isMap(node)) {
        const r = node.range ?? [0, 0, 0];
        out.problems.push({ ruleId: 'manifest/missing-kind', severity: 'error', message: `List item ${i} is not an object: missing 'kind' key`, start: r[0], end: Math.min(r[1], lineEnd(text, r[0])) });
        return;
      }
      if (checkIdentity(item, node, text, out, null) !== 'ok') return;
      res.manifests.push(new SourceManifest(item as KubeObject, doc, node, lines, lineOffset, path, docIndex, i, text));
    });
    return res;
  }
  res.manifests.push(new SourceManifest(obj as KubeObject, doc, contents, lines, lineOffset, path, docIndex, undefined, text));
  return res;
}

const HELM_INDEX_KEYS = new Set(['apiVersion', 'entries', 'generated', 'serverInfo', 'annotations']);

/**
 * apiVersion and kind must both be non-empty strings. Messages follow kubeconform's ("missing 'kind' key").
 * A top-level document with neither, recognisably another format (compose, CI, kustomize...), is ignored.
 */
/** `topLevelPath`: the file's path for a document, null for a List item (never ignored). */
function checkIdentity(obj: Record<string, unknown>, node: YamlNode, text: string, out: ChunkResult, topLevelPath: string | null): 'ok' | 'bad' | 'ignore' {
  const hasKind = typeof obj.kind === 'string' && obj.kind !== '';
  const hasApi = typeof obj.apiVersion === 'string' && obj.apiVersion !== '';
  if (hasKind && hasApi) return 'ok';
  const kindPresent = 'kind' in obj;
  const apiPresent = 'apiVersion' in obj;
  if (topLevelPath !== null && !kindPresent && !apiPresent && isNotKubernetesDocument(Object.keys(obj), topLevelPath)) return 'ignore';
  // A Helm chart repository's index.yaml: `apiVersion: v1`, `entries`, `generated` and no kind.
  if (topLevelPath !== null && !kindPresent && apiPresent && isPlainObject(obj.entries) && Object.keys(obj).every((k) => HELM_INDEX_KEYS.has(k))) return 'ignore';
  const at = (key: string): [number, number] => {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      const k = pair?.key as YamlNode | undefined;
      if (k?.range) return [k.range[0], k.range[1]];
      const first = node.items[0]?.key as YamlNode | undefined;
      if (first?.range) return [first.range[0], first.range[1]];
    }
    const r = node.range ?? [0, 0, 0];
    return [r[0], Math.min(r[1], lineEnd(text, r[0]))];
  };
  if (!hasKind) {
    const [s, e] = kindPresent ? at('kind') : apiPresent ? at('apiVersion') : at('');
    const detail = kindPresent ? ` ('kind' must be a non-empty string, got ${describe(obj.kind)})` : '';
    out.problems.push({ ruleId: 'manifest/missing-kind', severity: 'error', message: `missing 'kind' key${detail}: a Kubernetes object needs apiVersion and kind`, start: s, end: e });
  } else {
    const [s, e] = apiPresent ? at('apiVersion') : at('kind');
    const detail = apiPresent ? ` ('apiVersion' must be a non-empty string, got ${describe(obj.apiVersion)})` : '';
    out.problems.push({ ruleId: 'manifest/missing-apiVersion', severity: 'error', message: `missing 'apiVersion' key${detail}: a Kubernetes object needs apiVersion and kind`, start: s, end: e });
  }
  return 'bad';
}

function describe(v: unknown): string {
  return v === null || v === undefined ? 'null' : JSON.stringify(v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof Set);
}

function lineEnd(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i < 0 ? text.length : i;
}

// yaml's plain messages sometimes end with " at line L, column C"; positions come from our ranges instead.
function cleanMessage(m: string): string {
  if (/call stack/i.test(m)) return `YAML nested too deeply to read (${m})`;
  return m.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

/**
 * Unquoted `{{ x }}` parses as a flow mapping whose key is another flow mapping (`{ {x: null}: null }`); no
 * Kubernetes manifest has mapping keys that are collections, so such a node means template syntax. Quoted
 * `"{{ .Values.x }}"` and text such as Prometheus' `{{ $labels.pod }}` inside strings are plain strings.
 */
function hasTemplateNode(doc: Document.Parsed): boolean {
  let found = false;
  visit(doc, {
    Pair(_, pair) {
      if (isCollection(pair.key)) { found = true; return visit.BREAK; }
      return undefined;
    },
  });
  return found;
}

/** yaml reports a duplicate key at its first character; extend to the whole key (up to `: ` on that line). */
/**
 * Offsets of the keys that repeat an earlier key of their mapping, in source order. One pass with a set per
 * mapping: the yaml package's own check (`uniqueKeys`) compares every new key with all earlier ones, which is
 * quadratic — a ConfigMap of 20,000 keys took seconds, of 80,000 minutes, in the extension host's one thread —
 * so it is off (yaml-options.ts). Same notion of equal: scalars with the same value. Iterative: nesting depth
 * cannot overflow the stack here.
 */
function duplicateKeyStarts(doc: Document.Parsed): number[] {
  const starts: number[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key as unknown;
        if (isScalar(key)) {
          if (seen.has(key.value) && key.range) starts.push(key.range[0]);
          else seen.add(key.value);
        } else if (isCollection(key)) {
          stack.push(key);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(isPair(item) ? item.value : item);
    }
  }
  return starts.sort((a, b) => a - b);
}

function keyEnd(text: string, start: number, reportedEnd: number): number {
  const eol = lineEnd(text, start);
  const line = text.slice(start, eol);
  const m = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|.*?)(?=:(?:[ \t\r]|$))/.exec(line);
  return m && m[0].length > 0 ? start + m[0].length : Math.max(reportedEnd, start + 1);
}
