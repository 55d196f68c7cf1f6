-- Up Migration

-- The checkpoint digest (kind `checkpoint-digest`): the log's signed checkpoint, mailed to the
-- configured recipients once per period (AUDIT_CHECKPOINT_RECIPIENTS, AUDIT_CHECKPOINT_DIGEST).
-- It is about the whole log, neither a mobility nor a partnership: such a row names neither.
-- Its id is `checkpoint-digest:<period start>:<recipient>` — once per period and recipient,
-- whichever worker gets there first (ON CONFLICT DO NOTHING).
ALTER TABLE ecvet_mail_outbox DROP CONSTRAINT ecvet_mail_outbox_one_subject;
ALTER TABLE ecvet_mail_outbox ADD CONSTRAINT ecvet_mail_outbox_one_subject
  CHECK (num_nonnulls(mobility_id, partnership_id) = 1
         OR (kind = 'checkpoint-digest' AND num_nonnulls(mobility_id, partnership_id) = 0));

-- Down Migration
DELETE FROM ecvet_mail_outbox WHERE kind = 'checkpoint-digest';
ALTER TABLE ecvet_mail_outbox DROP CONSTRAINT ecvet_mail_outbox_one_subject;
ALTER TABLE ecvet_mail_outbox ADD CONSTRAINT ecvet_mail_outbox_one_subject
  CHECK (num_nonnulls(mobility_id, partnership_id) = 1);
