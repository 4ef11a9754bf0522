import type { Db } from '../../store/db.js';
import type { ByteSource } from '../sources/input.js';
import type { NvdImportOptions, NvdImportReport } from './types.js';

/** Imports NVD CVE API 2.0 documents (pages, whole-year files, gzip or plain, single records). */
export async function importNvd(db: Db, source: ByteSource, opts: NvdImportOptions = {}): Promise<NvdImportReport> {
  void db; void source; void opts;
  throw new Error('not implemented yet');
}
