// Which manifest and which field a cursor position is on (for hover and the preview's highlight).
// Pure: walks the object from the root, descending only into the child whose source range holds the
// position, so the cost is the depth times the siblings on the way, not the document size.
import type { Manifest, ObjectPath, Position, Range } from '../manifests/types';

export function rangeContains(r: Range, p: Position): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  if (p.line === r.end.line && p.character > r.end.character) return false;
  return true;
}

export function manifestAt(manifests: Manifest[], p: Position): Manifest | undefined {
  // List items nest inside their List document's range: the innermost (latest start) wins
  let best: Manifest | undefined;
  for (const m of manifests) {
    if (!rangeContains(m.source.range, p)) continue;
    if (!best || m.source.range.start.line >= best.source.range.start.line) best = m;
  }
  return best;
}

export interface PathAt { path: ObjectPath; onKey: boolean }

/** The object path under a position: the key the cursor is on, or the deepest value that contains it. */
export function pathAt(m: Manifest, p: Position): PathAt {
  const path: ObjectPath = [];
  let value: unknown = m.object;
  for (let depth = 0; depth < 100; depth++) {
    if (value === null || typeof value !== 'object') break;
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : Object.entries(value as Record<string, unknown>);
    let next: [string | number, unknown] | undefined;
    for (const [k, v] of entries) {
      const child = [...path, k];
      if (typeof k === 'string' && rangeContains(m.rangeOf(child, 'key'), p)) {
        const keyRange = m.rangeOf(child, 'key');
        const valueRange = m.rangeOf(child, 'value');
        // rangeOf falls back to the parent when a key has no node of its own: only trust distinct ranges
        if (!sameRange(keyRange, valueRange) || v === null || typeof v !== 'object') return { path: child, onKey: true };
      }
      if (rangeContains(m.rangeOf(child, 'value'), p) && !sameRange(m.rangeOf(child, 'value'), m.rangeOf(path, 'value'))) {
        next = [k, v];
        break;
      }
    }
    if (!next) break;
    path.push(next[0]);
    value = next[1];
  }
  return { path, onKey: false };
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character
    && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** spec.template.spec.containers[0].image */
export function formatPath(path: ObjectPath): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : (s ? '.' : '') + seg;
  return s;
}
