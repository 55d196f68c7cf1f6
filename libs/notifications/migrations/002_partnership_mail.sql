-- Up Migration

-- Mail about a partnership's Memorandum of Understanding (the partnership workflow's reminders,
-- escalations and expiry, `Partnership-<id>` streams) belongs to a partnership, not a mobility:
-- each row names exactly one of the two.
ALTER TABLE ecvet_mail_outbox ALTER COLUMN mobility_id DROP NOT NULL;
ALTER TABLE ecvet_mail_outbox ADD COLUMN partnership_id text;
ALTER TABLE ecvet_mail_outbox ADD CONSTRAINT ecvet_mail_outbox_one_subject
  CHECK (num_nonnulls(mobility_id, partnership_id) = 1);
CREATE INDEX ecvet_mail_outbox_partnership ON ecvet_mail_outbox (partnership_id, created_at)
  WHERE partnership_id IS NOT NULL;
-- The table-level grants of 001 (SELECT, INSERT, UPDATE to ecvet_writer) cover the new column.

-- Down Migration
-- Partnership mail has no place in the old table: it goes with the column.
DELETE FROM ecvet_mail_outbox WHERE partnership_id IS NOT NULL;
DROP INDEX ecvet_mail_outbox_partnership;
ALTER TABLE ecvet_mail_outbox DROP CONSTRAINT ecvet_mail_outbox_one_subject;
ALTER TABLE ecvet_mail_outbox DROP COLUMN partnership_id;
ALTER TABLE ecvet_mail_outbox ALTER COLUMN mobility_id SET NOT NULL;
