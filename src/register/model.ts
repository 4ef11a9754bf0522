/**
 * The infrastructure register: reference data (sectors, regions, criticality) and the records
 * every other register module shares (organisations, assets, components, dependencies).
 *
 * Vocabulary:
 *  - An **asset** is a site (a place with a location: a substation, a treatment works, an exchange)
 *    or a system (IT or OT, at a site: a SCADA system, a billing platform). Each carries a
 *    criticality category CAT 0–5 (impact of its loss on essential services, economy and life;
 *    CAT 5 the highest) and the service it delivers to how many people.
 *  - A **component** is what a system runs: a CPE 2.3 name, a purl, or vendor/product/version
 *    where neither exists (PLCs, RTUs), with an internet-exposure flag.
 *  - A **dependency** says that `dependentId` needs `service` from `providerId`. The dependencies
 *    of one dependent with the same non-null `alternateGroup` are alternates: that need is lost
 *    only when every one of them is lost (dual feeds). Dependencies in different groups (or with
 *    no group) are all required: losing any one loses that need.
 */

/** The 13 UK CNI sectors plus data infrastructure (designated September 2024). */
export const SECTORS = [
  { code: 'chemicals', name: 'Chemicals', subSectors: ['manufacturing', 'storage', 'distribution'] },
  { code: 'civil-nuclear', name: 'Civil Nuclear', subSectors: ['generation', 'fuel-cycle', 'waste'] },
  { code: 'communications', name: 'Communications', subSectors: ['fixed', 'mobile', 'internet', 'broadcast', 'postal'] },
  { code: 'defence', name: 'Defence', subSectors: ['bases', 'industry'] },
  { code: 'emergency-services', name: 'Emergency Services', subSectors: ['police', 'fire', 'ambulance', 'coastguard'] },
  { code: 'energy', name: 'Energy', subSectors: ['electricity', 'gas', 'fuel'] },
  { code: 'finance', name: 'Finance', subSectors: ['payments', 'banking', 'markets'] },
  { code: 'food', name: 'Food', subSectors: ['production', 'processing', 'distribution', 'retail'] },
  { code: 'government', name: 'Government', subSectors: ['central', 'local', 'devolved'] },
  { code: 'health', name: 'Health', subSectors: ['hospitals', 'ambulance-control', 'supply', 'public-health'] },
  { code: 'space', name: 'Space', subSectors: ['ground-segment', 'positioning-timing'] },
  { code: 'transport', name: 'Transport', subSectors: ['rail', 'road', 'aviation', 'maritime'] },
  { code: 'water', name: 'Water', subSectors: ['supply', 'treatment', 'waste-water'] },
  { code: 'data-infrastructure', name: 'Data Infrastructure', subSectors: ['data-centres', 'cloud'] },
] as const;
export type SectorCode = (typeof SECTORS)[number]['code'];
export const SECTOR_CODES: readonly SectorCode[] = SECTORS.map((s) => s.code);

/** UK regions (ITL1), with a rough bounding box [minLat, minLon, maxLat, maxLon] for generated coordinates. */
export const REGIONS = [
  { code: 'UKC', name: 'North East', box: [54.45, -2.6, 55.8, -1.2] },
  { code: 'UKD', name: 'North West', box: [53.0, -3.4, 55.1, -2.0] },
  { code: 'UKE', name: 'Yorkshire and The Humber', box: [53.3, -2.5, 54.6, -0.1] },
  { code: 'UKF', name: 'East Midlands', box: [52.4, -2.0, 53.6, 0.3] },
  { code: 'UKG', name: 'West Midlands', box: [52.0, -3.2, 53.2, -1.3] },
  { code: 'UKH', name: 'East of England', box: [51.5, -0.7, 52.9, 1.7] },
  { code: 'UKI', name: 'London', box: [51.3, -0.5, 51.7, 0.3] },
  { code: 'UKJ', name: 'South East', box: [50.6, -1.9, 52.1, 1.4] },
  { code: 'UKK', name: 'South West', box: [49.9, -5.7, 52.0, -1.6] },
  { code: 'UKL', name: 'Wales', box: [51.4, -5.3, 53.4, -2.7] },
  { code: 'UKM', name: 'Scotland', box: [54.6, -6.2, 58.7, -1.8] },
  { code: 'UKN', name: 'Northern Ireland', box: [54.0, -8.2, 55.3, -5.4] },
] as const;
export type RegionCode = (typeof REGIONS)[number]['code'];
export const REGION_CODES: readonly RegionCode[] = REGIONS.map((r) => r.code);

export const ASSET_KINDS = ['site', 'system'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

export const SYSTEM_TYPES = ['IT', 'OT'] as const;
export type SystemType = (typeof SYSTEM_TYPES)[number];

/** Where a system sits on the network, from most to least reachable (issue 4 uses it for exposure). */
export const NETWORK_ZONES = ['internet', 'dmz', 'corporate', 'control', 'safety', 'isolated'] as const;
export type NetworkZone = (typeof NETWORK_ZONES)[number];

/** Criticality category: 0 (minor on a national scale) … 5 (national, catastrophic). */
export type Criticality = 0 | 1 | 2 | 3 | 4 | 5;

export const DEPENDENCY_TYPES = ['physical', 'cyber', 'geographic', 'logical'] as const; // Rinaldi et al. 2001
export type DependencyType = (typeof DEPENDENCY_TYPES)[number];

export const SERVICES = [
  'power', 'telecoms', 'water', 'fuel', 'gas', 'transport', 'staff', 'data', 'chemicals', 'cooling', 'finance', 'other',
] as const;
export type Service = (typeof SERVICES)[number];

export const BACKUP_KINDS = ['none', 'generator', 'battery', 'storage', 'alternate-supply', 'manual', 'other'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** Ids of register records: chosen by whoever registers them (imports keep theirs), safe in URLs and CSV. */
export const REGISTER_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export interface OrganisationRecord {
  id: string;
  name: string;
  /** Main sector of an operator; null for the authority. */
  sector: SectorCode | null;
  /** STIX identity id of the organisation in the knowledge store. */
  identityRef: string | null;
}

export interface AssetRecord {
  id: string;
  kind: AssetKind;
  orgId: string;
  name: string;
  sector: SectorCode;
  subSector: string | null;
  /** The site a system is at; null for sites. */
  siteId: string | null;
  region: RegionCode;
  /** Sites: their location; systems: their site's (copied when registered). */
  lat: number | null;
  lon: number | null;
  criticality: Criticality;
  /** The essential service delivered (e.g. "electricity distribution", "drinking water"). */
  essentialService: string | null;
  /**
   * People (population or customers) who lose the essential service when this asset is lost.
   * Count them once: a system that serves people through its site (its site fails when it does)
   * carries 0 and its site the figure, so that sums over lost assets count no one twice.
   */
  populationServed: number;
  systemType: SystemType | null;
  /** What a system does ("SCADA", "billing", "PACS"). */
  function: string | null;
  networkZone: NetworkZone | null;
}

export interface ComponentRecord {
  id: string;
  systemId: string;
  /** Owner of the system (copied from it; used by the access policy). */
  orgId: string;
  name: string;
  cpe: string | null;
  purl: string | null;
  vendor: string | null;
  product: string | null;
  version: string | null;
  internetExposed: boolean;
}

export interface DependencyRecord {
  id: string;
  /** The asset that needs the service. */
  dependentId: string;
  /** The asset that supplies it. */
  providerId: string;
  type: DependencyType;
  service: Service;
  /** Hours from losing the provider to losing the service, without backup. */
  timeToImpactHours: number;
  backupKind: BackupKind;
  /** Hours the backup lasts (0 when none); effective time to impact = timeToImpactHours + backupHours. */
  backupHours: number;
  /** Uncertainty of the backup (Monte Carlo: triangular low/mode/high); null = exactly backupHours. */
  backupHoursLow: number | null;
  backupHoursHigh: number | null;
  /** Share of the dependent's function lost when this need is lost, in (0, 1]; 1 = the asset fails. */
  shareLost: number;
  /** Hours to restore the service once the provider is back. */
  recoveryHours: number;
  /** Dependencies of one dependent with the same group are alternates (either will do). */
  alternateGroup: string | null;
  /** Probability that losing the provider does take the service away (Monte Carlo), in [0, 1]; 1 for certain. */
  failureProbability: number;
}
