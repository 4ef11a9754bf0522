/**
 * Seeded pseudo-random numbers for the nation generator: sfc32 seeded through splitmix32.
 * Pure 32-bit integer arithmetic, so a seed gives the same sequence on every platform.
 * `keyed(seed, a, b)` makes an independent stream per (site, purpose), so each record can be
 * regenerated on its own, in any order, without replaying the whole sequence. The generator
 * itself (sfc32) is the demo's Prng; only the seeding and the extra draws are the nation's.
 */
import { Prng } from '../../demo/prng.js';

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

export class Rng extends Prng {
  constructor(seed: number, stream = 0, sub = 0) {
    super(0);
    this.reset(seed, stream, sub);
  }

  /** Re-seeds in place (avoids an allocation per site in hot loops). */
  reset(seed: number, stream = 0, sub = 0): this {
    const lo = seed >>> 0;
    const hi = Math.floor(Math.abs(seed) / 0x1_0000_0000) >>> 0;
    let s = mix32(lo ^ Math.imul(hi, 0x27d4eb2d)) ^ Math.imul(stream + 1, 0x632be5ab) ^ Math.imul(sub + 1, 0x9e3779b1);
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      return mix32(s);
    };
    const a = next();
    const b = next();
    const c = next();
    this.setState(a, b, c, next(), 8);
    return this;
  }

  /** Uniform real in [lo, hi). */
  real(lo: number, hi: number): number {
    return lo + this.float() * (hi - lo);
  }

  /** Standard normal (Box–Muller, one value per call). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

/** Weighted choice over a fixed list: cumulative table built once, picked by binary search. */
export class Weighted<T> {
  readonly items: readonly T[];
  private readonly cum: Float64Array;
  private readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    if (entries.length === 0) throw new RangeError('Weighted needs at least one entry');
    this.items = entries.map((e) => e[0]);
    this.cum = new Float64Array(entries.length);
    let t = 0;
    entries.forEach(([, w], i) => {
      if (!(w >= 0)) throw new RangeError(`weight must be >= 0, got ${w}`);
      t += w;
      this.cum[i] = t;
    });
    if (t <= 0) throw new RangeError('weights must not all be 0');
    this.total = t;
  }

  pick(rng: Rng): T {
    const x = rng.float() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (x < (this.cum[mid] as number)) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}
