// Address allocation of the simulated cluster: pod IPs from each node's pod CIDR (host-local IPAM hands
// them out in order from .2, .1 being the bridge), ClusterIPs from the Service CIDR, NodePorts from the
// NodePort range, and a simulated external address for LoadBalancers (TEST-NET-1, RFC 5737).
// The ClusterIP and NodePort allocators, like upstream's, reserve the low part of the range for
// explicitly requested values (static band) and pick dynamic values at random (seeded) above it.
import type { Rng } from '../rng';

export const SERVICE_CIDR = '10.96.0.0/12';
export const POD_CIDR_BASE = '10.244.0.0/16';
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
export const LOAD_BALANCER_CIDR = '192.0.2.0/24';
/** kubeadm's addresses for the `kubernetes` and `kube-dns` Services (first IP and .10 of the range). */
export const RESERVED_CLUSTER_IPS = ['10.96.0.1', '10.96.0.10'];

export function ipToInt(ip: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip.trim());
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export function intToIp(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export interface Cidr { base: number; bits: number; size: number }

export function parseCidr(cidr: string): Cidr | null {
  const [ip, bitsText] = cidr.split('/');
  const base = ipToInt(ip ?? '');
  const bits = Number(bitsText);
  if (base === null || !Number.isInteger(bits) || bits < 0 || bits > 32) return null;
  const size = 2 ** (32 - bits);
  const masked = bits === 0 ? 0 : (base & ((0xffffffff << (32 - bits)) >>> 0)) >>> 0;
  return { base: masked, bits, size };
}

export function cidrContains(c: Cidr, ip: number): boolean {
  return ip >= c.base && ip < c.base + c.size;
}

/** Per-node pod address pools. */
export class PodIpam {
  private readonly next = new Map<string, { cidr: Cidr; offset: number; free: number[] }>();

  /** Register a node's pod CIDR (first of spec.podCIDRs / spec.podCIDR). */
  addNode(name: string, cidr: string): boolean {
    const c = parseCidr(cidr);
    if (!c || c.size < 4) return false;
    this.next.set(name, { cidr: c, offset: 2, free: [] });
    return true;
  }

  /** A node registered before whose pod CIDR overlaps `cidr` (not `name` itself), or null. */
  overlapping(name: string, cidr: string): string | null {
    const c = parseCidr(cidr);
    if (!c) return null;
    for (const [other, pool] of this.next) {
      if (other !== name && c.base < pool.cidr.base + pool.cidr.size && pool.cidr.base < c.base + c.size) return other;
    }
    return null;
  }

  /**
   * Next free address on `node`, or null when the node has no (or an exhausted) pod CIDR. As the
   * host-local IPAM plugin (kind's and most CNIs' default) does, addresses go out in order after the last
   * one handed out; a released address is handed out again only after the range wrapped.
   */
  allocate(node: string): string | null {
    const pool = this.next.get(node);
    if (!pool) return null;
    if (pool.offset < pool.cidr.size - 1) return intToIp(pool.cidr.base + pool.offset++); // last address is broadcast
    if (pool.free.length > 0) return intToIp(pool.cidr.base + pool.free.shift()!);
    return null;
  }

  release(node: string, ip: string): void {
    const pool = this.next.get(node);
    const n = ipToInt(ip);
    if (!pool || n === null || !cidrContains(pool.cidr, n)) return;
    pool.free.push(n - pool.cidr.base);
    pool.free.sort((a, b) => a - b);
  }
}

/**
 * The `index`-th /24 counted from 10.244.0.0, skipping ones a node declared itself. kubeadm's default
 * 10.244.0.0/16 holds 256 of them; larger simulated clusters continue into 10.245.0.0 and up, as if the
 * cluster CIDR were wider, so every node still gets its own range.
 */
export function podCidrFor(index: number, taken: Set<string>): string {
  // second octets 244..255, then 128..243 (clear of the 10.96.0.0/12 Service range): 32,768 nodes
  const octet = (block: number) => (block < 12 ? 244 + block : 128 + ((block - 12) % 116));
  const at = (i: number) => `10.${octet(Math.floor(i / 256))}.${i % 256}.0/24`;
  for (let i = index; i < index + 32768; i++) {
    const c = at(i);
    if (!taken.has(c)) { taken.add(c); return c; }
  }
  return at(index);
}

export type AllocResult<T> = { value: T; problem: null } | { value: T | null; problem: string };

/** ClusterIP allocator over the Service CIDR (ipallocator with a static band, random dynamic picks). */
export class ClusterIpAllocator {
  private readonly cidr: Cidr;
  private readonly used = new Set<number>();
  private readonly staticBand: number;

  constructor(private readonly rng: Rng, cidr = SERVICE_CIDR) {
    this.cidr = parseCidr(cidr)!;
    // usable = size - network - broadcast; static band = min(max(16, usable/16), 256)
    const usable = this.cidr.size - 2;
    this.staticBand = Math.min(Math.max(16, Math.floor(usable / 16)), 256);
    for (const ip of RESERVED_CLUSTER_IPS) this.used.add(ipToInt(ip)!);
  }

  /** Honour an explicit address, or explain why the API server would reject it. */
  claim(ip: string): AllocResult<string> {
    const n = ipToInt(ip);
    if (n === null) return { value: null, problem: `clusterIP ${ip} is not a valid IPv4 address` };
    if (!cidrContains(this.cidr, n) || n === this.cidr.base || n === this.cidr.base + this.cidr.size - 1) {
      return { value: null, problem: `clusterIP ${ip} is not in the service CIDR ${SERVICE_CIDR}` };
    }
    if (this.used.has(n)) return { value: ip, problem: `clusterIP ${ip} is already allocated` };
    this.used.add(n);
    return { value: ip, problem: null };
  }

  /** A random free address above the static band (falls back to the band when the rest is full). */
  allocate(): string | null {
    const lo = this.cidr.base + 1 + this.staticBand;
    const hi = this.cidr.base + this.cidr.size - 2; // inclusive
    const span = hi - lo + 1;
    const start = this.rng.int(span);
    for (let i = 0; i < span; i++) {
      const n = lo + ((start + i) % span);
      if (!this.used.has(n)) { this.used.add(n); return intToIp(n); }
    }
    for (let n = this.cidr.base + 1; n < lo; n++) if (!this.used.has(n)) { this.used.add(n); return intToIp(n); }
    return null;
  }
}

/** NodePort allocator (portallocator: static band at the bottom of the range, random above). */
export class NodePortAllocator {
  // One bitmap of port numbers for all protocols (as upstream); a Service may reuse its own number.
  private readonly used = new Map<number, string>(); // port -> owner
  private readonly staticBand: number;

  constructor(private readonly rng: Rng, private readonly min = NODE_PORT_MIN, private readonly max = NODE_PORT_MAX) {
    const size = max - min + 1;
    this.staticBand = Math.min(Math.max(16, Math.floor(size / 32)), 128);
  }

  claim(port: number, protocol: string, owner: string): AllocResult<number> {
    if (!Number.isInteger(port) || port < this.min || port > this.max) {
      return { value: null, problem: `nodePort ${port} is outside the NodePort range ${this.min}-${this.max}` };
    }
    const prev = this.used.get(port);
    if (prev !== undefined && prev !== owner) return { value: port, problem: `nodePort ${port}/${protocol} is already allocated to ${prev}` };
    this.used.set(port, owner);
    return { value: port, problem: null };
  }

  allocate(owner: string): number | null {
    const lo = this.min + this.staticBand;
    const span = this.max - lo + 1;
    const start = this.rng.int(span);
    for (let i = 0; i < span; i++) {
      const p = lo + ((start + i) % span);
      if (!this.used.has(p)) { this.used.set(p, owner); return p; }
    }
    for (let p = this.min; p < lo; p++) if (!this.used.has(p)) { this.used.set(p, owner); return p; }
    return null;
  }
}

/** Simulated cloud load balancer addresses, handed out in order from 192.0.2.1. */
export class LoadBalancerIpam {
  private next = 1;
  private readonly used = new Set<string>();

  claim(ip: string): void { this.used.add(ip); }

  allocate(): string | null {
    while (this.next < 255) {
      const ip = `192.0.2.${this.next++}`;
      if (!this.used.has(ip)) { this.used.add(ip); return ip; }
    }
    return null;
  }
}
