// Offsets -> 0-based line/character within one chunk of text (UTF-16 units, like VS Code).
import type { Position, Range } from './types';

export class LineIndex {
  /** offsets at which each line starts (first is 0) */
  constructor(readonly lineStarts: readonly number[]) {}

  static of(text: string): LineIndex {
    const starts = [0];
    let i = text.indexOf('\n');
    while (i >= 0) { starts.push(i + 1); i = text.indexOf('\n', i + 1); }
    return new LineIndex(starts);
  }

  position(offset: number, lineOffset = 0): Position {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo + lineOffset, character: offset - starts[lo] };
  }

  range(start: number, end: number, lineOffset = 0): Range {
    return { start: this.position(start, lineOffset), end: this.position(Math.max(start, end), lineOffset) };
  }
}

export function shiftRange(r: Range, delta: number): Range {
  if (delta === 0) return r;
  return { start: { line: r.start.line + delta, character: r.start.character }, end: { line: r.end.line + delta, character: r.end.character } };
}
