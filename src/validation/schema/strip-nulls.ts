// Kubernetes decodes a JSON/YAML null as "field absent" (Go zero value) and prunes nulls from custom resources
// unless the field is nullable, so `creationTimestamp: null` or `resources: null` are fine. We validate a copy
// without null-valued map entries instead of widening every schema type with "null"; a required field given as
// null then reports as missing, as the API server does. Null list items stay (they are errors upstream too).

export function hasNullEntries(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasNullEntries);
  if (typeof v !== 'object' || v === null) return false;
  for (const x of Object.values(v)) {
    if (x === null || hasNullEntries(x)) return true;
  }
  return false;
}

export function withoutNullEntries<T>(v: T): T {
  if (!hasNullEntries(v)) return v;
  return strip(v) as T;
}

function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null) continue;
    out[k] = strip(x);
  }
  return out;
}
