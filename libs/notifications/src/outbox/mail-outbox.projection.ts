import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Pool, PoolClient } from 'pg';
import {
  categoryOf,
  GetViewQuery,
  MobilityAggregate,
  PartnershipAggregate,
  type MobilityView,
} from '@ecvet/application';
import { decodeRecorded } from '@ecvet/event-sourcing';
import { AppConfig } from '@ecvet/config';
import { CheckpointedConsumer, LEASE_KEYS } from '@ecvet/consumers';
import { InjectPool } from '@ecvet/database';
import {
  DomainError,
  durationMs,
  resolvePolicy,
  type InstitutionSnapshot,
  type ReminderPolicy,
  type SignatoryRole,
} from '@ecvet/domain';
import {
  EVENT_STORE,
  StreamNotFound,
  type EventStore,
  type RecordedEvent,
} from '@ecvet/event-store';
import { composeMobilityMails } from '../composer/mobility-mail-composer';
import {
  NOTIFIABLE_EVENT_TYPES,
  isMobilityNotifiable,
  isPartnershipNotifiable,
  type ComposedMail,
  type Language,
  type MobilityMailContext,
  type MailInstitution,
  type MailPartnership,
  type MobilityNotifiableEvent,
  type PartnershipMailContext,
  type PartnershipNotifiableEvent,
  type SigningLinkForMail,
} from '../composer/mail.types';
import { composePartnershipMails } from '../composer/partnership-mail-composer';
import { languageOf } from '../composer/mobility-recipients';
import { SigningLinkGenerations } from '../signing-links/signing-link-generations';
import {
  SigningLinks,
  signingLinkExpiry,
  signingLinkHash,
  type VerifiedSigningLink,
} from '../signing-links/signing-links';
import { outboxId, SIGNING_LINK_PLACEHOLDER } from './outbox-row';
import { OutboxSignal } from './outbox-signal';

export const MAIL_OUTBOX_PROJECTION = 'mail-outbox';
// Advisory-lock lease key: one outbox projection per database.
const LEASE_KEY = LEASE_KEYS.mailOutboxProjection;

/** The link a mail carries: what the outbox keeps of it (never the token). */
interface IssuedLink {
  hash: string;
  claims: VerifiedSigningLink;
}

/** The mails of an event, and the signing link one of them carries. */
interface Composed {
  mails: ComposedMail[];
  link?: IssuedLink;
}

/** The partnership view's parts the MoU mails read (`partnershipView` in @ecvet/application). */
type PartnershipViewForMail = MailPartnership & { reminderPolicy?: Record<string, unknown> };

/**
 * Puts the mail that the workflows' events call for into `ecvet_mail_outbox`: the mobility
 * workflow's (`Mobility-<id>`) and the partnership workflow's (`Partnership-<id>`). For each event
 * it composes the mails (the mobility or partnership as of that event, the institutions, a signing
 * link for a mobility signature reminder or a reissued link) and inserts them — ids `<event id>:<recipient index>`,
 * ON CONFLICT DO NOTHING — in the same transaction as its checkpoint (`mail-outbox`): a crash
 * neither loses nor doubles a mail. A `CheckpointedConsumer`: one process per database under an
 * advisory-lock lease, restarted from the stored checkpoint when its connection or lease is lost,
 * never holding the shutdown. Delivery is the `MailSender`'s job; it is woken once the mail is
 * committed.
 *
 * A signing link is never stored: the text and HTML carry `SIGNING_LINK_PLACEHOLDER` where it
 * goes, the row the token's SHA-256 and its claims (no secret). The sender signs the claims again
 * as it sends; a copy of the database signs nothing.
 */
@Injectable()
export class MailOutboxProjection extends CheckpointedConsumer {
  constructor(
    @InjectPool() pool: Pool,
    @Inject(EVENT_STORE) store: EventStore,
    private readonly queries: QueryBus,
    private readonly links: SigningLinks,
    private readonly generations: SigningLinkGenerations,
    private readonly signal: OutboxSignal,
    private readonly config: AppConfig,
  ) {
    super(MAIL_OUTBOX_PROJECTION, LEASE_KEY, pool, store, {
      eventTypes: [...NOTIFIABLE_EVENT_TYPES],
      streamPrefixes: ['Mobility-', 'Partnership-'],
    });
  }

  protected async handle(event: RecordedEvent, client: PoolClient): Promise<void> {
    const { mails, link } = await this.compose(event);
    const { category, id } = categoryOf(event.stream);
    for (const [index, mail] of mails.entries()) {
      const carried = mail.signingLink !== undefined ? link : undefined;
      await client.query(
        `INSERT INTO ecvet_mail_outbox (id, event_id, event_type, mobility_id, partnership_id,
           kind, recipient, recipient_name, recipient_role, language, subject, text, html,
           signing_link_hash, signing_link_claims)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (id) DO NOTHING`,
        [
          outboxId(event.id, index),
          event.id,
          event.type,
          category === 'Partnership' ? null : id,
          category === 'Partnership' ? id : null,
          mail.kind,
          mail.to.email,
          mail.to.name,
          mail.recipientRole,
          mail.language,
          mail.subject,
          mail.text,
          mail.html,
          carried?.hash ?? null,
          carried ? JSON.stringify(carried.claims) : null,
        ],
      );
    }
    // Wake the sender once this transaction (with the checkpoint) has committed.
    if (mails.length > 0) void this.caughtUpTo(event.checkpoint).then(() => this.signal.notify());
  }

  /**
   * The mails of one event. A failure that will not go away by retrying (the data does not allow
   * a mail) is logged and the event skipped; anything else (the database) restarts the projection.
   */
  private async compose(event: RecordedEvent): Promise<Composed> {
    try {
      const composed =
        categoryOf(event.stream).category === 'Partnership'
          ? { mails: await this.partnershipMails(event) }
          : await this.mobilityMails(event);
      if (composed.mails.length === 0)
        this.logger.warn(`${event.type} ${event.id}: no recipient with an address, no mail`);
      return composed;
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
        return { mails: [] };
      }
      throw err;
    }
  }

  private async mobilityMails(event: RecordedEvent): Promise<Composed> {
    const notifiable = decodeRecorded(MobilityAggregate, event);
    if (!isMobilityNotifiable(notifiable)) return { mails: [] };
    const { context, link } = await this.mobilityContextFor(event, notifiable);
    return { mails: composeMobilityMails(notifiable, context), ...(link && { link }) };
  }

  private async partnershipMails(event: RecordedEvent): Promise<ComposedMail[]> {
    const notifiable = decodeRecorded(PartnershipAggregate, event);
    if (!isPartnershipNotifiable(notifiable)) return [];
    return composePartnershipMails(notifiable, await this.partnershipContextFor(event, notifiable));
  }

  /**
   * The partnership as it stood when the event was recorded (a replay composes the same mail),
   * its parties' and coordinating institution's names, languages and contacts, and — for a
   * signature reminder or escalation — when the version's request for signatures expires.
   */
  private async partnershipContextFor(
    event: RecordedEvent,
    notifiable: PartnershipNotifiableEvent,
  ): Promise<PartnershipMailContext> {
    const { id: partnershipId } = categoryOf(event.stream);
    const { view } = await this.queries.execute(
      new GetViewQuery('Partnership', partnershipId, { version: event.version }),
    );
    const partnership = view as PartnershipViewForMail;
    const ids = new Set([
      partnership.coordinatorInstitutionId,
      ...partnership.parties.map((p) => p.institutionId),
      ...(notifiable.type === 'MouSignatureRequestExpired'
        ? notifiable.data.pendingInstitutionIds
        : []),
      ...('institutionId' in notifiable.data ? [notifiable.data.institutionId] : []),
    ]);
    const institutions = Object.fromEntries(
      await Promise.all(
        [...ids].map(async (id) => [id, await this.institution({ institutionId: id })] as const),
      ),
    );
    const context: PartnershipMailContext = {
      partnership,
      institutions,
      publicUrl: this.links.publicUrl,
    };
    if (
      notifiable.type === 'MouSignatureReminderSent' ||
      notifiable.type === 'MouSignatureRequestEscalated'
    ) {
      const drafted = partnership.mouVersions.find(
        (v) => v.version === notifiable.data.version,
      )?.draftedAt;
      const at = drafted ? Date.parse(drafted) : Number.NaN;
      const policy = this.policy(partnership.reminderPolicy);
      if (!Number.isNaN(at) && policy)
        context.signatureDeadline = new Date(
          at + durationMs(policy.mouSignatureDeadline),
        ).toISOString();
    }
    return context;
  }

  private async mobilityContextFor(
    event: RecordedEvent,
    notifiable: MobilityNotifiableEvent,
  ): Promise<{ context: MobilityMailContext; link?: IssuedLink }> {
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
    const context: MobilityMailContext = { mobility, sending, host };
    if (notifiable.type.startsWith('Signature') || notifiable.type === 'SigningLinkReissued') {
      context.signatureDeadline = await this.signatureDeadline(mobility);
    }
    if (notifiable.type !== 'SignatureReminderSent' && notifiable.type !== 'SigningLinkReissued')
      return { context };
    const { version, role } = notifiable.data;
    const agreement = mobility.agreement;
    if (agreement?.version !== version) return { context };
    const language = languageOf(role, context);
    const issuedAt = new Date(
      notifiable.type === 'SignatureReminderSent'
        ? notifiable.data.sentAt
        : notifiable.data.reissuedAt,
    );
    const deadline = context.signatureDeadline ? new Date(context.signatureDeadline) : undefined;
    // The reissues up to this event: a link carried by a reissue, or by a reminder after it,
    // works until the next reissue.
    const g = await this.generations.of(mobilityId, version, role, event.version);
    const issued = await this.links.issue(
      {
        mid: mobilityId,
        v: version,
        role,
        h: agreement.contentHash,
        jti: event.id,
        lang: language,
        g,
      },
      { issuedAt, expiresAt: signingLinkExpiry(issuedAt, deadline) },
    );
    // The mail gets the placeholder; the sender puts the link in as it sends.
    const forMail: SigningLinkForMail = {
      url: SIGNING_LINK_PLACEHOLDER,
      expiresAt: issued.expiresAt.toISOString(),
    };
    context.signingLink = (r: SignatoryRole, l: Language) =>
      r === role && l === language ? forMail : undefined;
    return { context, link: { hash: signingLinkHash(issued.token), claims: issued.claims } };
  }

  /** An institution's name, language and contacts; its id (or snapshot name) when unknown. */
  private async institution(
    snapshot: Pick<InstitutionSnapshot, 'institutionId'> & { legalName?: string },
  ): Promise<MailInstitution> {
    const legalName = snapshot.legalName ?? snapshot.institutionId;
    try {
      const { view } = await this.queries.execute(
        new GetViewQuery('Institution', snapshot.institutionId),
      );
      const institution = view as Partial<MailInstitution>;
      return {
        legalName: institution.legalName ?? legalName,
        preferredLanguage: institution.preferredLanguage === 'lv' ? 'lv' : 'en',
        contacts: institution.contacts ?? [],
      };
    } catch (err) {
      if (!(err instanceof StreamNotFound)) throw err;
      return { legalName, preferredLanguage: 'en', contacts: [] };
    }
  }

  /** Defaults, `REMINDER_POLICY`, then a partnership's override; undefined when one is invalid. */
  private policy(override: Record<string, unknown> | undefined): ReminderPolicy | undefined {
    try {
      const system = this.config.REMINDER_POLICY
        ? (JSON.parse(this.config.REMINDER_POLICY) as Record<string, unknown>)
        : undefined;
      return resolvePolicy(system, override);
    } catch {
      return undefined;
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
    const policy = this.policy(override);
    const before = policy ? durationMs(policy.signatureDeadlineBeforeStart) : 0;
    return new Date(start - before).toISOString();
  }
}
