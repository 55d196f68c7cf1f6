import lv from '../../i18n/locales/lv/mobility.json';
import en from '../../i18n/locales/en/mobility.json';
import { actorOf, describeEvent, historyUntil, MOBILITY_EVENT_TYPES, type Part } from './timeline';

type Catalogue = Record<string, unknown>;
const lookup = (catalogue: Catalogue, key: string): unknown =>
  key.split('.').reduce<unknown>((node, k) => (node as Catalogue | undefined)?.[k], catalogue);

/** Sample data of each event type, as the history answers it. */
const SAMPLES: Record<string, Record<string, unknown>> = {
  MobilityPlanned: { terms: { plannedPeriod: { start: '2027-03-01', end: '2027-03-28' } } },
  MobilityPlanWarningRaised: { message: 'too long' },
  LearningAgreementVersionDrafted: { version: 2, amendmentReason: 'dates moved' },
  LearningAgreementSigned: {
    version: 1,
    role: 'host',
    signer: { name: 'Ilze' },
    authMethod: 'signing-link',
  },
  LearningAgreementDeclined: { version: 1, role: 'learner', reason: 'no' },
  LearningAgreementFullySigned: { version: 1 },
  MobilityStarted: { actualStart: '2027-03-01' },
  MentorCheckInRecorded: {
    mentor: 'host',
    channel: 'video',
    heldOn: '2027-03-08',
    wellbeing: 'good',
  },
  IncidentReported: { severity: 'low', occurredOn: '2027-03-09' },
  FormativeAssessmentRecorded: { unitId: 'u1' },
  FinalAssessmentRecorded: { unitId: 'u1', result: 'partly-achieved' },
  MobilityEnded: { actualEnd: '2027-03-28' },
  TranscriptIssued: { issuedBy: 'Hotel Sol' },
  UnitValidated: { unitId: 'u1', decision: 'not-validated', validatedBy: 'Ilze' },
  UnitRecognised: { unitId: 'u1', kind: 'part-of-module', moduleId: 'm1' },
  UnitRecognitionRefused: { unitId: 'u1', rationale: 'x' },
  CertificateIssued: { issuedBy: 'RTRIT' },
  FeedbackSubmitted: { from: 'sending-school', rating: 5 },
  MobilityCompleted: {},
  MobilityCancelled: { reason: 'illness' },
  SignatureReminderSent: { reminderNumber: 2, role: 'guardian', version: 1 },
  SignatureRequestEscalated: { role: 'guardian', version: 1, level: 'head' },
  SignatureRequestExpired: {
    version: 1,
    deadline: '2027-03-01',
    pendingRoles: ['learner', 'guardian'],
  },
  StepReminderSent: { reminderNumber: 1, step: 'assessment' },
  StepEscalated: { step: 'recognition', level: 'coordinator' },
  StepDeadlineMissed: { step: 'assessment', deadline: '2027-04-11' },
  SigningLinkReissued: { role: 'learner', version: 1 },
  SigningLinkDisclosed: { role: 'learner', version: 1 },
};

const terms = (part: Part): string[] =>
  'term' in part ? [part.term] : 'terms' in part ? part.terms : [];

describe('the timeline in words', () => {
  it.each(MOBILITY_EVENT_TYPES)('%s has a sentence in both languages, with every term', (type) => {
    const { key, values } = describeEvent({ type, data: SAMPLES[type] ?? {} });
    expect(key).not.toBe('timeline.event.unknown');
    for (const catalogue of [lv, en]) {
      const sentence = lookup(catalogue, key);
      expect(typeof sentence).toBe('string');
      for (const name of Object.keys(values)) expect(sentence).toContain(`{{${name}}}`);
      for (const term of Object.values(values).flatMap(terms))
        expect(typeof lookup(catalogue, term)).toBe('string');
    }
  });

  it('words the host signing as the brief asks', () => {
    const { key, values } = describeEvent({
      type: 'LearningAgreementSigned',
      data: SAMPLES.LearningAgreementSigned,
    });
    expect(values.role).toEqual({ term: 'role.host' });
    const sentence = String(lookup(lv, key)).replace('{{role}}', String(lookup(lv, 'role.host')));
    expect(sentence).toMatch(/^Līgumu parakstīja uzņēmēja iestāde/);
    const english = String(lookup(en, key)).replace('{{role}}', String(lookup(en, 'role.host')));
    expect(english).toMatch(/^The host signed the agreement/);
  });

  it('variants: an amendment, a unit not validated, part of a module', () => {
    expect(
      describeEvent({ type: 'LearningAgreementVersionDrafted', data: { version: 1 } }).key,
    ).toBe('timeline.event.LearningAgreementVersionDrafted');
    expect(
      describeEvent({
        type: 'LearningAgreementVersionDrafted',
        data: SAMPLES.LearningAgreementVersionDrafted,
      }).key,
    ).toBe('timeline.event.LearningAgreementVersionDrafted_amended');
    expect(describeEvent({ type: 'UnitValidated', data: SAMPLES.UnitValidated }).key).toBe(
      'timeline.event.UnitValidated_not',
    );
    expect(describeEvent({ type: 'UnitRecognised', data: SAMPLES.UnitRecognised }).key).toBe(
      'timeline.event.UnitRecognised_part',
    );
  });

  it('a redacted personal field is named as such, an unknown type by its name', () => {
    const signed = describeEvent({
      type: 'LearningAgreementSigned',
      data: { ...SAMPLES.LearningAgreementSigned, signer: { name: { $redacted: true } } },
    });
    expect(signed.values.signer).toEqual({ redacted: true });
    expect(describeEvent({ type: 'SomethingNew', data: {} })).toEqual({
      key: 'timeline.event.unknown',
      values: { type: { text: 'SomethingNew' } },
    });
  });

  it('who did it: a person with role and institution, the workflow, a signing link', () => {
    expect(
      actorOf({
        metadata: { actor: { id: 'account:a1', role: 'coordinator', institutionId: 'rtrit' } },
      }),
    ).toEqual({ kind: 'person', id: 'account:a1', role: 'coordinator', institutionId: 'rtrit' });
    expect(actorOf({ metadata: { actor: { id: 'system:workflow', role: 'system' } } }).kind).toBe(
      'workflow',
    );
    expect(
      actorOf({
        metadata: { actor: { id: 'signatory:x', role: 'signatory', via: 'signing-link' } },
      }).kind,
    ).toBe('signing-link');
    expect(actorOf({ metadata: {} }).kind).toBe('unknown');
  });

  it('as of a version: the events up to it', () => {
    const entries = [1, 2, 3, 4].map((version) => ({ version }));
    expect(historyUntil(entries, 2)).toEqual([{ version: 1 }, { version: 2 }]);
  });
});
