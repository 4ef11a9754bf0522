/**
 * The whole register for the in-memory engines (cascade, exposure), read fast and consistently,
 * and the changes since a given point to keep them current.
 *
 * `streamRegister` reads one snapshot (a REPEATABLE READ transaction) in pages of rows packed
 * server-side into one text value each (one value per page is far cheaper to return and parse
 * than a row per record), yielding batches of records so that a caller can build its own compact
 * structures without holding every record object at once; `loadRegister` collects them. Both
 * give `seq`, the last change sequence number the snapshot includes: apply
 * `changesSince(db, seq)` next. Register writes are serialised (`repository.lockRegister`), so
 * sequence numbers commit in order and no change is skipped.
 */
import type { Db, Queryable } from '../store/db.js';
import type { AssetRecord, ComponentRecord } from './model.js';
import { fieldsOf, type Entity } from './fields.js';
import type { StoredDependency } from './validate.js';

export type RegisterBatch =
  | { entity: 'asset'; records: AssetRecord[] }
  | { entity: 'component'; records: ComponentRecord[] }
  | { entity: 'dependency'; records: StoredDependency[] };

export interface RegisterSnapshot {
  assets: AssetRecord[];
  dependencies: StoredDependency[];
  components: ComponentRecord[];
  /** The last change (register_change.seq) the snapshot includes; 0 when none. */
  seq: number;
}

export interface RegisterChange {
  seq: number;
  /** ISO 8601 time of the change. */
  at: string;
  entity: Entity;
  id: string;
  op: 'upsert' | 'delete';
}

export interface LoadOptions {
  /** Read components too (default true). */
  components?: boolean | undefined;
  /** Read dependencies too (default true; the exposure engine needs none). */
  dependencies?: boolean | undefined;
  /** Rows per page (default 50,000). */
  pageSize?: number | undefined;
}

const SEP = '\u001f'; // unit separator: never in validated ids; text fields are escaped below

/** A page of rows as one text value: fields separated by U+001F, rows by newlines, NULL as \N, text JSON-escaped. */
function pageSql(e: Entity): string {
  const parts = fieldsOf(e).map((f) => {
    const c = `t.${f.sql}`;
    switch (f.type) {
      case 'text': return `coalesce(to_json(${c})::text, '\\N')`;
      case 'bool': return `CASE WHEN ${c} THEN '1' ELSE '0' END`;
      default: return `coalesce(${c}::text, '\\N')`;
    }
  });
  return `SELECT max(id) AS last, string_agg(${parts.join(` || '${SEP}' || `)}, E'\\n' ORDER BY id) AS v
            FROM (SELECT * FROM ${e} WHERE id > $1 ORDER BY id LIMIT $2) t`;
}

function decodePage<R>(e: Entity, v: string): R[] {
  const fs = fieldsOf(e);
  const out: R[] = [];
  for (const line of v.split('\n')) {
    const cells = line.split(SEP);
    const r: Record<string, unknown> = {};
    for (let k = 0; k < fs.length; k++) {
      const f = fs[k]!;
      const c = cells[k]!;
      if (c === '\\N') r[f.key] = null;
      else if (f.type === 'text') r[f.key] = JSON.parse(c);
      else if (f.type === 'bool') r[f.key] = c === '1';
      else r[f.key] = Number(c);
    }
    out.push(r as R);
  }
  return out;
}

async function* pages(q: Queryable, e: Entity, size: number): AsyncGenerator<unknown[]> {
  let after = '';
  const sql = pageSql(e);
  for (;;) {
    const [r] = await q.query<{ last: string | null; v: string | null }>(sql, [after, size]);
    if (!r?.v || r.last === null) return;
    yield decodePage(e, r.v);
    after = r.last;
  }
}

/**
 * The register in batches from one snapshot: `{ seq }` first, then assets, dependencies and
 * components (unless left out). The snapshot's transaction stays open until the last batch has
 * been taken: do not wait on other queries of the same store while iterating (the embedded store
 * serves one transaction at a time, so such a query would wait for this one, which waits for
 * the loop) — collect first, or use loadRegister.
 */
export async function* streamRegister(db: Db, opts: LoadOptions = {}): AsyncGenerator<RegisterBatch | { seq: number }> {
  const size = opts.pageSize ?? 50_000;
  // a generator cannot yield from inside db.transaction's callback: read pages in the
  // transaction and hand them over through a small queue
  const queue: (RegisterBatch | { seq: number } | null)[] = [];
  let wake: (() => void) | null = null;
  let failure: unknown = null;
  let resumeReader: (() => void) | null = null;
  const push = async (x: RegisterBatch | { seq: number } | null) => {
    queue.push(x);
    wake?.();
    while (queue.length > 2) await new Promise<void>((r) => (resumeReader = r));
  };
  const reading = db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const [s] = await tx.query<{ seq: string | null }>('SELECT max(seq)::text AS seq FROM register_change');
    await push({ seq: Number(s?.seq ?? 0) });
    const entities: Entity[] = [
      'asset',
      ...(opts.dependencies === false ? [] : ['dependency' as const]),
      ...(opts.components === false ? [] : ['component' as const]),
    ];
    for (const e of entities) {
      for await (const records of pages(tx, e, size)) await push({ entity: e, records } as RegisterBatch);
    }
  }).then(() => push(null), (e: unknown) => {
    failure = e;
    return push(null);
  });
  try {
    for (;;) {
      if (queue.length === 0) await new Promise<void>((r) => (wake = r));
      wake = null;
      const x = queue.shift();
      (resumeReader as (() => void) | null)?.();
      if (x === null) break;
      if (x !== undefined) yield x;
    }
  } finally {
    await reading;
  }
  if (failure) throw failure;
}

/** The whole register from one snapshot. */
export async function loadRegister(db: Db, opts: LoadOptions = {}): Promise<RegisterSnapshot> {
  const snap: RegisterSnapshot = { assets: [], dependencies: [], components: [], seq: 0 };
  for await (const b of streamRegister(db, opts)) {
    if ('seq' in b) snap.seq = b.seq;
    else if (b.entity === 'asset') for (const r of b.records) snap.assets.push(r);
    else if (b.entity === 'dependency') for (const r of b.records) snap.dependencies.push(r);
    else for (const r of b.records) snap.components.push(r);
  }
  return snap;
}

/**
 * Changes after `seq`, oldest first, at most `limit` (default 100,000): each names the entity,
 * the record id and whether it was written (upsert: read the record again) or deleted.
 */
export async function changesSince(db: Queryable, seq: number, limit = 100_000): Promise<RegisterChange[]> {
  // ORDER BY names the table's column: a bare `seq` would be the text output column ('10' before
  // '9'), sorted by a scan of the whole log, and a round cut by the limit could skip changes
  const rows = await db.query<{ seq: string; at: string; entity: Entity; id: string; op: 'upsert' | 'delete' }>(
    `SELECT seq::text AS seq, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, entity, id, op
       FROM register_change WHERE seq > $1::bigint ORDER BY register_change.seq LIMIT $2`,
    [String(Math.floor(seq)), Math.max(1, Math.floor(limit))],
  );
  return rows.map((r) => ({ seq: Number(r.seq), at: r.at, entity: r.entity, id: r.id, op: r.op }));
}
