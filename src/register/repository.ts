/**
 * SQL of the register's records, one record at a time (bulk loading: `import-store.ts`): get,
 * keyset-paged lists with filters, upsert (a row whose values are unchanged is not rewritten),
 * delete, and the change log (`register_change`) every write appends to. No authorisation and no
 * auditing here: callers pass the access predicate and audit in the same transaction.
 */
import type { Queryable } from '../store/db.js';
import { fieldsOf, rowToRecord, selectList, type Entity } from './fields.js';

/** pg_advisory_xact_lock key serialising register writes ('BWRG'). */
export const REGISTER_LOCK_KEY = 0x42575247;

/**
 * Serialises register writes until the caller's transaction ends, so that change sequence numbers
 * commit in order: a reader of `register_change` never sees seq n + 1 before n has committed
 * (which `changesSince` relies on). Call first in every register write transaction.
 */
export async function lockRegister(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [REGISTER_LOCK_KEY]);
}

export type Predicate = (orgColumn: string, params: unknown[]) => string;

/** The column holding a record's owning organisation. */
export const ORG_COLUMN: Record<Entity, string> = { organisation: 'id', asset: 'org_id', component: 'org_id', dependency: 'org_id' };

export interface Filter {
  column: string;
  op: '=' | '>=';
  value: unknown;
}

export async function getRecord<R>(q: Queryable, e: Entity, id: string, visible: Predicate = () => 'true'): Promise<R | null> {
  const params: unknown[] = [id];
  const [row] = await q.query<Record<string, unknown>>(
    `SELECT ${selectList(e)} FROM ${e} WHERE id = $1 AND ${visible(ORG_COLUMN[e], params)}`, params,
  );
  return row ? rowToRecord<R>(e, row) : null;
}

/** Records whose id is among `ids` (no access filter: for checks). */
export async function getRecords<R>(q: Queryable, e: Entity, ids: readonly string[]): Promise<Map<string, R>> {
  const out = new Map<string, R>();
  if (ids.length === 0) return out;
  const rows = await q.query<Record<string, unknown>>(`SELECT ${selectList(e)} FROM ${e} WHERE id = ANY($1::text[])`, [[...new Set(ids)]]);
  for (const r of rows) out.set(String(r.id), rowToRecord<R>(e, r));
  return out;
}

/** One page in id order after `after`, at most `limit` rows. */
export async function listRecords<R>(
  q: Queryable, e: Entity, filters: readonly Filter[], after: string | null, limit: number, visible: Predicate,
): Promise<R[]> {
  const params: unknown[] = [];
  const where = [visible(ORG_COLUMN[e], params)];
  for (const f of filters) {
    params.push(f.value);
    where.push(`${f.column} ${f.op} $${params.length}`);
  }
  if (after !== null) {
    params.push(after);
    where.push(`id > $${params.length}`);
  }
  params.push(limit);
  const rows = await q.query<Record<string, unknown>>(
    `SELECT ${selectList(e)} FROM ${e} WHERE ${where.join(' AND ')} ORDER BY id LIMIT $${params.length}`, params,
  );
  return rows.map((r) => rowToRecord<R>(e, r));
}

export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

/**
 * Inserts the record or updates the stored one; a record equal to the stored one is not rewritten.
 * Appends to the change log when anything was written.
 */
export async function upsertRecord(q: Queryable, e: Entity, rec: object): Promise<UpsertOutcome> {
  const fs = fieldsOf(e);
  const values = fs.map((f) => (rec as Record<string, unknown>)[f.key] ?? null);
  const cols = fs.map((f) => f.sql);
  const rest = cols.filter((c) => c !== 'id');
  const stamp = e === 'organisation' ? '' : ', updated_at = now()';
  const [r] = await q.query<{ inserted: boolean }>(
    `INSERT INTO ${e} (${cols.join(', ')}) VALUES (${cols.map((_, k) => `$${k + 1}`).join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${rest.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}${stamp}
     WHERE (${rest.map((c) => `${e}.${c}`).join(', ')}) IS DISTINCT FROM (${rest.map((c) => `EXCLUDED.${c}`).join(', ')})
     RETURNING (xmax = 0) AS inserted`,
    values,
  );
  if (!r) return 'unchanged';
  await appendChanges(q, e, [String((rec as { id: string }).id)], 'upsert');
  return r.inserted ? 'inserted' : 'updated';
}

export async function deleteRecords(q: Queryable, e: Entity, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await q.query<{ id: string }>(`DELETE FROM ${e} WHERE id = ANY($1::text[]) RETURNING id`, [[...ids]]);
  const gone = rows.map((r) => r.id);
  await appendChanges(q, e, gone, 'delete');
  return gone;
}

export async function appendChanges(q: Queryable, e: Entity, ids: readonly string[], op: 'upsert' | 'delete'): Promise<void> {
  if (ids.length === 0) return;
  await q.query(`INSERT INTO register_change (entity, id, op) SELECT $1, unnest($2::text[]), $3`, [e, [...ids], op]);
}

/** Copies an asset's owner onto its components and its own (dependent-side) dependencies. */
export async function propagateOwner(q: Queryable, assetId: string, orgId: string): Promise<void> {
  const comps = await q.query<{ id: string }>(
    'UPDATE component SET org_id = $2, updated_at = now() WHERE system_id = $1 AND org_id <> $2 RETURNING id', [assetId, orgId],
  );
  await appendChanges(q, 'component', comps.map((c) => c.id), 'upsert');
  const deps = await q.query<{ id: string }>(
    'UPDATE dependency SET org_id = $2, updated_at = now() WHERE dependent_id = $1 AND org_id <> $2 RETURNING id', [assetId, orgId],
  );
  await appendChanges(q, 'dependency', deps.map((d) => d.id), 'upsert');
}

/** What stands on a set of assets from outside it. */
export interface Dependents {
  /** Dependencies whose provider is in the set and whose dependent is not. */
  dependencies: { id: string; dependentId: string; providerId: string; orgId: string }[];
  /** Systems located at a site of the set that are not in the set themselves. */
  systems: { id: string; siteId: string; orgId: string }[];
}

export async function dependentsOf(q: Queryable, assetIds: readonly string[]): Promise<Dependents> {
  const ids = [...assetIds];
  const dependencies = await q.query<{ id: string; dependentId: string; providerId: string; orgId: string }>(
    `SELECT id, dependent_id AS "dependentId", provider_id AS "providerId", org_id AS "orgId" FROM dependency
      WHERE provider_id = ANY($1::text[]) AND NOT dependent_id = ANY($1::text[]) ORDER BY id`, [ids],
  );
  const systems = await q.query<{ id: string; siteId: string; orgId: string }>(
    `SELECT id, site_id AS "siteId", org_id AS "orgId" FROM asset WHERE site_id = ANY($1::text[]) AND NOT id = ANY($1::text[]) ORDER BY id`, [ids],
  );
  return { dependencies, systems };
}

/** The systems at the given sites (ids). */
export async function systemsAt(q: Queryable, siteIds: readonly string[]): Promise<{ id: string; orgId: string }[]> {
  return q.query<{ id: string; orgId: string }>(
    'SELECT id, org_id AS "orgId" FROM asset WHERE site_id = ANY($1::text[]) ORDER BY id', [[...siteIds]],
  );
}

/**
 * Deletes assets with their components and every dependency touching them (callers decide first
 * whether that is allowed). Returns the ids deleted per entity.
 */
export async function deleteAssets(q: Queryable, assetIds: readonly string[]): Promise<{ assets: string[]; components: string[]; dependencies: string[] }> {
  const ids = [...assetIds];
  const deps = await q.query<{ id: string }>(
    'SELECT id FROM dependency WHERE dependent_id = ANY($1::text[]) OR provider_id = ANY($1::text[])', [ids],
  );
  const dependencies = await deleteRecords(q, 'dependency', deps.map((d) => d.id));
  const comps = await q.query<{ id: string }>('SELECT id FROM component WHERE system_id = ANY($1::text[])', [ids]);
  const components = await deleteRecords(q, 'component', comps.map((c) => c.id));
  // systems before their sites (site_id references asset)
  const systems = await q.query<{ id: string }>("SELECT id FROM asset WHERE id = ANY($1::text[]) AND kind = 'system'", [ids]);
  const assets = [...(await deleteRecords(q, 'asset', systems.map((s) => s.id)))];
  assets.push(...(await deleteRecords(q, 'asset', ids.filter((id) => !assets.includes(id)))));
  return { assets, components, dependencies };
}

/** Other dependencies of a dependent in an alternate group, with their service. */
export async function alternatesOf(q: Queryable, dependentId: string, group: string, exceptId: string): Promise<{ id: string; service: string }[]> {
  return q.query<{ id: string; service: string }>(
    'SELECT id, service FROM dependency WHERE dependent_id = $1 AND alternate_group = $2 AND id <> $3 ORDER BY id', [dependentId, group, exceptId],
  );
}

/** Whether anything refers to the organisation (assets, users), by kind. */
export async function organisationUse(q: Queryable, orgId: string): Promise<{ assets: number; users: number }> {
  const [r] = await q.query<{ assets: string; users: string }>(
    `SELECT (SELECT count(*) FROM asset WHERE org_id = $1)::text AS assets, (SELECT count(*) FROM app_user WHERE org_id = $1)::text AS users`, [orgId],
  );
  return { assets: Number(r?.assets ?? 0), users: Number(r?.users ?? 0) };
}

export async function organisationByName(q: Queryable, name: string): Promise<string | null> {
  const [r] = await q.query<{ id: string }>('SELECT id FROM organisation WHERE lower(name) = lower($1)', [name]);
  return r?.id ?? null;
}
