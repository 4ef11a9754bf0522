/**
 * The cascade engine over the stored register: loads it on first use, follows register_change so
 * every query answers for the register as it is now (also when another process wrote to a
 * PostgreSQL server), and applies the access policy and the audit to scenario and ranking runs.
 *
 * Who may run them: admins, analysts and advisers. A cascade crosses organisations — its answer
 * names other operators' assets and the national dependency picture — so operators may not (they
 * see their own register and their own dependencies through the register API). Every run is
 * audited (who, what was failed, how much was lost), since the answers are themselves sensitive.
 */
import type { Db } from '../store/db.js';
import type { AuditAppender } from '../intel/import-service.js';
import { authorize, type Subject } from '../access/policy.js';
import { errors } from '../errors.js';
import { changesSince, loadRegister } from '../register/load.js';
import { rowToRecord, selectList } from '../register/fields.js';
import type { AssetRecord, DependencyRecord } from '../register/model.js';
import { CascadeEngine } from './engine.js';
import type { CascadeResult, ScenarioInput } from './scenario.js';
import type { MonteCarloInput, MonteCarloResult } from './monte-carlo.js';
import type { NationalRanking, RankEntry, SinglePointOfFailure } from './ranking.js';

/** Monte Carlo runs one request may ask for. */
export const MAX_RUNS = 100_000;

export interface RankingQuery {
  top?: number | undefined;
  horizonHours?: number | null | undefined;
  spofLimit?: number | undefined;
}

export interface RankingAnswer {
  horizonHours: number | null;
  assets: number;
  ranking: RankEntry[];
  singlePointsOfFailure: SinglePointOfFailure[];
  singlePointsOfFailureTotal: number;
  millis: number;
}

export class CascadeService {
  private engine: CascadeEngine | null = null;
  private seq = 0;
  private pending: Promise<CascadeEngine> | null = null;

  constructor(private readonly db: Db, private readonly audit: AuditAppender) {}

  /** The engine, current with the register (loads it once, then applies the changes since). */
  current(): Promise<CascadeEngine> {
    // one loader at a time: concurrent requests share the same catch-up
    this.pending ??= this.catchUp().finally(() => (this.pending = null));
    return this.pending;
  }

  private async catchUp(): Promise<CascadeEngine> {
    if (this.engine === null) {
      const snap = await loadRegister(this.db, { components: false });
      this.engine = new CascadeEngine(snap.assets, snap.dependencies);
      this.seq = snap.seq;
    }
    for (;;) {
      const changes = await changesSince(this.db, this.seq, 50_000);
      if (changes.length === 0) return this.engine;
      const ids = { asset: new Set<string>(), dependency: new Set<string>() };
      for (const c of changes) if (c.entity === 'asset' || c.entity === 'dependency') ids[c.entity].add(c.id);
      await this.apply(this.engine, [...ids.asset], [...ids.dependency]);
      this.seq = changes[changes.length - 1]!.seq;
    }
  }

  /** Reads each changed record as it is now: present → upsert, absent → remove. */
  private async apply(engine: CascadeEngine, assetIds: string[], depIds: string[]): Promise<void> {
    if (assetIds.length) {
      const rows = await this.db.query(`SELECT ${selectList('asset')} FROM asset WHERE id = ANY($1::text[])`, [assetIds]);
      const found = new Set<string>();
      for (const r of rows) {
        const a = rowToRecord<AssetRecord>('asset', r);
        found.add(a.id);
        engine.upsertAsset(a);
      }
      for (const id of assetIds) if (!found.has(id)) engine.removeAsset(id);
    }
    if (depIds.length) {
      const rows = await this.db.query(`SELECT ${selectList('dependency')} FROM dependency WHERE id = ANY($1::text[])`, [depIds]);
      const found = new Set<string>();
      for (const r of rows) {
        const d = rowToRecord<DependencyRecord>('dependency', r);
        found.add(d.id);
        engine.upsertDependency(d);
      }
      for (const id of depIds) if (!found.has(id)) engine.removeDependency(id);
    }
  }

  async scenario(s: Subject, input: ScenarioInput): Promise<CascadeResult> {
    authorize(s, 'cascade:run');
    checkScenario(input);
    const engine = await this.current();
    const r = engine.scenario(input);
    await this.record(s, 'cascade.scenario', { ...describe(input), assetsLost: r.totals.assetsLost, peopleAffected: r.totals.peopleAffected });
    return r;
  }

  async monteCarlo(s: Subject, input: MonteCarloInput): Promise<MonteCarloResult> {
    authorize(s, 'cascade:run');
    checkScenario(input);
    if (!Number.isInteger(input.runs) || input.runs < 1 || input.runs > MAX_RUNS) {
      throw errors.badRequest(`runs must be a whole number from 1 to ${MAX_RUNS}.`, [{ path: 'runs', message: `got ${String(input.runs)}` }]);
    }
    const engine = await this.current();
    const r = await engine.monteCarlo(input);
    await this.record(s, 'cascade.montecarlo', { ...describe(input), runs: r.runs, seed: r.seed, medianAssetsLost: r.assetsLost.median });
    return r;
  }

  async ranking(s: Subject, q: RankingQuery = {}): Promise<RankingAnswer> {
    authorize(s, 'cascade:run');
    const horizon = q.horizonHours ?? null;
    if (horizon !== null && !(horizon >= 0 && Number.isFinite(horizon))) {
      throw errors.badRequest('horizonHours must be a number of hours ≥ 0.', [{ path: 'horizonHours', message: `got ${String(horizon)}` }]);
    }
    const engine = await this.current();
    const t0 = performance.now();
    const r: NationalRanking = engine.ranking({ horizonHours: horizon });
    const answer: RankingAnswer = {
      horizonHours: horizon,
      assets: engine.assetCount,
      ranking: r.top(q.top ?? 100),
      // the full list can run to millions of pairs: only the first ones are detailed
      singlePointsOfFailure: r.singlePointsOfFailure(q.spofLimit ?? 100),
      singlePointsOfFailureTotal: r.spofCount,
      millis: Math.round(performance.now() - t0),
    };
    await this.record(s, 'cascade.ranking', { horizonHours: horizon, top: answer.ranking.length });
    return answer;
  }

  private async record(s: Subject, action: string, detail: Record<string, unknown>): Promise<void> {
    await this.db.transaction((tx) => this.audit(tx, { actor: s.username, action, target: null, detail }));
  }
}

function checkScenario(input: ScenarioInput): void {
  const initial = input.initialFailures?.length ?? 0;
  const areas = input.areas?.length ?? 0;
  const services = input.servicesLost?.length ?? 0;
  if (initial + areas + services === 0) {
    throw errors.badRequest('A scenario needs something to fail: initialFailures (asset ids), areas or servicesLost.', [
      { path: 'initialFailures', message: 'empty, and no areas or servicesLost either' },
    ]);
  }
  const h = input.horizonHours;
  if (h !== undefined && h !== null && !(h >= 0 && Number.isFinite(h))) {
    throw errors.badRequest('horizonHours must be a number of hours ≥ 0.', [{ path: 'horizonHours', message: `got ${String(h)}` }]);
  }
}

/** What the audit entry says about a scenario (the ids failed, not the whole answer). */
function describe(input: ScenarioInput): Record<string, unknown> {
  return {
    initialFailures: (input.initialFailures ?? []).slice(0, 50),
    areas: input.areas?.length ?? 0,
    servicesLost: input.servicesLost ?? [],
    horizonHours: input.horizonHours ?? null,
  };
}
