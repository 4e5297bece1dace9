// Seeded, deterministic pseudo-random numbers for everything the real cluster leaves to chance:
// generated name suffixes, ClusterIP/NodePort picks and the scheduler's tie-breaks. Same seed, same
// sequence, on every platform (only 32-bit integer arithmetic via Math.imul).

/** The alphabet of apimachinery's util/rand.String (no vowels, no 0/1/3 so names never spell words). */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export class Rng {
  private state: number;

  constructor(seed: number) {
    // Fold any JS number (possibly negative, fractional or huge) into 32 bits.
    const s = Number.isFinite(seed) ? Math.trunc(seed) : 0;
    this.state = (s ^ Math.trunc(s / 4294967296)) >>> 0;
  }

  /** Next 32-bit unsigned integer (splitmix32: a Weyl sequence through a 32-bit avalanche mix). */
  nextUint32(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform integer in [0, n); 0 when n <= 1. Rejection sampling keeps it unbiased. */
  int(n: number): number {
    if (!(n > 1)) return 0;
    const bound = Math.floor(n);
    if (bound > 4294967296) return Math.floor(this.next() * bound);
    const limit = 4294967296 - (4294967296 % bound);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % bound;
  }

  /** `n` characters drawn uniformly from `alphabet` (the API server's generateName suffix uses 5). */
  chars(n: number, alphabet: string = NAME_SUFFIX_ALPHABET): string {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  /** A new generator whose sequence depends on this seed and `label`, so that independent concerns
   *  (names, IPs, tie-breaks) don't shift each other when one of them draws more numbers. */
  fork(label: string): Rng {
    let h = 0x811c9dc5;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
    return new Rng((this.state ^ h) >>> 0);
  }
}
