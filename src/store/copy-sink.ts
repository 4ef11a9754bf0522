/**
 * Bulk loading through `COPY … FROM STDIN`, the same SQL statement on both engines; only the
 * transport differs (the adapters implement it). PGlite takes the statement and its data as one
 * buffer of protocol messages (Query, CopyData, CopyDone); node-postgres sends the data when the
 * server asks for it (a small submittable query, no extra dependency).
 */
import type { Queryable } from './db.js';

export interface CopySink {
  /** Runs `COPY … FROM STDIN` with `data` (in the format the statement names) and returns the number of rows loaded. */
  copyFrom(sql: string, data: Uint8Array): Promise<number>;
}

/** True when `q` (a transaction of one of the adapters) can take COPY data. */
export function canCopy(q: Queryable): q is Queryable & CopySink {
  return typeof (q as Partial<CopySink>).copyFrom === 'function';
}

const SPECIAL = /[\\\n\r\t]/;
const SPECIAL_G = /[\\\n\r\t]/g;
const ESC: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A text value escaped for a field of COPY's text format. */
export function copyText(s: string): string {
  return SPECIAL.test(s) ? s.replace(SPECIAL_G, (c) => ESC[c]!) : s;
}

const Q = 0x51, D = 0x64, C = 0x63; // 'Q' query, 'd' CopyData, 'c' CopyDone

/** Query + CopyData + CopyDone frames for one `COPY … FROM STDIN` (simple query protocol). */
export function copyInMessages(sql: string, data: Uint8Array): Uint8Array {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const out = Buffer.allocUnsafe(5 + text.length + 5 + data.length + 5);
  let o = 0;
  out[o] = Q;
  out.writeInt32BE(4 + text.length, o + 1);
  text.copy(out, o + 5);
  o += 5 + text.length;
  out[o] = D;
  out.writeInt32BE(4 + data.length, o + 1);
  out.set(data, o + 5);
  o += 5 + data.length;
  out[o] = C;
  out.writeInt32BE(4, o + 1);
  return out;
}

/** Rows count from a `COPY n` command tag. */
export function copyCount(tag: string | undefined): number {
  const m = /^COPY (\d+)/.exec(tag ?? '');
  return m ? Number(m[1]) : 0;
}
