/**
 * Dependencies of one planned site and its systems: each system on its site (co-location); a
 * controlled site on its control system (with manual fallback); and every need of the site's kind
 * met by the nearest site(s) of the providing kinds — with alternates (dual feeds), backups
 * (generators, batteries, storage, manual working) with uncertainty bounds, partial losses,
 * recovery times and failure probabilities.
 */
import type { BackupKind, DependencyRecord, DependencyType, Service } from '../model.js';
import { dependencyId, siteId, systemId } from './ids.js';
import type { Need } from './kind-types.js';
import { KIND_INDEX, KINDS } from './kinds.js';
import { STREAM, type Plan } from './plan.js';
import { Rng } from './prng.js';
import { Best } from './spatial.js';

const FROM: readonly (readonly (readonly number[])[])[] = KINDS.map((k) => k.needs.map((n) => n.from.map((f) => KIND_INDEX.get(f)!)));

const ALT_FROM: readonly (readonly (readonly number[] | null)[])[] = KINDS.map((k) => k.needs.map((n) => (n.altFrom ? n.altFrom.map((f) => KIND_INDEX.get(f)!) : null)));
/** Kinds whose first system already has a data-centre (HOSTED) or telecoms (LINKED) need of its own. */
const HOSTED = KINDS.map((k) => k.needs.some((n) => n.by === 'sys1' && n.from.includes('data-centre')));
const LINKED = KINDS.map((k) => k.needs.some((n) => n.by === 'sys1' && n.service === 'telecoms'));
/** 1-based index of the site's perimeter firewall / remote access system, 0 when none. */
const GATEWAY = KINDS.map((k) => 1 + k.systems.findIndex((t) => t.kit === 'firewall' || t.kit === 'remote-access'));
/** 1-based index of the site's building management system, 0 when none. */
const BMS = KINDS.map((k) => 1 + k.systems.findIndex((t) => /building management|infrastructure management/.test(t.fn)));
/** 1-based index of the site's corporate IT (its directory), 0 when none. */
const DIRECTORY = KINDS.map((k) => 1 + k.systems.findIndex((t) => t.fn === 'corporate IT'));
/** Protection relays signal over telecoms circuits (teleprotection, intertripping). */
const RELAYS = KINDS.map((k) => 1 + k.systems.findIndex((t) => t.kit === 'relays'));
const DATA_CENTRE = [KIND_INDEX.get('data-centre')!];
const EXCHANGE = [KIND_INDEX.get('telephone-exchange')!];
const MAST = [KIND_INDEX.get('mobile-mast')!];

const rng = new Rng(0);
const best2 = new Best();
const best = new Best();

const half = (x: number): number => Math.round(x * 2) / 2;
const cent = (x: number): number => Math.round(x * 100) / 100;

export function siteDependencies(plan: Plan, i: number, out: DependencyRecord[]): void {
  rng.reset(plan.seed, STREAM.dependencies, i);
  const k = KINDS[plan.kind[i]!]!;
  const site = siteId(i);
  const nSys = plan.systems[i]!;
  const crit = plan.crit[i]!;
  let n = 0;
  const push = (
    dependentId: string, providerId: string, type: DependencyType, service: Service, tti: number,
    backupKind: BackupKind, backup: readonly [number, number, number] | null, shareLost: number,
    recoveryHours: number, alternateGroup: string | null, failureProbability: number,
  ): void => {
    out.push({
      id: dependencyId(i, ++n), dependentId, providerId, type, service, timeToImpactHours: tti, backupKind,
      backupHours: backup ? backup[1] : 0,
      backupHoursLow: backup && backup[0] !== backup[2] ? backup[0] : null,
      backupHoursHigh: backup && backup[0] !== backup[2] ? backup[2] : null,
      shareLost, recoveryHours, alternateGroup, failureProbability,
    });
  };

  // Systems live at their site.
  for (let j = 1; j <= nSys; j++) push(systemId(i, j), site, 'geographic', 'other', 0, 'none', null, 1, half(rng.real(1, 4)), null, 1);

  // Secondary systems report to the site's first system (relays to the RTU, desktops to applications).
  for (let j = 2; j <= nSys; j++) {
    if (!rng.chance(0.9)) continue;
    push(systemId(i, j), systemId(i, 1), 'cyber', 'data', half(rng.real(0, 4)), 'none', null, cent(rng.real(0.2, 0.7)), half(rng.real(1, 8)), null, 1);
  }

  // Behind a perimeter firewall or remote-access gateway, the site's other IT systems reach the outside through it.
  const gate = GATEWAY[plan.kind[i]!]!;
  if (gate > 0 && gate <= nSys) {
    for (let j = 1; j <= nSys; j++) {
      if (j === gate || k.systems[j - 1]!.type !== 'IT' || !rng.chance(0.8)) continue;
      push(systemId(i, j), systemId(i, gate), 'cyber', 'data', 0, 'none', null, rng.chance(0.5) ? 1 : cent(rng.real(0.3, 0.9)), half(rng.real(1, 12)), null, 1);
    }
  }

  const relays = RELAYS[plan.kind[i]!]!;
  if (relays > 0 && relays <= nSys && rng.chance(0.7)) {
    plan.spatial.nearest(i, EXCHANGE, 1, best);
    if (best.n) push(systemId(i, relays), siteId(best.id[0]!), 'cyber', 'telecoms', 0, 'none', null, cent(rng.real(0.2, 0.5)), half(rng.real(1, 12)), null, 1);
  }

  // IT systems authenticate against the site's corporate directory (Active Directory on the corporate IT system).
  const dir = DIRECTORY[plan.kind[i]!]!;
  if (dir > 0 && dir <= nSys) {
    for (let j = 1; j <= nSys; j++) {
      if (j === dir || k.systems[j - 1]!.type !== 'IT' || !rng.chance(0.8)) continue;
      push(systemId(i, j), systemId(i, dir), 'cyber', 'data', half(rng.real(0, 8)), 'none', null, cent(rng.real(0.3, 0.9)), half(rng.real(1, 12)), null, 1);
    }
  }

  // Server rooms are cooled by the site's building management system (HVAC).
  const bms = BMS[plan.kind[i]!]!;
  if (bms > 0 && bms <= nSys) {
    for (let j = 1; j <= nSys; j++) {
      if (j === bms || k.systems[j - 1]!.type !== 'IT' || !rng.chance(0.7)) continue;
      push(systemId(i, j), systemId(i, bms), 'physical', 'cooling', half(rng.real(1, 6)), 'none', null, rng.chance(0.4) ? 1 : cent(rng.real(0.3, 0.8)), half(rng.real(1, 8)), null, 1);
    }
  }

  // IT systems use hosted services (identity, e-mail, SaaS) in a data centre, and the internet link of the nearest exchange.
  for (let j = 1; j <= nSys; j++) {
    if (k.systems[j - 1]!.type !== 'IT') continue;
    if ((j > 1 || !HOSTED[plan.kind[i]!]) && rng.chance(0.8)) {
      const dr = rng.chance(0.3);
      plan.spatial.nearest(i, DATA_CENTRE, dr ? 2 : 1, best);
      const share = rng.chance(0.5) ? 1 : cent(rng.real(0.3, 0.8));
      const recovery = half(rng.real(1, 12));
      for (let b = 0; b < best.n; b++) {
        push(systemId(i, j), systemId(best.id[b]!, 1), 'cyber', 'data', 0, 'none', null, share, recovery, best.n > 1 ? 'data-it' : null, 1);
      }
    }
    if ((j > 1 || !LINKED[plan.kind[i]!]) && rng.chance(0.8)) {
      plan.spatial.nearest(i, EXCHANGE, 1, best);
      if (!best.n) continue;
      const dual = rng.chance(0.3) && (plan.spatial.nearest(i, MAST, 1, best2), best2.n > 0);
      const share = rng.chance(0.6) ? 1 : cent(rng.real(0.5, 0.95));
      const recovery = half(rng.real(1, 12));
      push(systemId(i, j), siteId(best.id[0]!), 'cyber', 'telecoms', 0, 'none', null, share, recovery, dual ? 'telecoms-it' : null, 1);
      if (dual) push(systemId(i, j), siteId(best2.id[0]!), 'cyber', 'telecoms', 0, 'none', null, share, recovery, 'telecoms-it', 1);
    }
  }

  // A controlled site needs its control system, with manual working as the fallback.
  if (k.control) {
    const [lo, hi] = k.control.hours;
    const p = rng.chance(k.control.uncertain) ? cent(rng.real(0.3, 0.9)) : 1;
    const share = k.control.partial ? cent(rng.real(k.control.partial[0], k.control.partial[1])) : 1;
    push(site, systemId(i, 1), 'cyber', 'data', 0, hi > 0 ? 'manual' : 'none', hi > 0 ? tri(lo, hi) : null, share, half(rng.real(1, 12)), null, p);
  }

  const needs = k.needs;
  const from = FROM[plan.kind[i]!]!;
  for (let q = 0; q < needs.length; q++) {
    const need = needs[q]!;
    if (need.p !== undefined && !rng.chance(need.p)) continue;
    const alt = need.alt ? rng.chance(Math.min(1, need.alt * (crit >= 3 ? 2 : 1))) : false;
    const altFrom = ALT_FROM[plan.kind[i]!]![q];
    plan.spatial.nearest(i, from[q]!, alt && !altFrom ? 2 : 1, best);
    if (best.n === 0) continue;
    if (alt && altFrom) {
      plan.spatial.nearest(i, altFrom, 1, best2);
      if (best2.n) best.offer(best2.id[0]!, Infinity, 2);
    }
    const dependent = need.by === 'sys1' ? systemId(i, 1) : site;
    const bk = crit >= 2 && need.bigBackup ? need.bigBackup : need.backup;
    const hasBackup = bk !== undefined && rng.chance(bk.p ?? 1);
    const backup = hasBackup ? tri(bk.hours[0], bk.hours[1]) : null;
    const tti = need.tti ? half(rng.real(need.tti[0], need.tti[1])) : 0;
    const share = need.partial && rng.chance(need.partial[0]) ? cent(rng.real(need.partial[1], need.partial[2])) : 1;
    const recovery = half(rng.real(need.recovery[0], need.recovery[1]));
    const group = best.n > 1 ? `${need.service}-${q + 1}` : null;
    for (let b = 0; b < best.n; b++) {
      const prov = best.id[b]!;
      const provider = need.to === 'sys1' ? systemId(prov, 1) : siteId(prov);
      const prob = probability(need);
      push(dependent, provider, need.type, need.service, tti, hasBackup ? bk!.kind : 'none', backup, share, recovery, group, prob);
    }
  }
}

/** Triangular backup duration: [low, mode, high] with a drawn mode. */
function tri(lo: number, hi: number): readonly [number, number, number] {
  return [lo, Math.max(0.5, half(rng.real(lo, hi))), hi];
}

function probability(need: Need): number {
  if (need.uncertain && rng.chance(need.uncertain[0])) return cent(rng.real(need.uncertain[1], need.uncertain[2]));
  return rng.chance(0.05) ? cent(rng.real(0.5, 0.95)) : 1;
}
