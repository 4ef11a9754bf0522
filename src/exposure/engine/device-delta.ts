/**
 * The delta of a component change, compared seat by seat: each component of the systems concerned, before
 * and after, with its identity (own findings), and its profile and position (device findings). A finding
 * array shared before and after (the same identity, or the same platform state in a group) is the same
 * object and costs nothing; a new identity's arrays are counted by their length and listed only on demand.
 */
import type { DeltaBuilder, Namer } from './delta.js';
import { findingKey } from './explain.js';
import type { Profile } from './profiles.js';
import { EMPTY, PK_SPAN } from './packed.js';
import type { Tables } from './walk.js';

export interface Seat { readonly identity: number; readonly p: Profile | undefined; readonly pos: number }

/** Where each component of the systems sits now (by component id). */
export function seats(t: Tables, systems: readonly number[]): Map<string, Seat> {
  const { reg } = t;
  const out = new Map<string, Seat>();
  for (const s of systems) {
    const sys = reg.systems[s];
    if (!sys || reg.system(sys.id) !== s) continue;
    const p = sys.profile >= 0 ? t.profiles.all[sys.profile] : undefined;
    sys.comps.forEach((c, pos) => out.set(reg.compIds[c]!, { identity: reg.compIdentity[c]!, p, pos }));
  }
  return out;
}

/** Records in `d` every finding difference of the components between two seatings. */
export function diffSeats(t: Tables, d: DeltaBuilder, before: ReadonlyMap<string, Seat>, after: ReadonlyMap<string, Seat>): void {
  const { ids, cves, profiles } = t;
  const name: Namer = (slot, pk) => [cves.slots[slot]!.id, ids.productKeys.names[pk]!];
  const general = (s: Seat | undefined): Map<string, number> => {
    const out = new Map<string, number>();
    if (!s?.p) return out;
    for (const [slot, found] of s.p.dev) for (const [pk, st] of found.get(s.pos) ?? []) out.set(String(slot * PK_SPAN + pk), st);
    return out;
  };
  const blocks = (s: Seat | undefined): Map<number, Int32Array> => {
    const out = new Map<number, Int32Array>();
    if (s?.p) for (const b of profiles.blocks(s.p)) if (b.pos === s.pos) out.set(b.gid, b.arr);
    return out;
  };
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(id);
    const a = after.get(id);
    if (b && a && b.identity === a.identity && b.p === a.p && b.pos === a.pos) continue;
    if ((b && ids.all[b.identity]!.advisory.length) || (a && ids.all[a.identity]!.advisory.length)) {
      // An advisory hit and a device finding may share a key: compared by key.
      d.diffKeys(byKey(t, id, b), byKey(t, id, a));
      continue;
    }
    d.arrays(id, b ? ids.all[b.identity]!.own : EMPTY, a ? ids.all[a.identity]!.own : EMPTY, name);
    const g0 = blocks(b);
    const g1 = blocks(a);
    for (const gid of new Set([...g0.keys(), ...g1.keys()])) d.arrays(id, g0.get(gid) ?? EMPTY, g1.get(gid) ?? EMPTY, name);
    const keyed = (m: Map<string, number>) => new Map([...m].map(([n, st]) => {
      const [cve, pk] = name(Math.floor(Number(n) / PK_SPAN), Number(n) % PK_SPAN);
      return [findingKey(id, cve, pk), st] as const;
    }));
    const v0 = general(b);
    const v1 = general(a);
    if (v0.size || v1.size) d.diffKeys(keyed(v0), keyed(v1));
  }
}

/** A seated component's findings by key (the highest status where own and device findings share one). */
function byKey(t: Tables, id: string, s: Seat | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (!s) return out;
  const put = (slot: number, pk: number, st: number): void => {
    const key = findingKey(id, t.cves.slots[slot]!.id, t.ids.productKeys.names[pk]!);
    out.set(key, Math.max(st, out.get(key) ?? -1));
  };
  const own = t.ids.all[s.identity]!.own;
  for (let k = 0; k < own.length; k += 3) put(own[k]!, own[k + 1]!, own[k + 2]!);
  if (s.p) t.profiles.each(s.p, (pos, slot, pk, st) => { if (pos === s.pos) put(slot, pk, st); });
  return out;
}
