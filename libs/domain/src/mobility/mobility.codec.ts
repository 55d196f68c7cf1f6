import { eventCodec, type Upcaster } from '../shared/codec';
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
  'SigningLinkDisclosed',
  'SigningLinkReissued',
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

type Data = Record<string, unknown>;

/**
 * Schema 1 → 2 of the agreement's targeted units (2769e56: a published catalogue version carries
 * each unit's knowledge, skills and competence statements, and agreements quote them). Before,
 * a targeted unit quoted its title, ECVET points, modules and assessment criteria only. The
 * statements live in the catalogue, not in the mobility's events, so they cannot be derived
 * here: the upcast unit quotes none (`[]`), which is what that agreement quoted. `relativeWeight`
 * is optional and stays absent (not known). Units that quote statements already keep them: the
 * write path marked every event schema 1 until this upcaster, so events recorded between 2769e56
 * and it are in the new shape under version 1.
 */
const unitsQuotingStatements = (terms: Data): Data => ({
  ...terms,
  targetedUnits: (terms.targetedUnits as Data[]).map((unit) => ({
    ...unit,
    knowledge: unit.knowledge ?? [],
    skills: unit.skills ?? [],
    competence: unit.competence ?? [],
  })),
});

/** MobilityPlanned: the plan's terms. */
const planQuotingStatements: Upcaster = (data) => ({
  ...data,
  terms: unitsQuotingStatements(data.terms as Data),
});

/**
 * LearningAgreementVersionDrafted: the agreement's content. Its `contentHash` stays as recorded:
 * it is what the signatories signed, the hash of the content in its recorded shape.
 */
const agreementQuotingStatements: Upcaster = (data) => ({
  ...data,
  content: unitsQuotingStatements(data.content as Data),
});

/** Recorded Mobility events back into typed events (see shared/codec.ts). */
export const mobilityCodec = eventCodec<MobilityEvent>('Mobility', TYPES, {
  MobilityPlanned: { 1: planQuotingStatements },
  LearningAgreementVersionDrafted: { 1: agreementQuotingStatements },
});
