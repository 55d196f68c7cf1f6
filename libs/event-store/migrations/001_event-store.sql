-- Up Migration

-- The event log. One row per event; never updated, never deleted (see the triggers below).
--   position: the global position, from an identity sequence (no counter row that would
--             serialise writers; gaps are possible when a transaction rolls back).
--   tx_id:    the writing transaction; readers take only transactions below the oldest one still
--             in flight and order by (tx_id, position), so an event that commits late is never
--             skipped (docs/adr/0003-global-order.md).
--   data, metadata: `json`, not `jsonb`: PostgreSQL keeps the exact RFC 8785 text we hashed.
CREATE TABLE ecvet_events (
  position    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tx_id       xid8        NOT NULL DEFAULT pg_current_xact_id(),
  stream_id   text        NOT NULL CHECK (stream_id <> ''),
  version     integer     NOT NULL CHECK (version > 0),
  event_id    uuid        NOT NULL,
  event_type  text        NOT NULL CHECK (event_type <> ''),
  data        json        NOT NULL,
  metadata    json        NOT NULL,
  recorded_at timestamptz NOT NULL,
  prev_hash   bytea       NOT NULL CHECK (length(prev_hash) = 32),
  hash        bytea       NOT NULL CHECK (length(hash) = 32),
  CONSTRAINT ecvet_events_stream_version_key UNIQUE (stream_id, version),
  CONSTRAINT ecvet_events_event_id_key UNIQUE (event_id)
);
CREATE INDEX ecvet_events_global_order ON ecvet_events (tx_id, position);

-- Seals chain the global log: each covers a checkpoint range with the Merkle root of its events'
-- hashes and the previous seal's hash, signed with Ed25519 (docs/adr/0004-tamper-evidence.md).
CREATE TABLE ecvet_event_seals (
  seq             bigint      PRIMARY KEY CHECK (seq > 0),
  from_checkpoint text        NOT NULL,
  to_checkpoint   text        NOT NULL,
  event_count     integer     NOT NULL CHECK (event_count > 0),
  merkle_root     bytea       NOT NULL,
  prev_seal_hash  bytea       NOT NULL,
  sealed_at       timestamptz NOT NULL,
  key_id          text        NOT NULL,
  seal_hash       bytea       NOT NULL,
  signature       bytea       NOT NULL
);

-- Per-subject data keys for personal fields, wrapped with the master key. Forgetting a subject
-- sets wrapped_key to NULL and keeps the row, so the subject cannot be silently re-created.
CREATE TABLE ecvet_subject_keys (
  subject      text        PRIMARY KEY,
  wrapped_key  bytea,
  created_at   timestamptz NOT NULL DEFAULT now(),
  destroyed_at timestamptz,
  CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
);

CREATE FUNCTION ecvet_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER ecvet_events_append_only BEFORE UPDATE OR DELETE ON ecvet_events
  FOR EACH ROW EXECUTE FUNCTION ecvet_append_only();
CREATE TRIGGER ecvet_events_no_truncate BEFORE TRUNCATE ON ecvet_events
  FOR EACH STATEMENT EXECUTE FUNCTION ecvet_append_only();
CREATE TRIGGER ecvet_event_seals_append_only BEFORE UPDATE OR DELETE ON ecvet_event_seals
  FOR EACH ROW EXECUTE FUNCTION ecvet_append_only();
CREATE TRIGGER ecvet_event_seals_no_truncate BEFORE TRUNCATE ON ecvet_event_seals
  FOR EACH STATEMENT EXECUTE FUNCTION ecvet_append_only();

-- Subscribers LISTEN on channel ecvet_events. The appenders send the NOTIFY after their commit,
-- coalesced (pg-notifications.ts): a NOTIFY inside every appending transaction would serialise
-- all commits on the notification queue's lock.

-- The role the apps connect as: it may read and append events and seals, and manage subject
-- keys, but neither update nor delete events (privileges and the triggers above both say no).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ecvet_writer') THEN
    CREATE ROLE ecvet_writer NOLOGIN;
  END IF;
EXCEPTION
  WHEN duplicate_object THEN NULL;
  WHEN insufficient_privilege THEN
    RAISE NOTICE 'no privilege to create role ecvet_writer: grant SELECT, INSERT on ecvet_events to the app role by hand';
END
$$;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ecvet_writer') THEN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO ecvet_writer', current_database());
    GRANT USAGE ON SCHEMA public TO ecvet_writer;
    GRANT SELECT, INSERT ON ecvet_events, ecvet_event_seals TO ecvet_writer;
    GRANT SELECT, INSERT, UPDATE ON ecvet_subject_keys TO ecvet_writer;
    GRANT SELECT ON pgmigrations TO ecvet_writer;
  END IF;
END
$$;

-- Down Migration
DROP TABLE ecvet_subject_keys;
DROP TABLE ecvet_event_seals;
DROP TABLE ecvet_events;
DROP FUNCTION ecvet_append_only();
