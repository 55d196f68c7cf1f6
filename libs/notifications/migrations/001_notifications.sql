-- Up Migration

-- The mail outbox: every mail the workflow's events call for, composed by the mail-outbox
-- projection in the same transaction as its checkpoint (so a crash neither loses nor doubles a
-- mail), then delivered by the sender. The id is deterministic (`<event id>:<recipient index>`):
-- a replayed event inserts nothing, and the Message-ID derived from it lets a receiver recognise
-- a resend after a crash between sending and marking as sent.
CREATE TABLE ecvet_mail_outbox (
  id              text        PRIMARY KEY,
  event_id        text        NOT NULL,
  event_type      text        NOT NULL,
  mobility_id     text        NOT NULL,
  kind            text        NOT NULL,
  recipient       text        NOT NULL,
  recipient_name  text        NOT NULL,
  recipient_role  text        NOT NULL,
  language        text        NOT NULL CHECK (language IN ('lv', 'en')),
  subject         text        NOT NULL,
  text            text        NOT NULL,
  html            text        NOT NULL,
  signing_link    text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  status          text        NOT NULL DEFAULT 'pending'
                              CHECK (status IN ('pending', 'sent', 'kept-locally', 'failed')),
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  sent_at         timestamptz,
  message_id      text
);
CREATE INDEX ecvet_mail_outbox_due ON ecvet_mail_outbox (next_attempt_at, created_at)
  WHERE status = 'pending';
CREATE INDEX ecvet_mail_outbox_mobility ON ecvet_mail_outbox (mobility_id, created_at);
CREATE INDEX ecvet_mail_outbox_created ON ecvet_mail_outbox (created_at, id);

-- Signing links are single-use: the first sign or decline through a link records its token id
-- (jti) here, in the same transaction that checks it was not used before.
CREATE TABLE ecvet_signing_link_uses (
  jti         text        PRIMARY KEY,
  mobility_id text        NOT NULL,
  version     integer     NOT NULL,
  role        text        NOT NULL,
  used_at     timestamptz NOT NULL DEFAULT now(),
  outcome     text        NOT NULL CHECK (outcome IN ('signed', 'declined'))
);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ecvet_writer') THEN
    GRANT SELECT, INSERT, UPDATE ON ecvet_mail_outbox TO ecvet_writer;
    GRANT SELECT, INSERT ON ecvet_signing_link_uses TO ecvet_writer;
    GRANT SELECT ON pgmigrations_notifications TO ecvet_writer;
  END IF;
END
$$;

-- Down Migration
DROP TABLE ecvet_signing_link_uses;
DROP TABLE ecvet_mail_outbox;
