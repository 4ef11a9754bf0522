/**
 * cpeMatch entries by part:vendor:product, with removal and a version filter for busy keys (gitlab:
 * ~50,000 entries at 300,000 CVEs, Chrome ~17,000).
 *
 * Within a key, an entry whose version constraint is totally ordered — bounds (or a fixed criteria
 * version) that are numeric, pre-release or letter-suffixed — is *ranked*: the distinct bound versions of
 * the key are sorted once (the comparator orders these schemes without exception), each such entry
 * becomes the range of ranks it admits, and a component with a plain-numeric version finds its own rank
 * by binary search; then the entries are scanned as integers, and the rest of `decide` (the attributes
 * the criteria constrains beside part:vendor:product) is asked once per distinct criteria. A component
 * whose version is not plain-numeric (or absent) meets the ranked entries as `decide` would, placed among
 * the bound points by binary search (see matchUnranked; an undecidable comparison stays undecidable).
 * Other entries (`rest`, grouped by criteria and bounds: each group decided once) and entries added since
 * the last build (`recent`, rebuilt once they pass 4·√n) are checked with `decide`. Entries of removed
 * CVEs carry `cve = -1` and are dropped at the next build.
 */
import type { CompiledComponent } from '../component.js';
import { compareAttribute } from '../cpe-match.js';
import { decide } from '../entry-match.js';
import type { CompiledCve, CompiledEntry } from '../nvd-config.js';
import type { Outcome } from '../version-range.js';
import { orderVersions, type ParsedVersion } from '../version.js';
import { type EngineEntry, entriesOf } from './compile.js';

export interface Hit { readonly entry: CompiledEntry; readonly outcome: Outcome }

/** Receives a component's matches: any entry with its outcome, or a ranked entry's columns (it matched). */
export interface MatchSink {
  hit(e: CompiledEntry, o: Outcome): void;
  /** A ranked entry matched: its CVE slot, product key id, role and platform group, and the entry itself (entries[k]). */
  ranked(slot: number, pk: number, role: number, gid: number, entries: readonly CompiledEntry[], k: number): void;
}

const TOP = 0x7fffffff;

/**
 * Ranked entries of a key. Rank points: a version equal to the i-th distinct bound is at 2i+1, one between
 * the (i-1)-th and the i-th at 2i (below all: 0; above all: 2n). Entry k admits the points lo[k] … hi[k].
 */
class Ranked {
  readonly points: ParsedVersion[] = [];
  readonly entries: CompiledEntry[] = [];
  lo = new Int32Array(0);
  hi = new Int32Array(0);
  /** Index of the entry's criteria among `criteria` (entries compiled from one criteria share its wfn). */
  wfn = new Int32Array(0);
  /** The entries' CVE slots, product key ids, roles and groups (compile.ts), as filed: fixed while they live. */
  slot = new Int32Array(0);
  pk = new Int32Array(0);
  role = new Int32Array(0);
  gid = new Int32Array(0);
  /** 1 when the entry has two bounds on one side (its lo / hi no longer name each bound): compared bound by bound. */
  multi = new Uint8Array(0);
  readonly criteria: CompiledEntry[] = [];

  constructor(entries: readonly CompiledEntry[]) {
    const byNorm = new Map<string, ParsedVersion>();
    for (const e of entries) {
      if (e.fixedVersion) byNorm.set(e.fixedVersion.norm, e.fixedVersion);
      for (const b of e.bounds) byNorm.set(b.parsed.norm, b.parsed);
    }
    const sorted = [...byNorm.values()].sort(orderVersions);
    const at = new Map<string, number>();
    for (const v of sorted) {
      if (this.points.length === 0 || orderVersions(this.points[this.points.length - 1]!, v) !== 0) this.points.push(v);
      at.set(v.norm, this.points.length - 1);
    }
    const n = entries.length;
    this.lo = new Int32Array(n);
    this.hi = new Int32Array(n);
    this.wfn = new Int32Array(n);
    this.slot = new Int32Array(n);
    this.pk = new Int32Array(n);
    this.role = new Int32Array(n);
    this.gid = new Int32Array(n);
    this.multi = new Uint8Array(n);
    const wfns = new Map<unknown, number>();
    entries.forEach((e, k) => {
      let lo = 0;
      let hi = TOP;
      let starts = 0;
      if (e.fixedVersion) lo = hi = 2 * at.get(e.fixedVersion.norm)! + 1;
      for (const b of e.bounds) if (b.bound.startsWith('versionStart')) starts++;
      if (starts > 1 || e.bounds.length - starts > 1) this.multi[k] = 1;
      for (const b of e.bounds) {
        const p = 2 * at.get(b.parsed.norm)! + 1;
        if (b.bound === 'versionStartIncluding') lo = Math.max(lo, p);
        else if (b.bound === 'versionStartExcluding') lo = Math.max(lo, p + 1);
        else if (b.bound === 'versionEndIncluding') hi = Math.min(hi, p);
        else hi = Math.min(hi, p - 1);
      }
      let w = wfns.get(e.wfn);
      if (w === undefined) { w = this.criteria.length; this.criteria.push(e); wfns.set(e.wfn, w); }
      this.entries.push(e);
      this.lo[k] = lo;
      this.hi[k] = hi;
      this.wfn[k] = w;
      const x = e as Partial<EngineEntry>;
      this.slot[k] = e.cve;
      this.pk[k] = x.pk ?? -1;
      this.role[k] = x.role ?? 0;
      this.gid[k] = x.gid ?? -1;
    });
  }

  /** The rank point of a plain-numeric version. */
  point(v: ParsedVersion): number {
    let lo = 0;
    let hi = this.points.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (orderVersions(this.points[mid]!, v) < 0) lo = mid + 1; else hi = mid;
    }
    return lo < this.points.length && orderVersions(this.points[lo]!, v) === 0 ? 2 * lo + 1 : 2 * lo;
  }

  /** What `decide` answers for every ranked entry and a component with a plain-numeric version: the matches. */
  match(c: CompiledComponent, v: ParsedVersion, from: number, someDead: boolean, sink: MatchSink): void {
    this.scan(c, this.point(v), from, someDead, sink);
  }

  /** The matches of a component whose version sits at rank point `pt`. */
  scan(c: CompiledComponent, pt: number, from: number, someDead: boolean, sink: MatchSink): void {
    const ok = new Int8Array(this.criteria.length); // 0 unknown, 1 no attribute disjoint, 2 disjoint
    const { lo, hi, wfn, entries } = this;
    for (let k = 0; k < entries.length; k++) {
      if (pt < lo[k]! || pt > hi[k]!) continue;
      if (someDead && entries[k]!.cve < 0) continue;
      const w = wfn[k]!;
      if (ok[w] === 0) ok[w] = attributesAgree(this.criteria[w]!, c, from) ? 1 : 2;
      if (ok[w] === 1) sink.ranked(this.slot[k]!, this.pk[k]!, this.role[k]!, this.gid[k]!, entries, k);
    }
  }
}

/**
 * What `decide` answers for ranked entries and a component whose version is not plain-numeric, or absent.
 * Against the points (sorted, of the ranked schemes) such a version v orders monotonically (version.ts: a
 * comparison is decided at the first token where the two differ, zeros padding, so the points that share
 * v's tokens up to its first other one are contiguous, and v is ordered against every point outside
 * them): v is above every point below some index a, below every point from some b ≥ a on, and only the points in [a, b) — those that share v's numbers,
 * where a word makes it undecidable — need their own answer. So a and b are found by binary search
 * (O(log n) comparisons) and the points between compared one by one; when there are none, v sits between
 * two points and the entries are scanned as integers, as for a numeric version. Undecidable stays
 * undecidable: an entry with a bound in [a, b) that the comparator cannot order is reported so.
 */
function matchUnranked(r: Ranked, c: CompiledComponent, from: number, someDead: boolean, sink: MatchSink): void {
  const v = c.version;
  const { entries, lo, hi, multi } = r;
  const ok = new Int8Array(r.criteria.length);
  const agree = (k: number): boolean => {
    const w = r.wfn[k]!;
    if (ok[w] === 0) ok[w] = attributesAgree(r.criteria[w]!, c, from) ? 1 : 2;
    return ok[w] === 1;
  };
  if (!v) {
    for (let k = 0; k < entries.length; k++) if (!(someDead && entries[k]!.cve < 0) && agree(k)) sink.hit(entries[k]!, 'undecidable');
    return;
  }
  const n = r.points.length;
  const order = (i: number): number => orderVersions(v, r.points[i]!);
  let a = 0;
  for (let top = n; a < top;) { const m = (a + top) >>> 1; if (order(m) === 1) a = m + 1; else top = m; }
  let b = a;
  for (let top = n; b < top;) { const m = (b + top) >>> 1; if (order(m) === -1) top = m; else b = m + 1; }
  if (a === b) { r.scan(c, 2 * a, from, someDead, sink); return; }
  const mid = new Float64Array(b - a);
  for (let i = a; i < b; i++) mid[i - a] = order(i);
  const at = (i: number): number => (i < a ? 1 : i >= b ? -1 : mid[i - a]!);
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k]!;
    if ((someDead && e.cve < 0) || !agree(k)) continue;
    let unknown = false;
    if (multi[k]) {
      let no = false;
      for (const bd of e.bounds) {
        const o = orderVersions(v, bd.parsed);
        if (Number.isNaN(o)) unknown = true; else if (!holds(bd.bound, o)) { no = true; break; }
      }
      if (no) continue;
    } else {
      // lo: 0 (no start), 2i+1 (from point i, included), 2i+2 (excluded); hi: TOP, 2i+1 (to point i, included), 2i (excluded).
      const l = lo[k]!;
      if (l > 0) {
        const o = at((l - 1) >> 1);
        if (Number.isNaN(o)) unknown = true; else if ((l & 1) === 1 ? o < 0 : o <= 0) continue;
      }
      const h = hi[k]!;
      if (h !== TOP) {
        const o = at((h & 1) === 1 ? (h - 1) >> 1 : h >> 1);
        if (Number.isNaN(o)) unknown = true; else if ((h & 1) === 1 ? o > 0 : o >= 0) continue;
      }
    }
    sink.hit(e, unknown ? 'undecidable' : 'match');
  }
}

function holds(bound: string, o: number): boolean {
  return bound === 'versionStartIncluding' ? o >= 0 : bound === 'versionStartExcluding' ? o > 0 : bound === 'versionEndIncluding' ? o <= 0 : o < 0;
}

/** `decide`'s attribute test: no attribute the criteria constrains (from `from` on) is DISJOINT. */
function attributesAgree(e: CompiledEntry, c: CompiledComponent, from: number): boolean {
  const ev = e.wfn!.values;
  const cv = c.wfn.values;
  for (const k of e.constrained) if (k >= from && compareAttribute(ev[k]!, cv[k]!) === 'DISJOINT') return false;
  return true;
}

/**
 * Schemes whose versions the comparator orders against each other and against any plain-numeric version
 * without exception (version.ts: numbers, pre-release words and letter suffixes are always ordered), so a
 * key's bound points of these schemes sort into one total order. Tomcat's `9.0.0.M1` and OpenSSL's
 * `1.0.2zh` bounds are among them; post-release kinds are not (SP against Update is undecidable).
 */
const RANK_SCHEMES: ReadonlySet<string> = new Set(['numeric', 'pre-release', 'letter-suffix']);

/** Whether `decide` on this entry, for a plain-numeric component version, is the rank test and the attribute test. */
function rankable(e: CompiledEntry): boolean {
  if (!e.wfn) return false;
  if (e.fixedVersion) return RANK_SCHEMES.has(e.fixedVersion.scheme) && e.bounds.length === 0;
  return e.wfn.version.kind === 'any' && e.bounds.length > 0 && e.bounds.every((b) => RANK_SCHEMES.has(b.parsed.scheme));
}

/** Entries `decide` answers alike for every component: one parsed criteria (shared by its entries), one bound set. */
interface Alike { readonly rep: CompiledEntry; readonly members: CompiledEntry[] }

class Bucket {
  all: CompiledEntry[] = [];
  ranked = new Ranked([]);
  /** The other entries, by what decides them: a platform entry repeated by 10,000 CVEs is asked once. */
  rest: Alike[] = [];
  recent: CompiledEntry[] = [];
  dead = 0;

  add(e: CompiledEntry, bulk: boolean): void {
    this.all.push(e);
    this.recent.push(e);
    if (!bulk && this.recent.length > 4 * Math.sqrt(this.all.length) + 16) this.organise();
  }

  organise(): void {
    if (this.dead > 0) { this.all = this.all.filter((e) => e.cve >= 0); this.dead = 0; }
    const ranked: CompiledEntry[] = [];
    this.rest = [];
    const alike = new Map<unknown, Map<unknown, Alike[]>>();
    for (const e of this.all) {
      if (rankable(e)) { ranked.push(e); continue; }
      let byBounds = alike.get(e.wfn);
      if (!byBounds) { byBounds = new Map(); alike.set(e.wfn, byBounds); }
      let l = byBounds.get(e.bounds);
      if (!l) { l = []; byBounds.set(e.bounds, l); }
      let a = l.find((x) => x.rep.fixedVersion === e.fixedVersion && x.rep.constrained === e.constrained);
      if (!a) { a = { rep: e, members: [] }; l.push(a); this.rest.push(a); }
      a.members.push(e);
    }
    this.ranked = new Ranked(ranked);
    this.recent = [];
  }
}

export class EntryIndex {
  private readonly byKey = new Map<string, Bucket>();
  private wide: CompiledEntry[] = [];
  private wideDead = 0;

  /** While true (a full load), buckets are built once, at its end, not as they grow. */
  bulk = false;
  /** Bumped by every change to the filed entries or to their ranks: a {@link signature} holds within one. */
  epoch = 0;

  /** Ends a full load: every bucket built now (not at the first new CVE or component that meets it). */
  endBulk(): void {
    this.bulk = false;
    this.epoch++;
    for (const b of this.byKey.values()) b.organise();
  }

  private bucket(k: string): Bucket | undefined {
    const b = this.byKey.get(k);
    if (b && (b.dead * 4 > b.all.length || b.recent.length > 4 * Math.sqrt(b.all.length) + 16)) { b.organise(); this.epoch++; }
    return b;
  }

  /**
   * Where a component with a plain-numeric version falls among the entries of its keys: per key, its rank
   * point among the ranked entries and what the other entries (and the wide ones) answer. Two components
   * with the same attributes beside the version and the same signature in one epoch get the same outcome
   * from every entry. Undefined without keys or a plain-numeric version.
   */
  signature(c: CompiledComponent): string | undefined {
    const v = c.version;
    if (c.keys.length === 0 || v === undefined || v.scheme !== 'numeric') return undefined;
    const out: string[] = [];
    const code = (o: Outcome): string => (o === 'match' ? 'm' : o === 'undecidable' ? 'u' : 'n');
    for (const k of c.keys) {
      const b = this.bucket(k);
      if (!b) { out.push('-'); continue; }
      out.push(String(b.ranked.point(v)), ':');
      for (const a of b.rest) out.push(code(decide(a.rep, c, 3)));
      for (const e of b.recent) out.push(e.cve < 0 ? 'x' : code(decide(e, c, 3)));
      out.push(';');
    }
    for (const e of this.wide) out.push(e.cve < 0 ? 'x' : code(decide(e, c, 0)));
    return out.join('');
  }

  /** Files a CVE's entries; each entry's `cve` is set to `slot`. */
  add(cve: CompiledCve, slot: number): void {
    this.epoch++;
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
    this.epoch++;
    for (const e of entriesOf(cve)) {
      e.cve = -1;
      if (e.key === undefined) this.wideDead++;
      else this.byKey.get(e.key)!.dead++;
    }
    if (this.wideDead > 64) { this.wide = this.wide.filter((e) => e.cve >= 0); this.wideDead = 0; }
  }

  /** Every live entry the component matches or is undecidable against. */
  matchComponent(c: CompiledComponent, out: Hit[] = []): Hit[] {
    this.eachMatch(c, {
      hit: (entry, outcome) => { out.push({ entry, outcome }); },
      ranked: (_s, _p, _r, _g, entries, k) => { out.push({ entry: entries[k]!, outcome: 'match' }); },
    });
    return out;
  }

  /** Gives the sink every live entry the component matches or is undecidable against (nothing allocated per entry). */
  eachMatch(c: CompiledComponent, sink: MatchSink): void {
    const visit = (e: CompiledEntry, o: Outcome): void => sink.hit(e, o);
    const v = c.version !== undefined && c.version.scheme === 'numeric' ? c.version : undefined;
    const keys = c.keys.length > 0 ? c.keys : [...this.byKey.keys()];
    const from = c.keys.length > 0 ? 3 : 0;
    const consider = (e: CompiledEntry): void => {
      if (e.cve < 0) return;
      const o = decide(e, c, from);
      if (o !== 'no-match') visit(e, o);
    };
    for (const k of keys) {
      const b = this.bucket(k);
      if (!b) continue;
      for (const a of b.rest) {
        const o = decide(a.rep, c, from);
        if (o !== 'no-match') for (const e of a.members) if (e.cve >= 0) visit(e, o);
      }
      for (const e of b.recent) consider(e);
      if (v) b.ranked.match(c, v, from, b.dead > 0, sink); else matchUnranked(b.ranked, c, from, b.dead > 0, sink);
    }
    for (const e of this.wide) if (e.cve >= 0) { const o = decide(e, c, 0); if (o !== 'no-match') visit(e, o); }
  }
}
