/**
 * Bounded reference pools for the generator. Memory stays O(capacity) however many objects are streamed:
 * once full, a new entry replaces a random old one, so later objects mostly reference recent ones (as real
 * intel does) while older ones stay reachable for a while.
 */
import type { Prng } from './prng.js';

export class Pool<T> {
  readonly items: T[] = [];

  constructor(
    private readonly rng: Prng,
    readonly capacity: number,
  ) {}

  get size(): number {
    return this.items.length;
  }

  add(item: T): void {
    if (this.items.length < this.capacity) this.items.push(item);
    else this.items[this.rng.int(this.capacity)] = item;
  }

  /** A random entry, or undefined when empty. */
  pick(): T | undefined {
    const n = this.items.length;
    return n === 0 ? undefined : this.items[this.rng.int(n)];
  }

  /** Index of a random entry, or -1 when empty. */
  pickIndex(): number {
    const n = this.items.length;
    return n === 0 ? -1 : this.rng.int(n);
  }

  /** Removes the entry at `i` (order is not kept). */
  removeAt(i: number): void {
    const last = this.items.pop() as T;
    if (i < this.items.length) this.items[i] = last;
  }
}

/** A pooled reference to an object that may later be revoked (then pickLive skips it). */
export interface Ref {
  id: string;
  revoked?: boolean;
}

/** Random live (non-revoked) entry of a pool of refs, or undefined (after a few unlucky tries, too). */
export function pickLive<T extends Ref>(pool: Pool<T>): T | undefined {
  for (let i = 0; i < 4; i++) {
    const v = pool.pick();
    if (v === undefined || v.revoked !== true) return v;
  }
  return undefined;
}

/** A named entity generated once (actor, malware, vulnerability, …) that later objects refer to. */
export interface Entity {
  id: string;
  name: string;
}
