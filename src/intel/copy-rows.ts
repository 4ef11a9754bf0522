/**
 * Rows of stix_object in PostgreSQL's COPY text format (tab-separated, backslash escapes, \N for
 * NULL), for `COPY stix_object (…) FROM STDIN`.
 *
 * The import's worker thread encodes each batch's rows into one UTF-8 buffer that is handed to the
 * main thread without copying (so the thread that runs the embedded database only patches and
 * forwards bytes); the first field of every row is `is_latest`, one byte that the writer sets once
 * it has decided the row's place among the stored versions. Objects prepared in the main thread
 * are encoded when they are written.
 */
import type { TlpLevel } from '../access/policy.js';
import type { StixObject } from '../stix/types.js';
import type { PreparedObject } from './object-repository.js';

/** The column list of every COPY into stix_object; rows give the fields in this order. */
export const COPY_COLUMNS =
  'is_latest, id, version, type, revoked, doc, content_hash, tlp, classification, owner_org, recipients, labels, marking_refs';

const T = 0x74, F = 0x66; // 't', 'f'
const SPECIAL = /[\\\n\r\t]/;
const SPECIAL_G = /[\\\n\r\t]/g;
const ESC: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A text value escaped for a COPY text field. */
export function copyText(s: string): string {
  return SPECIAL.test(s) ? s.replace(SPECIAL_G, (c) => ESC[c]!) : s;
}

/** Compact JSON (JSON.stringify output: no raw control characters) escaped for a COPY text field. */
function copyJson(json: string): string {
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
}

/** A text[] value (NULL when empty, as the writer has always stored it) for a COPY text field. */
function copyArray(a: readonly string[] | null): string {
  if (a === null || a.length === 0) return '\\N';
  let s = '{';
  for (let k = 0; k < a.length; k++) {
    const v = a[k]!;
    s += `${k ? ',' : ''}"${/["\\]/.test(v) ? v.replace(/["\\]/g, '\\$&') : v}"`;
  }
  return copyText(`${s}}`);
}

/** One row (with its newline) in COPY_COLUMNS order. */
export function copyRow(i: PreparedObject, latest: boolean): string {
  return `${latest ? 't' : 'f'}\t${copyText(i.id)}\t${copyText(i.version)}\t${copyText(i.type)}\t${i.revoked ? 't' : 'f'}\t` +
    `${copyJson(i.json)}\t${i.hash}\t${i.tlp ?? '\\N'}\t${i.classification}\t${i.ownerOrg === null ? '\\N' : copyText(i.ownerOrg)}\t` +
    `${copyArray(i.recipients)}\t${copyArray(i.labels)}\t${copyArray(i.markingRefs)}\n`;
}

/** Encoded rows of one batch: `rows` holds row k in bytes [starts[k], starts[k + 1]). */
export interface RowBlock {
  rows: Uint8Array;
  starts: Int32Array;
}

/** Appends rows to one growing UTF-8 buffer. */
export class RowWriter {
  private buf: Buffer;
  private off = 0;
  private readonly starts: number[] = [];

  constructor(capacity = 1 << 21) {
    this.buf = Buffer.allocUnsafeSlow(capacity);
  }

  push(row: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit
    if (this.buf.length - this.off < row.length * 3) {
      const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.off + row.length * 3));
      this.buf.copy(next, 0, 0, this.off);
      this.buf = next;
    }
    this.starts.push(this.off);
    this.off += this.buf.write(row, this.off, 'utf8');
  }

  /** The rows so far; the writer must not be used afterwards. */
  finish(): RowBlock {
    const starts = Int32Array.from(this.starts);
    const withEnd = new Int32Array(starts.length + 1);
    withEnd.set(starts);
    withEnd[starts.length] = this.off;
    return { rows: new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.off), starts: withEnd };
  }
}

/**
 * A prepared object whose row is already encoded (by the import's worker). The keys the writer
 * decides on are plain fields; everything else is decoded from the row only if asked for.
 */
/**
 * The object holding only its own bytes: a StagedObject keeps its whole batch's buffer alive, so
 * one kept past its batch (e.g. waiting for the primary key) gets a copy of its row instead.
 */
export function detached(i: PreparedObject): PreparedObject {
  if (!(i instanceof StagedObject)) return i;
  const { rows, starts } = i.block;
  const own = rows.slice(starts[i.row]!, starts[i.row + 1]!);
  return new StagedObject({ rows: own, starts: Int32Array.of(0, own.length) }, 0, i.index, i.id, i.type, i.revoked, i.stamp, i.hash, i.version);
}

export class StagedObject implements PreparedObject {
  private decoded: string[] | undefined;
  private parsed: StixObject | undefined;

  constructor(
    readonly block: RowBlock,
    readonly row: number,
    public index: number,
    public id: string,
    public type: string,
    public revoked: boolean,
    public stamp: string | undefined,
    public hash: string,
    public version: string,
  ) {}

  private field(n: number): string | null {
    if (!this.decoded) {
      const { rows, starts } = this.block;
      const text = Buffer.from(rows.buffer, rows.byteOffset + starts[this.row]!, starts[this.row + 1]! - starts[this.row]! - 1).toString('utf8');
      this.decoded = text.split('\t');
    }
    const f = this.decoded[n]!;
    return f === '\\N' ? null : unescapeCopyText(f);
  }

  get json(): string {
    return this.field(5)!;
  }
  get obj(): StixObject {
    return (this.parsed ??= JSON.parse(this.json) as StixObject);
  }
  get tlp(): TlpLevel | null {
    return this.field(7) as TlpLevel | null;
  }
  get classification(): number {
    return Number(this.field(8));
  }
  get ownerOrg(): string | null {
    return this.field(9);
  }
  get recipients(): string[] | null {
    return parseTextArray(this.field(10));
  }
  get labels(): string[] | null {
    return parseTextArray(this.field(11));
  }
  get markingRefs(): string[] | null {
    return parseTextArray(this.field(12));
  }
}

function unescapeCopyText(f: string): string {
  if (!f.includes('\\')) return f;
  return f.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : c));
}

function parseTextArray(lit: string | null): string[] | null {
  if (lit === null) return null;
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(lit); m; m = re.exec(lit)) out.push(m[1]!.replace(/\\(.)/g, '$1'));
  return out;
}

/**
 * The COPY data for `items` in order, each row with its `is_latest` decided by `latest`. Rows
 * already encoded are patched in place and passed on as slices of their block (adjacent rows of
 * a block as one slice); the others are encoded now.
 */
export function copyData(items: readonly PreparedObject[], latest: (i: PreparedObject) => boolean): Uint8Array {
  const parts: Uint8Array[] = [];
  let block: RowBlock | null = null;
  let runStart = 0;
  let runEnd = 0;
  const flush = () => {
    if (block) parts.push(block.rows.subarray(runStart, runEnd));
    block = null;
  };
  for (const i of items) {
    if (i instanceof StagedObject) {
      const { rows, starts } = i.block;
      const s = starts[i.row]!;
      rows[s] = latest(i) ? T : F;
      if (block === i.block && s === runEnd) runEnd = starts[i.row + 1]!;
      else {
        flush();
        block = i.block;
        runStart = s;
        runEnd = starts[i.row + 1]!;
      }
    } else {
      flush();
      parts.push(Buffer.from(copyRow(i, latest(i)), 'utf8'));
    }
  }
  flush();
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}
