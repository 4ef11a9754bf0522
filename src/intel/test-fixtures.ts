/** Small, valid STIX 2.1 objects for tests, built by hand (never from shared data). */
import { TLP2_MARKING_IDS, CLASSIFICATION_MARKING_IDS, type Tlp, type Classification } from '../stix/markings.js';
import type { StixObject } from '../stix/types.js';

export const T0 = '2025-01-01T00:00:00.000Z';

export function uuid(n: number): string {
  const h = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${h}`;
}

export interface Marks {
  tlp?: Tlp;
  classification?: Classification;
}

function markings(m: Marks | undefined): { object_marking_refs?: string[] } {
  const refs: string[] = [];
  if (m?.tlp) refs.push(TLP2_MARKING_IDS[m.tlp]);
  if (m?.classification) refs.push(CLASSIFICATION_MARKING_IDS[m.classification]);
  return refs.length ? { object_marking_refs: refs } : {};
}

export function malware(n: number, extra: Partial<StixObject> = {}, m?: Marks): StixObject {
  return {
    type: 'malware', spec_version: '2.1', id: `malware--${uuid(n)}`, created: T0, modified: T0,
    name: `Malware ${n}`, description: `Implant number ${n} used against water treatment controllers`, is_family: true,
    ...markings(m), ...extra,
  };
}

export function intrusionSet(n: number, extra: Partial<StixObject> = {}, m?: Marks): StixObject {
  return {
    type: 'intrusion-set', spec_version: '2.1', id: `intrusion-set--${uuid(n)}`, created: T0, modified: T0,
    name: `Group ${n}`, description: 'Hostile state actor pre-positioning in energy networks', ...markings(m), ...extra,
  };
}

export function indicator(n: number, extra: Partial<StixObject> = {}, m?: Marks): StixObject {
  return {
    type: 'indicator', spec_version: '2.1', id: `indicator--${uuid(n)}`, created: T0, modified: T0,
    name: `C2 address ${n}`, pattern: `[ipv4-addr:value = '198.51.100.${n % 250}']`, pattern_type: 'stix', valid_from: T0,
    indicator_types: ['malicious-activity'], ...markings(m), ...extra,
  };
}

export function relationship(n: number, type: string, source: string, target: string, extra: Partial<StixObject> = {}, m?: Marks): StixObject {
  return {
    type: 'relationship', spec_version: '2.1', id: `relationship--${uuid(n)}`, created: T0, modified: T0,
    relationship_type: type, source_ref: source, target_ref: target, ...markings(m), ...extra,
  };
}

export function bundle(objects: StixObject[]): string {
  return JSON.stringify({ type: 'bundle', id: `bundle--${uuid(999999)}`, objects });
}
