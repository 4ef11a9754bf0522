/**
 * Group commit for audit entries that are not part of a write (reads of sensitive material).
 * Nothing is disclosed before it is audited: each caller waits until its entry is durable. Entries
 * that arrive while a commit is under way share the next one, so a busy server pays one
 * transaction for many reads instead of one each. When idle, an entry commits at once. On the
 * embedded store the whole commit runs in the database's thread (one exchange, not one per statement).
 *
 * With a journal (the embedded store; src/access/audit-journal.ts) an entry is durable once its
 * line is written there, so the caller is released at once and the commit into the chain follows
 * in the background, within JOURNAL_COMMIT_MS; a commit that fails is retried (the lines stay in the journal meanwhile, and a
 * restart commits them).
 */
import type { Db } from '../store/db.js';
import { canRunProcedures } from '../store/procedure.js';
import { appendAuditBatch, type AuditEntryInput } from './audit-log.js';
import { type AuditJournal, commitJournalLines, type JournalLine } from './audit-journal.js';

/** Where appendAuditBatch lives, for stores that run it where their database is (one exchange per commit). */
const AUDIT_LOG_MODULE = new URL('./audit-log.js', import.meta.url).href;
const AUDIT_JOURNAL_MODULE = new URL('./audit-journal.js', import.meta.url).href;
/** Wait before retrying a failed commit of journaled entries. */
const RETRY_MS = 1000;
/**
 * Journaled entries are committed into the chain at most this often: nobody waits for that commit,
 * so fewer, larger transactions keep the database thread (and its garbage collection) off the CPU
 * the requests need.
 */
const JOURNAL_COMMIT_MS = 100;

interface Pending {
  entry: AuditEntryInput;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class AuditBatcher {
  private queue: Pending[] = [];
  private lines: JournalLine[] = [];
  private flushing = false;
  private idle: Promise<void> = Promise.resolve();
  private retry: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;

  constructor(private readonly db: Db, private readonly maxBatch = 500, private readonly journal: AuditJournal | null = null) {}

  /** Resolves once the entry is durable: committed to the audit log, or written to the journal. */
  record(entry: AuditEntryInput): Promise<void> {
    if (this.journal) {
      try {
        this.lines.push(this.journal.append(entry));
      } catch (e) {
        return Promise.reject(e);
      }
      this.soon ??= setTimeout(() => {
        this.soon = null;
        this.start();
      }, JOURNAL_COMMIT_MS);
      this.soon.unref();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      this.start();
    });
  }

  /** Resolves when everything recorded so far is in the chain (or its commit failed, for the waiting callers). */
  async drain(): Promise<void> {
    if (this.soon) clearTimeout(this.soon);
    this.soon = null;
    while (this.flushing || (this.retry === null && (this.queue.length || this.lines.length))) {
      this.start();
      await this.idle;
    }
  }

  private start(): void {
    if (this.flushing || this.retry) return;
    this.idle = this.flush();
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length || this.lines.length) {
        if (this.lines.length) {
          if (!(await this.commitLines())) return;
          continue;
        }
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

  /** Commits journaled lines; on failure keeps them and schedules a retry (false). */
  private async commitLines(): Promise<boolean> {
    const journal = this.journal!;
    const batch = this.lines.slice(0, this.maxBatch);
    try {
      if (canRunProcedures(this.db)) await this.db.runProcedure(AUDIT_JOURNAL_MODULE, 'commitJournalLines', [journal.id, batch]);
      else await this.db.transaction((tx) => commitJournalLines(tx, journal.id, batch));
    } catch (e) {
      process.emitWarning(`audit: committing ${batch.length} journaled read entries failed (kept in the journal, retrying): ${(e as Error).message}`);
      this.retry = setTimeout(() => {
        this.retry = null;
        this.start();
      }, RETRY_MS);
      this.retry.unref();
      return false;
    }
    this.lines.splice(0, batch.length);
    journal.committed(batch[batch.length - 1]!.n);
    return true;
  }

  /** Stops retrying (the journal keeps what is not committed; the next open commits it). */
  close(): void {
    if (this.retry) clearTimeout(this.retry);
    if (this.soon) clearTimeout(this.soon);
    this.retry = null;
    this.soon = null;
  }
}
