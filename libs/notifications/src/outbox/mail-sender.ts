import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { Pool, PoolClient } from 'pg';
import { AppConfig } from '@ecvet/config';
import { InjectPool } from '@ecvet/database';
import { escapeHtml } from '../composer/html';
import { SigningLinks, signingLinkHash } from '../signing-links/signing-links';
import { messageIdOf, withSigningLink, type OutboxRow } from './outbox-row';
import { OutboxSignal } from './outbox-signal';

export interface MailSenderOptions {
  /** How often the outbox is polled when nothing wakes the sender. */
  pollIntervalMs: number;
  /** Attempts before a mail is marked `failed`. */
  maxAttempts: number;
  /** Wait before the next attempt, after `attempts` failed ones. */
  backoffMs(attempts: number): number;
  /** SMTP timeouts (connection, greeting, socket inactivity). */
  timeoutMs: number;
}

export const MAIL_SENDER_OPTIONS = Symbol('MAIL_SENDER_OPTIONS');

export const DEFAULT_MAIL_SENDER_OPTIONS: MailSenderOptions = {
  pollIntervalMs: 5_000,
  maxAttempts: 8,
  // 30 s, 1 min, 2 min, … up to an hour: about two hours of trying in all.
  backoffMs: (attempts) => Math.min(30_000 * 2 ** Math.max(attempts - 1, 0), 3_600_000),
  timeoutMs: 30_000,
};

/**
 * Delivers the outbox. Claims one due `pending` mail at a time (`FOR UPDATE SKIP LOCKED`, so any
 * number of workers may run it), sends it over `SMTP_URL` with the Message-ID derived from its
 * outbox id, and marks it `sent` in the same transaction. When the database connection is lost
 * between the SMTP server's answer and that commit, the process remembers the mail and, claiming
 * it again, records it without sending it again; a crash of the process in between (or another
 * worker taking the outbox over meanwhile) resends it with the same Message-ID, which a receiver
 * recognises: delivery is at least once, twice only under one Message-ID. A failure is
 * retried with exponential backoff up to `maxAttempts`, then the mail is `failed`; a permanent
 * SMTP refusal (5xx) fails it at once. Without `SMTP_URL`, mail is marked `kept-locally` and stays
 * readable through `GET /outbox`. Woken by the projection in the same process, else it polls.
 *
 * A mail's signing link is put in as it is sent: the row keeps the placeholder, the token's hash
 * and its claims, which the sender signs again with the links' key (an old row's link, kept until
 * it is sent, is used as it is and then cleared). A mail kept locally keeps no link either: an
 * operator reads it through the API, and that is recorded (apps/api, learning-agreement links).
 */
@Injectable()
export class MailSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('MailSender');
  private readonly options: MailSenderOptions;
  private transport?: Transporter;
  private running?: Promise<void>;
  private stopped = false;
  /**
   * Mails the SMTP server took whose `sent` mark was not committed (the database connection was
   * lost in between): when this process claims one again, it records it without sending it again.
   */
  private readonly deliveredUnrecorded = new Map<string, { hash: string | null }>();

  constructor(
    @InjectPool() private readonly pool: Pool,
    private readonly config: AppConfig,
    private readonly signal: OutboxSignal,
    private readonly links: SigningLinks,
    @Optional() @Inject(MAIL_SENDER_OPTIONS) options?: Partial<MailSenderOptions>,
  ) {
    this.options = { ...DEFAULT_MAIL_SENDER_OPTIONS, ...options };
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    if (this.config.SMTP_URL) {
      this.transport = createTransport({
        url: this.config.SMTP_URL,
        connectionTimeout: this.options.timeoutMs,
        greetingTimeout: this.options.timeoutMs,
        socketTimeout: this.options.timeoutMs,
      });
      this.logger.log(`sending mail through ${redact(this.config.SMTP_URL)}`);
    } else {
      this.logger.warn('SMTP_URL is not set: mail is kept in the local outbox (GET /outbox)');
    }
    this.running = this.run();
  }

  /** Before the shared pool closes (in onApplicationShutdown), which would wait for a send. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.signal.notify();
    // A send stuck on a vanished server must not hold the shutdown.
    await Promise.race([this.running, new Promise((r) => setTimeout(r, 5_000).unref())]);
    this.transport?.close();
  }

  /** Delivers everything due now (tests; the loop calls it too). Returns how many mails it handled. */
  async drain(): Promise<number> {
    if (!this.transport) return this.keepLocally();
    let handled = 0;
    while (!this.stopped && (await this.sendNext())) handled++;
    return handled;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.drain();
      } catch (err) {
        if (!this.stopped)
          this.logger.warn(`outbox: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (this.stopped) break;
      await this.signal.wait(this.options.pollIntervalMs);
    }
  }

  private async keepLocally(): Promise<number> {
    const { rows } = await this.pool.query<{ id: string }>(
      `UPDATE ecvet_mail_outbox SET status = 'kept-locally', signing_link = NULL
        WHERE status = 'pending' RETURNING id`,
    );
    if (rows.length) this.logger.log(`kept ${rows.length} mail(s) in the local outbox`);
    return rows.length;
  }

  /** Sends the next due mail; false when none is due. */
  private async sendNext(): Promise<boolean> {
    const client = await this.pool.connect();
    let failure: Error | undefined;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<OutboxRow>(
        `SELECT * FROM ecvet_mail_outbox
          WHERE status = 'pending' AND next_attempt_at <= now()
          ORDER BY next_attempt_at, created_at, id
          LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      const row = rows[0];
      if (!row) {
        await client.query('COMMIT');
        return false;
      }
      await this.deliver(client, row);
      await client.query('COMMIT');
      this.deliveredUnrecorded.delete(row.id);
      return true;
    } catch (err) {
      failure = err instanceof Error ? err : new Error(String(err));
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      // A connection that failed is not given back to the pool.
      client.release(failure);
    }
  }

  /**
   * The mail's signing link: an old row's own, or its claims signed again. The hash tells whether
   * it is the link composed; with another key since (SIGNING_LINK_SECRET changed) it is a link
   * for the same claims under the new key, and the row takes its hash.
   */
  private async signingLinkOf(row: OutboxRow): Promise<{ url: string; hash: string } | undefined> {
    if (row.signing_link !== null)
      return { url: row.signing_link, hash: row.signing_link_hash ?? '' };
    if (row.signing_link_claims === null) return undefined;
    const { token, url } = await this.links.reissue(row.signing_link_claims);
    const hash = signingLinkHash(token);
    if (hash !== row.signing_link_hash)
      this.logger.warn(
        `${row.id}: the signing link was composed with another key; sending it under the current one`,
      );
    return { url, hash };
  }

  private async deliver(client: PoolClient, row: OutboxRow): Promise<void> {
    const messageId = messageIdOf(row.id);
    const earlier = this.deliveredUnrecorded.get(row.id);
    if (earlier) {
      this.logger.warn(
        `${row.id}: the SMTP server took it before the connection to the database was lost; recording it as sent without sending it again`,
      );
      await this.markSent(client, row, messageId, earlier.hash);
      return;
    }
    let hash: string | null;
    try {
      const link = await this.signingLinkOf(row);
      await this.transport!.sendMail({
        from: this.config.MAIL_FROM,
        to: { name: row.recipient_name, address: row.recipient },
        subject: row.subject,
        text: link ? withSigningLink(row.text, link.url) : row.text,
        html: link ? withSigningLink(row.html, escapeHtml(link.url)) : row.html,
        messageId,
        headers: {
          'Auto-Submitted': 'auto-generated',
          'Content-Language': row.language,
          'X-ECVET-Outbox-Id': row.id,
        },
      });
      hash = link?.hash || null;
    } catch (err) {
      const attempts = row.attempts + 1;
      const message = err instanceof Error ? err.message : String(err);
      const permanent = isPermanent(err);
      const failed = permanent || attempts >= this.options.maxAttempts;
      // A mail that will not be sent keeps no link (the coordinator can send a fresh one).
      await client.query(
        `UPDATE ecvet_mail_outbox
            SET status = $2, attempts = $3, last_error = $4,
                next_attempt_at = now() + ($5::double precision * interval '1 millisecond'),
                signing_link = CASE WHEN $2 = 'pending' THEN signing_link END
          WHERE id = $1`,
        [
          row.id,
          failed ? 'failed' : 'pending',
          attempts,
          message.slice(0, 2_000),
          failed ? 0 : this.options.backoffMs(attempts),
        ],
      );
      if (failed)
        this.logger.error(
          `giving up on ${row.kind} ${row.id} to ${row.recipient} after ${attempts} attempt(s): ${message}`,
        );
      else this.logger.warn(`attempt ${attempts} of ${row.id} failed, retrying later: ${message}`);
      return;
    }
    // Taken by the SMTP server: remembered until the mark below is committed (`sendNext`).
    this.deliveredUnrecorded.set(row.id, { hash });
    await this.markSent(client, row, messageId, hash);
    this.logger.log(`sent ${row.kind} ${row.id} to ${row.recipient}`);
  }

  /** Sent: the row keeps no link, only which one it was. */
  private async markSent(
    client: PoolClient,
    row: OutboxRow,
    messageId: string,
    hash: string | null,
  ): Promise<void> {
    await client.query(
      `UPDATE ecvet_mail_outbox
          SET status = 'sent', attempts = attempts + 1, sent_at = now(), message_id = $2,
              last_error = NULL, signing_link = NULL,
              signing_link_hash = COALESCE($3, signing_link_hash)
        WHERE id = $1`,
      [row.id, messageId, hash],
    );
  }
}

function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

const redact = (url: string) => url.replace(/\/\/([^@/]*)@/, '//***@');
