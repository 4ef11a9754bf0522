/**
 * Findings pages and summaries over the walk: one pass keeps the best `limit` findings after the cursor
 * (a sorted buffer; ties on the score are broken by CVE id, component id, product key) and counts the total;
 * only the page's findings are explained. The cursor carries the last item's sort key, so a page is stable
 * under changes elsewhere.
 */
import { errors } from '../../errors.js';
import { OUTCOMES, type PriorityOutcome } from '../priority/index.js';
import { explain, findingKey } from './explain.js';
import { AFFECTED } from './identities.js';
import type { StateBook } from './states.js';
import {
  FINDING_STATES, type FindingFilter, type FindingsPage, type FindingStateName, type FindingStatus, type OrgSummary, type PageRequest,
} from './types.js';
import { outcomeOfScore, scopeOf, scoreOf, type SystemRank, systemRank, type Tables, walk } from './walk.js';

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

/** The per-finding test of a filter (the scope has already narrowed the systems). */
function matcher(t: Tables, states: StateBook, f: FindingFilter) {
  const { reg } = t;
  const slot = f.cveId === undefined ? undefined : (t.cves.slotOf(f.cveId) ?? -2);
  const comp = f.componentId === undefined ? undefined : (reg.component(f.componentId) ?? -2);
  const orgs = f.orgIds ? new Set(f.orgIds.map((o) => reg.orgIndex(o))) : undefined;
  const org = f.orgId === undefined ? undefined : reg.orgIndex(f.orgId);
  const outcome = f.outcome === undefined ? undefined : OUTCOMES.indexOf(f.outcome);
  const status = f.status === undefined ? undefined : f.status === 'affected' ? AFFECTED : 1 - AFFECTED;
  return (s: number, c: number, sl: number, pk: number, st: number, score: number): boolean => {
    if (slot !== undefined && sl !== slot) return false;
    if (comp !== undefined && c !== comp) return false;
    const o = reg.compOrg[c]!;
    if (org !== undefined && o !== org) return false;
    if (orgs && !orgs.has(o)) return false;
    if (f.systemId !== undefined && reg.systems[s]!.id !== f.systemId) return false;
    if (f.siteId !== undefined && reg.systems[s]!.siteId !== f.siteId) return false;
    if (status !== undefined && st !== status) return false;
    if (outcome !== undefined && outcomeOfScore(score) !== outcome) return false;
    if (f.state !== undefined && stateOf(t, states, c, sl, pk) !== f.state) return false;
    return true;
  };
}

function stateOf(t: Tables, states: StateBook, c: number, slot: number, pk: number): FindingStateName {
  const id = t.reg.compIds[c]!;
  if (!states.hasAny(id)) return 'new';
  return states.read(findingKey(id, t.cves.slots[slot]!.id, t.ids.productKeys.names[pk]!)).state;
}

/** Walks a filter's findings with their score (ranks computed once per system). */
function walkScored(t: Tables, f: FindingFilter, visit: (s: number, c: number, slot: number, pk: number, st: number, score: number) => void): void {
  let lastSys = -1;
  let rank: SystemRank | undefined;
  walk(t, scopeOf(t, f), (s, c, slot, pk, st) => {
    if (s !== lastSys) { rank = systemRank(t.reg.systems[s]!); lastSys = s; }
    visit(s, c, slot, pk, st, scoreOf(t, slot, rank!, t.reg.compExposed[c]!));
  });
}

export function findingsPage(t: Tables, states: StateBook, f: FindingFilter, page: PageRequest): FindingsPage {
  const limit = page.limit;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw errors.validation('Invalid page size.', [{ path: 'limit', message: `must be an integer from 1 to 1000, not ${limit}` }]);
  }
  const after = page.after === undefined ? undefined : decodeCursor(page.after);
  const test = matcher(t, states, f);
  const best: Item[] = [];
  let total = 0;
  let before = 0; // findings at or before the cursor
  const cand: SortKey = { score: 0, cve: '', comp: '', pk: '' };
  walkScored(t, f, (s, c, slot, pk, st, score) => {
    if (!test(s, c, slot, pk, st, score)) return;
    total++;
    const worst = best.length === limit ? best[limit - 1]! : undefined;
    // Cheap rejections on the score before any string is read.
    if (after && score > after.score) { before++; return; }
    if (worst && score < worst.score) return;
    cand.score = score; cand.cve = t.cves.slots[slot]!.id; cand.comp = t.reg.compIds[c]!; cand.pk = t.ids.productKeys.names[pk]!;
    if (after && order(cand, after) <= 0) { before++; return; }
    if (worst && order(cand, worst) >= 0) return;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) { const mid = (lo + hi) >>> 1; if (order(best[mid]!, cand) < 0) lo = mid + 1; else hi = mid; }
    best.splice(lo, 0, { ...cand, ci: c, slot, pkId: pk, status: st });
    if (best.length > limit) best.pop();
  });
  const items = best.map((b) => explain(t, states, b.ci, b.slot, b.pkId, b.status));
  const last = best[best.length - 1];
  const more = last !== undefined && total > before + best.length;
  return { items, nextCursor: more ? encodeCursor(last) : null, total };
}

const zero = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function summarise(t: Tables, states: StateBook, f: FindingFilter): OrgSummary[] {
  const test = matcher(t, states, f);
  const byOrg = new Map<number, { total: number; byOutcome: Record<PriorityOutcome, number>; byState: Record<FindingStateName, number>; byStatus: Record<FindingStatus, number>; kev: number }>();
  walkScored(t, f, (s, c, slot, pk, st, score) => {
    if (!test(s, c, slot, pk, st, score)) return;
    const o = t.reg.compOrg[c]!;
    let x = byOrg.get(o);
    if (!x) { x = { total: 0, byOutcome: zero(OUTCOMES), byState: zero(FINDING_STATES), byStatus: { affected: 0, undecidable: 0 }, kev: 0 }; byOrg.set(o, x); }
    x.total++;
    x.byOutcome[OUTCOMES[outcomeOfScore(score)]!]++;
    x.byState[stateOf(t, states, c, slot, pk)]++;
    x.byStatus[st === AFFECTED ? 'affected' : 'undecidable']++;
    if (t.cves.slots[slot]!.kev) x.kev++;
  });
  return [...byOrg].map(([o, x]) => ({ orgId: t.reg.orgs.names[o]!, ...x })).sort((a, b) => (a.orgId < b.orgId ? -1 : 1));
}
