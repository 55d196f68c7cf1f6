import { givenFor } from '../../test/given';
import { fold } from '../shared/decider';
import type { CallCommand } from './call.commands';
import { callDecider, toSelectionSnapshot } from './call.decider';
import {
  callPersonalFields,
  type BriefingTopic,
  type CallEvent,
  type SelectionDecision,
} from './call.events';
import { CallRules as R } from './call.errors';

const given = givenFor(callDecider);

const AT = '2027-02-20T09:00:00.000Z';
const open: CallCommand = {
  type: 'OpenCall',
  data: {
    callId: 'call-1',
    partnershipId: 'p-1',
    sendingInstitutionId: 'inst-rvt',
    hostInstitutionId: 'inst-nokka',
    country: 'FI',
    placement: 'Ravintola Nokka, Helsinki: main kitchen',
    qualificationId: 'cook-3',
    places: 2,
    applicationDeadline: '2027-02-01',
    plannedStart: '2027-04-05',
  },
  at: '2027-01-10T09:00:00.000Z',
};
const ids = (n: number) => ({ callId: 'call-1', applicationId: `a-${n}`, learnerId: `l-${n}` });
/** Submitted, evaluated, interviewed and decided. */
const candidate = (n: number, decision: SelectionDecision): CallCommand[] => [
  {
    type: 'SubmitApplication',
    data: {
      applicationId: `a-${n}`,
      learner: { learnerId: `l-${n}`, name: `L ${n}`, dateOfBirth: '2008-05-10', email: 'l@x.lv' },
      motivation: 'vegan cooking',
    },
    at: '2027-01-20T09:00:00.000Z',
  },
  {
    type: 'EvaluateApplication',
    data: {
      applicationId: `a-${n}`,
      evaluatorId: 'teacher-1',
      priorLearning: { score: 7 },
      socialSkills: { score: 8 },
      personalQualities: { score: 9 },
    },
    at: '2027-02-02T09:00:00.000Z',
  },
  {
    type: 'RecordInterview',
    data: { applicationId: `a-${n}`, interviewers: ['Ilze'], heldOn: '2027-02-03', notes: 'ok' },
    at: '2027-02-03T15:00:00.000Z',
  },
  {
    type: 'DecideApplication',
    data: { applicationId: `a-${n}`, decision, reasons: 'scores', decidedBy: 'coordinator-1' },
    at: '2027-02-04T10:00:00.000Z',
  },
];
/** `base` followed by the events the commands record (each must be accepted). */
const after = (base: CallEvent[], ...commands: CallCommand[]): CallEvent[] =>
  commands.reduce(
    (events, c) => [...events, ...callDecider.decide(c, fold(callDecider, events))],
    base,
  );
const selected = after([], open, ...candidate(1, 'selected'), ...candidate(2, 'selected'));

const formTeam = (applicationIds: string[], teamId = 't-1'): CallCommand => ({
  type: 'FormTeam',
  data: { teamId, name: 'Helsinki kitchen, April', applicationIds, mentorName: 'Aino Virtanen' },
  at: AT,
});
const brief = (
  n: number,
  topics: BriefingTopic[] = ['learning-outcomes', 'assessment', 'recognition'],
): CallCommand => ({
  type: 'BriefLearner',
  data: { applicationId: `a-${n}`, topics, briefedBy: 'coordinator-1', heldOn: '2027-02-20' },
  at: AT,
});
const acknowledge = (n: number): CallCommand => ({
  type: 'AcknowledgeBriefing',
  data: { applicationId: `a-${n}` },
  at: '2027-02-21T18:00:00.000Z',
});

describe('Call: teams per country and placement', () => {
  it('forms a team of selected candidates for the call’s country and placement', () =>
    given(selected)
      .when(formTeam(['a-1', 'a-2']))
      .then([
        {
          type: 'TeamFormed',
          data: {
            callId: 'call-1',
            teamId: 't-1',
            name: 'Helsinki kitchen, April',
            applicationIds: ['a-1', 'a-2'],
            mentorName: 'Aino Virtanen',
            country: 'FI',
            placement: 'Ravintola Nokka, Helsinki: main kitchen',
            formedAt: AT,
          },
        },
      ]));
  it('a team has members', () =>
    given(selected).when(formTeam([])).thenRejects(R.TeamNeedsMembers));
  it('a team holds only selected candidates', () =>
    given(after([], open, ...candidate(1, 'selected'), ...candidate(2, 'reserve')))
      .when(formTeam(['a-1', 'a-2']))
      .thenRejects(R.TeamOnlySelected));
  it('a candidate is in at most one team', () =>
    given(after(selected, formTeam(['a-1'])))
      .when(formTeam(['a-1', 'a-2'], 't-2'))
      .thenRejects(R.OneTeamPerApplication));
  it('forming the same team again records nothing, whatever the order of its members', () =>
    given(after(selected, formTeam(['a-1', 'a-2'])))
      .when(formTeam(['a-2', 'a-1']))
      .then([]));
  it('a team id is not reused for other members', () =>
    given(after(selected, formTeam(['a-1'])))
      .when(formTeam(['a-2']))
      .thenRejects(R.TeamIdTaken));
});

describe('Call: briefing the selected learners', () => {
  it('briefs a selected learner on the outcomes, their assessment and recognition', () =>
    given(selected)
      .when(brief(1, ['learning-outcomes', 'assessment', 'recognition', 'practicalities']))
      .then([
        {
          type: 'LearnerBriefed',
          data: {
            ...ids(1),
            topics: ['learning-outcomes', 'assessment', 'recognition', 'practicalities'],
            briefedBy: 'coordinator-1',
            heldOn: '2027-02-20',
            briefedAt: AT,
          },
        },
      ]));
  it('a briefing covers the learning outcomes, assessment and recognition', () =>
    given(selected)
      .when(brief(1, ['learning-outcomes', 'assessment', 'practicalities']))
      .thenRejects(R.BriefingCoversOutcomesAssessmentRecognition));
  it('only selected learners are briefed', () =>
    given(after([], open, ...candidate(1, 'reserve')))
      .when(brief(1))
      .thenRejects(R.BriefingOnlySelected));
  it('the same briefing again records nothing', () =>
    given(after(selected, brief(1)))
      .when(brief(1))
      .then([]));
  it('the learner acknowledges the briefing', () =>
    given(after(selected, brief(1)))
      .when(acknowledge(1))
      .then([
        {
          type: 'BriefingAcknowledged',
          data: { ...ids(1), acknowledgedAt: '2027-02-21T18:00:00.000Z' },
        },
      ]));
  it('a learner cannot acknowledge a briefing that has not been held', () =>
    given(selected).when(acknowledge(1)).thenRejects(R.BriefingBeforeAcknowledgement));
  it('acknowledging again records nothing', () =>
    given(after(selected, brief(1), acknowledge(1)))
      .when(acknowledge(1))
      .then([]));
  it('a new briefing asks for a new acknowledgement', () =>
    given(
      after(
        selected,
        brief(1),
        acknowledge(1),
        brief(1, ['learning-outcomes', 'assessment', 'recognition', 'practicalities']),
      ),
    )
      .when(acknowledge(1))
      .thenMatches([{ type: 'BriefingAcknowledged' }]));
});

describe('Call: closing', () => {
  const close: CallCommand = { type: 'CloseCall', data: {}, at: AT };
  it('closes the call', () =>
    given(selected)
      .when(close)
      .then([{ type: 'CallClosed', data: { callId: 'call-1', closedAt: AT } }]));
  it('closing again records nothing', () => given(after(selected, close)).when(close).then([]));
  it('a call never opened cannot be closed', () => given([]).when(close).thenRejects(R.MustExist));
});

describe('Call: personal data', () => {
  const submitted = selected.find((e) => e.type === 'ApplicationSubmitted')!;
  it('encrypts the learner’s identity and motivation under the learner’s key', () =>
    expect(callPersonalFields(submitted)).toEqual({
      subject: 'learner-l-1',
      fields: ['learner.name', 'learner.dateOfBirth', 'learner.email', 'motivation'],
    }));
  it('lists the phone only when the learner gave one', () => {
    if (submitted.type !== 'ApplicationSubmitted') throw new Error('fixture');
    const withPhone = {
      ...submitted,
      data: { ...submitted.data, learner: { ...submitted.data.learner, phone: '+371 2000 0000' } },
    };
    expect(callPersonalFields(withPhone)?.fields).toContain('learner.phone');
  });
  it('encrypts the notes and reasons written about the learner', () => {
    const fieldsOf = (type: CallEvent['type']) =>
      callPersonalFields(selected.find((e) => e.type === type)!);
    expect(fieldsOf('InterviewRecorded')).toEqual({ subject: 'learner-l-1', fields: ['notes'] });
    expect(fieldsOf('ApplicationDecided')).toEqual({ subject: 'learner-l-1', fields: ['reasons'] });
    // This evaluation has scores but no notes: nothing personal to encrypt.
    expect(fieldsOf('ApplicationEvaluated')).toBeUndefined();
  });
  it('events without personal data have no personal fields', () =>
    expect(callPersonalFields(selected[0])).toBeUndefined());
});

describe('Call: selection snapshot', () => {
  const snapshot = (events: CallEvent[], n = 1) =>
    toSelectionSnapshot(fold(callDecider, events), `a-${n}`);
  it('is pending until decided', () =>
    expect(snapshot(after([], open, candidate(1, 'selected')[0]))).toEqual({
      callId: 'call-1',
      applicationId: 'a-1',
      learnerId: 'l-1',
      decision: 'pending',
      briefingAcknowledged: false,
    }));
  it('tells the decision and whether the briefing was acknowledged', () =>
    expect(snapshot(after(selected, brief(1), acknowledge(1)))).toMatchObject({
      decision: 'selected',
      briefingAcknowledged: true,
    }));
  it('reads a withdrawn application as rejected, its briefing void', () =>
    expect(
      snapshot(
        after(selected, brief(1), acknowledge(1), {
          type: 'WithdrawApplication',
          data: { applicationId: 'a-1', reason: 'illness' },
          at: AT,
        }),
      ),
    ).toMatchObject({ decision: 'rejected', briefingAcknowledged: false }));
  it('is undefined for an unknown application', () =>
    expect(snapshot(selected, 9)).toBeUndefined());
});
