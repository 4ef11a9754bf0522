/**
 * Group commit for audit entries that are not part of a write (reads of sensitive material).
 * Each caller waits until its entry is committed — nothing is disclosed before it is audited —
 * but entries that arrive while a commit is under way share the next one, so a busy server pays
 * one transaction for many reads instead of one each. When idle, an entry commits at once.
 */
import type { Db } from '../store/db.js';
import { appendAuditBatch, type AuditEntryInput } from './audit-log.js';

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
          await this.db.transaction((tx) => appendAuditBatch(tx, batch.map((p) => p.entry)));
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
