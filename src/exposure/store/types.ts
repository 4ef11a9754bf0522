/**
 * Public types of the vulnerability store (src/exposure/store): import options and reports, the rows
 * the loaders hand the exposure engine, the change log, and the triage state of findings.
 */
import type { AuditAppender } from '../../intel/import-service.js';
import type { IngestContext } from '../../intel/prepare.js';
import type { NvdConfiguration } from '../nvd-config.js';
import type { CvssVersion } from '../sources/nvd-cve-record.js';
import type { ProductStatus } from '../sources/csaf-advisory.js';
import type { ProductIdentity } from '../sources/csaf-product-tree.js';

export type VulnSource = 'nvd' | 'kev' | 'epss' | 'csaf' | 'osv';

/** A record an import did not take: which one (position in its source, or file), its id when known, the field and why. */
export interface ImportIssue {
  /** 0-based position of the record in its source (array element, CSV data row, archive entry). */
  readonly index?: number;
  /** The file (or archive entry) it came from, for sources of several files. */
  readonly file?: string;
  readonly id?: string;
  /** JSON path (or CSV column) of the offending field; '' for the record itself. */
  readonly field: string;
  readonly reason: string;
}

export interface VulnImportReport {
  readonly source: VulnSource | 'cpe';
  /** Records read (taken or not). */
  read: number;
  inserted: number;
  updated: number;
  /** Records whose content hash (or value) equals what is stored: not rewritten, no change row. */
  unchanged: number;
  rejected: number;
  /** Records removed because the (complete) source no longer holds them (KEV). */
  deleted: number;
  /** The first `maxErrors` issues (all are counted in `rejected`). */
  errors: ImportIssue[];
  /** vuln_change rows appended. */
  changes: number;
  /** The CVE ids given a vuln_change row, in order (absent for the CPE dictionary). */
  changedCveIds?: string[];
}

export interface NvdImportReport extends VulnImportReport {
  /** The STIX `vulnerability` objects of new and changed CVEs, through the knowledge store's writer. */
  stix: { written: number; unchanged: number; conflicts: number };
}

export interface CsafImportReport extends VulnImportReport {
  /** Product statements (advisory, CVE, product, status) of the advisories written, by how their version reads. */
  statements: { total: number; ranges: number; all: number; text: number; withoutCve: number };
}

export interface VulnImportOptions {
  /** Who imports (audited); default null (the system). */
  actor?: string | null;
  /** Appends one audit entry per written batch inside its transaction; default access/audit-log appendAudit. */
  audit?: AuditAppender;
  /** Records per transaction; default 2000 (EPSS: the whole file is one merge). */
  batchSize?: number;
  /** Cap on issues kept in the report (all are counted); default 1000. */
  maxErrors?: number;
  onProgress?: (p: { read: number; written: number }) => void;
}

export interface NvdImportOptions extends VulnImportOptions {
  /** Also write each new/changed CVE's STIX vulnerability object; default true. */
  stix?: boolean;
  /** Access facts of the STIX objects; default public (no owner, no recipients). */
  ctx?: IngestContext;
  /** Called with the STIX ids written, after their transaction commits (e.g. to empty a read cache). */
  onStixWritten?: (ids: string[]) => void;
  /**
   * A file source estimated to hold at least this many CVEs, into a knowledge store holding under a
   * quarter of that, sets the store's secondary indexes aside and builds them once at the end (as the
   * knowledge store's own bulk import); default 50,000 (intel/import-maintenance), 0 turns it off.
   */
  bulkMinObjects?: number;
}

export interface KevImportOptions extends VulnImportOptions {
  /**
   * The file is the whole catalogue: stored entries it lacks are deleted (vuln_change op delete).
   * Default true; never done when a record was rejected (its absence would read as a removal).
   */
  removeMissing?: boolean;
}

export interface EpssImportOptions extends VulnImportOptions {
  /**
   * A score moving by at least this much in probability (absolute) — or a new score — gets a
   * vuln_change row; smaller moves are stored without one. Default {@link EPSS_MATERIAL_CHANGE}.
   */
  materialChange?: number;
}

/** The default material EPSS move (absolute probability). */
export const EPSS_MATERIAL_CHANGE = 0.01;

export interface PrimaryCvss {
  readonly version: CvssVersion;
  readonly baseScore: number;
  readonly severity: string | null;
  readonly vector: string;
}

/** A stored CVE as the engine needs it. */
export interface StoredCve {
  readonly id: string;
  /** ISO 8601 UTC. */
  readonly published: string;
  readonly lastModified: string;
  readonly vulnStatus: string | null;
  readonly cvss: PrimaryCvss | null;
  readonly cwes: readonly string[];
  /** References tagged Exploit. */
  readonly exploitRefs: number;
  /** KEV facts NVD copied onto the record (the vuln_kev table is the authority). */
  readonly cisa: { readonly exploitAdd?: string; readonly actionDue?: string; readonly requiredAction?: string; readonly vulnerabilityName?: string } | null;
  readonly configurations: readonly NvdConfiguration[];
  readonly contentHash: string;
}

export interface StreamCvesOptions {
  /** Rows per query (keyset paging on id); default 5000. */
  pageSize?: number;
  /** Only these CVEs (e.g. the ones a change names). */
  ids?: readonly string[];
}

export interface StoredKev {
  readonly cveId: string;
  readonly vendor: string;
  readonly product: string;
  readonly name: string;
  /** YYYY-MM-DD. */
  readonly dateAdded: string;
  readonly dueDate: string;
  /** CISA's value: Known / Unknown. */
  readonly knownRansomwareCampaignUse: string;
  readonly ransomware: boolean;
  readonly requiredAction: string;
  readonly notes: string | null;
}

export interface StoredEpss {
  readonly probability: number;
  readonly percentile: number;
  /** YYYY-MM-DD, when the file gave one. */
  readonly scoreDate: string | null;
}

/** One CSAF statement: the advisory says of the product that it has this status for this CVE. */
export interface CsafStatement {
  readonly advisoryId: string;
  readonly cveId: string;
  readonly productId: string;
  readonly status: ProductStatus;
  /** The identity as the CSAF reader built it (vendor/product/family normalised, version constraint, helper, relationship). */
  readonly identity: ProductIdentity;
}

export interface VulnChange {
  readonly seq: number;
  /** ISO 8601 UTC. */
  readonly at: string;
  readonly source: VulnSource;
  readonly cveId: string;
  readonly op: 'upsert' | 'delete';
}

export const FINDING_STATES = ['new', 'acknowledged', 'mitigated', 'risk-accepted'] as const;
export type FindingState = (typeof FINDING_STATES)[number];

export interface FindingStateRecord {
  /** `${componentId}|${cveId}|${productKey}`. */
  readonly findingKey: string;
  readonly componentId: string;
  readonly cveId: string;
  readonly productKey: string;
  readonly orgId: string;
  readonly state: FindingState;
  readonly reason: string | null;
  /** ISO 8601 UTC; set only for risk-accepted. */
  readonly expiresAt: string | null;
  readonly changedBy: string | null;
  readonly changedAt: string;
  readonly firstSeen: string;
}

export interface PutStateInput {
  readonly componentId: string;
  readonly cveId: string;
  readonly productKey: string;
  readonly orgId: string;
  readonly state: FindingState;
  /** Required for risk-accepted; at most 2000 characters. */
  readonly reason?: string | null;
  /** Required for risk-accepted, in the future; refused for other states. ISO 8601. */
  readonly expiresAt?: string | null;
  readonly changedBy: string | null;
  /** Optimistic check: the state the caller saw ('new' also matches no row); a mismatch is a conflict. */
  readonly expect?: FindingState;
  /** When the finding was first seen (kept from the first write); default now. */
  readonly firstSeen?: string;
}
