/**
 * How Bulwark's facts become the decision points of the table: exposure from the component's
 * internet-exposure flag and the system's network zone, human impact from criticality (CAT 0–5) and
 * sector, automatable from a CVSS vector, exploitation from KEV, intelligence sightings and exploit
 * references. Every mapping is data; each function returns the value with the sentence that explains it.
 */
import type { Criticality, NetworkZone, SectorCode } from '../../register/model.js';
import type { Automatable, Exploitation, Exposure, HumanImpact } from './decision-table.js';
import { HUMAN_IMPACTS } from './decision-table.js';

export interface Mapped<T> {
  readonly value: T;
  readonly reason: string;
}

/** Network zone → exposure. A component flagged internet-exposed is always open. */
export const ZONE_EXPOSURE: Readonly<Record<NetworkZone, Exposure>> = {
  internet: 'open', dmz: 'open', corporate: 'controlled', control: 'small', safety: 'small', isolated: 'small',
};
/** Exposure assumed when the system's zone is not recorded (stated in the reason). */
export const UNKNOWN_ZONE_EXPOSURE: Exposure = 'controlled';

export function exposureOf(internetExposed: boolean, zone: NetworkZone | null): Mapped<Exposure> {
  if (internetExposed) return { value: 'open', reason: 'Internet-facing component: open exposure' };
  if (zone === null) return { value: UNKNOWN_ZONE_EXPOSURE, reason: `Network zone not recorded: ${UNKNOWN_ZONE_EXPOSURE} exposure assumed` };
  const value = ZONE_EXPOSURE[zone];
  return { value, reason: `System in the ${zone} zone: ${value} exposure` };
}

/** Criticality CAT 0–5 → base human impact. */
export const CAT_HUMAN_IMPACT: Readonly<Record<Criticality, HumanImpact>> = {
  0: 'low', 1: 'low', 2: 'medium', 3: 'high', 4: 'high', 5: 'very-high',
};
/** Sectors whose loss endangers life directly: their human impact is one step higher. */
export const SAFETY_OF_LIFE_SECTORS: ReadonlySet<SectorCode> = new Set<SectorCode>(['health', 'civil-nuclear', 'chemicals', 'water', 'energy']);

const IMPACT_TEXT: Record<HumanImpact, string> = { low: 'low', medium: 'medium', high: 'high', 'very-high': 'very high' };
export const humanImpactText = (h: HumanImpact): string => IMPACT_TEXT[h];

export function humanImpactOf(criticality: Criticality, sector: SectorCode): Mapped<HumanImpact> {
  const base = CAT_HUMAN_IMPACT[criticality];
  const raised = SAFETY_OF_LIFE_SECTORS.has(sector);
  const value = raised ? HUMAN_IMPACTS[Math.min(HUMAN_IMPACTS.indexOf(base) + 1, HUMAN_IMPACTS.length - 1)]! : base;
  return { value, reason: `CAT ${criticality} ${sector} asset: ${IMPACT_TEXT[value]} human impact` };
}

/**
 * Automatable from a CVSS v3.x or v4.0 vector: yes when reachable over the network with low complexity,
 * no privileges and no user interaction (AV:N/AC:L/PR:N/UI:N, and AT:N in v4.0). A caller's answer wins.
 */
export function automatableOf(cvssVector: string | null | undefined, given?: boolean): Mapped<Automatable> {
  if (given !== undefined) return { value: given ? 'yes' : 'no', reason: given ? 'Automatable (as assessed)' : 'Not automatable (as assessed)' };
  if (!cvssVector) return { value: 'no', reason: 'Not known to be automatable (no CVSS vector)' };
  const m = new Map(cvssVector.split('/').map((p) => p.split(':') as [string, string]));
  const need: [string, string][] = [['AV', 'N'], ['AC', 'L'], ['PR', 'N'], ['UI', 'N']];
  if (m.has('AT')) need.push(['AT', 'N']);
  const failing = need.filter(([k, v]) => m.get(k) !== v).map(([k]) => `${k}:${m.get(k) ?? '?'}`);
  if (failing.length === 0) return { value: 'yes', reason: `Automatable: ${need.map(([k, v]) => `${k}:${v}`).join('/')}` };
  return { value: 'no', reason: `Not automatable: ${failing.join('/')}` };
}

export interface KevFact {
  readonly dateAdded: string;
  readonly knownRansomwareCampaignUse?: string;
}
export interface Sighting {
  /** Who reported it (an organisation or report name). */
  readonly source: string;
  readonly date?: string;
  readonly exploited: boolean;
}
export interface ExploitationEvidence {
  readonly kev?: KevFact | null;
  readonly sightings?: readonly Sighting[];
  /** NVD reference tags, one array per reference ("Exploit", "Third Party Advisory", …). */
  readonly referenceTags?: readonly (readonly string[])[];
  /** The caller knows of a public proof of concept. */
  readonly publicPoc?: boolean;
}

export function exploitationOf(e: ExploitationEvidence): Mapped<Exploitation> {
  if (e.kev) {
    const ransom = e.kev.knownRansomwareCampaignUse === 'Known' ? '; used in ransomware campaigns' : '';
    return { value: 'active', reason: `Exploited in the wild (CISA KEV, added ${e.kev.dateAdded}${ransom})` };
  }
  const seen = (e.sightings ?? []).find((s) => s.exploited);
  if (seen) return { value: 'active', reason: `Exploited in the wild (sighting by ${seen.source}${seen.date ? `, ${seen.date}` : ''})` };
  const tagged = (e.referenceTags ?? []).filter((tags) => tags.some((t) => t.toLowerCase() === 'exploit')).length;
  if (tagged > 0) return { value: 'poc', reason: `Public proof of concept (${tagged} reference${tagged > 1 ? 's' : ''} tagged Exploit)` };
  if (e.publicPoc) return { value: 'poc', reason: 'Public proof of concept (reported)' };
  return { value: 'none', reason: 'No known exploitation' };
}
