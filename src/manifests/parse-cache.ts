// Incremental parsing for the editor: a file is split into document chunks at `---` lines (cheap, no parse);
// chunks whose text is unchanged since the last call for the same path are reused (their Manifest objects are
// kept and only moved to their new line / document index), so a keystroke costs one document's parse.
import type { ParsedFile } from './types';
import { assemble, precheck, type ParseOptions } from './parse';
import { parseChunk, type ChunkResult } from './parse-chunk';
import { countNewlines, splitDocuments } from './split';

export class ParseCache {
  private readonly files = new Map<string, Map<string, ChunkResult[]>>();
  /** chunks parsed (not reused) by the last parse() call: for tests and benchmarks */
  lastParsedChunks = 0;

  constructor(private readonly opts: ParseOptions = {}) {}

  parse(path: string, text: string): ParsedFile {
    this.lastParsedChunks = 0;
    const early = precheck(path, text, this.opts);
    if (early) { this.files.delete(path); return early; }
    const previous = this.files.get(path);
    const next = new Map<string, ChunkResult[]>();
    const chunks = splitDocuments(text, (chunk) => {
      const known = previous?.get(chunk)?.[0];
      return known ? known.lines.lineStarts.length - 1 : countNewlines(chunk);
    });
    let docIndex = 0;
    const parsed = chunks.map((chunk) => {
      let result = previous?.get(chunk.text)?.pop();
      if (!result) {
        result = parseChunk(path, chunk.text, chunk.startLine, docIndex);
        this.lastParsedChunks++;
      }
      docIndex += result.docs.length;
      const list = next.get(chunk.text);
      if (list) list.push(result); else next.set(chunk.text, [result]);
      return { chunk, result };
    });
    this.files.set(path, next);
    return assemble(path, text, parsed);
  }

  /** Forgets a file (closed document, deleted file). */
  delete(path: string): void {
    this.files.delete(path);
  }

  clear(): void {
    this.files.clear();
  }
}
