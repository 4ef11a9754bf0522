/**
 * Rows of stix_object in PostgreSQL's binary COPY format, for `COPY stix_object (…) FROM STDIN
 * (FORMAT binary)`: per row a field count, then each field as a 4-byte length (-1 for NULL) and
 * its bytes in the type's binary form (text as UTF-8, bool one byte, smallint two, jsonb a version
 * byte and the JSON text, text[] PostgreSQL's array header and elements).
 *
 * Binary rather than text: the server no longer scans every byte of a row for tabs, newlines and
 * backslashes, nor parses array literals. Measured on 200,000 stored rows: the embedded store's
 * COPY went from 35-44 to 24-26 µs per row; a PostgreSQL server's from ~11.6 to ~8.5 µs per row
 * for the bare table (its indexes and tsvector cost the same either way).
 *
 * The import's worker thread encodes each batch's rows into one buffer that is handed to the
 * main thread without copying (so the thread that runs the embedded database only patches and
 * forwards bytes); the first field of every row is `is_latest`, one byte at a fixed offset that
 * the writer sets once it has decided the row's place among the stored versions. Objects prepared
 * in the main thread are encoded when they are written.
 */
import type { TlpLevel } from '../access/policy.js';
import type { StixObject } from '../stix/types.js';
import type { PreparedObject } from './object-repository.js';

/** The column list of every COPY into stix_object; rows give the fields in this order. */
export const COPY_COLUMNS =
  'is_latest, id, version, type, revoked, doc, content_hash, tlp, classification, owner_org, recipients, labels, marking_refs';
const FIELDS = 13;
/** Offset of the is_latest byte in a row: after the field count (2 bytes) and its length (4). */
const LATEST_AT = 6;
/** PostgreSQL's type oid of text (the element type of the text[] columns). */
const TEXT_OID = 25;
/** The binary COPY header: signature, flags, header-extension length. */
const HEADER = Uint8Array.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
/** The binary COPY trailer: a field count of -1. */
const TRAILER = Uint8Array.from([0xff, 0xff]);

const arrayChars = (a: readonly string[] | null) => {
  if (a === null) return 0;
  let n = 20;
  for (const v of a) n += 4 + v.length;
  return n;
};

/** Appends binary COPY rows to one growing buffer. */
export class RowWriter {
  private buf: Buffer;
  private off = 0;
  private readonly starts: number[] = [];

  constructor(capacity = 1 << 21) {
    this.buf = Buffer.allocUnsafeSlow(capacity);
  }

  /** Appends the row of `i` (in COPY_COLUMNS order) with is_latest = `latest`. */
  push(i: PreparedObject, latest: boolean): void {
    // an upper bound: UTF-8 takes at most 3 bytes per UTF-16 unit; lengths and headers are counted in chars too
    const most = 96 + 3 * (i.id.length + i.version.length + i.type.length + i.json.length + i.hash.length + (i.tlp?.length ?? 0) +
      (i.ownerOrg?.length ?? 0) + arrayChars(i.recipients) + arrayChars(i.labels) + arrayChars(i.markingRefs));
    if (this.buf.length - this.off < most) {
      const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.off + most));
      this.buf.copy(next, 0, 0, this.off);
      this.buf = next;
    }
    this.starts.push(this.off);
    const b = this.buf;
    b.writeInt16BE(FIELDS, this.off);
    this.off += 2;
    this.byte(latest ? 1 : 0);
    this.text(i.id);
    this.text(i.version);
    this.text(i.type);
    this.byte(i.revoked ? 1 : 0);
    // jsonb: format version 1, then the JSON text
    const at = this.off;
    b[at + 4] = 1;
    const n = b.write(i.json, at + 5, 'utf8');
    b.writeInt32BE(n + 1, at);
    this.off = at + 5 + n;
    this.text(i.hash);
    this.text(i.tlp);
    b.writeInt32BE(2, this.off);
    b.writeInt16BE(i.classification, this.off + 4);
    this.off += 6;
    this.text(i.ownerOrg);
    this.array(i.recipients);
    this.array(i.labels);
    this.array(i.markingRefs);
  }

  private byte(v: number): void {
    this.buf.writeInt32BE(1, this.off);
    this.buf[this.off + 4] = v;
    this.off += 5;
  }

  private text(s: string | null): void {
    if (s === null) {
      this.buf.writeInt32BE(-1, this.off);
      this.off += 4;
      return;
    }
    const n = this.buf.write(s, this.off + 4, 'utf8');
    this.buf.writeInt32BE(n, this.off);
    this.off += 4 + n;
  }

  /** A text[] value; NULL when empty, as the writer has always stored it. */
  private array(a: readonly string[] | null): void {
    if (a === null || a.length === 0) {
      this.text(null);
      return;
    }
    const b = this.buf;
    const at = this.off;
    b.writeInt32BE(1, at + 4); // dimensions
    b.writeInt32BE(0, at + 8); // has nulls
    b.writeInt32BE(TEXT_OID, at + 12);
    b.writeInt32BE(a.length, at + 16);
    b.writeInt32BE(1, at + 20); // lower bound
    this.off = at + 24;
    for (const v of a) this.text(v);
    b.writeInt32BE(this.off - at - 4, at);
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

/** One row in COPY_COLUMNS order. */
export function copyRow(i: PreparedObject, latest: boolean): Uint8Array {
  const w = new RowWriter(1024);
  w.push(i, latest);
  return w.finish().rows;
}

/** Encoded rows of one batch: `rows` holds row k in bytes [starts[k], starts[k + 1]). */
export interface RowBlock {
  rows: Uint8Array;
  starts: Int32Array;
}

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

/**
 * A prepared object whose row is already encoded (by the import's worker). The keys the writer
 * decides on are plain fields; everything else is decoded from the row only if asked for.
 */
export class StagedObject implements PreparedObject {
  private offsets: Int32Array | undefined;
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

  /** Byte offset of each field's length word, decoded once. */
  private at(n: number): number {
    if (!this.offsets) {
      const { rows, starts } = this.block;
      const v = new DataView(rows.buffer, rows.byteOffset);
      const o = new Int32Array(FIELDS);
      let p = starts[this.row]! + 2;
      for (let k = 0; k < FIELDS; k++) {
        o[k] = p;
        p += 4 + Math.max(0, v.getInt32(p));
      }
      this.offsets = o;
    }
    return this.offsets[n]!;
  }

  /** Field n's bytes (without its length word; `skip` leading bytes left out), or null. */
  private bytes(n: number, skip = 0): Buffer | null {
    const { rows } = this.block;
    const p = this.at(n);
    const len = new DataView(rows.buffer, rows.byteOffset).getInt32(p);
    return len < 0 ? null : Buffer.from(rows.buffer, rows.byteOffset + p + 4 + skip, len - skip);
  }

  private field(n: number): string | null {
    return this.bytes(n)?.toString('utf8') ?? null;
  }

  get json(): string {
    return this.bytes(5, 1)!.toString('utf8'); // after the jsonb format version
  }
  get obj(): StixObject {
    return (this.parsed ??= JSON.parse(this.json) as StixObject);
  }
  get tlp(): TlpLevel | null {
    return this.field(7) as TlpLevel | null;
  }
  get classification(): number {
    return this.bytes(8)!.readInt16BE(0);
  }
  get ownerOrg(): string | null {
    return this.field(9);
  }
  get recipients(): string[] | null {
    return textArray(this.bytes(10));
  }
  get labels(): string[] | null {
    return textArray(this.bytes(11));
  }
  get markingRefs(): string[] | null {
    return textArray(this.bytes(12));
  }
}

/** A one-dimensional binary text[] (as RowWriter writes it). */
function textArray(b: Buffer | null): string[] | null {
  if (b === null) return null;
  const n = b.readInt32BE(12);
  const out: string[] = new Array(n);
  let p = 20;
  for (let k = 0; k < n; k++) {
    const len = b.readInt32BE(p);
    out[k] = b.toString('utf8', p + 4, p + 4 + len);
    p += 4 + len;
  }
  return out;
}

/**
 * The binary COPY data (header, rows, trailer) for `items` in order, each row with its `is_latest`
 * decided by `latest`. Rows already encoded are patched in place and passed on as slices of their
 * block (adjacent rows of a block as one slice); the others are encoded now.
 */
export function copyData(items: readonly PreparedObject[], latest: (i: PreparedObject) => boolean): Uint8Array {
  const parts: Uint8Array[] = [HEADER];
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
      rows[s + LATEST_AT] = latest(i) ? 1 : 0;
      if (block === i.block && s === runEnd) runEnd = starts[i.row + 1]!;
      else {
        flush();
        block = i.block;
        runStart = s;
        runEnd = starts[i.row + 1]!;
      }
    } else {
      flush();
      parts.push(copyRow(i, latest(i)));
    }
  }
  flush();
  parts.push(TRAILER);
  return Buffer.concat(parts);
}
