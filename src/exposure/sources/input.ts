/**
 * Byte sources for the parsers: a file (gzip or plain, told apart by the gzip magic bytes, not the file
 * name), a buffer, or any chunk stream. Chunks are 1 MiB.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';

export type ByteSource = string | Buffer | AsyncIterable<Buffer>;

const CHUNK = 1 << 20;

function isGzip(head: Buffer): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

async function fileIsGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    return isGzip(head.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

/** The decompressed bytes of a source as chunks. */
export async function* chunksOf(source: ByteSource): AsyncGenerator<Buffer> {
  if (typeof source === 'string') {
    const raw = createReadStream(source, { highWaterMark: CHUNK });
    if (await fileIsGzip(source)) {
      yield* raw.pipe(createGunzip({ chunkSize: CHUNK })) as AsyncIterable<Buffer>;
    } else {
      yield* raw as AsyncIterable<Buffer>;
    }
    return;
  }
  if (Buffer.isBuffer(source)) {
    const data = isGzip(source) ? gunzipSync(source) : source;
    for (let i = 0; i < data.length; i += CHUNK) yield data.subarray(i, Math.min(data.length, i + CHUNK));
    return;
  }
  // a chunk stream: gunzip it when its first bytes say so
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const rest: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => it };
  if (isGzip(first.value)) {
    const joined = Readable.from((async function* () { yield first.value; yield* rest; })());
    yield* joined.pipe(createGunzip({ chunkSize: CHUNK })) as AsyncIterable<Buffer>;
  } else {
    yield first.value;
    yield* rest;
  }
}
