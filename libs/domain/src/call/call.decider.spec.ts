import fc from 'fast-check';
import { givenFor } from '../../test/given';
import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import type { CallCommand } from './call.commands';
import { callDecider } from './call.decider';
import type { CallEvent, SelectionDecision } from './call.events';
import { CallRules as R } from './call.errors';

const given = givenFor(callDecider);
type Command<T extends CallCommand['type']> = Extract<CallCommand, { type: T }>;

const AT = '2027-01-20T09:00:00.000Z';
const call = {
  callId: 'call-1',
  partnershipId: 'p-1',
  sendingInstitutionId: 'inst-rvt',
  hostInstitutionId: 'inst-nokka',
  country: 'FI',
  placement: 'Ravintola Nokka, Helsinki: main kitchen',
  qualificationId: 'cook-3',
  places: 1,
  applicationDeadline: '2027-02-01',
  plannedStart: '2027-04-05',
};
const opened: CallEvent = { type: 'CallOpened', data: { ...call, openedAt: AT } };
const learner = (n: number) => ({
  learnerId: `l-${n}`,
  name: `Learner ${n}`,
  dateOfBirth: '2008-05-10',
  email: `l${n}@example.lv`,
});
const ids = (n: number) => ({ callId: 'call-1', applicationId: `a-${n}`, learnerId: `l-${n}` });

const submit = (n: number): Command<'SubmitApplication'> => ({
  type: 'SubmitApplication',
  data: { applicationId: `a-${n}`, learner: learner(n), motivation: 'I want to cook vegan' },
  at: AT,
});
const evaluation = { evaluatorId: 'teacher-1', priorLearning: { score: 7 } };
const evaluate = (n: number, score = 8): CallCommand => ({
  type: 'EvaluateApplication',
  data: {
    applicationId: `a-${n}`,
    ...evaluation,
    socialSkills: { score, note: 'works well in a team' },
    personalQualities: { score: 9 },
  },
  at: AT,
});
const interview = (n: number, heldOn = '2027-02-03'): Command<'RecordInterview'> => ({
  type: 'RecordInterview',
  data: { applicationId: `a-${n}`, interviewers: ['Ilze Ozola'], heldOn, notes: 'motivated' },
  at: '2027-02-03T15:00:00.000Z',
});
const decide = (n: number, decision: SelectionDecision, reasons = 'scores'): CallCommand => ({
  type: 'DecideApplication',
  data: { applicationId: `a-${n}`, decision, reasons, decidedBy: 'coordinator-1' },
  at: '2027-02-04T10:00:00.000Z',
});
const withdraw = (n: number): Command<'WithdrawApplication'> => ({
  type: 'WithdrawApplication',
  data: { applicationId: `a-${n}`, reason: 'family reasons' },
  at: '2027-02-10T10:00:00.000Z',
});

/** The events a sequence of commands records, from a history (each must be accepted). */
function history(...commands: CallCommand[]): CallEvent[] {
  const events: CallEvent[] = [];
  if (commands[0]?.type !== 'OpenCall') events.push(opened);
  for (const c of commands) events.push(...callDecider.decide(c, fold(callDecider, events)));
  return events;
}
const ready = (n: number) => [submit(n), evaluate(n), interview(n)];

describe('Call: opening', () => {
  const open: CallCommand = { type: 'OpenCall', data: call, at: AT };
  it('opens a call for a country and placement', () => given([]).when(open).then([opened]));
  it('opening it again identically records nothing', () => given([opened]).when(open).then([]));
  it('opening it again with other details is refused', () =>
    given([opened])
      .when({ ...open, data: { ...call, places: 3 } })
      .thenRejects(R.AlreadyOpen));
  it('needs an ISO country code', () =>
    given([])
      .when({ ...open, data: { ...call, country: 'Finland' } })
      .thenRejects(R.CountryIsIso));
  it('offers a whole number of places, at least one', () => {
    given([])
      .when({ ...open, data: { ...call, places: 0 } })
      .thenRejects(R.PlacesAtLeastOne);
    given([])
      .when({ ...open, data: { ...call, places: 1.5 } })
      .thenRejects(R.PlacesAtLeastOne);
  });
  it('needs ISO dates', () =>
    given([])
      .when({ ...open, data: { ...call, plannedStart: '05/04/2027' } })
      .thenRejects(R.DatesAreIso));
  it('closes applications no later than the planned start', () =>
    given([])
      .when({ ...open, data: { ...call, applicationDeadline: '2027-04-06' } })
      .thenRejects(R.DeadlineNotAfterStart));
});

describe('Call: applications', () => {
  const submitted: CallEvent = {
    type: 'ApplicationSubmitted',
    data: {
      callId: 'call-1',
      applicationId: 'a-1',
      learner: learner(1),
      motivation: 'I want to cook vegan',
      submittedAt: AT,
    },
  };
  it('records an application', () => given([opened]).when(submit(1)).then([submitted]));
  it('cannot apply to a call that was never opened', () =>
    given([]).when(submit(1)).thenRejects(R.MustExist));
  it('submitting the same application again records nothing, even after the deadline', () =>
    given([opened, submitted])
      .when({ ...submit(1), at: '2027-03-01T10:00:00.000Z' })
      .then([]));
  it('an application id is not reused for other content', () =>
    given([opened, submitted])
      .when({ ...submit(1), data: { ...submit(1).data, motivation: 'other' } })
      .thenRejects(R.ApplicationIdTaken));
  it('a learner applies once per call', () =>
    given([opened, submitted])
      .when({ ...submit(2), data: { ...submit(2).data, learner: learner(1) } })
      .thenRejects(R.OneApplicationPerLearner));
  it('accepts applications on the deadline day', () =>
    given([opened])
      .when({ ...submit(1), at: '2027-02-01T23:59:59.000Z' })
      .thenMatches([{ type: 'ApplicationSubmitted' }]));
  it('refuses applications after the deadline', () =>
    given([opened])
      .when({ ...submit(1), at: '2027-02-02T00:00:00.000Z' })
      .thenRejects(R.DeadlinePassed));
  it('refuses applications once the call is closed', () =>
    given([opened, { type: 'CallClosed', data: { callId: 'call-1', closedAt: AT } }])
      .when(submit(1))
      .thenRejects(R.Closed));
  it('needs the date of birth as an ISO date', () =>
    given([opened])
      .when({
        ...submit(1),
        data: { ...submit(1).data, learner: { ...learner(1), dateOfBirth: '10.05.2008' } },
      })
      .thenRejects(R.DatesAreIso));
});

describe('Call: evaluation and interview', () => {
  it('evaluates preparation, social skills and personal qualities', () =>
    given(history(submit(1)))
      .when(evaluate(1))
      .then([
        {
          type: 'ApplicationEvaluated',
          data: {
            ...ids(1),
            ...evaluation,
            socialSkills: { score: 8, note: 'works well in a team' },
            personalQualities: { score: 9 },
            evaluatedAt: AT,
          },
        },
      ]));
  it('scores are whole numbers from 0 to 10', () => {
    given(history(submit(1)))
      .when(evaluate(1, 11))
      .thenRejects(R.ScoreRange);
    given(history(submit(1)))
      .when(evaluate(1, -1))
      .thenRejects(R.ScoreRange);
    given(history(submit(1)))
      .when(evaluate(1, 7.5))
      .thenRejects(R.ScoreRange);
  });
  it('re-evaluating before the decision records a new evaluation', () =>
    given(history(submit(1), evaluate(1)))
      .when(evaluate(1, 6))
      .thenMatches([{ type: 'ApplicationEvaluated' }]));
  it('the same evaluation again records nothing', () =>
    given(history(submit(1), evaluate(1)))
      .when(evaluate(1))
      .then([]));
  it('evaluation is closed once the application is decided', () =>
    given(history(...ready(1), decide(1, 'reserve')))
      .when(evaluate(1, 3))
      .thenRejects(R.AssessmentClosedAfterDecision));
  it('cannot evaluate an unknown application', () =>
    given([opened]).when(evaluate(1)).thenRejects(R.ApplicationMustExist));
  it('cannot evaluate a withdrawn application', () =>
    given(history(submit(1), withdraw(1)))
      .when(evaluate(1))
      .thenRejects(R.ApplicationWithdrawn));
  it('records an interview', () =>
    given(history(submit(1)))
      .when(interview(1))
      .then([
        {
          type: 'InterviewRecorded',
          data: {
            ...ids(1),
            interviewers: ['Ilze Ozola'],
            heldOn: '2027-02-03',
            notes: 'motivated',
            recordedAt: '2027-02-03T15:00:00.000Z',
          },
        },
      ]));
  it('an interview has at least one interviewer', () =>
    given(history(submit(1)))
      .when({ ...interview(1), data: { ...interview(1).data, interviewers: [] } })
      .thenRejects(R.InterviewNeedsInterviewer));
  it('an interview is recorded once it was held, not before', () =>
    given(history(submit(1)))
      .when(interview(1, '2027-02-04'))
      .thenRejects(R.NotInFuture));
  it('the same interview again records nothing', () =>
    given(history(submit(1), interview(1)))
      .when(interview(1))
      .then([]));
});

describe('Call: decisions', () => {
  it('selects an evaluated and interviewed candidate', () =>
    given(history(...ready(1)))
      .when(decide(1, 'selected'))
      .then([
        {
          type: 'ApplicationDecided',
          data: {
            ...ids(1),
            decision: 'selected',
            reasons: 'scores',
            decidedBy: 'coordinator-1',
            decidedAt: '2027-02-04T10:00:00.000Z',
          },
        },
      ]));
  it('a candidate is evaluated before the decision', () =>
    given(history(submit(1), interview(1)))
      .when(decide(1, 'rejected'))
      .thenRejects(R.EvaluatedBeforeDecision));
  it('every candidate is interviewed before the decision', () =>
    given(history(submit(1), evaluate(1)))
      .when(decide(1, 'rejected'))
      .thenRejects(R.InterviewedBeforeDecision));
  it('a decision states its reasons', () =>
    given(history(...ready(1)))
      .when(decide(1, 'selected', '  '))
      .thenRejects(R.DecisionNeedsReasons));
  it('the same decision again records nothing', () =>
    given(history(...ready(1), decide(1, 'selected')))
      .when(decide(1, 'selected', 'other words'))
      .then([]));
  it('no more candidates are selected than there are places', () =>
    given(history(...ready(1), ...ready(2), decide(1, 'selected')))
      .when(decide(2, 'selected'))
      .thenRejects(R.PlacesExhausted));
  it('a full call still takes reserves', () =>
    given(history(...ready(1), ...ready(2), decide(1, 'selected')))
      .when(decide(2, 'reserve'))
      .thenMatches([{ type: 'ApplicationDecided', data: { decision: 'reserve' } }]));
  it('a selection or a rejection is final', () => {
    given(history(...ready(1), decide(1, 'selected')))
      .when(decide(1, 'rejected'))
      .thenRejects(R.DecisionIsFinal);
    given(history(...ready(1), decide(1, 'rejected')))
      .when(decide(1, 'selected'))
      .thenRejects(R.DecisionIsFinal);
  });
  it('a reserve is not rejected afterwards', () =>
    given(history(...ready(1), decide(1, 'reserve')))
      .when(decide(1, 'rejected'))
      .thenRejects(R.DecisionIsFinal));
  it('a reserve waits while every place is taken', () =>
    given(history(...ready(1), ...ready(2), decide(1, 'selected'), decide(2, 'reserve')))
      .when(decide(2, 'selected'))
      .thenRejects(R.PlacesExhausted));
  it('withdrawing a selected candidate frees the place', () =>
    given(history(...ready(1), decide(1, 'selected')))
      .when(withdraw(1))
      .then([
        {
          type: 'ApplicationWithdrawn',
          data: {
            ...ids(1),
            reason: 'family reasons',
            freesPlace: true,
            withdrawnAt: '2027-02-10T10:00:00.000Z',
          },
        },
      ]));
  it('a reserve is promoted to a freed place', () =>
    given(
      history(...ready(1), ...ready(2), decide(1, 'selected'), decide(2, 'reserve'), withdraw(1)),
    )
      .when(decide(2, 'selected'))
      .thenMatches([
        {
          type: 'ApplicationDecided',
          data: { decision: 'selected', previousDecision: 'reserve' },
        },
      ]));
  it('withdrawing again records nothing', () =>
    given(history(submit(1), withdraw(1)))
      .when(withdraw(1))
      .then([]));
  it('a withdrawal states its reason', () =>
    given(history(submit(1)))
      .when({ ...withdraw(1), data: { applicationId: 'a-1', reason: '' } })
      .thenRejects(R.WithdrawalNeedsReason));
  it('decides after the call is closed: the deadline comes first, then the selection', () =>
    given(history(...ready(1), { type: 'CloseCall', data: {}, at: '2027-02-02T08:00:00.000Z' }))
      .when(decide(1, 'selected'))
      .thenMatches([{ type: 'ApplicationDecided' }]));
});

describe('Call: places', () => {
  const step = fc.record({
    // Withdrawals are rare: each ends an application, and freeing places is what they test.
    kind: fc.oneof(
      { arbitrary: fc.constantFrom('evaluate', 'interview', 'decide'), weight: 12 },
      { arbitrary: fc.constant('withdraw'), weight: 1 },
    ),
    n: fc.nat(),
    decision: fc.constantFrom<SelectionDecision>('selected', 'reserve', 'rejected'),
  });
  const toCommand = ({
    kind,
    n,
    decision,
  }: {
    kind: string;
    n: number;
    decision: SelectionDecision;
  }): CallCommand =>
    kind === 'evaluate'
      ? evaluate(n)
      : kind === 'interview'
        ? interview(n)
        : kind === 'decide'
          ? decide(n, decision)
          : withdraw(n);
  const scenario = fc.record({
    places: fc.integer({ min: 1, max: 3 }),
    applications: fc.integer({ min: 1, max: 5 }),
    steps: fc.array(step, { minLength: 10, maxLength: 80, size: 'max' }),
  });

  it('never selects more candidates than places, whatever the order of commands', () =>
    fc.assert(
      fc.property(scenario, ({ places, applications, steps }) => {
        const submissions = Array.from({ length: applications }, (_, i) => submit(i + 1));
        let events = history(
          { type: 'OpenCall', data: { ...call, places }, at: AT },
          ...submissions,
        );
        for (const s of steps) {
          const command = toCommand({ ...s, n: (s.n % applications) + 1 });
          try {
            events = [...events, ...callDecider.decide(command, fold(callDecider, events))];
          } catch (err) {
            if (!(err instanceof DomainError)) throw err;
          }
          const state = fold(callDecider, events);
          if (state.status === 'none') throw new Error('the call must stay open');
          const selected = [...state.applications.values()].filter(
            (a) => a.decision === 'selected' && !a.withdrawn,
          );
          expect(selected.length).toBeLessThanOrEqual(places);
        }
      }),
    ));
});
