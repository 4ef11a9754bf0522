/**
 * Geography for generated sites: real UK towns per region (ITL1) with approximate coordinates and
 * populations (thousands), region weights by population, and placement of a site around a town
 * (urban kinds close in, rural kinds spread out), always inside the region's box from the model.
 */
import { REGIONS, type RegionCode } from '../model.js';
import { Rng, Weighted } from './prng.js';

/** [name, lat, lon, population in thousands] */
type Town = readonly [string, number, number, number];

const TOWNS: Record<RegionCode, readonly Town[]> = {
  UKC: [
    ['Newcastle upon Tyne', 54.978, -1.618, 300], ['Sunderland', 54.906, -1.381, 175], ['Middlesbrough', 54.574, -1.235, 140],
    ['Gateshead', 54.952, -1.603, 120], ['Durham', 54.776, -1.575, 50], ['Darlington', 54.523, -1.553, 95],
    ['Hartlepool', 54.691, -1.212, 90], ['South Shields', 54.999, -1.432, 75], ['Hexham', 54.971, -2.101, 12],
    ['Morpeth', 55.168, -1.687, 14], ['Berwick-upon-Tweed', 55.771, -2.007, 12], ['Stockton-on-Tees', 54.57, -1.318, 85],
  ],
  UKD: [
    ['Manchester', 53.481, -2.243, 550], ['Liverpool', 53.408, -2.992, 490], ['Bolton', 53.578, -2.429, 195],
    ['Stockport', 53.41, -2.158, 135], ['Preston', 53.763, -2.703, 140], ['Blackpool', 53.817, -3.036, 140],
    ['Blackburn', 53.748, -2.482, 120], ['Warrington', 53.39, -2.597, 170], ['Wigan', 53.545, -2.632, 105],
    ['Carlisle', 54.892, -2.932, 75], ['Lancaster', 54.047, -2.801, 50], ['Chester', 53.193, -2.893, 80],
    ['Barrow-in-Furness', 54.111, -3.227, 55], ['Kendal', 54.328, -2.745, 29], ['Crewe', 53.099, -2.441, 70],
  ],
  UKE: [
    ['Leeds', 53.801, -1.549, 500], ['Sheffield', 53.381, -1.47, 520], ['Bradford', 53.796, -1.759, 350],
    ['Kingston upon Hull', 53.745, -0.336, 260], ['York', 53.96, -1.082, 150], ['Huddersfield', 53.646, -1.785, 140],
    ['Doncaster', 53.523, -1.128, 110], ['Wakefield', 53.683, -1.497, 100], ['Rotherham', 53.43, -1.357, 110],
    ['Barnsley', 53.553, -1.48, 95], ['Harrogate', 53.992, -1.542, 75], ['Scarborough', 54.284, -0.401, 60],
    ['Grimsby', 53.567, -0.11, 85], ['Immingham', 53.61, -0.22, 10], ['Scunthorpe', 53.589, -0.654, 80],
  ],
  UKF: [
    ['Nottingham', 52.955, -1.158, 330], ['Leicester', 52.637, -1.135, 370], ['Derby', 52.922, -1.477, 260],
    ['Lincoln', 53.23, -0.54, 100], ['Mansfield', 53.147, -1.198, 110], ['Chesterfield', 53.236, -1.421, 90],
    ['Loughborough', 52.772, -1.206, 60], ['Boston', 52.976, -0.027, 45], ['Grantham', 52.912, -0.642, 45],
    ['Corby', 52.49, -0.69, 60], ['Newark-on-Trent', 53.076, -0.809, 30], ['Buxton', 53.259, -1.911, 22],
  ],
  UKG: [
    ['Birmingham', 52.486, -1.89, 1100], ['Coventry', 52.407, -1.51, 370], ['Wolverhampton', 52.587, -2.129, 260],
    ['Stoke-on-Trent', 53.003, -2.18, 255], ['Dudley', 52.512, -2.081, 80], ['Walsall', 52.586, -1.982, 175],
    ['Telford', 52.678, -2.445, 140], ['Worcester', 52.192, -2.22, 100], ['Hereford', 52.057, -2.716, 60],
    ['Shrewsbury', 52.708, -2.754, 75], ['Solihull', 52.413, -1.778, 125], ['Stafford', 52.806, -2.12, 70],
    ['Nuneaton', 52.523, -1.468, 85],
  ],
  UKH: [
    ['Norwich', 52.63, 1.297, 210], ['Cambridge', 52.205, 0.122, 145], ['Peterborough', 52.57, -0.243, 200],
    ['Ipswich', 52.057, 1.148, 140], ['Luton', 51.878, -0.42, 225], ['Southend-on-Sea', 51.538, 0.714, 180],
    ['Colchester', 51.896, 0.892, 130], ['Chelmsford', 51.736, 0.469, 110], ['Watford', 51.657, -0.396, 100],
    ['Stevenage', 51.903, -0.196, 90], ['Basildon', 51.576, 0.488, 110], ['Bedford', 52.136, -0.467, 105],
    ["King's Lynn", 52.754, 0.396, 45], ['Felixstowe', 51.961, 1.351, 25], ['Leiston', 52.21, 1.58, 6],
    ['North Walsham', 52.82, 1.39, 12],
  ],
  UKI: [
    ['City of London', 51.513, -0.089, 700], ['Westminster', 51.497, -0.137, 800], ['Croydon', 51.376, -0.098, 600],
    ['Stratford', 51.541, -0.003, 600], ['Canary Wharf', 51.505, -0.02, 400], ['Ealing', 51.513, -0.305, 550],
    ['Wembley', 51.556, -0.28, 500], ['Enfield', 51.652, -0.081, 450], ['Barking', 51.536, 0.081, 400],
    ['Bromley', 51.406, 0.013, 450], ['Kingston upon Thames', 51.412, -0.301, 350], ['Hounslow', 51.47, -0.42, 450],
    ['Hammersmith', 51.492, -0.223, 400], ['Greenwich', 51.483, 0.006, 400], ['Harrow', 51.58, -0.342, 400],
    ['Romford', 51.575, 0.183, 400], ['Tottenham', 51.6, -0.068, 450], ['Brixton', 51.462, -0.115, 500],
  ],
  UKJ: [
    ['Southampton', 50.91, -1.404, 250], ['Portsmouth', 50.819, -1.088, 210], ['Brighton', 50.822, -0.137, 230],
    ['Reading', 51.454, -0.978, 230], ['Milton Keynes', 52.041, -0.759, 230], ['Oxford', 51.752, -1.258, 160],
    ['Slough', 51.511, -0.595, 160], ['Maidstone', 51.27, 0.522, 110], ['Crawley', 51.109, -0.187, 110],
    ['Guildford', 51.236, -0.57, 80], ['Canterbury', 51.28, 1.079, 55], ['Dover', 51.128, 1.313, 30],
    ['Basingstoke', 51.266, -1.087, 110], ['High Wycombe', 51.628, -0.748, 120], ['Ashford', 51.146, 0.875, 75],
    ['Newport (Isle of Wight)', 50.701, -1.292, 25], ['Hastings', 50.854, 0.573, 90], ['Fawley', 50.82, -1.33, 5],
  ],
  UKK: [
    ['Bristol', 51.455, -2.588, 470], ['Plymouth', 50.376, -4.143, 265], ['Exeter', 50.718, -3.534, 130],
    ['Bournemouth', 50.72, -1.88, 195], ['Swindon', 51.568, -1.772, 185], ['Gloucester', 51.864, -2.238, 130],
    ['Cheltenham', 51.899, -2.078, 115], ['Bath', 51.381, -2.36, 95], ['Poole', 50.715, -1.987, 150],
    ['Torquay', 50.462, -3.525, 50], ['Taunton', 51.015, -3.106, 60], ['Truro', 50.263, -5.051, 20],
    ['Salisbury', 51.069, -1.795, 40], ['Penzance', 50.119, -5.537, 21], ['Barnstaple', 51.08, -4.058, 24],
    ['Bridgwater', 51.128, -3.003, 40], ['Avonmouth', 51.5, -2.7, 10], ['Helston', 50.1, -5.27, 12],
  ],
  UKL: [
    ['Cardiff', 51.481, -3.179, 360], ['Swansea', 51.621, -3.944, 240], ['Newport', 51.584, -2.998, 150],
    ['Wrexham', 53.046, -2.993, 65], ['Bridgend', 51.504, -3.577, 50], ['Barry', 51.405, -3.27, 55],
    ['Llanelli', 51.681, -4.162, 50], ['Merthyr Tydfil', 51.749, -3.378, 45], ['Bangor', 53.228, -4.129, 18],
    ['Aberystwyth', 52.415, -4.083, 19], ['Milford Haven', 51.714, -5.042, 13], ['Rhyl', 53.319, -3.492, 26],
    ['Newtown', 52.513, -3.313, 11], ['Holyhead', 53.309, -4.633, 12], ['Carmarthen', 51.857, -4.312, 15],
  ],
  UKM: [
    ['Glasgow', 55.864, -4.252, 630], ['Edinburgh', 55.953, -3.188, 520], ['Aberdeen', 57.15, -2.094, 200],
    ['Dundee', 56.462, -2.971, 150], ['Inverness', 57.478, -4.225, 48], ['Stirling', 56.117, -3.937, 38],
    ['Perth', 56.397, -3.437, 47], ['Paisley', 55.845, -4.424, 77], ['East Kilbride', 55.764, -4.177, 75],
    ['Livingston', 55.883, -3.516, 57], ['Kilmarnock', 55.611, -4.496, 46], ['Ayr', 55.458, -4.629, 46],
    ['Dumfries', 55.071, -3.605, 33], ['Falkirk', 56.002, -3.784, 34], ['Grangemouth', 56.012, -3.717, 17],
    ['Peterhead', 57.505, -1.81, 19], ['Fort William', 56.82, -5.105, 10], ['Dunbar', 55.998, -2.516, 9],
    ['Wick', 58.441, -3.094, 7],
  ],
  UKN: [
    ['Belfast', 54.597, -5.93, 345], ['Derry', 54.997, -7.309, 85], ['Lisburn', 54.516, -6.058, 45],
    ['Newry', 54.176, -6.337, 27], ['Bangor', 54.66, -5.669, 62], ['Craigavon', 54.447, -6.387, 65],
    ['Ballymena', 54.863, -6.276, 30], ['Newtownabbey', 54.659, -5.909, 65], ['Omagh', 54.6, -7.3, 20],
    ['Enniskillen', 54.344, -7.632, 14], ['Coleraine', 55.133, -6.668, 25], ['Larne', 54.858, -5.823, 18],
  ],
};

/** Population of the ITL1 regions, millions (ONS mid-2022, rounded). */
const REGION_POPULATION: Record<RegionCode, number> = {
  UKC: 2.7, UKD: 7.5, UKE: 5.5, UKF: 4.9, UKG: 6.0, UKH: 6.4, UKI: 8.9, UKJ: 9.4, UKK: 5.8, UKL: 3.1, UKM: 5.5, UKN: 1.9,
};

export const REGION_INDEX: ReadonlyMap<RegionCode, number> = new Map(REGIONS.map((r, i) => [r.code, i]));

export interface TownRef {
  name: string;
  lat: number;
  lon: number;
}

interface RegionGeo {
  code: RegionCode;
  box: readonly [number, number, number, number];
  towns: readonly Town[];
  urbanTown: Weighted<number>;
  ruralTown: Weighted<number>;
}

const GEO: readonly RegionGeo[] = REGIONS.map((r) => {
  const towns = TOWNS[r.code];
  return {
    code: r.code,
    box: r.box,
    towns,
    urbanTown: new Weighted(towns.map((t, i) => [i, t[3]] as const)),
    ruralTown: new Weighted(towns.map((t, i) => [i, Math.sqrt(t[3])] as const)),
  };
});

/** Regions by population (urban kinds) or by population blended with area (rural kinds). */
export const URBAN_REGION = new Weighted(REGIONS.map((r, i) => [i, REGION_POPULATION[r.code]] as const));
export const RURAL_REGION = new Weighted(
  REGIONS.map((r, i) => {
    const area = (r.box[2] - r.box[0]) * (r.box[3] - r.box[1]);
    return [i, REGION_POPULATION[r.code] / 8.9 + area / 16] as const;
  }),
);

export function regionCode(index: number): RegionCode {
  return (GEO[index] as RegionGeo).code;
}

export function townName(region: number, town: number): string {
  return ((GEO[region] as RegionGeo).towns[town] as Town)[0];
}

export function townCount(region: number): number {
  return (GEO[region] as RegionGeo).towns.length;
}

/** The population (thousands) of a town: used to size what a site serves. */
export function townPopulation(region: number, town: number): number {
  return ((GEO[region] as RegionGeo).towns[town] as Town)[3];
}

export interface Placement {
  town: number;
  lat: number;
  lon: number;
}

/**
 * A location in `region` near one of its towns: `spread` is the standard deviation in degrees of
 * latitude (0.03 ≈ 3 km); rural placements favour smaller towns. Clamped into the region's box.
 */
export function place(rng: Rng, region: number, spread: number, rural: boolean): Placement {
  const g = GEO[region] as RegionGeo;
  const town = (rural ? g.ruralTown : g.urbanTown).pick(rng);
  const t = g.towns[town] as Town;
  const [minLat, minLon, maxLat, maxLon] = g.box;
  let lat = t[1] + rng.normal() * spread;
  let lon = t[2] + (rng.normal() * spread) / Math.cos((t[1] * Math.PI) / 180);
  lat = Math.min(maxLat, Math.max(minLat, lat));
  lon = Math.min(maxLon, Math.max(minLon, lon));
  return { town, lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5 };
}
