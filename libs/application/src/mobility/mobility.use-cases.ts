import type { MobilityCommand } from '@ecvet/domain';
import type { UseCaseOf } from '../access';

/** The rule of each use case a person may run (the others are the workflow's). */
export const MOBILITY_USE_CASES: Partial<Record<MobilityCommand['type'], UseCaseOf<'Mobility'>>> = {
  PlanMobility: 'plan',
  DraftLearningAgreement: 'draftAgreement',
  AmendLearningAgreement: 'amendAgreement',
  SignLearningAgreement: 'signAgreement',
  DeclineLearningAgreement: 'declineAgreement',
  StartMobility: 'start',
  RecordMentorCheckIn: 'recordCheckIn',
  ReportIncident: 'reportIncident',
  RecordFormativeAssessment: 'recordFormativeAssessment',
  RecordFinalAssessment: 'recordFinalAssessment',
  EndMobility: 'end',
  IssueTranscript: 'issueTranscript',
  ValidateUnit: 'validateUnit',
  RecogniseUnit: 'recogniseUnit',
  IssueCertificate: 'issueCertificate',
  SubmitFeedback: 'submitFeedback',
  CompleteMobility: 'complete',
  CancelMobility: 'cancel',
  ReissueSigningLink: 'sendLink',
  DiscloseSigningLink: 'discloseLink',
};
