// Cheap splitting of a YAML stream into per-document chunks at `---` lines, without parsing.
// A `---` at column 0 followed by whitespace or end of line always starts a new document in YAML (it is a
// forbidden line inside block and flow scalars), so splitting there never cuts a document in two. Directives
// (`%YAML`) tie a prefix to the next document; files with them are not split (one chunk).

export interface TextChunk {
  text: string;
  /** 0-based line of the chunk's first character in the whole file */
  startLine: number;
  /** UTF-16 offset of the chunk's first character */
  startOffset: number;
}

/**
 * `newlinesOf` may answer from a cache (ParseCache knows the line count of chunks it parsed before), which
 * saves scanning the unchanged part of a large file on every keystroke.
 */
export function splitDocuments(text: string, newlinesOf: (chunk: string) => number = countNewlines): TextChunk[] {
  if (text.charCodeAt(0) === 37 || text.includes('\n%')) return [{ text, startLine: 0, startOffset: 0 }];
  const starts: number[] = [0];
  let pos = 0;
  for (;;) {
    const i = text.indexOf('\n---', pos);
    if (i < 0) break;
    if (isSeparatorAt(text, i + 1)) starts.push(i + 1);
    pos = i + 4;
  }
  const chunks: TextChunk[] = [];
  let line = 0;
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k];
    const e = k + 1 < starts.length ? starts[k + 1] : text.length;
    const chunkText = text.slice(s, e);
    chunks.push({ text: chunkText, startLine: line, startOffset: s });
    line += newlinesOf(chunkText);
  }
  return chunks;
}

function isSeparatorAt(text: string, i: number): boolean {
  if (text.charCodeAt(i) !== 45 || text.charCodeAt(i + 1) !== 45 || text.charCodeAt(i + 2) !== 45) return false;
  const c = text.charCodeAt(i + 3);
  return Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13;
}

export function countNewlines(s: string): number {
  let n = 0;
  let i = s.indexOf('\n');
  while (i >= 0) { n++; i = s.indexOf('\n', i + 1); }
  return n;
}
