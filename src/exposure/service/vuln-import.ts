/**
 * Imports of vulnerability data through the access policy (`vuln:import`: admins and analysts), each
 * source by the store's own incremental import (src/exposure/store): only changed records are written,
 * each written batch audited, every changed CVE appended to `vuln_change` — which the exposure engine
 * follows, so findings change on the next request.
 */
import type { Db } from '../../store/db.js';
import type { AuditAppender } from '../../intel/import-service.js';
import { authorize, type Subject } from '../../access/policy.js';
import { errors } from '../../errors.js';
import type { ByteSource } from '../sources/input.js';
import { importCpeDictionary, importCsaf, importEpss, importKev, importNvd, importOsv, type VulnImportReport } from '../store/index.js';

export const VULN_SOURCES = ['nvd', 'kev', 'epss', 'csaf', 'osv', 'cpe'] as const;
export type VulnSourceName = (typeof VULN_SOURCES)[number];

export interface VulnImportRequest {
  onProgress?: (p: { read: number; written: number }) => void;
}

export async function importVulnerabilities(
  db: Db, audit: AuditAppender, s: Subject, source: VulnSourceName, input: ByteSource, req: VulnImportRequest = {},
): Promise<VulnImportReport> {
  authorize(s, 'vuln:import');
  const opts = { actor: s.username, audit, ...(req.onProgress ? { onProgress: req.onProgress } : {}) };
  switch (source) {
    case 'nvd': return importNvd(db, input, opts);
    case 'kev': return importKev(db, input, opts);
    case 'epss': return importEpss(db, input, opts);
    case 'csaf': return importCsaf(db, input, opts);
    case 'osv': return importOsv(db, input, opts);
    case 'cpe': return importCpeDictionary(db, input, opts);
    default:
      throw errors.badRequest(`Unknown vulnerability source '${String(source)}': one of ${VULN_SOURCES.join(', ')}.`, [{ path: 'source', message: String(source) }]);
  }
}
