/**
 * The exposure engine: the national picture in memory. See README.md for the design.
 */
import type { DeviceComponent } from '../component.js';
import type { EpssFact, KevFact, Sighting, ThreatActor } from '../priority/index.js';
import type { AdvisoryMatcher } from '../advisory.js';
import type {
  DeviceFinding, EngineAsset, EngineComponent, EngineCve, EngineInput, EngineOptions, EngineStats, ExplainedFinding,
  FindingFilter, FindingsDelta, FindingsPage, FindingState, OrgSummary, PageRequest,
} from './types.js';

const todo = (): never => { throw new Error('not implemented yet'); };

export class ExposureEngine {
  constructor(readonly options: EngineOptions = {}) {}

  /** Replaces everything with `input` and evaluates it in full. */
  load(input: EngineInput): EngineStats { void input; return todo(); }

  /** A new or changed CVE: evaluated only against the component identities its entries can match. */
  upsertCve(cve: EngineCve): FindingsDelta { void cve; return todo(); }
  removeCve(cveId: string): FindingsDelta { void cveId; return todo(); }

  /** A system's zone / criticality / sector / site (re-prioritises its findings; sites are ignored). */
  upsertAsset(asset: EngineAsset): void { void asset; todo(); }
  /** Removing a system that still has components is refused (remove them first). */
  removeAsset(assetId: string): void { void assetId; todo(); }

  /** A new or changed component: only its own device (system) is re-evaluated. */
  upsertComponent(c: EngineComponent): FindingsDelta { void c; return todo(); }
  removeComponent(componentId: string): FindingsDelta { void componentId; return todo(); }

  /** Facts that re-prioritise one CVE's findings (null / [] removes). */
  setKev(cveId: string, fact: KevFact | null): void { void cveId; void fact; todo(); }
  setEpss(cveId: string, fact: EpssFact | null): void { void cveId; void fact; todo(); }
  setThreatContext(cveId: string, actors: readonly ThreatActor[]): void { void cveId; void actors; todo(); }
  setSightings(cveId: string, sightings: readonly Sighting[]): void { void cveId; void sightings; todo(); }

  /** Triage state of a finding key (null: back to new). Kept even while no such finding exists. */
  setState(key: string, state: FindingState | null): void { void key; void state; todo(); }

  /** Replaces the advisory matchers (e.g. after a CSAF import) and re-asks them about every identity. */
  setAdvisoryMatchers(matchers: readonly AdvisoryMatcher[]): FindingsDelta { void matchers; return todo(); }

  /** Findings ranked by priority (most urgent first), paged by cursor. */
  findings(filter: FindingFilter, page: PageRequest): FindingsPage { void filter; void page; return todo(); }
  /** One finding by key, explained; undefined when there is none. */
  finding(key: string): ExplainedFinding | undefined { void key; return todo(); }
  /** Counts per organisation (by outcome, state, status), for the organisations the filter allows. */
  summary(filter?: Pick<FindingFilter, 'orgIds' | 'orgId'>): OrgSummary[] { void filter; return todo(); }
  /** A set of components as one device against the loaded CVEs (and advisory matchers); nothing stored. */
  matchDevice(components: readonly DeviceComponent[]): DeviceFinding[] { void components; return todo(); }

  hasCve(cveId: string): boolean { void cveId; return todo(); }
  stats(): EngineStats { return todo(); }
}
