import type { MobilityEvent, MouContent, PartnershipEvent } from '@ecvet/domain';
import { agreementVersionVerification, mouVersionVerification } from './document-verification';

const content: MouContent = {
  qualifications: [{ qualificationId: 'cook', qualificationVersion: 1, unitIds: ['vegan'] }],
  procedures: { assessment: 'a', documentation: 'd', validation: 'v', recognition: 'r' },
  mentoring: 'm',
  plannedDurations: { minWeeks: 2, maxWeeks: 12 },
  validFrom: '2027-01-01',
  validUntil: '2027-12-31',
};
const AT = '2027-01-05T09:00:00.000Z';
const proposed: PartnershipEvent = {
  type: 'PartnershipProposed',
  data: {
    partnershipId: 'p1',
    title: 'Cooks',
    parties: [
      { institutionId: 'school', role: 'sending' },
      { institutionId: 'host', role: 'host' },
    ],
    coordinatorInstitutionId: 'school',
    proposedAt: AT,
  },
};
const drafted = (version: number, renewalOf?: number): PartnershipEvent => ({
  type: 'MouVersionDrafted',
  data: {
    partnershipId: 'p1',
    version,
    content: { ...content, validUntil: `${2026 + version}-12-31` },
    contentHash: `sha256:mou-${version}`,
    voidedSignatures: [],
    ...(renewalOf !== undefined && { renewalOf }),
    draftedAt: AT,
  },
});
const signedBy = (version: number, institutionId: string): PartnershipEvent => ({
  type: 'MouSigned',
  data: {
    partnershipId: 'p1',
    version,
    contentHash: `sha256:mou-${version}`,
    institutionId,
    signer: { name: `Head of ${institutionId}`, role: 'director', email: 'head@x.example' },
    authMethod: 'account',
    intent: 'We agree',
    signedAt: AT,
  },
});
const fullySigned = (version: number): PartnershipEvent => ({
  type: 'MouFullySigned',
  data: {
    partnershipId: 'p1',
    version,
    contentHash: `sha256:mou-${version}`,
    validFrom: content.validFrom,
    validUntil: content.validUntil,
    fullySignedAt: AT,
  },
});
const signedV1 = [proposed, drafted(1), signedBy(1, 'school'), signedBy(1, 'host'), fullySigned(1)];

describe('an MoU version: current, superseded or revoked', () => {
  it('a fully signed version stays current while its renewal awaits signatures', () => {
    const v = mouVersionVerification([...signedV1, drafted(2, 1)], 1);
    expect(v).toMatchObject({ status: 'current', fullySigned: true });
    expect(v?.signatures.map((s) => [s.role, s.name, s.title, s.institutionId])).toEqual([
      ['sending', 'Head of school', 'director', 'school'],
      ['host', 'Head of host', 'director', 'host'],
    ]);
    expect(JSON.stringify(v)).not.toContain('head@x.example');
  });

  it('is superseded once a later version is fully signed', () => {
    const events = [...signedV1, drafted(2, 1), signedBy(2, 'school'), signedBy(2, 'host')];
    expect(mouVersionVerification([...events, fullySigned(2)], 1)).toMatchObject({
      status: 'superseded',
      supersededBy: 2,
    });
  });

  it('a version replaced before every party signed it is superseded, its signatures kept as history', () => {
    const v = mouVersionVerification([proposed, drafted(1), signedBy(1, 'school'), drafted(2)], 1);
    expect(v).toMatchObject({ status: 'superseded', supersededBy: 2, fullySigned: false });
    expect(v?.signatures).toHaveLength(1);
  });

  it('is revoked when a party declines it, or when the partnership is terminated', () => {
    const declined: PartnershipEvent = {
      type: 'MouDeclined',
      data: {
        partnershipId: 'p1',
        version: 1,
        institutionId: 'host',
        reason: 'no',
        declinedAt: AT,
      },
    };
    expect(mouVersionVerification([proposed, drafted(1), declined], 1)).toMatchObject({
      status: 'revoked',
      revoked: { reason: 'declined', on: AT },
      declines: [{ role: 'host', institutionId: 'host' }],
    });
    const terminated: PartnershipEvent = {
      type: 'PartnershipTerminated',
      data: { partnershipId: 'p1', reason: 'over', effectiveOn: '2027-06-30', terminatedAt: AT },
    };
    expect(mouVersionVerification([...signedV1, terminated], 1)).toMatchObject({
      status: 'revoked',
      revoked: { reason: 'partnership-terminated', on: '2027-06-30' },
    });
  });

  it('knows no version that was not drafted', () => {
    expect(mouVersionVerification(signedV1, 2)).toBeUndefined();
  });
});

describe('a Learning Agreement version', () => {
  const version = (v: number) =>
    ({
      type: 'LearningAgreementVersionDrafted',
      data: {
        mobilityId: 'm1',
        version: v,
        content: {
          sendingInstitution: { institutionId: 'school', legalName: 'School' },
          host: { institutionId: 'host', legalName: 'Host' },
        },
        contentHash: `sha256:la-${v}`,
        requiredSignatories: ['sending-school', 'host', 'learner'],
        voidedSignatures: [],
        draftedAt: AT,
      },
    }) as unknown as MobilityEvent;

  it('a decline revokes it even after an amendment superseded it (the stronger statement)', () => {
    const declined = {
      type: 'LearningAgreementDeclined',
      data: {
        mobilityId: 'm1',
        version: 1,
        role: 'host',
        signer: { id: 'h', name: 'Lucía', email: 'l@x.example' },
        reason: 'private reason',
        declinedAt: AT,
      },
    } as MobilityEvent;
    const v = agreementVersionVerification([version(1), declined, version(2)], 1);
    expect(v).toMatchObject({
      status: 'revoked',
      revoked: { reason: 'declined', on: AT },
      supersededBy: 2,
      declines: [{ role: 'host', name: 'Lucía', institution: 'Host' }],
    });
    expect(JSON.stringify(v)).not.toMatch(/private reason|l@x\.example/);
  });

  it('an erased signer reads as a name of nobody', () => {
    const signed = {
      type: 'LearningAgreementSigned',
      data: {
        mobilityId: 'm1',
        version: 1,
        contentHash: 'sha256:la-1',
        role: 'learner',
        signer: { id: 'l', name: { $erased: true }, email: { $erased: true } },
        authMethod: 'handwritten',
        intent: 'I agree',
        signedAt: AT,
      },
    } as unknown as MobilityEvent;
    expect(agreementVersionVerification([version(1), signed], 1)?.signatures).toEqual([
      { role: 'learner', name: null, method: 'handwritten', at: AT },
    ]);
  });
});
