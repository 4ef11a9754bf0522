/**
 * The exposure engine over the store: findings by organisation, site, system, component, CVE, outcome and
 * state (ranked, paged), one finding by key, per-organisation summaries, triage of a finding's state, matching
 * a device's CPEs against the loaded vulnerability data, and imports of vulnerability data — each through the
 * access policy (src/access/policy.ts: exposure:read, exposure:triage, exposure:match, vuln:import).
 *
 * Operators see only their own organisation's findings: a finding they may not see answers 404 exactly like
 * a missing one, and is never counted. A state change is validated and stored (with its audit entry, in one
 * transaction), then applied to the engine at once.
 */
import type { Db } from '../../store/db.js';
import type { AuditAppender } from '../../intel/import-service.js';
import { authorize, canReadFinding, canTriageFinding, exposureScope, type Subject } from '../../access/policy.js';
import { errors } from '../../errors.js';
import { parseCpe } from '../cpe-parse.js';
import type { DeviceComponent } from '../component.js';
import type { ExplainedFinding, FindingFilter, FindingsPage, FindingStateName, OrgSummary, DeviceFinding } from '../engine/index.js';
import type { PriorityOutcome } from '../priority/index.js';
import { putState, type FindingState } from '../store/index.js';
import { EngineSync, toEngineState, type SyncOptions } from './engine-sync.js';

export interface FindingsQuery {
  org?: string | undefined;
  site?: string | undefined;
  system?: string | undefined;
  component?: string | undefined;
  cve?: string | undefined;
  outcome?: PriorityOutcome | undefined;
  state?: FindingStateName | undefined;
  status?: 'affected' | 'undecidable' | undefined;
  /** 1 … 1000 (default 100). */
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface StateChange {
  state: FindingState;
  reason?: string | null | undefined;
  expiresAt?: string | null | undefined;
  /** The state the caller saw; a different stored state is a conflict (409). */
  expect?: FindingState | undefined;
}

export interface MatchAnswer {
  components: { id: string; cpe: string }[];
  findings: DeviceFinding[];
}

/** CPEs one match request may name. */
export const MAX_MATCH_CPES = 1000;

export class ExposureService {
  private readonly sync: EngineSync;

  constructor(private readonly db: Db, private readonly audit: AuditAppender, opts: SyncOptions = {}) {
    this.sync = new EngineSync(db, opts);
  }

  /** The engine, current with the store. */
  engine() {
    return this.sync.current();
  }

  /** Re-read the threat context and finding states written elsewhere at the next request (e.g. after an intelligence import). */
  invalidate(): void {
    this.sync.invalidate();
  }

  async findings(s: Subject, q: FindingsQuery = {}): Promise<FindingsPage> {
    authorize(s, 'exposure:read');
    const limit = q.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw errors.badRequest('limit must be a whole number from 1 to 1000.', [{ path: 'limit', message: `got ${String(q.limit)}` }]);
    }
    const scope = exposureScope(s);
    // another organisation's findings are, to an operator, findings that do not exist
    if (scope !== null && q.org !== undefined && q.org !== scope) return { items: [], nextCursor: null, total: 0 };
    const filter: FindingFilter = {
      orgIds: scope === null ? null : [scope],
      ...(q.org !== undefined ? { orgId: q.org } : {}),
      ...(q.site !== undefined ? { siteId: q.site } : {}),
      ...(q.system !== undefined ? { systemId: q.system } : {}),
      ...(q.component !== undefined ? { componentId: q.component } : {}),
      ...(q.cve !== undefined ? { cveId: q.cve.toUpperCase() } : {}),
      ...(q.outcome !== undefined ? { outcome: q.outcome } : {}),
      ...(q.state !== undefined ? { state: q.state } : {}),
      ...(q.status !== undefined ? { status: q.status } : {}),
    };
    const engine = await this.engine();
    try {
      return engine.findings(filter, { limit, ...(q.cursor !== undefined ? { after: q.cursor } : {}) });
    } catch (e) {
      if (q.cursor !== undefined && !(e instanceof Error && 'code' in e)) {
        throw errors.badRequest('The cursor is not one this server issued; start again without it.', [{ path: 'cursor', message: (e as Error).message }]);
      }
      throw e;
    }
  }

  /** One finding; 404 when it does not exist or the subject may not see it. */
  async finding(s: Subject, key: string): Promise<ExplainedFinding> {
    authorize(s, 'exposure:read');
    const f = (await this.engine()).finding(key);
    if (!f || !canReadFinding(s, f.component.orgId)) throw errors.notFound(`Finding ${key}`);
    return f;
  }

  async summary(s: Subject): Promise<OrgSummary[]> {
    authorize(s, 'exposure:read');
    const scope = exposureScope(s);
    return (await this.engine()).summary(scope === null ? {} : { orgIds: [scope] });
  }

  /**
   * Changes a finding's state: operators for their own organisation, advisers and admins for all
   * (analysts read only). Validated (transition, reason, expiry) and stored with its audit entry in
   * one transaction, then visible at once.
   */
  async setState(s: Subject, key: string, change: StateChange): Promise<ExplainedFinding> {
    authorize(s, 'exposure:triage');
    const engine = await this.engine();
    const f = engine.finding(key);
    if (!f || !canReadFinding(s, f.component.orgId)) throw errors.notFound(`Finding ${key}`);
    if (!canTriageFinding(s, f.component.orgId)) throw errors.forbidden(`Your role (${s.role}) may not change the state of ${f.component.orgId}'s findings.`);
    const from = f.state.state;
    const stored = await this.db.transaction(async (tx) => {
      const r = await putState(tx, {
        componentId: f.component.id, cveId: f.cveId, productKey: f.productKey, orgId: f.component.orgId,
        state: change.state, reason: change.reason ?? null, expiresAt: change.expiresAt ?? null, changedBy: s.username,
        ...(change.expect !== undefined ? { expect: change.expect } : {}),
      });
      await this.audit(tx, {
        actor: s.username, action: 'exposure.state', target: key,
        detail: { orgId: f.component.orgId, cveId: f.cveId, from, to: r.state, reason: r.reason, expiresAt: r.expiresAt },
      });
      return r;
    });
    engine.setState(key, toEngineState(stored));
    return engine.finding(key)!;
  }

  /** Every finding of one device (a set of CPEs) against the loaded vulnerability data; no register data involved. */
  async match(s: Subject, cpes: readonly string[]): Promise<MatchAnswer> {
    authorize(s, 'exposure:match');
    if (cpes.length === 0 || cpes.length > MAX_MATCH_CPES) {
      throw errors.badRequest(`Give 1 to ${MAX_MATCH_CPES} CPE names.`, [{ path: 'cpes', message: `got ${cpes.length}` }]);
    }
    const components: DeviceComponent[] = [];
    const problems: { path: string; message: string }[] = [];
    cpes.forEach((cpe, i) => {
      try {
        parseCpe(cpe);
        components.push({ id: `cpe-${i + 1}`, cpe });
      } catch (e) {
        problems.push({ path: `cpes[${i}]`, message: `'${cpe}': ${(e as Error).message}` });
      }
    });
    if (problems.length) throw errors.validation(`${problems.length} of the CPE names ${problems.length === 1 ? 'is' : 'are'} not valid CPE 2.3 names.`, problems);
    const findings = (await this.engine()).matchDevice(components);
    return { components: components.map((c) => ({ id: c.id, cpe: c.cpe! })), findings };
  }
}
