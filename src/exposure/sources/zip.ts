/**
 * A small reader of zip archives held in memory (osv.dev publishes each ecosystem as `all.zip`): the
 * end-of-central-directory record, the central directory, and each file's data, stored or deflated
 * (node's zlib inflateRaw). Enough for archives of JSON documents; no zip64, encryption or spanning
 * (refused with {@link ZipError}). Why not an npm library: the format needs ~80 lines here with zlib.
 */
import { inflateRawSync } from 'node:zlib';

export class ZipError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} (byte ${offset} of the zip archive)`);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  readonly path: string;
  readonly data: Buffer;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export const isZip = (head: Buffer): boolean => head.length >= 4 && head.readUInt32LE(0) === LOCAL;

function endOfCentralDirectory(zip: Buffer): number {
  // the record is 22 bytes, followed by a comment of up to 65,535 bytes
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) if (zip.readUInt32LE(i) === EOCD) return i;
  throw new ZipError('no end-of-central-directory record: not a zip archive, or truncated', zip.length);
}

/** Every regular file of the archive, in central-directory order (directories skipped). */
export function* readZip(zip: Buffer): Generator<ZipEntry> {
  const end = endOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) throw new ZipError('zip64 archives are not supported', end);
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw new ZipError(`central directory entry ${n} is damaged`, at);
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLen = zip.readUInt16LE(at + 28);
    const extraLen = zip.readUInt16LE(at + 30);
    const commentLen = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const path = zip.toString('utf8', at + 46, at + 46 + nameLen);
    at += 46 + nameLen + extraLen + commentLen;
    if (path.endsWith('/')) continue;
    if (flags & 1) throw new ZipError(`${path} is encrypted`, local);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) throw new ZipError(`the local header of ${path} is damaged`, local);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressed);
    if (raw.length !== compressed) throw new ZipError(`${path} is truncated`, start);
    let data: Buffer;
    if (method === 0) data = raw;
    else if (method === 8) {
      try {
        data = inflateRawSync(raw);
      } catch (e) {
        throw new ZipError(`${path} does not inflate: ${(e as Error).message}`, start);
      }
    } else throw new ZipError(`${path} uses compression method ${method} (only stored and deflate are read)`, local);
    if (data.length !== size) throw new ZipError(`${path} inflates to ${data.length} bytes, not the ${size} its header says`, start);
    yield { path, data };
  }
}
