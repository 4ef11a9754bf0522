/**
 * FindingsDelta built from diffs of (product key → status) maps: each difference names how many components
 * it applies to and how to list them, so counts are immediate and component ids are read only when the keys
 * are expanded — which must happen before the engine's next change (a later expansion raises an error rather
 * than name components that have moved since).
 */
import { errors } from '../../errors.js';
import { findingKey } from './explain.js';
import type { FindingsDelta } from './types.js';

interface Group { readonly count: number; readonly comps: () => readonly string[]; readonly cve: string; readonly pk: string }

export class DeltaBuilder {
  private readonly groups: [Group[], Group[], Group[]] = [[], [], []];
  private readonly counts: [number, number, number] = [0, 0, 0];

  /** `current()` says whether the engine is still as it was when the delta was made. */
  constructor(private readonly current: () => boolean = () => true) {}

  /** Records the differences between two pk → status maps (either may be absent) for `count` components. */
  diff(count: number, comps: () => readonly string[], cve: string, before: ReadonlyMap<string, number> | undefined, after: ReadonlyMap<string, number> | undefined): void {
    if (count === 0) return;
    for (const [pk, st] of after ?? []) {
      const was = before?.get(pk);
      if (was === undefined) this.add(0, { count, comps, cve, pk });
      else if (was !== st) this.add(2, { count, comps, cve, pk });
    }
    for (const pk of before?.keys() ?? []) if (!after?.has(pk)) this.add(1, { count, comps, cve, pk });
  }

  /** Differences between two key → status maps (a system's findings before and after). */
  diffKeys(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): void {
    for (const [k, st] of after) {
      const was = before.get(k);
      if (was === undefined) this.addKey(0, k); else if (was !== st) this.addKey(2, k);
    }
    for (const k of before.keys()) if (!after.has(k)) this.addKey(1, k);
  }

  private add(kind: 0 | 1 | 2, g: Group): void { this.groups[kind].push(g); this.counts[kind] += g.count; }
  private addKey(kind: 0 | 1 | 2, key: string): void {
    const [comp, cve, ...pk] = key.split('|');
    this.add(kind, { count: 1, comps: () => [comp!], cve: cve!, pk: pk.join('|') });
  }

  build(): FindingsDelta {
    const [a, r, c] = this.groups;
    const current = this.current;
    const keys = (gs: Group[]) => function* (): Iterable<string> {
      if (!current()) throw errors.conflict('This findings delta is out of date: expand its keys before the next change to the engine.');
      for (const g of gs) for (const id of g.comps()) yield findingKey(id, g.cve, g.pk);
    };
    return {
      added: this.counts[0], removed: this.counts[1], changed: this.counts[2],
      addedKeys: keys(a), removedKeys: keys(r), changedKeys: keys(c),
    };
  }
}
