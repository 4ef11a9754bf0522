/**
 * Walking the findings without building them: each finding is (system, component, CVE slot, product key
 * id, status), read from the component's identity (its own findings) and its system's profile (device
 * findings at the component's position). Scopes narrow the walk to the systems a filter can reach; the
 * ranking score is computed from small tables, never by building a Priority.
 */
import { NETWORK_ZONES } from '../../register/model.js';
import {
  AUTOMATABLES, decide, EXPLOITATIONS, EXPOSURES, exposureOf, HUMAN_IMPACTS, humanImpactOf, OUTCOMES,
} from '../priority/index.js';
import type { CveTable } from './cves.js';
import { sectorBit } from './cves.js';
import type { IdentityTable } from './identities.js';
import type { ProfileTable } from './profiles.js';
import type { RegisterTable, SystemFacts } from './register.js';
import type { FindingFilter } from './types.js';

export interface Tables {
  readonly reg: RegisterTable;
  readonly ids: IdentityTable;
  readonly profiles: ProfileTable;
  readonly cves: CveTable;
}

export type FindingVisitor = (sys: number, comp: number, slot: number, pk: number, status: number) => void;

/** Systems a filter can reach (undefined: every system). */
export function scopeOf(t: Tables, f: FindingFilter): Iterable<number> | undefined {
  const { reg } = t;
  if (f.componentId !== undefined) {
    const k = reg.component(f.componentId);
    return k === undefined ? [] : [reg.compSystem[k]!];
  }
  if (f.systemId !== undefined) { const s = reg.system(f.systemId); return s === undefined ? [] : [s]; }
  if (f.siteId !== undefined) return reg.siteSystems.get(f.siteId) ?? [];
  if (f.cveId !== undefined) {
    const slot = t.cves.slotOf(f.cveId);
    if (slot === undefined) return [];
    const out = new Set<number>();
    for (const x of t.ids.all) if (t.ids.touches(x, slot)) for (const c of x.components) out.add(reg.compSystem[c]!);
    for (const p of t.profiles.bySlot.get(slot) ?? []) for (const s of t.profiles.all[p]!.systems) out.add(s);
    return out;
  }
  if (f.orgId !== undefined) return reg.orgSystems[reg.orgIndex(f.orgId)] ?? [];
  if (f.orgIds) {
    const out: number[] = [];
    for (const o of f.orgIds) for (const s of reg.orgSystems[reg.orgIndex(o)] ?? []) out.push(s);
    return out;
  }
  return undefined;
}

/** Visits every finding of the given systems (all live systems when undefined). */
export function walk(t: Tables, systems: Iterable<number> | undefined, visit: FindingVisitor): void {
  const { reg } = t;
  const each = (s: number): void => {
    const x = reg.systems[s]!;
    for (const c of x.comps) {
      const own = t.ids.packed(t.ids.all[reg.compIdentity[c]!]!);
      for (let k = 0; k < own.length; k += 3) visit(s, c, own[k]!, own[k + 1]!, own[k + 2]!);
    }
    if (x.profile < 0) return;
    t.profiles.each(t.profiles.all[x.profile]!, (pos, slot, pk, st) => visit(s, x.comps[pos]!, slot, pk, st));
  };
  if (systems) { for (const s of systems) each(s); return; }
  for (let s = 0; s < reg.systems.length; s++) if (reg.system(reg.systems[s]!.id) === s) each(s);
}

// --- ranking --------------------------------------------------------------------------------------

/** Outcome index by [exploitation][exposure][automatable][human impact], from the decision table. */
const OUTCOME_AT: number[] = [];
for (const e of EXPLOITATIONS) for (const x of EXPOSURES) for (const a of AUTOMATABLES) for (const h of HUMAN_IMPACTS) {
  OUTCOME_AT.push(OUTCOMES.indexOf(decide({ exploitation: e, exposure: x, automatable: a, humanImpact: h })));
}
const ZONE_EXPOSURE_AT = new Map<string | null, number>(
  [...NETWORK_ZONES, null].map((z) => [z, EXPOSURES.indexOf(exposureOf(false, z).value)]),
);
const OPEN = EXPOSURES.indexOf('open');

export interface SystemRank { readonly exposure: number; readonly human: number; readonly sectorBit: number; readonly criticality: number }

export function systemRank(x: SystemFacts): SystemRank {
  return {
    exposure: ZONE_EXPOSURE_AT.get(x.zone)!, human: HUMAN_IMPACTS.indexOf(humanImpactOf(x.criticality, x.sector).value),
    sectorBit: sectorBit(x.sector), criticality: x.criticality,
  };
}

/**
 * The ranking score: larger is more urgent, in compareByPriority's order — outcome (after the threat bump),
 * threat context, EPSS (to 1e-6), criticality.
 */
export function scoreOf(t: Tables, slot: number, r: SystemRank, exposed: boolean): number {
  const c = t.cves.slots[slot]!;
  const exposure = exposed ? OPEN : r.exposure;
  let o = OUTCOME_AT[((c.exploitation * 3 + exposure) * 2 + c.automatable) * 4 + r.human]!;
  const threat = (c.threatMask & r.sectorBit) !== 0 ? 1 : 0;
  if (threat && o < 3) o++;
  return (o * 2 + threat) * 1e8 + Math.round(c.epssP * 1e6) * 10 + r.criticality;
}

export const outcomeOfScore = (score: number): number => Math.floor(score / 2e8);
