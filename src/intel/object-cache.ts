/**
 * Hot reads in memory: the latest version of recently read objects and the access facts of
 * recently referenced ids, so that GET /objects/{id} answers without a query once warm.
 *
 * Used only where this process is the store's only writer (the embedded engine: its lock file
 * admits one process), and emptied of an id whenever that id is written. The need-to-know rules
 * applied to cached entries are `canRead` from the access policy — the same rules as the SQL
 * predicate (src/access/policy.test.ts proves they agree).
 */
import type { Queryable } from '../store/db.js';
import { canRead, type AccessMeta, type Subject, type TlpLevel } from '../access/policy.js';
import type { StoredObject } from './object-repository.js';

/** Access facts of a stored object, with its endpoints when it is a relationship or sighting. */
export interface CachedMeta extends AccessMeta {
  endpoints: string[] | null;
}

/**
 * A bounded map that evicts the oldest insertion first. Reads do not reorder (re-inserting on every
 * hit churns a large Map's hash table and showed in profiles); a hot id evicted by age simply comes
 * back on its next read.
 */
class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(k: K): V | undefined {
    return this.map.get(k);
  }
  has(k: K): boolean {
    return this.map.has(k);
  }
  set(k: K, v: V): void {
    this.map.delete(k);
    this.map.set(k, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }
  delete(k: K): void {
    this.map.delete(k);
  }
  clear(): void {
    this.map.clear();
  }
}

function endpointsOf(doc: Record<string, unknown>): string[] | null {
  if (doc.type === 'relationship') return [doc.source_ref, doc.target_ref].filter((x): x is string => typeof x === 'string');
  if (doc.type === 'sighting') return typeof doc.sighting_of_ref === 'string' ? [doc.sighting_of_ref] : [];
  return null;
}

function metaOfRow(r: StoredObject): CachedMeta {
  return { tlp: r.tlp, classification: r.classification, ownerOrg: r.owner_org, recipients: r.recipients, endpoints: endpointsOf(r.doc) };
}

const ABSENT = null;

export class ObjectCache {
  private readonly latest: BoundedMap<string, StoredObject>;
  private readonly metas: BoundedMap<string, CachedMeta | null>;

  constructor(maxObjects = 50_000) {
    this.latest = new BoundedMap(maxObjects);
    this.metas = new BoundedMap(maxObjects * 4);
  }

  invalidate(ids: Iterable<string>): void {
    for (const id of ids) {
      this.latest.delete(id);
      this.metas.delete(id);
    }
  }

  clear(): void {
    this.latest.clear();
    this.metas.clear();
  }

  /** The latest stored version of id (no access check), from memory or the store. */
  async latestOf(q: Queryable, id: string): Promise<StoredObject | undefined> {
    const hit = this.latest.get(id);
    if (hit) return hit;
    if (this.metas.get(id) === ABSENT && this.metas.has(id)) return undefined;
    const [row] = await q.query<StoredObject>(
      'SELECT o.doc, o.version, o.is_latest, o.tlp, o.classification, o.owner_org, o.recipients FROM stix_object o WHERE o.id = $1 AND o.is_latest',
      [id],
    );
    if (row) {
      this.latest.set(id, row);
      this.metas.set(id, metaOfRow(row));
    } else this.metas.set(id, ABSENT);
    return row;
  }

  /** Access facts of each id (null: not stored), from memory or one query for the misses. */
  async metasOf(q: Queryable, ids: Iterable<string>): Promise<Map<string, CachedMeta | null>> {
    const out = new Map<string, CachedMeta | null>();
    const missing: string[] = [];
    for (const id of ids) {
      if (out.has(id)) continue;
      const m = this.metas.get(id);
      if (m !== undefined || this.metas.has(id)) out.set(id, m ?? null);
      else missing.push(id);
    }
    if (missing.length) {
      const rows = await q.query<{ id: string; tlp: TlpLevel | null; classification: number; owner_org: string | null; recipients: string[] | null; type: string; s: string | null; t: string | null; g: string | null }>(
        `SELECT o.id, o.tlp, o.classification, o.owner_org, o.recipients, o.type,
                o.doc->>'source_ref' AS s, o.doc->>'target_ref' AS t, o.doc->>'sighting_of_ref' AS g
           FROM stix_object o WHERE o.is_latest AND o.id = ANY($1::text[])`,
        [missing],
      );
      const found = new Set<string>();
      for (const r of rows) {
        const endpoints = r.type === 'relationship' ? [r.s, r.t].filter((x): x is string => !!x) : r.type === 'sighting' ? (r.g ? [r.g] : []) : null;
        const m: CachedMeta = { tlp: r.tlp, classification: r.classification, ownerOrg: r.owner_org, recipients: r.recipients, endpoints };
        this.metas.set(r.id, m);
        out.set(r.id, m);
        found.add(r.id);
      }
      for (const id of missing) {
        if (!found.has(id)) {
          this.metas.set(id, ABSENT);
          out.set(id, null);
        }
      }
    }
    return out;
  }

  /**
   * Whether the subject may see the object with these facts: readable itself, and for a
   * relationship or sighting, every stored endpoint readable too (as the SQL predicate).
   */
  async visible(q: Queryable, s: Subject, m: CachedMeta): Promise<boolean> {
    if (!canRead(s, m)) return false;
    if (!m.endpoints || m.endpoints.length === 0) return true;
    const ends = await this.metasOf(q, m.endpoints);
    for (const e of ends.values()) if (e !== null && !canRead(s, e)) return false;
    return true;
  }

  /** Of the given ids, those stored that the subject may not see. */
  async hiddenAmong(q: Queryable, s: Subject, ids: string[]): Promise<Set<string>> {
    const metas = await this.metasOf(q, ids);
    const hidden = new Set<string>();
    for (const [id, m] of metas) if (m !== null && !(await this.visible(q, s, m))) hidden.add(id);
    return hidden;
  }

  metaOf(row: StoredObject): CachedMeta {
    return metaOfRow(row);
  }
}
