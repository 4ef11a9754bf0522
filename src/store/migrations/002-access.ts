/** Organisations, users, API tokens and the hash-chained audit log. */
export const sql = `
CREATE TABLE organisation (
  id            text PRIMARY KEY,
  name          text NOT NULL UNIQUE,
  identity_ref  text,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
  id             text PRIMARY KEY,
  username       text NOT NULL UNIQUE,
  org_id         text NOT NULL REFERENCES organisation (id),
  role           text NOT NULL CHECK (role IN ('admin', 'analyst', 'adviser', 'operator')),
  clearance      smallint NOT NULL CHECK (clearance BETWEEN 0 AND 2),
  password_hash  text,
  disabled       boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_token (
  id            text PRIMARY KEY,
  user_id       text NOT NULL REFERENCES app_user (id),
  name          text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz,
  revoked_at    timestamptz,
  last_used_at  timestamptz
);
CREATE INDEX api_token_user ON api_token (user_id);

CREATE TABLE audit_log (
  seq        bigint PRIMARY KEY,
  at         text NOT NULL,
  actor      text,
  action     text NOT NULL,
  target     text,
  detail     jsonb,
  prev_hash  text NOT NULL,
  hash       text NOT NULL
);
`;
