/**
 * Prioritisation of one finding: the four decision points (mapped from Bulwark's facts), the table's
 * outcome, the threat-context bump, a sort key for ranking within an organisation, and the reasons as
 * plain sentences. Pure: the caller gathers the facts (KEV, EPSS, sightings, intrusion sets).
 */
import type { Criticality, NetworkZone, SectorCode } from '../../register/model.js';
import {
  type Automatable, decide, type Exploitation, type Exposure, type HumanImpact, outcomeRank, type PriorityOutcome, raiseOneStep,
} from './decision-table.js';
import { automatableOf, type ExploitationEvidence, exploitationOf, exposureOf, humanImpactOf, humanImpactText } from './mappings.js';

export interface EpssFact {
  /** Probability of exploitation activity in the next 30 days, 0–1. */
  readonly probability: number;
  /** Percentile among all scored CVEs, 0–1. */
  readonly percentile: number;
}

/** An intrusion set or campaign that uses the finding's CVE, with the sectors it is known to target. */
export interface ThreatActor {
  readonly name: string;
  readonly kind: 'intrusion-set' | 'campaign';
  readonly targetsSectors: readonly SectorCode[];
}

export interface PriorityInput {
  readonly cve: string;
  readonly exploitation: ExploitationEvidence;
  readonly internetExposed: boolean;
  readonly networkZone: NetworkZone | null;
  readonly cvssVector?: string | null;
  /** Overrides the CVSS-derived answer. */
  readonly automatable?: boolean;
  readonly criticality: Criticality;
  readonly sector: SectorCode;
  readonly epss?: EpssFact | null;
  /** Intrusion sets and campaigns that use this CVE (whatever they target). */
  readonly usedBy?: readonly ThreatActor[];
}

export interface Priority {
  readonly cve: string;
  readonly outcome: PriorityOutcome;
  /** The table's outcome before the threat-context bump. */
  readonly tableOutcome: PriorityOutcome;
  readonly exploitation: Exploitation;
  readonly exposure: Exposure;
  readonly automatable: Automatable;
  readonly humanImpact: HumanImpact;
  /** Names of the actors using this CVE that target the asset's sector. */
  readonly threatContext: readonly string[];
  /** [outcome rank, threat context 1/0, EPSS probability, criticality]: larger is more urgent, compared left to right. */
  readonly sortKey: readonly [number, number, number, number];
  readonly reasons: readonly string[];
}

const OUTCOME_TEXT: Record<PriorityOutcome, string> = {
  defer: 'defer', scheduled: 'scheduled', 'out-of-cycle': 'out-of-cycle', immediate: 'immediate',
};

function list(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function prioritise(input: PriorityInput): Priority {
  const exploitation = exploitationOf(input.exploitation);
  const exposure = exposureOf(input.internetExposed, input.networkZone);
  const automatable = automatableOf(input.cvssVector, input.automatable);
  const humanImpact = humanImpactOf(input.criticality, input.sector);
  const tableOutcome = decide({
    exploitation: exploitation.value, exposure: exposure.value, automatable: automatable.value, humanImpact: humanImpact.value,
  });
  const reasons = [exploitation.reason, exposure.reason, automatable.reason, humanImpact.reason];
  const targeting = (input.usedBy ?? []).filter((a) => a.targetsSectors.includes(input.sector));
  const threatContext = targeting.map((a) => a.name);
  for (const a of targeting) reasons.push(`Used by ${a.name}, which targets ${input.sector}`);
  let outcome = tableOutcome;
  if (targeting.length > 0) {
    outcome = raiseOneStep(tableOutcome);
    reasons.push(outcome === tableOutcome
      ? `Threat context: already ${OUTCOME_TEXT[outcome]}`
      : `Threat context raises ${OUTCOME_TEXT[tableOutcome]} to ${OUTCOME_TEXT[outcome]}`);
  }
  if (input.epss) {
    reasons.push(`EPSS ${input.epss.probability.toFixed(3)} (percentile ${(input.epss.percentile * 100).toFixed(1)})`);
  }
  reasons.push(`Decision: ${exploitation.value} exploitation, ${exposure.value} exposure, ${automatable.value === 'yes' ? 'automatable' : 'not automatable'}, ${humanImpactText(humanImpact.value)} human impact → ${OUTCOME_TEXT[tableOutcome]}`
    + (outcome !== tableOutcome ? ` (raised to ${OUTCOME_TEXT[outcome]} by ${list(threatContext)})` : ''));
  return {
    cve: input.cve,
    outcome,
    tableOutcome,
    exploitation: exploitation.value,
    exposure: exposure.value,
    automatable: automatable.value,
    humanImpact: humanImpact.value,
    threatContext,
    sortKey: [outcomeRank(outcome), threatContext.length > 0 ? 1 : 0, input.epss?.probability ?? 0, input.criticality],
    reasons,
  };
}

/** Ranking order within an organisation: most urgent first (outcome, threat context, EPSS, criticality), then CVE id. */
export function compareByPriority(a: Pick<Priority, 'sortKey' | 'cve'>, b: Pick<Priority, 'sortKey' | 'cve'>): number {
  for (let i = 0; i < 4; i++) {
    const d = b.sortKey[i]! - a.sortKey[i]!;
    if (d !== 0) return d;
  }
  return a.cve < b.cve ? -1 : a.cve > b.cve ? 1 : 0;
}
