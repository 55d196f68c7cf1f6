import { resolvePolicy } from '../libs/domain/src/reminders/reminder-policy';
import type { BridgedEvent } from './bridged-event';
import { applyEvent, dueActions, newTrack, phaseOf, type MobilityTrack } from './mobility-schedule';

const DAY = 86_400_000;
const T0 = Date.parse('2027-01-04T10:00:00.000Z'); // a Monday, 12:00 in Riga
const policy = resolvePolicy({
  firstReminderAfter: 'P2D',
  repeatEvery: 'P3D',
  escalateAfter: 2,
  escalateToHeadAfter: 4,
  quietHoursStart: null,
  quietHoursEnd: null,
});
let n = 0;
const ev = (type: string, data: Record<string, unknown>, at = T0): BridgedEvent => ({
  checkpoint: String(++n).padStart(10, '0'),
  type,
  recordedAt: new Date(at).toISOString(),
  data,
});
function planned(): MobilityTrack {
  const t = newTrack('m-1');
  applyEvent(
    t,
    ev('MobilityPlanned', {
      partnershipId: 'p',
      plannedStart: '2027-03-01',
      plannedEnd: '2027-05-31',
      unitIds: ['u1', 'u2'],
    }),
  );
  applyEvent(
    t,
    ev('LearningAgreementVersionDrafted', {
      version: 1,
      requiredSignatories: ['sending-school', 'host', 'learner'],
    }),
  );
  return t;
}
const next = (t: MobilityTrack) => dueActions(t, policy, true);

describe('mobility schedule', () => {
  it('reminds every pending signatory first after N', () => {
    const reminders = next(planned()).filter((d) => d.action.kind === 'remind');
    expect(reminders.map((d) => [d.action.kind === 'remind' && d.action.role, d.at - T0])).toEqual([
      ['sending-school', 2 * DAY],
      ['host', 2 * DAY],
      ['learner', 2 * DAY],
    ]);
  });

  it('then every M after the last reminder', () => {
    const t = planned();
    applyEvent(
      t,
      ev('SignatureReminderSent', {
        version: 1,
        role: 'learner',
        reminderNumber: 1,
        sentAt: new Date(T0 + 2 * DAY).toISOString(),
      }),
    );
    const learner = next(t).find((d) => d.action.kind === 'remind' && d.action.role === 'learner')!;
    expect(learner.at - T0).toBe(5 * DAY);
    expect(learner.action).toMatchObject({ reminderNumber: 2 });
  });

  it('after downtime, reminders resume spaced by M rather than in a burst', () => {
    const t = planned();
    const late = T0 + 20 * DAY;
    applyEvent(
      t,
      ev('SignatureReminderSent', {
        version: 1,
        role: 'learner',
        reminderNumber: 1,
        sentAt: new Date(late).toISOString(),
      }),
    );
    const learner = next(t).find((d) => d.action.kind === 'remind' && d.action.role === 'learner')!;
    expect(learner.at).toBe(late + 3 * DAY);
  });

  it('a signatory who has signed is never reminded', () => {
    const t = planned();
    applyEvent(t, ev('LearningAgreementSigned', { version: 1, role: 'host' }));
    expect(next(t).some((d) => d.action.kind === 'remind' && d.action.role === 'host')).toBe(false);
  });

  it('escalates to the coordinator after K reminders, then to the head', () => {
    const t = planned();
    for (const k of [1, 2])
      applyEvent(
        t,
        ev('SignatureReminderSent', { version: 1, role: 'learner', reminderNumber: k }),
      );
    expect(next(t)[0].action).toEqual({
      kind: 'escalate',
      version: 1,
      role: 'learner',
      level: 'coordinator',
      afterReminders: 2,
    });
    applyEvent(
      t,
      ev('SignatureRequestEscalated', { version: 1, role: 'learner', level: 'coordinator' }),
    );
    for (const k of [3, 4])
      applyEvent(
        t,
        ev('SignatureReminderSent', { version: 1, role: 'learner', reminderNumber: k }),
      );
    expect(next(t)[0].action).toMatchObject({ kind: 'escalate', level: 'head' });
  });

  it('expires at the deadline (the planned start) and reminds no one after it', () => {
    const t = planned();
    const all = next(t);
    const expire = all.find((d) => d.action.kind === 'expire')!;
    expect(new Date(expire.at).toISOString()).toBe('2027-03-01T00:00:00.000Z');
    for (let k = 1; k <= 30; k++)
      applyEvent(
        t,
        ev('SignatureReminderSent', {
          version: 1,
          role: 'host',
          reminderNumber: k,
          sentAt: new Date(T0 + k * 3 * DAY).toISOString(),
        }),
      );
    expect(
      next(t).some(
        (d) => d.action.kind === 'remind' && d.action.role === 'host' && d.at >= expire.at,
      ),
    ).toBe(false);
    applyEvent(t, ev('SignatureRequestExpired', { version: 1 }));
    expect(next(t).filter((d) => ['remind', 'expire'].includes(d.action.kind))).toEqual([]);
  });

  it('an amendment restarts the collection on the new version', () => {
    const t = planned();
    applyEvent(t, ev('LearningAgreementSigned', { version: 1, role: 'host' }));
    applyEvent(t, ev('SignatureReminderSent', { version: 1, role: 'learner', reminderNumber: 1 }));
    const amendedAt = T0 + 4 * DAY;
    applyEvent(
      t,
      ev(
        'LearningAgreementVersionDrafted',
        { version: 2, requiredSignatories: ['sending-school', 'host', 'learner'] },
        amendedAt,
      ),
    );
    const reminders = next(t).filter((d) => d.action.kind === 'remind');
    expect(reminders).toHaveLength(3);
    expect(
      reminders.every(
        (d) =>
          d.action.kind === 'remind' &&
          d.action.version === 2 &&
          d.action.reminderNumber === 1 &&
          d.at === amendedAt + 2 * DAY,
      ),
    ).toBe(true);
  });

  it('ignores an event it has already seen (at or below its checkpoint)', () => {
    const t = planned();
    const signed = ev('LearningAgreementSigned', { version: 1, role: 'host' });
    expect(applyEvent(t, signed)).toBe(true);
    expect(applyEvent(t, { ...signed, data: { version: 1, role: 'learner' } })).toBe(false);
    expect(t.collection!.signed).toEqual(['host']);
  });

  it('awaits the host’s assessment after the end, with its deadline', () => {
    const t = planned();
    applyEvent(t, ev('LearningAgreementFullySigned', { version: 1 }));
    applyEvent(t, ev('MobilityStarted', {}));
    applyEvent(
      t,
      ev('MobilityEnded', { actualEnd: '2027-05-31' }, Date.parse('2027-05-31T15:00:00Z')),
    );
    expect(phaseOf(t)).toBe('awaiting-assessment');
    const actions = next(t).map((d) => d.action);
    expect(actions).toContainEqual({
      kind: 'step-missed',
      step: 'assessment',
      deadline: '2027-06-14T00:00:00.000Z',
    });
    expect(actions).toContainEqual(
      expect.objectContaining({ kind: 'step-reminder', step: 'assessment', reminderNumber: 1 }),
    );
  });

  it('awaits recognition once the transcript is issued, until every unit is decided', () => {
    const t = planned();
    applyEvent(t, ev('MobilityStarted', {}));
    applyEvent(t, ev('MobilityEnded', { actualEnd: '2027-05-31' }));
    applyEvent(t, ev('TranscriptIssued', {}));
    applyEvent(t, ev('UnitRecognised', { unitId: 'u1' }));
    expect(
      next(t).some((d) => d.action.kind === 'step-reminder' && d.action.step === 'recognition'),
    ).toBe(true);
    applyEvent(t, ev('UnitRecognitionRefused', { unitId: 'u2' }));
    expect(phaseOf(t)).toBe('recognised');
    expect(next(t)).toEqual([]);
  });

  it('does nothing more once the mobility is cancelled', () => {
    const t = planned();
    applyEvent(t, ev('MobilityCancelled', {}));
    expect(next(t)).toEqual([]);
  });
});
