/**
 * Where CSAF advisories come from: a directory (every `.json` below it, in name order), a tar or
 * tar.gz archive of them (told by the tar magic in the decompressed bytes, not the file name), or a
 * single JSON document (file, buffer or stream, plain or gzip).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsafText, readCsafArchive, type CsafItem } from '../sources/csaf-advisory.js';
import { type ByteSource, chunksOf } from '../sources/input.js';

const isTar = (head: Buffer): boolean => head.length >= 262 && head.toString('ascii', 257, 262) === 'ustar';

export async function* csafDocuments(source: ByteSource): AsyncGenerator<CsafItem> {
  if (typeof source === 'string' && statSync(source).isDirectory()) {
    const files = (readdirSync(source, { recursive: true }) as string[]).filter((f) => f.endsWith('.json')).sort();
    let index = 0;
    for (const f of files) yield parseCsafText(readFileSync(join(source, f), 'utf8'), index++, f);
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
    yield* readCsafArchive(rest());
    return;
  }
  const parts: Buffer[] = [];
  for await (const c of rest()) parts.push(c);
  yield parseCsafText(Buffer.concat(parts).toString('utf8'), 0, typeof source === 'string' ? source : '(document)');
}
