/**
 * Keeps an ExposureEngine current with the store: loads it once (the register from one snapshot, every
 * stored CVE, KEV, EPSS, the CSAF statements and OSV packages as advisory matchers, finding states, the
 * threat context), then follows
 * `register_change` (assets, components) and `vuln_change` (CVEs by source), so a change re-evaluates only
 * what it touches — also when another process wrote (a PostgreSQL server). Finding states written by other
 * processes and the threat context (the knowledge store has no change log) are re-read at most every
 * `refreshMs`, in the background (a request never waits for it; with `refreshMs: 0`, on every catch-up,
 * awaited). A failed refresh is retried at the next catch-up; its error is kept in `lastRefreshError`.
 */
import type { Db, Queryable } from '../../store/db.js';
import { changesSince, loadRegister } from '../../register/load.js';
import { rowToRecord, selectList } from '../../register/fields.js';
import type { AssetRecord, ComponentRecord } from '../../register/model.js';
import { ExposureEngine, type EngineCve, type FindingState } from '../engine/index.js';
import type { EpssFact, KevFact } from '../priority/index.js';
import {
  cveChangesSince, getStates, lastVulnChangeSeq, loadEpss, loadKev, streamCves,
  type FindingStateRecord, type StoredCve, type StoredEpss, type StoredKev, type VulnChange,
} from '../store/index.js';
import { loadAdvisoryMatchers } from './advisory-matchers.js';
import { EMPTY_THREAT_CONTEXT, loadThreatContext, type ThreatContext } from './threat-context.js';

export interface SyncOptions {
  /** How often finding states written elsewhere and the threat context are re-read (ms; default 10 s; 0 = on every catch-up, awaited). */
  refreshMs?: number;
  now?: () => Date;
}

export function toEngineCve(c: StoredCve): EngineCve {
  return {
    id: c.id,
    configurations: c.configurations,
    cvssVector: c.cvss?.vector ?? null,
    cvssScore: c.cvss?.baseScore ?? null,
    // the engine counts references tagged Exploit (a public proof of concept)
    referenceTags: Array.from({ length: c.exploitRefs }, () => ['Exploit']),
    published: c.published,
    lastModified: c.lastModified,
  };
}

const kevFact = (k: StoredKev): KevFact => ({ dateAdded: k.dateAdded, knownRansomwareCampaignUse: k.knownRansomwareCampaignUse });
const epssFact = (e: StoredEpss): EpssFact => ({ probability: e.probability, percentile: e.percentile });
export function toEngineState(r: Pick<FindingStateRecord, 'state' | 'reason' | 'expiresAt'>): FindingState {
  return { state: r.state, ...(r.reason !== null ? { reason: r.reason } : {}), ...(r.expiresAt !== null ? { expiresAt: r.expiresAt } : {}) };
}

/** The records of `ids` as stored now: each present one to `upsert`, the id of each absent one to `remove`. */
export async function applyCurrent<R extends { id: string }>(
  db: Queryable, entity: 'asset' | 'component' | 'dependency', ids: readonly string[], upsert: (r: R) => void, remove: (id: string) => void,
): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db.query(`SELECT ${selectList(entity)} FROM ${entity} WHERE id = ANY($1::text[])`, [ids]);
  const found = new Set<string>();
  for (const row of rows) {
    const r = rowToRecord<R>(entity, row);
    found.add(r.id);
    upsert(r);
  }
  for (const id of ids) if (!found.has(id)) remove(id);
}

/** Changes read per round (each round is applied before the next is read). */
const ROUND = 50_000;

export class EngineSync {
  engine: ExposureEngine | null = null;
  private registerSeq = 0;
  private vulnSeq = 0;
  private threats: ThreatContext = EMPTY_THREAT_CONTEXT;
  private lastRefresh = 0;
  /** Latest changed_at of the finding states read (ISO), for re-reading only newer ones. */
  private statesSeen = '';
  private pending: Promise<ExposureEngine> | null = null;
  private refreshing: Promise<void> | null = null;
  /** The last background refresh's failure, if the last one failed. */
  lastRefreshError: unknown = null;
  private readonly refreshMs: number;

  constructor(private readonly db: Db, private readonly opts: SyncOptions = {}) {
    this.refreshMs = opts.refreshMs ?? 10_000;
  }

  /** The engine, current with the store (one catch-up at a time; concurrent callers share it). */
  current(): Promise<ExposureEngine> {
    this.pending ??= this.catchUp().finally(() => (this.pending = null));
    return this.pending;
  }

  /** Forces the next catch-up to re-read the threat context and the finding states. */
  invalidate(): void {
    this.lastRefresh = 0;
  }

  private async catchUp(): Promise<ExposureEngine> {
    if (this.engine === null) this.engine = await this.load();
    const engine = this.engine;
    for (;;) {
      const changes = await changesSince(this.db, this.registerSeq, ROUND);
      if (changes.length === 0) break;
      const ids = { asset: new Set<string>(), component: new Set<string>() };
      for (const c of changes) if (c.entity === 'asset' || c.entity === 'component') ids[c.entity].add(c.id);
      await this.applyRegister(engine, [...ids.asset], [...ids.component]);
      this.registerSeq = changes[changes.length - 1]!.seq;
    }
    for (;;) {
      const changes = await cveChangesSince(this.db, this.vulnSeq, ROUND);
      if (changes.length === 0) break;
      await this.applyVuln(engine, changes);
      this.vulnSeq = changes[changes.length - 1]!.seq;
    }
    if (this.refreshing === null && Date.now() - this.lastRefresh >= this.refreshMs) {
      this.refreshing = this.refresh(engine).then(
        () => { this.lastRefreshError = null; },
        (e: unknown) => { this.lastRefreshError = e; this.lastRefresh = 0; },
      ).finally(() => (this.refreshing = null));
      if (this.refreshMs === 0) await this.refreshing;
    }
    return engine;
  }

  private async load(): Promise<ExposureEngine> {
    // the change logs' positions first: a change committed while the tables are read is applied again (harmless)
    const vulnSeq = await lastVulnChangeSeq(this.db);
    const snap = await loadRegister(this.db, { dependencies: false });
    const cves: EngineCve[] = [];
    for await (const c of streamCves(this.db)) cves.push(toEngineCve(c));
    const kev = new Map([...(await loadKev(this.db))].map(([id, k]) => [id, kevFact(k)]));
    const epss = new Map([...(await loadEpss(this.db))].map(([id, e]) => [id, epssFact(e)]));
    const advisoryMatchers = await loadAdvisoryMatchers(this.db);
    const states = await getStates(this.db);
    this.threats = await loadThreatContext(this.db);
    this.lastRefresh = Date.now();
    for (const s of states.values()) if (s.changedAt > this.statesSeen) this.statesSeen = s.changedAt;
    const engine = new ExposureEngine({ advisoryMatchers, ...(this.opts.now ? { now: this.opts.now } : {}) });
    engine.load({
      assets: snap.assets,
      components: snap.components,
      cves,
      kev, epss,
      threats: this.threats.usedBy,
      sightings: this.threats.sightings,
      states: new Map([...states].map(([k, s]) => [k, toEngineState(s)])),
    });
    this.registerSeq = snap.seq;
    this.vulnSeq = vulnSeq;
    return engine;
  }

  /** Reads each changed record as it is now: present → upsert, absent → remove (assets first: a new system's components need it). */
  private async applyRegister(engine: ExposureEngine, assetIds: string[], componentIds: string[]): Promise<void> {
    await applyCurrent<AssetRecord>(this.db, 'asset', assetIds, (a) => engine.upsertAsset(a), (id) => engine.removeAsset(id));
    await applyCurrent<ComponentRecord>(this.db, 'component', componentIds, (c) => engine.upsertComponent(c), (id) => engine.removeComponent(id));
  }

  private async applyVuln(engine: ExposureEngine, changes: VulnChange[]): Promise<void> {
    const by = { nvd: new Set<string>(), kev: new Set<string>(), epss: new Set<string>(), csaf: new Set<string>(), osv: new Set<string>() };
    for (const c of changes) by[c.source].add(c.cveId);
    if (by.nvd.size) {
      const ids = [...by.nvd];
      const found = new Set<string>();
      for await (const c of streamCves(this.db, { ids })) {
        found.add(c.id);
        engine.upsertCve(toEngineCve(c));
      }
      for (const id of ids) if (!found.has(id)) engine.removeCve(id);
    }
    if (by.kev.size) {
      const kev = await loadKev(this.db);
      for (const id of by.kev) {
        const k = kev.get(id);
        engine.setKev(id, k ? kevFact(k) : null);
      }
    }
    if (by.epss.size) {
      const ids = [...by.epss];
      const rows = await this.db.query<{ cve_id: string; probability: number; percentile: number }>(
        'SELECT cve_id, probability, percentile FROM vuln_epss WHERE cve_id = ANY($1::text[])', [ids],
      );
      const got = new Map(rows.map((r) => [r.cve_id, { probability: Number(r.probability), percentile: Number(r.percentile) }]));
      for (const id of ids) engine.setEpss(id, got.get(id) ?? null);
    }
    if (by.csaf.size || by.osv.size) engine.setAdvisoryMatchers(await loadAdvisoryMatchers(this.db));
  }

  /** Re-reads the threat context and the finding states changed since the last read; applies the differences. */
  private async refresh(engine: ExposureEngine): Promise<void> {
    this.lastRefresh = Date.now();
    const next = await loadThreatContext(this.db);
    if (next.digest !== this.threats.digest) {
      const prev = this.threats;
      const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
      for (const cve of new Set([...prev.usedBy.keys(), ...next.usedBy.keys()])) {
        if (!same(prev.usedBy.get(cve), next.usedBy.get(cve))) engine.setThreatContext(cve, next.usedBy.get(cve) ?? []);
      }
      for (const cve of new Set([...prev.sightings.keys(), ...next.sightings.keys()])) {
        if (!same(prev.sightings.get(cve), next.sightings.get(cve))) engine.setSightings(cve, next.sightings.get(cve) ?? []);
      }
      this.threats = next;
    }
    // states written by other processes (this one applies its own at once)
    const rows = await this.db.query<{ finding_key: string; state: FindingStateRecord['state']; reason: string | null; expires_at: string | null; changed_at: string }>(
      `SELECT finding_key, state, reason, to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS expires_at,
              to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS changed_at
         FROM exposure_finding_state WHERE changed_at >= $1::timestamptz`,
      [this.statesSeen || '1970-01-01T00:00:00Z'],
    );
    for (const r of rows) {
      engine.setState(r.finding_key, toEngineState({ state: r.state, reason: r.reason, expiresAt: r.expires_at }));
      if (r.changed_at > this.statesSeen) this.statesSeen = r.changed_at;
    }
  }
}
