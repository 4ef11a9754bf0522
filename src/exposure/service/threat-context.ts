/**
 * Threat context from the STIX knowledge store: which intrusion sets and campaigns use (or target) which
 * CVEs, which sectors they target, and which vulnerabilities intelligence has sighted being exploited.
 *
 * Read from the latest, unrevoked versions in `stix_object`:
 *  - `relationship` `uses` / `targets` from an `intrusion-set` or `campaign` to a `vulnerability` (its CVE id
 *    from its name, or its `external_references` entry with source_name `cve`);
 *  - `relationship` `targets` from the same actors to an `identity` with `sectors` (STIX
 *    industry-sector-ov) → Bulwark's sector codes (`STIX_SECTORS`);
 *  - `sighting` of a `vulnerability` → exploitation evidence, by its creator's (or first sighter's) name.
 *
 * Need-to-know: a finding's reasons name the actors, and findings go to every role (operators too), so
 * only intelligence every signed-in user may read counts: OFFICIAL, and TLP:CLEAR, GREEN, AMBER or unmarked.
 * TLP:AMBER+STRICT, TLP:RED and classified objects never shape (or leak through) a finding.
 */
import type { Queryable } from '../../store/db.js';
import type { SectorCode } from '../../register/model.js';
import type { Sighting } from '../priority/mappings.js';
import type { ThreatActor } from '../priority/prioritise.js';

/** STIX 2.1 industry-sector-ov values (and common spellings) → Bulwark's sector codes (src/register/model.ts). */
export const STIX_SECTORS: Readonly<Record<string, readonly SectorCode[]>> = {
  agriculture: ['food'], food: ['food'], 'food-and-agriculture': ['food'],
  chemical: ['chemicals'], chemicals: ['chemicals'],
  communications: ['communications'], telecommunications: ['communications'], telecoms: ['communications'],
  defense: ['defence'], defence: ['defence'], 'defense-industrial-base': ['defence'],
  energy: ['energy'], 'oil-and-gas': ['energy'], electricity: ['energy'],
  utilities: ['energy', 'water'],
  'financial-services': ['finance'], financial: ['finance'], finance: ['finance'], insurance: ['finance'],
  government: ['government'], 'government-national': ['government'], 'government-regional': ['government'],
  'government-local': ['government'], 'government-public-services': ['government'],
  'emergency-services': ['emergency-services'],
  healthcare: ['health'], health: ['health'], pharmaceuticals: ['health'],
  nuclear: ['civil-nuclear'], 'infrastructure-nuclear': ['civil-nuclear'], 'civil-nuclear': ['civil-nuclear'],
  water: ['water'], 'infrastructure-water': ['water'], 'infrastructure-dams': ['water'],
  transportation: ['transport'], transport: ['transport'], aviation: ['transport'], maritime: ['transport'], rail: ['transport'],
  space: ['space'],
  technology: ['data-infrastructure'], 'data-infrastructure': ['data-infrastructure'], cloud: ['data-infrastructure'],
};

/** Bulwark sectors of a STIX sector value; [] when it names none of them (e.g. retail, education). */
export function sectorsOf(stixSector: string): readonly SectorCode[] {
  return STIX_SECTORS[stixSector.trim().toLowerCase()] ?? [];
}

export interface ThreatContext {
  /** CVE id → the intrusion sets and campaigns that use or target it, with the sectors they target. */
  readonly usedBy: ReadonlyMap<string, readonly ThreatActor[]>;
  /** CVE id → intelligence sightings (exploited). */
  readonly sightings: ReadonlyMap<string, readonly Sighting[]>;
  /** Changes whenever what a finding could say changes (to skip re-prioritising when nothing did). */
  readonly digest: string;
}

export const EMPTY_THREAT_CONTEXT: ThreatContext = { usedBy: new Map(), sightings: new Map(), digest: '' };

/** A STIX object as stored (`doc`). */
type Doc = Record<string, unknown>;

const CVE_ID = /^CVE-\d{4}-\d{4,}$/;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const prefix = (id: unknown): string => (typeof id === 'string' ? id.slice(0, Math.max(0, id.indexOf('--'))) : '');
const ACTOR_TYPES = new Set(['intrusion-set', 'campaign']);

/** The CVE id a vulnerability object names: its `cve` external reference, else its name. */
export function cveOf(v: Doc): string | null {
  const refs = Array.isArray(v.external_references) ? (v.external_references as Doc[]) : [];
  for (const r of refs) {
    const id = str(r.external_id);
    if (str(r.source_name)?.toLowerCase() === 'cve' && id && CVE_ID.test(id.toUpperCase())) return id.toUpperCase();
  }
  const name = str(v.name)?.trim().toUpperCase();
  return name && CVE_ID.test(name) ? name : null;
}

/**
 * The threat context from objects (latest versions, already filtered for visibility): actors,
 * vulnerabilities, identities, `uses`/`targets` relationships and sightings. Pure.
 */
export function buildThreatContext(objects: Iterable<Doc>): ThreatContext {
  const byId = new Map<string, Doc>();
  const rels: Doc[] = [];
  const sightings: Doc[] = [];
  for (const o of objects) {
    if (o.revoked === true) continue;
    const id = str(o.id);
    if (!id) continue;
    if (o.type === 'relationship') rels.push(o);
    else if (o.type === 'sighting') sightings.push(o);
    else byId.set(id, o);
  }
  const actorSectors = new Map<string, Set<SectorCode>>();
  const actorCves = new Map<string, Set<string>>();
  for (const r of rels) {
    const src = str(r.source_ref);
    const tgt = str(r.target_ref);
    const kind = str(r.relationship_type);
    if (!src || !tgt || !ACTOR_TYPES.has(prefix(src)) || !byId.has(src)) continue;
    const target = byId.get(tgt);
    if (!target) continue;
    if (target.type === 'vulnerability' && (kind === 'uses' || kind === 'targets')) {
      const cve = cveOf(target);
      if (cve) getSet(actorCves, src).add(cve);
    } else if (target.type === 'identity' && kind === 'targets' && Array.isArray(target.sectors)) {
      for (const s of target.sectors) if (typeof s === 'string') for (const code of sectorsOf(s)) getSet(actorSectors, src).add(code);
    }
  }
  const usedBy = new Map<string, ThreatActor[]>();
  for (const [actorId, cves] of actorCves) {
    const a = byId.get(actorId)!;
    const actor: ThreatActor = {
      name: str(a.name) ?? actorId,
      kind: a.type === 'campaign' ? 'campaign' : 'intrusion-set',
      targetsSectors: [...(actorSectors.get(actorId) ?? [])].sort(),
    };
    for (const cve of cves) {
      let list = usedBy.get(cve);
      if (!list) usedBy.set(cve, (list = []));
      list.push(actor);
    }
  }
  for (const list of usedBy.values()) list.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const seen = new Map<string, Sighting[]>();
  for (const s of sightings) {
    const of = byId.get(str(s.sighting_of_ref) ?? '');
    const cve = of?.type === 'vulnerability' ? cveOf(of) : null;
    if (!cve) continue;
    const where = Array.isArray(s.where_sighted_refs) ? s.where_sighted_refs.map((x) => byId.get(str(x) ?? '')).find((x) => x !== undefined) : undefined;
    const by = byId.get(str(s.created_by_ref) ?? '') ?? where;
    const date = (str(s.last_seen) ?? str(s.first_seen) ?? str(s.created))?.slice(0, 10);
    const sighting: Sighting = { source: str(by?.name) ?? 'an intelligence sighting', exploited: true, ...(date ? { date } : {}) };
    let list = seen.get(cve);
    if (!list) seen.set(cve, (list = []));
    list.push(sighting);
  }
  for (const list of seen.values()) list.sort((x, y) => ((y.date ?? '') < (x.date ?? '') ? -1 : (y.date ?? '') > (x.date ?? '') ? 1 : 0));
  const digest = JSON.stringify([[...usedBy].sort(byKey), [...seen].sort(byKey)]);
  return { usedBy, sightings: seen, digest };
}

function byKey(a: [string, unknown], b: [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

function getSet<K, V>(m: Map<K, Set<V>>, k: K): Set<V> {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  return s;
}

/** Latest, unrevoked, readable by every signed-in user (see the file comment). */
const OPEN = `is_latest AND NOT revoked AND classification = 0 AND (tlp IS NULL OR tlp IN ('CLEAR', 'GREEN', 'AMBER'))`;

/** Reads the threat context from the knowledge store (three queries; vulnerabilities only those referenced). */
export async function loadThreatContext(db: Queryable): Promise<ThreatContext> {
  const rels = await db.query<{ doc: Doc }>(
    `SELECT doc FROM stix_object WHERE ${OPEN} AND type = 'relationship'
        AND doc->>'relationship_type' IN ('uses', 'targets')
        AND split_part(doc->>'source_ref', '--', 1) IN ('intrusion-set', 'campaign')
        AND split_part(doc->>'target_ref', '--', 1) IN ('vulnerability', 'identity')`,
  );
  const sightings = await db.query<{ doc: Doc }>(
    `SELECT doc FROM stix_object WHERE ${OPEN} AND type = 'sighting' AND split_part(doc->>'sighting_of_ref', '--', 1) = 'vulnerability'`,
  );
  const ids = new Set<string>();
  for (const { doc } of rels) for (const k of ['source_ref', 'target_ref']) if (typeof doc[k] === 'string') ids.add(doc[k] as string);
  for (const { doc } of sightings) {
    for (const k of ['sighting_of_ref', 'created_by_ref']) if (typeof doc[k] === 'string') ids.add(doc[k] as string);
    if (Array.isArray(doc.where_sighted_refs)) for (const x of doc.where_sighted_refs) if (typeof x === 'string') ids.add(x);
  }
  const referenced = ids.size === 0 ? [] : await db.query<{ doc: Doc }>(`SELECT doc FROM stix_object WHERE ${OPEN} AND id = ANY($1::text[])`, [[...ids]]);
  return buildThreatContext([...referenced, ...rels, ...sightings].map((r) => r.doc));
}
