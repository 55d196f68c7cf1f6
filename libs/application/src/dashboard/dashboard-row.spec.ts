import fc from 'fast-check';
import { DEFAULT_REMINDER_POLICY, resolvePolicy } from '@ecvet/domain';
import {
  dashboardRow,
  MOBILITY_PHASES,
  SIGNATORY_ROLES,
  type MobilityDocument,
} from './dashboard-row';

const day = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 11, 31) })
  .map((t) => new Date(t).toISOString().slice(0, 10));
const email = fc.emailAddress();
const doc: fc.Arbitrary<MobilityDocument> = fc.record({
  mobilityId: fc.stringMatching(/^m-[a-z0-9]{1,8}$/),
  version: fc.integer({ min: 1, max: 500 }),
  phase: fc.constantFrom(...MOBILITY_PHASES),
  partnershipId: fc.constantFrom('p1', 'p2'),
  sendingInstitution: fc.record({ institutionId: fc.constantFrom('s1', 's2') }),
  host: fc.record({
    institutionId: fc.constantFrom('h1', 'h2'),
    country: fc.constantFrom('ES', 'DE'),
  }),
  learner: fc.record({
    name: fc.oneof(fc.string({ minLength: 1 }), fc.constant({ $erased: true })),
  }),
  plannedPeriod: fc.record({ start: day, end: day }),
  actualEnd: fc.option(day, { nil: undefined }),
  mentors: fc.record({ sending: fc.record({ email }), host: fc.record({ email }) }),
  agreement: fc.option(
    fc.record({ pendingSignatories: fc.subarray([...SIGNATORY_ROLES].reverse()) }),
    { nil: undefined },
  ),
  overdue: fc.boolean(),
});
const recordedAt = fc.date({
  min: new Date('2020-01-01'),
  max: new Date('2035-01-01'),
  noInvalidDate: true,
});

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('dashboardRow', () => {
  it('is a function of the document alone: the same input, the same row, through JSON too', () =>
    fc.assert(
      fc.property(doc, recordedAt, (d, at) => {
        const row = dashboardRow(d, at);
        expect(
          dashboardRow(JSON.parse(JSON.stringify(d)) as MobilityDocument, at.toISOString()),
        ).toEqual(row);
        expect(JSON.parse(JSON.stringify(row))).toEqual(row);
      }),
    ));

  it('copies the identifying fields and lowers the mentors’ e-mails', () =>
    fc.assert(
      fc.property(doc, recordedAt, (d, at) => {
        const row = dashboardRow(d, at);
        expect(row).toMatchObject({
          mobilityId: d.mobilityId,
          version: d.version,
          phase: d.phase,
          partnershipId: d.partnershipId,
          sendingInstitutionId: d.sendingInstitution.institutionId,
          hostInstitutionId: d.host.institutionId,
          hostCountry: d.host.country,
          plannedStart: d.plannedPeriod?.start,
          plannedEnd: d.plannedPeriod?.end,
          overdue: d.overdue,
          updatedAt: at.toISOString(),
        });
        expect(row.sendingMentorEmail).toBe(String(d.mentors?.sending?.email).toLowerCase());
        expect(row.learnerName).toBe(typeof d.learner?.name === 'string' ? d.learner.name : null);
      }),
    ));

  it('waits for exactly the pending signatories, in the roles’ order', () =>
    fc.assert(
      fc.property(doc, recordedAt, (d, at) => {
        const pending = (d.agreement?.pendingSignatories as string[] | undefined) ?? [];
        expect(dashboardRow(d, at).waitingFor).toEqual(
          SIGNATORY_ROLES.filter((r) => pending.includes(r)),
        );
      }),
    ));

  it('has one deadline at most, of the phase’s kind, and it is the next one', () =>
    fc.assert(
      fc.property(doc, recordedAt, (d, at) => {
        const row = dashboardRow(d, at);
        const end = row.actualEnd ?? row.plannedEnd!;
        const expected =
          d.phase === 'awaiting-signatures'
            ? { kind: 'signature', due: row.plannedStart }
            : d.phase === 'awaiting-assessment'
              ? { kind: 'assessment', due: addDays(end, 14) }
              : d.phase === 'awaiting-validation' || d.phase === 'awaiting-recognition'
                ? { kind: 'recognition', due: addDays(end, 56) }
                : null;
        const set = [row.signatureDue, row.assessmentDue, row.recognitionDue].filter(
          (x) => x !== null,
        );
        expect(set.length).toBe(expected ? 1 : 0);
        expect(
          row.nextDeadlineKind === null
            ? null
            : { kind: row.nextDeadlineKind, due: row.nextDeadlineDue },
        ).toEqual(expected);
      }),
    ));

  it('follows the system policy: the signature deadline moves with signatureDeadlineBeforeStart', () =>
    fc.assert(
      fc.property(doc, recordedAt, fc.integer({ min: 0, max: 60 }), (d, at, days) => {
        const policy = resolvePolicy({ signatureDeadlineBeforeStart: `P${days}D` });
        const row = dashboardRow({ ...d, phase: 'awaiting-signatures' }, at, policy);
        expect(row.signatureDue).toBe(addDays(row.plannedStart!, -days));
        expect(dashboardRow(d, at, DEFAULT_REMINDER_POLICY)).toEqual(dashboardRow(d, at));
      }),
    ));
});
