/**
 * CISA Known Exploited Vulnerabilities catalogue (JSON) → {@link KevRecord}s, streamed, with the
 * catalogue's version and release date. Fields as in CISA's schema: cveID, vendorProject, product,
 * vulnerabilityName, dateAdded, shortDescription, requiredAction, dueDate, knownRansomwareCampaignUse
 * (Known / Unknown), notes, cwes.
 */
import { type ByteSource, chunksOf } from './input.js';
import { checkDate, FieldError, isObj, join, optArray, optString, reqObj, reqString, type RecordIssue, typeName } from './issues.js';
import { streamArrayElements } from './json-array-stream.js';
import { contentHash } from './nvd-cve-record.js';

export interface KevRecord {
  readonly cveID: string;
  readonly vendorProject: string;
  readonly product: string;
  readonly vulnerabilityName: string;
  readonly dateAdded: string;
  readonly shortDescription: string | undefined;
  readonly requiredAction: string;
  readonly dueDate: string;
  /** CISA's value: `Known` or `Unknown`. */
  readonly knownRansomwareCampaignUse: string;
  readonly ransomware: boolean;
  readonly notes: string | undefined;
  readonly cwes: readonly string[];
  readonly contentHash: string;
}

export interface KevCatalogue {
  title?: string;
  catalogVersion?: string;
  dateReleased?: string;
  count?: number;
}

export type KevItem = { kind: 'record'; index: number; record: KevRecord } | RecordIssue;

export function normaliseKev(raw: unknown): KevRecord {
  const o = reqObj(raw, '');
  const cveID = reqString(o, 'cveID', '');
  if (!/^CVE-\d{4}-\d{4,}$/.test(cveID)) throw new FieldError('cveID', `'${cveID}' is not a CVE id`);
  const cwes = (optArray(o, 'cwes', '') ?? []).map((c, k) => {
    if (typeof c !== 'string') throw new FieldError(join('cwes', k), `must be a string, not ${typeName(c)}`);
    return c;
  });
  const use = reqString(o, 'knownRansomwareCampaignUse', '');
  const rec = {
    cveID, vendorProject: reqString(o, 'vendorProject', ''), product: reqString(o, 'product', ''),
    vulnerabilityName: reqString(o, 'vulnerabilityName', ''), dateAdded: checkDate(reqString(o, 'dateAdded', ''), 'dateAdded'),
    shortDescription: optString(o, 'shortDescription', ''), requiredAction: reqString(o, 'requiredAction', ''),
    dueDate: checkDate(reqString(o, 'dueDate', ''), 'dueDate'), knownRansomwareCampaignUse: use,
    ransomware: use.toLowerCase() === 'known', notes: optString(o, 'notes', ''), cwes,
  };
  return { ...rec, contentHash: contentHash(rec) };
}

export async function* readKev(source: ByteSource, onCatalogue?: (c: KevCatalogue) => void): AsyncGenerator<KevItem> {
  for await (const el of streamArrayElements(chunksOf(source), 'vulnerabilities', (h) => onCatalogue?.(h as KevCatalogue))) {
    let value: unknown;
    try {
      value = JSON.parse(el.text);
      yield { kind: 'record', index: el.index, record: normaliseKev(value) };
    } catch (e) {
      if (e instanceof SyntaxError) yield { kind: 'rejected', index: el.index, field: '', reason: `invalid JSON at byte ${el.offset}: ${e.message}` };
      else if (e instanceof FieldError) {
        const id = isObj(value) && typeof value.cveID === 'string' ? value.cveID : undefined;
        yield id === undefined ? { kind: 'rejected', index: el.index, field: e.field, reason: e.reason } : { kind: 'rejected', index: el.index, id, field: e.field, reason: e.reason };
      } else throw e;
    }
  }
}
