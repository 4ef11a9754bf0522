/**
 * The read-audit journal's mark (src/access/audit-journal.ts): per journal file, the last line
 * committed into the audit chain, moved in the same transaction as those entries, so a journal
 * replayed after a stop enters no line twice.
 */
export const sql = `
CREATE TABLE audit_journal_mark (
  journal     text PRIMARY KEY,
  n           bigint NOT NULL CHECK (n >= 0),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
`;
