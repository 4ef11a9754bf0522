/**
 * Device profiles: a system's components as the multiset of their identities; every system of the same
 * profile shares its device findings. Findings name a position: the component at that index of the
 * system's `comps` (kept in profile order).
 *
 * - Grouped device-level CVEs (groups.ts): the profile's platform state per group is evaluated once; the
 *   findings of the identity at a position in a group are that identity's shared array for that state
 *   (a *block*), so a new Chrome version costs one block per group, not one evaluation per CVE.
 * - General device-level CVEs (ANDs of vulnerable entries, negation, several platforms) are evaluated per
 *   profile, only for the CVEs one of its identities triggers (a vulnerable entry matched or undecidable),
 *   with only the components that touch that CVE.
 */
import type { CompiledComponent } from '../component.js';
import { productKeyOf } from './compile.js';
import type { CveTable } from './cves.js';
import { deviceStatuses } from './device-eval.js';
import { foldRecords, platformState } from './groups.js';
import { groupFindings, type Identity, type IdentityTable } from './identities.js';
import { PK_SPAN, slotRange } from './packed.js';

/** pos → product key id → status, per CVE slot. */
export type DeviceFindings = Map<number, Map<number, number>>;

/** The findings of the identity at a position in one platform group: (slot, pk, status) triples, shared. */
export interface Block { readonly pos: number; readonly gid: number; readonly arr: Int32Array }

export type DeviceVisitor = (pos: number, slot: number, pk: number, status: number) => void;

export interface Profile {
  readonly idx: number;
  readonly key: string;
  /** Identity of each position. */
  readonly ids: readonly number[];
  readonly systems: Set<number>;
  /** General device-level CVEs' findings by slot. */
  readonly dev: Map<number, DeviceFindings>;
  /** (pos, slot, pk, status) quadruples of `dev`; null when it must be rebuilt. */
  packed: Int32Array | null;
  /** Platform state per group (groups.ts), evaluated when first needed (a profile never changes). */
  readonly ps: Map<number, number>;
  /** Grouped findings; null when they must be rebuilt (an identity's grouped hits changed). */
  blocks: Block[] | null;
  /**
   * The profile a system had before it got this one (a component changed), and the identities in one and
   * not the other: a group none of them touches the platform of has the base's platform state.
   */
  readonly base: Profile | undefined;
  readonly changed: readonly number[];
  readonly depth: number;
}

/** Identities in one sorted list and not in the other. */
function symmetricDifference(a: readonly number[], b: readonly number[]): number[] {
  const sa = new Set(a);
  const sb = new Set(b);
  const out: number[] = [];
  for (const x of sa) if (!sb.has(x)) out.push(x);
  for (const x of sb) if (!sa.has(x)) out.push(x);
  return out;
}

export class ProfileTable {
  readonly all: Profile[] = [];
  private readonly byKey = new Map<string, number>();
  /** Profiles with general device findings for each CVE slot. */
  readonly bySlot = new Map<number, Set<number>>();
  /**
   * Memo: CVE slot → identities of the touching positions → findings by relative position. Valid until
   * that CVE changes ({@link forget}); cleared whole when it grows past a million entries.
   */
  private memo = new Map<number, Map<string, [number, number, number][]>>();
  private memoSize = 0;

  constructor(private readonly cves: CveTable, private readonly identities: IdentityTable) {}

  get count(): number { return this.byKey.size; }

  /** Forgets the memoised evaluations of one CVE (it changed). */
  forget(slot: number): void {
    this.memoSize -= this.memo.get(slot)?.size ?? 0;
    this.memo.delete(slot);
  }

  /**
   * The profile of a list of identity ids sorted ascending; created and evaluated when new. `near`: the
   * profile the system had (its platform states are reused where the identities that differ cannot change them).
   */
  get(ids: readonly number[], near?: Profile): Profile {
    const key = ids.join(',');
    const k = this.byKey.get(key);
    if (k !== undefined) return this.all[k]!;
    const base = near && near.depth < 8 ? near : undefined;
    const p: Profile = {
      idx: this.all.length, key, ids, systems: new Set(), dev: new Map(), packed: null, ps: new Map(), blocks: null,
      base, changed: base ? symmetricDifference(base.ids, ids) : [], depth: base ? base.depth + 1 : 0,
    };
    this.all.push(p);
    this.byKey.set(key, p.idx);
    for (const id of new Set(ids)) this.identities.all[id]!.profiles.add(p.idx);
    const slots = new Set<number>();
    for (const id of ids) for (const s of this.identities.all[id]!.trigger) slots.add(s);
    for (const s of slots) this.evaluate(p, s);
    return p;
  }

  /** (Re-)evaluates one general device-level CVE for a profile (a grouped one is read through its blocks). */
  evaluate(p: Profile, slot: number): void {
    if (p.dev.delete(slot)) { p.packed = null; this.bySlot.get(slot)?.delete(p.idx); }
    const s = this.cves.slots[slot]!;
    if (!s.cve || !s.deviceLevel || s.gid >= 0) return;
    const pos: number[] = [];
    let triggered = false;
    p.ids.forEach((id, k) => {
      const x = this.identities.all[id]!;
      if (!x.general.has(slot)) return;
      pos.push(k);
      if (x.trigger.has(slot)) triggered = true;
    });
    if (!triggered) return;
    // by the identities whose matches they share: a new Chrome build between the same two bounds reuses its twin's
    const memoKey = pos.map((k) => this.identities.all[p.ids[k]!]!.matchesOf).join(',');
    let memo = this.memo.get(slot);
    if (!memo) { memo = new Map(); this.memo.set(slot, memo); }
    let rel = memo.get(memoKey);
    if (!rel) {
      const touching = pos.map((k) => this.identities.all[p.ids[k]!]!);
      const comps: CompiledComponent[] = touching.map((x) => x.comp);
      // Each touching identity's hits on this CVE are known (identities.ts): the entries answer from them, not from decide.
      const known = touching.map((x) => new Map(x.general.get(slot)!.map((h) => [h.entry, h.outcome])));
      const found: [number, number, number][] = [];
      const at = new Map<number, [number, number, number]>(); // by r · PK_SPAN + pk: a device of hundreds of components (an SBOM) stays linear
      deviceStatuses(s.cve, comps, (r, e, st) => {
        const pk = this.identities.productKeys.id(productKeyOf(e));
        const same = at.get(r * PK_SPAN + pk);
        if (same) { if (st > same[2]) same[2] = st; return; }
        const f: [number, number, number] = [r, pk, st];
        found.push(f);
        at.set(r * PK_SPAN + pk, f);
      }, (e, k) => known[k]!.get(e) ?? 'no-match');
      rel = found;
      if (this.memoSize > 1_000_000) { this.memo = new Map([[slot, memo]]); this.memoSize = memo.size; }
      memo.set(memoKey, rel);
      this.memoSize++;
    }
    if (rel.length === 0) return;
    const found: DeviceFindings = new Map();
    for (const [r, pk, st] of rel) {
      const at = pos[r]!;
      let m = found.get(at);
      if (!m) { m = new Map(); found.set(at, m); }
      m.set(pk, st);
    }
    p.dev.set(slot, found);
    p.packed = null;
    let l = this.bySlot.get(slot);
    if (!l) { l = new Set(); this.bySlot.set(slot, l); }
    l.add(p.idx);
  }

  /** (pos, slot, pk, status) quadruples of the general findings. */
  packed(p: Profile): Int32Array {
    if (p.packed) return p.packed;
    const out: number[] = [];
    for (const [slot, found] of p.dev) for (const [pos, m] of found) for (const [pk, st] of m) out.push(pos, slot, pk, st);
    p.packed = Int32Array.from(out);
    return p.packed;
  }

  /** The profile's platform state in a group. */
  platform(p: Profile, gid: number): number {
    let ps = p.ps.get(gid);
    if (ps !== undefined) return ps;
    if (p.base && !p.changed.some((id) => this.identities.all[id]!.platforms.has(gid))) ps = this.platform(p.base, gid);
    else {
      const comps: CompiledComponent[] = [];
      for (const id of new Set(p.ids)) { const x = this.identities.all[id]!; if (x.nvd) comps.push(x.comp); }
      ps = platformState(this.cves.groups.all[gid]!, comps);
    }
    p.ps.set(gid, ps);
    return ps;
  }

  /** The grouped findings, one block per (position, group) with findings. */
  blocks(p: Profile): Block[] {
    if (p.blocks) return p.blocks;
    const out: Block[] = [];
    p.ids.forEach((id, pos) => {
      for (const [gid, g] of this.identities.all[id]!.groups) {
        const arr = groupFindings(g, this.platform(p, gid));
        if (arr.length) out.push({ pos, gid, arr });
      }
    });
    p.blocks = out;
    return out;
  }

  /** The profiles containing an identity must rebuild their blocks (its grouped hits changed). */
  invalidate(x: Identity): void {
    for (const pi of x.profiles) this.all[pi]!.blocks = null;
  }

  /** Visits every device finding of the profile. */
  each(p: Profile, visit: DeviceVisitor): void {
    const dev = this.packed(p);
    for (let k = 0; k < dev.length; k += 4) visit(dev[k]!, dev[k + 1]!, dev[k + 2]!, dev[k + 3]!);
    for (const b of this.blocks(p)) {
      const a = b.arr;
      for (let k = 0; k < a.length; k += 3) visit(b.pos, a[k]!, a[k + 1]!, a[k + 2]!);
    }
  }

  /** How many device findings the profile has (per system). */
  findingCount(p: Profile): number {
    let n = this.packed(p).length / 4;
    for (const b of this.blocks(p)) n += b.arr.length / 3;
    return n;
  }

  /**
   * The device findings at one slot by position, read from the identities' current hits (not from the
   * blocks): what a CVE change compares before and after re-matching. `gid` is the CVE's platform group
   * while those hits were made (-1: none): grouped hits at this slot are filed under it alone.
   */
  atSlot(p: Profile, slot: number, gid: number): DeviceFindings {
    const out: DeviceFindings = new Map();
    for (const [pos, m] of p.dev.get(slot) ?? []) out.set(pos, new Map(m));
    if (gid < 0) return out;
    const ids = p.ids;
    for (let pos = 0; pos < ids.length; pos++) {
      const g = this.identities.all[ids[pos]!]!.groups.get(gid);
      if (!g) continue;
      const [from, to] = slotRange(g.hits, 4, slot);
      if (from === to) continue;
      foldRecords(g.hits, from, to, this.platform(p, gid), (_slot, pk, st) => {
        let m = out.get(pos);
        if (!m) { m = new Map(); out.set(pos, m); }
        m.set(pk, Math.max(st, m.get(pk) ?? -1));
      });
    }
    return out;
  }
}
