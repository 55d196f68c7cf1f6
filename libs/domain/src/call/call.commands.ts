import type { Command, CommandOf, RequestOf } from '../shared/command';
import type { ApplicationDecided } from './call.events';
import type {
  CallApplication,
  CallBriefing,
  CallDetails,
  CallEvaluation,
  CallInterview,
  CallTeam,
} from './call.state';

/** Candidate selection: a call, its applications, evaluations, interviews, decisions, teams. */
export type CallCommand =
  | Command<'OpenCall', CallDetails>
  | Command<'SubmitApplication', CallApplication>
  | Command<'EvaluateApplication', CallEvaluation>
  | Command<'RecordInterview', CallInterview>
  | Command<
      'DecideApplication',
      Pick<ApplicationDecided['data'], 'applicationId' | 'decision' | 'reasons' | 'decidedBy'>
    >
  | Command<'WithdrawApplication', { applicationId: string; reason: string }>
  | Command<'FormTeam', CallTeam>
  | Command<'BriefLearner', CallBriefing>
  | Command<'AcknowledgeBriefing', { applicationId: string }>
  | Command<'CloseCall', Record<string, never>>;

export type CallCommandOf<T extends CallCommand['type']> = CommandOf<CallCommand, T>;
/** What a caller sends: the call's id is the address (`OpenCall` names it in its details). */
export type CallRequest<T extends CallCommand['type']> = RequestOf<CallCommandOf<T>, never>;
