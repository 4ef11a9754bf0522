/**
 * UK context for the demo generator: the 13 UK critical national infrastructure (CNI) sectors mapped to STIX
 * industry-sector-ov values, UK regions as STIX locations, and the (fictional) producer organisations.
 * Organisation names are invented: the demo must never look like it was published by a real authority or CERT.
 */

export interface UkSector {
  key: string;
  /** Human name as used in UK CNI guidance. */
  label: string;
  /** STIX 2.1 industry-sector-ov values. */
  stix: readonly string[];
  /** Noun phrase used in goals / descriptions. */
  assets: string;
}

export const UK_SECTORS: readonly UkSector[] = [
  { key: 'energy', label: 'Energy', stix: ['energy', 'utilities'], assets: 'electricity transmission and distribution control systems' },
  { key: 'water', label: 'Water', stix: ['water', 'utilities'], assets: 'water treatment and distribution SCADA' },
  { key: 'communications', label: 'Communications', stix: ['communications', 'telecommunications'], assets: 'core telecommunications networks' },
  { key: 'transport', label: 'Transport', stix: ['transportation'], assets: 'rail signalling, port and aviation systems' },
  { key: 'health', label: 'Health', stix: ['healthcare'], assets: 'hospital clinical and pathology systems' },
  { key: 'finance', label: 'Finance', stix: ['financial-services'], assets: 'payment and settlement infrastructure' },
  { key: 'civil-nuclear', label: 'Civil Nuclear', stix: ['nuclear', 'energy'], assets: 'civil nuclear site business and OT networks' },
  { key: 'chemicals', label: 'Chemicals', stix: ['chemical'], assets: 'chemical process control systems' },
  { key: 'defence', label: 'Defence', stix: ['defense'], assets: 'defence supply-chain engineering data' },
  { key: 'emergency-services', label: 'Emergency Services', stix: ['emergency-services'], assets: 'emergency call handling and dispatch systems' },
  { key: 'food', label: 'Food', stix: ['agriculture', 'retail'], assets: 'food distribution and cold-chain logistics' },
  { key: 'government', label: 'Government', stix: ['government-national', 'government-local'], assets: 'government identity and case-management services' },
  { key: 'space', label: 'Space', stix: ['aerospace'], assets: 'satellite ground segment infrastructure' },
];

export const SECTOR_BY_KEY: ReadonlyMap<string, UkSector> = new Map(UK_SECTORS.map((s) => [s.key, s]));

export interface UkRegion {
  name: string;
  administrativeArea: string;
  city: string;
  latitude: number;
  longitude: number;
}

/** ITL1 regions of the UK with a representative city (coordinates of the city centre, 4 d.p.). */
export const UK_REGIONS: readonly UkRegion[] = [
  { name: 'North East England', administrativeArea: 'North East', city: 'Newcastle upon Tyne', latitude: 54.9783, longitude: -1.6178 },
  { name: 'North West England', administrativeArea: 'North West', city: 'Manchester', latitude: 53.4808, longitude: -2.2426 },
  { name: 'Yorkshire and the Humber', administrativeArea: 'Yorkshire and The Humber', city: 'Leeds', latitude: 53.8008, longitude: -1.5491 },
  { name: 'East Midlands', administrativeArea: 'East Midlands', city: 'Nottingham', latitude: 52.9548, longitude: -1.1581 },
  { name: 'West Midlands', administrativeArea: 'West Midlands', city: 'Birmingham', latitude: 52.4862, longitude: -1.8904 },
  { name: 'East of England', administrativeArea: 'East of England', city: 'Cambridge', latitude: 52.2053, longitude: 0.1218 },
  { name: 'London', administrativeArea: 'London', city: 'London', latitude: 51.5072, longitude: -0.1276 },
  { name: 'South East England', administrativeArea: 'South East', city: 'Reading', latitude: 51.4543, longitude: -0.9781 },
  { name: 'South West England', administrativeArea: 'South West', city: 'Bristol', latitude: 51.4545, longitude: -2.5879 },
  { name: 'Wales', administrativeArea: 'Wales', city: 'Cardiff', latitude: 51.4816, longitude: -3.1791 },
  { name: 'Scotland', administrativeArea: 'Scotland', city: 'Edinburgh', latitude: 55.9533, longitude: -3.1883 },
  { name: 'Northern Ireland', administrativeArea: 'Northern Ireland', city: 'Belfast', latitude: 54.5973, longitude: -5.9301 },
];

export interface ProducerOrg {
  name: string;
  description: string;
  /** Sector key the producer serves; undefined for the national authority. */
  sector?: string;
  contact: string;
}

/** The national authority is always producer 0. All names are fictional. */
export const PRODUCERS: readonly ProducerOrg[] = [
  {
    name: 'National CNI Cyber Authority (Bulwark demo)',
    description: 'Fictional national authority that publishes protective-security threat intelligence to UK CNI operators. Synthetic demo data.',
    contact: 'intel@authority.example.org',
  },
  { name: 'Energy Sector CERT (demo)', sector: 'energy', description: 'Fictional sector CERT for electricity and gas operators.', contact: 'cert@energy-cert.example.org' },
  { name: 'Water Sector CERT (demo)', sector: 'water', description: 'Fictional sector CERT for water and wastewater companies.', contact: 'cert@water-cert.example.org' },
  { name: 'Telecoms ISAC (demo)', sector: 'communications', description: 'Fictional information sharing and analysis centre for telecoms providers.', contact: 'isac@telecoms-isac.example.org' },
  { name: 'Transport CSIRT (demo)', sector: 'transport', description: 'Fictional CSIRT for rail, aviation and maritime operators.', contact: 'csirt@transport-csirt.example.org' },
  { name: 'Health CERT (demo)', sector: 'health', description: 'Fictional CERT for health and care organisations.', contact: 'cert@health-cert.example.org' },
  { name: 'Finance Sector CERT (demo)', sector: 'finance', description: 'Fictional CERT for banks, payment systems and market infrastructure.', contact: 'cert@finance-cert.example.org' },
  { name: 'Civil Nuclear CSIRT (demo)', sector: 'civil-nuclear', description: 'Fictional CSIRT for civil nuclear licensees.', contact: 'csirt@nuclear-csirt.example.org' },
];

/** Parts for fictional operator (victim) organisation names: "<place> <kind>". */
export const ORG_PLACES: readonly string[] = [
  'Northmoor', 'Eastbrook', 'Westfell', 'Southmere', 'Highcombe', 'Lowdale', 'Ashby Vale', 'Kestlebury', 'Marlow Fen', 'Corrie',
  'Glenarden', 'Pennock', 'Tregarrow', 'Dunmore', 'Halverton', 'Brackenridge',
];
export const ORG_KINDS_BY_SECTOR: Readonly<Record<string, readonly string[]>> = {
  energy: ['Power Networks plc', 'Energy Generation Ltd', 'Gas Distribution Ltd'],
  water: ['Water Services Ltd', 'Water plc'],
  communications: ['Telecom Ltd', 'Fibre Networks Ltd'],
  transport: ['Rail Ltd', 'Port Authority', 'Airport Ltd'],
  health: ['NHS Foundation Trust (demo)', 'Pathology Services Ltd'],
  finance: ['Building Society', 'Clearing Ltd'],
  'civil-nuclear': ['Nuclear Generation Ltd'],
  chemicals: ['Chemicals Ltd'],
  defence: ['Defence Systems Ltd'],
  'emergency-services': ['Fire and Rescue Service (demo)', 'Ambulance Service (demo)'],
  food: ['Foods Distribution Ltd'],
  government: ['Borough Council (demo)', 'County Council (demo)'],
  space: ['Satellite Operations Ltd'],
};
