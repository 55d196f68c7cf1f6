import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Pool, PoolClient } from 'pg';
import { categoryOf, GetViewQuery, type MobilityView } from '@ecvet/application';
import { AppConfig } from '@ecvet/config';
import { InjectPool } from '@ecvet/database';
import {
  DomainError,
  durationMs,
  resolvePolicy,
  type InstitutionSnapshot,
  type SignatoryRole,
} from '@ecvet/domain';
import {
  EVENT_STORE,
  START,
  StreamNotFound,
  type EventStore,
  type RecordedEvent,
  type Subscription,
} from '@ecvet/event-store';
import { composeMails } from '../composer/mail-composer';
import {
  NOTIFIABLE_EVENT_TYPES,
  type ComposedMail,
  type Language,
  type MailContext,
  type MailInstitution,
  type NotifiableEvent,
  type SigningLinkForMail,
} from '../composer/mail.types';
import { languageOf } from '../composer/recipients';
import { SigningLinks, signingLinkExpiry } from '../signing-links/signing-links';
import { outboxId } from './outbox-row';
import { OutboxSignal } from './outbox-signal';

export const MAIL_OUTBOX_PROJECTION = 'mail-outbox';
// pg_try_advisory_lock key: one outbox projection per database (the read models use 7_311_001).
const LEASE_KEY = 7_311_002;

/**
 * Puts the mail that the workflow's events call for into `ecvet_mail_outbox`. For each event it
 * composes the mails (the mobility as of that event, both institutions, a signing link for a
 * signature reminder) and inserts them — ids `<event id>:<recipient index>`, ON CONFLICT DO
 * NOTHING — in the same transaction as its checkpoint (`mail-outbox`): a crash neither loses nor
 * doubles a mail. Runs in one process at a time, under an advisory-lock lease; a lost connection
 * or lease restarts it from the stored checkpoint; it never holds the shutdown. Delivery is the
 * `MailSender`'s job.
 */
@Injectable()
export class MailOutboxProjection implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MailOutboxProjection');
  private subscription?: Subscription;
  private lease?: PoolClient;
  private running?: Promise<void>;
  private stopped = false;
  private position = START;
  private readonly waiters: Array<{ checkpoint: string; resolve: () => void }> = [];

  constructor(
    @InjectPool() private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly queries: QueryBus,
    private readonly links: SigningLinks,
    private readonly signal: OutboxSignal,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.running = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.subscription?.close().catch(() => undefined);
    // A subscription stuck on a vanished database must not hold the shutdown.
    await Promise.race([this.running, new Promise((r) => setTimeout(r, 5_000).unref())]);
    this.dropLease();
  }

  /** Resolves once the projection has handled everything up to `checkpoint` (tests). */
  async caughtUpTo(checkpoint: string): Promise<void> {
    if (checkpoint <= this.position) return;
    await new Promise<void>((resolve) => this.waiters.push({ checkpoint, resolve }));
  }

  /** Runs until shutdown; a lost connection or lease restarts it from the stored checkpoint. */
  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.runOnce();
      } catch (err) {
        if (!this.stopped)
          this.logger.warn(`restarting after: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        this.dropLease();
      }
      if (!this.stopped) await this.pause(2_000);
    }
  }

  private async runOnce(): Promise<void> {
    while (!this.stopped && !(await this.acquireLease())) await this.pause(5_000);
    if (this.stopped) return;
    const { rows } = await this.pool.query<{ checkpoint: string }>(
      'SELECT checkpoint FROM ecvet_projection_checkpoints WHERE name = $1',
      [MAIL_OUTBOX_PROJECTION],
    );
    this.position = rows[0]?.checkpoint ?? START;
    this.subscription = this.store.subscribeToAll({
      fromCheckpoint: this.position,
      batchSize: 100,
      filter: { eventTypes: [...NOTIFIABLE_EVENT_TYPES], streamPrefixes: ['Mobility-'] },
    });
    for await (const event of this.subscription) {
      await this.apply(event);
      this.position = event.checkpoint;
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        if (this.waiters[i].checkpoint <= this.position) this.waiters.splice(i, 1)[0].resolve();
      }
    }
  }

  private wake?: () => void;
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async acquireLease(): Promise<boolean> {
    const client = await this.pool.connect();
    // A checked-out client's errors (the server going away) are ours to handle: restart.
    client.on('error', (err) => {
      this.logger.warn(`lease connection lost: ${err.message}`);
      void this.subscription?.close().catch(() => undefined);
    });
    const { rows } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1) AS locked',
      [LEASE_KEY],
    );
    if (rows[0].locked) {
      this.lease = client;
      return true;
    }
    client.release();
    return false;
  }

  private dropLease(): void {
    // Destroy rather than return to the pool: the session-level advisory lock ends with it.
    this.lease?.release(true);
    this.lease = undefined;
  }

  private async apply(event: RecordedEvent): Promise<void> {
    const mails = await this.compose(event);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const [index, mail] of mails.entries()) {
        await client.query(
          `INSERT INTO ecvet_mail_outbox (id, event_id, event_type, mobility_id, kind, recipient,
             recipient_name, recipient_role, language, subject, text, html, signing_link)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
           ON CONFLICT (id) DO NOTHING`,
          [
            outboxId(event.id, index),
            event.id,
            event.type,
            categoryOf(event.stream).id,
            mail.kind,
            mail.to.email,
            mail.to.name,
            mail.recipientRole,
            mail.language,
            mail.subject,
            mail.text,
            mail.html,
            mail.signingLink ?? null,
          ],
        );
      }
      await client.query(
        `INSERT INTO ecvet_projection_checkpoints (name, checkpoint, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (name) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()`,
        [MAIL_OUTBOX_PROJECTION, event.checkpoint],
      );
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    if (mails.length > 0) this.signal.notify();
  }

  /**
   * The mails of one event. A failure that will not go away by retrying (the data does not allow
   * a mail) is logged and the event skipped; anything else (the database) restarts the projection.
   */
  private async compose(event: RecordedEvent): Promise<ComposedMail[]> {
    try {
      const notifiable = { type: event.type, data: event.data } as unknown as NotifiableEvent;
      const context = await this.contextFor(event, notifiable);
      const mails = composeMails(notifiable, context);
      if (mails.length === 0)
        this.logger.warn(`${event.type} ${event.id}: no recipient with an address, no mail`);
      return mails;
    } catch (err) {
      if (
        err instanceof StreamNotFound ||
        err instanceof DomainError ||
        err instanceof TypeError ||
        err instanceof RangeError
      ) {
        this.logger.error(
          `${event.type} ${event.id} in ${event.stream}: no mail composed: ${err.message}`,
        );
        return [];
      }
      throw err;
    }
  }

  private async contextFor(event: RecordedEvent, notifiable: NotifiableEvent): Promise<MailContext> {
    const { id: mobilityId } = categoryOf(event.stream);
    // The mobility as it stood when the event was recorded: a replay composes the same mail.
    const { view } = await this.queries.execute(
      new GetViewQuery('Mobility', mobilityId, { version: event.version }),
    );
    const mobility = view as MobilityView;
    const [sending, host] = await Promise.all([
      this.institution(mobility.sendingInstitution),
      this.institution(mobility.host),
    ]);
    const context: MailContext = { mobility, sending, host };
    if (notifiable.type.startsWith('Signature')) {
      context.signatureDeadline = await this.signatureDeadline(mobility);
    }
    if (notifiable.type === 'SignatureReminderSent') {
      const { version, role, sentAt } = notifiable.data;
      const agreement = mobility.agreement;
      if (agreement?.version === version) {
        const language = languageOf(role, context);
        const issuedAt = new Date(sentAt);
        const deadline = context.signatureDeadline
          ? new Date(context.signatureDeadline)
          : undefined;
        const issued = await this.links.issue(
          { mid: mobilityId, v: version, role, h: agreement.contentHash, jti: event.id, lang: language },
          { issuedAt, expiresAt: signingLinkExpiry(issuedAt, deadline) },
        );
        const link: SigningLinkForMail = {
          url: issued.url,
          expiresAt: issued.expiresAt.toISOString(),
        };
        context.signingLink = (r: SignatoryRole, l: Language) =>
          r === role && l === language ? link : undefined;
      }
    }
    return context;
  }

  private async institution(snapshot: InstitutionSnapshot): Promise<MailInstitution> {
    try {
      const { view } = await this.queries.execute(
        new GetViewQuery('Institution', snapshot.institutionId),
      );
      const institution = view as Partial<MailInstitution>;
      return {
        legalName: institution.legalName ?? snapshot.legalName,
        preferredLanguage: institution.preferredLanguage === 'lv' ? 'lv' : 'en',
        contacts: institution.contacts ?? [],
      };
    } catch (err) {
      if (!(err instanceof StreamNotFound)) throw err;
      return { legalName: snapshot.legalName, preferredLanguage: 'en', contacts: [] };
    }
  }

  /**
   * By when the agreement must be fully signed: the planned start less the policy's
   * `signatureDeadlineBeforeStart` (defaults, `REMINDER_POLICY`, the partnership's override).
   */
  private async signatureDeadline(mobility: MobilityView): Promise<string | undefined> {
    const start = Date.parse(`${mobility.plannedPeriod.start}T00:00:00Z`);
    if (Number.isNaN(start)) return undefined;
    let override: Record<string, unknown> | undefined;
    try {
      const { view } = await this.queries.execute(
        new GetViewQuery('Partnership', mobility.partnershipId),
      );
      override = (view as { reminderPolicy?: Record<string, unknown> }).reminderPolicy;
    } catch (err) {
      if (!(err instanceof StreamNotFound)) throw err;
    }
    let before = 0;
    try {
      const system = this.config.REMINDER_POLICY
        ? (JSON.parse(this.config.REMINDER_POLICY) as Record<string, unknown>)
        : undefined;
      before = durationMs(resolvePolicy(system, override).signatureDeadlineBeforeStart);
    } catch {
      before = 0;
    }
    return new Date(start - before).toISOString();
  }
}
