/**
 * Bulk loading of register records inside one transaction: rows go by `COPY … FROM STDIN` into
 * temporary staging tables (one per entity, dropped at commit), are checked against each other
 * and against the stored register in SQL (duplicates, organisations, sites, systems, dependency
 * endpoints, alternate groups, what the subject may write), and are then merged into the register
 * by upsert — a row whose values equal the stored ones is not rewritten — with one
 * `register_change` row per record written. Same SQL on both engines.
 */
import type { Queryable } from '../store/db.js';
import { canCopy, copyText } from '../store/copy-sink.js';
import { fieldsOf, type Entity } from './fields.js';

export const ENTITIES: readonly Entity[] = ['organisation', 'asset', 'component', 'dependency'];

const stage = (e: Entity) => `reg_stage_${e}`;
const SQL_TYPE = { text: 'text', num: 'double precision', int: 'bigint', bool: 'boolean' } as const;

/** A problem found in SQL: which staged row (source index, row number), which field, why. */
export interface StagedError {
  src: number;
  row: number;
  field: string;
  reason: string;
}

/**
 * Staged rows stay in memory up to 256 MB instead of going through files beyond 8 MB (the
 * default). The setting can only change before a session's first temporary table, so it is made
 * for the session: before the import's transaction on the embedded engine (one session for the
 * process), and tried in a savepoint within it on a server (the pooled connection keeps it once
 * an import commits); a session that has had temporary tables keeps what it has.
 */
export const TEMP_BUFFERS = "SET temp_buffers = '256MB'";

export async function createStaging(tx: Queryable): Promise<void> {
  await tx.query('SAVEPOINT reg_temp_buffers');
  try {
    await tx.query(TEMP_BUFFERS);
    await tx.query('RELEASE SAVEPOINT reg_temp_buffers');
  } catch {
    await tx.query('ROLLBACK TO SAVEPOINT reg_temp_buffers');
  }
  for (const e of ENTITIES) {
    const cols = fieldsOf(e).map((f) => `${f.sql} ${SQL_TYPE[f.type]}${f.sql === 'id' ? ' COLLATE "C"' : ''}`);
    await tx.query(`CREATE TEMP TABLE ${stage(e)} (${cols.join(', ')}, src integer NOT NULL, row bigint NOT NULL) ON COMMIT DROP`);
  }
}

/** Encodes one record as a COPY text row of its staging table. */
export function stageRow(e: Entity, rec: Record<string, unknown>, src: number, row: number): string {
  let out = '';
  for (const f of fieldsOf(e)) {
    const v = rec[f.key];
    out += v === null || v === undefined ? '\\N' : typeof v === 'boolean' ? (v ? 't' : 'f') : typeof v === 'number' ? String(v) : copyText(String(v));
    out += '\t';
  }
  return `${out}${src}\t${row}\n`;
}

export async function copyStaged(tx: Queryable, e: Entity, rows: string): Promise<void> {
  if (!canCopy(tx)) throw new Error('register import needs a transaction of one of the store adapters (COPY)');
  const cols = [...fieldsOf(e).map((f) => f.sql), 'src', 'row'].join(', ');
  await tx.copyFrom(`COPY ${stage(e)} (${cols}) FROM STDIN`, Buffer.from(rows, 'utf8'));
}

/** Indexes and planner statistics for the staged rows (temporary tables are never analysed otherwise). */
export async function indexStaging(tx: Queryable): Promise<void> {
  // staged assets are looked up by id from every other table (and sites by their systems); the
  // other staged tables are only ever scanned whole
  await tx.query('CREATE INDEX ON reg_stage_asset (id)');
  await tx.query('CREATE INDEX ON reg_stage_asset (site_id) WHERE site_id IS NOT NULL');
  // planner statistics for the probed table; the scanned ones are estimated well enough from their size
  await tx.query('ANALYZE reg_stage_asset');
}

// Resolving an asset id to its staged version if any, else the stored one: `x` is the staged row
// referring, `col` its column; yields columns <p>_id, <p>_kind, <p>_org.
const resolveAsset = (p: string, col: string) => `
  LEFT JOIN reg_stage_asset ${p}s ON ${p}s.id = ${col}
  LEFT JOIN asset ${p}a ON ${p}a.id = ${col} AND ${p}s.id IS NULL`;
const r = (p: string, c: string) => `coalesce(${p}s.${c}, ${p}a.${c})`;

/**
 * Every check over the staged rows, each as (src, row, field, reason). `$1` is the organisation
 * the subject is confined to (operators), or null. Capped at `limit` per check.
 */
const CHECKS: string[] = [
  // the same id twice in one import
  ...ENTITIES.map((e) => `
    SELECT s.src, s.row, 'id', 'appears more than once in this import (' || d.n || ' rows have id ' || s.id || ')'
      FROM ${stage(e)} s JOIN (SELECT id, count(*) AS n FROM ${stage(e)} GROUP BY id HAVING count(*) > 1) d ON d.id = s.id`),
  // organisation names are unique
  `SELECT s.src, s.row, 'name', 'the name "' || s.name || '" is already used by organisation ' || o.id
     FROM reg_stage_organisation s JOIN organisation o ON lower(o.name) = lower(s.name) AND o.id <> s.id
    WHERE NOT EXISTS (SELECT 1 FROM reg_stage_organisation x WHERE x.id = o.id AND lower(x.name) <> lower(o.name))`,
  `SELECT s.src, s.row, 'name', 'the name "' || s.name || '" is given to ' || d.n || ' organisations in this import'
     FROM reg_stage_organisation s JOIN (SELECT lower(name) AS l, count(*) AS n FROM reg_stage_organisation GROUP BY 1 HAVING count(*) > 1) d ON d.l = lower(s.name)`,
  // assets: organisation exists; ids of other organisations' records are taken
  `SELECT s.src, s.row, 'orgId', 'no organisation ' || s.org_id
     FROM reg_stage_asset s LEFT JOIN reg_stage_organisation so ON so.id = s.org_id LEFT JOIN organisation o ON o.id = s.org_id
    WHERE so.id IS NULL AND o.id IS NULL`,
  ...(['asset', 'component', 'dependency'] as const).map((e) => `
    SELECT s.src, s.row, 'id', 'the id ' || s.id || ' is already taken; choose another'
      FROM ${stage(e)} s JOIN ${e} t ON t.id = s.id WHERE $1::text IS NOT NULL AND t.org_id <> $1::text`),
  // a system's site: exists (and is visible), is a site, is of the same organisation
  `SELECT s.src, s.row, 'siteId', CASE
       WHEN ${r('t', 'id')} IS NULL OR ($1::text IS NOT NULL AND ${r('t', 'org_id')} <> $1::text) THEN 'no site ' || s.site_id || ' is available to you'
       WHEN ${r('t', 'kind')} <> 'site' THEN s.site_id || ' is a system, not a site'
       ELSE 'site ' || s.site_id || ' belongs to ' || ${r('t', 'org_id')} || '; a system must be at a site of its own organisation (' || s.org_id || ')' END
     FROM reg_stage_asset s ${resolveAsset('t', 's.site_id')}
    WHERE s.kind = 'system' AND (${r('t', 'id')} IS NULL OR ${r('t', 'kind')} <> 'site' OR ${r('t', 'org_id')} <> s.org_id)`,
  // stored systems (not in this import) at a site that changes organisation or stops being a site
  `SELECT s.src, s.row, CASE WHEN s.kind <> 'site' THEN 'kind' ELSE 'orgId' END,
          CASE WHEN s.kind <> 'site' THEN 'cannot become a system: system ' || y.id || ' is at this site'
               ELSE 'cannot move to ' || s.org_id || ': system ' || y.id || ' of ' || y.org_id || ' is at this site' END
     FROM reg_stage_asset s JOIN asset y ON y.site_id = s.id
    WHERE (s.kind <> 'site' OR y.org_id <> s.org_id) AND NOT EXISTS (SELECT 1 FROM reg_stage_asset x WHERE x.id = y.id)`,
  // a stored system with components that becomes a site
  `SELECT s.src, s.row, 'kind', 'cannot become a site: components are registered on this system'
     FROM reg_stage_asset s JOIN asset a ON a.id = s.id AND a.kind = 'system'
    WHERE s.kind = 'site' AND EXISTS (SELECT 1 FROM component c WHERE c.system_id = s.id)`,
  // components, in one pass: their system exists (and is visible) and is a system; a given organisation is the system's
  `SELECT x.src, x.row, v.field, v.reason FROM (
     SELECT s.src, s.row,
            CASE WHEN ${r('t', 'id')} IS NULL OR ($1::text IS NOT NULL AND ${r('t', 'org_id')} <> $1::text) THEN 'no system ' || s.system_id || ' is available to you'
                 WHEN ${r('t', 'kind')} <> 'system' THEN s.system_id || ' is a site; components belong to systems' END AS e_system,
            CASE WHEN s.org_id IS NOT NULL AND ${r('t', 'org_id')} <> s.org_id AND ($1::text IS NULL OR ${r('t', 'org_id')} = $1::text)
                 THEN 'is ' || s.org_id || ' but system ' || s.system_id || ' belongs to ' || ${r('t', 'org_id')} || ' (leave it empty: it is the system''s)' END AS e_org
       FROM reg_stage_component s ${resolveAsset('t', 's.system_id')}) x
   CROSS JOIN LATERAL (VALUES ('systemId', x.e_system), ('orgId', x.e_org)) AS v(field, reason)
   WHERE v.reason IS NOT NULL`,
  // dependencies, in one pass: the dependent exists and is the subject's to write; the provider
  // exists (any organisation); a given organisation is the dependent's
  `SELECT x.src, x.row, v.field, v.reason FROM (
     SELECT s.src, s.row,
            CASE WHEN ${r('t', 'id')} IS NULL OR ($1::text IS NOT NULL AND ${r('t', 'org_id')} <> $1::text) THEN 'no asset ' || s.dependent_id || ' is available to you' END AS e_dependent,
            CASE WHEN ${r('p', 'id')} IS NULL THEN 'no asset ' || s.provider_id END AS e_provider,
            CASE WHEN s.org_id IS NOT NULL AND ${r('t', 'org_id')} <> s.org_id AND ($1::text IS NULL OR ${r('t', 'org_id')} = $1::text)
                 THEN 'is ' || s.org_id || ' but dependent ' || s.dependent_id || ' belongs to ' || ${r('t', 'org_id')} || ' (leave it empty: it is the dependent''s)' END AS e_org
       FROM reg_stage_dependency s ${resolveAsset('t', 's.dependent_id')} ${resolveAsset('p', 's.provider_id')}) x
   CROSS JOIN LATERAL (VALUES ('dependentId', x.e_dependent), ('providerId', x.e_provider), ('orgId', x.e_org)) AS v(field, reason)
   WHERE v.reason IS NOT NULL`,
  // alternates (same dependent, same group) carry the same service, over the register as it would be
  `WITH f AS (
     SELECT dependent_id, alternate_group, service FROM reg_stage_dependency WHERE alternate_group IS NOT NULL
     UNION ALL
     SELECT d.dependent_id, d.alternate_group, d.service FROM dependency d
      WHERE d.alternate_group IS NOT NULL AND NOT EXISTS (SELECT 1 FROM reg_stage_dependency x WHERE x.id = d.id)
        AND EXISTS (SELECT 1 FROM reg_stage_dependency y WHERE y.dependent_id = d.dependent_id AND y.alternate_group = d.alternate_group)),
   bad AS (SELECT dependent_id, alternate_group, string_agg(DISTINCT service, ', ') AS services FROM f GROUP BY 1, 2 HAVING count(DISTINCT service) > 1)
   SELECT s.src, s.row, 'alternateGroup', 'alternates must carry the same service: group ' || s.alternate_group || ' of ' || s.dependent_id || ' carries ' || b.services
     FROM reg_stage_dependency s JOIN bad b ON b.dependent_id = s.dependent_id AND b.alternate_group = s.alternate_group`,
];

export async function checkStaged(tx: Queryable, scope: string | null, limit: number): Promise<StagedError[]> {
  const out: StagedError[] = [];
  for (const sql of CHECKS) {
    const rows = await tx.query<{ src: number; row: string; field: string; reason: string }>(
      `SELECT src, row::text AS row, field, reason FROM (${sql}) AS c(src, row, field, reason) ORDER BY src, row LIMIT ${limit}`,
      sql.includes('$1') ? [scope] : [],
    );
    for (const x of rows) out.push({ src: Number(x.src), row: Number(x.row), field: x.field, reason: x.reason });
  }
  return out;
}

export interface MergeCounts {
  staged: number;
  inserted: number;
  updated: number;
}

/**
 * The SELECT list giving the staged rows as they are to be stored: a system's region and
 * location default to its site's; a component's and a dependency's owner is its system's and its
 * dependent's (read from the register, where the staged assets are already merged).
 */
function completed(e: Entity): { select: string; from: string } {
  const cols = fieldsOf(e).map((f) => f.sql);
  switch (e) {
    case 'asset': {
      const site = (c: string) => `coalesce(st.${c}, sa.${c})`;
      const fill: Record<string, string> = {
        region: `coalesce(s.region, ${site('region')})`,
        lat: `CASE WHEN s.lat IS NULL AND s.lon IS NULL THEN ${site('lat')} ELSE s.lat END`,
        lon: `CASE WHEN s.lat IS NULL AND s.lon IS NULL THEN ${site('lon')} ELSE s.lon END`,
      };
      return {
        select: cols.map((c) => (fill[c] ? `${fill[c]} AS ${c}` : `s.${c}`)).join(', '),
        from: `${stage(e)} s LEFT JOIN reg_stage_asset st ON st.id = s.site_id LEFT JOIN asset sa ON sa.id = s.site_id AND st.id IS NULL`,
      };
    }
    case 'component':
    case 'dependency': {
      const col = e === 'component' ? 'system_id' : 'dependent_id';
      return { select: cols.map((c) => (c === 'org_id' ? 'a.org_id AS org_id' : `s.${c}`)).join(', '), from: `${stage(e)} s JOIN asset a ON a.id = s.${col}` };
    }
    default:
      return { select: cols.map((c) => `s.${c}`).join(', '), from: `${stage(e)} s` };
  }
}

/**
 * Writes the staged rows of one entity that are new or differ from the stored ones (found by one
 * join; rows equal to the stored ones are left alone): new rows by a plain INSERT, changed ones by
 * an UPDATE. The caller holds the register lock (`repository.lockRegister`), so no other register
 * writer inserts meanwhile. Each row written is logged in register_change.
 */
async function mergeEntity(tx: Queryable, e: Entity): Promise<MergeCounts> {
  const cols = fieldsOf(e).map((f) => f.sql);
  const rest = cols.filter((c) => c !== 'id');
  const stamp = e === 'organisation' ? '' : ', updated_at = now()';
  const src = completed(e);
  const [c] = await tx.query<{ staged: string; inserted: string; updated: string }>(`
    WITH incoming AS MATERIALIZED (
      SELECT i.*, t.id IS NULL AS fresh FROM (SELECT ${src.select} FROM ${src.from}) i LEFT JOIN ${e} t ON t.id = i.id
       WHERE t.id IS NULL OR (${rest.map((x) => `t.${x}`).join(', ')}) IS DISTINCT FROM (${rest.map((x) => `i.${x}`).join(', ')})),
    ins AS (
      INSERT INTO ${e} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM incoming WHERE fresh RETURNING id),
    upd AS (
      UPDATE ${e} t SET ${rest.map((x) => `${x} = i.${x}`).join(', ')}${stamp} FROM incoming i WHERE NOT i.fresh AND t.id = i.id RETURNING t.id),
    ch AS (INSERT INTO register_change (entity, id, op) SELECT '${e}', id, 'upsert' FROM (SELECT id FROM ins UNION ALL SELECT id FROM upd) w)
    SELECT (SELECT count(*) FROM ${stage(e)})::text AS staged, (SELECT count(*) FROM ins)::text AS inserted, (SELECT count(*) FROM upd)::text AS updated`);
  return { staged: Number(c!.staged), inserted: Number(c!.inserted), updated: Number(c!.updated) };
}

/** Stored components and dependencies (not in this import) of assets whose owner changed follow their asset. */
async function followOwners(tx: Queryable): Promise<void> {
  for (const [e, col] of [['component', 'system_id'], ['dependency', 'dependent_id']] as const) {
    await tx.query(`
      WITH up AS (
        UPDATE ${e} x SET org_id = s.org_id, updated_at = now() FROM reg_stage_asset s
         WHERE x.${col} = s.id AND x.org_id <> s.org_id RETURNING x.id)
      INSERT INTO register_change (entity, id, op) SELECT '${e}', id, 'upsert' FROM up`);
  }
}

/** New rows from which a table's per-row checks are worth replacing by one set-based pass. */
export const BULK_ROWS = 10_000;

/**
 * For a large load, what the merge sets aside and restores afterwards, in the same transaction
 * (so a failed or killed import restores everything by rolling back): foreign keys, checked row
 * by row by triggers, are dropped and re-added (one set-based validation of the whole table;
 * the importer has checked every reference already) when the load is at least an eighth of the
 * table; secondary indexes are dropped and rebuilt once when the load is larger than the table.
 */
async function setAside(tx: Queryable, e: Entity, fresh: number): Promise<() => Promise<void>> {
  if (fresh < BULK_ROWS) return async () => {};
  const [c] = await tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${e}`);
  const existing = Number(c!.n);
  const restore: string[] = [];
  if (fresh * 8 >= existing) {
    const fks = await tx.query<{ name: string; def: string }>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname`, [e],
    );
    for (const fk of fks) {
      await tx.query(`ALTER TABLE ${e} DROP CONSTRAINT ${fk.name}`);
      restore.push(`ALTER TABLE ${e} ADD CONSTRAINT ${fk.name} ${fk.def}`);
    }
  }
  if (fresh >= existing) {
    const idx = await tx.query<{ name: string; def: string }>(
      `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = $1::regclass AND NOT i.indisunique AND NOT i.indisprimary ORDER BY c.relname`, [e],
    );
    for (const x of idx) {
      await tx.query(`DROP INDEX ${x.name}`);
      restore.unshift(x.def);
    }
  }
  return async () => {
    if (restore.length) await tx.query("SET LOCAL maintenance_work_mem = '128MB'");
    for (const sql of restore) await tx.query(sql);
  };
}

export async function mergeStaged(tx: Queryable): Promise<Record<Entity, MergeCounts>> {
  const out = {} as Record<Entity, MergeCounts>;
  for (const e of ENTITIES) {
    // rows new to the table (a re-import of the same data has none: nothing to set aside)
    const [c] = await tx.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${stage(e)} s WHERE NOT EXISTS (SELECT 1 FROM ${e} t WHERE t.id = s.id)`);
    const restore = await setAside(tx, e, Number(c!.n));
    out[e] = await mergeEntity(tx, e);
    await restore();
    if (e === 'asset') await followOwners(tx);
  }
  return out;
}
