import type { RecordedEvent } from '@ecvet/event-store';
import { BRIDGED_MOBILITY_EVENTS, summariseMobilityEvent } from './mobility-bridged-events';
import {
  BRIDGED_PARTNERSHIP_EVENTS,
  summarisePartnershipEvent,
} from './partnership-bridged-events';

/**
 * The signal contract as serialised: for an event of each type the bridge follows (as the event
 * store records it, personal data included), the exact JSON the workflow receives. The expected
 * strings were produced by the bridge before its summaries were typed and are the shape recorded
 * in test/histories: a change here breaks the replay of running workflows.
 */
const signer = { id: 'u-ilze', name: 'Ilze Ozola', email: 'ilze.ozola@example.lv' };
const learner = {
  learnerId: 'ingus',
  name: 'Ingus Ozols',
  dateOfBirth: '2010-05-01',
  email: 'ingus.ozols@example.lv',
  guardian: { name: 'Līga Ozola', email: 'liga.ozola@example.lv', phone: '+371 2000000' },
};
const unit = (unitId: string) => ({ unitId, title: { lv: unitId, en: unitId } });
const terms = {
  type: 'programme-module',
  plannedPeriod: { start: '2027-02-01', end: '2027-04-30' },
  qualification: { qualificationId: 'tourism', version: 1 },
  targetedUnits: [unit('eco-trail'), unit('guidebook')],
  lifeSkills: ['foreign-languages'],
  mentors: {
    sending: { name: 'Ilze Ozola', email: 'ilze.ozola@example.lv' },
    host: { name: 'Aino Virtanen', email: 'aino@example.fi' },
  },
  responsibilities: { sendingSchool: ['prepares'], host: ['assesses'], learner: ['follows'] },
  insurance: { provider: 'BTA', policyNumber: 'BTA-999', coverage: 'health' },
};
const institution = (institutionId: string) => ({
  institutionId,
  kind: 'school',
  legalName: `${institutionId} legal name`,
  legalAddress: 'Street 1',
  country: 'LV',
});

const MOBILITY_EVENTS: Array<{ type: string; data: Record<string, unknown> }> = [
  {
    type: 'MobilityPlanned',
    data: {
      mobilityId: 'mob-ingus',
      partnershipId: 'rtrit-2026',
      selection: { callId: 'call-1', applicationId: 'app-1' },
      sendingInstitution: institution('rtrit'),
      host: institution('savo'),
      learner,
      terms,
      longDuration: false,
      minor: true,
      plannedAt: '2026-11-22T13:42:37.630Z',
    },
  },
  {
    type: 'LearningAgreementVersionDrafted',
    data: {
      mobilityId: 'mob-ingus',
      version: 2,
      content: {
        ...terms,
        plannedPeriod: { start: '2027-02-08', end: '2027-05-07' },
        targetedUnits: [unit('eco-trail')],
        mobilityId: 'mob-ingus',
        version: 2,
        sendingInstitution: institution('rtrit'),
        host: institution('savo'),
        learner,
      },
      contentHash: 'sha256:abc',
      requiredSignatories: ['sending-school', 'host', 'learner', 'guardian'],
      voidedSignatures: ['host'],
      amendmentReason: 'Ingus asked for a later start',
      draftedAt: '2026-11-22T13:42:37.661Z',
    },
  },
  {
    type: 'LearningAgreementSigned',
    data: {
      mobilityId: 'mob-ingus',
      version: 2,
      contentHash: 'sha256:abc',
      role: 'guardian',
      signer,
      authMethod: 'signing-link',
      intent: 'I agree',
      ip: '203.0.113.7',
      userAgent: 'Firefox',
      signedAt: '2026-11-22T13:42:38.000Z',
    },
  },
  {
    type: 'LearningAgreementDeclined',
    data: {
      mobilityId: 'mob-ingus',
      version: 2,
      role: 'learner',
      signer,
      reason: 'Ingus is ill',
      declinedAt: '2026-11-22T13:42:39.000Z',
    },
  },
  {
    type: 'LearningAgreementFullySigned',
    data: {
      mobilityId: 'mob-ingus',
      version: 2,
      contentHash: 'sha256:abc',
      fullySignedAt: '2026-11-22T13:42:40.000Z',
    },
  },
  {
    type: 'SignatureReminderSent',
    data: {
      mobilityId: 'mob-ingus',
      version: 2,
      role: 'learner',
      reminderNumber: 3,
      sentAt: '2026-11-22T13:42:41.000Z',
    },
  },
  {
    type: 'SignatureRequestEscalated',
    data: {
      mobilityId: 'mob-ingus',
      version: 2,
      role: 'learner',
      level: 'head',
      afterReminders: 6,
      escalatedAt: '2026-11-22T13:42:42.000Z',
    },
  },
  {
    type: 'SignatureRequestExpired',
    data: {
      mobilityId: 'mob-ingus',
      version: 2,
      pendingRoles: ['learner', 'guardian'],
      deadline: '2027-02-08T00:00:00.000Z',
      expiredAt: '2027-02-08T00:00:01.000Z',
    },
  },
  {
    type: 'MobilityStarted',
    data: {
      mobilityId: 'mob-ingus',
      actualStart: '2027-02-09',
      agreementVersion: 2,
      mouVersion: 1,
    },
  },
  { type: 'MobilityEnded', data: { mobilityId: 'mob-ingus', actualEnd: '2027-05-06' } },
  {
    type: 'TranscriptIssued',
    data: {
      mobilityId: 'mob-ingus',
      transcriptId: 't-1',
      issuedOn: '2027-05-10',
      issuedBy: 'Aino Virtanen',
      units: [{ unitId: 'eco-trail', title: { lv: 'x', en: 'x' }, result: 'achieved' }],
    },
  },
  {
    type: 'UnitRecognised',
    data: {
      mobilityId: 'mob-ingus',
      learnerId: 'ingus',
      unitId: 'eco-trail',
      kind: 'module',
      moduleId: 'm-1',
      ecvetPoints: 4,
      recognisedBy: 'Ilze Ozola',
      recognisedOn: '2027-06-01',
    },
  },
  {
    type: 'UnitRecognitionRefused',
    data: {
      mobilityId: 'mob-ingus',
      unitId: 'guidebook',
      rationale: 'Ingus did not finish it',
      refusedBy: 'Ilze Ozola',
      refusedOn: '2027-06-01',
    },
  },
  {
    type: 'StepReminderSent',
    data: {
      mobilityId: 'mob-ingus',
      step: 'assessment',
      reminderNumber: 2,
      deadline: '2027-05-20T00:00:00.000Z',
      sentAt: '2027-05-12T08:00:00.000Z',
    },
  },
  {
    type: 'StepReminderSent',
    data: {
      mobilityId: 'mob-ingus',
      step: 'start',
      reminderNumber: 1,
      sentAt: '2027-02-07T08:00:00.000Z',
    },
  },
  {
    type: 'StepEscalated',
    data: {
      mobilityId: 'mob-ingus',
      step: 'recognition',
      level: 'coordinator',
      afterReminders: 3,
      escalatedAt: '2027-06-10T08:00:00.000Z',
    },
  },
  {
    type: 'StepDeadlineMissed',
    data: {
      mobilityId: 'mob-ingus',
      step: 'assessment',
      deadline: '2027-05-20T00:00:00.000Z',
      recordedAt: '2027-05-20T00:00:01.000Z',
    },
  },
  { type: 'MobilityCompleted', data: { mobilityId: 'mob-ingus', completedOn: '2027-06-30' } },
  {
    type: 'MobilityCancelled',
    data: { mobilityId: 'mob-ingus', reason: 'Ingus moved away', cancelledOn: '2027-01-15' },
  },
];

const mouSigner = { name: 'Ilze Ozola', role: 'director', email: 'ilze.ozola@example.lv' };
const PARTNERSHIP_EVENTS: Array<{ type: string; data: Record<string, unknown> }> = [
  {
    type: 'PartnershipProposed',
    data: {
      partnershipId: 'rtrit-2026',
      title: 'Cooks to Valencia',
      parties: [
        { institutionId: 'rtrit', role: 'sending' },
        { institutionId: 'verde-valencia', role: 'host' },
      ],
      coordinatorInstitutionId: 'rtrit',
      proposedAt: '2026-11-22T13:42:36.306Z',
    },
  },
  {
    type: 'PartnerAdded',
    data: {
      partnershipId: 'rtrit-2026',
      party: { institutionId: 'kfz-leipzig', role: 'host' },
      supersededVersion: 1,
      voidedSignatures: [{ institutionId: 'rtrit', version: 1 }],
      addedAt: '2026-11-22T13:42:36.400Z',
    },
  },
  {
    type: 'PartnerAdded',
    data: {
      partnershipId: 'rtrit-2026',
      party: { institutionId: 'nature-kuopio', role: 'intermediary' },
      voidedSignatures: [],
      addedAt: '2026-11-22T13:42:36.401Z',
    },
  },
  {
    type: 'PartnerRemoved',
    data: {
      partnershipId: 'rtrit-2026',
      institutionId: 'kfz-leipzig',
      supersededVersion: 2,
      voidedSignatures: [],
      removedAt: '2026-11-22T13:42:36.402Z',
    },
  },
  {
    type: 'PartnerRemoved',
    data: {
      partnershipId: 'rtrit-2026',
      institutionId: 'nature-kuopio',
      voidedSignatures: [],
      removedAt: '2026-11-22T13:42:36.403Z',
    },
  },
  {
    type: 'MouVersionDrafted',
    data: {
      partnershipId: 'rtrit-2026',
      version: 3,
      content: {
        qualifications: [],
        procedures: { assessment: 'a', documentation: 'd', validation: 'v', recognition: 'r' },
        mentoring: 'Ilze Ozola mentors',
        plannedDurations: { minWeeks: 2, maxWeeks: 12 },
        validFrom: '2026-09-01',
        validUntil: '2028-11-21',
      },
      contentHash: 'sha256:mou',
      voidedSignatures: [],
      draftedAt: '2026-11-22T13:42:36.338Z',
    },
  },
  {
    type: 'MouVersionDrafted',
    data: {
      partnershipId: 'rtrit-2026',
      version: 4,
      content: {
        qualifications: [],
        procedures: { assessment: 'a', documentation: 'd', validation: 'v', recognition: 'r' },
        mentoring: 'm',
        plannedDurations: { minWeeks: 2, maxWeeks: 12 },
        validFrom: '2028-11-22',
        validUntil: '2030-11-21',
      },
      contentHash: 'sha256:mou4',
      voidedSignatures: [],
      renewalOf: 3,
      draftedAt: '2028-09-01T10:00:00.000Z',
    },
  },
  {
    type: 'MouSigned',
    data: {
      partnershipId: 'rtrit-2026',
      version: 3,
      contentHash: 'sha256:mou',
      institutionId: 'rtrit',
      signer: mouSigner,
      authMethod: 'signing-link',
      intent: 'We agree',
      ip: '203.0.113.7',
      userAgent: 'Firefox',
      signedAt: '2026-11-22T13:42:36.402Z',
    },
  },
  {
    type: 'MouFullySigned',
    data: {
      partnershipId: 'rtrit-2026',
      version: 3,
      contentHash: 'sha256:mou',
      validFrom: '2026-09-01',
      validUntil: '2028-11-21',
      fullySignedAt: '2026-11-22T13:42:36.481Z',
    },
  },
  {
    type: 'MouDeclined',
    data: {
      partnershipId: 'rtrit-2026',
      version: 3,
      institutionId: 'verde-valencia',
      reason: 'Our director Marta Ruiz disagrees',
      declinedAt: '2026-11-22T13:42:36.500Z',
    },
  },
  {
    type: 'PartnershipTerminated',
    data: {
      partnershipId: 'rtrit-2026',
      reason: 'the host closed',
      effectiveOn: '2027-12-31',
      terminatedAt: '2027-06-01T10:00:00.000Z',
    },
  },
  {
    type: 'PartnershipReminderPolicySet',
    data: {
      partnershipId: 'rtrit-2026',
      policy: { repeatEvery: 'P2D' },
      setAt: '2026-11-23T10:00:00.000Z',
    },
  },
  {
    type: 'MouSignatureReminderSent',
    data: {
      partnershipId: 'rtrit-2026',
      version: 3,
      institutionId: 'verde-valencia',
      reminderNumber: 2,
      sentAt: '2026-11-27T08:00:00.000Z',
    },
  },
  {
    type: 'MouSignatureRequestEscalated',
    data: {
      partnershipId: 'rtrit-2026',
      version: 3,
      institutionId: 'verde-valencia',
      level: 'coordinator',
      afterReminders: 3,
      escalatedAt: '2026-11-30T08:00:00.000Z',
    },
  },
  {
    type: 'MouSignatureRequestExpired',
    data: {
      partnershipId: 'rtrit-2026',
      version: 3,
      pendingInstitutionIds: ['verde-valencia'],
      deadline: '2027-01-21T13:42:36.338Z',
      expiredAt: '2027-01-21T13:42:37.000Z',
    },
  },
  {
    type: 'MouRenewalReminderSent',
    data: {
      partnershipId: 'rtrit-2026',
      version: 3,
      validUntil: '2028-11-21',
      reminderNumber: 1,
      sentAt: '2028-09-22T08:00:00.000Z',
    },
  },
  {
    type: 'MouRenewalEscalated',
    data: {
      partnershipId: 'rtrit-2026',
      version: 3,
      validUntil: '2028-11-21',
      level: 'coordinator',
      afterReminders: 3,
      escalatedAt: '2028-10-01T08:00:00.000Z',
    },
  },
];

const MOBILITY_SIGNALS = [
  '{"checkpoint":"000000000001","type":"MobilityPlanned","recordedAt":"2026-11-22T13:00:01.000Z","data":{"partnershipId":"rtrit-2026","sendingInstitutionId":"rtrit","plannedStart":"2027-02-01","plannedEnd":"2027-04-30","unitIds":["eco-trail","guidebook"]}}',
  '{"checkpoint":"000000000002","type":"LearningAgreementVersionDrafted","recordedAt":"2026-11-22T13:00:02.000Z","data":{"version":2,"requiredSignatories":["sending-school","host","learner","guardian"],"plannedStart":"2027-02-08","plannedEnd":"2027-05-07","unitIds":["eco-trail"]}}',
  '{"checkpoint":"000000000003","type":"LearningAgreementSigned","recordedAt":"2026-11-22T13:00:03.000Z","data":{"version":2,"role":"guardian"}}',
  '{"checkpoint":"000000000004","type":"LearningAgreementDeclined","recordedAt":"2026-11-22T13:00:04.000Z","data":{"version":2,"role":"learner"}}',
  '{"checkpoint":"000000000005","type":"LearningAgreementFullySigned","recordedAt":"2026-11-22T13:00:05.000Z","data":{"version":2}}',
  '{"checkpoint":"000000000006","type":"SignatureReminderSent","recordedAt":"2026-11-22T13:00:06.000Z","data":{"version":2,"role":"learner","reminderNumber":3,"sentAt":"2026-11-22T13:42:41.000Z"}}',
  '{"checkpoint":"000000000007","type":"SignatureRequestEscalated","recordedAt":"2026-11-22T13:00:07.000Z","data":{"version":2,"role":"learner","level":"head"}}',
  '{"checkpoint":"000000000008","type":"SignatureRequestExpired","recordedAt":"2026-11-22T13:00:08.000Z","data":{"version":2,"deadline":"2027-02-08T00:00:00.000Z"}}',
  '{"checkpoint":"000000000009","type":"MobilityStarted","recordedAt":"2026-11-22T13:00:09.000Z","data":{"actualStart":"2027-02-09"}}',
  '{"checkpoint":"000000000010","type":"MobilityEnded","recordedAt":"2026-11-22T13:00:10.000Z","data":{"actualEnd":"2027-05-06"}}',
  '{"checkpoint":"000000000011","type":"TranscriptIssued","recordedAt":"2026-11-22T13:00:11.000Z","data":{}}',
  '{"checkpoint":"000000000012","type":"UnitRecognised","recordedAt":"2026-11-22T13:00:12.000Z","data":{"unitId":"eco-trail"}}',
  '{"checkpoint":"000000000013","type":"UnitRecognitionRefused","recordedAt":"2026-11-22T13:00:13.000Z","data":{"unitId":"guidebook"}}',
  '{"checkpoint":"000000000014","type":"StepReminderSent","recordedAt":"2026-11-22T13:00:14.000Z","data":{"reminderNumber":2,"sentAt":"2027-05-12T08:00:00.000Z","step":"assessment","deadline":"2027-05-20T00:00:00.000Z"}}',
  '{"checkpoint":"000000000015","type":"StepReminderSent","recordedAt":"2026-11-22T13:00:15.000Z","data":{"reminderNumber":1,"sentAt":"2027-02-07T08:00:00.000Z","step":"start"}}',
  '{"checkpoint":"000000000016","type":"StepEscalated","recordedAt":"2026-11-22T13:00:16.000Z","data":{"level":"coordinator","step":"recognition"}}',
  '{"checkpoint":"000000000017","type":"StepDeadlineMissed","recordedAt":"2026-11-22T13:00:17.000Z","data":{"step":"assessment","deadline":"2027-05-20T00:00:00.000Z"}}',
  '{"checkpoint":"000000000018","type":"MobilityCompleted","recordedAt":"2026-11-22T13:00:18.000Z","data":{}}',
  '{"checkpoint":"000000000019","type":"MobilityCancelled","recordedAt":"2026-11-22T13:00:19.000Z","data":{}}',
];
const PARTNERSHIP_SIGNALS = [
  '{"checkpoint":"000000000020","type":"PartnershipProposed","recordedAt":"2026-11-22T13:00:20.000Z","data":{"coordinatorInstitutionId":"rtrit","requiredParties":["rtrit","verde-valencia"]}}',
  '{"checkpoint":"000000000021","type":"PartnerAdded","recordedAt":"2026-11-22T13:00:21.000Z","data":{"institutionId":"kfz-leipzig","role":"host","supersededVersion":1}}',
  '{"checkpoint":"000000000022","type":"PartnerAdded","recordedAt":"2026-11-22T13:00:22.000Z","data":{"institutionId":"nature-kuopio","role":"intermediary"}}',
  '{"checkpoint":"000000000023","type":"PartnerRemoved","recordedAt":"2026-11-22T13:00:23.000Z","data":{"institutionId":"kfz-leipzig","supersededVersion":2}}',
  '{"checkpoint":"000000000024","type":"PartnerRemoved","recordedAt":"2026-11-22T13:00:24.000Z","data":{"institutionId":"nature-kuopio"}}',
  '{"checkpoint":"000000000025","type":"MouVersionDrafted","recordedAt":"2026-11-22T13:00:25.000Z","data":{"version":3,"validFrom":"2026-09-01","validUntil":"2028-11-21"}}',
  '{"checkpoint":"000000000026","type":"MouVersionDrafted","recordedAt":"2026-11-22T13:00:26.000Z","data":{"version":4,"validFrom":"2028-11-22","validUntil":"2030-11-21","renewalOf":3}}',
  '{"checkpoint":"000000000027","type":"MouSigned","recordedAt":"2026-11-22T13:00:27.000Z","data":{"version":3,"institutionId":"rtrit"}}',
  '{"checkpoint":"000000000028","type":"MouFullySigned","recordedAt":"2026-11-22T13:00:28.000Z","data":{"version":3,"validFrom":"2026-09-01","validUntil":"2028-11-21"}}',
  '{"checkpoint":"000000000029","type":"MouDeclined","recordedAt":"2026-11-22T13:00:29.000Z","data":{"version":3,"institutionId":"verde-valencia"}}',
  '{"checkpoint":"000000000030","type":"PartnershipTerminated","recordedAt":"2026-11-22T13:00:30.000Z","data":{"effectiveOn":"2027-12-31"}}',
  '{"checkpoint":"000000000031","type":"PartnershipReminderPolicySet","recordedAt":"2026-11-22T13:00:31.000Z","data":{}}',
  '{"checkpoint":"000000000032","type":"MouSignatureReminderSent","recordedAt":"2026-11-22T13:00:32.000Z","data":{"version":3,"institutionId":"verde-valencia","reminderNumber":2,"sentAt":"2026-11-27T08:00:00.000Z"}}',
  '{"checkpoint":"000000000033","type":"MouSignatureRequestEscalated","recordedAt":"2026-11-22T13:00:33.000Z","data":{"version":3,"institutionId":"verde-valencia","level":"coordinator","afterReminders":3}}',
  '{"checkpoint":"000000000034","type":"MouSignatureRequestExpired","recordedAt":"2026-11-22T13:00:34.000Z","data":{"version":3,"deadline":"2027-01-21T13:42:36.338Z","pendingInstitutionIds":["verde-valencia"]}}',
  '{"checkpoint":"000000000035","type":"MouRenewalReminderSent","recordedAt":"2026-11-22T13:00:35.000Z","data":{"version":3,"validUntil":"2028-11-21","reminderNumber":1,"sentAt":"2028-09-22T08:00:00.000Z"}}',
  '{"checkpoint":"000000000036","type":"MouRenewalEscalated","recordedAt":"2026-11-22T13:00:36.000Z","data":{"version":3,"validUntil":"2028-11-21","level":"coordinator","afterReminders":3}}',
];

let position = 0;
const recorded = (stream: string, e: { type: string; data: Record<string, unknown> }) => {
  position += 1;
  return {
    id: `e-${position}`,
    stream,
    type: e.type,
    version: position,
    position: BigInt(position),
    checkpoint: String(position).padStart(12, '0'),
    data: e.data,
    metadata: {},
    recordedAt: new Date(Date.UTC(2026, 10, 22, 13, 0, position)),
    hash: '',
    prevHash: '',
  } as unknown as RecordedEvent;
};

const PERSONAL = [
  'Ingus',
  'Ozol',
  'Ilze',
  'Aino',
  'Marta',
  '@',
  '+371',
  '2010-05-01',
  '203.0.113.7',
  'Firefox',
  'BTA',
  'signing-link',
  'legal name',
  'Street',
  'ill',
  'moved away',
  'closed',
  'disagrees',
  'P2D',
];

describe.each([
  {
    name: 'mobility',
    stream: 'Mobility-mob-ingus',
    events: MOBILITY_EVENTS,
    signals: MOBILITY_SIGNALS,
    followed: BRIDGED_MOBILITY_EVENTS,
    summarise: summariseMobilityEvent,
    firstPosition: 1,
  },
  {
    name: 'partnership',
    stream: 'Partnership-rtrit-2026',
    events: PARTNERSHIP_EVENTS,
    signals: PARTNERSHIP_SIGNALS,
    followed: BRIDGED_PARTNERSHIP_EVENTS,
    summarise: summarisePartnershipEvent,
    // The expected signals were recorded after the mobility's, in one sequence.
    firstPosition: MOBILITY_EVENTS.length + 1,
  },
])('the $name bridge', ({ stream, events, signals, followed, summarise, firstPosition }) => {
  beforeEach(() => (position = firstPosition - 1));

  it('serialises each summary exactly as recorded histories hold it', () =>
    expect(events.map((e) => JSON.stringify(summarise(recorded(stream, e))))).toEqual(signals));

  it('follows exactly the types of its contract (and each is covered here)', () =>
    expect([...new Set(events.map((e) => e.type))].sort()).toEqual([...followed].sort()));

  it('lets no personal data through', () => {
    const all = events.map((e) => JSON.stringify(summarise(recorded(stream, e)))).join('\n');
    for (const secret of PERSONAL) expect(all).not.toContain(secret);
  });

  it('refuses an event type the workflow does not follow', () =>
    expect(() => summarise(recorded(stream, { type: 'FeedbackSubmitted', data: {} }))).toThrow(
      /not an event the workflows follow/,
    ));
});
