/**
 * Counter-based pseudo-random numbers for Monte Carlo: a draw is a pure function of (seed, run index,
 * dependency slot, stream), so a run gives the same result whichever worker does it and in whatever
 * order the propagation meets its dependencies. The mixer is the 32-bit MurmurHash3 finaliser.
 */

export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The seed of run `run` of a Monte Carlo study seeded with `seed`. */
export function runSeed(seed: number, run: number): number {
  return mix32((seed >>> 0) ^ mix32((run + 0x9e3779b9) >>> 0)) ^ mix32(run * 0x632be5ab + 1);
}

/** The run-independent key of dependency slot `e` (precomputed per out-edge by the compiled graph). */
export function depKey(e: number): number {
  return mix32((Math.imul(e, 2) + 0x27d4eb2f) >>> 0);
}

/** The run's hash for a dependency: its draws are drawOf(h, 0) (propagates?) and drawOf(h, 1) (backup). */
export function depHash(seedOfRun: number, key: number): number {
  return mix32((seedOfRun ^ key) >>> 0);
}

/** A uniform draw in [0, 1) from a dependency's run hash (stream 0: propagation, 1: backup duration). */
export function drawOf(h: number, stream: number): number {
  return (stream === 0 ? h : mix32((h + 0x9e3779b9) >>> 0)) / 4294967296;
}

/** Inverse CDF of the triangular distribution (low, mode, high) at u. */
export function triangular(u: number, low: number, mode: number, high: number): number {
  if (!(high > low)) return low;
  const c = Math.min(high, Math.max(low, mode));
  const f = (c - low) / (high - low);
  return u < f ? low + Math.sqrt(u * (high - low) * (c - low)) : high - Math.sqrt((1 - u) * (high - low) * (high - c));
}
