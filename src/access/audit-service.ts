/**
 * `AuditLog`: the audit log as one object over a Db (append and read: `audit-log.ts`, verify:
 * `audit-verify.ts`); each call is its own transaction.
 */
import type { Db } from '../store/db.js';
import {
  appendAudit, appendAuditBatch, auditHead, listAudit, type AuditAnchor, type AuditEntry, type AuditEntryInput,
} from './audit-log.js';
import { verifyAudit, type AuditVerifyResult, type VerifyOptions } from './audit-verify.js';

/** Convenience over a Db: each call is its own transaction. */
export class AuditLog {
  constructor(readonly db: Db) {}

  /** Appends one entry in a transaction of its own. */
  static record(db: Db, entry: AuditEntryInput): Promise<AuditEntry> {
    return db.transaction((tx) => appendAudit(tx, entry));
  }

  record(entry: AuditEntryInput): Promise<AuditEntry> {
    return AuditLog.record(this.db, entry);
  }

  recordMany(entries: readonly AuditEntryInput[]): Promise<AuditEntry[]> {
    return this.db.transaction((tx) => appendAuditBatch(tx, entries));
  }

  verify(opts?: VerifyOptions): Promise<AuditVerifyResult> {
    return verifyAudit(this.db, opts);
  }

  head(): Promise<AuditAnchor | null> {
    return auditHead(this.db);
  }

  list(opts?: { afterSeq?: number; limit?: number }): Promise<AuditEntry[]> {
    return listAudit(this.db, opts);
  }
}
