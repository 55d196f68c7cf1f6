/**
 * A call for mobility candidates (stream `Call-<callId>`): one sending institution, one host, one
 * country and one placement, so that every team formed in it is a team per country and placement.
 */

export type SelectionDecision = 'selected' | 'reserve' | 'rejected';
export type BriefingTopic = 'learning-outcomes' | 'assessment' | 'recognition' | 'practicalities';

/** The learner as they applied (personal). Every field but `learnerId` is personal (encrypted at rest). */
export interface Applicant {
  learnerId: string;
  name: string;
  /** ISO date. */
  dateOfBirth: string;
  email: string;
  phone?: string;
}

/** An integer score from 0 to 10, with an optional note (personal: it judges the learner). */
export interface SelectionScore {
  score: number;
  note?: string;
}

export interface CallOpened {
  type: 'CallOpened';
  data: {
    callId: string;
    partnershipId: string;
    sendingInstitutionId: string;
    hostInstitutionId: string;
    /** ISO 3166-1 alpha-2. */
    country: string;
    /** The company or school, and the workplace. */
    placement: string;
    qualificationId: string;
    places: number;
    /** ISO dates: the last day to apply; the planned start of the mobilities. */
    applicationDeadline: string;
    plannedStart: string;
    openedAt: string;
  };
}

export interface ApplicationSubmitted {
  type: 'ApplicationSubmitted';
  data: {
    callId: string;
    applicationId: string;
    learner: Applicant;
    motivation: string;
    submittedAt: string;
  };
}

export interface ApplicationEvaluated {
  type: 'ApplicationEvaluated';
  data: {
    callId: string;
    applicationId: string;
    learnerId: string;
    evaluatorId: string;
    priorLearning: SelectionScore;
    socialSkills: SelectionScore;
    personalQualities: SelectionScore;
    evaluatedAt: string;
  };
}

export interface InterviewRecorded {
  type: 'InterviewRecorded';
  data: {
    callId: string;
    applicationId: string;
    learnerId: string;
    interviewers: string[];
    /** ISO date. */
    heldOn: string;
    notes: string;
    languageSkills?: string;
    recordedAt: string;
  };
}

export interface ApplicationDecided {
  type: 'ApplicationDecided';
  data: {
    callId: string;
    applicationId: string;
    learnerId: string;
    decision: SelectionDecision;
    /** Set when a reserve is promoted to selected: the only change a decision allows. */
    previousDecision?: 'reserve';
    reasons: string;
    decidedBy: string;
    decidedAt: string;
  };
}

export interface ApplicationWithdrawn {
  type: 'ApplicationWithdrawn';
  data: {
    callId: string;
    applicationId: string;
    learnerId: string;
    reason: string;
    /** True when the application was selected: a reserve may now be promoted. */
    freesPlace: boolean;
    withdrawnAt: string;
  };
}

export interface TeamFormed {
  type: 'TeamFormed';
  data: {
    callId: string;
    teamId: string;
    name: string;
    /** The call's country and placement, copied so that read models need not join. */
    country: string;
    placement: string;
    applicationIds: string[];
    mentorName?: string;
    formedAt: string;
  };
}

export interface LearnerBriefed {
  type: 'LearnerBriefed';
  data: {
    callId: string;
    applicationId: string;
    learnerId: string;
    topics: BriefingTopic[];
    briefedBy: string;
    /** ISO date. */
    heldOn: string;
    briefedAt: string;
  };
}

export interface BriefingAcknowledged {
  type: 'BriefingAcknowledged';
  data: { callId: string; applicationId: string; learnerId: string; acknowledgedAt: string };
}

export interface CallClosed {
  type: 'CallClosed';
  data: { callId: string; closedAt: string };
}

export type CallEvent =
  | CallOpened
  | ApplicationSubmitted
  | ApplicationEvaluated
  | InterviewRecorded
  | ApplicationDecided
  | ApplicationWithdrawn
  | TeamFormed
  | LearnerBriefed
  | BriefingAcknowledged
  | CallClosed;

/**
 * The personal fields of an event, for the store to encrypt under the learner's key: the learner's
 * identity and contacts, and the free text written by or about them (motivation, evaluation and
 * interview notes, decision and withdrawal reasons), so that forgetting the learner erases all of
 * it. Paths are dot-paths inside `data`, listed only when present.
 */
export function callPersonalFields(
  event: CallEvent,
): { subject: string; fields: string[] } | undefined {
  const personal = (learnerId: string, fields: Array<string | false>) => {
    const present = fields.filter((field): field is string => field !== false);
    return present.length === 0 ? undefined : { subject: `learner-${learnerId}`, fields: present };
  };
  switch (event.type) {
    case 'ApplicationSubmitted': {
      const { learner } = event.data;
      return personal(learner.learnerId, [
        'learner.name',
        'learner.dateOfBirth',
        'learner.email',
        learner.phone !== undefined && 'learner.phone',
        'motivation',
      ]);
    }
    case 'ApplicationEvaluated': {
      const { data } = event;
      return personal(
        data.learnerId,
        (['priorLearning', 'socialSkills', 'personalQualities'] as const).map(
          (criterion) => data[criterion].note !== undefined && `${criterion}.note`,
        ),
      );
    }
    case 'InterviewRecorded':
      return personal(event.data.learnerId, [
        'notes',
        event.data.languageSkills !== undefined && 'languageSkills',
      ]);
    case 'ApplicationDecided':
      return personal(event.data.learnerId, ['reasons']);
    case 'ApplicationWithdrawn':
      return personal(event.data.learnerId, ['reason']);
    default:
      return undefined;
  }
}
