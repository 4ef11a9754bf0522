/**
 * Device profiles: a system's components as the multiset of their identities. Device-level CVEs
 * (running-on, AND, negation) are evaluated per profile, only for the CVEs one of its identities triggers
 * (a vulnerable entry matched or undecidable), with only the components that touch that CVE; every system
 * of the same profile shares the result. Findings name a position: the component at that index of the
 * system's `comps` (kept in profile order).
 */
import type { CompiledComponent } from '../component.js';
import { productKeyOf } from './compile.js';
import type { CveTable } from './cves.js';
import { deviceStatuses } from './device-eval.js';
import type { IdentityTable } from './identities.js';

/** pos → product key id → status, per CVE slot. */
export type DeviceFindings = Map<number, Map<number, number>>;

export interface Profile {
  readonly idx: number;
  readonly key: string;
  /** Identity of each position. */
  readonly ids: readonly number[];
  readonly systems: Set<number>;
  readonly dev: Map<number, DeviceFindings>;
  /** (pos, slot, pk, status) quadruples of `dev`; null when it must be rebuilt. */
  packed: Int32Array | null;
}

export class ProfileTable {
  readonly all: Profile[] = [];
  private readonly byKey = new Map<string, number>();
  /** Profiles with device findings for each CVE slot. */
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

  /** The profile of a list of identity ids sorted ascending; created and evaluated when new. */
  get(ids: readonly number[]): Profile {
    const key = ids.join(',');
    const k = this.byKey.get(key);
    if (k !== undefined) return this.all[k]!;
    const p: Profile = { idx: this.all.length, key, ids, systems: new Set(), dev: new Map(), packed: null };
    this.all.push(p);
    this.byKey.set(key, p.idx);
    for (const id of new Set(ids)) this.identities.all[id]!.profiles.add(p.idx);
    const slots = new Set<number>();
    for (const id of ids) for (const s of this.identities.all[id]!.trigger) slots.add(s);
    for (const s of slots) this.evaluate(p, s);
    return p;
  }

  /** (Re-)evaluates one device-level CVE for a profile. */
  evaluate(p: Profile, slot: number): void {
    if (p.dev.delete(slot)) { p.packed = null; this.bySlot.get(slot)?.delete(p.idx); }
    const s = this.cves.slots[slot]!;
    if (!s.cve || !s.deviceLevel) return;
    const pos: number[] = [];
    let triggered = false;
    p.ids.forEach((id, k) => {
      const x = this.identities.all[id]!;
      if (!x.hits.has(slot)) return;
      pos.push(k);
      if (x.trigger.has(slot)) triggered = true;
    });
    if (!triggered) return;
    const memoKey = pos.map((k) => p.ids[k]).join(',');
    let memo = this.memo.get(slot);
    if (!memo) { memo = new Map(); this.memo.set(slot, memo); }
    let rel = memo.get(memoKey);
    if (!rel) {
      const comps: CompiledComponent[] = pos.map((k) => this.identities.all[p.ids[k]!]!.comp);
      const found: [number, number, number][] = [];
      deviceStatuses(s.cve, comps, (r, e, st) => {
        const pk = this.identities.productKeys.id(productKeyOf(e));
        const same = found.find((f) => f[0] === r && f[1] === pk);
        if (!same) found.push([r, pk, st]); else if (st > same[2]) same[2] = st;
      });
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

  packed(p: Profile): Int32Array {
    if (p.packed) return p.packed;
    const out: number[] = [];
    for (const [slot, found] of p.dev) for (const [pos, m] of found) for (const [pk, st] of m) out.push(pos, slot, pk, st);
    p.packed = Int32Array.from(out);
    return p.packed;
  }
}
