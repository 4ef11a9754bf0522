/**
 * Streaming import of STIX objects into the knowledge store.
 *
 * Objects are read one by one (never the whole file), prepared (in a worker thread for files) and
 * written in batches; each batch is one transaction together with its audit entry, so a process
 * killed mid-import leaves whole batches only, and re-running the import completes it (already
 * stored objects are unchanged no-ops). `strict` makes a source all-or-nothing: a first pass
 * validates everything without storing; only a clean source is then written, in one transaction.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { Db, Queryable } from '../store/db.js';
import { readObjects, type RawItem } from './object-reader.js';
import type { IngestContext, Rejection } from './prepare.js';
import { writeBatch, type PreparedObject, type WriteOutcome } from './object-repository.js';
import { inThreadBatches, workerBatches, type BatchSource, type PreparedBatch } from './prepared-batches.js';
import { ImportMaintenance } from './import-maintenance.js';
import { detached } from './copy-rows.js';

export interface AuditEntryInput {
  actor: string | null;
  action: string;
  target?: string | null;
  detail?: unknown;
}

/** Appends an audit entry inside the caller's transaction. */
export type AuditAppender = (tx: Queryable, entry: AuditEntryInput) => Promise<void>;

export interface ImportOptions {
  ctx: IngestContext;
  actor: string | null;
  audit: AuditAppender;
  strict?: boolean;
  batchSize?: number;
  /** Called as bytes are read and objects are stored. */
  onProgress?: (p: { bytesRead: number; bytesTotal: number; objects: number }) => void;
  /** Cap on rejections kept in the report (all are counted). */
  maxErrors?: number;
  /** Prepare in this thread even for files (default: a worker thread). */
  inThread?: boolean;
  /**
   * Bulk-load (secondary indexes set aside, built again at the end) sources of at least this many
   * objects into a table holding under a quarter of that; default 10,000, 0 turns it off.
   */
  bulkMinObjects?: number;
  /**
   * While a bulk load into an empty embedded store has its primary key set aside, objects of ids
   * it already wrote wait for the key; at most this many (default 100,000), then the key is built early.
   */
  heldForKeyMax?: number;
  /** Told how long each upkeep step took (index builds, statistics, the held objects' writes), for benchmarks. */
  onPhase?: (phase: string, ms: number) => void;
}

export interface ImportReport {
  file: string;
  imported: number;
  unchanged: number;
  rejected: number;
  errors: Rejection[];
}

function digestOf(items: PreparedObject[]): string {
  const h = createHash('sha256');
  for (const i of items) h.update(`${i.id}|${i.version}|${i.hash}\n`);
  return h.digest('hex');
}

async function writeAudited(
  tx: Queryable, batch: PreparedObject[], label: string, opts: ImportOptions, knownNew?: (id: string) => boolean,
): Promise<WriteOutcome> {
  const out = await writeBatch(tx, batch, { knownNew });
  const written = [...out.inserted, ...out.updated];
  if (written.length) {
    await opts.audit(tx, {
      actor: opts.actor,
      action: 'intel.import',
      target: label,
      detail: {
        written: written.length,
        first: written[0]!.id,
        last: written[written.length - 1]!.id,
        // binds this entry to exactly the versions written: sha256 over "id|version|content-hash" lines
        digest: digestOf(written),
      },
    });
  }
  return out;
}

function conflictRejections(out: WriteOutcome): Rejection[] {
  return out.conflicts.map((c) => ({ index: c.item.index, id: c.item.id, errors: [{ path: 'modified', message: c.message }] }));
}

/**
 * The batch source for a file: prepared in a worker thread (default) or in this thread. A worker
 * source starts reading at once, so it can be made before the store is opened.
 */
export function fileSource(file: string, opts: Pick<ImportOptions, 'ctx' | 'batchSize' | 'inThread' | 'strict'>): BatchSource {
  const batchSize = opts.batchSize ?? 2000;
  const fresh = () => (opts.inThread
    ? inThreadBatches((onBytes) => readObjects(file, onBytes), opts.ctx, batchSize)
    : workerBatches(file, opts.ctx, batchSize));
  if (opts.strict) return fresh; // read twice: each pass gets its own reader
  let started: AsyncIterable<PreparedBatch> | null = fresh();
  return () => {
    const s = started ?? fresh();
    started = null;
    return s;
  };
}

/** Imports one file (bundle, JSON array, object or JSON lines), streaming. */
export function importFile(db: Db, file: string, opts: ImportOptions, source: BatchSource = fileSource(file, opts)): Promise<ImportReport> {
  return importBatches(db, file, source, statSync(file).size, opts);
}

/** Imports raw items from a re-openable source (strict mode reads it twice), preparing them in this thread. */
export function importItems(
  db: Db, label: string, open: (onBytes: (b: number) => void) => AsyncIterable<RawItem>, bytesTotal: number, opts: ImportOptions,
): Promise<ImportReport> {
  return importBatches(db, label, () => inThreadBatches(open, opts.ctx, opts.batchSize ?? 2000), bytesTotal, opts);
}

export async function importBatches(db: Db, label: string, source: BatchSource, bytesTotal: number, opts: ImportOptions): Promise<ImportReport> {
  const maxErrors = opts.maxErrors ?? 1000;
  const report: ImportReport = { file: label, imported: 0, unchanged: 0, rejected: 0, errors: [] };
  const reject = (r: Rejection) => {
    report.rejected++;
    if (report.errors.length < maxErrors) report.errors.push(r);
  };
  const progress = (bytesRead: number, objects: number) => opts.onProgress?.({ bytesRead, bytesTotal, objects });
  const count = (out: WriteOutcome) => {
    report.imported += out.inserted.length + out.updated.length;
    report.unchanged += out.unchanged.length;
    for (const r of conflictRejections(out)) reject(r);
  };

  // PGlite: the data directory is locked to this process, so this import is the only writer
  const upkeep = new ImportMaintenance(db, {
    bulkMinObjects: opts.bulkMinObjects, exclusiveWriter: db.engine === 'pglite', deferPrimaryKey: true, onPhase: opts.onPhase,
  });
  if (opts.strict) {
    // pass 1: validate everything, store nothing
    for await (const b of source()) {
      for (const r of b.rejections) reject(r);
      progress(b.bytesRead, b.seen);
    }
    if (report.rejected > 0) return report;
    // pass 2: one transaction for the whole source
    await upkeep.begin({ seen: 0, bytesRead: 0 }, 0, false);
    try {
      await db.transaction(async (tx) => {
        for await (const b of source()) {
          if (b.items.length) {
            const out = await writeAudited(tx, b.items, label, opts);
            count(out);
            await upkeep.written(out.inserted.length, tx);
          }
          progress(b.bytesRead, b.seen);
        }
        if (report.rejected > 0) throw new StrictAbort();
      });
    } catch (e) {
      if (!(e instanceof StrictAbort)) throw e;
      report.imported = 0;
      report.unchanged = 0;
    }
    return report;
  }

  // Batches commit independently; the next batch is prepared while earlier ones are written. Two
  // are written at once: on a PostgreSQL server on two connections (the server gives each a core);
  // on PGlite (one connection, in its own thread) the second waits there for the first to commit,
  // so its thread goes from one to the next without waiting for this one.
  // An object whose id is in the batch still being written is held back and written with the next
  // batch (consecutive batches often share a few ids): what is decided for an object depends only
  // on its id's stored versions and the objects with its id before it, so the outcome is the same
  // as writing in file order. Outcomes are taken in file order.
  //
  // While the primary key is set aside (a bulk load into an empty embedded store), only each id's
  // first object is written; the others wait in `later` (file order kept) and are written, with
  // lookups, once the key is built again: at the end (before the other indexes are), or sooner when
  // too many wait.
  const maxInflight = 2;
  const inflight: Write[] = [];
  let fresh: NewIds | null = null;
  let held: PreparedObject[] = [];
  let later: PreparedObject[] = [];
  let at = { bytesRead: 0, seen: 0 };
  const retire = async () => {
    const w = inflight.shift()!;
    const out = await w.done;
    fresh!.add(w.items);
    count(out);
    progress(w.progress.bytesRead, w.progress.seen);
    await upkeep.written(out.inserted.length);
  };
  const write = (items: PreparedObject[], knownNew?: (id: string) => boolean) =>
    db.transaction(async (tx) => {
      // PostgreSQL server: a batch's commit does not wait for its WAL to reach the disk. A server
      // crash may lose the last batches committed (each whole, with its audit entry; re-running
      // the import stores them again); a killed importer loses nothing the server acknowledged.
      if (db.engine === 'postgres') await tx.query('SET LOCAL synchronous_commit = off');
      return writeAudited(tx, items, label, opts, knownNew);
    });
  /**
   * Writes the objects that waited for the primary key, in order, a batch per transaction, once the
   * key is built again (each batch looks its ids up through it). Tried and not kept: writing them all
   * before the key is built, in one transaction whose lookups and demotions are a hashed scan of the
   * table each. Faster at 200,000 objects (0.6 s against 0.8 s); slower at a million (8.0 s against
   * 4.3 s for 32,284 held objects), where each scan of the embedded store's table costs seconds.
   */
  const writeLater = async () => {
    const size = Math.max(opts.batchSize ?? 2000, 1);
    const t = performance.now();
    for (let k = 0; k < later.length; k += size) {
      const items = later.slice(k, k + size);
      const out = await write(items);
      fresh?.add(items);
      count(out);
      await upkeep.written(out.inserted.length);
    }
    opts.onPhase?.(`write ${later.length} held objects`, performance.now() - t);
    later = [];
  };
  const dispatch = (items: PreparedObject[], reached: Write['progress']) => {
    const known = fresh!;
    const done = known.active
      // another writer stored one of the ids meanwhile: write the batch again, looking all up
      ? write(items, known.knownNew).catch((e: unknown) => (isUniqueViolation(e) ? write(items) : Promise.reject(e)))
      : write(items);
    done.catch(() => undefined); // a failure is taken up where it is awaited, not reported as unhandled meanwhile
    inflight.push({ done, items, ids: new Set(items.map((i) => i.id)), progress: reached });
  };
  try {
    for await (const b of source()) {
      for (const r of b.rejections) reject(r);
      if (!fresh) {
        await upkeep.begin(b, bytesTotal);
        fresh = new NewIds(upkeep.emptyAtStart, upkeep.primaryKeyDeferred);
      }
      if (!b.items.length && !held.length) {
        if (!inflight.length) progress(b.bytesRead, b.seen);
        continue;
      }
      at = { bytesRead: b.bytesRead, seen: b.seen };
      while (inflight.length >= maxInflight) await retire();
      let items = held.length ? [...held, ...b.items] : b.items;
      held = [];
      if (fresh.exact) {
        const first: PreparedObject[] = [];
        for (const i of items) {
          if (fresh.claim(i.id)) first.push(i);
          else later.push(detached(i)); // not the batch's whole buffer
        }
        items = first;
        if (later.length >= (opts.heldForKeyMax ?? LATER_MAX)) {
          // too many to hold: build the key now, write them, and go on with lookups
          while (inflight.length) await retire();
          await upkeep.buildPrimaryKey();
          fresh.inexact();
          await writeLater();
        }
      } else if (inflight.length) {
        const busy = (i: PreparedObject) => inflight.some((w) => w.ids.has(i.id));
        if (items.some(busy)) {
          held = items.filter(busy);
          items = items.filter((i) => !busy(i));
        }
      }
      if (items.length) dispatch(items, at);
    }
    while (inflight.length) await retire();
    if (held.length) {
      dispatch(held, at);
      await retire();
    }
  } catch (e) {
    await Promise.allSettled(inflight.map((w) => w.done));
    // build what was set aside now if the store still answers; otherwise the next import does
    await upkeep.end().catch(() => undefined);
    throw e;
  }
  if (later.length) {
    // with the primary key back (their lookups need it) but before the other indexes are built, so
    // these rows are not added to them one by one
    try {
      await upkeep.buildPrimaryKey();
      await writeLater();
    } catch (e) {
      await upkeep.end().catch(() => undefined);
      throw e;
    }
  }
  await upkeep.end();
  return report;
}

/** Objects of already-written ids held while the primary key is set aside, at most (then it is built early). */
const LATER_MAX = 100_000;

interface Write {
  done: Promise<WriteOutcome>;
  items: PreparedObject[];
  ids: Set<string>;
  /** Progress to report when this write is taken. */
  progress: { bytesRead: number; seen: number };
}

class StrictAbort extends Error {}

/**
 * Ids an import into an empty table has not written yet: they need no lookup of stored versions.
 * Written ids are kept as 28 bits of their UUID's tail (small integers: a few MB for a million);
 * two ids sharing them only cost an unneeded lookup. While the primary key is set aside there can
 * be no lookups at all, so the ids are kept whole (`exact`): each id's first object is written, the
 * others wait.
 */
class NewIds {
  private readonly written = new Set<number>();
  private claimed: Set<string> | null;

  constructor(readonly active: boolean, exact = false) {
    this.claimed = exact ? new Set() : null;
  }

  get exact(): boolean {
    return this.claimed !== null;
  }

  /** Exact mode: true the first time an id is met (its object is written now), false after. */
  claim(id: string): boolean {
    const c = this.claimed!;
    if (c.has(id)) return false;
    c.add(id);
    return true;
  }

  /** Leaves exact mode (the primary key is back): every id claimed so far counts as written. */
  inexact(): void {
    for (const id of this.claimed ?? []) {
      const k = NewIds.key(id);
      if (!Number.isNaN(k)) this.written.add(k);
    }
    this.claimed = null;
  }

  /** The last 7 hex digits of the id (NaN when they are not hex: such an id is always looked up). */
  private static key(id: string): number {
    let k = 0;
    for (let i = id.length - 7; i < id.length; i++) {
      const c = id.charCodeAt(i) | 32; // lower case
      const v = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : NaN;
      k = k * 16 + v;
    }
    return k;
  }

  /** Whether the id is known not to be stored (a snapshot: ids of the batch being written are added after). */
  readonly knownNew = (id: string): boolean => {
    // exact mode writes only first objects of their ids: none is stored
    if (this.claimed !== null) return true;
    const k = NewIds.key(id);
    return !Number.isNaN(k) && !this.written.has(k);
  };

  add(items: PreparedObject[]): void {
    for (const i of items) {
      const k = NewIds.key(i.id);
      if (!Number.isNaN(k)) this.written.add(k);
    }
  }
}

const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === '23505';

export interface ValidateReport {
  objects: number;
  valid: number;
  invalid: Rejection[];
}

/** Validates a file without storing anything. */
export async function validateFile(file: string, ctx: IngestContext = { ownerOrg: null, recipients: null }): Promise<ValidateReport> {
  const report: ValidateReport = { objects: 0, valid: 0, invalid: [] };
  for await (const b of inThreadBatches((onBytes) => readObjects(file, onBytes), ctx, 5000)) {
    report.objects = b.seen;
    report.valid += b.items.length;
    report.invalid.push(...b.rejections);
  }
  return report;
}
