/** Small hand-made registers for the cascade engine's tests: concise builders of records. */
import type { AssetRecord, Criticality, DependencyRecord, RegionCode, Service } from '../register/model.js';

export function asset(id: string, o: Partial<AssetRecord> = {}): AssetRecord {
  return {
    id, kind: 'site', orgId: 'org', name: id, sector: 'energy', subSector: null, siteId: null, region: 'UKI',
    lat: null, lon: null, criticality: 3 as Criticality, essentialService: null, populationServed: 0,
    systemType: null, function: null, networkZone: null, ...o,
  };
}

let seq = 0;
/** provider → dependent, full share, no delay unless given. */
export function dep(provider: string, dependent: string, o: Partial<DependencyRecord> & { service?: Service } = {}): DependencyRecord {
  return {
    id: o.id ?? `${provider}>${dependent}#${seq++}`, dependentId: dependent, providerId: provider, type: 'physical', service: 'power',
    timeToImpactHours: 0, backupKind: 'none', backupHours: 0, backupHoursLow: null, backupHoursHigh: null, shareLost: 1,
    recoveryHours: 0, alternateGroup: null, failureProbability: 1, ...o,
  };
}

export function located(id: string, lat: number, lon: number, region: RegionCode = 'UKI', o: Partial<AssetRecord> = {}): AssetRecord {
  return asset(id, { lat, lon, region, ...o });
}
