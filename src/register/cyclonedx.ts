/**
 * CycloneDX SBOM (JSON, spec 1.4 to 1.6) as the components of one system. Every component of
 * the BOM, nested ones flattened (depth first, in document order), becomes a component record:
 * name → name and product, version, cpe, purl, and the vendor from its supplier (or manufacturer,
 * 1.6), else its publisher, else its author. Component ids are derived from the system and the
 * component's bom-ref (else purl, cpe or group/name@version), so importing the same SBOM again
 * changes nothing; components of the system that came from an earlier SBOM and are not in this
 * one are removed (the SBOM describes the system's software as it is now). All or nothing, like
 * every register import.
 */
import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../store/db.js';
import { AppError } from '../errors.js';
import { canWriteRegister, registerPredicate, authorize, type Subject } from '../access/policy.js';
import type { AssetRecord } from './model.js';
import * as repo from './repository.js';
import type { RawRow } from './import-reader.js';
import { importRows, type ImportReport } from './import-service.js';
import { recordNotFound, type AuditAppender } from './register-service.js';

export const SBOM_SPEC_VERSIONS = ['1.4', '1.5', '1.6'] as const;
/** Components imported from an SBOM have ids with this prefix (and only they are replaced by the next SBOM). */
export const SBOM_ID_PREFIX = 'sbom-';

interface BomComponent {
  'bom-ref'?: unknown;
  type?: unknown;
  group?: unknown;
  name?: unknown;
  version?: unknown;
  cpe?: unknown;
  purl?: unknown;
  supplier?: { name?: unknown } | unknown;
  manufacturer?: { name?: unknown } | unknown;
  publisher?: unknown;
  author?: unknown;
  authors?: { name?: unknown }[] | unknown;
  components?: unknown;
}

function bad(name: string, message: string, path = ''): AppError {
  return new AppError('BAD_FILE', 400, `${name}: ${message}`, [{ path: path || name, message }]);
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const nameOf = (v: unknown): string | null => (v && typeof v === 'object' ? str((v as { name?: unknown }).name) : null);

function vendorOf(c: BomComponent): string | null {
  const authors = Array.isArray(c.authors) ? c.authors.map(nameOf).find((x) => x !== null) ?? null : null;
  return nameOf(c.supplier) ?? nameOf(c.manufacturer) ?? str(c.publisher) ?? str(c.author) ?? authors;
}

export interface SbomComponentRow {
  /** Path of the component in the BOM, e.g. components[2].components[0]. */
  path: string;
  values: Record<string, unknown>;
}

/** The BOM's components as component records of `systemId`. Throws BAD_FILE when the document is not a CycloneDX 1.4–1.6 JSON BOM. */
export function sbomComponents(systemId: string, bom: unknown, opts: { name?: string; internetExposed?: boolean } = {}): SbomComponentRow[] {
  const name = opts.name ?? 'SBOM';
  if (!bom || typeof bom !== 'object' || Array.isArray(bom)) throw bad(name, 'a CycloneDX BOM is a JSON object');
  const b = bom as { bomFormat?: unknown; specVersion?: unknown; components?: unknown };
  if (b.bomFormat !== 'CycloneDX') throw bad(name, `bomFormat must be "CycloneDX" (got ${JSON.stringify(b.bomFormat ?? null)})`, 'bomFormat');
  if (!(SBOM_SPEC_VERSIONS as readonly unknown[]).includes(b.specVersion)) {
    throw bad(name, `specVersion ${JSON.stringify(b.specVersion ?? null)} is not supported: CycloneDX ${SBOM_SPEC_VERSIONS.join(', ')}`, 'specVersion');
  }
  const out: SbomComponentRow[] = [];
  const seen = new Map<string, number>();
  const walk = (list: unknown, at: string) => {
    if (list === undefined) return;
    if (!Array.isArray(list)) throw bad(name, `${at} must be an array`, at);
    list.forEach((raw: unknown, k: number) => {
      const path = `${at}[${k}]`;
      const c = (raw && typeof raw === 'object' ? raw : {}) as BomComponent;
      const group = str(c.group);
      const cname = str(c.name);
      const version = str(c.version);
      let key = str(c['bom-ref']) ?? str(c.purl) ?? str(c.cpe) ?? `${group ? `${group}/` : ''}${cname ?? path}@${version ?? ''}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      if (n > 0) key = `${key}#${n}`;
      const id = `${SBOM_ID_PREFIX}${createHash('sha256').update(`${systemId}\n${key}`).digest('hex').slice(0, 32)}`;
      out.push({
        path,
        values: {
          id, systemId, name: cname ?? undefined, cpe: str(c.cpe), purl: str(c.purl), vendor: vendorOf(c),
          product: cname, version, internetExposed: opts.internetExposed ?? false,
        },
      });
      walk(c.components, `${path}.components`);
    });
  };
  walk(b.components, 'components');
  return out;
}

export interface SbomReport extends ImportReport {
  systemId: string;
  /** Components of an earlier SBOM of this system that this one no longer lists (removed). */
  removed: string[];
}

/**
 * Imports a CycloneDX BOM as the components of system `systemId`, which the subject must be
 * able to write (a system they may not see is not found). Rejected components are reported with
 * their 1-based position in document order (row) and their BOM path in the reason.
 */
export async function importSbom(db: Db, audit: AuditAppender, s: Subject, systemId: string, bom: unknown, opts: { name?: string; internetExposed?: boolean } = {}): Promise<SbomReport> {
  authorize(s, 'register:write');
  const sys = await repo.getRecord<AssetRecord>(db, 'asset', systemId, (col, params) => registerPredicate(s, col, params));
  if (!sys || sys.kind !== 'system') throw recordNotFound('system');
  if (!canWriteRegister(s, sys.orgId)) throw recordNotFound('system');
  const name = opts.name ?? 'SBOM';
  const comps = sbomComponents(systemId, bom, { ...opts, name });
  const rows: RawRow[] = comps.map((c, k) => ({ row: k + 1, type: 'component', values: c.values }));
  const keep = comps.map((c) => String(c.values.id));
  let removed: string[] = [];
  const report = await importRows(db, s, [{ source: { name, format: 'json', type: 'component' }, rows }], {
    audit,
    action: 'register.sbom',
    detail: { systemId },
    after: async (tx: Queryable) => {
      const stale = await tx.query<{ id: string }>(
        `SELECT id FROM component WHERE system_id = $1 AND id LIKE '${SBOM_ID_PREFIX}%' AND NOT id = ANY($2::text[]) ORDER BY id`, [systemId, keep],
      );
      removed = await repo.deleteRecords(tx, 'component', stale.map((x) => x.id));
      return removed.length ? { removed } : {};
    },
  });
  for (const e of report.errors) {
    const c = comps[e.row - 1];
    if (c) e.reason = `${c.path}${c.values.name ? ` (${String(c.values.name)})` : ''}: ${e.reason}`;
  }
  return { ...report, systemId, removed: report.ok ? removed : [] };
}
