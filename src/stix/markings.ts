/**
 * Well-known STIX marking definitions: Traffic Light Protocol (TLP 2.0 and the STIX 2.1 TLP 1.0 objects) and
 * Bulwark's UK Government Security Classification markings.
 *
 * TLP 2.0 objects are exactly as OASIS publishes them (cti-stix-common-objects,
 * extension-definition-specifications/tlp-2.0): property-extension `extension-definition--60a3c5c5-…` with a
 * `tlp_2_0` value. TLP 1.0 objects are the four defined in STIX 2.1 §7.2.1.4; TLP:WHITE reads as CLEAR.
 *
 * Classification markings are statement markings with fixed ids:
 *   namespace = UUIDv5(NAMESPACE_URL 6ba7b811-9dad-11d1-80b4-00c04fd430c8, "urn:bulwark:stix:marking-definition")
 *             = 2e83f898-771d-5762-85a8-c74a4fdc7516
 *   id(level) = "marking-definition--" + UUIDv5(namespace, "classification:" + level), level e.g. "TOP SECRET"
 * The ids are written out below and a test re-derives them, so they can never drift.
 */
import type { StixObject } from './types.js';

// ---------------------------------------------------------------- TLP

export type Tlp = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED';

/** Least to most restrictive. */
export const TLP_ORDER: readonly Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];

export function isTlp(value: unknown): value is Tlp {
  return typeof value === 'string' && (TLP_ORDER as readonly string[]).includes(value);
}

/** 0 for CLEAR up to 4 for RED. */
export function tlpRank(tlp: Tlp): number {
  return TLP_ORDER.indexOf(tlp);
}

/** Sort comparator, least restrictive first (negative when a is less restrictive than b). */
export function compareTlp(a: Tlp, b: Tlp): number {
  return tlpRank(a) - tlpRank(b);
}

/** The most restrictive of the given levels (undefined entries ignored), or undefined if there are none. */
export function mostRestrictiveTlp(levels: Iterable<Tlp | undefined>): Tlp | undefined {
  let best: Tlp | undefined;
  for (const t of levels) if (t !== undefined && (best === undefined || tlpRank(t) > tlpRank(best))) best = t;
  return best;
}

export const TLP2_EXTENSION_DEFINITION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/**
 * The TLP 2.0 extension-definition as OASIS publishes it. Its creator identity (CISA,
 * identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01) is not published with it.
 */
export const TLP2_EXTENSION_DEFINITION: Readonly<StixObject> = deepFreeze<StixObject>({
  type: 'extension-definition',
  spec_version: '2.1',
  id: TLP2_EXTENSION_DEFINITION_ID,
  name: 'TLP 2.0',
  description: 'This defines TLP 2.0 as a STIX extension',
  created: '2022-10-01T00:00:00.000Z',
  modified: '2022-10-01T00:00:00.000Z',
  created_by_ref: 'identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01',
  schema:
    'https://github.com/oasis-open/cti-stix-common-objects/tree/master/extension-definition-specifications/tlp-2.0',
  version: '1.0.0',
  extension_types: ['property-extension'],
});

export const TLP2_MARKING_IDS: Readonly<Record<Tlp, string>> = Object.freeze({
  CLEAR: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  GREEN: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  AMBER: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  RED: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function tlp2Marking(tlp: Tlp): StixObject {
  return deepFreeze({
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_MARKING_IDS[tlp],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${tlp}`,
    extensions: {
      [TLP2_EXTENSION_DEFINITION_ID]: { extension_type: 'property-extension', tlp_2_0: tlp.toLowerCase() },
    },
  });
}

/** The five TLP 2.0 marking-definition objects, ready for seeding. Frozen: clone before changing. */
export const TLP2_MARKING_DEFINITIONS: Readonly<Record<Tlp, Readonly<StixObject>>> = Object.freeze({
  CLEAR: tlp2Marking('CLEAR'),
  GREEN: tlp2Marking('GREEN'),
  AMBER: tlp2Marking('AMBER'),
  'AMBER+STRICT': tlp2Marking('AMBER+STRICT'),
  RED: tlp2Marking('RED'),
});

export type Tlp1 = 'WHITE' | 'GREEN' | 'AMBER' | 'RED';

export const TLP1_MARKING_IDS: Readonly<Record<Tlp1, string>> = Object.freeze({
  WHITE: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  GREEN: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  AMBER: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  RED: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
});

/** TLP 1.0 level to its TLP 2.0 reading (WHITE became CLEAR). */
export const TLP1_TO_TLP: Readonly<Record<Tlp1, Tlp>> = Object.freeze({
  WHITE: 'CLEAR',
  GREEN: 'GREEN',
  AMBER: 'AMBER',
  RED: 'RED',
});

function tlp1Marking(level: Tlp1): StixObject {
  return deepFreeze({
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP1_MARKING_IDS[level],
    created: '2017-01-20T00:00:00.000Z',
    definition_type: 'tlp',
    name: `TLP:${level}`,
    definition: { tlp: level.toLowerCase() },
  });
}

/** The four STIX 2.1 TLP 1.0 marking-definition objects (§7.2.1.4). Frozen. */
export const TLP1_MARKING_DEFINITIONS: Readonly<Record<Tlp1, Readonly<StixObject>>> = Object.freeze({
  WHITE: tlp1Marking('WHITE'),
  GREEN: tlp1Marking('GREEN'),
  AMBER: tlp1Marking('AMBER'),
  RED: tlp1Marking('RED'),
});

const TLP_BY_REF = new Map<string, Tlp>([
  ...(Object.entries(TLP2_MARKING_IDS) as [Tlp, string][]).map(([tlp, id]) => [id, tlp] as const),
  ...(Object.entries(TLP1_MARKING_IDS) as [Tlp1, string][]).map(([l, id]) => [id, TLP1_TO_TLP[l]] as const),
]);

/** The TLP level a marking ref stands for (TLP 2.0 or 1.0 ids), or undefined for any other marking. */
export function tlpOfMarkingRef(id: string): Tlp | undefined {
  return TLP_BY_REF.get(id);
}

/** The TLP 2.0 marking-definition id for a level. */
export function markingRefOfTlp(tlp: Tlp): string {
  return TLP2_MARKING_IDS[tlp];
}

/** The TLP 1.0 marking-definition id for a level, where TLP 1.0 has one (not AMBER+STRICT). */
export function tlp1MarkingRefOf(tlp: Tlp): string | undefined {
  switch (tlp) {
    case 'CLEAR':
      return TLP1_MARKING_IDS.WHITE;
    case 'AMBER+STRICT':
      return undefined;
    default:
      return TLP1_MARKING_IDS[tlp];
  }
}

// ---------------------------------------------------------------- UK classification

export type Classification = 'OFFICIAL' | 'SECRET' | 'TOP SECRET';

/** Lowest to highest; a classification's rank is its index (0 OFFICIAL, 1 SECRET, 2 TOP SECRET). */
export const CLASSIFICATION_ORDER: readonly Classification[] = ['OFFICIAL', 'SECRET', 'TOP SECRET'];

/** UUIDv5 namespace of Bulwark's own marking-definition ids (derivation in the module comment). */
export const BULWARK_MARKING_NAMESPACE = '2e83f898-771d-5762-85a8-c74a4fdc7516';

export const CLASSIFICATION_MARKING_IDS: Readonly<Record<Classification, string>> = Object.freeze({
  OFFICIAL: 'marking-definition--60ce9415-459e-52a7-8ae5-b3f454d46d37',
  SECRET: 'marking-definition--164095d3-c233-547d-bc49-3fa84de6b225',
  'TOP SECRET': 'marking-definition--ae8031e5-84f0-57db-89e1-aaf4f64622aa',
});

function classificationMarking(level: Classification): StixObject {
  return deepFreeze({
    type: 'marking-definition',
    spec_version: '2.1',
    id: CLASSIFICATION_MARKING_IDS[level],
    created: '2025-01-01T00:00:00.000Z',
    name: `UK ${level}`,
    definition_type: 'statement',
    definition: { statement: level },
  });
}

/** Statement marking-definitions for the UK Government Security Classifications, ready for seeding. Frozen. */
export const CLASSIFICATION_MARKING_DEFINITIONS: Readonly<Record<Classification, Readonly<StixObject>>> = Object.freeze({
  OFFICIAL: classificationMarking('OFFICIAL'),
  SECRET: classificationMarking('SECRET'),
  'TOP SECRET': classificationMarking('TOP SECRET'),
});

export function classificationRank(c: Classification): number {
  return CLASSIFICATION_ORDER.indexOf(c);
}

const CLASSIFICATION_BY_REF = new Map<string, Classification>(
  (Object.entries(CLASSIFICATION_MARKING_IDS) as [Classification, string][]).map(([c, id]) => [id, c]),
);

/** The classification a marking ref stands for, as its rank (0 OFFICIAL, 1 SECRET, 2 TOP SECRET). */
export function classificationOfMarkingRef(id: string): number | undefined {
  const c = CLASSIFICATION_BY_REF.get(id);
  return c === undefined ? undefined : classificationRank(c);
}

/** The classification a marking ref stands for, by name. */
export function classificationNameOfMarkingRef(id: string): Classification | undefined {
  return CLASSIFICATION_BY_REF.get(id);
}

export function markingRefOfClassification(c: Classification): string {
  return CLASSIFICATION_MARKING_IDS[c];
}

// ---------------------------------------------------------------- all

/** Every marking-definition (and the TLP 2.0 extension-definition) a Bulwark store is seeded with. */
export function wellKnownMarkingObjects(): StixObject[] {
  const all = [
    TLP2_EXTENSION_DEFINITION,
    ...Object.values(TLP2_MARKING_DEFINITIONS),
    ...Object.values(TLP1_MARKING_DEFINITIONS),
    ...Object.values(CLASSIFICATION_MARKING_DEFINITIONS),
  ];
  return all.map((o) => structuredClone(o) as StixObject);
}

const WELL_KNOWN_BY_ID = new Map<string, Readonly<StixObject>>(
  [
    ...Object.values(TLP2_MARKING_DEFINITIONS),
    ...Object.values(TLP1_MARKING_DEFINITIONS),
    ...Object.values(CLASSIFICATION_MARKING_DEFINITIONS),
  ].map((o) => [o.id, o]),
);

/** The canonical object for a well-known marking id (to check an incoming copy against), or undefined. */
export function wellKnownMarkingDefinition(id: string): Readonly<StixObject> | undefined {
  return WELL_KNOWN_BY_ID.get(id);
}
