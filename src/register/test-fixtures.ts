/**
 * A small, realistic register for tests: two operators (Northgrid, an electricity distributor;
 * Aquaflow, a water company), their sites and systems, components, and dependencies across them
 * (the treatment works is fed by either of two substations; the grid's SCADA needs telecoms and
 * the works' cooling water). As CSV texts (one per record type) and as JSON records.
 */
import { fieldsOf, type RecordType } from './fields.js';

export const ORGS = [
  { id: 'northgrid', name: 'Northgrid Energy', sector: 'energy', identityRef: 'identity--00000000-0000-4000-8000-000000000002' },
  { id: 'aquaflow', name: 'Aquaflow Water', sector: 'water', identityRef: null },
];

export const SITES = [
  { id: 'ng-sub-1', orgId: 'northgrid', name: 'Haughton primary substation', sector: 'energy', subSector: 'electricity', region: 'UKC', lat: 54.97, lon: -1.61, criticality: 4, essentialService: 'electricity distribution', populationServed: 120000 },
  { id: 'ng-sub-2', orgId: 'northgrid', name: 'Felling grid substation', sector: 'energy', subSector: 'electricity', region: 'UKC', lat: 54.95, lon: -1.57, criticality: 3, essentialService: 'electricity distribution', populationServed: 80000 },
  { id: 'aq-works', orgId: 'aquaflow', name: 'Riverside water treatment works', sector: 'water', subSector: 'treatment', region: 'UKC', lat: 54.99, lon: -1.7, criticality: 5, essentialService: 'drinking water', populationServed: 250000 },
];

export const SYSTEMS = [
  { id: 'ng-scada', orgId: 'northgrid', name: 'Distribution SCADA', sector: 'energy', subSector: 'electricity', siteId: 'ng-sub-1', region: 'UKC', criticality: 4, essentialService: 'grid control', populationServed: 200000, systemType: 'OT', function: 'SCADA', networkZone: 'control' },
  { id: 'aq-plc', orgId: 'aquaflow', name: 'Dosing control PLC', sector: 'water', subSector: 'treatment', siteId: 'aq-works', criticality: 5, systemType: 'OT', function: 'chemical dosing', networkZone: 'control' },
];

export const COMPONENTS = [
  { id: 'ng-scada-hmi', systemId: 'ng-scada', name: 'WinCC OA', cpe: 'cpe:2.3:a:siemens:simatic_wincc_oa:3.18:*:*:*:*:*:*:*', vendor: 'Siemens', product: 'SIMATIC WinCC OA', version: '3.18', internetExposed: false },
  { id: 'ng-scada-rtu', systemId: 'ng-scada', name: 'RTU560', vendor: 'Hitachi Energy', product: 'RTU560', version: '13.2.1', internetExposed: true },
  { id: 'aq-plc-cpu', systemId: 'aq-plc', name: 'Modicon M340', cpe: 'cpe:2.3:h:schneider-electric:modicon_m340:-:*:*:*:*:*:*:*', vendor: 'Schneider Electric', product: 'Modicon M340', version: '3.40' },
];

export const DEPENDENCIES = [
  { id: 'dep-aq-power-1', dependentId: 'aq-works', providerId: 'ng-sub-1', type: 'physical', service: 'power', timeToImpactHours: 0, backupKind: 'generator', backupHours: 24, backupHoursLow: 12, backupHoursHigh: 48, shareLost: 1, recoveryHours: 2, alternateGroup: 'feed', failureProbability: 1 },
  { id: 'dep-aq-power-2', dependentId: 'aq-works', providerId: 'ng-sub-2', type: 'physical', service: 'power', timeToImpactHours: 0, backupKind: 'generator', backupHours: 24, alternateGroup: 'feed' },
  { id: 'dep-ng-scada-water', dependentId: 'ng-scada', providerId: 'aq-works', type: 'physical', service: 'cooling', timeToImpactHours: 6, shareLost: 0.5, recoveryHours: 1, failureProbability: 0.7 },
  { id: 'dep-ng-sub2-sub1', dependentId: 'ng-sub-2', providerId: 'ng-sub-1', type: 'cyber', service: 'data', timeToImpactHours: 1 },
];

/** The records of a type as CSV: header of every column of the type, values in field order. */
export function toCsv(t: RecordType, records: Record<string, unknown>[]): string {
  const fs = fieldsOf(t);
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [fs.map((f) => f.csv).join(','), ...records.map((r) => fs.map((f) => cell(r[f.key])).join(','))].join('\n') + '\n';
}

/** Every fixture record as JSON lines with its recordType. */
export function allJsonLines(): string {
  const tag = (recordType: string, rs: object[]) => rs.map((r) => JSON.stringify({ recordType, ...r }));
  return [...tag('organisation', ORGS), ...tag('site', SITES), ...tag('system', SYSTEMS), ...tag('component', COMPONENTS), ...tag('dependency', DEPENDENCIES)].join('\n') + '\n';
}
