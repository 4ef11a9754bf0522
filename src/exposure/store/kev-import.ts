import type { Db } from '../../store/db.js';
import type { ByteSource } from '../sources/input.js';
import type { KevImportOptions, VulnImportReport } from './types.js';

/** Imports the CISA KEV catalogue (JSON). */
export async function importKev(db: Db, source: ByteSource, opts: KevImportOptions = {}): Promise<VulnImportReport> {
  void db; void source; void opts;
  throw new Error('not implemented yet');
}
