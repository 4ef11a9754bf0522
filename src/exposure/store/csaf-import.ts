import type { Db } from '../../store/db.js';
import type { ByteSource } from '../sources/input.js';
import type { CsafImportReport, VulnImportOptions } from './types.js';

/** Imports CSAF 2.0 advisories: one JSON document, a tar / tar.gz of them, or a directory (path) of .json files. */
export async function importCsaf(db: Db, source: ByteSource, opts: VulnImportOptions = {}): Promise<CsafImportReport> {
  void db; void source; void opts;
  throw new Error('not implemented yet');
}
