import type { CallState } from '@ecvet/domain';

export function callView(state: CallState, version: number) {
  if (state.status === 'none') return undefined;
  const applications = [...state.applications.values()];
  return {
    ...state.call,
    version,
    status: state.status,
    selected: applications.filter((a) => a.decision === 'selected' && !a.withdrawn).length,
    applications: applications.map((a) => ({
      applicationId: a.applicationId,
      learner: a.learner,
      motivation: a.motivation,
      evaluations: [...a.evaluations.values()],
      interviews: a.interviews,
      decision: a.decision ?? 'pending',
      withdrawn: a.withdrawn,
      teamId: a.teamId,
      briefed: a.briefings.length > 0,
      briefingAcknowledged: a.acknowledged,
    })),
    teams: [...state.teams.values()],
  };
}
