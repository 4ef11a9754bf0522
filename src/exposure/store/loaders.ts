/**
 * What the exposure engine reads back: every CVE (paged by id, never one giant result), the KEV and
 * EPSS facts by CVE, and the CSAF statements the advisory matcher is rebuilt from.
 */
import type { Queryable } from '../../store/db.js';
import type { NvdConfiguration } from '../nvd-config.js';
import type { CvssVersion } from '../sources/nvd-cve-record.js';
import type { ProductStatus } from '../sources/csaf-advisory.js';
import type { ProductIdentity } from '../sources/csaf-product-tree.js';
import { isoSql } from './batch.js';
import type { CsafStatement, StoredCve, StoredEpss, StoredKev, StreamCvesOptions } from './types.js';

interface CveRow {
  id: string; published: string; last_modified: string; vuln_status: string | null;
  cvss_version: CvssVersion | null; cvss_score: number | null; cvss_severity: string | null; cvss_vector: string | null;
  cwes: string[]; exploit_refs: number; cisa: StoredCve['cisa']; configurations: NvdConfiguration[] | string; content_hash: string;
}

const CVE_COLUMNS = `id, ${isoSql('published')} AS published, ${isoSql('last_modified')} AS last_modified, vuln_status,
  cvss_version, cvss_score::float8 AS cvss_score, cvss_severity, cvss_vector, cwes, exploit_refs, cisa, configurations, content_hash`;

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

function toCve(r: CveRow): StoredCve {
  return {
    id: r.id, published: r.published, lastModified: r.last_modified, vulnStatus: r.vuln_status,
    cvss: r.cvss_version === null ? null : { version: r.cvss_version, baseScore: Number(r.cvss_score), severity: r.cvss_severity, vector: r.cvss_vector ?? '' },
    cwes: r.cwes ?? [], exploitRefs: Number(r.exploit_refs), cisa: r.cisa === null ? null : json(r.cisa),
    configurations: json(r.configurations), contentHash: r.content_hash,
  };
}

/** Every stored CVE (or the ones named in `ids`, those stored), in id order, `pageSize` rows per query. */
export async function* streamCves(db: Queryable, opts: StreamCvesOptions = {}): AsyncGenerator<StoredCve> {
  const pageSize = Math.max(1, Math.floor(opts.pageSize ?? 5000));
  if (opts.ids !== undefined) {
    const ids = [...new Set(opts.ids)].sort();
    for (let k = 0; k < ids.length; k += pageSize) {
      const rows = await db.query<CveRow>(`SELECT ${CVE_COLUMNS} FROM vuln_cve WHERE id = ANY($1::text[]) ORDER BY id`, [ids.slice(k, k + pageSize)]);
      for (const r of rows) yield toCve(r);
    }
    return;
  }
  let after = '';
  for (;;) {
    const rows = await db.query<CveRow>(`SELECT ${CVE_COLUMNS} FROM vuln_cve WHERE id > $1 ORDER BY id LIMIT $2`, [after, pageSize]);
    for (const r of rows) yield toCve(r);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** Every KEV entry by CVE id. */
export async function loadKev(db: Queryable): Promise<Map<string, StoredKev>> {
  const rows = await db.query<{
    cve_id: string; vendor: string; product: string; name: string; date_added: string; due_date: string;
    ransomware_use: string; known_ransomware: boolean; required_action: string; notes: string | null;
  }>(`SELECT cve_id, vendor, product, name, to_char(date_added, 'YYYY-MM-DD') AS date_added, to_char(due_date, 'YYYY-MM-DD') AS due_date,
            ransomware_use, known_ransomware, required_action, notes FROM vuln_kev`);
  return new Map(rows.map((r) => [r.cve_id, {
    cveId: r.cve_id, vendor: r.vendor, product: r.product, name: r.name, dateAdded: r.date_added, dueDate: r.due_date,
    knownRansomwareCampaignUse: r.ransomware_use, ransomware: r.known_ransomware, requiredAction: r.required_action, notes: r.notes,
  }]));
}

/**
 * Every EPSS score by CVE id. The rows come back as one text value per 50,000 (a row each costs
 * several times more to return and convert for 300k+ scores).
 */
export async function loadEpss(db: Queryable): Promise<Map<string, StoredEpss>> {
  const out = new Map<string, StoredEpss>();
  let after = '';
  const PAGE = 50_000;
  for (;;) {
    const [r] = await db.query<{ v: string | null; n: number; last: string | null }>(
      `SELECT string_agg(cve_id || ',' || probability::text || ',' || percentile::text || ',' || coalesce(to_char(score_date, 'YYYY-MM-DD'), ''), ';' ORDER BY cve_id) AS v,
              count(*)::int AS n, max(cve_id) AS last
         FROM (SELECT * FROM vuln_epss WHERE cve_id > $1 ORDER BY cve_id LIMIT $2) t`,
      [after, PAGE],
    );
    if (!r?.v) break;
    for (const line of r.v.split(';')) {
      const [id, p, q, d] = line.split(',') as [string, string, string, string];
      out.set(id, { probability: Number(p), percentile: Number(q), scoreDate: d === '' ? null : d });
    }
    if (r.n < PAGE) break;
    after = r.last!;
  }
  return out;
}

/** The CSAF statements (of the given CVEs, or all), by advisory, CVE and product. */
export async function loadCsafProducts(db: Queryable, opts: { cveIds?: readonly string[] } = {}): Promise<CsafStatement[]> {
  const cols = 'advisory_id, cve_id, product_id, status, identity';
  type Row = { advisory_id: string; cve_id: string; product_id: string; status: ProductStatus; identity: ProductIdentity | string };
  const rows = opts.cveIds === undefined
    ? await db.query<Row>(`SELECT ${cols} FROM csaf_product ORDER BY advisory_id, cve_id, product_id, status`)
    : await db.query<Row>(`SELECT ${cols} FROM csaf_product WHERE cve_id = ANY($1::text[]) ORDER BY advisory_id, cve_id, product_id, status`, [[...opts.cveIds]]);
  return rows.map((r) => ({ advisoryId: r.advisory_id, cveId: r.cve_id, productId: r.product_id, status: r.status, identity: json(r.identity) }));
}
