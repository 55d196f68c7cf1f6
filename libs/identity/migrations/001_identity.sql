-- Up Migration

-- Who may sign in, as what. The account's record of truth is its stream in the event log
-- (`Account-<id>`: provisioning, roles, tokens, sign-ins); this table is its directory, derived
-- from that stream (written by the account service after each append and kept by a projection),
-- so that a sign-in finds an account by e-mail.
CREATE TABLE ecvet_accounts (
  account_id     text        PRIMARY KEY,
  email          text        NOT NULL UNIQUE CHECK (email = lower(email)),
  name           text        NOT NULL,
  role           text        NOT NULL,
  institution_id text,
  audit_scope    jsonb,
  disabled       boolean     NOT NULL DEFAULT false,
  version        integer     NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Secrets never enter the event log: the password hash (argon2id) and the TOTP secret.
CREATE TABLE ecvet_credentials (
  account_id     text        PRIMARY KEY REFERENCES ecvet_accounts (account_id) ON DELETE CASCADE,
  password_hash  text,
  totp_secret    text,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- API tokens for scripts, the CLI and integrations: only a SHA-256 of the token is kept.
CREATE TABLE ecvet_api_tokens (
  token_id       text        PRIMARY KEY,
  account_id     text        NOT NULL REFERENCES ecvet_accounts (account_id) ON DELETE CASCADE,
  token_hash     text        NOT NULL UNIQUE,
  label          text        NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  revoked_at     timestamptz,
  last_used_at   timestamptz
);
CREATE INDEX ecvet_api_tokens_account ON ecvet_api_tokens (account_id);

-- Browser sessions: an opaque reference in a __Host- cookie; only its SHA-256 is kept.
CREATE TABLE ecvet_sessions (
  session_id          text        PRIMARY KEY,
  session_hash        text        NOT NULL UNIQUE,
  account_id          text        NOT NULL REFERENCES ecvet_accounts (account_id) ON DELETE CASCADE,
  via                 text        NOT NULL,
  issuer              text,
  csrf_token          text        NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  last_seen_at        timestamptz NOT NULL DEFAULT now(),
  absolute_expires_at timestamptz NOT NULL,
  ended_at            timestamptz
);
CREATE INDEX ecvet_sessions_account ON ecvet_sessions (account_id);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ecvet_writer') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE
      ON ecvet_accounts, ecvet_credentials, ecvet_api_tokens, ecvet_sessions TO ecvet_writer;
    GRANT SELECT ON pgmigrations_identity TO ecvet_writer;
  END IF;
END $$;

-- Down Migration
DROP TABLE ecvet_sessions;
DROP TABLE ecvet_api_tokens;
DROP TABLE ecvet_credentials;
DROP TABLE ecvet_accounts;
