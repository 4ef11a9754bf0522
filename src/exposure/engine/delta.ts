/**
 * FindingsDelta built from diffs of (product key → status) maps: each difference names the components it
 * applies to (a snapshot of their ids), so counts are immediate and keys are expanded only when asked for.
 */
import { findingKey } from './explain.js';
import type { FindingsDelta } from './types.js';

interface Group { readonly comps: readonly string[]; readonly cve: string; readonly pk: string }

export class DeltaBuilder {
  private readonly groups: [Group[], Group[], Group[]] = [[], [], []];
  private readonly counts: [number, number, number] = [0, 0, 0];

  /**
   * Records the differences between two pk → status maps (either may be absent) for the components `comps`
   * gives (asked for, once, only when there is a difference: an unchanged identity of 100,000 components
   * costs nothing).
   */
  diff(comps: () => readonly string[], cve: string, before: ReadonlyMap<string, number> | undefined, after: ReadonlyMap<string, number> | undefined): void {
    let ids: readonly string[] | undefined;
    const add = (kind: 0 | 1 | 2, pk: string) => { ids ??= comps(); if (ids.length) this.add(kind, { comps: ids, cve, pk }); };
    for (const [pk, st] of after ?? []) {
      const was = before?.get(pk);
      if (was === undefined) add(0, pk);
      else if (was !== st) add(2, pk);
    }
    for (const pk of before?.keys() ?? []) if (!after?.has(pk)) add(1, pk);
  }

  /** Differences between two key → status maps (a system's findings before and after). */
  diffKeys(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): void {
    for (const [k, st] of after) {
      const was = before.get(k);
      if (was === undefined) this.addKey(0, k); else if (was !== st) this.addKey(2, k);
    }
    for (const k of before.keys()) if (!after.has(k)) this.addKey(1, k);
  }

  private add(kind: 0 | 1 | 2, g: Group): void { this.groups[kind].push(g); this.counts[kind] += g.comps.length; }
  private addKey(kind: 0 | 1 | 2, key: string): void {
    const [comp, cve, ...pk] = key.split('|');
    this.add(kind, { comps: [comp!], cve: cve!, pk: pk.join('|') });
  }

  build(): FindingsDelta {
    const [a, r, c] = this.groups;
    const keys = (gs: Group[]) => function* (): Iterable<string> { for (const g of gs) for (const id of g.comps) yield findingKey(id, g.cve, g.pk); };
    return {
      added: this.counts[0], removed: this.counts[1], changed: this.counts[2],
      addedKeys: keys(a), removedKeys: keys(r), changedKeys: keys(c),
    };
  }
}
