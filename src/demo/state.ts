/**
 * Mutable state of one generator run: PRNG, stream clock, output buffer, reference pools and the common-property
 * builders every object goes through. One instance per `generateIntel` call; nothing is shared between runs.
 */
import type { StixObject } from '../stix/types.js';
import { computeScoId } from '../stix/sco-id.js';
import type { AttackTechnique } from './catalog-attack.js';
import type { CveEntry } from './catalog-cve.js';
import type { ActorProfile, MalwareProfile, ToolProfile } from './actors.js';
import { pickMarkings } from './markings-mix.js';
import { Pool, type Entity, type Ref } from './pools.js';
import { Prng } from './prng.js';

const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Stream clock: object timestamps run from START_MS to END_MS as the stream progresses. */
export const START_MS = Date.UTC(2024, 0, 1);
export const END_MS = Date.UTC(2026, 8, 30);
/** Hard upper bound for any timestamp (versions and last_seen may run a little past END_MS). */
export const MAX_MS = Date.UTC(2026, 11, 31, 23, 59, 59, 999);


const D2: readonly string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const D3: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const dayPrefix = new Map<number, string>();

/**
 * RFC 3339 UTC timestamp with milliseconds, e.g. 2025-03-14T09:26:53.589Z (same text as Date#toISOString, clamped
 * to MAX_MS). Formats the time of day by table lookup and caches the date part: several times faster than
 * toISOString, which matters at a few timestamps per object and millions of objects.
 */
export function iso(ms: number): string {
  if (ms > MAX_MS) ms = MAX_MS;
  if (!(ms >= START_MS)) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY);
  let prefix = dayPrefix.get(day);
  if (prefix === undefined) dayPrefix.set(day, (prefix = new Date(day * DAY).toISOString().slice(0, 11)));
  let t = ms - day * DAY;
  const milli = t % 1000;
  t = (t - milli) / 1000;
  const sec = t % 60;
  t = (t - sec) / 60;
  const min = t % 60;
  return prefix + D2[(t - min) / 60] + ':' + D2[min] + ':' + D2[sec] + '.' + D3[milli] + 'Z';
}

const LABELS: readonly string[] = [
  'cni', 'ot', 'ics', 'edge-device', 'ransomware', 'espionage', 'hacktivism', 'phishing', 'supply-chain', 'credential-access',
  'ddos', 'wiper', 'pre-positioning', 'living-off-the-land', 'vpn', 'scada',
];

export interface ActorEntity extends Entity {
  profile: ActorProfile;
  /** Indices into IntelState.attackPatterns / malware / tools / vulnerabilities this actor uses or targets. */
  techniques: number[];
  malware: number[];
  tools: number[];
  vulns: number[];
}
export interface VersionEntry {
  obj: StixObject;
  /** modified of `obj`, in ms. */
  ms: number;
  /** The object's entry in a reference pool, flagged when the object is revoked. */
  ref?: Ref | undefined;
}

export class IntelState {
  readonly rng: Prng;
  /** Objects produced by the last step, drained by the driver in order. */
  readonly out: StixObject[] = [];
  /** Objects already handed out (set by the driver); drives the clock. */
  emitted = 0;
  clock = START_MS;

  /** Producer identity ids; [0] is the national authority. `producerSector[i]` is the sector key of producer i. */
  readonly producers: string[] = [];
  readonly producerSector: (string | undefined)[] = [];
  readonly sectorClass = new Map<string, string>();
  readonly victims: (Entity & { sector: string })[] = [];
  readonly locations: Entity[] = [];
  readonly attackPatterns: (Entity & { tech: AttackTechnique })[] = [];
  readonly mitigationIds = new Map<string, string>();
  readonly vulnerabilities: (Entity & { cve: CveEntry })[] = [];
  readonly tools: (Entity & { tool: ToolProfile })[] = [];
  readonly malware: (Entity & { mw: MalwareProfile })[] = [];
  readonly threatActors: ActorEntity[] = [];
  readonly intrusionSets: ActorEntity[] = [];
  readonly campaigns: Pool<Entity & Ref & { set: number }>;
  readonly indicators: Pool<Entity & Ref & { subject: string }>;
  readonly observed: Pool<string>;
  readonly relationships: Pool<Ref>;
  readonly recentIps: Pool<string>;
  readonly recentDomains: Pool<string>;
  readonly versionable: Pool<VersionEntry>;
  /** Ids of revoked objects (few): a later version of an object never refers to one. */
  readonly revoked = new Set<string>();
  /** Campaign base names used so far → how many times (a repeat gets a numeric suffix). */
  readonly campaignNames = new Map<string, number>();

  /** Monotonic counters that keep SCO values unique (so content-derived SCO ids never collide). */
  ipSeq = 0;
  domainSeq = 0;
  private readonly ipSalt: number;

  constructor(
    seed: number,
    readonly count: number,
  ) {
    this.rng = new Prng(seed);
    const r = this.rng;
    this.campaigns = new Pool(r, 4096);
    this.indicators = new Pool(r, 8192);
    this.observed = new Pool(r, 4096);
    this.relationships = new Pool(r, 4096);
    this.recentIps = new Pool(r, 2048);
    this.recentDomains = new Pool(r, 2048);
    this.versionable = new Pool(r, 2048);
    this.ipSalt = r.next() & 0x3fffff;
  }

  /** Moves the clock to the stream position (called by the driver before each step). */
  advance(): void {
    this.clock = START_MS + Math.floor(((END_MS - START_MS) * this.emitted) / this.count);
  }

  /** A timestamp near the current clock (up to two hours later). */
  now(): number {
    return this.clock + this.rng.int(2 * HOUR);
  }

  newId(type: string): string {
    return this.rng.prefixedUuid4(type + '--');
  }

  /** Producer for an object about `sector` (its sector CERT when there is one, else mostly the authority). */
  producerFor(sector?: string): string {
    const p = this.producers;
    if (sector !== undefined && this.rng.chance(0.6)) {
      const i = this.producerSector.indexOf(sector);
      if (i >= 0) return p[i] as string;
    }
    return this.rng.chance(0.7) || p.length === 1 ? (p[0] as string) : (p[1 + this.rng.int(p.length - 1)] as string);
  }

  /** Common SDO/SRO properties, in wire order; type-specific properties are assigned after. */
  sdo(type: string, createdBy: string | undefined, ms = this.now()): StixObject {
    const created = iso(ms);
    const modified = this.rng.chance(0.15) ? iso(ms + this.rng.int(72 * HOUR)) : created;
    const o: StixObject = { type, spec_version: '2.1', id: this.newId(type), created, modified };
    if (createdBy !== undefined) o.created_by_ref = createdBy;
    return o;
  }

  /** Adds optional labels / confidence and the marking refs, records the object and queues it for output. */
  finish(o: StixObject, opts: { labels?: number; confidence?: boolean; version?: boolean; public?: boolean; ref?: Ref } = {}): StixObject {
    const r = this.rng;
    if (opts.labels !== undefined && r.chance(opts.labels)) o.labels = r.sample(LABELS, 1 + r.int(3));
    if (opts.confidence && r.chance(0.6)) o.confidence = 15 + 5 * r.int(18);
    o.object_marking_refs = pickMarkings(r, opts.public);
    if (opts.version && o.modified !== undefined) this.versionable.add({ obj: o, ms: Date.parse(o.modified), ref: opts.ref });
    this.out.push(o);
    return o;
  }

  /** Queues an SCO; its id comes from computeScoId when that yields one, else a random UUIDv4. */
  sco(o: StixObject): string {
    const id = computeScoId(o);
    o.id = id ?? this.rng.prefixedUuid4(o.type + '--');
    if (this.rng.chance(0.5)) o.object_marking_refs = pickMarkings(this.rng);
    this.out.push(o);
    return o.id;
  }


  /**
   * A fresh, unique IPv4 address. The first few hundred come from the documentation ranges (RFC 5737); the next
   * 4 million from the shared address space 100.64.0.0/10 (RFC 6598), then from the reserved 240.0.0.0/4, each via a
   * bijective scramble of a counter. Unique, varied-looking, and never a real, routable host someone could be wrongly
   * blamed for.
   */
  uniqueIp(): string {
    const k = this.ipSeq++;
    if (k < 3 * 254) {
      const net = ['192.0.2.', '198.51.100.', '203.0.113.'][k % 3] as string;
      return net + (1 + ((Math.floor(k / 3) * 97 + 13) % 254));
    }
    const j = k - 3 * 254;
    if (j < 1 << 22) {
      const x = (Math.imul(j, 0x9e3779b1) + this.ipSalt) & 0x3fffff; // bijective on 22 bits
      return `100.${64 + (x >>> 16)}.${(x >>> 8) & 0xff}.${x & 0xff}`;
    }
    const y = (Math.imul(j - (1 << 22), 0x9e3779b1) + this.ipSalt) & 0xfffffff; // bijective on 28 bits
    return `${240 + (y >>> 24)}.${(y >>> 16) & 0xff}.${(y >>> 8) & 0xff}.${y & 0xff}`;
  }

  /** A random address in a documentation range (may repeat; used in patterns and network traffic peers). */
  docIp(): string {
    return ['192.0.2.', '198.51.100.', '203.0.113.'][this.rng.int(3)]! + (1 + this.rng.int(254));
  }
}
