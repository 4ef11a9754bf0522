/**
 * The audit log's head anchor: one row holding the seq and hash of the last audit entry, updated
 * in the same transaction as every append. Appenders chain from it (so a deleted tail is not
 * silently re-used), and verification compares it with the log's last entry (so truncation
 * shows). Initialised from any entries already present.
 */
export const sql = `
CREATE TABLE audit_head (
  id          smallint PRIMARY KEY CHECK (id = 1),
  seq         bigint NOT NULL,
  hash        text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

INSERT INTO audit_head (id, seq, hash)
SELECT 1,
       coalesce((SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1), 0),
       coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), repeat('0', 64));
`;
