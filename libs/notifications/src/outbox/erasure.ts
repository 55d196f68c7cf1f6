import type { Pool, PoolClient } from 'pg';

/** What an erased mail's subject, text and HTML read instead. */
export const ERASED_MAIL_NOTICE =
  'Erased: this mail concerned a learner whose personal data has since been erased.';
/** What a mail to an erased learner (or their guardian) keeps of its recipient's name. */
export const ERASED_RECIPIENT_NAME = '[erased]';
/** The recipients whose name and address are the learner's personal data (ADR 0005). */
const LEARNERS_SIDE = ['learner', 'guardian'];

/**
 * A learner's personal data erased: the outbox mails of their mobilities lose it. Every such mail
 * — to the learner, their guardian, or to staff naming the learner (an escalation, a reminder's
 * subject) — keeps its id, event, kind, role, language, dates and signing-link hash and claims
 * (no personal data), but its subject, text and HTML become {@link ERASED_MAIL_NOTICE}; a mail to
 * the learner or their guardian loses its address and name; a link kept from before hashing, and
 * an error text (it may quote an address), go. A mail still waiting to be sent will not be: it
 * becomes `failed`, saying why (sending the notice would tell nobody anything). Idempotent.
 * Returns how many mails were redacted.
 */
export async function redactOutboxForErasure(
  db: Pick<Pool | PoolClient, 'query'>,
  mobilityIds: string[],
): Promise<number> {
  if (mobilityIds.length === 0) return 0;
  const html = `<p>${ERASED_MAIL_NOTICE}</p>`;
  const result = await db.query(
    `UPDATE ecvet_mail_outbox
        SET subject = $2, text = $2, html = $3,
            recipient = CASE WHEN recipient_role = ANY($4) THEN '' ELSE recipient END,
            recipient_name = CASE WHEN recipient_role = ANY($4) THEN $5 ELSE recipient_name END,
            signing_link = NULL,
            last_error = CASE
              WHEN status = 'pending' THEN 'not sent: the learner''s personal data was erased'
              WHEN last_error IS NOT NULL THEN '[erased]'
            END,
            status = CASE WHEN status = 'pending' THEN 'failed' ELSE status END
      WHERE mobility_id = ANY($1)`,
    [mobilityIds, ERASED_MAIL_NOTICE, html, LEARNERS_SIDE, ERASED_RECIPIENT_NAME],
  );
  return result.rowCount ?? 0;
}
