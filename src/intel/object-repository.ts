/**
 * Storage of STIX objects and their versions (table stix_object). All SQL for the knowledge store
 * lives here; callers pass a visibility predicate built by the access policy for every read.
 */
import type { Queryable } from '../store/db.js';
import type { StixObject } from '../stix/types.js';
import type { TlpLevel } from '../access/policy.js';
import { canCopy } from '../store/copy-sink.js';
import { COPY_COLUMNS, copyData } from './copy-rows.js';

/** An object ready to store: parsed, validated, with its derived keys. */
export interface PreparedObject {
  /** Position in the caller's input (for error reports). */
  index: number;
  id: string;
  type: string;
  revoked: boolean;
  /** The object's own modified (or created) text, for messages. */
  stamp: string | undefined;
  /** The object itself (parsed lazily from json when it crossed a thread). */
  obj: StixObject;
  /** Compact JSON of obj (what is stored). */
  json: string;
  hash: string;
  version: string;
  tlp: TlpLevel | null;
  classification: number;
  ownerOrg: string | null;
  recipients: string[] | null;
  labels: string[] | null;
  markingRefs: string[] | null;
}

export interface WriteOutcome {
  inserted: PreparedObject[];
  updated: PreparedObject[];
  unchanged: PreparedObject[];
  conflicts: { item: PreparedObject; message: string }[];
}

interface ExistingRow {
  id: string;
  version: string;
  content_hash: string;
  is_latest: boolean;
  revoked: boolean;
}

interface IdState {
  versions: Map<string, string>; // version -> hash
  latest: string | null;
  latestRevoked: boolean;
  changed: boolean; // latest moved within this batch
}

/**
 * Writes a batch within the caller's transaction. Same id + newer version → new latest version;
 * an older version → kept as history; identical (id, version, content) → unchanged; same
 * (id, version) with other content → conflict (a changed object needs a newer `modified`), except
 * for version-less objects (SCOs), which are updated in place.
 */
export async function writeBatch(tx: Queryable, items: PreparedObject[], opts: WriteBatchOptions = {}): Promise<WriteOutcome> {
  const out: WriteOutcome = { inserted: [], updated: [], unchanged: [], conflicts: [] };
  if (items.length === 0) return out;
  const { knownNew } = opts;
  const rows = await storedVersions(tx, knownNew ? items.filter((i) => !knownNew(i.id)) : items);
  const state = new Map<string, IdState>();
  for (const r of rows) {
    let s = state.get(r.id);
    if (!s) state.set(r.id, (s = { versions: new Map(), latest: null, latestRevoked: false, changed: false }));
    s.versions.set(r.version, r.content_hash);
    if (r.is_latest) {
      s.latest = r.version;
      s.latestRevoked = r.revoked;
    }
  }
  const hadLatest = new Set<string>();
  for (const [id, s] of state) if (s.latest !== null) hadLatest.add(id);
  const toInsert: PreparedObject[] = [];
  for (const item of items) {
    const id = item.id;
    let s = state.get(id);
    if (!s) state.set(id, (s = { versions: new Map(), latest: null, latestRevoked: false, changed: false }));
    const known = s.versions.get(item.version);
    if (known !== undefined) {
      if (known === item.hash) out.unchanged.push(item);
      else if (item.version === '') {
        s.versions.set('', item.hash);
        out.updated.push(item);
      } else {
        out.conflicts.push({
          item,
          message: `${id} version ${item.stamp} is already stored with different content; a changed object needs a newer 'modified'`,
        });
      }
      continue;
    }
    if (s.latest !== null && s.latestRevoked && item.version > s.latest) {
      out.conflicts.push({ item, message: `${id} is revoked; a revoked object cannot get new versions` });
      continue;
    }
    s.versions.set(item.version, item.hash);
    if (s.latest === null || item.version > s.latest) {
      s.latest = item.version;
      s.latestRevoked = item.revoked;
      s.changed = true;
    }
    toInsert.push(item);
  }
  const demote = [...hadLatest].filter((id) => state.get(id)!.changed);
  if (demote.length) {
    await tx.query('UPDATE stix_object SET is_latest = false WHERE id = ANY($1::text[]) AND is_latest', [demote]);
  }
  if (toInsert.length) {
    await insertRows(tx, toInsert, (i) => state.get(i.id)!.latest === i.version);
    out.inserted = toInsert;
  }
  for (const u of out.updated) {
    await tx.query(
      `UPDATE stix_object SET doc = $3::jsonb, content_hash = $4, tlp = $5, classification = $6,
         labels = ARRAY(SELECT jsonb_array_elements_text(coalesce($3::jsonb->'labels', '[]'::jsonb))),
         marking_refs = ARRAY(SELECT jsonb_array_elements_text(coalesce($3::jsonb->'object_marking_refs', '[]'::jsonb))),
         stored_at = now()
       WHERE id = $1 AND version = $2`,
      [u.id, u.version, u.json, u.hash, u.tlp, u.classification],
    );
  }
  return out;
}

export interface WriteBatchOptions {
  /**
   * Ids the caller knows are not stored (an import into an empty table that has not written them
   * yet): they are not looked up. Should another writer have stored one meanwhile, a unique index
   * refuses the insert (SQLSTATE 23505) and the caller writes the batch again without this.
   */
  knownNew?: ((id: string) => boolean) | undefined;
}

/**
 * The stored versions of the batch's ids. They come back as one text value (a line per version)
 * rather than a row each: a re-import reads back every object it sends, and one value is much
 * cheaper to return and parse than thousands of rows. Ids, versions and hashes hold no spaces or
 * newlines (STIX ids and timestamps are validated; hashes are hex).
 */
async function storedVersions(tx: Queryable, items: PreparedObject[]): Promise<ExistingRow[]> {
  const ids = [...new Set(items.map((i) => i.id))];
  if (ids.length === 0) return [];
  if (ids.some((id) => /[\s]/.test(id))) {
    return tx.query<ExistingRow>('SELECT id, version, content_hash, is_latest, revoked FROM stix_object WHERE id = ANY($1::text[])', [ids]);
  }
  const [r] = await tx.query<{ v: string | null }>(
    `SELECT string_agg(id || ' ' || version || ' ' || content_hash || ' ' || CASE WHEN is_latest THEN 'L' ELSE '-' END
                       || CASE WHEN revoked THEN 'R' ELSE '-' END, E'\n') AS v
     FROM stix_object WHERE id = ANY(string_to_array($1, ' '))`,
    [ids.join(' ')],
  );
  if (!r?.v) return [];
  return r.v.split('\n').map((line) => {
    const [id, version, hash, flags] = line.split(' ') as [string, string, string, string];
    return { id, version, content_hash: hash, is_latest: flags[0] === 'L', revoked: flags[1] === 'R' };
  });
}

async function insertRows(tx: Queryable, items: PreparedObject[], isLatest: (i: PreparedObject) => boolean): Promise<void> {
  if (canCopy(tx)) {
    // COPY: the same statement on both engines; rows come pre-encoded from the import's worker
    await tx.copyFrom(`COPY stix_object (${COPY_COLUMNS}) FROM STDIN (FORMAT binary)`, copyData(items, isLatest));
    return;
  }
  // Without COPY (a Queryable other than the adapters' transactions): one parameter, a JSON array
  // of rows expanded server-side. Everything but the document is computed here.
  const parts: string[] = new Array(items.length);
  const arr = (a: string[] | null) => (a === null || a.length === 0 ? 'null' : JSON.stringify(a));
  for (let k = 0; k < items.length; k++) {
    const i = items[k]!;
    parts[k] =
      `{"i":${JSON.stringify(i.id)},"y":${JSON.stringify(i.type)},"v":"${i.version}","h":"${i.hash}","l":${isLatest(i)},"rv":${i.revoked},` +
      `"t":${i.tlp ? `"${i.tlp}"` : 'null'},"c":${i.classification},"o":${i.ownerOrg === null ? 'null' : JSON.stringify(i.ownerOrg)},` +
      `"r":${arr(i.recipients)},"lb":${arr(i.labels)},"mk":${arr(i.markingRefs)},"d":${i.json}}`;
  }
  await tx.query(
    `INSERT INTO stix_object (id, version, type, revoked, is_latest, doc, content_hash, tlp, classification, owner_org, recipients, labels, marking_refs)
     SELECT x.i, x.v, x.y, x.rv, x.l, x.d, x.h, x.t, x.c, x.o, x.r, x.lb, x.mk
     FROM jsonb_to_recordset($1::jsonb)
       AS x(i text, y text, v text, h text, l boolean, rv boolean, t text, c smallint, o text, r text[], lb text[], mk text[], d jsonb)`,
    [`[${parts.join(',')}]`],
  );
}

/** A stored row as read back (doc plus access columns). */
export interface StoredObject {
  doc: StixObject;
  version: string;
  is_latest: boolean;
  tlp: TlpLevel | null;
  classification: number;
  owner_org: string | null;
  recipients: string[] | null;
}

const COLS = 'o.doc, o.version, o.is_latest, o.tlp, o.classification, o.owner_org, o.recipients';

/**
 * Predicate (on row alias `alias`, default o) hiding relationships and sightings whose endpoints the
 * subject may not see. `visibleE` is the visibility predicate over alias e.
 */
export function endpointsVisible(visibleE: string, alias = 'o'): string {
  const a = alias;
  return `(${a}.type NOT IN ('relationship','sighting') OR NOT EXISTS (
      SELECT 1 FROM stix_object e WHERE e.is_latest
        AND e.id IN (${a}.doc->>'source_ref', ${a}.doc->>'target_ref', ${a}.doc->>'sighting_of_ref')
        AND NOT ${visibleE}))`;
}

type Visible = (alias: string, params: unknown[]) => string;

/**
 * Predicate: the latest version of the object with the id of row `alias` is visible (it and its
 * endpoints). A reader who may not see an object as it now is may not learn of it through one of
 * its older versions either.
 */
function latestVisible(alias: string, visible: Visible, params: unknown[]): string {
  return `EXISTS (SELECT 1 FROM stix_object l WHERE l.id = ${alias}.id AND l.is_latest AND ${visible('l', params)}
            AND ${endpointsVisible(visible('e', params), 'l')})`;
}

export async function getObject(
  q: Queryable, id: string, version: string | null, visible: (alias: string, params: unknown[]) => string,
): Promise<StoredObject | undefined> {
  const params: unknown[] = [id];
  let where = 'o.id = $1';
  if (version === null) where += ' AND o.is_latest';
  else {
    params.push(version);
    where += ` AND o.version = $${params.length} AND ${latestVisible('o', visible, params)}`;
  }
  where += ` AND ${visible('o', params)} AND ${endpointsVisible(visible('e', params))}`;
  const rows = await q.query<StoredObject>(`SELECT ${COLS} FROM stix_object o WHERE ${where}`, params);
  return rows[0];
}

export async function listVersions(
  q: Queryable, id: string, visible: (alias: string, params: unknown[]) => string,
): Promise<string[]> {
  const params: unknown[] = [id];
  const rows = await q.query<{ m: string }>(
    `SELECT coalesce(o.doc->>'modified', o.doc->>'created', '') AS m FROM stix_object o
     WHERE o.id = $1 AND ${visible('o', params)} AND ${latestVisible('o', visible, params)} ORDER BY o.version`,
    params,
  );
  return rows.map((r) => r.m);
}

export interface ListFilter {
  types?: string[] | undefined;
  /** normalised version keys */
  modifiedFrom?: string | undefined;
  modifiedUntil?: string | undefined;
  labels?: string[] | undefined;
  createdBy?: string | undefined;
  markings?: string[] | undefined;
  includeRevoked?: boolean | undefined;
}

export interface Cursor {
  version: string;
  id: string;
}

/** Keyset-paged listing of latest versions, ordered by (version, id). */
export async function listObjects(
  q: Queryable, filter: ListFilter, after: Cursor | null, limit: number,
  visible: (alias: string, params: unknown[]) => string,
): Promise<StoredObject[]> {
  const params: unknown[] = [];
  const where = ['o.is_latest'];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (filter.types?.length) where.push(`o.type = ANY(${p(filter.types)}::text[])`);
  if (filter.modifiedFrom) where.push(`o.version >= ${p(filter.modifiedFrom)}`);
  if (filter.modifiedUntil) where.push(`o.version <= ${p(filter.modifiedUntil)}`);
  if (filter.labels?.length) where.push(`o.labels @> ${p(filter.labels)}::text[]`);
  if (filter.markings?.length) where.push(`o.marking_refs && ${p(filter.markings)}::text[]`);
  if (filter.createdBy) where.push(`o.created_by_ref = ${p(filter.createdBy)}`);
  if (!filter.includeRevoked) where.push('NOT o.revoked');
  if (after) where.push(`(o.version, o.id) > (${p(after.version)}, ${p(after.id)})`);
  where.push(visible('o', params));
  where.push(endpointsVisible(visible('e', params)));
  return q.query<StoredObject>(
    `SELECT ${COLS} FROM stix_object o WHERE ${where.join(' AND ')} ORDER BY o.version, o.id LIMIT ${p(limit)}`,
    params,
  );
}

/** Where a search page ended: the last hit's rank and id. */
export interface SearchCursor {
  rank: number;
  id: string;
}

/**
 * Full-text search over names and descriptions (PostgreSQL text search), best match first, keyset
 * paged on (rank, id): a page starts strictly after `after`, so pages neither repeat nor skip hits.
 */
export async function searchObjects(
  q: Queryable, text: string, types: string[] | undefined, after: SearchCursor | null, limit: number,
  visible: (alias: string, params: unknown[]) => string,
): Promise<(StoredObject & { rank: number; id: string })[]> {
  const params: unknown[] = [text];
  const where = ["o.is_latest", "NOT o.revoked", "o.search @@ websearch_to_tsquery('english', $1)"];
  if (types?.length) {
    params.push(types);
    where.push(`o.type = ANY($${params.length}::text[])`);
  }
  where.push(visible('o', params));
  where.push(endpointsVisible(visible('e', params)));
  let page = 'true';
  if (after) {
    params.push(after.rank, after.id);
    const r = `$${params.length - 1}::real`;
    const i = `$${params.length}`;
    page = `(h.rank < ${r} OR (h.rank = ${r} AND h.id > ${i}))`;
  }
  params.push(limit);
  return q.query(
    `SELECT h.* FROM (
       SELECT o.id, ${COLS}, ts_rank(o.search, websearch_to_tsquery('english', $1)) AS rank
       FROM stix_object o WHERE ${where.join(' AND ')}
     ) h
     WHERE ${page}
     ORDER BY h.rank DESC, h.id LIMIT $${params.length}`,
    params,
  );
}

export interface Neighbour {
  relationship: StoredObject;
  direction: 'outgoing' | 'incoming';
  object: StoredObject;
}

/**
 * Objects linked to `id` through relationships (both directions) and sightings, with the linking
 * object. Both the link and the object at its other end must be visible.
 */
export async function neighbours(
  q: Queryable, id: string, limit: number, visible: (alias: string, params: unknown[]) => string,
): Promise<Neighbour[]> {
  const params: unknown[] = [id];
  const visR = visible('r', params);
  const visO = visible('o', params);
  params.push(limit);
  const rows = await q.query<{
    r_doc: StixObject; r_version: string; r_tlp: TlpLevel | null; r_classification: number; r_owner: string | null; r_recipients: string[] | null;
    dir: 'outgoing' | 'incoming';
  } & StoredObject>(
    `WITH links AS (
       SELECT r.*, 'outgoing' AS dir, r.doc->>'target_ref' AS other FROM stix_object r
        WHERE r.is_latest AND r.type = 'relationship' AND NOT r.revoked AND r.doc->>'source_ref' = $1 AND ${visR}
       UNION ALL
       SELECT r.*, 'incoming', r.doc->>'source_ref' FROM stix_object r
        WHERE r.is_latest AND r.type = 'relationship' AND NOT r.revoked AND r.doc->>'target_ref' = $1 AND ${visR}
       UNION ALL
       SELECT r.*, 'incoming', jsonb_array_elements_text(coalesce(r.doc->'where_sighted_refs', '[]'::jsonb)) FROM stix_object r
        WHERE r.is_latest AND r.type = 'sighting' AND NOT r.revoked AND r.doc->>'sighting_of_ref' = $1 AND ${visR}
     )
     SELECT l.doc AS r_doc, l.version AS r_version, l.tlp AS r_tlp, l.classification AS r_classification,
            l.owner_org AS r_owner, l.recipients AS r_recipients, l.dir, ${COLS}
     FROM links l JOIN stix_object o ON o.id = l.other AND o.is_latest
     WHERE ${visO} AND NOT o.revoked
     ORDER BY l.dir, (l.doc->>'relationship_type'), o.id
     LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => ({
    relationship: {
      doc: r.r_doc, version: r.r_version, is_latest: true, tlp: r.r_tlp, classification: r.r_classification,
      owner_org: r.r_owner, recipients: r.r_recipients,
    },
    direction: r.dir,
    object: {
      doc: r.doc, version: r.version, is_latest: r.is_latest, tlp: r.tlp, classification: r.classification,
      owner_org: r.owner_org, recipients: r.recipients,
    },
  }));
}

/**
 * Of the given ids, those stored (latest) that the subject may NOT see: the object itself, or (for a
 * relationship or sighting) one of its endpoints, is hidden.
 */
export async function hiddenAmong(
  q: Queryable, ids: string[], visible: (alias: string, params: unknown[]) => string,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const params: unknown[] = [ids];
  const rows = await q.query<{ id: string }>(
    `SELECT o.id FROM stix_object o WHERE o.is_latest AND o.id = ANY($1::text[])
       AND NOT (${visible('o', params)} AND ${endpointsVisible(visible('e', params))})`,
    params,
  );
  return new Set(rows.map((r) => r.id));
}

/** Number of latest objects per type visible to the subject. */
export async function countByType(
  q: Queryable, visible: (alias: string, params: unknown[]) => string,
): Promise<Record<string, number>> {
  const params: unknown[] = [];
  const rows = await q.query<{ type: string; n: string | number }>(
    `SELECT o.type, count(*) AS n FROM stix_object o WHERE o.is_latest AND NOT o.revoked AND ${visible('o', params)}
       AND ${endpointsVisible(visible('e', params))} GROUP BY o.type ORDER BY o.type`,
    params,
  );
  return Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
}
