-- Up Migration

-- The dashboard's read model: one typed row per mobility, derived by the pure `dashboardRow`
-- (libs/application/src/dashboard/dashboard-row.ts) from the mobility's document in
-- `ecvet_read_models` and written in the same statement as that document
-- (`writeReadModelDocument`), so a row never disagrees with its document. Rebuilt with the
-- documents (truncate both and delete the projection's checkpoint: it replays from the start).
-- `updated_at` is the time the stream's last event was recorded (not the time of writing), so
-- that a rebuild gives identical rows. Personal data: the learner's name and the mentors'
-- e-mails, as the document holds them (an erasure recomputes the document and this row).
CREATE TABLE ecvet_dashboard_mobilities (
  mobility_id            text        PRIMARY KEY,
  version                integer     NOT NULL,
  phase                  text        NOT NULL,
  partnership_id         text        NOT NULL,
  sending_institution_id text        NOT NULL,
  host_institution_id    text        NOT NULL,
  host_country           text,
  planned_start          date,
  planned_end            date,
  actual_end             date,
  overdue                boolean     NOT NULL,
  waiting_for            text[]      NOT NULL,
  learner_name           text,
  sending_mentor_email   text,
  host_mentor_email      text,
  signature_due          date,
  assessment_due         date,
  recognition_due        date,
  next_deadline_kind     text CHECK (next_deadline_kind IN ('signature', 'assessment', 'recognition')),
  next_deadline_due      date,
  updated_at             timestamptz NOT NULL
);

-- Scope (the sending school's or the host's) and filters.
CREATE INDEX ecvet_dashboard_sending ON ecvet_dashboard_mobilities (sending_institution_id, phase);
CREATE INDEX ecvet_dashboard_host ON ecvet_dashboard_mobilities (host_institution_id, phase);
CREATE INDEX ecvet_dashboard_phase ON ecvet_dashboard_mobilities (phase, host_country);
CREATE INDEX ecvet_dashboard_partnership ON ecvet_dashboard_mobilities (partnership_id);
CREATE INDEX ecvet_dashboard_country ON ecvet_dashboard_mobilities (host_country);
CREATE INDEX ecvet_dashboard_waiting ON ecvet_dashboard_mobilities USING gin (waiting_for);
CREATE INDEX ecvet_dashboard_deadline ON ecvet_dashboard_mobilities (next_deadline_due)
  WHERE next_deadline_due IS NOT NULL;
-- The keyset sorts (each ends with the id, so that every key is unique), on the expressions the
-- queries sort by (libs/application/src/dashboard/dashboard-filter.ts, SORT_KEYS).
CREATE INDEX ecvet_dashboard_by_start
  ON ecvet_dashboard_mobilities ((coalesce(planned_start, '-infinity'::date)), mobility_id);
CREATE INDEX ecvet_dashboard_by_learner
  ON ecvet_dashboard_mobilities ((coalesce(learner_name, '')), mobility_id);
CREATE INDEX ecvet_dashboard_by_phase ON ecvet_dashboard_mobilities ((array_position(
  '{preparation,awaiting-signatures,agreement-declined,ready-to-start,under-way,awaiting-assessment,awaiting-validation,awaiting-recognition,recognised,completed,cancelled}'::text[],
  phase)), mobility_id);
CREATE INDEX ecvet_dashboard_by_updated ON ecvet_dashboard_mobilities (updated_at, mobility_id);

-- The overview's counts, per institution and side (a mobility counts once at its sending school,
-- and once more at its host unless that is the same institution; and once in all, at '*'), kept by a trigger on every row
-- written, in the same transaction: so a principal whose scope is one institution (its staff) or
-- every mobility (the operator: the sending side of all) reads a few hundred counts instead of
-- scanning their mobilities. Derived from the rows alone; TRUNCATE of the rows empties them too.
CREATE TABLE ecvet_dashboard_phase_counts (
  institution_id text    NOT NULL,
  side           text    NOT NULL CHECK (side IN ('sending', 'host', 'all')),
  phase          text    NOT NULL,
  n              integer NOT NULL,
  overdue        integer NOT NULL,
  waiting        integer[] NOT NULL, -- per signatory role: sending-school, host, learner, guardian
  PRIMARY KEY (institution_id, side, phase)
);
CREATE TABLE ecvet_dashboard_month_counts (
  institution_id text    NOT NULL,
  side           text    NOT NULL CHECK (side IN ('sending', 'host', 'all')),
  month          text    NOT NULL,
  n              integer NOT NULL,
  PRIMARY KEY (institution_id, side, month)
);
CREATE TABLE ecvet_dashboard_partnership_counts (
  institution_id text    NOT NULL,
  side           text    NOT NULL CHECK (side IN ('sending', 'host', 'all')),
  partnership_id text    NOT NULL,
  n              integer NOT NULL,
  PRIMARY KEY (institution_id, side, partnership_id)
);

CREATE FUNCTION ecvet_dashboard_add_counts(r ecvet_dashboard_mobilities, d integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  inst text;
  s text;
BEGIN
  FOR inst, s IN
    SELECT v.i, v.s FROM (VALUES (r.sending_institution_id, 'sending'),
                                 (r.host_institution_id, 'host'), ('*', 'all')) AS v(i, s)
     WHERE v.s <> 'host' OR v.i IS DISTINCT FROM r.sending_institution_id
  LOOP
    INSERT INTO ecvet_dashboard_phase_counts AS c (institution_id, side, phase, n, overdue, waiting)
    VALUES (inst, s, r.phase, d, CASE WHEN r.overdue THEN d ELSE 0 END,
            ARRAY[CASE WHEN 'sending-school' = ANY(r.waiting_for) THEN d ELSE 0 END,
                  CASE WHEN 'host' = ANY(r.waiting_for) THEN d ELSE 0 END,
                  CASE WHEN 'learner' = ANY(r.waiting_for) THEN d ELSE 0 END,
                  CASE WHEN 'guardian' = ANY(r.waiting_for) THEN d ELSE 0 END])
    ON CONFLICT (institution_id, side, phase) DO UPDATE
      SET n = c.n + EXCLUDED.n, overdue = c.overdue + EXCLUDED.overdue,
          waiting = ARRAY[c.waiting[1] + EXCLUDED.waiting[1], c.waiting[2] + EXCLUDED.waiting[2],
                          c.waiting[3] + EXCLUDED.waiting[3], c.waiting[4] + EXCLUDED.waiting[4]];
    IF r.planned_start IS NOT NULL THEN
      INSERT INTO ecvet_dashboard_month_counts AS c (institution_id, side, month, n)
      VALUES (inst, s, to_char(r.planned_start, 'YYYY-MM'), d)
      ON CONFLICT (institution_id, side, month) DO UPDATE SET n = c.n + EXCLUDED.n;
    END IF;
    INSERT INTO ecvet_dashboard_partnership_counts AS c (institution_id, side, partnership_id, n)
    VALUES (inst, s, r.partnership_id, d)
    ON CONFLICT (institution_id, side, partnership_id) DO UPDATE SET n = c.n + EXCLUDED.n;
  END LOOP;
END
$$;

CREATE FUNCTION ecvet_dashboard_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM ecvet_dashboard_add_counts(OLD, -1); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM ecvet_dashboard_add_counts(NEW, 1); END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER ecvet_dashboard_count
  AFTER INSERT OR UPDATE OR DELETE ON ecvet_dashboard_mobilities
  FOR EACH ROW EXECUTE FUNCTION ecvet_dashboard_count();

CREATE FUNCTION ecvet_dashboard_truncate_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE ecvet_dashboard_phase_counts, ecvet_dashboard_month_counts,
           ecvet_dashboard_partnership_counts;
  RETURN NULL;
END
$$;
CREATE TRIGGER ecvet_dashboard_truncate_counts
  AFTER TRUNCATE ON ecvet_dashboard_mobilities
  FOR EACH STATEMENT EXECUTE FUNCTION ecvet_dashboard_truncate_counts();

-- Saved filters: an account's named searches of a dashboard view (the query string, without `?`).
CREATE TABLE ecvet_dashboard_saved_filters (
  id         uuid        PRIMARY KEY,
  account_id text        NOT NULL,
  name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  view       text        NOT NULL CHECK (view IN ('mobilities')),
  search     text        NOT NULL CHECK (length(search) <= 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, name)
);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ecvet_writer') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON ecvet_dashboard_mobilities TO ecvet_writer;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ecvet_dashboard_saved_filters TO ecvet_writer;
    GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ecvet_dashboard_phase_counts,
      ecvet_dashboard_month_counts, ecvet_dashboard_partnership_counts TO ecvet_writer;
  END IF;
END
$$;

-- Down Migration
DROP TABLE ecvet_dashboard_saved_filters;
-- With its triggers and the counting function on its row type.
DROP TABLE ecvet_dashboard_mobilities CASCADE;
DROP FUNCTION IF EXISTS ecvet_dashboard_truncate_counts();
DROP FUNCTION IF EXISTS ecvet_dashboard_count();
DROP TABLE ecvet_dashboard_partnership_counts;
DROP TABLE ecvet_dashboard_month_counts;
DROP TABLE ecvet_dashboard_phase_counts;
