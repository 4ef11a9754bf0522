/**
 * The JSON documents of a source of advisories, whatever it is packed in: a directory (every `.json`
 * below it, in name order), a tar / tar.gz or a zip archive (told by magic bytes in the decompressed
 * data, not the file name; their `.json` entries in archive order), or one document (file, buffer or
 * stream, plain or gzip). Each comes with its path (or the file name / `(document)`) and its 0-based
 * position among the documents (CSAF and OSV advisories both come this way).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type ByteSource, chunksOf } from './input.js';
import { readTar } from './tar.js';
import { isZip, readZip } from './zip.js';

export interface JsonDocument {
  readonly index: number;
  readonly path: string;
  readonly text: string;
}

const isTar = (head: Buffer): boolean => head.length >= 262 && head.toString('ascii', 257, 262) === 'ustar';

export async function* jsonDocuments(source: ByteSource): AsyncGenerator<JsonDocument> {
  let index = 0;
  if (typeof source === 'string' && statSync(source).isDirectory()) {
    const files = (readdirSync(source, { recursive: true }) as string[]).filter((f) => f.endsWith('.json')).sort();
    for (const f of files) yield { index: index++, path: f, text: readFileSync(join(source, f), 'utf8') };
    return;
  }
  const it = chunksOf(source)[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const rest = async function* (): AsyncGenerator<Buffer> {
    yield first.value;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  };
  if (isTar(first.value)) {
    for await (const e of readTar(rest())) if (e.path.endsWith('.json')) yield { index: index++, path: e.path, text: e.data.toString('utf8') };
    return;
  }
  const parts: Buffer[] = [];
  for await (const c of rest()) parts.push(c);
  const all = Buffer.concat(parts);
  if (isZip(all)) {
    for (const e of readZip(all)) if (e.path.endsWith('.json')) yield { index: index++, path: e.path, text: e.data.toString('utf8') };
    return;
  }
  yield { index: 0, path: typeof source === 'string' ? source : '(document)', text: all.toString('utf8') };
}
