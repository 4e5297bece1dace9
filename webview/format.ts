// Human-readable amounts for the views (cpu in millicores, memory in bytes, as the snapshot carries them).

export function formatCpu(milli: number): string {
  if (milli % 1000 === 0) return String(milli / 1000);
  return milli >= 1000 ? (milli / 1000).toFixed(1) : `${Math.round(milli)}m`;
}

export function formatBytes(bytes: number): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${Number.isInteger(v) ? v : v.toFixed(1)}${units[i]}`;
}

export function formatAmount(resource: string, v: number): string {
  if (resource === 'cpu') return formatCpu(v);
  if (resource === 'memory' || resource.startsWith('ephemeral-storage') || resource.startsWith('hugepages-')) return formatBytes(v);
  return String(v);
}

/** A stable small integer for a string (to pick a colour per owner). */
export function hashIndex(s: string, n: number): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }
  return (h >>> 0) % n;
}

export const OWNER_COLOURS = 6;

export function ownerClass(owner: { kind: string; name: string } | null, namespace: string): string {
  return owner ? `owner-${hashIndex(`${namespace}/${owner.kind}/${owner.name}`, OWNER_COLOURS)}` : 'owner-none';
}
