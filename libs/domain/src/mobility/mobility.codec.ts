import { eventCodec } from '../shared/codec';
import type { MobilityEvent } from './mobility.events';

const TYPES = [
  'CertificateIssued',
  'FeedbackSubmitted',
  'FinalAssessmentRecorded',
  'FormativeAssessmentRecorded',
  'IncidentReported',
  'LearningAgreementDeclined',
  'LearningAgreementFullySigned',
  'LearningAgreementSigned',
  'LearningAgreementVersionDrafted',
  'MentorCheckInRecorded',
  'MobilityCancelled',
  'MobilityCompleted',
  'MobilityEnded',
  'MobilityPlanWarningRaised',
  'MobilityPlanned',
  'MobilityStarted',
  'SignatureReminderSent',
  'SignatureRequestEscalated',
  'SignatureRequestExpired',
  'StepDeadlineMissed',
  'StepEscalated',
  'StepReminderSent',
  'TranscriptIssued',
  'UnitRecognised',
  'UnitRecognitionRefused',
  'UnitValidated',
] as const satisfies ReadonlyArray<MobilityEvent['type']>;

// Every event type is listed: a new one that is not fails to compile here.
type Unlisted = Exclude<MobilityEvent['type'], (typeof TYPES)[number]>;
const everyTypeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyTypeListed;

/** Recorded Mobility events back into typed events (see shared/codec.ts). */
export const mobilityCodec = eventCodec<MobilityEvent>('Mobility', TYPES);
