/**
 * cpeMatch entries by part:vendor:product, with removal and a version filter that serves busy keys
 * (gitlab: ~50,000 entries at 300,000 CVEs) in well under a millisecond.
 *
 * Within a key, an entry whose version constraint is a plain-numeric interval — bounds in the numeric
 * scheme, or a numeric fixed criteria version (lo = hi) — is kept in `sorted` by its low end, in blocks of
 * 32 that know their largest high end. A component with a plain-numeric version (where the order is total)
 * reads blocks while their first low end is not above its version and skips a block whose high ends are all
 * below it; survivors are checked with the core's `decide`. Other entries (`rest`), entries added since the
 * last sort (`recent`, re-sorted once they pass 4·√n) and other component versions are checked one by one,
 * which stays correct when a comparison is undecidable. Entries of removed CVEs carry `cve = -1` and are
 * dropped at the next sort.
 */
import type { CompiledComponent } from '../component.js';
import { decide } from '../entry-match.js';
import type { CompiledCve, CompiledEntry } from '../nvd-config.js';
import type { Outcome } from '../version-range.js';
import { orderVersions, type ParsedVersion } from '../version.js';
import { entriesOf } from './compile.js';

export interface Hit { readonly entry: CompiledEntry; readonly outcome: Outcome }

const BLOCK = 32;

interface Interval { readonly e: CompiledEntry; readonly lo: ParsedVersion | undefined; readonly hi: ParsedVersion | undefined }

class Bucket {
  all: CompiledEntry[] = [];
  sorted: Interval[] = [];
  /** Per block: the largest high end (undefined = unbounded). */
  blockHi: (ParsedVersion | undefined)[] = [];
  rest: CompiledEntry[] = [];
  recent: CompiledEntry[] = [];
  dead = 0;

  add(e: CompiledEntry, bulk: boolean): void {
    this.all.push(e);
    this.recent.push(e);
    if (!bulk && this.recent.length > 4 * Math.sqrt(this.all.length) + 16) this.organise();
  }

  organise(): void {
    if (this.dead > 0) { this.all = this.all.filter((e) => e.cve >= 0); this.dead = 0; }
    const iv: Interval[] = [];
    this.rest = [];
    for (const e of this.all) {
      const x = intervalOf(e);
      if (x) iv.push(x); else this.rest.push(e);
    }
    iv.sort((a, b) => cmpLo(a.lo, b.lo));
    this.sorted = iv;
    this.blockHi = [];
    for (let b = 0; b < iv.length; b += BLOCK) {
      let hi: ParsedVersion | undefined = iv[b]!.hi;
      for (let k = b + 1; k < Math.min(iv.length, b + BLOCK) && hi; k++) {
        const h = iv[k]!.hi;
        if (!h || orderVersions(h, hi) > 0) hi = h;
      }
      this.blockHi.push(hi);
    }
    this.recent = [];
  }
}

/** Undefined low end sorts first. */
function cmpLo(a: ParsedVersion | undefined, b: ParsedVersion | undefined): number {
  if (!a) return b ? -1 : 0;
  if (!b) return 1;
  return orderVersions(a, b);
}

function intervalOf(e: CompiledEntry): Interval | undefined {
  if (!e.wfn) return undefined;
  let lo: ParsedVersion | undefined;
  let hi: ParsedVersion | undefined;
  if (e.fixedVersion) {
    if (e.fixedVersion.scheme !== 'numeric') return undefined;
    lo = hi = e.fixedVersion;
  } else if (e.wfn.version.kind !== 'any' || e.bounds.length === 0) return undefined;
  for (const b of e.bounds) {
    if (b.parsed.scheme !== 'numeric') return undefined;
    if (b.bound === 'versionStartIncluding' || b.bound === 'versionStartExcluding') lo = b.parsed; else hi = b.parsed;
  }
  return { e, lo, hi };
}

export class EntryIndex {
  private readonly byKey = new Map<string, Bucket>();
  private wide: CompiledEntry[] = [];
  private wideDead = 0;

  /** While true (a full load), buckets are sorted once, at their first lookup, not as they grow. */
  bulk = false;

  /** Files a CVE's entries; each entry's `cve` is set to `slot`. */
  add(cve: CompiledCve, slot: number): void {
    for (const e of entriesOf(cve)) {
      e.cve = slot;
      if (e.key === undefined) { this.wide.push(e); continue; }
      let b = this.byKey.get(e.key);
      if (!b) { b = new Bucket(); this.byKey.set(e.key, b); }
      b.add(e, this.bulk);
    }
  }

  /** Unfiles a CVE's entries (they are skipped at once, dropped at the next sort). */
  remove(cve: CompiledCve): void {
    for (const e of entriesOf(cve)) {
      e.cve = -1;
      if (e.key === undefined) this.wideDead++;
      else this.byKey.get(e.key)!.dead++;
    }
    if (this.wideDead > 64) { this.wide = this.wide.filter((e) => e.cve >= 0); this.wideDead = 0; }
  }

  /** Every live entry the component matches or is undecidable against. */
  matchComponent(c: CompiledComponent, out: Hit[] = []): Hit[] {
    const v = c.version !== undefined && c.version.scheme === 'numeric' ? c.version : undefined;
    const keys = c.keys.length > 0 ? c.keys : [...this.byKey.keys()];
    const from = c.keys.length > 0 ? 3 : 0;
    for (const k of keys) {
      const b = this.byKey.get(k);
      if (!b) continue;
      if (b.dead * 4 > b.all.length || b.recent.length > 4 * Math.sqrt(b.all.length) + 16) b.organise();
      for (const e of b.rest) consider(e, c, from, out);
      for (const e of b.recent) consider(e, c, from, out);
      const iv = b.sorted;
      for (let blk = 0; blk * BLOCK < iv.length; blk++) {
        const start = blk * BLOCK;
        if (v) {
          const lo = iv[start]!.lo;
          if (lo && orderVersions(lo, v) > 0) break; // every later low end is above the version
          const hi = b.blockHi[blk];
          if (hi && orderVersions(hi, v) < 0) continue; // every high end in the block is below it
        }
        const end = Math.min(iv.length, start + BLOCK);
        for (let k2 = start; k2 < end; k2++) consider(iv[k2]!.e, c, from, out);
      }
    }
    for (const e of this.wide) consider(e, c, 0, out);
    return out;
  }
}

function consider(e: CompiledEntry, c: CompiledComponent, from: number, out: Hit[]): void {
  if (e.cve < 0) return;
  const o = decide(e, c, from);
  if (o !== 'no-match') out.push({ entry: e, outcome: o });
}
