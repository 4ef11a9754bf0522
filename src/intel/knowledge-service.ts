/**
 * The knowledge store's use cases: read (get, versions, list, search, neighbours), write
 * (create, new version, revoke). Every read filters through the access policy, redacts references
 * to hidden objects, and audits reads of sensitive material; every write is audited in the same
 * transaction as the write.
 */
import type { Db, Queryable } from '../store/db.js';
import { AppError, errors } from '../errors.js';
import type { StixObject } from '../stix/types.js';
import { authorize, isSensitive, visibilityPredicate, type Subject } from '../access/policy.js';
import type { AuditAppender } from './import-service.js';
import * as repo from './object-repository.js';
import { prepareObject } from './prepare.js';
import { redactReferences, redactReferencesWith, restoreHiddenRefs } from './redaction.js';
import { ObjectCache } from './object-cache.js';
import { AuditBatcher } from '../access/audit-batcher.js';
import type { AuditJournal } from '../access/audit-journal.js';
import { normaliseTimestamp } from './version-key.js';

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface NeighbourView {
  direction: 'outgoing' | 'incoming';
  relationship: StixObject;
  object: StixObject;
}

export interface ListQuery {
  types?: string[] | undefined;
  modifiedSince?: string | undefined;
  modifiedUntil?: string | undefined;
  labels?: string[] | undefined;
  createdBy?: string | undefined;
  markings?: string[] | undefined;
  includeRevoked?: boolean | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
  /** What the listing is for, as audited (`intel.list`, `intel.export`). Default list. */
  purpose?: 'list' | 'export' | undefined;
}

/**
 * The one answer for an object the reader may not see AND for one that does not exist: same
 * status, same body (no id echoed), so that nothing can be inferred from the difference.
 */
function objectNotFound(version?: string): AppError {
  return version === undefined
    ? new AppError('NOT_FOUND', 404, 'No object with this id is available to you: check the id, or ask its producer to share it with your organisation.')
    : new AppError('NOT_FOUND', 404, 'No version of this object with that modified timestamp is available to you: list its versions at /objects/{id}/versions.');
}

function encodeCursor(c: repo.Cursor): string {
  return Buffer.from(JSON.stringify([c.version, c.id])).toString('base64url');
}

function decodeCursor(s: string): repo.Cursor {
  try {
    const [version, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof version === 'string' && typeof id === 'string') return { version, id };
  } catch {
    /* fall through */
  }
  throw errors.badRequest('The cursor is not one this server issued; start again without it.', [{ path: 'cursor', message: 'malformed' }]);
}

function encodeSearchCursor(c: repo.SearchCursor): string {
  return Buffer.from(JSON.stringify([c.rank, c.id])).toString('base64url');
}

function decodeSearchCursor(s: string): repo.SearchCursor {
  try {
    const [rank, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof rank === 'number' && Number.isFinite(rank) && typeof id === 'string') return { rank, id };
  } catch {
    /* fall through */
  }
  throw errors.badRequest('The cursor is not one this server issued for a search; start again without it.', [{ path: 'cursor', message: 'malformed' }]);
}

function timestampParam(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const n = normaliseTimestamp(v);
  if (!n) throw errors.badRequest(`${name} must be an RFC 3339 UTC timestamp such as 2024-01-31T12:00:00Z`, [{ path: name, message: `got '${v}'` }]);
  return n;
}

const nowStix = () => new Date().toISOString();

export class KnowledgeService {
  /**
   * Hot reads in memory — only on the embedded engine, where this process is the store's only
   * writer (its lock file admits one process), so every write passes through `store` below.
   */
  private readonly cache: ObjectCache | null;
  /**
   * Reads of sensitive material are audited by group commit: each read waits until its entry is
   * durable (committed, or on the embedded store written to the journal of reads).
   */
  private readonly readAudit: AuditBatcher;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditAppender,
    opts: { cacheObjects?: number; readJournal?: AuditJournal | null } = {},
  ) {
    const size = opts.cacheObjects ?? 50_000;
    this.cache = db.engine === 'pglite' && size > 0 ? new ObjectCache(size) : null;
    this.readAudit = new AuditBatcher(db, 500, opts.readJournal ?? null);
  }

  /** Waits until every read audited so far is in the audit chain (before closing the store). */
  async drainReadAudit(): Promise<void> {
    await this.readAudit.drain();
    this.readAudit.close();
  }

  private visible(s: Subject) {
    return (alias: string, params: unknown[]) => visibilityPredicate(s, alias, params);
  }

  /** Audits the read of any sensitive rows among those returned, in one entry. */
  private async auditReads(s: Subject, action: string, rows: repo.StoredObject[]): Promise<void> {
    const ids = rows.filter((r) => isSensitive(r)).map((r) => `${r.doc.id}@${r.version}`);
    if (ids.length === 0) return;
    await this.readAudit.record({ actor: s.username, action, target: ids.length === 1 ? ids[0]! : null, detail: { objects: ids } });
  }

  private async present(q: Queryable, s: Subject, rows: repo.StoredObject[]): Promise<StixObject[]> {
    return redactReferences(q, rows.map((r) => r.doc), this.visible(s));
  }

  async get(s: Subject, id: string, version?: string): Promise<StixObject> {
    authorize(s, 'intel:read');
    let key: string | null = null;
    if (version !== undefined) {
      key = normaliseTimestamp(version) ?? null;
      if (key === null) throw errors.badRequest('version must be the object\'s modified timestamp (RFC 3339, UTC)', [{ path: 'version', message: `got '${version}'` }]);
    }
    if (key === null && this.cache) return this.getCached(s, id, this.cache);
    const row = await repo.getObject(this.db, id, key, this.visible(s));
    if (!row) throw objectNotFound(version);
    await this.auditReads(s, 'intel.read', [row]);
    return (await this.present(this.db, s, [row]))[0]!;
  }

  /** The latest version through the in-memory cache: same rules, no query once warm. */
  private async getCached(s: Subject, id: string, cache: ObjectCache): Promise<StixObject> {
    const row = await cache.latestOf(this.db, id);
    if (!row || !(await cache.visible(this.db, s, cache.metaOf(row)))) throw objectNotFound();
    await this.auditReads(s, 'intel.read', [row]);
    return (await redactReferencesWith([row.doc], (ids) => cache.hiddenAmong(this.db, s, ids)))[0]!;
  }

  async versions(s: Subject, id: string): Promise<string[]> {
    authorize(s, 'intel:read');
    const v = await repo.listVersions(this.db, id, this.visible(s));
    if (v.length === 0) throw objectNotFound();
    return v;
  }

  async list(s: Subject, q: ListQuery): Promise<Page<StixObject>> {
    authorize(s, 'intel:read');
    const limit = Math.min(Math.max(q.limit ?? 100, 1), 1000);
    const filter: repo.ListFilter = {
      types: q.types, labels: q.labels, createdBy: q.createdBy, markings: q.markings, includeRevoked: q.includeRevoked,
      modifiedFrom: timestampParam('modified_since', q.modifiedSince),
      modifiedUntil: timestampParam('modified_until', q.modifiedUntil),
    };
    const after = q.cursor ? decodeCursor(q.cursor) : null;
    // Filtering by a creator or marking the reader may not see would reveal which visible objects
    // reference it (their reference to it is redacted): such a value matches nothing.
    const named = [...(filter.createdBy ? [filter.createdBy] : []), ...(filter.markings ?? [])];
    const hidden = named.length ? await repo.hiddenAmong(this.db, named, this.visible(s)) : new Set<string>();
    if (filter.createdBy && hidden.has(filter.createdBy)) return { items: [], next: null };
    if (filter.markings?.length) {
      filter.markings = filter.markings.filter((m) => !hidden.has(m));
      if (filter.markings.length === 0) return { items: [], next: null };
    }
    const rows = await repo.listObjects(this.db, filter, after, limit + 1, this.visible(s));
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    await this.auditReads(s, q.purpose === 'export' ? 'intel.export' : 'intel.list', page);
    const last = page[page.length - 1];
    return { items: await this.present(this.db, s, page), next: more && last ? encodeCursor({ version: last.version, id: last.doc.id }) : null };
  }

  async search(s: Subject, text: string, opts: { types?: string[] | undefined; cursor?: string | undefined; limit?: number | undefined }): Promise<Page<StixObject>> {
    authorize(s, 'intel:read');
    if (!text.trim()) throw errors.badRequest('Search text must not be empty.', [{ path: 'q', message: 'empty' }]);
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
    const after = opts.cursor ? decodeSearchCursor(opts.cursor) : null;
    const rows = await repo.searchObjects(this.db, text, opts.types, after, limit + 1, this.visible(s));
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    await this.auditReads(s, 'intel.search', page);
    const last = page[page.length - 1];
    return {
      items: await this.present(this.db, s, page),
      next: more && last ? encodeSearchCursor({ rank: Number(last.rank), id: last.id }) : null,
    };
  }

  async neighbours(s: Subject, id: string, limit = 500): Promise<NeighbourView[]> {
    authorize(s, 'intel:read');
    const self = await repo.getObject(this.db, id, null, this.visible(s));
    if (!self) throw objectNotFound();
    const links = await repo.neighbours(this.db, id, Math.min(Math.max(limit, 1), 5000), this.visible(s));
    await this.auditReads(s, 'intel.neighbours', [self, ...links.flatMap((l) => [l.relationship, l.object])]);
    const rels = await this.present(this.db, s, links.map((l) => l.relationship));
    const objs = await this.present(this.db, s, links.map((l) => l.object));
    return links.map((l, k) => ({ direction: l.direction, relationship: rels[k]!, object: objs[k]! }));
  }

  async counts(s: Subject): Promise<Record<string, number>> {
    authorize(s, 'intel:read');
    return repo.countByType(this.db, this.visible(s));
  }

  /**
   * Stores a new object or a new version of one. `recipients` lists the organisations a TLP:RED
   * object is shared with. Returns the object as stored (it is the writer's own input).
   */
  async put(s: Subject, input: unknown, opts: { recipients?: string[] | undefined; expectNew?: boolean } = {}): Promise<StixObject> {
    return this.store(s, input, { ...opts, action: null });
  }

  /**
   * A new version keeps the producing organisation of the object (owner_org: who AMBER+STRICT stays
   * with) and its TLP:RED sharing list; only the producing organisation may add recipients to it.
   */
  private async store(
    s: Subject, input: unknown,
    opts: { recipients?: string[] | undefined; expectNew?: boolean | undefined; action: 'intel.update' | 'intel.revoke' | null },
  ): Promise<StixObject> {
    authorize(s, 'intel:write');
    const prepared = prepareObject(input, 0, { ownerOrg: s.orgId, recipients: opts.recipients ?? null });
    if (!prepared.ok) {
      throw errors.validation(
        `The object${prepared.rejection.id ? ` ${prepared.rejection.id}` : ''} is not valid STIX 2.1.`,
        prepared.rejection.errors,
      );
    }
    const item = prepared.item;
    this.cache?.invalidate([item.id]);
    return this.db.transaction(async (tx) => {
      const existing = await repo.getObject(tx, item.obj.id, null, () => 'true');
      if (existing) {
        if (opts.expectNew) throw errors.conflict(`Object ${item.obj.id} already exists; make a new version with PATCH /objects/{id}.`);
        const visible = await repo.getObject(tx, item.obj.id, null, this.visible(s));
        if (!visible) throw errors.forbidden(`You may not change ${item.obj.id}.`);
        const owner = existing.owner_org ?? s.orgId;
        item.ownerOrg = owner;
        if (item.tlp === 'RED') {
          const before = new Set(existing.recipients ?? [owner]);
          const added = (opts.recipients ?? []).filter((o) => !before.has(o));
          if (added.length && s.orgId !== owner) {
            throw errors.forbidden(`Only the producing organisation (${owner}) may share this TLP:RED object further; ask it to add ${added.join(', ')}.`);
          }
          item.recipients = [...new Set([...before, ...added, owner])];
        }
      }
      const out = await repo.writeBatch(tx, [item]);
      if (out.conflicts.length) throw errors.conflict(out.conflicts[0]!.message);
      if (out.inserted.length || out.updated.length) {
        const action = opts.action ?? (existing ? 'intel.update' : 'intel.create');
        await this.audit(tx, { actor: s.username, action, target: `${item.obj.id}@${item.version}`, detail: { type: item.obj.type, hash: item.hash } });
      }
      return item.obj;
    }).finally(() => this.cache?.invalidate([item.id]));
  }

  /**
   * Makes a new version of an object with `changes` applied and `modified` set to now. Returns it as
   * the writer may see it (references to objects hidden from them redacted).
   */
  async update(s: Subject, id: string, changes: Record<string, unknown>): Promise<StixObject> {
    return this.newVersion(s, id, changes, 'intel.update');
  }

  async revoke(s: Subject, id: string): Promise<StixObject> {
    authorize(s, 'intel:write');
    const row = await repo.getObject(this.db, id, null, this.visible(s));
    if (!row) throw objectNotFound();
    if (row.doc.revoked === true) throw errors.conflict(`Object ${id} is already revoked.`);
    return this.newVersion(s, id, { revoked: true }, 'intel.revoke');
  }

  private async newVersion(s: Subject, id: string, changes: Record<string, unknown>, action: 'intel.update' | 'intel.revoke'): Promise<StixObject> {
    authorize(s, 'intel:write');
    // the base is the stored object itself, not the reader's redacted view of it
    const row = await repo.getObject(this.db, id, null, this.visible(s));
    if (!row) throw objectNotFound();
    const current = row.doc;
    for (const k of ['id', 'type', 'created', 'spec_version']) {
      if (k in changes && changes[k] !== current[k]) throw errors.badRequest(`'${k}' cannot be changed in a new version.`, [{ path: k, message: 'immutable' }]);
    }
    if (!('modified' in current)) throw errors.badRequest(`${current.type} objects have no versions; store a new object instead.`);
    const next: StixObject = { ...structuredClone(current), ...changes, id, modified: nowStix() };
    await restoreHiddenRefs(this.db, current, next, this.visible(s));
    const stored = await this.store(s, next, { action });
    return (await redactReferences(this.db, [stored], this.visible(s)))[0]!;
  }
}
