/**
 * The register's use cases, one record at a time: get and list (cursor paging, filters) through
 * the access policy, and create / update / delete of organisations, assets (sites and systems),
 * components and dependencies, each validated, checked against the records it names, logged in
 * `register_change` and audited in the same transaction. Bulk import, export, SBOMs and the
 * engines' full read are in their own modules (import-service, export-service, cyclonedx, load).
 */
import type { Db, Queryable } from '../store/db.js';
import { AppError, errors } from '../errors.js';
import { authorize, canWriteRegister, registerPredicate, registerScope, type Subject } from '../access/policy.js';
import type { AuditEntryInput } from '../access/audit-log.js';
import type { AssetKind, AssetRecord, ComponentRecord, OrganisationRecord } from './model.js';
import type { Writable } from 'node:stream';
import type { Entity } from './fields.js';
import type { ImportSource } from './import-reader.js';
import type { ImportReport } from './import-service.js';
import type { SbomReport } from './cyclonedx.js';
import type { ExportOptions } from './export-service.js';
import * as repo from './repository.js';
import {
  checkAsset, checkComponent, checkDependency, checkOrganisation, type Checked, type DependencyInput, type FieldError, type StoredDependency,
} from './validate.js';
import { checkAssetReferences, checkComponentReferences, checkDependencyReferences } from './references.js';

export type AuditAppender = (tx: Queryable, entry: AuditEntryInput) => Promise<void>;

export interface RegisterPage<T> {
  items: T[];
  next: string | null;
}

export interface PageQuery {
  cursor?: string | undefined;
  /** 1..1000, default 100 */
  limit?: number | undefined;
}
export interface OrganisationQuery extends PageQuery {
  sector?: string | undefined;
}
export interface AssetQuery extends PageQuery {
  org?: string | undefined;
  kind?: AssetKind | undefined;
  sector?: string | undefined;
  region?: string | undefined;
  /** Assets of this criticality category or higher. */
  minCriticality?: number | undefined;
  /** Systems at this site. */
  site?: string | undefined;
}
export interface ComponentQuery extends PageQuery {
  system?: string | undefined;
  org?: string | undefined;
}
export interface DependencyQuery extends PageQuery {
  dependent?: string | undefined;
  provider?: string | undefined;
  org?: string | undefined;
}

export interface DeleteResult {
  assets: string[];
  components: string[];
  dependencies: string[];
}

const LABEL: Record<Entity, string> = { organisation: 'organisation', asset: 'asset', component: 'component', dependency: 'dependency' };

/** The one answer for a record the reader may not see AND for one that does not exist (no id echoed). */
export function recordNotFound(what: string): AppError {
  return new AppError('NOT_FOUND', 404, `No ${what} with this id is available to you: check the id, or ask its organisation.`);
}

function invalid(what: string, id: string, errs: FieldError[]): AppError {
  const first = errs[0]!;
  return errors.validation(
    `${what[0]!.toUpperCase()}${what.slice(1)} ${id || '(no id)'} is not valid: ${first.field || 'record'}: ${first.reason}${errs.length > 1 ? ` (and ${errs.length - 1} more)` : ''}.`,
    errs.map((e) => ({ path: e.field, message: e.reason })),
  );
}

function must<R>(what: string, id: string, c: Checked<R>): R {
  if (!c.ok) throw invalid(what, id, c.errors);
  return c.record;
}

export function encodeCursor(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

export function decodeCursor(s: string): string {
  const id = Buffer.from(s, 'base64url').toString('utf8');
  if (!id || encodeCursor(id) !== s) throw errors.badRequest('The cursor is not one this server issued; start again without it.', [{ path: 'cursor', message: 'malformed' }]);
  return id;
}

const clampLimit = (n: number | undefined) => Math.min(Math.max(Math.floor(n ?? 100), 1), 1000);

function filters(spec: [string, '=' | '>=', unknown][]): repo.Filter[] {
  return spec.filter(([, , v]) => v !== undefined && v !== '').map(([column, op, value]) => ({ column, op, value }));
}

const assetKindLabel = (kind?: AssetKind) => kind ?? 'asset';

export class RegisterService {
  constructor(
    readonly db: Db,
    private readonly audit: AuditAppender,
  ) {}

  private visible(s: Subject): repo.Predicate {
    return (col, params) => registerPredicate(s, col, params);
  }

  private async page<R extends { id: string }>(s: Subject, e: Entity, f: repo.Filter[], q: PageQuery): Promise<RegisterPage<R>> {
    authorize(s, 'register:read');
    const limit = clampLimit(q.limit);
    const after = q.cursor ? decodeCursor(q.cursor) : null;
    const rows = await repo.listRecords<R>(this.db, e, f, after, limit + 1, this.visible(s));
    const more = rows.length > limit;
    const items = more ? rows.slice(0, limit) : rows;
    return { items, next: more ? encodeCursor(items[items.length - 1]!.id) : null };
  }

  private async getVisible<R>(s: Subject, e: Entity, id: string, what = LABEL[e], q: Queryable = this.db): Promise<R> {
    authorize(s, 'register:read');
    const r = await repo.getRecord<R>(q, e, id, this.visible(s));
    if (!r) throw recordNotFound(what);
    return r;
  }

  /** Runs a write in one transaction and audits it there, unless it changed nothing (returned null). */
  private async write<T>(s: Subject, action: string, target: string, detail: unknown, fn: (tx: Queryable) => Promise<T | null>): Promise<T | null> {
    return this.db.transaction(async (tx) => {
      await repo.lockRegister(tx);
      const out = await fn(tx);
      if (out !== null) await this.audit(tx, { actor: s.username, action, target, detail });
      return out;
    });
  }

  // --- organisations ----------------------------------------------------------------------------

  getOrganisation(s: Subject, id: string): Promise<OrganisationRecord> {
    return this.getVisible<OrganisationRecord>(s, 'organisation', id);
  }

  listOrganisations(s: Subject, q: OrganisationQuery = {}): Promise<RegisterPage<OrganisationRecord>> {
    return this.page(s, 'organisation', filters([['sector', '=', q.sector]]), q);
  }

  async createOrganisation(s: Subject, input: Record<string, unknown>): Promise<OrganisationRecord> {
    authorize(s, 'register:organisations');
    const rec = must('organisation', String(input.id ?? ''), checkOrganisation(input));
    await this.write(s, 'register.organisation.create', rec.id, { name: rec.name, sector: rec.sector }, async (tx) => {
      if (await repo.getRecord(tx, 'organisation', rec.id)) throw errors.conflict(`Organisation ${rec.id} already exists; change it with PATCH /register/organisations/${rec.id}.`);
      await this.uniqueName(tx, rec);
      await repo.upsertRecord(tx, 'organisation', rec);
      return rec;
    });
    return rec;
  }

  private async uniqueName(tx: Queryable, rec: OrganisationRecord): Promise<void> {
    const holder = await repo.organisationByName(tx, rec.name);
    if (holder !== null && holder !== rec.id) throw errors.conflict(`The name "${rec.name}" is already used by organisation ${holder}.`);
  }

  async updateOrganisation(s: Subject, id: string, changes: Record<string, unknown>): Promise<OrganisationRecord> {
    authorize(s, 'register:organisations');
    return this.write(s, 'register.organisation.update', id, { changes: Object.keys(changes) }, async (tx) => {
      const before = await this.getVisible<OrganisationRecord>(s, 'organisation', id, 'organisation', tx);
      this.sameId('organisation', id, changes);
      const rec = must('organisation', id, checkOrganisation({ ...before, ...changes }));
      await this.uniqueName(tx, rec);
      return (await repo.upsertRecord(tx, 'organisation', rec)) === 'unchanged' ? null : rec;
    }).then((r) => r ?? this.getOrganisation(s, id));
  }

  async deleteOrganisation(s: Subject, id: string): Promise<void> {
    authorize(s, 'register:organisations');
    await this.write(s, 'register.organisation.delete', id, null, async (tx) => {
      await this.getVisible(s, 'organisation', id, 'organisation', tx);
      const use = await repo.organisationUse(tx, id);
      if (use.assets || use.users) {
        throw errors.conflict(`Organisation ${id} still has ${use.assets} assets and ${use.users} users: delete or move them first.`);
      }
      await repo.deleteRecords(tx, 'organisation', [id]);
      return true;
    });
  }

  // --- assets (sites and systems) ---------------------------------------------------------------

  /** An asset; with `kind`, only one of that kind (a system asked for as a site is not found). */
  async getAsset(s: Subject, id: string, kind?: AssetKind): Promise<AssetRecord> {
    const a = await this.getVisible<AssetRecord>(s, 'asset', id, assetKindLabel(kind));
    if (kind && a.kind !== kind) throw recordNotFound(kind);
    return a;
  }

  listAssets(s: Subject, q: AssetQuery = {}): Promise<RegisterPage<AssetRecord>> {
    return this.page(s, 'asset', filters([
      ['org_id', '=', q.org], ['kind', '=', q.kind], ['sector', '=', q.sector], ['region', '=', q.region],
      ['criticality', '>=', q.minCriticality], ['site_id', '=', q.site],
    ]), q);
  }

  async createAsset(s: Subject, input: Record<string, unknown>, kind?: AssetKind): Promise<AssetRecord> {
    authorize(s, 'register:write');
    const what = assetKindLabel(kind);
    const rec = must(what, String(input.id ?? ''), checkAsset(input, kind));
    this.mayWrite(s, rec.orgId, what, rec.id);
    await this.write(s, 'register.asset.create', rec.id, { kind: rec.kind, orgId: rec.orgId }, async (tx) => {
      if (await repo.getRecord(tx, 'asset', rec.id)) throw errors.conflict(`The id ${rec.id} is already taken by an asset; choose another.`);
      const refs = await checkAssetReferences(tx, s, rec, null);
      if (refs.length) throw invalid(what, rec.id, refs);
      await repo.upsertRecord(tx, 'asset', rec);
      return rec;
    });
    return rec as AssetRecord;
  }

  async updateAsset(s: Subject, id: string, changes: Record<string, unknown>, kind?: AssetKind): Promise<AssetRecord> {
    authorize(s, 'register:write');
    const what = assetKindLabel(kind);
    return this.write(s, 'register.asset.update', id, { changes: Object.keys(changes) }, async (tx) => {
      const before = await this.getVisible<AssetRecord>(s, 'asset', id, what, tx);
      if (kind && before.kind !== kind) throw recordNotFound(kind);
      this.sameId(what, id, changes);
      const rec = must(what, id, checkAsset({ ...before, ...changes }, kind));
      this.mayWrite(s, rec.orgId, what, id);
      const refs = await checkAssetReferences(tx, s, rec, before);
      if (refs.length) throw invalid(what, id, refs);
      if ((await repo.upsertRecord(tx, 'asset', rec)) === 'unchanged') return null;
      if (rec.orgId !== before.orgId) await repo.propagateOwner(tx, id, rec.orgId);
      return rec as AssetRecord;
    }).then((r) => r ?? this.getAsset(s, id, kind));
  }

  /**
   * Deletes an asset with its components and its own dependencies. Refused (409, listing them)
   * while other assets depend on it or systems are at the site, unless `cascade`: then those go
   * too (systems at the site with their components and dependencies), provided the subject may
   * write every one of them.
   */
  async deleteAsset(s: Subject, id: string, opts: { cascade?: boolean; kind?: AssetKind } = {}): Promise<DeleteResult> {
    authorize(s, 'register:write');
    const what = assetKindLabel(opts.kind);
    return this.db.transaction(async (tx) => {
      await repo.lockRegister(tx);
      const a = await this.getVisible<AssetRecord>(s, 'asset', id, what, tx);
      if (opts.kind && a.kind !== opts.kind) throw recordNotFound(opts.kind);
      this.mayWrite(s, a.orgId, what, id);
      const set = [id, ...(a.kind === 'site' ? (await repo.systemsAt(tx, [id])).map((x) => x.id) : [])];
      const on = await repo.dependentsOf(tx, set);
      const scope = registerScope(s);
      const onSite = set.slice(1);
      if (!opts.cascade && (on.dependencies.length || onSite.length)) {
        const mine = on.dependencies.filter((d) => scope === null || d.orgId === scope);
        const others = on.dependencies.length - mine.length;
        const parts = [
          ...(onSite.length ? [`systems at this site: ${onSite.join(', ')}`] : []),
          ...(mine.length ? [`dependencies on it: ${mine.map((d) => `${d.id} (${d.dependentId} → ${d.providerId})`).join(', ')}`] : []),
          ...(others ? [`${others} dependencies recorded by other organisations`] : []),
        ];
        throw errors.conflict(`Asset ${id} is still needed — ${parts.join('; ')}. Delete those first, or delete with cascade=true to remove them too.`);
      }
      const foreign = [...on.dependencies.map((d) => d.orgId)].filter((o) => !canWriteRegister(s, o));
      if (foreign.length) throw errors.forbidden(`Deleting asset ${id} would remove ${foreign.length} dependencies recorded by other organisations; ask an administrator.`);
      const deleted = await repo.deleteAssets(tx, set);
      await this.audit(tx, { actor: s.username, action: 'register.asset.delete', target: id, detail: { cascade: opts.cascade === true, deleted } });
      return deleted;
    });
  }

  // --- components -------------------------------------------------------------------------------

  getComponent(s: Subject, id: string): Promise<ComponentRecord> {
    return this.getVisible<ComponentRecord>(s, 'component', id);
  }

  listComponents(s: Subject, q: ComponentQuery = {}): Promise<RegisterPage<ComponentRecord>> {
    return this.page(s, 'component', filters([['system_id', '=', q.system], ['org_id', '=', q.org]]), q);
  }

  async createComponent(s: Subject, input: Record<string, unknown>): Promise<ComponentRecord> {
    authorize(s, 'register:write');
    const c = must('component', String(input.id ?? ''), checkComponent(input));
    const out = await this.write(s, 'register.component.create', c.id, { systemId: c.systemId }, async (tx) => {
      if (await repo.getRecord(tx, 'component', c.id)) throw errors.conflict(`The id ${c.id} is already taken by a component; choose another.`);
      const rec = await this.componentFor(tx, s, c);
      await repo.upsertRecord(tx, 'component', rec);
      return rec;
    });
    return out!;
  }

  private async componentFor(tx: Queryable, s: Subject, c: ComponentRecord | (Omit<ComponentRecord, 'orgId'> & { orgId: string | null })): Promise<ComponentRecord> {
    const refs = await checkComponentReferences(tx, s, c);
    if (refs.errors.length) throw invalid('component', c.id, refs.errors);
    this.mayWrite(s, refs.orgId!, 'component', c.id);
    return { ...c, orgId: refs.orgId! };
  }

  async updateComponent(s: Subject, id: string, changes: Record<string, unknown>): Promise<ComponentRecord> {
    authorize(s, 'register:write');
    return this.write(s, 'register.component.update', id, { changes: Object.keys(changes) }, async (tx) => {
      const before = await this.getVisible<ComponentRecord>(s, 'component', id, 'component', tx);
      this.mayWrite(s, before.orgId, 'component', id);
      this.sameId('component', id, changes);
      const merged = { ...before, ...changes };
      if (!('orgId' in changes) && merged.systemId !== before.systemId) merged.orgId = null as unknown as string;
      const rec = await this.componentFor(tx, s, must('component', id, checkComponent(merged)));
      return (await repo.upsertRecord(tx, 'component', rec)) === 'unchanged' ? null : rec;
    }).then((r) => r ?? this.getComponent(s, id));
  }

  async deleteComponent(s: Subject, id: string): Promise<void> {
    authorize(s, 'register:write');
    await this.write(s, 'register.component.delete', id, null, async (tx) => {
      const c = await this.getVisible<ComponentRecord>(s, 'component', id, 'component', tx);
      this.mayWrite(s, c.orgId, 'component', id);
      await repo.deleteRecords(tx, 'component', [id]);
      return true;
    });
  }

  // --- dependencies -----------------------------------------------------------------------------

  getDependency(s: Subject, id: string): Promise<StoredDependency> {
    return this.getVisible<StoredDependency>(s, 'dependency', id);
  }

  listDependencies(s: Subject, q: DependencyQuery = {}): Promise<RegisterPage<StoredDependency>> {
    return this.page(s, 'dependency', filters([['dependent_id', '=', q.dependent], ['provider_id', '=', q.provider], ['org_id', '=', q.org]]), q);
  }

  async createDependency(s: Subject, input: Record<string, unknown>): Promise<StoredDependency> {
    authorize(s, 'register:write');
    const d = must('dependency', String(input.id ?? ''), checkDependency(input));
    const out = await this.write(s, 'register.dependency.create', d.id, { dependentId: d.dependentId, providerId: d.providerId }, async (tx) => {
      if (await repo.getRecord(tx, 'dependency', d.id)) throw errors.conflict(`The id ${d.id} is already taken by a dependency; choose another.`);
      const rec = { ...d, orgId: await this.dependencyChecks(tx, s, d) };
      await repo.upsertRecord(tx, 'dependency', rec);
      return rec;
    });
    return out!;
  }

  /** Checks the dependency's references and the subject's right to write it; returns its organisation. */
  private async dependencyChecks(tx: Queryable, s: Subject, d: DependencyInput): Promise<string> {
    const refs = await checkDependencyReferences(tx, s, d);
    if (refs.errors.length) throw invalid('dependency', d.id, refs.errors);
    this.mayWrite(s, refs.orgId!, 'dependency', d.id);
    return refs.orgId!;
  }

  async updateDependency(s: Subject, id: string, changes: Record<string, unknown>): Promise<StoredDependency> {
    authorize(s, 'register:write');
    return this.write(s, 'register.dependency.update', id, { changes: Object.keys(changes) }, async (tx) => {
      const before = await this.getVisible<StoredDependency>(s, 'dependency', id, 'dependency', tx);
      this.mayWrite(s, before.orgId, 'dependency', id);
      this.sameId('dependency', id, changes);
      const merged: Record<string, unknown> = { ...before, ...changes };
      if (!('orgId' in changes) && merged.dependentId !== before.dependentId) merged.orgId = null;
      const d = must('dependency', id, checkDependency(merged));
      const rec = { ...d, orgId: await this.dependencyChecks(tx, s, d) };
      return (await repo.upsertRecord(tx, 'dependency', rec)) === 'unchanged' ? null : rec;
    }).then((r) => r ?? this.getDependency(s, id));
  }

  async deleteDependency(s: Subject, id: string): Promise<void> {
    authorize(s, 'register:write');
    await this.write(s, 'register.dependency.delete', id, null, async (tx) => {
      const d = await this.getVisible<StoredDependency>(s, 'dependency', id, 'dependency', tx);
      this.mayWrite(s, d.orgId, 'dependency', id);
      await repo.deleteRecords(tx, 'dependency', [id]);
      return true;
    });
  }

  // --- bulk: import, SBOM, export ----------------------------------------------------------------

  /** Imports files or texts together, all or nothing (`import-service.ts`). */
  async import(s: Subject, sources: ImportSource[], opts: { onProgress?: (rows: number) => void } = {}): Promise<ImportReport> {
    const { importRegister } = await import('./import-service.js');
    return importRegister(this.db, s, sources, { audit: this.audit, onProgress: opts.onProgress });
  }

  /** Imports a CycloneDX JSON BOM as the components of a system (`cyclonedx.ts`). */
  async importSbom(s: Subject, systemId: string, bom: unknown, opts: { name?: string; internetExposed?: boolean } = {}): Promise<SbomReport> {
    const { importSbom } = await import('./cyclonedx.js');
    return importSbom(this.db, this.audit, s, systemId, bom, opts);
  }

  /** Streams an export to `out` (`export-service.ts`); returns the number of records. */
  async export(s: Subject, out: Writable, o: Omit<ExportOptions, 'audit'>): Promise<number> {
    const { exportRegister } = await import('./export-service.js');
    return exportRegister(this.db, s, out, { ...o, audit: this.audit });
  }

  // --- shared -----------------------------------------------------------------------------------

  private mayWrite(s: Subject, orgId: string, what: string, id: string): void {
    if (!canWriteRegister(s, orgId)) {
      throw errors.forbidden(`You may register only your own organisation's records (${s.orgId}); ${what} ${id} would belong to ${orgId}.`);
    }
  }

  private sameId(what: string, id: string, changes: Record<string, unknown>): void {
    if ('id' in changes && changes.id !== id) throw errors.badRequest(`The id of ${what} ${id} cannot be changed.`, [{ path: 'id', message: 'immutable' }]);
  }
}
