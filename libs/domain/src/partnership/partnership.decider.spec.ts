import { givenFor } from '../../test/given';
import { mouInForce } from '../shared/snapshots';
import type { PartnershipCommand } from './partnership.commands';
import { partnershipDecider } from './partnership.decider';
import { toPartnershipSnapshot } from './partnership.state';
import type { PartnershipEvent } from './partnership.events';
import { PartnershipRules as R } from './partnership.errors';
import {
  AT,
  P,
  amended,
  content,
  decide,
  draft,
  drafted,
  fullySigned,
  hashOf,
  parties,
  proposal,
  proposed,
  sign,
  signed,
  signedV1,
  stateAfter,
  trattoria,
} from '../../test/partnership-fixtures';

const given = givenFor(partnershipDecider);

const propose = (data: Partial<typeof proposal> = {}): PartnershipCommand => ({
  type: 'ProposePartnership',
  data: { ...proposal, ...data },
  at: AT,
});
const addPartner = (party = trattoria): PartnershipCommand => ({
  type: 'AddPartner',
  data: { partnershipId: P, party },
  at: AT,
});
const removePartner = (institutionId: string): PartnershipCommand => ({
  type: 'RemovePartner',
  data: { partnershipId: P, institutionId },
  at: AT,
});
const added = (party = trattoria, extra = {}): PartnershipEvent => ({
  type: 'PartnerAdded',
  data: { partnershipId: P, party, voidedSignatures: [], addedAt: AT, ...extra },
});
const terminate = (reason = 'the host closes', effectiveOn = '2027-06-01'): PartnershipCommand => ({
  type: 'TerminatePartnership',
  data: { partnershipId: P, reason, effectiveOn },
  at: AT,
});
const terminated: PartnershipEvent = {
  type: 'PartnershipTerminated',
  data: {
    partnershipId: P,
    reason: 'the host closes',
    effectiveOn: '2027-06-01',
    terminatedAt: AT,
  },
};
const evaluation = {
  partnershipId: P,
  evaluationId: 'ev-1',
  institutionId: 'rvt',
  rating: 4,
  strengths: 'mentoring',
  improvements: 'earlier placement details',
};
const evaluate = (data: Partial<typeof evaluation> = {}): PartnershipCommand => ({
  type: 'EvaluatePartnership',
  data: { ...evaluation, ...data },
  at: AT,
});
const policy = { signatureReminderEvery: 'P3D', maxReminders: 5 };
const setPolicy = (p: Record<string, string | number>): PartnershipCommand => ({
  type: 'SetReminderPolicy',
  data: { partnershipId: P, policy: p },
  at: AT,
});

describe('Partnership: proposal and parties', () => {
  it('is proposed with a sending and a host party', () =>
    given([]).when(propose()).then([proposed]));
  it('proposing the same partnership again records nothing', () =>
    given([proposed]).when(propose()).then([]));
  it('proposing it again otherwise is refused', () =>
    given([proposed])
      .when(propose({ title: 'Other' }))
      .thenRejects(R.AlreadyProposed));
  it('needs a title', () =>
    given([])
      .when(propose({ title: ' ' }))
      .thenRejects(R.TitleRequired));
  it('needs at least two parties', () =>
    given([])
      .when(propose({ parties: [parties[0]] }))
      .thenRejects(R.NeedsTwoParties));
  it('needs distinct institutions as parties', () =>
    given([])
      .when(propose({ parties: [...parties, { institutionId: 'rvt', role: 'intermediary' }] }))
      .thenRejects(R.PartiesDistinct));
  it('needs at least one sending and one host party', () =>
    given([])
      .when(propose({ parties: [parties[0], { institutionId: 'vtc', role: 'sending' }] }))
      .thenRejects(R.NeedsSendingAndHost));
  it('is coordinated by one of its parties', () =>
    given([])
      .when(propose({ coordinatorInstitutionId: 'host-trattoria' }))
      .thenRejects(R.CoordinatorMustBeParty));
  it('must be proposed before anything else', () =>
    given([]).when(addPartner()).thenRejects(R.MustExist));
  it('gives every party a known role', () =>
    given([proposed])
      .when(addPartner({ institutionId: 'x', role: 'observer' as 'host' }))
      .thenRejects(R.PartyRoleKnown));
  it('adds a partner', () => given([proposed]).when(addPartner()).then([added()]));
  it('adding a present partner again records nothing', () =>
    given([proposed, added()]).when(addPartner()).then([]));
  it('adding a present partner in another role is refused', () =>
    given([proposed])
      .when(addPartner({ institutionId: 'host-it', role: 'intermediary' }))
      .thenRejects(R.PartyExistsWithOtherRole));
  it('adding a partner supersedes the version awaiting signatures and voids its signatures', () =>
    given([proposed, drafted(1), signed('rvt')])
      .when(addPartner())
      .then([
        added(trattoria, {
          supersededVersion: 1,
          voidedSignatures: [{ institutionId: 'rvt', version: 1 }],
        }),
      ]));
  it('a version superseded by a change of parties can no longer be signed', () =>
    given([proposed, drafted(1), added(trattoria, { supersededVersion: 1 })])
      .when(sign('host-it'))
      .thenRejects(R.MouNotAwaitingSignatures));
  it('after a change of parties the same content is a new version with a new hash', () => {
    const [event] = decide([proposed, drafted(1), added()], draft(content, 'AmendMou'));
    expect(event).toMatchObject({ type: 'MouVersionDrafted', data: { version: 2 } });
    expect(event.data).toHaveProperty('contentHash', hashOf(content, [...parties, trattoria]));
    expect(hashOf(content, [...parties, trattoria])).not.toBe(hashOf(content));
  });
  it('adding a partner leaves a fully signed version in force', () =>
    given(signedV1).when(addPartner()).then([added()]));
  it('removes a partner', () =>
    given([proposed, added()])
      .when(removePartner('host-trattoria'))
      .then([
        {
          type: 'PartnerRemoved',
          data: {
            partnershipId: P,
            institutionId: 'host-trattoria',
            voidedSignatures: [],
            removedAt: AT,
          },
        },
      ]));
  it('cannot remove the last host', () =>
    given([proposed, added({ institutionId: 'agency', role: 'intermediary' })])
      .when(removePartner('host-it'))
      .thenRejects(R.NeedsSendingAndHost));
  it('keeps at least two parties', () =>
    given([proposed]).when(removePartner('host-it')).thenRejects(R.NeedsTwoParties));
  it('cannot remove the coordinator', () =>
    given([proposed, added({ institutionId: 'vtc', role: 'sending' })])
      .when(removePartner('rvt'))
      .thenRejects(R.CoordinatorMustBeParty));
  it('removing an institution that is not a party records nothing', () =>
    given([proposed]).when(removePartner('nobody')).then([]));
});

describe('Partnership: termination', () => {
  it('is terminated from a date', () => given(signedV1).when(terminate()).then([terminated]));
  it('terminating again the same way records nothing', () =>
    given([...signedV1, terminated])
      .when(terminate())
      .then([]));
  it('terminating again otherwise is refused', () =>
    given([...signedV1, terminated])
      .when(terminate('other', '2027-07-01'))
      .thenRejects(R.Terminated));
  it('needs a reason', () =>
    given(signedV1).when(terminate('')).thenRejects(R.TerminationNeedsReason));
  it('never takes effect before the day it is decided', () =>
    given(signedV1).when(terminate('late', '2026-11-30')).thenRejects(R.TerminationEffectiveDate));
  it('refuses every new decision afterwards', () =>
    given([...signedV1, terminated])
      .when(draft(amended, 'AmendMou'))
      .thenRejects(R.Terminated));
  it('still accepts repeats of what was decided before, recording nothing', () =>
    given([...signedV1, terminated])
      .when(sign('rvt'))
      .then([]));
});

describe('Partnership: evaluation and reminder policy', () => {
  const evaluated: PartnershipEvent = {
    type: 'PartnershipEvaluated',
    data: { ...evaluation, evaluatedAt: AT },
  };
  it('is evaluated by a party', () => given(signedV1).when(evaluate()).then([evaluated]));
  it('evaluating again with the same evaluation records nothing', () =>
    given([...signedV1, evaluated])
      .when(evaluate())
      .then([]));
  it('reusing an evaluation id for other content is refused', () =>
    given([...signedV1, evaluated])
      .when(evaluate({ rating: 2 }))
      .thenRejects(R.EvaluationIdTaken));
  it('rates from 1 to 5', () =>
    given(signedV1)
      .when(evaluate({ rating: 6 }))
      .thenRejects(R.RatingRange));
  it('is evaluated only by a party', () =>
    given(signedV1)
      .when(evaluate({ institutionId: 'nobody' }))
      .thenRejects(R.NotAParty));
  it('sets a reminder policy of its own', () =>
    given([proposed])
      .when(setPolicy(policy))
      .then([
        { type: 'PartnershipReminderPolicySet', data: { partnershipId: P, policy, setAt: AT } },
      ]));
  it('setting the same policy again, in any key order, records nothing', () =>
    given([
      proposed,
      { type: 'PartnershipReminderPolicySet', data: { partnershipId: P, policy, setAt: AT } },
    ])
      .when(setPolicy({ maxReminders: 5, signatureReminderEvery: 'P3D' }))
      .then([]));
});

describe('Partnership snapshot', () => {
  const renewal = { ...content, validFrom: '2028-01-01', validUntil: '2028-12-31' };
  const renewed = [
    ...signedV1,
    drafted(2, renewal, { renewalOf: 1 }),
    signed('rvt', 2, hashOf(renewal)),
    signed('host-it', 2, hashOf(renewal)),
    fullySigned(2, renewal),
  ];
  it('lists the fully signed versions, oldest first, with validity and qualifications', () =>
    expect(toPartnershipSnapshot(stateAfter([...renewed, drafted(3, amended)]))).toEqual({
      partnershipId: P,
      parties,
      signedMous: [
        {
          version: 1,
          contentHash: hashOf(),
          validFrom: '2027-01-01',
          validUntil: '2027-12-31',
          qualifications: content.qualifications,
          fullySignedAt: AT,
        },
        expect.objectContaining({ version: 2, validFrom: '2028-01-01' }),
      ],
    }));
  it('has no MoU in force before every party signed', () =>
    expect(
      mouInForce(
        toPartnershipSnapshot(stateAfter([proposed, drafted(1), signed('rvt')])),
        '2027-03-01',
      ),
    ).toBeUndefined());
  it('has the signed MoU in force within its validity and none once it expired', () => {
    const snapshot = toPartnershipSnapshot(stateAfter(signedV1));
    expect(mouInForce(snapshot, '2027-03-01')).toMatchObject({ version: 1 });
    expect(mouInForce(snapshot, '2028-01-01')).toBeUndefined();
  });
  it('keeps the renewed version in force until its end, then the renewal', () => {
    const snapshot = toPartnershipSnapshot(stateAfter(renewed));
    expect(mouInForce(snapshot, '2027-12-31')).toMatchObject({ version: 1 });
    expect(mouInForce(snapshot, '2028-01-01')).toMatchObject({ version: 2 });
  });
  it('has no MoU in force from the termination date', () => {
    const snapshot = toPartnershipSnapshot(stateAfter([...signedV1, terminated]));
    expect(snapshot.terminatedOn).toBe('2027-06-01');
    expect(mouInForce(snapshot, '2027-05-31')).toMatchObject({ version: 1 });
    expect(mouInForce(snapshot, '2027-06-01')).toBeUndefined();
  });
  it('is not taken of a partnership never proposed', () =>
    expect(() => toPartnershipSnapshot(stateAfter([]))).toThrow(
      expect.objectContaining({ rule: R.MustExist }),
    ));
  it('a signature on a superseded draft leaves no trace in the snapshot', () =>
    expect(
      toPartnershipSnapshot(
        stateAfter([
          proposed,
          drafted(1),
          signed('rvt'),
          drafted(2, amended, { voidedSignatures: [{ institutionId: 'rvt', version: 1 }] }),
        ]),
      ).signedMous,
    ).toEqual([]));
});
