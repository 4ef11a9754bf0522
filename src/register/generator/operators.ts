/**
 * Operators: plausible, invented organisation names for every sector, their number growing with the
 * size of the nation, and a home region for regional operators (utilities, hospitals, councils).
 * Existing organisations passed in by the caller are included and own a share of their sector.
 */
import { REGIONS, SECTORS, type OrganisationRecord, type SectorCode } from '../model.js';
import { Rng } from './prng.js';

export interface OperatorInput {
  id: string;
  name: string;
  sector: SectorCode;
}

export interface Operator {
  index: number;
  id: string;
  name: string;
  sector: SectorCode;
  /** The sub-sector it mostly works in; null for organisations passed in (they may run anything of their sector). */
  subSector: string | null;
  /** Home region index, or -1 for a national operator. */
  region: number;
}

const NATIONAL = ['National', 'British', 'UK', 'Albion', 'Britannia', 'Union', 'Crown', 'Kingdom', 'Isles', 'Commonwealth', 'Sovereign', 'Meridian'];

const PLACE = [
  'Northern', 'Southern', 'Eastern', 'Western', 'Central', 'Pennine', 'Wessex', 'Anglian', 'Mercia', 'Severn', 'Thames',
  'Humber', 'Solent', 'Tyne', 'Clyde', 'Caledonian', 'Cambrian', 'Chiltern', 'Cotswold', 'Trent', 'Mersey', 'Wealden',
  'Ulster', 'Grampian', 'Forth', 'Dee', 'Tees', 'Avon', 'Mendip', 'Fenland', 'Lothian', 'Dyfed', 'Cheviot', 'Medway',
];

const SUFFIX: Record<SectorCode, readonly string[]> = {
  chemicals: ['Chemicals', 'Process Industries', 'Speciality Chemicals', 'Chlor-Alkali', 'Industrial Gases'],
  'civil-nuclear': ['Nuclear Generation', 'Nuclear Services', 'Nuclear Fuels', 'Decommissioning Ltd'],
  communications: ['Telecom', 'Networks', 'Fibre', 'Mobile', 'Broadcast Services', 'Connect', 'Postal Services'],
  defence: ['Defence Systems', 'Garrison Services', 'Defence Engineering', 'Naval Support'],
  'emergency-services': ['Police', 'Fire and Rescue Service', 'Ambulance Service NHS Trust', 'Emergency Communications'],
  energy: ['Power Networks', 'Electricity Distribution', 'Gas Networks', 'Generation', 'Fuels', 'Energy', 'Grid'],
  finance: ['Bank', 'Building Society', 'Payments', 'Clearing', 'Financial Services', 'Exchange'],
  food: ['Foods', 'Dairies', 'Fresh Produce', 'Food Logistics', 'Supermarkets', 'Bakeries', 'Co-operative'],
  government: ['Borough Council', 'County Council', 'City Council', 'Shared Services', 'Agency'],
  health: ['NHS Foundation Trust', 'Hospitals NHS Trust', 'Health Board', 'Healthcare', 'Medical Supplies'],
  space: ['Space Systems', 'Satellite Services', 'Timing Services', 'Ground Station Ltd'],
  transport: ['Rail', 'Buses', 'Freight', 'Airport', 'Ports', 'Logistics', 'Highways', 'Trains'],
  water: ['Water', 'Water Services', 'Water and Sewerage', 'Aqua'],
  'data-infrastructure': ['Data Centres', 'Cloud', 'Hosting', 'Digital Infrastructure'],
};

/** Names that say what the operator runs, where the sector's name alone would mislead. */
const SUB_SUFFIX: Record<string, readonly string[]> = {
  'energy/electricity': ['Power Networks', 'Electricity Distribution', 'Electricity Transmission', 'Generation', 'Power'],
  'energy/gas': ['Gas Networks', 'Gas Transmission', 'Gas Distribution'],
  'energy/fuel': ['Fuels', 'Oil Terminals', 'Refining'],
  'communications/fixed': ['Telecom', 'Fibre', 'Networks'],
  'communications/mobile': ['Mobile', 'Wireless'],
  'communications/internet': ['Internet Exchange', 'Backbone Networks', 'Connect'],
  'communications/broadcast': ['Broadcast Services', 'Transmission Services'],
  'communications/postal': ['Postal Services', 'Mail'],
  'emergency-services/police': ['Police', 'Constabulary'],
  'emergency-services/fire': ['Fire and Rescue Service'],
  'emergency-services/ambulance': ['Ambulance Service NHS Trust'],
  'emergency-services/coastguard': ['Maritime Rescue Coordination'],
  'transport/rail': ['Rail', 'Trains', 'Railway Infrastructure'],
  'transport/road': ['Buses', 'Freight', 'Highways', 'Logistics'],
  'transport/aviation': ['Airport', 'Air Navigation Services'],
  'transport/maritime': ['Ports', 'Harbour Board'],
  'health/hospitals': ['NHS Foundation Trust', 'Hospitals NHS Trust', 'Health Board'],
  'health/supply': ['Medical Supplies', 'Healthcare Logistics'],
  'finance/payments': ['Payments', 'Card Services'],
  'finance/markets': ['Exchange', 'Clearing'],
  'finance/banking': ['Bank', 'Building Society'],
};

/** Operators per sector for 1,000 assets; the count grows as (assets / 1,000)^0.45. */
const BASE: Record<SectorCode, number> = {
  chemicals: 2, 'civil-nuclear': 1, communications: 4, defence: 2, 'emergency-services': 4, energy: 5, finance: 4,
  food: 4, government: 4, health: 5, space: 1, transport: 5, water: 3, 'data-infrastructure': 2,
};

export function planOperators(assets: number, seed: number, existing: readonly OperatorInput[]): Operator[] {
  const rng = new Rng(seed, 0x0b5, 1);
  const scale = Math.pow(Math.max(1, assets) / 1000, 0.45);
  const out: Operator[] = [];
  const usedNames = new Set<string>(existing.map((e) => e.name));
  for (const e of existing) out.push({ index: out.length, id: e.id, name: e.name, sector: e.sector, subSector: null, region: -1 });
  for (const s of SECTORS) {
    const n = Math.max(1, Math.round(BASE[s.code] * scale));
    for (let k = 1; k <= n; k++) {
      const subSector = s.subSectors[(k - 1) % s.subSectors.length] as string;
      const suffixes = SUB_SUFFIX[`${s.code}/${subSector}`] ?? SUFFIX[s.code];
      // Regional operators cycle through the regions; the first of each sector is national.
      const region = k === 1 ? -1 : (k - 2) % REGIONS.length;
      let name = '';
      for (let tries = 0; tries < 20 && (name === '' || usedNames.has(name)); tries++) {
        const place = region < 0 ? rng.pick(NATIONAL) : tries === 0 ? regionalPlace(region, rng) : rng.pick(PLACE);
        name = `${place} ${rng.pick(suffixes)}`;
      }
      if (usedNames.has(name)) name = `${name} ${k}`;
      usedNames.add(name);
      out.push({ index: out.length, id: `org-${s.code}-${k}`, name, sector: s.code, subSector, region });
    }
  }
  return out;
}

const REGION_PLACE: readonly (readonly string[])[] = [
  ['Northumbria', 'Tyne', 'Tees', 'Wear'], ['Mersey', 'Lancashire', 'Cumbria', 'Manchester'], ['Yorkshire', 'Humber', 'Pennine', 'Dales'],
  ['Trent', 'Derwent', 'Lincolnshire', 'Charnwood'], ['Mercia', 'Severn Trent', 'Black Country', 'Staffordshire'],
  ['Anglian', 'Fenland', 'Essex', 'Norfolk'], ['Thames', 'London', 'Capital', 'Metropolitan'], ['Solent', 'Wealden', 'Chiltern', 'Kent'],
  ['Wessex', 'Cornwall', 'Devon', 'Mendip'], ['Cambrian', 'Dyfed', 'Glamorgan', 'Gwynedd'], ['Caledonian', 'Forth', 'Grampian', 'Clyde'],
  ['Ulster', 'Antrim', 'Lagan', 'Mourne'],
];

function regionalPlace(region: number, rng: Rng): string {
  return rng.pick(REGION_PLACE[region] as readonly string[]);
}

export function organisationRecord(op: Operator): OrganisationRecord {
  return { id: op.id, name: op.name, sector: op.sector, identityRef: null };
}
