/**
 * FindingsDelta built from parts: each part says how many findings it adds, removes or changes at once, and
 * how to list their keys — component ids are read only when the keys are expanded, which must happen before
 * the engine's next change (a later expansion raises an error rather than name components that have moved
 * since). A part is a difference of (product key → status) maps for a set of components, one key, or the
 * difference of two shared finding arrays of one component (packed.ts), merged again only when listed.
 */
import { errors } from '../../errors.js';
import { findingKey } from './explain.js';
import { diffCounts, mergeDiff } from './packed.js';
import type { FindingsDelta } from './types.js';

interface Part { readonly count: number; readonly keys: () => Iterable<string> }

/** Names a (slot, product key id) pair: [cveId, productKey]. */
export type Namer = (slot: number, pk: number) => readonly [string, string];

export class DeltaBuilder {
  private readonly parts: [Part[], Part[], Part[]] = [[], [], []];
  private readonly counts: [number, number, number] = [0, 0, 0];

  /** `current()` says whether the engine is still as it was when the delta was made. */
  constructor(private readonly current: () => boolean = () => true) {}

  /** Records the differences between two pk → status maps (either may be absent) for `count` components. */
  diff(count: number, comps: () => readonly string[], cve: string, before: ReadonlyMap<string, number> | undefined, after: ReadonlyMap<string, number> | undefined): void {
    if (count === 0) return;
    const part = (pk: string): Part => ({ count, keys: () => comps().map((id) => findingKey(id, cve, pk)) });
    for (const [pk, st] of after ?? []) {
      const was = before?.get(pk);
      if (was === undefined) this.add(0, part(pk));
      else if (was !== st) this.add(2, part(pk));
    }
    for (const pk of before?.keys() ?? []) if (!after?.has(pk)) this.add(1, part(pk));
  }

  /** Differences between two key → status maps. */
  diffKeys(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): void {
    this.diffBy(before, after, (k) => k);
  }

  /** Differences between two maps of status by any key, each named by `keyOf` only when the delta is listed. */
  diffBy<K>(before: ReadonlyMap<K, number>, after: ReadonlyMap<K, number>, keyOf: (k: K) => string): void {
    const one = (k: K): Part => ({ count: 1, keys: () => [keyOf(k)] });
    for (const [k, st] of after) {
      const was = before.get(k);
      if (was === undefined) this.add(0, one(k)); else if (was !== st) this.add(2, one(k));
    }
    for (const k of before.keys()) if (!after.has(k)) this.add(1, one(k));
  }

  /** Differences between two (slot, pk, status) arrays of one component: counted now, listed on demand. */
  arrays(componentId: string, before: Int32Array, after: Int32Array, name: Namer): void {
    const n = diffCounts(before, after);
    for (const kind of [0, 1, 2] as const) {
      if (n[kind] === 0) continue;
      this.add(kind, {
        count: n[kind],
        keys: () => {
          const out: string[] = [];
          mergeDiff(before, after, (k, slot, pk) => { if (k === kind) out.push(findingKey(componentId, ...name(slot, pk))); });
          return out;
        },
      });
    }
  }

  private add(kind: 0 | 1 | 2, p: Part): void { this.parts[kind].push(p); this.counts[kind] += p.count; }

  build(): FindingsDelta {
    const [a, r, c] = this.parts;
    const current = this.current;
    const keys = (ps: Part[]) => function* (): Iterable<string> {
      if (!current()) throw errors.conflict('This findings delta is out of date: expand its keys before the next change to the engine.');
      for (const p of ps) yield* p.keys();
    };
    return {
      added: this.counts[0], removed: this.counts[1], changed: this.counts[2],
      addedKeys: keys(a), removedKeys: keys(r), changedKeys: keys(c),
    };
  }
}
