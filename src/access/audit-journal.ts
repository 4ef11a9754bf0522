/**
 * A write-ahead journal for the audit entries of reads, on the embedded store.
 *
 * A read of sensitive material may be disclosed only once its audit entry is durable. On the
 * embedded store a commit is durable when its WAL has been handed to the operating system (PGlite
 * runs with fsync off; src/store/pglite-db.ts): it survives the process being killed, not a power
 * loss. Appending one line to a local file with write(2) gives the same guarantee in microseconds,
 * where a commit into the hash chain takes a round trip through the database thread and waits for
 * the commit before it. So a read's entry is written here first (the caller is released at once)
 * and moved into the chain by the group commit in the background; the commit records, in the same
 * transaction, the last journal line it holds (table audit_journal_mark, migration 006), and the
 * file is emptied once everything in it is in the chain. Why: docs/decisions/0007-read-audit-journal.md.
 *
 * Recovery: on open, lines past the recorded mark (a process that stopped before its commits) are
 * appended to the chain, with their own timestamps, before anything else is served; a last line
 * cut short by a kill was never acknowledged (its read was not answered) and is dropped. Lines
 * already committed (a stop between the commit and the emptying) are skipped by the mark, so none
 * is entered twice.
 *
 * File: one JSON object per line; the first names the journal ({"journal": uuid}), each other is
 * {"n": line number, "at", "actor", "action", "target", "detail"}. Numbers keep growing across
 * emptyings, so the mark stays meaningful.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { Db, Queryable } from '../store/db.js';
import { appendAuditBatch, type AuditEntryInput } from './audit-log.js';
import { normaliseInput } from './audit-hash.js';

export interface JournalLine {
  n: number;
  /** When the read happened (ISO 8601 UTC, microseconds): the entry keeps it in the chain. */
  at: string;
  actor: string | null;
  action: string;
  target: string | null;
  detail: unknown;
}

/** Microsecond ISO 8601 UTC time, as the database writes audit times. */
export function auditNow(): string {
  const us = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  const iso = new Date(Math.floor(us / 1000)).toISOString(); // …ss.mmmZ
  return `${iso.slice(0, 23)}${String(us % 1000).padStart(3, '0')}Z`;
}

/**
 * Commits journal lines into the chain and moves the mark, in the caller's transaction. Lines at or
 * below the mark are skipped (already in the chain). Runs in the database's thread on the embedded store.
 */
export async function commitJournalLines(tx: Queryable, journal: string, lines: readonly JournalLine[]): Promise<number> {
  const [mark] = await tx.query<{ n: string }>('SELECT n::text AS n FROM audit_journal_mark WHERE journal = $1 FOR UPDATE', [journal]);
  const done = mark ? Number(mark.n) : 0;
  const todo = lines.filter((l) => l.n > done);
  if (todo.length === 0) return 0;
  await appendAuditBatch(tx, todo.map((l) => ({ actor: l.actor, action: l.action, target: l.target, detail: l.detail, at: l.at })));
  await tx.query(
    `INSERT INTO audit_journal_mark (journal, n) VALUES ($1, $2::bigint)
     ON CONFLICT (journal) DO UPDATE SET n = excluded.n, updated_at = now()`,
    [journal, String(todo[todo.length - 1]!.n)],
  );
  return todo.length;
}

export class AuditJournal {
  private last: number;
  private committedTo: number;

  private constructor(private readonly fd: number, readonly id: string, next: number) {
    this.last = next - 1;
    this.committedTo = next - 1;
  }

  /**
   * Opens (or creates) the journal at `file` after committing into the chain whatever an earlier
   * process left in it.
   */
  static async open(db: Db, file: string): Promise<AuditJournal> {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const { id, lines } = parseJournal(text);
    const journalId = id ?? randomUUID();
    if (lines.length) await db.transaction((tx) => commitJournalLines(tx, journalId, lines));
    // numbering goes on from the last line committed (the emptied file no longer shows it)
    const [mark] = await db.query<{ n: string }>('SELECT n::text AS n FROM audit_journal_mark WHERE journal = $1', [journalId]);
    const next = Math.max(mark ? Number(mark.n) : 0, lines.length ? lines[lines.length - 1]!.n : 0) + 1;
    const fd = openSync(file, 'a');
    ftruncateSync(fd, 0);
    writeSync(fd, `${JSON.stringify({ journal: journalId })}\n`);
    return new AuditJournal(fd, journalId, next);
  }

  /**
   * Writes the entry (validated first) to the file; when this returns, the entry survives the process.
   * Throws on a bad entry or a failed write: the caller must then not disclose.
   */
  append(entry: AuditEntryInput): JournalLine {
    const e = normaliseInput(entry);
    const line: JournalLine = { n: this.last + 1, at: auditNow(), actor: e.actor, action: e.action, target: e.target, detail: e.detail };
    const buf = Buffer.from(`${JSON.stringify(line)}\n`, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off);
    this.last = line.n;
    return line;
  }

  /** Lines up to `n` are in the chain: when nothing later was written, the file is emptied. */
  committed(n: number): void {
    this.committedTo = Math.max(this.committedTo, n);
    if (this.committedTo === this.last) {
      ftruncateSync(this.fd, 0);
      writeSync(this.fd, `${JSON.stringify({ journal: this.id })}\n`);
    }
  }

  /** Lines written and not yet committed. */
  get pending(): number {
    return this.last - this.committedTo;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** The journal id and its complete lines; a last line cut short is dropped (it was never acknowledged). */
export function parseJournal(text: string): { id: string | undefined; lines: JournalLine[] } {
  let id: string | undefined;
  const lines: JournalLine[] = [];
  const parts = text.split('\n');
  // the text after the last newline is an unfinished line
  parts.pop();
  for (const [k, raw] of parts.entries()) {
    if (raw === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch {
      throw new Error(`audit journal: line ${k + 1} is not JSON; the file was altered (only its last line may be cut short)`);
    }
    const o = v as Partial<JournalLine> & { journal?: string };
    if (typeof o.journal === 'string') {
      id = o.journal;
      continue;
    }
    if (typeof o.n !== 'number' || typeof o.at !== 'string' || typeof o.action !== 'string') {
      throw new Error(`audit journal: line ${k + 1} is not a journal entry`);
    }
    if (lines.length && o.n <= lines[lines.length - 1]!.n) throw new Error(`audit journal: line ${k + 1} is out of order`);
    lines.push({ n: o.n, at: o.at, actor: o.actor ?? null, action: o.action, target: o.target ?? null, detail: o.detail ?? null });
  }
  return { id, lines };
}
