// "Did you mean" for unknown fields: the closest known name by edit distance (Damerau: a swap is one edit),
// case-insensitive matches first. Only close enough names are suggested.

export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2: number[] = [];
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = [i];
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[m];
}

export function suggestName(unknown: string, known: readonly string[]): string | undefined {
  const lower = unknown.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase) return sameCase;
  // Allow about one edit per four characters (at least 1, at most 3).
  const limit = Math.min(3, Math.max(1, Math.floor(unknown.length / 4)));
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    if (Math.abs(k.length - unknown.length) > limit) continue;
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestD || (d === bestD && best !== undefined && k < best)) { best = k; bestD = d; }
  }
  return bestD <= limit ? best : undefined;
}
