import type { Db } from '../../store/db.js';
import type { ByteSource } from '../sources/input.js';
import type { EpssImportOptions, VulnImportReport } from './types.js';

/** Imports a FIRST EPSS CSV (the daily file). */
export async function importEpss(db: Db, source: ByteSource, opts: EpssImportOptions = {}): Promise<VulnImportReport> {
  void db; void source; void opts;
  throw new Error('not implemented yet');
}
