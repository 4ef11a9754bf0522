import type { Queryable } from '../../store/db.js';
import type { CsafStatement, StoredCve, StoredEpss, StoredKev, StreamCvesOptions } from './types.js';

/** Every stored CVE (or the ones named), paged by id. */
export async function* streamCves(db: Queryable, opts: StreamCvesOptions = {}): AsyncGenerator<StoredCve> {
  void db; void opts;
  throw new Error('not implemented yet');
}
export async function loadKev(db: Queryable): Promise<Map<string, StoredKev>> {
  void db;
  throw new Error('not implemented yet');
}
export async function loadEpss(db: Queryable): Promise<Map<string, StoredEpss>> {
  void db;
  throw new Error('not implemented yet');
}
export async function loadCsafProducts(db: Queryable, opts: { cveIds?: readonly string[] } = {}): Promise<CsafStatement[]> {
  void db; void opts;
  throw new Error('not implemented yet');
}
