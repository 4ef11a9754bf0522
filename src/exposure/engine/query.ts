/**
 * Findings pages and summaries. Own findings (those of a component's identity) are read per **cohort**:
 * the components in scope with the same identity, organisation, system rank (exposure, human impact,
 * sector, criticality) and internet flag rank every own finding alike, so each (cohort, finding) is scored
 * once, counted at once, and its components are looked at one by one only when the score can reach the
 * page. Device findings are walked one by one (there are few). One pass keeps the best `limit` findings after
 * the cursor (ties on the score broken by CVE id, component id, product key) and counts the total; only the
 * page's findings are explained. The cursor carries the last item's sort key.
 */
import { errors } from '../../errors.js';
import { OUTCOMES, type PriorityOutcome } from '../priority/index.js';
import { explain, findingKey } from './explain.js';
import { AFFECTED } from './identities.js';
import type { StateBook } from './states.js';
import {
  FINDING_STATES, type FindingFilter, type FindingsPage, type FindingStateName, type FindingStatus, type OrgSummary, type PageRequest,
} from './types.js';
import { outcomeOfScore, scopeOf, scoreOf, type SystemRank, systemRank, type Tables } from './walk.js';

interface Item { score: number; cve: string; comp: string; pk: string; ci: number; slot: number; pkId: number; status: number }
type SortKey = Pick<Item, 'score' | 'cve' | 'comp' | 'pk'>;

/** <0: a ranks before b. */
function order(a: SortKey, b: SortKey): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.cve !== b.cve) return a.cve < b.cve ? -1 : 1;
  if (a.comp !== b.comp) return a.comp < b.comp ? -1 : 1;
  return a.pk < b.pk ? -1 : a.pk > b.pk ? 1 : 0;
}

function encodeCursor(k: SortKey): string {
  return Buffer.from(JSON.stringify([k.score, k.cve, k.comp, k.pk])).toString('base64url');
}
function decodeCursor(s: string): SortKey {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 4 && typeof v[0] === 'number' && v.slice(1).every((x) => typeof x === 'string')) {
      return { score: v[0], cve: v[1] as string, comp: v[2] as string, pk: v[3] as string };
    }
  } catch { /* reported below */ }
  throw errors.validation('Invalid page cursor.', [{ path: 'after', message: 'is not a cursor returned by a findings page' }]);
}

function stateOf(t: Tables, states: StateBook, c: number, slot: number, pk: number): FindingStateName {
  const id = t.reg.compIds[c]!;
  if (!states.hasAny(id)) return 'new';
  return states.read(findingKey(id, t.cves.slots[slot]!.id, t.ids.productKeys.names[pk]!)).state;
}

interface Cohort {
  readonly identity: number;
  readonly org: number;
  readonly rank: SystemRank;
  readonly exposed: boolean;
  readonly comps: number[];
  /** Components of the cohort that have any triage state (the others are all new). */
  readonly stated: number[];
}

/** A finding of the scope: one component (device findings) or a cohort's components (own findings). */
interface Visitor {
  one(c: number, slot: number, pk: number, st: number, score: number): void;
  many(co: Cohort, slot: number, pk: number, st: number, score: number): void;
}

/**
 * Reads a filter's scope once (cohorts, device findings) and returns a runner that visits its findings
 * (component, CVE, status and outcome filters applied; the state is left to the visitor) as often as asked.
 */
function scan(t: Tables, states: StateBook, f: FindingFilter, byOrg: boolean): (v: Visitor) => void {
  const { reg, ids, profiles } = t;
  const slotF = f.cveId === undefined ? undefined : (t.cves.slotOf(f.cveId) ?? -2);
  const compF = f.componentId === undefined ? undefined : (reg.component(f.componentId) ?? -2);
  const orgs = f.orgIds ? new Set(f.orgIds.map((o) => reg.orgIndex(o))) : undefined;
  const orgF = f.orgId === undefined ? undefined : reg.orgIndex(f.orgId);
  const outcomeF = f.outcome === undefined ? undefined : OUTCOMES.indexOf(f.outcome);
  const statusF = f.status === undefined ? undefined : f.status === 'affected' ? AFFECTED : 1 - AFFECTED;
  const compOk = (s: number, c: number): boolean => {
    if (compF !== undefined && c !== compF) return false;
    const o = reg.compOrg[c]!;
    if (orgF !== undefined && o !== orgF) return false;
    if (orgs && !orgs.has(o)) return false;
    if (f.systemId !== undefined && reg.systems[s]!.id !== f.systemId) return false;
    return f.siteId === undefined || reg.systems[s]!.siteId === f.siteId;
  };
  const findingOk = (slot: number, st: number, score: number): boolean =>
    (slotF === undefined || slot === slotF) && (statusF === undefined || st === statusF) && (outcomeF === undefined || outcomeOfScore(score) === outcomeF);

  // Systems in scope: cohorts for own findings, device findings one by one.
  const groups = new Map<string, Cohort>();
  const dev: number[] = [];
  const scope = scopeOf(t, f);
  const eachSystem = (s: number): void => {
    const x = reg.systems[s]!;
    const rank = systemRank(x);
    for (const c of x.comps) {
      if (!compOk(s, c)) continue;
      const exposed = reg.compExposed[c]!;
      const key = `${reg.compIdentity[c]}/${byOrg ? reg.compOrg[c] : ''}/${rank.exposure}/${rank.human}/${rank.sectorBit}/${rank.criticality}/${exposed ? 1 : 0}`;
      let co = groups.get(key);
      if (!co) { co = { identity: reg.compIdentity[c]!, org: reg.compOrg[c]!, rank, exposed, comps: [], stated: [] }; groups.set(key, co); }
      co.comps.push(c);
      if (states.hasAny(reg.compIds[c]!)) co.stated.push(c);
    }
    if (x.profile < 0) return;
    profiles.each(profiles.all[x.profile]!, (pos, slot, pk, st) => {
      const c = x.comps[pos]!;
      if (!compOk(s, c)) return;
      const score = scoreOf(t, slot, rank, reg.compExposed[c]!);
      if (findingOk(slot, st, score)) dev.push(c, slot, pk, st, score);
    });
  };
  if (scope) for (const s of scope) eachSystem(s);
  else for (let s = 0; s < reg.systems.length; s++) if (reg.system(reg.systems[s]!.id) === s) eachSystem(s);

  const cohorts = [...groups.values()];
  return (v) => {
    for (let k = 0; k < dev.length; k += 5) v.one(dev[k]!, dev[k + 1]!, dev[k + 2]!, dev[k + 3]!, dev[k + 4]!);
    for (const co of cohorts) {
      const own = ids.packed(ids.all[co.identity]!);
      for (let k = 0; k < own.length; k += 3) {
        const slot = own[k]!;
        if (slotF !== undefined && slot !== slotF) continue;
        const score = scoreOf(t, slot, co.rank, co.exposed);
        if (findingOk(slot, own[k + 2]!, score)) v.many(co, slot, own[k + 1]!, own[k + 2]!, score);
      }
    }
  };
}

/** Score buckets for the first pass: outcome, threat context and EPSS to 1e-3 (criticality and finer EPSS aside). */
const bucketOf = (score: number): number => Math.floor(score / 1e4);
const BUCKETS = bucketOf(8e8) + 1;

/** The cohort's components whose state is `want` (all but the stated ones are new). */
function membersIn(t: Tables, states: StateBook, co: Cohort, slot: number, pk: number, want: FindingStateName | undefined): { n: number; list: () => Iterable<number> } {
  if (want === undefined) return { n: co.comps.length, list: () => co.comps };
  const statedIn = co.stated.filter((c) => stateOf(t, states, c, slot, pk) === want);
  if (want !== 'new') return { n: statedIn.length, list: () => statedIn };
  const stated = new Set(co.stated);
  return { n: co.comps.length - co.stated.length + statedIn.length, list: () => co.comps.filter((c) => !stated.has(c) || statedIn.includes(c)) };
}

export function findingsPage(t: Tables, states: StateBook, f: FindingFilter, page: PageRequest): FindingsPage {
  const limit = page.limit;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw errors.validation('Invalid page size.', [{ path: 'limit', message: `must be an integer from 1 to 1000, not ${limit}` }]);
  }
  const after = page.after === undefined ? undefined : decodeCursor(page.after);
  const best: Item[] = [];
  let total = 0;
  let before = 0; // findings at or before the cursor
  const cand: SortKey = { score: 0, cve: '', comp: '', pk: '' };
  const consider = (c: number, slot: number, pk: number, st: number, score: number): void => {
    cand.score = score; cand.cve = t.cves.slots[slot]!.id; cand.comp = t.reg.compIds[c]!; cand.pk = t.ids.productKeys.names[pk]!;
    if (after && order(cand, after) <= 0) { before++; return; }
    const worst = best.length === limit ? best[limit - 1]! : undefined;
    if (worst && order(cand, worst) >= 0) return;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (order(best[mid]!, cand) < 0) lo = mid + 1; else hi = mid; }
    best.splice(lo, 0, { ...cand, ci: c, slot, pkId: pk, status: st });
    if (best.length > limit) best.pop();
  };
  const run = scan(t, states, f, false);
  // Pass 1: count, and find the lowest score bucket the page can reach (findings tied with the cursor's
  // score may lie before it, so they are not counted towards the page and are always looked at).
  const counts = new Float64Array(BUCKETS);
  const pass1 = (score: number, n: number): void => {
    total += n;
    if (after && score > after.score) before += n;
    else if (!after || score !== after.score) { const b = bucketOf(score); counts[b] = counts[b]! + n; }
  };
  run({
    one(c, slot, pk, _st, score) { if (f.state === undefined || stateOf(t, states, c, slot, pk) === f.state) pass1(score, 1); },
    many(co, slot, pk, _st, score) { const n = membersIn(t, states, co, slot, pk, f.state).n; if (n > 0) pass1(score, n); },
  });
  let floor = 0;
  for (let b = BUCKETS - 1, acc = 0; b >= 0; b--) {
    acc += counts[b]!;
    if (acc >= limit) { floor = b; break; }
  }
  // Pass 2: only findings that can reach the page; a (cohort, finding) is skipped whole when its score, or
  // its CVE at the worst item's score, cannot beat the page's worst item.
  const reachable = (score: number, cve: string): boolean => {
    if (after && score > after.score) return false;
    if (bucketOf(score) < floor && !(after && score === after.score)) return false;
    const worst = best.length === limit ? best[limit - 1]! : undefined;
    return !worst || score > worst.score || (score === worst.score && cve <= worst.cve);
  };
  run({
    one(c, slot, pk, st, score) {
      if (f.state !== undefined && stateOf(t, states, c, slot, pk) !== f.state) return;
      if (reachable(score, t.cves.slots[slot]!.id)) consider(c, slot, pk, st, score);
    },
    many(co, slot, pk, st, score) {
      if (!reachable(score, t.cves.slots[slot]!.id)) return;
      for (const c of membersIn(t, states, co, slot, pk, f.state).list()) consider(c, slot, pk, st, score);
    },
  });
  const items = best.map((b) => explain(t, states, b.ci, b.slot, b.pkId, b.status));
  const last = best[best.length - 1];
  const more = last !== undefined && total > before + best.length;
  return { items, nextCursor: more ? encodeCursor(last) : null, total };
}

const zero = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

interface Counts { total: number; byOutcome: Record<PriorityOutcome, number>; byState: Record<FindingStateName, number>; byStatus: Record<FindingStatus, number>; kev: number }

export function summarise(t: Tables, states: StateBook, f: FindingFilter): OrgSummary[] {
  const byOrg = new Map<number, Counts>();
  const add = (org: number, slot: number, st: number, score: number, n: number, state: FindingStateName | undefined) => {
    let x = byOrg.get(org);
    if (!x) { x = { total: 0, byOutcome: zero(OUTCOMES), byState: zero(FINDING_STATES), byStatus: { affected: 0, undecidable: 0 }, kev: 0 }; byOrg.set(org, x); }
    x.total += n;
    x.byOutcome[OUTCOMES[outcomeOfScore(score)]!] += n;
    if (state) x.byState[state] += n;
    x.byStatus[st === AFFECTED ? 'affected' : 'undecidable'] += n;
    if (t.cves.slots[slot]!.kev) x.kev += n;
  };
  scan(t, states, f, true)({
    one(c, slot, pk, st, score) { add(t.reg.compOrg[c]!, slot, st, score, 1, stateOf(t, states, c, slot, pk)); },
    many(co, slot, pk, st, score) {
      add(co.org, slot, st, score, co.comps.length, undefined);
      const x = byOrg.get(co.org)!;
      x.byState.new += co.comps.length - co.stated.length;
      for (const c of co.stated) x.byState[stateOf(t, states, c, slot, pk)]++;
    },
  });
  return [...byOrg].map(([o, x]) => ({ orgId: t.reg.orgs.names[o]!, ...x })).sort((a, b) => (a.orgId < b.orgId ? -1 : 1));
}
