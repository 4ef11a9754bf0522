/**
 * Upkeep of stix_object around an import: planner statistics and bulk loading.
 *
 * Statistics. PGlite has no autovacuum, so a table that was never analysed has no statistics and
 * the planner reads the per-batch lookup of stored versions (`id = ANY(…)`) as "most of the table"
 * and scans all of it: every batch would cost a full scan. The import analyses the table when it
 * has no statistics and whenever the rows it wrote reach the count the statistics were taken at
 * (so O(log n) times) until they were taken on STATS_ENOUGH_ROWS rows. The planner scales row
 * counts by the table's current size, so statistics taken once on a non-trivial table stay usable.
 *
 * Bulk loading. Keeping nine secondary indexes (three of them GIN) up to date row by row is most
 * of the cost of loading into the table. When a source is large (≥ bulkMinObjects, estimated from
 * the first batch) and the table is small next to it (holds under a quarter of that), the import
 * sets the table's non-unique indexes aside (their definitions go to deferred_index, the indexes
 * are dropped), loads, and builds them again at its end: one sorted build each is several times
 * cheaper. The unique index of latest versions stays unless the import is the store's only possible
 * writer (see exclusiveWriter); reads stay correct meanwhile (only slower). The primary key stays
 * too (the lookups of stored versions use it), except when the import is the only writer and the
 * table was empty when it began: then nothing is stored that the import did not write, so it needs
 * no lookups while it writes each id's first object, and it writes the objects of ids it has
 * already written after the key is built again (importBatches). Statistics wait meanwhile: no
 * query needs them until something is looked up. An import killed in between leaves
 * the definitions in deferred_index; the next import builds them before it loads (the primary key
 * always first; the others at its own end when it bulk loads too), and so does opening the
 * embedded store (`buildDeferredIndexes` in app.ts).
 */
import type { Db, Queryable } from '../store/db.js';

/**
 * Measured on ATT&CK Enterprise (24,771 objects) into an empty embedded store: bulk loading takes
 * the import from 4.4-6.9 s to 2.3-3.4 s (same CPU time; the database thread no longer holds the rest up).
 */
export const DEFAULT_BULK_MIN_OBJECTS = 10_000;

/**
 * Indexes a bulk load keeps up to date: each covers a minority of the rows (one type, or rows
 * with a value), so keeping it costs less than the full scan of the table its build would take
 * (measured on a million generated objects; every build reads the whole table).
 */
const KEPT_DURING_BULK = [
  'stix_object_created_by', 'stix_object_labels', 'stix_object_markings',
  'stix_object_source_ref', 'stix_object_target_ref', 'stix_object_sighting_of',
];

/**
 * Statistics of the ids taken on this many rows stay right however large the table grows (ids are
 * distinct: PostgreSQL keeps their number as a fraction of the rows), so an import analyses no
 * more once it has them. Each ANALYZE samples up to 30,000 pages: late ones were ~15% of a large
 * import on PGlite.
 */
const STATS_ENOUGH_ROWS = 100_000;

/** The columns of stix_object that reads filter and sort on (statistics after a bulk load). */
const READ_COLUMNS = '(id, type, version, is_latest, revoked, tlp, classification, owner_org, recipients, labels, marking_refs, created_by_ref)';


interface IndexDef {
  name: string;
  definition: string;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function tableStats(q: Queryable): Promise<number> {
  const [r] = await q.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'stix_object'::regclass`);
  return r ? Number(r.n) : -1;
}

/** The primary key of stix_object as deferred_index records it when a bulk load sets it aside. */
const PRIMARY_KEY = 'stix_object_pkey';
const PRIMARY_KEY_DEF = `ALTER TABLE stix_object ADD CONSTRAINT ${PRIMARY_KEY} PRIMARY KEY (id, version)`;

/**
 * Builds every index set aside (by this import or a killed one), each in its own transaction, the
 * primary key first; with `only`, just that one.
 */
export async function buildDeferredIndexes(db: Db, only?: string, onBuilt?: (name: string, ms: number) => void): Promise<string[]> {
  const built: string[] = [];
  const names = await db.query<{ name: string }>(
    `SELECT name FROM deferred_index WHERE $1::text IS NULL OR name = $1 ORDER BY name <> '${PRIMARY_KEY}', name`,
    [only ?? null],
  );
  for (const { name } of names) {
    const t = performance.now();
    await db.transaction(async (tx) => {
      // a concurrent import building the same index waits here, then finds the row gone
      const [row] = await tx.query<IndexDef>('SELECT name, definition FROM deferred_index WHERE name = $1 FOR UPDATE', [name]);
      if (!row) return;
      const [exists] = await tx.query<{ r: string | null }>('SELECT to_regclass($1)::text AS r', [quoteIdent(name)]);
      if (!exists?.r) await tx.query(row.definition);
      await tx.query('DELETE FROM deferred_index WHERE name = $1', [name]);
      built.push(name);
    });
    onBuilt?.(name, performance.now() - t);
  }
  return built;
}

/**
 * Sets indexes of stix_object aside (recorded, then dropped) in one transaction: the non-unique
 * ones, with `unique` the unique ones too, and with `primaryKey` the primary key as well.
 */
async function deferIndexes(db: Db, unique: boolean, primaryKey: boolean): Promise<boolean> {
  try {
    await db.transaction(async (tx) => {
      // dropping an index waits for readers of the table; rather load without bulk mode than stall
      await tx.query(`SET LOCAL lock_timeout = '5s'`);
      const defs = await tx.query<IndexDef>(
        `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
         WHERE i.indrelid = 'stix_object'::regclass AND (NOT i.indisunique OR $1) AND NOT i.indisprimary
           AND NOT c.relname = ANY($2::text[])
         ORDER BY c.relname`,
        [unique, KEPT_DURING_BULK],
      );
      for (const d of defs) {
        await tx.query('INSERT INTO deferred_index (name, definition) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [d.name, d.definition]);
        await tx.query(`DROP INDEX ${quoteIdent(d.name)}`);
      }
      if (primaryKey) {
        await tx.query('INSERT INTO deferred_index (name, definition) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [PRIMARY_KEY, PRIMARY_KEY_DEF]);
        await tx.query(`ALTER TABLE stix_object DROP CONSTRAINT ${PRIMARY_KEY}`);
      }
    });
    return true;
  } catch (e) {
    // lock_not_available (readers hold the table), insufficient_privilege (a role that may not
    // drop indexes): load without bulk mode
    const code = (e as { code?: string }).code;
    if (code === '55P03' || code === '42501') return false;
    throw e;
  }
}

export interface MaintenanceOptions {
  /** Bulk-load sources of at least this many objects (estimated); 0 or Infinity turns bulk loading off. */
  bulkMinObjects?: number | undefined;
  /**
   * No other process can write the store while the import runs (PGlite: the data directory is
   * locked to one process), so a bulk load may set the unique index of latest versions aside too:
   * this import is the only writer, and its own logic keeps one latest version per id (the index
   * is built again, unique, at the end). With other writers possible it stays, to keep them right.
   */
  exclusiveWriter?: boolean | undefined;
  /**
   * The caller can load without looking anything up by id (it writes only ids it has not written,
   * holding the rest until {@link ImportMaintenance.buildPrimaryKey}): an exclusive writer's bulk
   * load into an empty table may then set the primary key aside too.
   */
  deferPrimaryKey?: boolean | undefined;
  /** Told how long each upkeep step took (index builds, statistics), for benchmarks. */
  onPhase?: ((phase: string, ms: number) => void) | undefined;
}

/** Statistics and bulk mode for one import (see the module comment). */
export class ImportMaintenance {
  /** Rows the statistics were taken at (-1: none). */
  private statsRows = -1;
  /** Rows this import wrote since the statistics were taken. */
  private grown = 0;
  private bulk = false;
  private empty = false;
  private keyDeferred = false;

  constructor(private readonly db: Db, private readonly opts: MaintenanceOptions = {}) {}

  get bulkLoading(): boolean {
    return this.bulk;
  }

  /**
   * The primary key is set aside: nothing may be looked up by id until {@link buildPrimaryKey} or
   * {@link end}; the import writes only the first object of each id meanwhile.
   */
  get primaryKeyDeferred(): boolean {
    return this.keyDeferred;
  }

  /** The table held no objects when the import began. */
  get emptyAtStart(): boolean {
    return this.empty;
  }

  /**
   * Before the first batch is written: analyses a table without statistics; decides on bulk mode
   * from the first batch (objects seen over bytes read, times the source's size); builds indexes
   * a killed bulk import left aside unless this import bulk loads as well.
   */
  async begin(first: { seen: number; bytesRead: number }, bytesTotal: number, allowBulk = true): Promise<void> {
    // a primary key a killed import set aside: the lookups of stored versions need it
    await buildDeferredIndexes(this.db, PRIMARY_KEY);
    this.statsRows = await tableStats(this.db);
    if (this.statsRows < 0) await this.analyze();
    const [e] = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM (SELECT 1 FROM stix_object LIMIT 1) t');
    this.empty = (e?.n ?? 0) === 0;
    const min = this.opts.bulkMinObjects ?? DEFAULT_BULK_MIN_OBJECTS;
    const estimate = first.bytesRead > 0 && bytesTotal > 0 ? (first.seen * bytesTotal) / first.bytesRead : first.seen;
    if (allowBulk && min > 0 && Number.isFinite(min) && estimate >= min) {
      const limit = Math.ceil(estimate / 4);
      const [r] = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM (SELECT 1 FROM stix_object LIMIT $1) t', [limit]);
      if ((r?.n ?? 0) < limit) {
        const exclusive = this.opts.exclusiveWriter === true;
        const key = exclusive && this.empty && this.opts.deferPrimaryKey === true;
        this.bulk = await deferIndexes(this.db, exclusive, key);
        this.keyDeferred = this.bulk && key;
      }
    }
    if (!this.bulk) await buildDeferredIndexes(this.db);
  }

  /**
   * After a batch was written (committed, or within the caller's transaction `q`): counts its
   * rows; analyses when the rows written since the statistics reach the rows they were taken at.
   */
  async written(rows: number, q: Queryable = this.db): Promise<void> {
    this.grown += rows;
    // while the primary key is aside nothing is looked up, so no plan needs the statistics yet
    if (this.keyDeferred) return;
    if (this.statsRows < STATS_ENOUGH_ROWS && this.grown >= Math.max(this.statsRows, 1000)) await this.timed('statistics', () => this.analyze(q));
  }

  /** Builds the primary key again (before the objects of ids already written are looked up). */
  async buildPrimaryKey(): Promise<void> {
    if (!this.keyDeferred) return;
    await buildDeferredIndexes(this.db, PRIMARY_KEY, this.built);
    this.keyDeferred = false;
    // the lookups that follow need the ids' statistics (none were taken while the key was aside)
    await this.timed('statistics', () => this.analyze());
  }

  private readonly built = (name: string, ms: number) => this.opts.onPhase?.(`build ${name}`, ms);

  private async timed<T>(phase: string, step: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await step();
    } finally {
      this.opts.onPhase?.(phase, performance.now() - t);
    }
  }

  /** At the end of the import (also after a failure): builds the indexes set aside, refreshes statistics. */
  async end(): Promise<void> {
    if (this.bulk) {
      await buildDeferredIndexes(this.db, undefined, this.built);
      this.bulk = false;
      this.keyDeferred = false;
      // a table loaded in bulk: statistics of the columns reads filter and sort on. Not of the
      // document and its search vector: they cost most of a full ANALYZE (about 60% on ATT&CK), and
      // their conditions go through indexes the planner takes on default estimates anyway.
      await this.timed('statistics', () => this.analyze(this.db, READ_COLUMNS));
    }
  }

  /** The ids' statistics are what the lookup of stored versions needs; all columns cost several times more. */
  private async analyze(q: Queryable = this.db, columns = '(id)'): Promise<void> {
    await q.query(`ANALYZE stix_object ${columns}`);
    this.statsRows = Math.max(await tableStats(q), 0);
    this.grown = 0;
  }
}
