/**
 * The marking mix of generated intel: TLP 2.0 plus UK government classification, in realistic proportions.
 * Reference data (ATT&CK, CVEs, places, sectors) is TLP:CLEAR / OFFICIAL; operational intel is mostly
 * TLP:GREEN or AMBER at OFFICIAL, some SECRET (then AMBER+STRICT or RED), very little TOP SECRET (always RED).
 */
import {
  CLASSIFICATION_MARKING_DEFINITIONS,
  CLASSIFICATION_MARKING_IDS,
  TLP2_MARKING_DEFINITIONS,
  TLP2_MARKING_IDS,
} from '../stix/markings.js';
import type { StixObject } from '../stix/types.js';
import type { Prng } from './prng.js';

/**
 * Marking-definition objects a stream may start with, so that it is self-contained: the five TLP 2.0 definitions
 * (exactly as OASIS publishes them) and Bulwark's three UK classification statement markings. Fresh copies.
 */
export function markingDefinitions(): StixObject[] {
  return [...Object.values(TLP2_MARKING_DEFINITIONS), ...Object.values(CLASSIFICATION_MARKING_DEFINITIONS)].map(
    (o) => structuredClone(o) as StixObject,
  );
}

const CLEAR = TLP2_MARKING_IDS.CLEAR;
const GREEN = TLP2_MARKING_IDS.GREEN;
const AMBER = TLP2_MARKING_IDS.AMBER;
const AMBER_STRICT = TLP2_MARKING_IDS['AMBER+STRICT'];
const RED = TLP2_MARKING_IDS.RED;
const OFFICIAL = CLASSIFICATION_MARKING_IDS.OFFICIAL;
const SECRET = CLASSIFICATION_MARKING_IDS.SECRET;
const TOP_SECRET = CLASSIFICATION_MARKING_IDS['TOP SECRET'];

/** object_marking_refs for one object (a fresh array each call). */
export function pickMarkings(rng: Prng, publicData = false): string[] {
  if (publicData) return [CLEAR, OFFICIAL];
  const x = rng.float();
  if (x < 0.015) return [RED, TOP_SECRET];
  if (x < 0.085) return [rng.chance(0.6) ? AMBER_STRICT : RED, SECRET];
  const y = rng.float();
  const tlp = y < 0.14 ? CLEAR : y < 0.56 ? GREEN : y < 0.87 ? AMBER : y < 0.96 ? AMBER_STRICT : RED;
  return [tlp, OFFICIAL];
}
