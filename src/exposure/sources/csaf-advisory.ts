/**
 * CSAF 2.0 advisories (e.g. CISA ICS advisories, which carry no CPEs) → {@link CsafAdvisory}: id, title,
 * tracking dates, every product as a matchable identity (csaf-product-tree.ts), and per vulnerability its
 * CVE, the products by status (known_affected, fixed, known_not_affected, …) with their identities,
 * remediations and scores. Read one document, or every `.json` of a `.tar.gz` archive streamed through
 * zlib and tar.ts. A document that is not a CSAF advisory (missing document / tracking id / title, or an
 * other kind of JSON such as a ROLIE feed) is reported and skipped; product ids a vulnerability names but
 * the tree lacks are listed in `problems` (the advisory is still kept).
 */
import { createHash } from 'node:crypto';
import type { ByteSource } from './input.js';
import { FieldError, isObj, reqObj, reqString, type RecordIssue } from './issues.js';
import { readProductTree, type ProductIdentity } from './csaf-product-tree.js';
import { readTar } from './tar.js';

export const PRODUCT_STATUSES = [
  'known_affected', 'first_affected', 'last_affected', 'fixed', 'first_fixed', 'known_not_affected', 'recommended', 'under_investigation',
] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export interface CsafScore {
  readonly products: readonly string[];
  readonly cvssV3?: { readonly version: string; readonly baseScore: number; readonly baseSeverity?: string; readonly vectorString: string };
  readonly cvssV2?: { readonly baseScore: number; readonly vectorString: string };
}

export interface CsafRemediation {
  readonly category: string;
  readonly details: string;
  readonly productIds: readonly string[];
  readonly url?: string;
}

export interface CsafVulnerability {
  /** The CVE id, when the vulnerability has one. */
  readonly cve: string | undefined;
  readonly title: string | undefined;
  readonly cwe: string | undefined;
  /** Each product the vulnerability names, with its status and identity (undefined when the tree lacks the id). */
  readonly products: readonly { readonly status: ProductStatus; readonly productId: string; readonly identity: ProductIdentity | undefined }[];
  readonly remediations: readonly CsafRemediation[];
  readonly scores: readonly CsafScore[];
}

export interface CsafAdvisory {
  readonly id: string;
  readonly title: string;
  readonly category: string | undefined;
  readonly publisher: string | undefined;
  readonly tlp: string | undefined;
  readonly initialReleaseDate: string | undefined;
  readonly currentReleaseDate: string | undefined;
  readonly version: string | undefined;
  readonly status: string | undefined;
  /** Every product of the tree, by product id. */
  readonly products: ReadonlyMap<string, ProductIdentity>;
  readonly vulnerabilities: readonly CsafVulnerability[];
  readonly problems: readonly { readonly field: string; readonly reason: string }[];
  /** SHA-256 of the document's text: unchanged = nothing to re-import. */
  readonly contentHash: string;
}

export type CsafItem = { kind: 'record'; index: number; source: string; record: CsafAdvisory } | (RecordIssue & { source: string });

const ids = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function scoresOf(v: unknown): CsafScore[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObj).map((s) => {
    const out: { -readonly [K in keyof CsafScore]: CsafScore[K] } = { products: ids(s.products) };
    const c3 = s.cvss_v3;
    if (isObj(c3) && typeof c3.baseScore === 'number' && typeof c3.vectorString === 'string') {
      out.cvssV3 = { version: str(c3.version) ?? '', baseScore: c3.baseScore, vectorString: c3.vectorString, ...(typeof c3.baseSeverity === 'string' ? { baseSeverity: c3.baseSeverity } : {}) };
    }
    const c2 = s.cvss_v2;
    if (isObj(c2) && typeof c2.baseScore === 'number' && typeof c2.vectorString === 'string') out.cvssV2 = { baseScore: c2.baseScore, vectorString: c2.vectorString };
    return out;
  });
}

/** Reads one parsed CSAF document; raises FieldError when it is not a CSAF advisory. */
export function readCsafDocument(doc: unknown, text?: string): CsafAdvisory {
  const d = reqObj(doc, '');
  const document = reqObj(d.document, 'document');
  if (typeof document.csaf_version !== 'string') throw new FieldError('document.csaf_version', 'is required (not a CSAF document)');
  if (!document.csaf_version.startsWith('2.')) throw new FieldError('document.csaf_version', `'${document.csaf_version}' is not CSAF 2.x`);
  const tracking = reqObj(document.tracking, 'document.tracking');
  const id = reqString(tracking, 'id', 'document.tracking');
  const title = reqString(document, 'title', 'document');
  const tree = readProductTree(d.product_tree);
  const problems = [...tree.problems];
  const vulnerabilities: CsafVulnerability[] = [];
  if (d.vulnerabilities !== undefined && !Array.isArray(d.vulnerabilities)) throw new FieldError('vulnerabilities', 'must be an array');
  ((d.vulnerabilities ?? []) as unknown[]).forEach((raw, k) => {
    const f = `vulnerabilities[${k}]`;
    if (!isObj(raw)) { problems.push({ field: f, reason: 'is not an object' }); return; }
    const cve = str(raw.cve);
    if (cve !== undefined && !/^CVE-\d{4}-\d{4,}$/.test(cve)) problems.push({ field: `${f}.cve`, reason: `'${cve}' is not a CVE id` });
    const products: { status: ProductStatus; productId: string; identity: ProductIdentity | undefined }[] = [];
    const status = isObj(raw.product_status) ? raw.product_status : {};
    for (const s of PRODUCT_STATUSES) {
      for (const pid of ids(status[s])) {
        const identity = tree.products.get(pid);
        if (identity === undefined) problems.push({ field: `${f}.product_status.${s}`, reason: `unknown product id '${pid}'` });
        products.push({ status: s, productId: pid, identity });
      }
    }
    const remediations: CsafRemediation[] = (Array.isArray(raw.remediations) ? raw.remediations : []).filter(isObj).map((r) => ({
      category: str(r.category) ?? '', details: str(r.details) ?? '', productIds: ids(r.product_ids), ...(typeof r.url === 'string' ? { url: r.url } : {}),
    }));
    vulnerabilities.push({
      cve, title: str(raw.title), cwe: isObj(raw.cwe) ? str(raw.cwe.id) : undefined, products, remediations, scores: scoresOf(raw.scores),
    });
  });
  const publisher = isObj(document.publisher) ? str(document.publisher.name) : undefined;
  const tlp = isObj(document.distribution) && isObj(document.distribution.tlp) ? str(document.distribution.tlp.label) : undefined;
  return {
    id, title, category: str(document.category), publisher, tlp,
    initialReleaseDate: str(tracking.initial_release_date), currentReleaseDate: str(tracking.current_release_date),
    version: str(tracking.version), status: str(tracking.status),
    products: tree.products, vulnerabilities, problems,
    contentHash: createHash('sha256').update(text ?? JSON.stringify(doc)).digest('hex'),
  };
}

/** One document's text → an advisory or the issue that kept it out. */
export function parseCsafText(text: string, index: number, source: string): CsafItem {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
    return { kind: 'record', index, source, record: readCsafDocument(doc, text) };
  } catch (e) {
    if (e instanceof SyntaxError) return { kind: 'rejected', index, source, field: '', reason: `invalid JSON: ${e.message}` };
    if (e instanceof FieldError) {
      const id = isObj(doc) && isObj(doc.document) && isObj(doc.document.tracking) ? str(doc.document.tracking.id) : undefined;
      return { kind: 'rejected', index, source, ...(id ? { id } : {}), field: e.field, reason: e.reason };
    }
    throw e;
  }
}

/** Every `.json` file of a tar (or .tar.gz) archive of advisories, in archive order. */
export async function* readCsafArchive(source: ByteSource): AsyncGenerator<CsafItem> {
  let index = 0;
  for await (const entry of readTar(source)) {
    if (!entry.path.endsWith('.json')) continue;
    yield parseCsafText(entry.data.toString('utf8'), index++, entry.path);
  }
}
