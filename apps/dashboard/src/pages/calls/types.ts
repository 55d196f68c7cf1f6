/** `GET /calls/{id}` (libs/application/src/views/call.view.ts) as the pages read it. */
export interface Score {
  score: number;
  note?: unknown;
}

export interface Application {
  applicationId: string;
  learner: { learnerId: string; name: unknown; dateOfBirth?: unknown; email?: unknown };
  motivation: unknown;
  evaluations: Array<{
    applicationId: string;
    evaluatorId: string;
    priorLearning: Score;
    socialSkills: Score;
    personalQualities: Score;
  }>;
  interviews: Array<{
    applicationId: string;
    interviewers: string[];
    heldOn: string;
    notes: unknown;
  }>;
  decision: 'selected' | 'reserve' | 'rejected' | 'pending';
  withdrawn: boolean;
  teamId?: string;
  briefed: boolean;
  briefingAcknowledged: boolean;
}

export interface CallView {
  callId: string;
  partnershipId: string;
  sendingInstitutionId: string;
  hostInstitutionId: string;
  country: string;
  placement: string;
  qualificationId: string;
  places: number;
  applicationDeadline: string;
  plannedStart: string;
  version: number;
  status: 'open' | 'closed';
  selected: number;
  applications: Application[];
  teams: Array<{ teamId: string; name: string; applicationIds: string[] }>;
}

export const STAGES = [
  'submitted',
  'evaluated',
  'interviewed',
  'selected',
  'reserve',
  'rejected',
  'withdrawn',
] as const;
export type Stage = (typeof STAGES)[number];

/** Where an application stands in the selection pipeline. */
export function stageOf(a: Application): Stage {
  if (a.withdrawn) return 'withdrawn';
  if (a.decision !== 'pending') return a.decision;
  if (a.interviews.length > 0) return 'interviewed';
  if (a.evaluations.length > 0) return 'evaluated';
  return 'submitted';
}

/** The mean of every evaluator's three scores (0–10), one decimal; undefined when none. */
export function meanScore(a: Application): number | undefined {
  const scores = a.evaluations.flatMap((e) => [
    e.priorLearning.score,
    e.socialSkills.score,
    e.personalQualities.score,
  ]);
  if (scores.length === 0) return undefined;
  return Math.round((scores.reduce((s, x) => s + x, 0) / scores.length) * 10) / 10;
}
