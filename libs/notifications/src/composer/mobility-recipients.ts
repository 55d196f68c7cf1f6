import type {
  Language,
  MobilityMailContext,
  MailInstitution,
  Person,
  RecipientRole,
  SignatoryRole,
} from './mail.types';

export const COORDINATOR = /coordinator|koordinator/i;
export const HEAD = /director|direktor|head|vadītāj/i;

export interface Recipient {
  person: Person;
  role: RecipientRole;
  language: Language;
}

/**
 * Learner, guardian and sending school read the sending institution's language; the host reads
 * its own. Coordinators and heads are people of the sending institution.
 */
export function languageOf(role: RecipientRole, context: MobilityMailContext): Language {
  return role === 'host' || role === 'host-mentor'
    ? context.host.preferredLanguage
    : context.sending.preferredLanguage;
}

/** Who signs for a role: the learner, the guardian, or the mentor of each institution. */
export function signatoryPerson(
  role: SignatoryRole,
  context: MobilityMailContext,
): Person | undefined {
  const { learner, mentors } = context.mobility;
  switch (role) {
    case 'learner':
      return { name: learner.name, email: learner.email };
    case 'guardian':
      return learner.guardian;
    case 'sending-school':
      return mentors.sending;
    case 'host':
      return mentors.host;
  }
}

export function contactMatching(institution: MailInstitution, pattern: RegExp): Person | undefined {
  const contact = institution.contacts.find((c) => pattern.test(c.role));
  return contact && { name: contact.name, email: contact.email };
}

/** The sending institution's mobility coordinator; its mentor when no contact is one. */
export function coordinator(context: MobilityMailContext): Recipient {
  return {
    person: contactMatching(context.sending, COORDINATOR) ?? context.mobility.mentors.sending,
    role: 'coordinator',
    language: context.sending.preferredLanguage,
  };
}

/** The head of the sending institution; the coordinator when no contact is one. */
export function head(context: MobilityMailContext): Recipient {
  const person = contactMatching(context.sending, HEAD);
  return person
    ? { person, role: 'head', language: context.sending.preferredLanguage }
    : coordinator(context);
}

export function signatory(
  role: SignatoryRole,
  context: MobilityMailContext,
): Recipient | undefined {
  const person = signatoryPerson(role, context);
  return person && { person, role, language: languageOf(role, context) };
}

export function hostMentor(context: MobilityMailContext): Recipient {
  return {
    person: context.mobility.mentors.host,
    role: 'host-mentor',
    language: context.host.preferredLanguage,
  };
}

/** A usable address: personal fields of a forgotten learner read as erased, not as strings. */
export function deliverable(person: Person | undefined): person is Person {
  return (
    typeof person?.email === 'string' &&
    /^[^\s@]+@[^\s@]+$/.test(person.email) &&
    typeof person.name === 'string'
  );
}
