/**
 * The exposure engine's public types: what it is fed (plain data, no store access), what it answers
 * (explained, prioritised findings; summaries; deltas of incremental changes).
 */
import type { AssetRecord, ComponentRecord } from '../../register/model.js';
import type { AdvisoryMatcher } from '../advisory.js';
import type { Finding as NvdFinding } from '../evaluate.js';
import type { NvdConfiguration } from '../nvd-config.js';
import type { EpssFact, KevFact, Priority, PriorityOutcome, Sighting, ThreatActor } from '../priority/index.js';

/** A CVE as the engine needs it (from a stored CveRecord: configurations, the CVSS vector, reference tags). */
export interface EngineCve {
  readonly id: string;
  readonly configurations: readonly NvdConfiguration[];
  /** CVSS v3.x / v4.0 vector of the preferred metric (automatable is read from it). */
  readonly cvssVector?: string | null;
  readonly cvssScore?: number | null;
  /** NVD reference tags, one array per reference ("Exploit" makes a public proof of concept). */
  readonly referenceTags?: readonly (readonly string[])[];
  /** Someone reports a public proof of concept. */
  readonly publicPoc?: boolean;
  readonly published?: string;
  readonly lastModified?: string;
}

/** The asset facts the engine keeps: systems (their site, zone, criticality, sector); sites are accepted and ignored. */
export type EngineAsset = Pick<AssetRecord, 'id' | 'kind' | 'orgId' | 'siteId' | 'criticality' | 'sector' | 'networkZone'>;

/** A register component (name optional). */
export type EngineComponent = Pick<ComponentRecord, 'id' | 'systemId' | 'orgId' | 'cpe' | 'purl' | 'vendor' | 'product' | 'version' | 'internetExposed'>
  & { readonly name?: string };

export const FINDING_STATES = ['new', 'acknowledged', 'mitigated', 'risk-accepted'] as const;
export type FindingStateName = (typeof FINDING_STATES)[number];

/** Triage state of a finding, keyed `${componentId}|${cveId}|${productKey}`; absent = new. */
export interface FindingState {
  readonly state: FindingStateName;
  readonly reason?: string;
  /** ISO 8601; for risk-accepted: after this instant the finding reads as new (open) again. */
  readonly expiresAt?: string;
}

/** Everything the engine is loaded with at once (incremental methods keep it current afterwards). */
export interface EngineInput {
  readonly assets: Iterable<EngineAsset>;
  readonly components: Iterable<EngineComponent>;
  readonly cves: Iterable<EngineCve>;
  readonly kev?: ReadonlyMap<string, KevFact>;
  readonly epss?: ReadonlyMap<string, EpssFact>;
  /** CVE id → intrusion sets and campaigns using it (with the sectors they target). */
  readonly threats?: ReadonlyMap<string, readonly ThreatActor[]>;
  readonly sightings?: ReadonlyMap<string, readonly Sighting[]>;
  readonly states?: ReadonlyMap<string, FindingState>;
}

export interface EngineOptions {
  /** Advisory (CSAF, purl) matchers whose hits are filed beside the NVD findings. */
  readonly advisoryMatchers?: readonly AdvisoryMatcher[];
  /** The clock for expiring risk acceptances (default: the system clock). */
  readonly now?: () => Date;
}

export type FindingStatus = 'affected' | 'undecidable';

export interface FindingFilter {
  /** The organisations the reader may see; null or absent = all (the caller applies the policy here). */
  readonly orgIds?: readonly string[] | null;
  readonly orgId?: string;
  readonly siteId?: string;
  readonly systemId?: string;
  readonly componentId?: string;
  readonly cveId?: string;
  readonly outcome?: PriorityOutcome;
  /** The effective state (an expired risk acceptance is new). */
  readonly state?: FindingStateName;
  readonly status?: FindingStatus;
}

export interface PageRequest {
  /** The `nextCursor` of the previous page. */
  readonly after?: string;
  /** 1 … 1000. */
  readonly limit: number;
}

/** The state as read now: an expired risk acceptance reads as new, saying so. */
export interface EffectiveState {
  readonly state: FindingStateName;
  readonly reason?: string;
  readonly expiresAt?: string;
  /** Set when a risk acceptance has expired: what was recorded, and the sentence saying it. */
  readonly expired?: { readonly state: 'risk-accepted'; readonly reason?: string; readonly expiresAt: string; readonly note: string };
}

export interface FindingComponent {
  readonly id: string;
  readonly name?: string;
  /** The CPE, or `vendor product version`, as matched. */
  readonly label: string;
  readonly systemId: string;
  readonly siteId: string | null;
  readonly orgId: string;
  readonly internetExposed: boolean;
}

/** One finding, explained: where it comes from (NVD configuration or an advisory), its priority and its state. */
export interface ExplainedFinding {
  /** `${componentId}|${cveId}|${productKey}` */
  readonly key: string;
  readonly cveId: string;
  readonly productKey: string;
  readonly status: FindingStatus;
  readonly component: FindingComponent;
  /** NVD configuration matches that make this finding (criteria, matchCriteriaId, path, version bound and scheme, platform). */
  readonly nvd: readonly NvdFinding[];
  /** Advisory hits that make this finding. */
  readonly advisories: readonly { readonly source: string; readonly status: FindingStatus; readonly explanation: Readonly<Record<string, unknown>> }[];
  readonly priority: Priority;
  readonly state: EffectiveState;
}

export interface FindingsPage {
  readonly items: ExplainedFinding[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly nextCursor: string | null;
  /** Findings matching the filter (all pages). */
  readonly total: number;
}

export interface OrgSummary {
  readonly orgId: string;
  readonly total: number;
  readonly byOutcome: Readonly<Record<PriorityOutcome, number>>;
  readonly byState: Readonly<Record<FindingStateName, number>>;
  readonly byStatus: Readonly<Record<FindingStatus, number>>;
  /** Findings whose CVE is in KEV. */
  readonly kev: number;
}

/** What an incremental change did to the findings: counts now; keys (maybe millions) expanded on demand, before the engine's next change. */
export interface FindingsDelta {
  readonly added: number;
  readonly removed: number;
  /** Findings kept whose status changed (affected ⇄ undecidable). */
  readonly changed: number;
  addedKeys(): Iterable<string>;
  removedKeys(): Iterable<string>;
  changedKeys(): Iterable<string>;
}

/** A finding of `matchDevice` (no register: no priority or state). */
export interface DeviceFinding {
  readonly key: string;
  readonly cveId: string;
  readonly productKey: string;
  readonly status: FindingStatus;
  readonly componentId: string;
  readonly nvd: readonly NvdFinding[];
  readonly advisories: ExplainedFinding['advisories'];
}

export interface EngineStats {
  readonly cves: number;
  readonly components: number;
  readonly systems: number;
  /** Distinct component identities (cpe/purl/vendor/product/version) evaluated once each. */
  readonly identities: number;
  /** Distinct device profiles (systems' identity sets) evaluated for running-on / AND configurations. */
  readonly profiles: number;
  readonly findings: number;
  /** Milliseconds of the last full evaluation, by phase. */
  readonly timings: Readonly<Record<string, number>>;
}
