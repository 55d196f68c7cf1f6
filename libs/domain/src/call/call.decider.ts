import type { Decider } from '../shared/decider';
import { ensure } from '../shared/domain-error';
import { dateOf } from '../shared/dates';
import type { SelectionSnapshot } from '../shared/snapshots';
import type { CallCommand } from './call.commands';
import type { BriefingTopic, CallEvent } from './call.events';
import { CallRules as R } from './call.errors';
import { about, active, ensureHeldOn, ensureIsoDates, opened, same } from './call.guards';
import { evolveCall, selectedCount, type CallState, type CallTeam } from './call.state';

export type { CallApplicationState, CallState } from './call.state';

const REQUIRED_TOPICS: BriefingTopic[] = ['learning-outcomes', 'assessment', 'recognition'];
const TOPICS: BriefingTopic[] = [...REQUIRED_TOPICS, 'practicalities'];

export const callDecider: Decider<CallCommand, CallEvent, CallState> = {
  initialState: { status: 'none' },
  evolve: evolveCall,

  decide(command, state) {
    switch (command.type) {
      case 'OpenCall': {
        const call = command.data;
        ensure(/^[A-Z]{2}$/.test(call.country), R.CountryIsIso, 'country must be ISO alpha-2');
        ensure(
          Number.isInteger(call.places) && call.places >= 1,
          R.PlacesAtLeastOne,
          'a call offers at least one place',
        );
        ensureIsoDates(call.applicationDeadline, call.plannedStart);
        ensure(
          call.applicationDeadline <= call.plannedStart,
          R.DeadlineNotAfterStart,
          'the application deadline must not be after the planned start',
        );
        if (state.status !== 'none') {
          ensure(same(state.call, call), R.AlreadyOpen, `call ${call.callId} is already open`);
          return [];
        }
        return [{ type: 'CallOpened', data: { ...call, openedAt: command.at } }];
      }
      case 'SubmitApplication': {
        const call = opened(state);
        const { applicationId, learner, motivation } = command.data;
        ensureIsoDates(learner.dateOfBirth);
        const existing = call.applications.get(applicationId);
        if (existing) {
          ensure(
            same(
              { learner: existing.learner, motivation: existing.motivation },
              { learner, motivation },
            ),
            R.ApplicationIdTaken,
            `application ${applicationId} exists with other content`,
          );
          return [];
        }
        ensure(call.status === 'open', R.Closed, 'the call is closed to applications');
        ensure(
          dateOf(command.at) <= call.call.applicationDeadline,
          R.DeadlinePassed,
          `the deadline was ${call.call.applicationDeadline}`,
        );
        ensure(
          ![...call.applications.values()].some((a) => a.learner.learnerId === learner.learnerId),
          R.OneApplicationPerLearner,
          `learner ${learner.learnerId} has already applied to this call`,
        );
        return [
          {
            type: 'ApplicationSubmitted',
            data: {
              callId: call.call.callId,
              applicationId,
              learner,
              motivation,
              submittedAt: command.at,
            },
          },
        ];
      }
      case 'EvaluateApplication': {
        const call = opened(state);
        const evaluation = command.data;
        const application = active(call, evaluation.applicationId);
        for (const criterion of ['priorLearning', 'socialSkills', 'personalQualities'] as const) {
          const { score } = evaluation[criterion];
          ensure(
            Number.isInteger(score) && score >= 0 && score <= 10,
            R.ScoreRange,
            `${criterion} must be scored 0 to 10`,
            { criterion, score },
          );
        }
        if (same(application.evaluations.get(evaluation.evaluatorId), evaluation)) return [];
        ensure(
          application.decision === undefined,
          R.AssessmentClosedAfterDecision,
          'the application is decided',
        );
        return [
          {
            type: 'ApplicationEvaluated',
            data: {
              ...about(call, application),
              ...evaluation,
              evaluatedAt: command.at,
            },
          },
        ];
      }
      case 'RecordInterview': {
        const call = opened(state);
        const interview = command.data;
        const application = active(call, interview.applicationId);
        ensure(
          interview.interviewers.length >= 1 && interview.interviewers.every((i) => i.trim()),
          R.InterviewNeedsInterviewer,
          'an interview needs at least one interviewer',
        );
        ensureHeldOn(interview.heldOn, command.at);
        if (application.interviews.some((i) => same(i, interview))) return [];
        ensure(
          application.decision === undefined,
          R.AssessmentClosedAfterDecision,
          'the application is decided',
        );
        return [
          {
            type: 'InterviewRecorded',
            data: {
              ...about(call, application),
              ...interview,
              recordedAt: command.at,
            },
          },
        ];
      }
      case 'DecideApplication': {
        const call = opened(state);
        const { applicationId, decision, reasons, decidedBy } = command.data;
        const application = active(call, applicationId);
        ensure(reasons.trim(), R.DecisionNeedsReasons, 'a decision states its reasons');
        // Already decided so: the decision stands, whatever the reasons given this time.
        if (application.decision === decision) return [];
        const promotion = application.decision === 'reserve' && decision === 'selected';
        ensure(
          application.decision === undefined || promotion,
          R.DecisionIsFinal,
          `application ${applicationId} is already ${application.decision}; only a reserve can be selected`,
        );
        ensure(application.evaluations.size > 0, R.EvaluatedBeforeDecision, 'evaluate first');
        ensure(application.interviews.length > 0, R.InterviewedBeforeDecision, 'interview first');
        if (decision === 'selected')
          ensure(
            selectedCount(call) < call.call.places,
            R.PlacesExhausted,
            `all ${call.call.places} places are taken`,
          );
        return [
          {
            type: 'ApplicationDecided',
            data: {
              ...about(call, application),
              decision,
              ...(promotion && { previousDecision: 'reserve' as const }),
              reasons,
              decidedBy,
              decidedAt: command.at,
            },
          },
        ];
      }
      case 'WithdrawApplication': {
        const call = opened(state);
        const { applicationId, reason } = command.data;
        const application = call.applications.get(applicationId);
        ensure(application, R.ApplicationMustExist, `application ${applicationId} does not exist`);
        if (application.withdrawn) return [];
        ensure(reason.trim(), R.WithdrawalNeedsReason, 'a withdrawal states its reason');
        return [
          {
            type: 'ApplicationWithdrawn',
            data: {
              ...about(call, application),
              reason,
              freesPlace: application.decision === 'selected',
              withdrawnAt: command.at,
            },
          },
        ];
      }
      case 'FormTeam': {
        const call = opened(state);
        const { teamId, name, mentorName } = command.data;
        const applicationIds = [...new Set(command.data.applicationIds)];
        ensure(applicationIds.length >= 1, R.TeamNeedsMembers, 'a team needs a member');
        const team: CallTeam = {
          teamId,
          name,
          applicationIds,
          ...(mentorName !== undefined && { mentorName }),
        };
        const existing = call.teams.get(teamId);
        if (existing) {
          const sorted = (t: CallTeam) => ({ ...t, applicationIds: [...t.applicationIds].sort() });
          ensure(same(sorted(existing), sorted(team)), R.TeamIdTaken, `team ${teamId} exists`);
          return [];
        }
        for (const id of applicationIds) {
          const application = active(call, id);
          ensure(
            application.decision === 'selected',
            R.TeamOnlySelected,
            `application ${id} is not selected`,
            { applicationId: id },
          );
          ensure(
            application.teamId === undefined,
            R.OneTeamPerApplication,
            `application ${id} is already in team ${application.teamId}`,
            { applicationId: id, teamId: application.teamId },
          );
        }
        const { country, placement, callId } = call.call;
        return [
          {
            type: 'TeamFormed',
            data: { callId, ...team, country, placement, formedAt: command.at },
          },
        ];
      }
      case 'BriefLearner': {
        const call = opened(state);
        const briefing = command.data;
        const application = active(call, briefing.applicationId);
        ensure(
          application.decision === 'selected',
          R.BriefingOnlySelected,
          'only selected learners are briefed',
        );
        ensure(
          REQUIRED_TOPICS.every((t) => briefing.topics.includes(t)) &&
            briefing.topics.every((t) => TOPICS.includes(t)),
          R.BriefingCoversOutcomesAssessmentRecognition,
          'a briefing covers the learning outcomes, their assessment and their recognition',
          { topics: briefing.topics },
        );
        ensureHeldOn(briefing.heldOn, command.at);
        if (application.briefings.some((b) => same(b, briefing))) return [];
        return [
          {
            type: 'LearnerBriefed',
            data: {
              ...about(call, application),
              ...briefing,
              briefedAt: command.at,
            },
          },
        ];
      }
      case 'AcknowledgeBriefing': {
        const call = opened(state);
        const { applicationId } = command.data;
        const application = active(call, applicationId);
        ensure(
          application.briefings.length > 0,
          R.BriefingBeforeAcknowledgement,
          'the learner has not been briefed',
        );
        if (application.acknowledged) return [];
        return [
          {
            type: 'BriefingAcknowledged',
            data: { ...about(call, application), acknowledgedAt: command.at },
          },
        ];
      }
      case 'CloseCall': {
        const call = opened(state);
        if (call.status === 'closed') return [];
        return [{ type: 'CallClosed', data: { callId: call.call.callId, closedAt: command.at } }];
      }
    }
  },
};

/**
 * What the Mobility aggregate needs to know of a selection. A withdrawn application reads as
 * `rejected` (the learner will not go) and never as acknowledged.
 */
export function toSelectionSnapshot(
  state: CallState,
  applicationId: string,
): SelectionSnapshot | undefined {
  if (state.status === 'none') return undefined;
  const application = state.applications.get(applicationId);
  if (!application) return undefined;
  return {
    callId: state.call.callId,
    applicationId,
    learnerId: application.learner.learnerId,
    decision: application.withdrawn ? 'rejected' : (application.decision ?? 'pending'),
    briefingAcknowledged: !application.withdrawn && application.acknowledged,
  };
}
