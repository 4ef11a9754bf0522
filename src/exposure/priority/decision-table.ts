/**
 * The deployer decision table of Bulwark's prioritisation, in the spirit of CERT/CC's SSVC deployer
 * tree ("Deployer Patch Application Priority" 1.0.0: Exploitation × System Exposure × Automatable ×
 * Human Impact → Defer / Scheduled / Out-of-cycle / Immediate). The 72 rows are written here as data:
 * one string per (exploitation, exposure, automatable), one letter per human impact low → very high.
 * The outcomes equal SSVC's published table (decision 0006 says why we keep them unchanged).
 */

export const EXPLOITATIONS = ['none', 'poc', 'active'] as const;
export type Exploitation = (typeof EXPLOITATIONS)[number];
export const EXPOSURES = ['small', 'controlled', 'open'] as const;
export type Exposure = (typeof EXPOSURES)[number];
export const AUTOMATABLES = ['no', 'yes'] as const;
export type Automatable = (typeof AUTOMATABLES)[number];
export const HUMAN_IMPACTS = ['low', 'medium', 'high', 'very-high'] as const;
export type HumanImpact = (typeof HUMAN_IMPACTS)[number];
/** Outcomes from the least to the most urgent (their index is their rank). */
export const OUTCOMES = ['defer', 'scheduled', 'out-of-cycle', 'immediate'] as const;
export type PriorityOutcome = (typeof OUTCOMES)[number];

const LETTER: Record<string, PriorityOutcome> = { D: 'defer', S: 'scheduled', O: 'out-of-cycle', I: 'immediate' };

/** `exploitation/exposure/automatable` → outcomes for human impact low, medium, high, very high. */
export const DECISION_TABLE: Readonly<Record<`${Exploitation}/${Exposure}/${Automatable}`, string>> = {
  'none/small/no': 'DDSS',
  'none/small/yes': 'DSSS',
  'none/controlled/no': 'DSSS',
  'none/controlled/yes': 'SSSS',
  'none/open/no': 'DSSS',
  'none/open/yes': 'SSSO',
  'poc/small/no': 'DSSS',
  'poc/small/yes': 'SSSS',
  'poc/controlled/no': 'DSSS',
  'poc/controlled/yes': 'SSSO',
  'poc/open/no': 'SSSO',
  'poc/open/yes': 'SSOO',
  'active/small/no': 'SSOO',
  'active/small/yes': 'SOOO',
  'active/controlled/no': 'SSOO',
  'active/controlled/yes': 'OOOO',
  'active/open/no': 'SOOI',
  'active/open/yes': 'OOII',
};

export interface DecisionInputs {
  readonly exploitation: Exploitation;
  readonly exposure: Exposure;
  readonly automatable: Automatable;
  readonly humanImpact: HumanImpact;
}

/** The table's outcome for one combination of the four decision points. */
export function decide(d: DecisionInputs): PriorityOutcome {
  const row = DECISION_TABLE[`${d.exploitation}/${d.exposure}/${d.automatable}`];
  return LETTER[row[HUMAN_IMPACTS.indexOf(d.humanImpact)]!]!;
}

/** The outcome one step more urgent (immediate stays immediate). */
export function raiseOneStep(o: PriorityOutcome): PriorityOutcome {
  return OUTCOMES[Math.min(OUTCOMES.indexOf(o) + 1, OUTCOMES.length - 1)]!;
}

export const outcomeRank = (o: PriorityOutcome): number => OUTCOMES.indexOf(o);
