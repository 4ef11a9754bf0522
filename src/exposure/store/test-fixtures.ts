/** Small hand-written inputs and store set-up for the vulnerability store's tests. */
import type { Queryable } from '../../store/db.js';
import { CVE_GOOD, page } from '../sources/test-fixtures.js';

export { CSAF_DOC, gz, page, tarOf } from '../sources/test-fixtures.js';

type Cve = typeof CVE_GOOD;

/** A CVE record in NVD's shape: CVE_GOOD with another id and any fields replaced. */
export function cve(id: string, over: Partial<Record<keyof Cve, unknown>> = {}): Record<string, unknown> {
  return { ...structuredClone(CVE_GOOD), id, ...over };
}

/** An NVD API page of the given records. */
export const nvdPage = (cves: unknown[]): Buffer => Buffer.from(page(cves));

export function kevEntry(id: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cveID: id, vendorProject: 'Palo Alto Networks', product: 'PAN-OS', vulnerabilityName: 'PAN-OS Command Injection',
    dateAdded: '2024-04-12', shortDescription: 'A command injection in GlobalProtect.', requiredAction: 'Apply mitigations per vendor instructions.',
    dueDate: '2024-04-19', knownRansomwareCampaignUse: 'Unknown', notes: 'https://security.paloaltonetworks.com/CVE-2024-3400', cwes: ['CWE-77'],
    ...over,
  };
}

export const kevCatalogue = (entries: unknown[]): Buffer => Buffer.from(JSON.stringify({
  title: 'CISA Catalog of Known Exploited Vulnerabilities', catalogVersion: '2024.04.12', dateReleased: '2024-04-12T15:00:00.000Z', count: entries.length, vulnerabilities: entries,
}));

export const epssCsv = (rows: [string, number, number][], date = '2024-04-12'): Buffer =>
  Buffer.from(`#model_version:v2023.03.01,score_date:${date}T00:00:00+0000\ncve,epss,percentile\n${rows.map((r) => r.join(',')).join('\n')}\n`);

export function cpeProduct(name: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cpe: {
      cpeName: name, cpeNameId: '87316812-5F2C-4286-94FE-CC98B9EAEF53', deprecated: false,
      titles: [{ title: `Title of ${name}`, lang: 'en' }], lastModified: '2023-01-01T00:00:00.000', created: '2020-01-01T00:00:00.000', ...over,
    },
  };
}
export const cpePage = (products: unknown[]): Buffer => Buffer.from(JSON.stringify({ resultsPerPage: products.length, startIndex: 0, totalResults: products.length, products }));

export async function count(q: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  const [r] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) t`, params);
  return r!.n;
}

/** The vuln_change rows as [source, cve, op], oldest first. */
export async function changes(q: Queryable): Promise<[string, string, string][]> {
  const rows = await q.query<{ source: string; cve_id: string; op: string }>('SELECT source, cve_id, op FROM vuln_change ORDER BY seq');
  return rows.map((r) => [r.source, r.cve_id, r.op]);
}
