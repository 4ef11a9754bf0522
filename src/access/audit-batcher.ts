/**
 * Group commit for audit entries that are not part of a write (reads of sensitive material).
 * Each caller waits until its entry is committed — nothing is disclosed before it is audited —
 * but entries that arrive while a commit is under way share the next one, so a busy server pays
 * one transaction for many reads instead of one each. When idle, an entry commits at once. On the
 * embedded store the whole commit runs in the database's thread (one exchange, not one per statement).
 */
import type { Db } from '../store/db.js';
import { canRunProcedures } from '../store/procedure.js';
import { appendAuditBatch, type AuditEntryInput } from './audit-log.js';

/** Where appendAuditBatch lives, for stores that run it where their database is (one exchange per commit). */
const AUDIT_LOG_MODULE = new URL('./audit-log.js', import.meta.url).href;

interface Pending {
  entry: AuditEntryInput;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class AuditBatcher {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(private readonly db: Db, private readonly maxBatch = 500) {}

  /** Resolves once the entry is committed to the audit log. */
  record(entry: AuditEntryInput): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const entries = batch.map((p) => p.entry);
          if (canRunProcedures(this.db)) await this.db.runProcedure(AUDIT_LOG_MODULE, 'appendAuditBatch', [entries]);
          else await this.db.transaction((tx) => appendAuditBatch(tx, entries));
          for (const p of batch) p.resolve();
        } catch (e) {
          for (const p of batch) p.reject(e);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
