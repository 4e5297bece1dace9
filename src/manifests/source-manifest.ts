// A Manifest backed by the yaml AST of its document (or List item), so any object path maps back to source.
// Positions are computed lazily from chunk-local offsets plus the chunk's first line; ParseCache moves a manifest
// whose document did not change by updating that line offset (relocate), without re-parsing.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { KubeObject, Manifest, ObjectPath, Range, SourceLocation } from './types';
import { LineIndex } from './positions';

export class SourceManifest implements Manifest {
  source: SourceLocation;

  constructor(
    readonly object: KubeObject,
    private readonly doc: Document.Parsed,
    /** the object's node: the document contents, or a List item */
    private readonly root: YamlNode,
    private readonly lines: LineIndex,
    private lineOffset: number,
    path: string,
    docIndex: number,
    itemIndex: number | undefined,
    /** the text of the document's chunk (lets callers key caches by content) */
    readonly text: string,
  ) {
    this.source = this.makeSource(path, docIndex, itemIndex);
  }

  private makeSource(path: string, docIndex: number, itemIndex: number | undefined): SourceLocation {
    const r = this.root.range ?? [0, 0, 0];
    const loc: SourceLocation = { path, docIndex, range: this.lines.range(r[0], r[1], this.lineOffset) };
    if (itemIndex !== undefined) loc.itemIndex = itemIndex;
    return loc;
  }

  /** Moves this manifest to a new first line / document index (its text is unchanged). */
  relocate(path: string, lineOffset: number, docIndex: number): void {
    if (lineOffset === this.lineOffset && docIndex === this.source.docIndex && path === this.source.path) return;
    this.lineOffset = lineOffset;
    this.source = this.makeSource(path, docIndex, this.source.itemIndex);
  }

  rangeOf(path: ObjectPath, part: 'key' | 'value' = 'value'): Range {
    const [start, end] = this.offsetsOf(path, part);
    return this.lines.range(start, end, this.lineOffset);
  }

  /** Chunk-local [start, end) offsets for rangeOf. */
  offsetsOf(path: ObjectPath, part: 'key' | 'value'): [number, number] {
    let node: YamlNode | null = this.root;
    let keyNode: YamlNode | null = null; // key of the pair through which `node` was reached
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      const next = this.child(node, seg);
      if (!next) {
        // Missing: the nearest existing ancestor, by its key when it has one (a list item: its first key),
        // else the document start.
        if (keyNode) return span(keyNode);
        const first = node && isMap(node) && node.items.length > 0 ? (node.items[0].key as YamlNode | null) : null;
        if (i > 0 && first?.range) return span(first);
        return this.documentStart();
      }
      node = next.value;
      keyNode = next.key;
    }
    if (path.length === 0) return part === 'key' ? this.documentStart() : span(this.root);
    if (part === 'key' && keyNode) return span(keyNode);
    if (part === 'key' && node && isMap(node) && node.items.length > 0) {
      const first = node.items[0].key as YamlNode | null; // a list item: its first key
      if (first?.range) return span(first);
    }
    if (node && node.range && node.range[1] > node.range[0]) return span(node);
    if (keyNode) return span(keyNode); // `key:` with an empty value: point at the key
    return this.documentStart();
  }

  /** The source text at `path` (e.g. to quote a scalar in a quick fix); undefined when the path is missing. */
  sourceText(path: ObjectPath, part: 'key' | 'value' = 'value'): string | undefined {
    const [s, e] = this.offsetsOf(path, part);
    return this.text.slice(s, e);
  }

  private child(node: YamlNode | null, seg: string | number): { key: YamlNode | null; value: YamlNode | null } | null {
    if (node && isAlias(node)) node = (node.resolve(this.doc) as YamlNode | undefined) ?? null;
    if (!node) return null;
    if (isMap(node)) {
      const want = String(seg);
      // Last match wins, like toJS with duplicate keys.
      for (let j = node.items.length - 1; j >= 0; j--) {
        const pair = node.items[j];
        const k = pair.key as YamlNode | null;
        if (k && isScalar(k) && String(k.value) === want) return { key: k, value: (pair.value as YamlNode | null) ?? null };
      }
      return null;
    }
    if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YamlNode | undefined;
      if (item === undefined) return null;
      if (isPair(item)) return { key: (item.key as YamlNode) ?? null, value: (item.value as YamlNode) ?? null };
      return { key: null, value: item };
    }
    return null;
  }

  /** The first key of the object (its first line), or the node start. */
  private documentStart(): [number, number] {
    const root = this.root;
    if (isMap(root) && root.items.length > 0) {
      const k = root.items[0].key as YamlNode | null;
      if (k && k.range) return span(k);
    }
    const r = root.range ?? [0, 0, 0];
    return [r[0], r[0]];
  }
}

function span(n: YamlNode): [number, number] {
  const r = n.range;
  return r ? [r[0], r[1]] : [0, 0];
}
