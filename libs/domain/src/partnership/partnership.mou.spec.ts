import { givenFor } from '../../test/given';
import { contentHash } from '../shared/content-hash';
import type { PartnershipCommand } from './partnership.commands';
import { partnershipDecider } from './partnership.decider';
import type { MouContent, PartnershipEvent } from './partnership.events';
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
  proposed,
  sign,
  signature,
  signed,
  signedV1,
} from '../../test/partnership-fixtures';

const given = givenFor(partnershipDecider);

const decline = (
  institutionId: string,
  reason = 'units do not fit 2 weeks',
): PartnershipCommand => ({
  type: 'DeclineMou',
  data: { partnershipId: P, version: 1, institutionId, reason },
  at: AT,
});
const declined = (institutionId: string): PartnershipEvent => ({
  type: 'MouDeclined',
  data: {
    partnershipId: P,
    version: 1,
    institutionId,
    reason: 'units do not fit 2 weeks',
    declinedAt: AT,
  },
});
const renew = (newValidUntil: string, at = AT): PartnershipCommand => ({
  type: 'RenewMou',
  data: { partnershipId: P, newValidUntil },
  at,
});
const review: PartnershipCommand = {
  type: 'RecordMouReview',
  data: { partnershipId: P, reviewedBy: 'Ilze Ozola', notes: 'units still fit the programme' },
  at: AT,
};
const voided = (...institutionIds: string[]) => ({
  voidedSignatures: institutionIds.map((institutionId) => ({ institutionId, version: 1 })),
});

describe('MoU: drafting', () => {
  it('drafts version 1, hashing its content with the partnership and its parties', () => {
    given([proposed])
      .when(draft(content))
      .then([drafted(1)]);
    expect(hashOf()).toBe(
      contentHash({
        partnershipId: P,
        parties: [
          { institutionId: 'host-it', role: 'host' },
          { institutionId: 'rvt', role: 'sending' },
        ],
        content,
      }),
    );
  });
  it('drafting the same content again records nothing', () =>
    given([proposed, drafted(1)])
      .when(draft(content))
      .then([]));
  it('the hash does not depend on the order of keys', () => {
    const { validUntil, validFrom, ...rest } = content;
    given([proposed, drafted(1)])
      .when(draft({ validUntil, ...rest, validFrom }))
      .then([]);
  });
  it('drafting a different first version is refused: it is amended instead', () =>
    given([proposed, drafted(1)])
      .when(draft(amended))
      .thenRejects(R.MouAlreadyDrafted));
  it('different content has a different hash', () =>
    expect(hashOf(amended)).not.toBe(hashOf(content)));

  const broken: Array<[string, Partial<MouContent>, string]> = [
    ['covers at least one qualification', { qualifications: [] }, R.MouNeedsQualifications],
    [
      'names at least one unit of each qualification',
      { qualifications: [{ qualificationId: 'cook-3', qualificationVersion: 1, unitIds: [] }] },
      R.MouQualificationNeedsUnits,
    ],
    [
      'states every procedure',
      { procedures: { ...content.procedures, recognition: '' } },
      R.MouProceduresRequired,
    ],
    ['states the mentoring', { mentoring: ' ' }, R.MouMentoringRequired],
    ['plans 1 to 52 weeks', { plannedDurations: { minWeeks: 4, maxWeeks: 2 } }, R.MouDurationRange],
    ['is valid from a date before its end', { validUntil: '2027-01-01' }, R.MouValidityDates],
    ['uses ISO dates for its validity', { validFrom: '1.1.2027' }, R.MouValidityDates],
    [
      'is reviewed within its validity',
      { reviewDate: '2028-02-01' },
      R.MouReviewDateWithinValidity,
    ],
  ];
  it.each(broken)('an MoU %s', (_, change, rule) =>
    given([proposed])
      .when(draft({ ...content, ...change }))
      .thenRejects(rule),
  );
});

describe('MoU: amendment', () => {
  it('cannot amend before a first draft', () =>
    given([proposed]).when(draft(amended, 'AmendMou')).thenRejects(R.NoMouToAmend));
  it('amending a version awaiting signatures voids the signatures it collected', () =>
    given([proposed, drafted(1), signed('rvt')])
      .when(draft(amended, 'AmendMou'))
      .then([drafted(2, amended, voided('rvt'))]));
  it('amending with the current content records nothing', () =>
    given([proposed, drafted(1), signed('rvt')])
      .when(draft(content, 'AmendMou'))
      .then([]));
  it('a party whose signature an amendment voided signs again', () =>
    given([
      proposed,
      drafted(1),
      signed('rvt'),
      drafted(2, amended, voided('rvt')),
      signed('host-it', 2, hashOf(amended)),
    ])
      .when(sign('rvt', 2, hashOf(amended)))
      .then([signed('rvt', 2, hashOf(amended)), fullySigned(2, amended)]));
  it('a voided signature does not count towards the amended version', () =>
    given([proposed, drafted(1), signed('rvt'), drafted(2, amended, voided('rvt'))])
      .when(sign('host-it', 2, hashOf(amended)))
      .then([signed('host-it', 2, hashOf(amended))]));
  it('amending a fully signed version voids nothing: it stays in force meanwhile', () =>
    given(signedV1)
      .when(draft(amended, 'AmendMou'))
      .then([drafted(2, amended)]));
});

describe('MoU: signatures', () => {
  it('a party signs the current version', () =>
    given([proposed, drafted(1)])
      .when(sign('rvt'))
      .then([signed('rvt')]));
  it('the last party to sign makes it fully signed', () =>
    given([proposed, drafted(1), signed('rvt')])
      .when(sign('host-it'))
      .then([signed('host-it'), fullySigned(1)]));
  it('signing the same version again records nothing', () =>
    given([proposed, drafted(1), signed('rvt')])
      .when(sign('rvt'))
      .then([]));
  it('a fully signed version signed again records nothing', () =>
    given(signedV1).when(sign('host-it')).then([]));
  it('a stale version cannot be signed', () =>
    given([proposed, drafted(1), drafted(2, amended)])
      .when(sign('host-it', 1))
      .thenRejects(R.MouVersionNotCurrent));
  it('a signature on another hash than the version’s is refused', () =>
    given([proposed, drafted(1)])
      .when(sign('rvt', 1, hashOf(amended)))
      .thenRejects(R.MouHashMismatch));
  it('only a party signs', () =>
    given([proposed, drafted(1)])
      .when(sign('nobody'))
      .thenRejects(R.NotAParty));
  it('a signature names its signer', () =>
    given([proposed, drafted(1)])
      .when({
        type: 'SignMou',
        data: { ...signature('rvt'), signer: { name: '', role: 'director' } },
        at: AT,
      })
      .thenRejects(R.SignerNameRequired));
  it('a signature records the statement of intent', () =>
    given([proposed, drafted(1)])
      .when({ type: 'SignMou', data: { ...signature('rvt'), intent: '' }, at: AT })
      .thenRejects(R.SignatureIntentRequired));
});

describe('MoU: declining', () => {
  it('a party declines the current version', () =>
    given([proposed, drafted(1)])
      .when(decline('host-it'))
      .then([declined('host-it')]));
  it('declining again records nothing', () =>
    given([proposed, drafted(1), declined('host-it')])
      .when(decline('host-it'))
      .then([]));
  it('a declined version can no longer be signed', () =>
    given([proposed, drafted(1), declined('host-it')])
      .when(sign('rvt'))
      .thenRejects(R.MouNotAwaitingSignatures));
  it('declining states the reason', () =>
    given([proposed, drafted(1)])
      .when(decline('host-it', ''))
      .thenRejects(R.DeclineNeedsReason));
  it('a party that signed does not decline', () =>
    given([proposed, drafted(1), signed('rvt')])
      .when(decline('rvt'))
      .thenRejects(R.AlreadySigned));
  it('an amendment after a refusal voids the signatures of the refused version', () =>
    given([proposed, drafted(1), signed('rvt'), declined('host-it')])
      .when(draft(amended, 'AmendMou'))
      .then([drafted(2, amended, voided('rvt'))]));
});

describe('MoU: renewal and review', () => {
  const renewal = { ...content, validFrom: '2028-01-01', validUntil: '2028-12-31' };
  it('renews a fully signed version from the day after it ends, to be signed again', () =>
    given(signedV1)
      .when(renew('2028-12-31'))
      .then([drafted(2, renewal, { renewalOf: 1 })]));
  it('renewing again with the same validity records nothing', () =>
    given([...signedV1, drafted(2, renewal, { renewalOf: 1 })])
      .when(renew('2028-12-31'))
      .then([]));
  it('renews an expired version from the day of the renewal, never retroactively', () => {
    const late = { ...content, validFrom: '2028-03-10', validUntil: '2028-12-31' };
    given(signedV1)
      .when(renew('2028-12-31', '2028-03-10T08:00:00.000Z'))
      .then([drafted(2, late, { renewalOf: 1, draftedAt: '2028-03-10T08:00:00.000Z' })]);
  });
  it('renews only a fully signed version', () =>
    given([proposed, drafted(1)])
      .when(renew('2028-12-31'))
      .thenRejects(R.RenewalNeedsFullySignedMou));
  it('a renewal extends the validity', () =>
    given(signedV1).when(renew('2027-06-30')).thenRejects(R.RenewalMustExtendValidity));
  it('a renewal is signed by every party again', () => {
    const events = [...signedV1, drafted(2, renewal, { renewalOf: 1 })];
    given(events)
      .when(sign('rvt', 2, hashOf(renewal)))
      .then([signed('rvt', 2, hashOf(renewal))]);
  });
  it('records a review of the MoU in force', () =>
    given(signedV1)
      .when(review)
      .then([
        {
          type: 'MouReviewed',
          data: { ...review.data, version: 1, reviewedAt: AT },
        },
      ]));
  it('recording the same review again records nothing', () => {
    const [reviewed] = decide(signedV1, review);
    given([...signedV1, reviewed])
      .when(review)
      .then([]);
  });
  it('reviews only a fully signed MoU', () =>
    given([proposed, drafted(1)])
      .when(review)
      .thenRejects(R.NoSignedMouToReview));
});
