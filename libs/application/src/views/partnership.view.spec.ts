import { partnershipDecider, type MouContent, type PartnershipEvent } from '@ecvet/domain';
import { partnershipView } from './partnership.view';

const content = (validFrom: string, validUntil: string): MouContent => ({
  qualifications: [{ qualificationId: 'cook-3', qualificationVersion: 1, unitIds: ['u-hot'] }],
  procedures: {
    assessment: 'The host mentor assesses',
    documentation: 'An assessment sheet',
    validation: 'The school validates',
    recognition: 'Credit in the learner’s record',
  },
  mentoring: 'A named mentor',
  plannedDurations: { minWeeks: 2, maxWeeks: 8 },
  validFrom,
  validUntil,
});

const viewOf = (events: PartnershipEvent[]) =>
  partnershipView(events.reduce(partnershipDecider.evolve, partnershipDecider.initialState), 1)!;

const P = 'p-hotel';
const proposed: PartnershipEvent = {
  type: 'PartnershipProposed',
  data: {
    partnershipId: P,
    title: 'Hospitality placements',
    parties: [
      { institutionId: 'rtrit', role: 'sending' },
      { institutionId: 'hotel-sol', role: 'host' },
    ],
    coordinatorInstitutionId: 'rtrit',
    proposedAt: '2026-01-01T09:00:00Z',
  },
};
const drafted = (version: number, renewalOf?: number): PartnershipEvent => ({
  type: 'MouVersionDrafted',
  data: {
    partnershipId: P,
    version,
    content: content('2026-02-01', '2027-01-31'),
    contentHash: `hash-${version}`,
    voidedSignatures: [],
    ...(renewalOf === undefined ? {} : { renewalOf }),
    draftedAt: `2026-01-0${version + 1}T09:00:00Z`,
  },
});
const signed = (version: number, institutionId: string): PartnershipEvent => ({
  type: 'MouSigned',
  data: {
    partnershipId: P,
    version,
    contentHash: `hash-${version}`,
    institutionId,
    signer: { name: 'Signer', role: 'director' },
    authMethod: 'account',
    intent: 'We sign',
    signedAt: '2026-01-05T09:00:00Z',
  },
});

describe('the partnership view: what the workflow recorded', () => {
  it('has no reminders, escalations or expired versions at first, and is not overdue', () => {
    const view = viewOf([proposed, drafted(1)]);
    expect(view).toMatchObject({
      reminders: {},
      renewalReminders: {},
      escalations: [],
      expiredMouVersions: [],
      overdue: false,
    });
    expect(view.mou).toMatchObject({ version: 1, signatureRequestExpired: false });
    expect(view.mouVersions[0].draftedAt).toBe('2026-01-02T09:00:00Z');
  });

  it('counts signature reminders per party, lists escalations, and is overdue once the request expired', () => {
    const view = viewOf([
      proposed,
      drafted(1),
      signed(1, 'rtrit'),
      ...[1, 2, 3].map((n): PartnershipEvent => ({
        type: 'MouSignatureReminderSent',
        data: {
          partnershipId: P,
          version: 1,
          institutionId: 'hotel-sol',
          reminderNumber: n,
          sentAt: '2026-01-10T09:00:00Z',
        },
      })),
      {
        type: 'MouSignatureRequestEscalated',
        data: {
          partnershipId: P,
          version: 1,
          institutionId: 'hotel-sol',
          level: 'coordinator',
          afterReminders: 3,
          escalatedAt: '2026-01-20T09:00:00Z',
        },
      },
      {
        type: 'MouSignatureRequestExpired',
        data: {
          partnershipId: P,
          version: 1,
          pendingInstitutionIds: ['hotel-sol'],
          deadline: '2026-03-02T09:00:00Z',
          expiredAt: '2026-03-02T09:00:01Z',
        },
      },
    ]);
    expect(view).toMatchObject({
      reminders: { '1/hotel-sol': 3 },
      escalations: ['1/hotel-sol/coordinator'],
      expiredMouVersions: [1],
      overdue: true,
    });
    expect(view.mou).toMatchObject({
      pendingParties: ['hotel-sol'],
      signatureRequestExpired: true,
    });
  });

  it('is no longer overdue once a new version replaces the expired one', () => {
    const view = viewOf([
      proposed,
      drafted(1),
      {
        type: 'MouSignatureRequestExpired',
        data: {
          partnershipId: P,
          version: 1,
          pendingInstitutionIds: ['rtrit', 'hotel-sol'],
          deadline: '2026-03-02T09:00:00Z',
          expiredAt: '2026-03-02T09:00:01Z',
        },
      },
      drafted(2),
    ]);
    expect(view).toMatchObject({ expiredMouVersions: [1], overdue: false });
  });

  it('counts renewal reminders per version and lists renewal escalations', () => {
    const view = viewOf([
      proposed,
      drafted(1),
      signed(1, 'rtrit'),
      signed(1, 'hotel-sol'),
      {
        type: 'MouFullySigned',
        data: {
          partnershipId: P,
          version: 1,
          contentHash: 'hash-1',
          validFrom: '2026-02-01',
          validUntil: '2027-01-31',
          fullySignedAt: '2026-01-05T09:00:00Z',
        },
      },
      ...[1, 2].map((n): PartnershipEvent => ({
        type: 'MouRenewalReminderSent',
        data: {
          partnershipId: P,
          version: 1,
          validUntil: '2027-01-31',
          reminderNumber: n,
          sentAt: '2026-12-01T09:00:00Z',
        },
      })),
      {
        type: 'MouRenewalEscalated',
        data: {
          partnershipId: P,
          version: 1,
          validUntil: '2027-01-31',
          level: 'head',
          afterReminders: 2,
          escalatedAt: '2026-12-20T09:00:00Z',
        },
      },
    ]);
    expect(view).toMatchObject({
      status: 'active',
      renewalReminders: { 1: 2 },
      escalations: ['renewal/1/head'],
      overdue: false,
    });
  });
});
