import { formatPeriod, formatWhen } from './format';
import { renderHtml, renderText, type MailDocument } from './mail-document';
import type {
  ComposedMail,
  Language,
  MailKind,
  PartnershipMailContext,
  PartnershipNotifiableEvent,
} from './mail.types';
import {
  contactPerson,
  institutionOf,
  mouEscalationRecipients,
  mouSignatory,
  partnershipCoordinator,
} from './partnership-recipients';
import { deliverable, type Recipient } from './mobility-recipients';
import { WORDING } from './wording';

type Fact = [string, string];

/**
 * The mails one partnership workflow event (`Partnership-<id>`) calls for, in each recipient's
 * language (their institution's `preferredLanguage`). Pure: the partnership as of the event, the
 * institutions and `PUBLIC_URL` come in `context`. An MoU has no signing link: the mails point
 * to the version in the API (`/partnerships/<id>/mou/versions/<v>`), where it is signed.
 *
 * - `MouSignatureReminderSent` → the unsigned party's contact person (director, head or
 *   coordinator, else its first contact); without one, the coordinating institution's coordinator;
 * - `MouSignatureRequestEscalated`, `MouRenewalEscalated` → the coordinating institution's
 *   coordinator, and its head too at level `head`, with "Escalation" in the subject;
 * - `MouSignatureRequestExpired`, `MouRenewalReminderSent` → the coordinator.
 */
export function composePartnershipMails(
  event: PartnershipNotifiableEvent,
  context: PartnershipMailContext,
): ComposedMail[] {
  switch (event.type) {
    case 'MouSignatureReminderSent': {
      const { version, institutionId, reminderNumber } = event.data;
      const to = mouSignatory(institutionId, context);
      if (!to) return [];
      const w = WORDING[to.language].mou;
      const institution = institutionOf(institutionId, context).legalName;
      const doc: MailDocument = {
        ...frame(context, to),
        subject: w.signatureReminder.subject(
          reminderNumber,
          context.partnership.title,
          context.partnership.partnershipId,
          version,
        ),
        paragraphs: [
          to.role === 'partner-contact'
            ? w.signatureReminder.intro(institution)
            : w.signatureReminder.introForPartner(institution),
        ],
        facts: [
          ...mouFacts(context, version, to.language),
          [w.labels.youSignFor, institution],
          ...pendingFact(context, version, to.language),
          ...deadlineFact(
            WORDING[to.language].labels.signBy,
            context.signatureDeadline,
            to.language,
          ),
        ],
        action: {
          label: w.open,
          url: mouUrl(context, version),
          note: w.signatureReminder.howToSign,
        },
        after: [w.signatureReminder.nth(reminderNumber)],
      };
      return [mailOf('mou-signature-reminder', to, doc)];
    }
    case 'MouSignatureRequestEscalated': {
      const { version, institutionId, level, afterReminders } = event.data;
      return mouEscalationRecipients(level, context).map((to) => {
        const w = WORDING[to.language];
        const institution = institutionOf(institutionId, context).legalName;
        const doc: MailDocument = {
          ...frame(context, to),
          subject: w.mou.signatureEscalation.subject(
            institution,
            context.partnership.partnershipId,
            version,
          ),
          paragraphs: [w.mou.signatureEscalation.intro(level, afterReminders)],
          facts: [
            [w.labels.notSigned, withContact(institutionId, context)],
            ...pendingFact(context, version, to.language),
            ...mouFacts(context, version, to.language),
            [w.labels.reminders, String(afterReminders)],
            ...deadlineFact(w.labels.signBy, context.signatureDeadline, to.language),
          ],
          action: {
            label: w.mou.open,
            url: mouUrl(context, version),
            note: w.mou.signatureEscalation.note,
          },
          after: [w.mou.signatureEscalation.ask],
        };
        return mailOf('mou-signature-escalation', to, doc);
      });
    }
    case 'MouSignatureRequestExpired': {
      const { version, pendingInstitutionIds, deadline } = event.data;
      const to = partnershipCoordinator(context);
      if (!to) return [];
      const w = WORDING[to.language];
      const doc: MailDocument = {
        ...frame(context, to),
        subject: w.mou.signatureExpired.subject(context.partnership.partnershipId, version),
        paragraphs: [w.mou.signatureExpired.intro(formatWhen(deadline, to.language))],
        facts: [
          [
            w.labels.notSigned,
            pendingInstitutionIds.map((id) => withContact(id, context)).join('; '),
          ],
          ...mouFacts(context, version, to.language),
          [w.labels.deadline, formatWhen(deadline, to.language)],
        ],
        action: {
          label: w.mou.open,
          url: mouUrl(context, version),
          note: w.mou.signatureExpired.note,
        },
        after: [w.mou.signatureExpired.ask],
      };
      return [mailOf('mou-signature-expired', to, doc)];
    }
    case 'MouRenewalReminderSent': {
      const { version, validUntil, reminderNumber } = event.data;
      const to = partnershipCoordinator(context);
      if (!to) return [];
      const w = WORDING[to.language].mou;
      const until = formatWhen(validUntil, to.language);
      const doc: MailDocument = {
        ...frame(context, to),
        subject: w.renewalReminder.subject(
          reminderNumber,
          until,
          context.partnership.title,
          context.partnership.partnershipId,
        ),
        paragraphs: [w.renewalReminder.intro(version, until)],
        facts: [...mouFacts(context, version, to.language), [w.labels.validUntil, until]],
        action: {
          label: w.open,
          url: mouUrl(context, version),
          note: w.renewalReminder.howToRenew,
        },
        after: [w.renewalReminder.nth(reminderNumber)],
      };
      return [mailOf('mou-renewal-reminder', to, doc)];
    }
    case 'MouRenewalEscalated': {
      const { version, validUntil, level, afterReminders } = event.data;
      return mouEscalationRecipients(level, context).map((to) => {
        const w = WORDING[to.language];
        const until = formatWhen(validUntil, to.language);
        const doc: MailDocument = {
          ...frame(context, to),
          subject: w.mou.renewalEscalation.subject(context.partnership.partnershipId, until),
          paragraphs: [w.mou.renewalEscalation.intro(level, afterReminders, until)],
          facts: [
            ...mouFacts(context, version, to.language),
            [w.mou.labels.validUntil, until],
            [w.labels.reminders, String(afterReminders)],
          ],
          action: {
            label: w.mou.open,
            url: mouUrl(context, version),
            note: w.mou.renewalReminder.howToRenew,
          },
          after: [w.mou.renewalEscalation.ask],
        };
        return mailOf('mou-renewal-escalation', to, doc);
      });
    }
  }
}

/** The MoU version in the API, where it is read and signed (no signing link for an MoU). */
export function mouUrl(context: PartnershipMailContext, version: number): string {
  const base = context.publicUrl.replace(/\/+$/, '');
  const id = encodeURIComponent(context.partnership.partnershipId);
  return `${base}/partnerships/${id}/mou/versions/${version}`;
}

/** Greeting, language and closing (the coordinating institution signs off). */
function frame(
  context: PartnershipMailContext,
  to: Recipient,
): Pick<MailDocument, 'language' | 'greeting' | 'closing'> {
  const w = WORDING[to.language];
  const coordinating = institutionOf(context.partnership.coordinatorInstitutionId, context);
  return {
    language: to.language,
    greeting: w.greeting(to.person.name),
    closing: w.closing(coordinating.legalName),
  };
}

function mailOf(kind: MailKind, to: Recipient, doc: MailDocument): ComposedMail {
  return {
    kind,
    to: { name: to.person.name, email: to.person.email },
    recipientRole: to.role,
    language: to.language,
    subject: doc.subject,
    text: renderText(doc),
    html: renderHtml(doc),
  };
}

/** The partnership, its coordinating institution, the MoU version and its validity. */
function mouFacts(context: PartnershipMailContext, version: number, language: Language): Fact[] {
  const w = WORDING[language].mou;
  const { partnership } = context;
  const mou = partnership.mouVersions.find((v) => v.version === version);
  return [
    [w.labels.partnership, `${partnership.title} (${partnership.partnershipId})`],
    [w.labels.coordinating, institutionOf(partnership.coordinatorInstitutionId, context).legalName],
    [w.labels.version, String(version)],
    ...(mou
      ? [
          [
            w.labels.validity,
            formatPeriod({ start: mou.validFrom, end: mou.validUntil }, language),
          ] as Fact,
        ]
      : []),
  ];
}

function pendingFact(context: PartnershipMailContext, version: number, language: Language): Fact[] {
  const mou = context.partnership.mou;
  if (!mou || mou.version !== version || mou.pendingParties.length === 0) return [];
  return [
    [
      WORDING[language].labels.stillPending,
      mou.pendingParties.map((id) => institutionOf(id, context).legalName).join('; '),
    ],
  ];
}

function deadlineFact(label: string, deadline: string | undefined, language: Language): Fact[] {
  return deadline ? [[label, formatWhen(deadline, language)]] : [];
}

/** "Savo Vocational College (Aino Virtanen, aino@savo.fi)": a partner and whom to call. */
function withContact(institutionId: string, context: PartnershipMailContext): string {
  const institution = institutionOf(institutionId, context);
  const person = contactPerson(institution);
  return deliverable(person)
    ? `${institution.legalName} (${person.name}, ${person.email})`
    : institution.legalName;
}
