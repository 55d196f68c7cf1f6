import type { MailInstitution, PartnershipMailContext, Person } from './mail.types';
import {
  contactMatching,
  COORDINATOR,
  deliverable,
  HEAD,
  type Recipient,
} from './mobility-recipients';

/** Who speaks for a partner: its director, head or coordinator, in either language. */
const CONTACT_PERSON = /director|direktor|head|vadītāj|coordinator|koordinator/i;

/** An institution of the partnership; one the context does not hold is known by its id only. */
export function institutionOf(
  institutionId: string,
  context: PartnershipMailContext,
): MailInstitution {
  return (
    context.institutions[institutionId] ?? {
      legalName: institutionId,
      preferredLanguage: 'en',
      contacts: [],
    }
  );
}

function firstContact(institution: MailInstitution): Person | undefined {
  const [contact] = institution.contacts;
  return contact && { name: contact.name, email: contact.email };
}

/** An institution's contact person: the one whose role matches a director, head or coordinator, else its first contact. */
export function contactPerson(institution: MailInstitution): Person | undefined {
  return contactMatching(institution, CONTACT_PERSON) ?? firstContact(institution);
}

/**
 * The coordinating institution's coordinator: its contact whose role matches a coordinator, else
 * its contact person (head, else first contact). In the coordinating institution's language.
 */
export function partnershipCoordinator(context: PartnershipMailContext): Recipient | undefined {
  const institution = institutionOf(context.partnership.coordinatorInstitutionId, context);
  const person = contactMatching(institution, COORDINATOR) ?? contactPerson(institution);
  return deliverable(person)
    ? { person, role: 'coordinator', language: institution.preferredLanguage }
    : undefined;
}

/** The head of the coordinating institution, if a contact's role says so. */
export function partnershipHead(context: PartnershipMailContext): Recipient | undefined {
  const institution = institutionOf(context.partnership.coordinatorInstitutionId, context);
  const person = contactMatching(institution, HEAD);
  return deliverable(person)
    ? { person, role: 'head', language: institution.preferredLanguage }
    : undefined;
}

/**
 * Who is reminded of a party's missing MoU signature: the party's contact person, in the party's
 * language; when the party has no (usable) contact, the coordinating institution's coordinator,
 * in that institution's language.
 */
export function mouSignatory(
  institutionId: string,
  context: PartnershipMailContext,
): Recipient | undefined {
  const institution = institutionOf(institutionId, context);
  const person = contactPerson(institution);
  if (deliverable(person))
    return { person, role: 'partner-contact', language: institution.preferredLanguage };
  return partnershipCoordinator(context);
}

/**
 * Who hears of an escalation: the coordinating institution's coordinator; at level `head` its
 * head as well (once, when the head is the coordinator's address too).
 */
export function mouEscalationRecipients(
  level: 'coordinator' | 'head',
  context: PartnershipMailContext,
): Recipient[] {
  const recipients = [
    partnershipCoordinator(context),
    ...(level === 'head' ? [partnershipHead(context)] : []),
  ].filter((r): r is Recipient => r !== undefined);
  return recipients.filter(
    (r, i) =>
      recipients.findIndex((o) => o.person.email.toLowerCase() === r.person.email.toLowerCase()) ===
      i,
  );
}
