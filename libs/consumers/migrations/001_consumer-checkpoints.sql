-- Up Migration

-- Where each checkpointed consumer (the read models, the mail outbox, the Temporal bridge) stands
-- in the global log, written in the same transaction as the consumer's own effect: exactly-once
-- per consumer. Until this folder existed, the read models' 001 created the table: a database
-- migrated then has it already, and keeps it as it is (IF NOT EXISTS).
CREATE TABLE IF NOT EXISTS ecvet_projection_checkpoints (
  name       text        PRIMARY KEY,
  checkpoint text        NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ecvet_writer') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON ecvet_projection_checkpoints TO ecvet_writer;
    GRANT SELECT ON pgmigrations_consumers TO ecvet_writer;
  END IF;
END
$$;

-- Down Migration
DROP TABLE ecvet_projection_checkpoints;
