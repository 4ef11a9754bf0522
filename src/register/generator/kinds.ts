/** All site kinds, indexed, with a load-time check that every rule names kinds that exist. */
import type { SiteKind } from './kind-types.js';
import { SERVICE_KINDS } from './kinds-services.js';
import { UTILITY_KINDS } from './kinds-utilities.js';

export const KINDS: readonly SiteKind[] = [...UTILITY_KINDS, ...SERVICE_KINDS];
export const KIND_INDEX: ReadonlyMap<string, number> = new Map(KINDS.map((k, i) => [k.code, i]));

for (const k of KINDS) {
  if (k.sys[0] < 1 || k.sys[1] > k.systems.length || k.sys[0] > k.sys[1]) throw new Error(`kind ${k.code}: bad systems range`);
  for (const n of k.needs) for (const f of n.from) if (!KIND_INDEX.has(f)) throw new Error(`kind ${k.code}: unknown provider kind ${f}`);
}

export function kindOf(index: number): SiteKind {
  return KINDS[index] as SiteKind;
}
