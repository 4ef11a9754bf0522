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

/** A uniform draw in [0, 1) for dependency slot `e` in a run (stream 0: propagation, 1: backup). */
export function unit(seedOfRun: number, e: number, stream: number): number {
  const h = mix32((seedOfRun ^ mix32((Math.imul(e, 2) + stream + 0x27d4eb2f) >>> 0)) >>> 0);
  return h / 4294967296;
}

/** Inverse CDF of the triangular distribution (low, mode, high) at u. */
export function triangular(u: number, low: number, mode: number, high: number): number {
  if (!(high > low)) return low;
  const c = Math.min(high, Math.max(low, mode));
  const f = (c - low) / (high - low);
  return u < f ? low + Math.sqrt(u * (high - low) * (c - low)) : high - Math.sqrt((1 - u) * (high - low) * (high - c));
}
