import type { Db } from '../../store/db.js';
import type { ByteSource } from '../sources/input.js';
import type { VulnImportOptions, VulnImportReport } from './types.js';

/** Imports NVD CPE API 2.0 product pages (the CPE dictionary). */
export async function importCpeDictionary(db: Db, source: ByteSource, opts: VulnImportOptions = {}): Promise<VulnImportReport> {
  void db; void source; void opts;
  throw new Error('not implemented yet');
}
