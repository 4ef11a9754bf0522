/**
 * Streaming export of the register in the import formats, page by page through the access policy
 * (memory bounded by one page): CSV (one record type, the same header an import reads, written by
 * csv-stringify), JSON (an array) or JSON lines, each record with its `recordType`. A JSON export
 * without a type holds every record type in import order (organisations, sites, systems,
 * components, dependencies), so that one file re-imports the whole visible register.
 */
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../store/db.js';
import { authorize, registerPredicate, type Subject } from '../access/policy.js';
import { errors } from '../errors.js';
import { entityOf, fieldsOf, type RecordType } from './fields.js';
import * as repo from './repository.js';
import type { AuditAppender } from './register-service.js';

export const EXPORT_FORMATS = ['csv', 'json', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const MEDIA_TYPES: Record<ExportFormat, string> = { csv: 'text/csv; charset=utf-8', json: 'application/json', jsonl: 'application/x-ndjson' };

const PAGE = 5000;
const ALL: RecordType[] = ['organisation', 'site', 'system', 'component', 'dependency'];

async function write(out: Writable, text: string): Promise<void> {
  if (text && !out.write(text)) {
    await new Promise<void>((resolve, reject) => {
      const done = (e?: Error) => {
        out.off('drain', done);
        out.off('error', done);
        out.off('close', closed);
        if (e) reject(e);
        else resolve();
      };
      const closed = () => done(new Error('the output closed before the export ended'));
      out.on('drain', done);
      out.on('error', done);
      out.on('close', closed);
    });
  }
}

/** The records of one type the subject may read, page by page (sites and systems by kind). */
export async function* visibleRecords(db: Db, s: Subject, t: RecordType): AsyncGenerator<Record<string, unknown>[]> {
  const e = entityOf(t);
  const f: repo.Filter[] = t === 'site' || t === 'system' ? [{ column: 'kind', op: '=', value: t }] : [];
  let after: string | null = null;
  for (;;) {
    const rows: Record<string, unknown>[] = await repo.listRecords<Record<string, unknown>>(db, e, f, after, PAGE, (col, params) => registerPredicate(s, col, params));
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE) return;
    after = String(rows[rows.length - 1]!.id);
  }
}

/** Keeps the fields of a record type's files, in their order. */
function pick(t: RecordType, r: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fieldsOf(t)) out[f.key] = r[f.key] ?? null;
  return out;
}

export interface ExportOptions {
  /** One record type; required for CSV; a JSON export without one holds them all. */
  type?: RecordType | undefined;
  format: ExportFormat;
  audit?: AuditAppender | undefined;
  /** Called once the first page has been read (nothing is written before: errors can still be answered cleanly). */
  onStart?: (() => void) | undefined;
}

/** Streams the export to `out` (not ended here); returns the number of records written. */
export async function exportRegister(db: Db, s: Subject, out: Writable, o: ExportOptions): Promise<number> {
  authorize(s, 'register:read');
  if (o.format === 'csv' && !o.type) throw errors.badRequest('A CSV export holds one record type: give the type (organisations, sites, systems, assets, components, dependencies).', [{ path: 'type', message: 'required for csv' }]);
  const types = o.type ? [o.type] : ALL;
  let n = 0;
  let started = false;
  const start = async (head: string) => {
    if (!started) {
      started = true;
      o.onStart?.();
      await write(out, head);
    }
  };
  for (const t of types) {
    const fs = fieldsOf(t);
    if (o.format === 'csv') {
      await start('');
      await write(out, stringify([fs.map((f) => f.csv)]));
    }
    for await (const page of visibleRecords(db, s, t)) {
      if (o.format === 'csv') {
        await write(out, stringify(page.map((r) => fs.map((f) => {
          const v = r[f.key];
          return v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);
        }))));
      } else {
        await start(o.format === 'json' ? '[\n' : '');
        const lines = page.map((r) => JSON.stringify({ recordType: t, ...pick(t, r) }));
        await write(out, (o.format === 'json' ? (n > 0 ? ',\n' : '') + lines.join(',\n') : `${lines.join('\n')}\n`));
      }
      n += page.length;
    }
  }
  await start(o.format === 'json' ? '[\n' : '');
  if (o.format === 'json') await write(out, '\n]\n');
  if (o.audit) {
    const audit = o.audit;
    await db.transaction((tx) => audit(tx, { actor: s.username, action: 'register.export', target: null, detail: { type: o.type ?? 'all', format: o.format, records: n } }));
  }
  return n;
}
