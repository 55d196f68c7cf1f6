import { resolvePolicy } from '../libs/domain/src/reminders/reminder-policy';
import {
  mobilityActionOutcome,
  mobilityDueActions,
  mobilityPhaseOf,
  mobilityReminderKeptLater,
  rewindMobilityReminder,
} from './mobility-schedule';
import {
  applyMobilityEvent,
  foldMobilityEvent,
  newMobilityTrack,
  type MobilityTrack,
} from './mobility-track';
import type { MobilityBridgedEvent } from './mobility-signal';
import type { ActionOutcome } from './schedule';

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
const ev = (type: string, data: Record<string, unknown>, at = T0) =>
  ({
    checkpoint: String(++n).padStart(10, '0'),
    type,
    recordedAt: new Date(at).toISOString(),
    data,
  }) as MobilityBridgedEvent;
function planned(): MobilityTrack {
  const t = newMobilityTrack('m-1');
  applyMobilityEvent(
    t,
    ev('MobilityPlanned', {
      partnershipId: 'p',
      plannedStart: '2027-03-01',
      plannedEnd: '2027-05-31',
      unitIds: ['u1', 'u2'],
    }),
  );
  applyMobilityEvent(
    t,
    ev('LearningAgreementVersionDrafted', {
      version: 1,
      requiredSignatories: ['sending-school', 'host', 'learner'],
    }),
  );
  return t;
}
const next = (t: MobilityTrack) => mobilityDueActions(t, policy, true);

describe('mobility schedule', () => {
  // The ladder itself (N, M, K, quiet hours, the deadline) is tested once, in
  // libs/domain/src/reminders/reminder-ladder.spec.ts; here, what the mobility puts on it.
  it('chases every pending signatory on the ladder from the draft', () => {
    const reminders = next(planned()).filter((d) => d.action.kind === 'remind');
    expect(reminders.map((d) => [d.action.kind === 'remind' && d.action.role, d.at - T0])).toEqual([
      ['sending-school', 2 * DAY],
      ['host', 2 * DAY],
      ['learner', 2 * DAY],
    ]);
  });

  it('a signatory who has signed is never reminded', () => {
    const t = planned();
    applyMobilityEvent(t, ev('LearningAgreementSigned', { version: 1, role: 'host' }));
    expect(next(t).some((d) => d.action.kind === 'remind' && d.action.role === 'host')).toBe(false);
  });

  it('escalates to the coordinator after K reminders, to the head only with the patch', () => {
    const t = planned();
    for (const k of [1, 2])
      applyMobilityEvent(
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
    applyMobilityEvent(
      t,
      ev('SignatureRequestEscalated', { version: 1, role: 'learner', level: 'coordinator' }),
    );
    for (const k of [3, 4])
      applyMobilityEvent(
        t,
        ev('SignatureReminderSent', { version: 1, role: 'learner', reminderNumber: k }),
      );
    expect(next(t)[0].action).toMatchObject({ kind: 'escalate', level: 'head' });
    // Histories from before 'escalate-to-head' replay without it.
    expect(mobilityDueActions(t, policy, false).some((d) => d.action.kind === 'escalate')).toBe(
      false,
    );
  });
  it('expires at the deadline (the planned start), then chases no one', () => {
    const t = planned();
    const expire = next(t).find((d) => d.action.kind === 'expire')!;
    expect(expire).toEqual({
      at: Date.parse('2027-03-01T00:00:00.000Z'),
      action: { kind: 'expire', version: 1, deadline: '2027-03-01T00:00:00.000Z' },
    });
    applyMobilityEvent(t, ev('SignatureRequestExpired', { version: 1 }));
    expect(next(t)).toEqual([]);
    expect(mobilityPhaseOf(t)).toBe('awaiting-signatures');
  });
  it('an amendment restarts the collection on the new version', () => {
    const t = planned();
    applyMobilityEvent(t, ev('LearningAgreementSigned', { version: 1, role: 'host' }));
    applyMobilityEvent(
      t,
      ev('SignatureReminderSent', { version: 1, role: 'learner', reminderNumber: 1 }),
    );
    const amendedAt = T0 + 4 * DAY;
    applyMobilityEvent(
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
    expect(applyMobilityEvent(t, signed)).toBe(true);
    const again = ev('LearningAgreementSigned', { version: 1, role: 'learner' });
    expect(applyMobilityEvent(t, { ...again, checkpoint: signed.checkpoint })).toBe(false);
    expect(t.collection!.signed).toEqual(['host']);
  });

  it('awaits the host’s assessment after the end, with its deadline', () => {
    const t = planned();
    applyMobilityEvent(t, ev('LearningAgreementFullySigned', { version: 1 }));
    applyMobilityEvent(t, ev('MobilityStarted', {}));
    applyMobilityEvent(
      t,
      ev('MobilityEnded', { actualEnd: '2027-05-31' }, Date.parse('2027-05-31T15:00:00Z')),
    );
    expect(mobilityPhaseOf(t)).toBe('awaiting-assessment');
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
    applyMobilityEvent(t, ev('MobilityStarted', {}));
    applyMobilityEvent(t, ev('MobilityEnded', { actualEnd: '2027-05-31' }));
    applyMobilityEvent(t, ev('TranscriptIssued', {}));
    applyMobilityEvent(t, ev('UnitRecognised', { unitId: 'u1' }));
    expect(
      next(t).some((d) => d.action.kind === 'step-reminder' && d.action.step === 'recognition'),
    ).toBe(true);
    applyMobilityEvent(t, ev('UnitRecognitionRefused', { unitId: 'u2' }));
    expect(mobilityPhaseOf(t)).toBe('recognised');
    expect(next(t)).toEqual([]);
  });

  it('does nothing more once the mobility is cancelled', () => {
    const t = planned();
    applyMobilityEvent(t, ev('MobilityCancelled', {}));
    expect(next(t)).toEqual([]);
  });
});

describe('mobility schedule: what an action recorded', () => {
  const remind = { kind: 'remind', version: 1, role: 'learner', reminderNumber: 1 } as const;
  const now = T0 + 2 * DAY;
  const act = (t: MobilityTrack, outcome: ActionOutcome = { recorded: true }) => {
    for (const e of mobilityActionOutcome(remind, outcome, now)) foldMobilityEvent(t, e);
  };

  it('is folded at once, as the bridged event will be: a reminder is not asked twice', () => {
    const t = planned();
    act(t);
    expect(t.collection!.reminders).toEqual({ learner: 1 });
    expect(t.collection!.lastSentAt).toEqual({ learner: now });
    const learner = next(t).find((d) => d.action.kind === 'remind' && d.action.role === 'learner');
    expect(learner).toEqual({ at: now + 3 * DAY, action: { ...remind, reminderNumber: 2 } });
    // The bridged event confirms it later and changes nothing.
    const folded = structuredClone(t);
    applyMobilityEvent(
      t,
      ev('SignatureReminderSent', { ...remind, sentAt: new Date(now - 5).toISOString() }),
    );
    expect({ ...t, lastCheckpoint: '' }).toEqual({ ...folded, lastCheckpoint: '' });
  });

  it('is done even when refused as no longer pending; a cancelled mobility ends the workflow', () => {
    const t = planned();
    act(t, { recorded: false });
    expect(t.collection!.reminders).toEqual({ learner: 1 });
    act(t, { recorded: false, rule: 'mobility.cancelled' });
    expect(t.status).toBe('cancelled');
    expect(next(t)).toEqual([]);
  });

  it('keeps a later reminder the bridge delivered meanwhile; histories from before set it back', () => {
    const t = planned();
    for (const k of [1, 2])
      applyMobilityEvent(
        t,
        ev('SignatureReminderSent', {
          version: 1,
          role: 'learner',
          reminderNumber: k,
          sentAt: new Date(now).toISOString(),
        }),
      );
    act(t);
    expect(t.collection!.reminders.learner).toBe(2);
    expect(mobilityReminderKeptLater(t, remind, now)).toBe(true);
    rewindMobilityReminder(t, remind, now);
    expect(t.collection!.reminders.learner).toBe(1);
    expect(mobilityReminderKeptLater(t, remind, now)).toBe(false);
  });
});
