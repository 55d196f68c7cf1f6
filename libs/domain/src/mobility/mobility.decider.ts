import type { Decider } from '../shared/decider';
import { ensure } from '../shared/domain-error';
import { decideDecline, decideSign, decideStart } from './mobility.agreement';
import {
  decideCancel,
  decideCertificate,
  decideComplete,
  decideFeedback,
  decideRecognition,
  decideTranscript,
  decideValidation,
} from './mobility.after';
import type { MobilityCommand } from './mobility.commands';
import {
  decideCheckIn,
  decideEnd,
  decideFinalAssessment,
  decideFormative,
  decideIncident,
} from './mobility.during';
import { MobilityRules as R } from './mobility.errors';
import type { MobilityEvent } from './mobility.events';
import { decideAmend, decideDraft, decidePlan } from './mobility.plan';
import { decideReminder, decideSigningLink } from './mobility.reminders';
import { evolveMobility, initialMobilityState, type MobilityState } from './mobility.state';

/**
 * The mobility, from plan to completion: the Learning Agreement's versions and signatures, the
 * period abroad with its assessments, and validation and recognition by the sending school.
 * Decisions live in one file per phase; this file routes commands and guards the end states.
 */
export const mobilityDecider: Decider<MobilityCommand, MobilityEvent, MobilityState> = {
  initialState: initialMobilityState,
  evolve: evolveMobility,
  decide(command, state) {
    if (command.type === 'PlanMobility') return decidePlan(command, state);
    ensure(state.status !== 'none', R.MustBePlanned, 'the mobility is not planned');
    if (command.type === 'CancelMobility') return decideCancel(command, state);
    ensure(state.status !== 'cancelled', R.Cancelled, 'the mobility is cancelled');
    if (command.type === 'SubmitFeedback') return decideFeedback(command, state);
    if (command.type === 'CompleteMobility') return decideComplete(command, state);
    ensure(state.status !== 'completed', R.Completed, 'the mobility is completed');
    switch (command.type) {
      case 'DraftLearningAgreement':
        return decideDraft(command, state);
      case 'AmendLearningAgreement':
        return decideAmend(command, state);
      case 'SignLearningAgreement':
        return decideSign(command, state);
      case 'DeclineLearningAgreement':
        return decideDecline(command, state);
      case 'StartMobility':
        return decideStart(command, state);
      case 'RecordMentorCheckIn':
        return decideCheckIn(command, state);
      case 'ReportIncident':
        return decideIncident(command, state);
      case 'RecordFormativeAssessment':
        return decideFormative(command, state);
      case 'RecordFinalAssessment':
        return decideFinalAssessment(command, state);
      case 'EndMobility':
        return decideEnd(command, state);
      case 'IssueTranscript':
        return decideTranscript(command, state);
      case 'ValidateUnit':
        return decideValidation(command, state);
      case 'RecogniseUnit':
        return decideRecognition(command, state);
      case 'IssueCertificate':
        return decideCertificate(command, state);
      case 'ReissueSigningLink':
      case 'DiscloseSigningLink':
        return decideSigningLink(command, state);
      case 'SendSignatureReminder':
      case 'EscalateSignatureRequest':
      case 'ExpireSignatureRequest':
      case 'SendStepReminder':
      case 'EscalateStep':
      case 'RecordStepDeadlineMissed':
        return decideReminder(command, state);
    }
  },
};

/**
 * The personal fields of an event (encrypted per learner by the store): names, date of birth,
 * contacts, insurance, and a signer's identity and connection. One subject per event: the learner
 * the mobility belongs to — erasing the learner also erases the other signers' names on their
 * agreement (ADR 0005).
 */
export function mobilityPersonalFields(
  event: MobilityEvent,
  learnerId: string,
): { subject: string; fields: string[] } | undefined {
  const subject = `learner-${learnerId}`;
  const learner = ['name', 'dateOfBirth', 'email', 'phone', 'guardian'];
  switch (event.type) {
    case 'MobilityPlanned':
      return {
        subject,
        fields: [...learner.map((f) => `learner.${f}`), 'terms.insurance'],
      };
    case 'LearningAgreementVersionDrafted':
      return {
        subject,
        fields: [...learner.map((f) => `content.learner.${f}`), 'content.insurance'],
      };
    case 'LearningAgreementSigned':
      return { subject, fields: ['signer.name', 'signer.email', 'ip', 'userAgent'] };
    case 'LearningAgreementDeclined':
      return { subject, fields: ['signer.name', 'signer.email'] };
    default:
      return undefined;
  }
}
