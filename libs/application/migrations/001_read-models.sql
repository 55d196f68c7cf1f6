-- Up Migration

-- Read models: one JSON document per aggregate instance, the projection of its stream. Rebuilt
-- from the event log at will (truncate this table and delete the projection's `read-models` row
-- from `ecvet_projection_checkpoints`; the projection replays from the start).
CREATE TABLE ecvet_read_models (
  kind       text        NOT NULL,
  id         text        NOT NULL,
  version    integer     NOT NULL,
  doc        jsonb       NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, id)
);
CREATE INDEX ecvet_read_models_phase ON ecvet_read_models (kind, (doc ->> 'phase'));
CREATE INDEX ecvet_read_models_doc ON ecvet_read_models USING gin (doc jsonb_path_ops);

-- The projection's checkpoint lives in `ecvet_projection_checkpoints`, created by the consumers'
-- migrations (libs/consumers/migrations, applied before this folder). This migration created it
-- too until the table moved there: databases migrated before keep it from here.

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ecvet_writer') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON ecvet_read_models TO ecvet_writer;
    GRANT SELECT ON pgmigrations_read_models TO ecvet_writer;
  END IF;
END
$$;

-- Down Migration
DROP TABLE ecvet_read_models;
