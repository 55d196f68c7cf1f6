import {
  accountCodec,
  accountDecider,
  accountPersonalFields,
  type AccountCommand,
  type AccountEvent,
  type AccountState,
  callCodec,
  callDecider,
  callPersonalFields,
  institutionCodec,
  institutionDecider,
  learnerRecordCodec,
  learnerRecordDecider,
  mobilityCodec,
  mobilityDecider,
  mobilityPersonalFields,
  partnershipCodec,
  partnershipDecider,
  qualificationCodec,
  qualificationDecider,
  type CallCommand,
  type CallEvent,
  type CallState,
  type InstitutionCommand,
  type InstitutionEvent,
  type InstitutionState,
  type LearnerRecordCommand,
  type LearnerRecordEvent,
  type LearnerRecordState,
  type MobilityCommand,
  type MobilityEvent,
  type MobilityState,
  type PartnershipCommand,
  type PartnershipEvent,
  type PartnershipState,
  type QualificationCommand,
  type QualificationEvent,
  type QualificationState,
} from '@ecvet/domain';
import type { Aggregate } from '@ecvet/event-sourcing';

/**
 * The six aggregates as the write path and the readers see them: stream category, decider,
 * codec, the commands that create a stream, and which fields of an event are personal data.
 */
export const InstitutionAggregate: Aggregate<
  InstitutionCommand,
  InstitutionEvent,
  InstitutionState
> = {
  category: 'Institution',
  decider: institutionDecider,
  codec: institutionCodec,
  creates: new Set(['RegisterInstitution']),
  /** A contact person's name, e-mail and phone are theirs: encrypted under their own key. */
  personal: (event) =>
    event.type === 'ContactPersonAdded'
      ? {
          subject: `contact-${event.data.contact.id}`,
          fields: ['contact.name', 'contact.email', 'contact.phone'],
        }
      : undefined,
};

export const QualificationAggregate: Aggregate<
  QualificationCommand,
  QualificationEvent,
  QualificationState
> = {
  category: 'Qualification',
  decider: qualificationDecider,
  codec: qualificationCodec,
  creates: new Set(['DefineQualification']),
};

export const PartnershipAggregate: Aggregate<
  PartnershipCommand,
  PartnershipEvent,
  PartnershipState
> = {
  category: 'Partnership',
  decider: partnershipDecider,
  codec: partnershipCodec,
  creates: new Set(['ProposePartnership']),
  /** A signer's name, e-mail and connection are theirs (subject: the signing party's signer). */
  personal: (event) => {
    if (event.type !== 'MouSigned') return undefined;
    const who = (event.data.signer.email ?? event.data.signer.name).toLowerCase();
    return { subject: `signer-${who}`, fields: ['signer.name', 'signer.email', 'ip', 'userAgent'] };
  },
};

export const CallAggregate: Aggregate<CallCommand, CallEvent, CallState> = {
  category: 'Call',
  decider: callDecider,
  codec: callCodec,
  creates: new Set(['OpenCall']),
  personal: (event) => callPersonalFields(event),
};

export const MobilityAggregate: Aggregate<MobilityCommand, MobilityEvent, MobilityState> = {
  category: 'Mobility',
  decider: mobilityDecider,
  codec: mobilityCodec,
  creates: new Set(['PlanMobility']),
  /** Everything personal in a mobility is its learner's (ADR 0005). */
  personal: (event, state) => {
    const learnerId =
      event.type === 'MobilityPlanned'
        ? event.data.learner.learnerId
        : state.plan?.learner.learnerId;
    return learnerId === undefined ? undefined : mobilityPersonalFields(event, learnerId);
  },
};

export const LearnerRecordAggregate: Aggregate<
  LearnerRecordCommand,
  LearnerRecordEvent,
  LearnerRecordState
> = {
  category: 'Learner',
  decider: learnerRecordDecider,
  codec: learnerRecordCodec,
  // A learner's record begins with their first recognised unit, or with their erasure (a learner
  // may have applied or been planned for a mobility without ever being credited).
  creates: new Set(['AccumulateCredit', 'EraseLearner']),
};

/** A person who signs in: provisioning, roles, second factor, tokens, sign-ins (security record). */
export const AccountAggregate: Aggregate<AccountCommand, AccountEvent, AccountState> = {
  category: 'Account',
  decider: accountDecider,
  codec: accountCodec,
  creates: new Set(['ProvisionAccount', 'RecordSignInFailure']),
  personal: (event) => accountPersonalFields(event),
};
