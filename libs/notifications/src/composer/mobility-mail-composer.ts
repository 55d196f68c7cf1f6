import { formatPeriod, formatWhen } from './format';
import { renderHtml, renderText, type MailDocument } from './mail-document';
import type {
  ComposedMail,
  Language,
  MobilityMailContext,
  MailKind,
  MobilityNotifiableEvent,
  SignatoryRole,
} from './mail.types';
import {
  coordinator,
  deliverable,
  head,
  hostMentor,
  signatory,
  signatoryPerson,
  type Recipient,
} from './mobility-recipients';
import { WORDING } from './wording';

/**
 * The mails one workflow event calls for, in each recipient's language. Pure: everything it
 * needs — the mobility as of the event, both institutions, the signing link — comes in `context`.
 * A recipient without a usable address (a forgotten learner's erased e-mail) gets no mail.
 *
 * - `SignatureReminderSent` → the pending signatory, with a signing link;
 * - `SigningLinkReissued` → that signatory, with the fresh link (the earlier ones no longer work);
 * - `SignatureRequestEscalated` / `StepEscalated` → the coordinator (level `coordinator`) or the
 *   head of the sending institution (level `head`), with "Escalation" in the subject;
 * - `SignatureRequestExpired`, `StepDeadlineMissed` → the coordinator;
 * - `StepReminderSent` → the host's mentor for the assessment, the coordinator otherwise.
 */
export function composeMobilityMails(
  event: MobilityNotifiableEvent,
  context: MobilityMailContext,
): ComposedMail[] {
  const mail = composeOne(event, context);
  return mail ? [mail] : [];
}

function composeOne(
  event: MobilityNotifiableEvent,
  context: MobilityMailContext,
): ComposedMail | undefined {
  switch (event.type) {
    case 'SignatureReminderSent': {
      const { version, role, reminderNumber } = event.data;
      const to = signatory(role, context);
      if (!to || !deliverable(to.person)) return undefined;
      const w = WORDING[to.language];
      const link = context.signingLink?.(role, to.language);
      const doc: MailDocument = {
        language: to.language,
        subject: w.signatureReminder.subject(
          reminderNumber,
          learnerName(context),
          context.mobility.mobilityId,
          version,
        ),
        greeting: w.greeting(to.person.name),
        paragraphs: [w.signatureReminder.intro],
        facts: [
          ...mobilityFacts(context, to.language),
          [w.labels.version, String(version)],
          [w.labels.youSignAs, w.role[role]],
          ...deadlineFact(w.labels.signBy, context.signatureDeadline, to.language),
        ],
        ...(link && {
          action: {
            label: w.signatureReminder.action,
            url: link.url,
            note: w.signatureReminder.linkNote(formatWhen(link.expiresAt, to.language)),
          },
        }),
        after: [w.signatureReminder.nth(reminderNumber)],
        closing: w.closing(context.sending.legalName),
      };
      return mailOf('signature-reminder', to, doc, link?.url);
    }
    case 'SigningLinkReissued': {
      const { version, role } = event.data;
      const to = signatory(role, context);
      if (!to || !deliverable(to.person)) return undefined;
      const w = WORDING[to.language];
      const link = context.signingLink?.(role, to.language);
      const doc: MailDocument = {
        language: to.language,
        subject: w.signingLinkReissued.subject(
          learnerName(context),
          context.mobility.mobilityId,
          version,
        ),
        greeting: w.greeting(to.person.name),
        paragraphs: [w.signingLinkReissued.intro],
        facts: [
          ...mobilityFacts(context, to.language),
          [w.labels.version, String(version)],
          [w.labels.youSignAs, w.role[role]],
          ...deadlineFact(w.labels.signBy, context.signatureDeadline, to.language),
        ],
        ...(link && {
          action: {
            label: w.signatureReminder.action,
            url: link.url,
            note: w.signatureReminder.linkNote(formatWhen(link.expiresAt, to.language)),
          },
        }),
        after: [w.signingLinkReissued.earlierLinks],
        closing: w.closing(context.sending.legalName),
      };
      return mailOf('signing-link-reissued', to, doc, link?.url);
    }
    case 'SignatureRequestEscalated': {
      const { version, role, level, afterReminders } = event.data;
      const to = level === 'head' ? head(context) : coordinator(context);
      if (!deliverable(to.person)) return undefined;
      const w = WORDING[to.language];
      const who = signatoryName(role, context, to.language);
      const doc: MailDocument = {
        language: to.language,
        subject: w.signatureEscalation.subject(who, context.mobility.mobilityId, version),
        greeting: w.greeting(to.person.name),
        paragraphs: [w.signatureEscalation.intro(level, afterReminders)],
        facts: [
          [w.labels.notSigned, withAddress(role, context, to.language)],
          ...pendingFact(context, to.language, version),
          ...mobilityFacts(context, to.language),
          [w.labels.version, String(version)],
          [w.labels.reminders, String(afterReminders)],
          ...deadlineFact(w.labels.signBy, context.signatureDeadline, to.language),
        ],
        after: [w.signatureEscalation.ask],
        closing: w.closing(context.sending.legalName),
      };
      return mailOf('signature-escalation', to, doc);
    }
    case 'SignatureRequestExpired': {
      const { version, pendingRoles, deadline } = event.data;
      const to = coordinator(context);
      if (!deliverable(to.person)) return undefined;
      const w = WORDING[to.language];
      const doc: MailDocument = {
        language: to.language,
        subject: w.signatureExpired.subject(context.mobility.mobilityId, version),
        greeting: w.greeting(to.person.name),
        paragraphs: [w.signatureExpired.intro(formatWhen(deadline, to.language))],
        facts: [
          [
            w.labels.notSigned,
            pendingRoles.map((r) => signatoryName(r, context, to.language)).join('; '),
          ],
          ...mobilityFacts(context, to.language),
          [w.labels.version, String(version)],
          [w.labels.deadline, formatWhen(deadline, to.language)],
        ],
        after: [w.signatureExpired.ask],
        closing: w.closing(context.sending.legalName),
      };
      return mailOf('signature-expired', to, doc);
    }
    case 'StepReminderSent': {
      const { step, reminderNumber, deadline } = event.data;
      const to = step === 'assessment' ? hostMentor(context) : coordinator(context);
      if (!deliverable(to.person)) return undefined;
      const w = WORDING[to.language];
      const doc: MailDocument = {
        language: to.language,
        subject: w.stepReminder.subject(
          w.step[step].todo,
          learnerName(context),
          context.mobility.mobilityId,
        ),
        greeting: w.greeting(to.person.name),
        paragraphs: [w.stepReminder.intro(reminderNumber)],
        facts: [
          [w.labels.awaited, w.step[step].awaited],
          ...deadlineFact(w.labels.deadline, deadline, to.language),
          ...mobilityFacts(context, to.language),
        ],
        after: [w.stepReminder.ask(step)],
        closing: w.closing(context.sending.legalName),
      };
      return mailOf('step-reminder', to, doc);
    }
    case 'StepEscalated': {
      const { step, level, afterReminders } = event.data;
      const to = level === 'head' ? head(context) : coordinator(context);
      if (!deliverable(to.person)) return undefined;
      const w = WORDING[to.language];
      const doc: MailDocument = {
        language: to.language,
        subject: w.stepEscalation.subject(
          w.step[step].notDone,
          learnerName(context),
          context.mobility.mobilityId,
        ),
        greeting: w.greeting(to.person.name),
        paragraphs: [w.stepEscalation.intro(level, afterReminders)],
        facts: [
          [w.labels.awaited, w.step[step].awaited],
          [w.labels.reminders, String(afterReminders)],
          ...mobilityFacts(context, to.language),
        ],
        after: [w.stepEscalation.ask],
        closing: w.closing(context.sending.legalName),
      };
      return mailOf('step-escalation', to, doc);
    }
    case 'StepDeadlineMissed': {
      const { step, deadline } = event.data;
      const to = coordinator(context);
      if (!deliverable(to.person)) return undefined;
      const w = WORDING[to.language];
      const doc: MailDocument = {
        language: to.language,
        subject: w.stepMissed.subject(
          w.step[step].notDone,
          learnerName(context),
          context.mobility.mobilityId,
        ),
        greeting: w.greeting(to.person.name),
        paragraphs: [w.stepMissed.intro(formatWhen(deadline, to.language))],
        facts: [
          [w.labels.awaited, w.step[step].awaited],
          [w.labels.deadline, formatWhen(deadline, to.language)],
          ...mobilityFacts(context, to.language),
        ],
        after: [w.stepMissed.ask],
        closing: w.closing(context.sending.legalName),
      };
      return mailOf('step-deadline-missed', to, doc);
    }
  }
}

function mailOf(
  kind: MailKind,
  to: Recipient,
  doc: MailDocument,
  signingLink?: string,
): ComposedMail {
  return {
    kind,
    to: { name: to.person.name, email: to.person.email },
    recipientRole: to.role,
    language: to.language,
    subject: doc.subject,
    text: renderText(doc),
    html: renderHtml(doc),
    ...(signingLink !== undefined && { signingLink }),
  };
}

function mobilityFacts(context: MobilityMailContext, language: Language): Array<[string, string]> {
  const w = WORDING[language];
  const m = context.mobility;
  const host = m.host.country ? `${m.host.legalName} (${m.host.country})` : m.host.legalName;
  const units = m.targetedUnits.map((u) => u.title[language]).join('; ');
  return [
    [w.labels.mobility, m.mobilityId],
    [w.labels.learner, learnerName(context)],
    [w.labels.host, host],
    [w.labels.period, formatPeriod(m.plannedPeriod, language)],
    [w.labels.qualification, m.qualification.title[language]],
    ...(units ? [[w.labels.units, units] as [string, string]] : []),
  ];
}

function deadlineFact(
  label: string,
  deadline: string | undefined,
  language: Language,
): Array<[string, string]> {
  return deadline ? [[label, formatWhen(deadline, language)]] : [];
}

/** The learner's name; a dash once the learner's personal data has been erased. */
function learnerName(context: MobilityMailContext): string {
  const name: unknown = context.mobility.learner.name;
  return typeof name === 'string' ? name : '—';
}

/** "Līga Ozola (izglītojamā vecāks vai likumiskais pārstāvis)": who has not signed. */
function signatoryName(
  role: SignatoryRole,
  context: MobilityMailContext,
  language: Language,
): string {
  const person = signatoryPerson(role, context);
  const label = WORDING[language].role[role];
  return person && typeof person.name === 'string' ? `${person.name} (${label})` : label;
}

function withAddress(
  role: SignatoryRole,
  context: MobilityMailContext,
  language: Language,
): string {
  const person = signatoryPerson(role, context);
  const name = signatoryName(role, context, language);
  return deliverable(person) ? `${name}, ${person.email}` : name;
}

function pendingFact(
  context: MobilityMailContext,
  language: Language,
  version: number,
): Array<[string, string]> {
  const agreement = context.mobility.agreement;
  if (!agreement || agreement.version !== version || agreement.pendingSignatories.length === 0)
    return [];
  return [
    [
      WORDING[language].labels.stillPending,
      agreement.pendingSignatories.map((r) => signatoryName(r, context, language)).join('; '),
    ],
  ];
}
