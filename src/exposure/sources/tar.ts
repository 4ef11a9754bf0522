/**
 * A small streaming reader of tar archives (POSIX ustar, with GNU long names `L` and pax `x` headers for
 * long paths), enough to read an archive of advisories straight from its `.tar.gz` through node's zlib
 * without unpacking it to disk. Yields each regular file's path and bytes; directories, links and other
 * entries are skipped. A truncated archive or a bad header checksum raises {@link TarError}.
 *
 * Why not an npm library: the format needs ~100 lines here, node-tar brings a tree of dependencies and
 * a filesystem-extraction focus we do not need, and reading in memory one entry at a time is all we do.
 */
import { type ByteSource, chunksOf } from './input.js';

export class TarError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} (byte ${offset} of the tar stream)`);
    this.name = 'TarError';
  }
}

export interface TarEntry {
  readonly path: string;
  readonly data: Buffer;
}

const BLOCK = 512;

function field(h: Buffer, start: number, len: number): string {
  const end = h.indexOf(0, start);
  return h.toString('utf8', start, end === -1 || end > start + len ? start + len : end);
}

function octal(h: Buffer, start: number, len: number): number {
  // GNU base-256 for large sizes: high bit of the first byte set
  if ((h[start]! & 0x80) !== 0) {
    let v = 0;
    for (let i = start + 1; i < start + len; i++) v = v * 256 + h[i]!;
    return v;
  }
  const s = field(h, start, len).trim();
  return s === '' ? 0 : parseInt(s, 8);
}

function checksumOk(h: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
  return sum === octal(h, 148, 8);
}

/** pax extended header records: "LEN key=value\n". */
function paxPath(data: Buffer): string | undefined {
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(32, i);
    if (sp === -1) break;
    const len = parseInt(data.toString('ascii', i, sp), 10);
    if (!(len > 0)) break;
    const rec = data.toString('utf8', sp + 1, i + len - 1);
    const eq = rec.indexOf('=');
    if (rec.slice(0, eq) === 'path') return rec.slice(eq + 1);
    i += len;
  }
  return undefined;
}

export async function* readTar(source: ByteSource): AsyncGenerator<TarEntry> {
  let buf: Buffer = Buffer.alloc(0);
  let offset = 0; // of buf[0] in the stream
  let longName: string | undefined;
  let zeroBlocks = 0;
  const chunks = chunksOf(source)[Symbol.asyncIterator]();
  let done = false;
  const need = async (n: number): Promise<boolean> => {
    while (buf.length < n && !done) {
      const r = await chunks.next();
      if (r.done) done = true;
      else buf = buf.length === 0 ? r.value : Buffer.concat([buf, r.value]);
    }
    return buf.length >= n;
  };
  const take = (n: number): Buffer => {
    const out = buf.subarray(0, n);
    buf = buf.subarray(n);
    offset += n;
    return out;
  };
  for (;;) {
    if (!(await need(BLOCK))) {
      if (buf.length === 0) return; // no end-of-archive blocks: accepted, as tar itself does
      throw new TarError('the archive ends inside a header', offset);
    }
    const h = take(BLOCK);
    if (h.every((b) => b === 0)) {
      if (++zeroBlocks === 2) return;
      continue;
    }
    zeroBlocks = 0;
    if (!checksumOk(h)) throw new TarError('bad header checksum', offset - BLOCK);
    const size = octal(h, 124, 12);
    const type = String.fromCharCode(h[156] || 48);
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    if (!(await need(padded))) throw new TarError(`the archive ends inside an entry of ${size} bytes`, offset);
    const data = Buffer.from(take(padded).subarray(0, size));
    if (type === 'L') { longName = data.toString('utf8').replace(/\0+$/, ''); continue; }
    if (type === 'x') { longName = paxPath(data) ?? longName; continue; }
    if (type === 'g') continue;
    const magic = h.toString('ascii', 257, 262);
    const prefix = magic === 'ustar' ? field(h, 345, 155) : '';
    const name = longName ?? (prefix ? `${prefix}/${field(h, 0, 100)}` : field(h, 0, 100));
    longName = undefined;
    if (type === '0' || type === '7') yield { path: name, data };
  }
}
