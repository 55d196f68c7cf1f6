import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { InjectPool } from '@ecvet/database';
import { escapeHtml } from '../composer/html';
import { formatWhen } from '../composer/format';
import { OutboxSignal } from '../outbox/outbox-signal';

/**
 * The log's signed checkpoint as `GET /audit/checkpoint` serves it (docs/audit-bundle.md,
 * "Checkpoints"): the body, its Ed25519 signature, the signing key (SPKI, base64).
 */
export interface CheckpointForDigest {
  body: {
    format: string;
    keyId: string;
    sealHash: string;
    sealedAt: string;
    seq: number;
    treeSize: number;
  };
  signature: string;
  spki: string;
}

/** One period of the digest: its start (ISO, UTC) and end. */
export interface DigestPeriod {
  start: string;
  end: string;
}

/** The period `at` falls in: periods of `periodMs` counted from 1970-01-01T00:00Z. */
export function digestPeriodOf(at: Date, periodMs: number): DigestPeriod {
  const start = Math.floor(at.getTime() / periodMs) * periodMs;
  return {
    start: new Date(start).toISOString(),
    end: new Date(start + periodMs).toISOString(),
  };
}

/** Where the checkpoint's JSON starts and ends in the mail's text: what a script cuts out. */
export const CHECKPOINT_BEGIN = '-----BEGIN ECVET CHECKPOINT-----';
export const CHECKPOINT_END = '-----END ECVET CHECKPOINT-----';

/**
 * The digest mail, in Latvian and English (its recipients are auditors and agencies, whose
 * language the system does not know): a human line — the latest seal, the number of sealed
 * events, when — and the checkpoint's JSON exactly as `GET /audit/checkpoint` answers it, between
 * {@link CHECKPOINT_BEGIN} and {@link CHECKPOINT_END}. Pure.
 */
export function composeCheckpointDigest(
  checkpoint: CheckpointForDigest,
  period: DigestPeriod,
): { subject: string; text: string; html: string } {
  const b = checkpoint.body;
  const json = JSON.stringify(checkpoint);
  const day = period.start.slice(0, 10);
  const lv = `Jaunākais zīmogs: nr. ${b.seq}, ${b.treeSize} aizzīmogoti notikumi, zīmogots ${formatWhen(b.sealedAt, 'lv')}. Zīmoga jaucējvērtība: ${b.sealHash}.`;
  const en = `Latest seal: #${b.seq}, ${b.treeSize} events sealed, sealed ${formatWhen(b.sealedAt, 'en')}. Seal hash: ${b.sealHash}.`;
  const keep =
    'Saglabājiet šo kontrolpunktu: `npm run cli -- verify-bundle FILE --checkpoint <fails>` pārbauda, ka vēlāka izgūšanas pakete to turpina. / ' +
    'Keep this checkpoint: `npm run cli -- verify-bundle FILE --checkpoint <file>` checks that a later audit bundle extends it.';
  const text = [
    `ECVET žurnāla kontrolpunkts / ECVET log checkpoint (${period.start} – ${period.end})`,
    '',
    lv,
    en,
    '',
    keep,
    '',
    CHECKPOINT_BEGIN,
    json,
    CHECKPOINT_END,
    '',
  ].join('\n');
  const html = [
    `<p><strong>ECVET žurnāla kontrolpunkts / ECVET log checkpoint</strong> (${escapeHtml(period.start)} – ${escapeHtml(period.end)})</p>`,
    `<p lang="lv">${escapeHtml(lv)}</p>`,
    `<p lang="en">${escapeHtml(en)}</p>`,
    `<p>${escapeHtml(keep)}</p>`,
    `<pre>${escapeHtml(`${CHECKPOINT_BEGIN}\n${json}\n${CHECKPOINT_END}`)}</pre>`,
  ].join('\n');
  return {
    subject: `ECVET kontrolpunkts / checkpoint ${day}: #${b.seq}, ${b.treeSize}`,
    text,
    html,
  };
}

/**
 * Puts a period's checkpoint digest in the mail outbox, one mail per recipient, and wakes the
 * sender; the outbox delivers it exactly once, with retries (`MailSender`). The row's id is
 * `checkpoint-digest:<period start>:<recipient's hash>`, inserted ON CONFLICT DO NOTHING: a
 * second run in the same period — after a restart, or on another worker — inserts nothing.
 */
@Injectable()
export class CheckpointDigests {
  constructor(
    @InjectPool() private readonly pool: Pool,
    private readonly signal: OutboxSignal,
  ) {}

  /** Whether every recipient already has this period's digest (no need to sign one). */
  async sent(period: DigestPeriod, recipients: readonly string[]): Promise<boolean> {
    const { rows } = await this.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM ecvet_mail_outbox WHERE id = ANY($1::text[])',
      [recipients.map((r) => digestId(period, r))],
    );
    return rows[0].n === recipients.length;
  }

  /** How many mails it put in the outbox (0: this period's digest was there already). */
  async enqueue(
    period: DigestPeriod,
    checkpoint: CheckpointForDigest,
    recipients: readonly string[],
  ): Promise<number> {
    const mail = composeCheckpointDigest(checkpoint, period);
    let inserted = 0;
    for (const recipient of recipients) {
      const { rowCount } = await this.pool.query(
        `INSERT INTO ecvet_mail_outbox (id, event_id, event_type, mobility_id, partnership_id,
           kind, recipient, recipient_name, recipient_role, language, subject, text, html)
         VALUES ($1, $2, 'CheckpointDigest', NULL, NULL, 'checkpoint-digest', $3, $3,
           'checkpoint-recipient', 'lv', $4, $5, $6)
         ON CONFLICT (id) DO NOTHING`,
        [
          digestId(period, recipient),
          `checkpoint-digest:${period.start}`,
          recipient,
          mail.subject,
          mail.text,
          mail.html,
        ],
      );
      inserted += rowCount ?? 0;
    }
    if (inserted > 0) this.signal.notify();
    return inserted;
  }
}

/** One id per period and recipient; the Message-ID is made from it (no `@` in it, then). */
function digestId(period: DigestPeriod, recipient: string): string {
  const who = createHash('sha256').update(recipient.toLowerCase()).digest('hex').slice(0, 16);
  return `checkpoint-digest:${period.start}:${who}`;
}
