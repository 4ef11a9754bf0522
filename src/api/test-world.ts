/**
 * The intelligence seeded into every API test server: objects at each TLP level and classification,
 * relationships and sightings linking visible and hidden objects, a report whose refs include hidden
 * objects, labelled / attributed objects, a multi-version object, a revoked one; plus, per reader, the
 * ids that reader must never see (written out by hand from the rules, not computed by the policy).
 */
import { indicator, intrusionSet, malware, relationship, uuid, T0 } from '../intel/test-fixtures.js';
import { TLP2_MARKING_IDS, CLASSIFICATION_MARKING_IDS, type Tlp, type Classification } from '../stix/markings.js';
import type { StixObject } from '../stix/types.js';

export const T1 = '2025-02-01T00:00:00.000Z';
export const T2 = '2025-03-01T00:00:00.000Z';

function marks(tlp?: Tlp, classification?: Classification): string[] {
  const refs: string[] = [];
  if (tlp) refs.push(TLP2_MARKING_IDS[tlp]);
  if (classification) refs.push(CLASSIFICATION_MARKING_IDS[classification]);
  return refs;
}

function identity(n: number, name: string, refs: string[]): StixObject {
  return {
    type: 'identity', spec_version: '2.1', id: `identity--${uuid(n)}`, created: T0, modified: T0,
    name, identity_class: 'organization', object_marking_refs: refs,
  };
}

function sighting(n: number, of: string, where: string[], refs: string[]): StixObject {
  return {
    type: 'sighting', spec_version: '2.1', id: `sighting--${uuid(n)}`, created: T0, modified: T0,
    sighting_of_ref: of, where_sighted_refs: where, count: 3, object_marking_refs: refs,
  };
}

// --- identities ------------------------------------------------------------------------------------
export const identAuthority = identity(1, 'Authority threat desk', marks('GREEN'));
export const identNorthgrid = identity(2, 'Northgrid security operations', marks('GREEN'));
/** A TOP SECRET identity: the creator of hidden (and of some visible) intelligence. */
export const identHidden = identity(3, 'Obsidianreach desk', marks('GREEN', 'TOP SECRET'));

// --- the hidden ones (for someone) ---------------------------------------------------------------
export const secretMalware = malware(101, {
  name: 'Zephyrwhisk loader', description: 'Kestrelvault implant staged on pumping stations', labels: ['crown-jewel'],
  created_by_ref: identAuthority.id,
}, { tlp: 'GREEN', classification: 'SECRET' });
export const tsIntrusionSet = intrusionSet(102, {
  name: 'Quillfrost Collective', description: 'Ravenmoor operators pre-positioned in grid control', labels: ['ts-only'],
  created_by_ref: identHidden.id,
}, { tlp: 'GREEN', classification: 'TOP SECRET' });
/** TLP:RED, produced by authority, shared with nobody else. */
export const redIndicator = indicator(103, { name: 'Marblequake beacon', description: 'Thornbury relay', labels: ['red-only'] }, { tlp: 'RED' });
/** TLP:AMBER+STRICT, produced by authority. */
export const strictMalware = malware(104, { name: 'Gorsewind dropper', description: 'Lanternfish stage two', labels: ['strict-only'] }, { tlp: 'AMBER+STRICT' });

// --- visible to every reader ------------------------------------------------------------------------
export const greenIndicator = indicator(105, {
  name: 'Harbour sensor address', description: 'Beacon seen at the harbour water treatment works', labels: ['public-label', 'water'],
  created_by_ref: identAuthority.id,
}, { tlp: 'GREEN', classification: 'OFFICIAL' });
/** TLP:AMBER: visible to all, but its reads are audited. */
export const amberMalware = malware(106, { name: 'Tidewater worm', description: 'Spreads across treatment works', labels: ['water'] }, { tlp: 'AMBER' });
/** Visible, but created by the hidden identity: its created_by_ref is redacted for those below TOP SECRET. */
export const greenIntrusionSet = intrusionSet(107, { name: 'Coastal Group', created_by_ref: identHidden.id }, { tlp: 'GREEN' });
/** Three versions, all TLP:GREEN. */
export const multiVersion = [
  malware(108, { name: 'Cinder sample one' }, { tlp: 'GREEN' }),
  malware(108, { name: 'Cinder sample two', modified: T1 }, { tlp: 'GREEN' }),
  malware(108, { name: 'Cinder sample three', modified: T2 }, { tlp: 'GREEN' }),
];
/** Stored, then revoked through the service. */
export const toRevoke = malware(109, { name: 'Withdrawn sample' }, { tlp: 'GREEN' });
/** TLP:RED produced by authority and shared with northgrid. */
export const sharedRed = indicator(110, { name: 'Shared red beacon' }, { tlp: 'RED' });
/** Upgraded: v1 OFFICIAL, latest SECRET (the whole object is hidden below SECRET). */
export const upgraded = [
  malware(111, { name: 'Pelicanstone early' }, { tlp: 'GREEN' }),
  malware(111, { name: 'Ironveil implant', modified: T1 }, { tlp: 'GREEN', classification: 'SECRET' }),
];
/** Downgraded: v1 SECRET, latest OFFICIAL (readers below SECRET see only the latest version). */
export const downgraded = [
  malware(112, { name: 'Saltmarsh secret draft' }, { tlp: 'GREEN', classification: 'SECRET' }),
  malware(112, { name: 'Saltmarsh public', modified: T1 }, { tlp: 'GREEN' }),
];

// --- links ----------------------------------------------------------------------------------------
export const relVisToSecret = relationship(201, 'uses', greenIntrusionSet.id, secretMalware.id, {}, { tlp: 'GREEN' });
export const relTsToVis = relationship(202, 'uses', tsIntrusionSet.id, amberMalware.id, {}, { tlp: 'GREEN' });
export const relRedToVis = relationship(203, 'indicates', redIndicator.id, greenIntrusionSet.id, {}, { tlp: 'GREEN' });
export const relStrictToVis = relationship(204, 'targets', strictMalware.id, identNorthgrid.id, {}, { tlp: 'GREEN' });
export const relVisible = relationship(205, 'indicates', greenIndicator.id, greenIntrusionSet.id, {}, { tlp: 'GREEN' });
/** A SECRET relationship between two visible objects. */
export const relSecret = relationship(206, 'indicates', greenIndicator.id, amberMalware.id, {}, { tlp: 'GREEN', classification: 'SECRET' });
export const relVisible2 = relationship(207, 'uses', greenIntrusionSet.id, amberMalware.id, {}, { tlp: 'GREEN' });

export const report: StixObject = {
  type: 'report', spec_version: '2.1', id: `report--${uuid(301)}`, created: T0, modified: T0,
  name: 'Weekly water sector summary', published: T0, report_types: ['threat-report'], created_by_ref: identAuthority.id,
  object_refs: [greenIndicator.id, secretMalware.id, tsIntrusionSet.id, redIndicator.id, strictMalware.id, relVisToSecret.id, relVisible.id, identHidden.id],
  object_marking_refs: marks('GREEN'),
};
/** Sighting of a SECRET object (hidden below SECRET). */
export const sightingHidden = sighting(401, secretMalware.id, [identNorthgrid.id], marks('GREEN'));
/** Sighting of a visible object, at a visible and at a hidden identity. */
export const sightingVisible = sighting(402, greenIndicator.id, [identNorthgrid.id, identHidden.id], marks('GREEN'));

/** What the seeding stores, in order, with the sharing list for TLP:RED. All produced by authority. */
export const SEED: { obj: StixObject; shareWith?: string[] }[] = [
  identAuthority, identNorthgrid, identHidden, secretMalware, tsIntrusionSet, { obj: redIndicator, shareWith: [] },
  strictMalware, greenIndicator, amberMalware, greenIntrusionSet, ...multiVersion, toRevoke, { obj: sharedRed, shareWith: ['northgrid'] },
  ...upgraded, ...downgraded,
  relVisToSecret, relTsToVis, relRedToVis, relStrictToVis, relVisible, relSecret, relVisible2, report, sightingHidden, sightingVisible,
].map((x): { obj: StixObject; shareWith?: string[] } => (!('type' in x) ? (x as unknown as { obj: StixObject; shareWith?: string[] }) : { obj: x as StixObject }));

// --- who may not see what -------------------------------------------------------------------------
const HIDDEN_BY_CLEARANCE: Record<'OFFICIAL' | 'SECRET' | 'TOP SECRET', string[]> = {
  OFFICIAL: [
    secretMalware.id, tsIntrusionSet.id, identHidden.id, upgraded[0]!.id,
    relVisToSecret.id, relTsToVis.id, relSecret.id, sightingHidden.id,
  ],
  SECRET: [tsIntrusionSet.id, identHidden.id, relTsToVis.id],
  'TOP SECRET': [],
};
const HIDDEN_BY_ORG: Record<'authority' | 'northgrid', string[]> = {
  authority: [],
  northgrid: [redIndicator.id, strictMalware.id, relRedToVis.id, relStrictToVis.id],
};

/** The ids a reader of this organisation and clearance must never see, nor learn of. */
export function hiddenFor(orgId: 'authority' | 'northgrid', clearance: 'OFFICIAL' | 'SECRET' | 'TOP SECRET'): string[] {
  return [...new Set([...HIDDEN_BY_CLEARANCE[clearance], ...HIDDEN_BY_ORG[orgId]])];
}

/** Every id seeded (latest versions), revoked one included. */
export const ALL_IDS = [...new Set(SEED.map((s) => s.obj.id))];

/** Words that occur only in the names / descriptions of the object given. */
export const SECRET_WORDS: { id: string; words: string[] }[] = [
  { id: secretMalware.id, words: ['Zephyrwhisk', 'Kestrelvault'] },
  { id: tsIntrusionSet.id, words: ['Quillfrost', 'Ravenmoor'] },
  { id: redIndicator.id, words: ['Marblequake', 'Thornbury'] },
  { id: strictMalware.id, words: ['Gorsewind', 'Lanternfish'] },
  { id: identHidden.id, words: ['Obsidianreach'] },
  { id: upgraded[0]!.id, words: ['Ironveil'] },
];
