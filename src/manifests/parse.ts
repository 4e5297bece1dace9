// YAML text -> Kubernetes objects with source ranges (see types.ts). Pure: no fs, no vscode.
import type { ParsedFile, ParseProblem, Manifest } from './types';
import { firstTemplateOffset, hasHelmAction, isNotKubernetesPath } from './detect';
import { LineIndex } from './positions';
import { parseChunk, type ChunkResult } from './parse-chunk';
import { splitDocuments, type TextChunk } from './split';

export interface ParseOptions {
  /** files larger than this many bytes (UTF-8) are not parsed; default 10 MB */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export const TEMPLATE_MESSAGE = 'Helm/Go template: not validated';

export function parseManifests(path: string, text: string, opts: ParseOptions = {}): ParsedFile {
  const early = precheck(path, text, opts);
  if (early) return early;
  const chunks = splitDocuments(text);
  let docIndex = 0;
  const parsed = chunks.map((c) => {
    const r = parseChunk(path, c.text, c.startLine, docIndex);
    docIndex += r.docs.length;
    return { chunk: c, result: r };
  });
  return assemble(path, text, parsed);
}

/** Checks that need no parse: size, binary content, well-known non-Kubernetes file names. */
export function precheck(path: string, text: string, opts: ParseOptions = {}): ParsedFile | null {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const base = { path, manifests: [], documentCount: 0 };
  const bytes = text.length > maxBytes ? text.length : text.length * 3 > maxBytes ? utf8ByteLength(text) : text.length;
  if (bytes > maxBytes) {
    const mb = (bytes / (1024 * 1024)).toFixed(1); // at least this much: characters are counted when that suffices
    return { ...base, kind: 'too-large', problems: [{ ruleId: 'manifest/too-large', severity: 'info',
      message: `File is too large to validate (${mb} MB; the limit is ${(maxBytes / (1024 * 1024)).toFixed(1)} MB)`, range: zeroRange() }] };
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const r = LineIndex.of(text.slice(0, nul + 1)).range(nul, nul + 1);
    return { ...base, kind: 'not-kubernetes', problems: [{ ruleId: 'yaml/syntax', severity: 'error',
      message: 'Binary content (NUL byte): this file is not YAML text', range: r }] };
  }
  if (isNotKubernetesPath(path)) return { ...base, kind: 'not-kubernetes', problems: [] };
  // `{{ .Values.x }}` in quotes parses as YAML, but the object is not what will be applied: a template
  if (hasHelmAction(text)) return templateResult(path, text);
  return null;
}

function templateResult(path: string, text: string): ParsedFile {
  const at = Math.max(0, firstTemplateOffset(text));
  const lineEnd = text.indexOf('}}', at);
  const end = lineEnd >= 0 && !text.slice(at, lineEnd).includes('\n') ? lineEnd + 2 : at + 2;
  const range = LineIndex.of(text.slice(0, end)).range(at, end);
  return { path, kind: 'template', manifests: [], documentCount: 0,
    problems: [{ ruleId: 'manifest/template', severity: 'info', message: TEMPLATE_MESSAGE, range }] };
}

/** Builds the ParsedFile from parsed chunks, placing each chunk at its line and renumbering documents. */
export function assemble(path: string, text: string, parsed: { chunk: TextChunk; result: ChunkResult }[]): ParsedFile {
  const manifests: Manifest[] = [];
  const problems: ParseProblem[] = [];
  let documentCount = 0;
  let docIndex = 0;
  let fatal = false;
  let templateLike = false;
  let kubernetesLike = false;
  for (const { chunk, result } of parsed) {
    for (const d of result.docs) {
      for (const m of d.manifests) {
        m.relocate(path, chunk.startLine, docIndex);
        manifests.push(m);
      }
      if (d.hasContent) documentCount++;
      if (d.kubernetesLike) kubernetesLike = true;
      docIndex++;
    }
    for (const p of result.problems) {
      problems.push({ ruleId: p.ruleId, severity: p.severity, message: p.message, range: result.lines.range(p.start, p.end, chunk.startLine) });
    }
    if (result.fatal) fatal = true;
    if (result.templateLike) templateLike = true;
  }
  // `{{ ... }}` outside quotes either breaks the YAML or reads as a mapping-as-key: a template, not a manifest.
  if ((fatal || templateLike) && text.includes('{{')) return templateResult(path, text);
  // Unreadable YAML counts as Kubernetes (we cannot tell, and its errors matter); YAML documents without
  // apiVersion and kind do not, even when reported as missing them.
  const kind = manifests.length > 0 || kubernetesLike || fatal ? 'kubernetes' : documentCount > 0 ? 'not-kubernetes' : 'empty';
  return { path, kind, manifests, problems, documentCount };
}

function zeroRange() {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

type ByteLength = (s: string, encoding: 'utf8') => number;

/** UTF-8 length of a whole text: Node's native count when there is one (about 8× faster), else utf8Length. */
export function utf8ByteLength(s: string): number {
  const native = (globalThis as { Buffer?: { byteLength?: ByteLength } }).Buffer?.byteLength;
  return typeof native === 'function' ? native(s, 'utf8') : utf8Length(s);
}

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; }
    else n += 3;
  }
  return n;
}
