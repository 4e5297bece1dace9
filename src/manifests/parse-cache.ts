// Incremental parsing for the editor: a file is split into document chunks at `---` lines (cheap, no parse);
// chunks whose text is unchanged since the last call for the same path are reused (their Manifest objects are
// kept and only moved to their new line / document index), so a keystroke costs one document's parse.
// The pre-checks (size, binary content) also look only at new chunks: a reused chunk passed them already (a
// file that fails them is dropped from the cache), and its UTF-8 length is remembered.
import type { ParsedFile } from './types';
import { assemble, DEFAULT_MAX_BYTES, precheck, utf8Length, type ParseOptions } from './parse';
import { hasHelmAction, isNotKubernetesPath } from './detect';
import { parseChunk, type ChunkResult } from './parse-chunk';
import { countNewlines, splitDocuments } from './split';

export class ParseCache {
  private readonly files = new Map<string, Map<string, ChunkResult[]>>();
  /** chunks parsed (not reused) by the last parse() call: for tests and benchmarks */
  lastParsedChunks = 0;

  constructor(private readonly opts: ParseOptions = {}) {}

  /** UTF-8 length of chunks, computed only when a file is near the size limit */
  private readonly chunkBytes = new WeakMap<ChunkResult, number>();

  parse(path: string, text: string): ParsedFile {
    this.lastParsedChunks = 0;
    const maxBytes = this.opts.maxBytes ?? DEFAULT_MAX_BYTES;
    // Too many characters, a name that is not a manifest, a Helm template: the whole-file checks decide at once.
    if (text.length > maxBytes || isNotKubernetesPath(path) || hasHelmAction(text)) {
      const early = this.rejected(path, text);
      if (early) return early;
    }
    const previous = this.files.get(path);
    const next = new Map<string, ChunkResult[]>();
    const chunks = splitDocuments(text, (chunk) => {
      const known = previous?.get(chunk)?.[0];
      return known ? known.lines.lineStarts.length - 1 : countNewlines(chunk);
    });
    // Pre-checks over new chunks only. UTF-16 length × 3 bounds the UTF-8 length, so bytes are counted only
    // when that bound passes the limit; any doubt goes to the whole-file precheck, which words the result.
    const countBytes = text.length * 3 > maxBytes;
    const byteCounts: number[] = [];
    let bytes = 0;
    let suspect = false;
    for (const chunk of chunks) {
      const known = previous?.get(chunk.text)?.[0];
      if (!known && chunk.text.includes('\u0000')) suspect = true;
      if (countBytes) {
        const n = (known && this.chunkBytes.get(known)) ?? utf8Length(chunk.text);
        byteCounts.push(n);
        bytes += n;
      }
    }
    if (suspect || bytes > maxBytes) {
      const early = this.rejected(path, text);
      if (early) return early;
    }
    let docIndex = 0;
    const parsed = chunks.map((chunk, k) => {
      let result = previous?.get(chunk.text)?.pop();
      if (!result) {
        result = parseChunk(path, chunk.text, chunk.startLine, docIndex);
        this.lastParsedChunks++;
      }
      if (countBytes) this.chunkBytes.set(result, byteCounts[k]);
      docIndex += result.docs.length;
      const list = next.get(chunk.text);
      if (list) list.push(result); else next.set(chunk.text, [result]);
      return { chunk, result };
    });
    this.files.set(path, next);
    return assemble(path, text, parsed);
  }

  /** The whole-file pre-checks (which word the result); null when the file passes them after all. */
  private rejected(path: string, text: string): ParsedFile | null {
    const early = precheck(path, text, this.opts);
    if (early) this.files.delete(path);
    return early;
  }

  /** Forgets a file (closed document, deleted file). */
  delete(path: string): void {
    this.files.delete(path);
  }

  clear(): void {
    this.files.clear();
  }
}
