/**
 * Small, fast, seeded pseudo-random number generator for the demo intel generator.
 *
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state, 32-bit output) seeded through
 * splitmix32, so that any integer seed, including 0, gives a well-mixed state. Pure 32-bit integer arithmetic,
 * so the sequence is identical on every platform and Node version: same seed → same stream.
 * Not cryptographic; never use it for secrets.
 */

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const HEX_CHARS = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const SCRATCH = Buffer.allocUnsafe(128);

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * mulberry32: a one-word-state generator giving floats in [0, 1); enough for test graphs, generated
 * benchmark inputs and other streams where sfc32's period is not needed. Same seed, same stream.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Prng {
  protected a = 0;
  protected b = 0;
  protected c = 0;
  protected d = 0;

  /**
   * @param seed any finite number; integers are used as is (high bits folded in), fractions are truncated.
   * @param stream selects an independent sequence for the same seed (0 by default).
   */
  constructor(seed: number, stream = 0) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    // Fold the seed's high bits in as well, so that seeds above 2^32 still differ from their low 32 bits.
    const lo = seed >>> 0;
    const hi = Math.floor(Math.abs(seed) / 0x1_0000_0000) >>> 0;
    const sm = splitmix32(lo ^ Math.imul(hi, 0x27d4eb2d) ^ (seed < 0 ? 0x5bd1e995 : 0) ^ Math.imul(stream, 0x632be5ab));
    this.setState(sm(), sm(), sm(), sm(), 12);
  }

  /** Sets the 128-bit state, then discards `warmup` outputs (subclasses seed their own way). */
  protected setState(a: number, b: number, c: number, d: number, warmup: number): void {
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    for (let i = 0; i < warmup; i++) this.next();
  }

  /** Next unsigned 32-bit integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return this.next() / 0x1_0000_0000;
  }

  /** Uniform integer in [0, n). `n` must be ≥ 1 and < 2^32. */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [min, max] (both inclusive). */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /**
   * `k` distinct elements of `items` (fewer when the array is shorter), in random order.
   * Cheap for small k: rejection on duplicate indices (k is always small here).
   */
  sample<T>(items: readonly T[], k: number): T[] {
    const n = items.length;
    if (k >= n) return this.shuffle(items.slice());
    const seen = new Set<number>();
    const out: T[] = [];
    while (out.length < k) {
      const i = this.int(n);
      if (seen.has(i)) continue;
      seen.add(i);
      out.push(items[i] as T);
    }
    return out;
  }

  /** Fisher–Yates shuffle in place; returns the array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }

  /** `bytes` random bytes as lower-case hex (2 × bytes characters). */
  hex(bytes: number): string {
    let s = '';
    let r = 0;
    for (let i = 0; i < bytes; i++) {
      if ((i & 3) === 0) r = this.next();
      s += HEX[r & 0xff];
      r >>>= 8;
    }
    return s;
  }

  /** A random RFC 4122 version-4 UUID (lower case), drawn from this generator. */
  uuid4(): string {
    return this.prefixedUuid4('');
  }

  /**
   * `prefix` followed by a random version-4 UUID, e.g. prefixedUuid4('indicator--'). Built in a scratch buffer so the
   * result is one flat string: cheaper to hash, compare and serialise, and lighter on the GC than a concatenation.
   */
  prefixedUuid4(prefix: string): string {
    const n = prefix.length;
    const b = n + 36 <= SCRATCH.length ? SCRATCH : Buffer.allocUnsafe(n + 36);
    if (n) b.write(prefix, 0, n, 'latin1');
    let p = n;
    for (let w = 0; w < 4; w++) {
      let x = this.next();
      if (w === 1) x = (x & 0xffff0fff) | 0x4000; // version 4
      else if (w === 2) x = (x & 0x3fffffff) | 0x80000000; // RFC 4122 variant
      for (let k = 28; k >= 0; k -= 4) {
        const q = p - n;
        if (q === 8 || q === 13 || q === 18 || q === 23) b[p++] = 0x2d;
        b[p++] = HEX_CHARS[(x >>> k) & 15]!;
      }
    }
    return b.toString('latin1', 0, p);
  }
}

/**
 * A weighted choice over a fixed list, precomputed once (cumulative table + linear scan; lists are short).
 * Usage: `const kind = weighted([['a', 3], ['b', 1]]); kind(rng)`.
 */
export function weighted<T>(entries: ReadonlyArray<readonly [T, number]>): (rng: Prng) => T {
  if (entries.length === 0) throw new RangeError('weighted() needs at least one entry');
  const items = entries.map((e) => e[0]);
  const cum: number[] = [];
  let total = 0;
  for (const [, w] of entries) {
    if (!(w >= 0)) throw new RangeError(`weights must be ≥ 0, got ${w}`);
    total += w;
    cum.push(total);
  }
  if (total <= 0) throw new RangeError('weights must not all be 0');
  const last = items.length - 1;
  return (rng: Prng): T => {
    const x = rng.float() * total;
    for (let i = 0; i < last; i++) if (x < (cum[i] as number)) return items[i] as T;
    return items[last] as T;
  };
}
