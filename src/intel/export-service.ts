/**
 * Streams a STIX bundle of the latest versions the subject may see, filtered, page by page:
 * memory stays bounded whatever the store's size.
 */
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { KnowledgeService, ListQuery } from './knowledge-service.js';
import type { Subject } from '../access/policy.js';

export type ExportFilter = Omit<ListQuery, 'cursor' | 'limit'>;

function write(out: Writable, s: string): Promise<void> | void {
  if (!out.write(s)) return new Promise((resolve) => out.once('drain', () => resolve()));
}

/** Writes `{"type":"bundle","id":…,"objects":[…]}` to `out`; returns the number of objects written. */
export async function exportBundle(svc: KnowledgeService, s: Subject, filter: ExportFilter, out: Writable): Promise<number> {
  let n = 0;
  // the first page is read before anything is written, so bad filters fail as a clean error
  let page = await svc.list(s, { ...filter, limit: 1000 });
  await write(out, `{"type":"bundle","id":"bundle--${randomUUID()}","objects":[`);
  let cursor: string | undefined;
  for (;;) {
    let chunk = '';
    for (const o of page.items) {
      chunk += (n++ === 0 ? '\n' : ',\n') + JSON.stringify(o);
    }
    if (chunk) await write(out, chunk);
    cursor = page.next ?? undefined;
    if (!cursor) break;
    page = await svc.list(s, { ...filter, cursor, limit: 1000 });
  }
  await write(out, '\n]}\n');
  return n;
}
