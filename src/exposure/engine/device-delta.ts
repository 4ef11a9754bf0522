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

/** A position's general device findings: slot × PK_SPAN + pk → status. */
type General = ReadonlyMap<number, number>;
const NONE_GENERAL: General = new Map();
const NONE_BLOCKS: ReadonlyMap<number, Int32Array> = new Map();

/**
 * Records in `d` every finding difference of the components between two seatings. A profile's grouped and
 * general findings are sorted by position once per call (a system's components share its profile: reading
 * them seat by seat cost the profile's whole findings once per component), and a general finding's key is
 * made only when the delta is listed.
 */
export function diffSeats(t: Tables, d: DeltaBuilder, before: ReadonlyMap<string, Seat>, after: ReadonlyMap<string, Seat>): void {
  const { ids, cves, profiles } = t;
  const name: Namer = (slot, pk) => [cves.slots[slot]!.id, ids.productKeys.names[pk]!];
  const byPos = new Map<Profile, { blocks: Map<number, Map<number, Int32Array>>; general: Map<number, Map<number, number>> }>();
  const sorted = (p: Profile) => {
    let r = byPos.get(p);
    if (r) return r;
    r = { blocks: new Map(), general: new Map() };
    for (const b of profiles.blocks(p)) {
      let m = r.blocks.get(b.pos);
      if (!m) r.blocks.set(b.pos, (m = new Map()));
      m.set(b.gid, b.arr);
    }
    for (const [slot, found] of p.dev) {
      for (const [pos, m] of found) {
        let g = r.general.get(pos);
        if (!g) r.general.set(pos, (g = new Map()));
        for (const [pk, st] of m) g.set(slot * PK_SPAN + pk, st);
      }
    }
    byPos.set(p, r);
    return r;
  };
  const general = (s: Seat | undefined): General => (s?.p ? sorted(s.p).general.get(s.pos) ?? NONE_GENERAL : NONE_GENERAL);
  const blocks = (s: Seat | undefined) => (s?.p ? sorted(s.p).blocks.get(s.pos) ?? NONE_BLOCKS : NONE_BLOCKS);
  const seen = (id: string, b: Seat | undefined, a: Seat | undefined): void => {
    if (b && a && b.identity === a.identity && b.p === a.p && b.pos === a.pos) return;
    if ((b && ids.all[b.identity]!.advisory.length) || (a && ids.all[a.identity]!.advisory.length)) {
      // An advisory hit and a device finding may share a key: compared by key.
      d.diffKeys(byKey(t, id, b), byKey(t, id, a));
      return;
    }
    d.arrays(id, b ? ids.all[b.identity]!.own : EMPTY, a ? ids.all[a.identity]!.own : EMPTY, name);
    const g0 = blocks(b);
    const g1 = blocks(a);
    for (const [gid, arr] of g0) d.arrays(id, arr, g1.get(gid) ?? EMPTY, name);
    for (const [gid, arr] of g1) if (!g0.has(gid)) d.arrays(id, EMPTY, arr, name);
    const v0 = general(b);
    const v1 = general(a);
    if (v0.size || v1.size) d.diffBy(v0, v1, (n) => findingKey(id, ...name(Math.floor(n / PK_SPAN), n % PK_SPAN)));
  };
  for (const [id, b] of before) seen(id, b, after.get(id));
  for (const [id, a] of after) if (!before.has(id)) seen(id, undefined, a);
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
