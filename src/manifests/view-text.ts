// A large file's documents in view, linted before the rest of it: the text with every YAML document outside
// the given line ranges emptied. An emptied document keeps its `---` and its line breaks, so the documents in
// view sit at the same lines and characters and split into the very chunks (same text) the whole file splits
// into: ParseCache reuses them when the whole text comes, and their findings are the whole file's for them.
import { DEFAULT_MAX_BYTES, utf8ByteLength } from './parse';
import { splitDocuments } from './split';

/**
 * `ranges`: [first line, last line] pairs (0-based, inclusive). Null when there is nothing to gain (one
 * document, or all of them in view, or none), or when the file as a whole may read differently from its
 * parts: templates, binary or oversized content (the whole-file parse decides those).
 */
export function textInView(text: string, ranges: readonly (readonly [number, number])[], maxBytes = DEFAULT_MAX_BYTES): string | null {
  if (!ranges.length || text.includes('{{') || text.includes('\u0000') || utf8ByteLength(text) > maxBytes) return null;
  const chunks = splitDocuments(text); // one chunk for files with directives
  if (chunks.length < 2) return null;
  let kept = 0;
  const parts = chunks.map((c, i) => {
    const last = i + 1 < chunks.length ? chunks[i + 1].startLine - 1 : Number.MAX_SAFE_INTEGER;
    if (ranges.some(([a, b]) => a <= last && b >= c.startLine)) { kept++; return c.text; }
    const head = c.text.startsWith('---') ? '---' : '';
    return head + c.text.slice(head.length).replace(/[^\n]+/g, '');
  });
  return kept > 0 && kept < chunks.length ? parts.join('') : null;
}
