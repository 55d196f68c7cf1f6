import type {
  ApplicationEvaluated,
  ApplicationSubmitted,
  CallEvent,
  CallOpened,
  SelectionDecision,
  InterviewRecorded,
  LearnerBriefed,
  TeamFormed,
} from './call.events';

export type CallDetails = Omit<CallOpened['data'], 'openedAt'>;
export type CallApplication = Pick<
  ApplicationSubmitted['data'],
  'applicationId' | 'learner' | 'motivation'
>;
export type CallEvaluation = Omit<
  ApplicationEvaluated['data'],
  'callId' | 'learnerId' | 'evaluatedAt'
>;
export type CallInterview = Omit<InterviewRecorded['data'], 'callId' | 'learnerId' | 'recordedAt'>;
export type CallBriefing = Omit<LearnerBriefed['data'], 'callId' | 'learnerId' | 'briefedAt'>;
export type CallTeam = Omit<TeamFormed['data'], 'callId' | 'country' | 'placement' | 'formedAt'>;

export interface CallApplicationState extends CallApplication {
  /** The latest evaluation by each evaluator. */
  evaluations: Map<string, CallEvaluation>;
  interviews: CallInterview[];
  decision?: SelectionDecision;
  withdrawn: boolean;
  teamId?: string;
  briefings: CallBriefing[];
  /** Whether the learner acknowledged the latest briefing (a new briefing asks again). */
  acknowledged: boolean;
}

export type CallState =
  | { status: 'none' }
  | {
      status: 'open' | 'closed';
      call: CallDetails;
      applications: Map<string, CallApplicationState>;
      teams: Map<string, CallTeam>;
    };

export type OpenedCall = Exclude<CallState, { status: 'none' }>;

function withApplication(
  state: CallState,
  applicationId: string,
  change: (application: CallApplicationState) => Partial<CallApplicationState>,
): CallState {
  if (state.status === 'none') return state;
  const application = state.applications.get(applicationId);
  if (!application) return state;
  const applications = new Map(state.applications);
  applications.set(applicationId, { ...application, ...change(application) });
  return { ...state, applications };
}

/** Places taken: selected applications not withdrawn. */
export function selectedCount(state: OpenedCall): number {
  return [...state.applications.values()].filter((a) => a.decision === 'selected' && !a.withdrawn)
    .length;
}

export function evolveCall(state: CallState, event: CallEvent): CallState {
  switch (event.type) {
    case 'CallOpened': {
      const { openedAt: _, ...call } = event.data;
      return { status: 'open', call, applications: new Map(), teams: new Map() };
    }
    case 'ApplicationSubmitted': {
      if (state.status === 'none') return state;
      const { applicationId, learner, motivation } = event.data;
      const applications = new Map(state.applications);
      applications.set(applicationId, {
        applicationId,
        learner,
        motivation,
        evaluations: new Map(),
        interviews: [],
        withdrawn: false,
        briefings: [],
        acknowledged: false,
      });
      return { ...state, applications };
    }
    case 'ApplicationEvaluated': {
      const { callId: _c, learnerId: _l, evaluatedAt: _a, ...evaluation } = event.data;
      return withApplication(state, evaluation.applicationId, (a) => ({
        evaluations: new Map(a.evaluations).set(evaluation.evaluatorId, evaluation),
      }));
    }
    case 'InterviewRecorded': {
      const { callId: _c, learnerId: _l, recordedAt: _a, ...interview } = event.data;
      return withApplication(state, interview.applicationId, (a) => ({
        interviews: [...a.interviews, interview],
      }));
    }
    case 'ApplicationDecided':
      return withApplication(state, event.data.applicationId, () => ({
        decision: event.data.decision,
      }));
    case 'ApplicationWithdrawn':
      // The application keeps its team: TeamFormed stays the record of who was teamed up, and
      // read models drop withdrawn members.
      return withApplication(state, event.data.applicationId, () => ({ withdrawn: true }));
    case 'TeamFormed': {
      if (state.status === 'none') return state;
      const { callId: _c, country: _co, placement: _p, formedAt: _a, ...team } = event.data;
      const { teamId } = team;
      let next: CallState = { ...state, teams: new Map(state.teams).set(teamId, team) };
      for (const id of team.applicationIds) next = withApplication(next, id, () => ({ teamId }));
      return next;
    }
    case 'LearnerBriefed': {
      const { callId: _c, learnerId: _l, briefedAt: _a, ...briefing } = event.data;
      return withApplication(state, briefing.applicationId, (a) => ({
        briefings: [...a.briefings, briefing],
        acknowledged: false,
      }));
    }
    case 'BriefingAcknowledged':
      return withApplication(state, event.data.applicationId, () => ({ acknowledged: true }));
    case 'CallClosed':
      return state.status === 'none' ? state : { ...state, status: 'closed' };
  }
}
