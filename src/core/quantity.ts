// Kubernetes resource.Quantity: parsing to exact values and the two roundings the scheduler uses
// (cpu as millicores rounded up, everything else as integers rounded up).

export const QUANTITY_PATTERN = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const STRICT = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

/** True when `s` is a valid Kubernetes quantity string (the API server's grammar). */
export function isQuantity(s: string): boolean {
  return STRICT.test(s.trim()) && s.trim() === s;
}

/** The quantity's value as a float (units: cores for cpu, bytes for memory). Throws on bad syntax. */
export function parseQuantity(q: string | number): number {
  if (typeof q === 'number') return q;
  const m = STRICT.exec(q.trim());
  if (!m) throw new Error(`invalid quantity "${q}"`);
  const num = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix in BINARY) return num * BINARY[suffix];
  if (suffix in DECIMAL) return num * DECIMAL[suffix];
  return num * 10 ** Number(suffix.slice(1)); // exponent form 1e3
}

/** Like parseQuantity but returns undefined instead of throwing. */
export function tryParseQuantity(q: unknown): number | undefined {
  if (typeof q !== 'string' && typeof q !== 'number') return undefined;
  try { return parseQuantity(q); } catch { return undefined; }
}

/** Quantity.MilliValue(): value × 1000 rounded up (cpu is accounted in millicores). */
export function milliValue(q: string | number): number {
  return ceilTolerant(parseQuantity(q) * 1000);
}

/** Quantity.Value(): rounded up to an integer (memory, storage, pods, extended resources). */
export function intValue(q: string | number): number {
  return ceilTolerant(parseQuantity(q));
}

/** The amount the scheduler accounts for resource `name`: millicores for cpu, integer units otherwise. */
export function resourceAmount(name: string, q: string | number): number {
  return name === 'cpu' ? milliValue(q) : intValue(q);
}

// Float products like 0.1*1000 give 100.00000000000001; treat values within 1e-9 of an integer as that integer.
function ceilTolerant(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - r) < 1e-9 * Math.max(1, Math.abs(x)) ? r : Math.ceil(x);
}

/** Human form used in text output: 1500 millicores -> "1500m", 2147483648 bytes -> "2Gi". */
export function formatResource(name: string, amount: number): string {
  if (name === 'cpu') return amount % 1000 === 0 ? String(amount / 1000) : `${amount}m`;
  if (name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-')) {
    for (const [suffix, f] of [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
      if (amount >= f && amount % f === 0) return `${amount / f}${suffix}`;
    }
    for (const [suffix, f] of [['Gi', 2 ** 30], ['Mi', 2 ** 20]] as const) {
      if (amount >= f) return `${(amount / f).toFixed(1)}${suffix}`;
    }
  }
  return String(amount);
}
