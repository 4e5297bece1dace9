// Text edits for quick fixes, computed from the manifest's source ranges and the file's text. They keep
// the surrounding style: entries added to a block mapping use its indentation, entries added to a flow
// mapping ({...}) or flow sequence ([...]) are written in flow style. Every edit is tested by applying
// it and re-parsing the result.
import { stringify } from 'yaml';
import type { Manifest, ObjectPath, Position, Range } from '../../manifests/types';
import type { TextEditFix } from '../finding';
import { get, isRecord } from './resources';

export interface TextEdit { path: string; range: Range; newText: string }

// Line starts per text: rules compute fixes file by file, rule after rule, over the whole set, so the
// cache is keyed by the text itself (V8 keeps a string's hash once computed) and bounded by the number
// of lines it holds (a 2M-line budget is 16 MB), evicting the oldest texts first.
const LINE_BUDGET = 2_000_000;
const lineCache = new Map<string, number[]>();
let cachedLines = 0;

function lineStarts(text: string): number[] {
  const hit = lineCache.get(text);
  if (hit) return hit;
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  while (cachedLines + starts.length > LINE_BUDGET && lineCache.size > 0) {
    const [oldest, lines] = lineCache.entries().next().value as [string, number[]];
    lineCache.delete(oldest);
    cachedLines -= lines.length;
  }
  lineCache.set(text, starts);
  cachedLines += starts.length;
  return starts;
}

export function offsetAt(text: string, pos: Position): number {
  const starts = lineStarts(text);
  if (pos.line >= starts.length) return text.length;
  return Math.min(starts[pos.line] + pos.character, text.length);
}

export function positionAt(text: string, offset: number): Position {
  const starts = lineStarts(text);
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

export function lineText(text: string, line: number): string {
  const starts = lineStarts(text);
  if (line >= starts.length) return '';
  const end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
  return text.slice(starts[line], end).replace(/\r$/, '');
}

const PLAIN_SAFE = /^[A-Za-z_/][-A-Za-z0-9_./]*$/;
const YAML11_SPECIAL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/;

/** A scalar as YAML text (quoted when a plain scalar would be read as something else). */
export function scalarText(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'null';
  const s = String(v);
  if (PLAIN_SAFE.test(s) && !YAML11_SPECIAL.test(s)) return s;
  if (/^[0-9]+(\.[0-9]+)?(m|Mi|Gi|Ki|M|G|k)$/.test(s)) return s; // quantities like 100m, 128Mi stay plain strings
  return JSON.stringify(s);
}

/** Flow-style rendering on one line: {a: 1, b: [x, y]}. */
export function flowText(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(flowText).join(', ')}]`;
  if (isRecord(v)) return `{${Object.entries(v).map(([k, x]) => `${scalarText(k)}: ${flowText(x)}`).join(', ')}}`;
  return scalarText(v);
}

/** Block-style lines of a mapping or sequence, without indentation, without trailing newline. */
function blockLines(v: unknown): string[] {
  return stringify(v, { indent: 2, lineWidth: 0 }).replace(/\n$/, '').split('\n');
}

/** The file's line ending: inserted lines follow it so CRLF files stay CRLF. */
export function eolOf(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

function edit(path: string, text: string, start: number, end: number, newText: string): TextEdit {
  const eol = eolOf(text);
  return { path, range: { start: positionAt(text, start), end: positionAt(text, end) }, newText: eol === '\n' ? newText : newText.replace(/\r?\n/g, eol) };
}

/** Offset just after the last non-space character of a node's range. */
function contentEnd(text: string, r: Range): number {
  let end = offsetAt(text, r.end);
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

/** Offset where a new line can be inserted after the node ending at `end` (start of the next line). */
function nextLineStart(text: string, end: number): { offset: number; prefix: string } {
  const nl = text.indexOf('\n', end);
  if (nl < 0) return { offset: text.length, prefix: '\n' };
  return { offset: nl + 1, prefix: '' };
}

function isFlowStart(text: string, r: Range, ch: '{' | '['): boolean {
  return text[offsetAt(text, r.start)] === ch;
}

/** Is the value at `path` an empty/null scalar written in the text (e.g. `labels:` or `labels: ~`)? */
function nullValueText(text: string, m: Manifest, path: ObjectPath): string | null {
  const r = m.rangeOf(path, 'value');
  return text.slice(offsetAt(text, r.start), offsetAt(text, r.end)).trim();
}

/**
 * Add `entries` to the mapping at `mapPath`, creating the missing mappings on the way (e.g. adding
 * {labels: {app: web}} under spec.template.metadata when metadata is missing). Keys already present are
 * not touched: callers pass only what is missing.
 */
export function addEntries(text: string, m: Manifest, mapPath: ObjectPath, entries: Record<string, unknown>): TextEdit[] {
  // walk up to the deepest mapping that exists, nesting the entries as we go
  let path = [...mapPath];
  let value: Record<string, unknown> = entries;
  while (path.length > 0 && !isRecord(get(m.object, path))) {
    const key = path[path.length - 1];
    const parent = path.slice(0, -1);
    const parentValue = get(m.object, parent);
    if (isRecord(parentValue) && typeof key === 'string' && key in parentValue && (parentValue[key] === null || parentValue[key] === undefined)) {
      // the key is there with an empty value: fill it in place
      return fillNull(text, m, path, value);
    }
    if (typeof key !== 'string') return [];
    value = { [key]: value };
    path = parent;
  }
  const map = get(m.object, path);
  if (!isRecord(map)) return [];
  const r = path.length === 0 ? m.source.range : m.rangeOf(path, 'value');
  const file = m.source.path;
  if (isFlowStart(text, r, '{')) {
    const end = contentEnd(text, r);
    if (text[end - 1] !== '}') return [];
    const inner = text.slice(offsetAt(text, r.start) + 1, end - 1).trim();
    const sep = inner === '' ? '' : (inner.endsWith(',') ? ' ' : ', ');
    const body = Object.entries(value).map(([k, x]) => `${scalarText(k)}: ${flowText(x)}`).join(', ');
    return [edit(file, text, end - 1, end - 1, `${sep}${body}`)];
  }
  const keys = Object.keys(map);
  if (keys.length === 0) return [];
  // the column of the mapping's first key is the indentation of every key in a block mapping
  const firstKey = m.rangeOf([...path, keys[0]], 'key');
  const indent = ' '.repeat(firstKey.start.character);
  const at = nextLineStart(text, contentEnd(text, r));
  const lines = blockLines(value).map((l) => indent + l);
  return [edit(file, text, at.offset, at.offset, at.prefix + lines.join('\n') + '\n')];
}

/** Replace an empty value (`key:` / `key: ~`) with `value`. */
function fillNull(text: string, m: Manifest, path: ObjectPath, value: unknown): TextEdit[] {
  const file = m.source.path;
  const current = nullValueText(text, m, path);
  const vr = m.rangeOf(path, 'value');
  const kr = m.rangeOf(path, 'key');
  // a parser may give an absent value the key's range (nearest existing node): only a written null token is replaced
  if (current !== null && /^(~|null|Null|NULL)$/.test(current) && !(vr.start.line === kr.start.line && vr.start.character === kr.start.character)) {
    return [edit(file, text, offsetAt(text, vr.start), offsetAt(text, vr.end), flowText(value))];
  }
  // `key:` with nothing after it: put a block below the key, indented two more than the key
  const keyLine = lineText(text, kr.start.line);
  const eol = offsetAt(text, { line: kr.start.line, character: keyLine.length });
  const indent = ' '.repeat(kr.start.character + 2);
  if (Array.isArray(value)) {
    const lines = blockLines(value).map((l) => indent + l);
    return [edit(file, text, eol, eol, '\n' + lines.join('\n'))];
  }
  const lines = blockLines(value).map((l) => indent + l);
  return [edit(file, text, eol, eol, '\n' + lines.join('\n'))];
}

/** Append `item` to the sequence at `seqPath`, creating it (under its parent mapping) when missing. */
export function appendItem(text: string, m: Manifest, seqPath: ObjectPath, item: unknown): TextEdit[] {
  const seq = get(m.object, seqPath);
  const file = m.source.path;
  const key = seqPath[seqPath.length - 1];
  if (!Array.isArray(seq)) {
    if (typeof key !== 'string') return [];
    return addEntries(text, m, seqPath.slice(0, -1), { [key]: [item] });
  }
  const r = m.rangeOf(seqPath, 'value');
  if (isFlowStart(text, r, '[')) {
    const end = contentEnd(text, r);
    if (text[end - 1] !== ']') return [];
    const sep = seq.length === 0 ? '' : ', ';
    return [edit(file, text, end - 1, end - 1, sep + flowText(item))];
  }
  if (seq.length === 0) return [];
  // the first item's dash column: block sequence items start at the range start of the sequence
  const dashCol = r.start.character;
  const indent = ' '.repeat(dashCol);
  const at = nextLineStart(text, contentEnd(text, r));
  const lines = blockLines([item]).map((l) => indent + l);
  return [edit(file, text, at.offset, at.offset, at.prefix + lines.join('\n') + '\n')];
}

/** Replace the scalar at `path` with `value`. */
export function replaceValue(text: string, m: Manifest, path: ObjectPath, value: unknown): TextEdit[] {
  const r = m.rangeOf(path, 'value');
  return [edit(m.source.path, text, offsetAt(text, r.start), contentEnd(text, r), scalarText(value))];
}

/**
 * Remove the entry at `path` from a block mapping when it sits on lines of its own (`key: value`, maybe
 * with a trailing comment, or a nested block below it); [] when that is not the case (flow style, or the
 * map's only entry, whose removal would leave an empty value).
 */
export function removeEntry(text: string, m: Manifest, path: ObjectPath): TextEdit[] {
  const parent = get(m.object, path.slice(0, -1));
  if (!isRecord(parent) || Object.keys(parent).length < 2) return [];
  const kr = m.rangeOf(path, 'key');
  const keyLine = lineText(text, kr.start.line);
  const before = keyLine.slice(0, kr.start.character);
  // only whitespace (or a sequence dash for the first key of an item, which we leave alone) before the key
  if (!/^\s*$/.test(before)) return [];
  const vr = m.rangeOf(path, 'value');
  const start = offsetAt(text, { line: kr.start.line, character: 0 });
  const endLine = positionAt(text, contentEnd(text, vr)).line;
  const next = nextLineStart(text, offsetAt(text, { line: endLine, character: lineText(text, endLine).length }));
  return [edit(m.source.path, text, start, next.offset, '')];
}

export function fix(title: string, edits: TextEdit[], preferred = false): TextEditFix | null {
  if (edits.length === 0) return null;
  return preferred ? { title, edits, preferred } : { title, edits };
}

/** Apply edits to a text (for tests and for the CLI's --fix, if any); edits must not overlap. */
export function applyEdits(text: string, edits: { range: Range; newText: string }[]): string {
  // inserts at the same offset keep their array order in the result (as VS Code applies a WorkspaceEdit)
  const withOffsets = edits.map((e, i) => ({ i, start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }));
  withOffsets.sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
  let out = text;
  for (const e of withOffsets) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export const SUPPRESS_NEXT_LINE = 'kube-preview-disable-next-line';
export const SUPPRESS_DOCUMENT = 'kube-preview-disable';

/** The generic fix: `# kube-preview-disable-next-line RULE` above the finding's line (or extend one already there). */
export function suppressNextLineFix(text: string, path: string, line: number, ruleId: string): TextEditFix {
  const prev = line > 0 ? lineText(text, line - 1) : '';
  const existing = new RegExp(`^(\\s*#\\s*${SUPPRESS_NEXT_LINE}\\s+)(\\S+)\\s*$`).exec(prev);
  if (existing) {
    const endChar = existing[1].length + existing[2].length;
    return {
      title: `Disable ${ruleId} for this line`,
      edits: [{ path, range: { start: { line: line - 1, character: existing[1].length + existing[2].length }, end: { line: line - 1, character: endChar } }, newText: `,${ruleId}` }],
    };
  }
  const indent = /^\s*/.exec(lineText(text, line))?.[0] ?? '';
  return {
    title: `Disable ${ruleId} for this line`,
    edits: [{ path, range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# ${SUPPRESS_NEXT_LINE} ${ruleId}${eolOf(text)}` }],
  };
}
