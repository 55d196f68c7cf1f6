import { resolvePolicy } from '../libs/domain/src/reminders/reminder-policy';
import {
  partnershipActionOutcome,
  partnershipDueActions,
  partnershipPhaseOf,
  partnershipReminderKeptLater,
  rewindPartnershipReminder,
  type PartnershipAction,
} from './partnership-schedule';
import {
  applyPartnershipEvent,
  foldPartnershipEvent,
  newPartnershipTrack,
  type PartnershipTrack,
} from './partnership-track';
import type { PartnershipBridgedEvent } from './partnership-signal';
import type { ActionOutcome } from './schedule';

const DAY = 86_400_000;
const T0 = Date.parse('2027-01-04T10:00:00.000Z'); // a Monday, 12:00 in Riga
const policy = resolvePolicy({
  firstReminderAfter: 'P2D',
  repeatEvery: 'P3D',
  escalateAfter: 2,
  escalateToHeadAfter: 4,
  mouSignatureDeadline: 'P30D',
  renewalReminderBeforeExpiry: 'P60D',
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
  }) as PartnershipBridgedEvent;
const draftedEvent = (version: number, at = T0) =>
  ev('MouVersionDrafted', { version, validFrom: '2027-02-01', validUntil: '2028-01-31' }, at);
function awaiting(): PartnershipTrack {
  const t = newPartnershipTrack('p-1');
  applyPartnershipEvent(
    t,
    ev('PartnershipProposed', {
      coordinatorInstitutionId: 'rvt',
      requiredParties: ['rvt', 'host-it', 'host-trattoria'],
    }),
  );
  applyPartnershipEvent(t, draftedEvent(1));
  return t;
}
function inForce(validUntil = '2028-01-31'): PartnershipTrack {
  const t = awaiting();
  for (const institutionId of ['rvt', 'host-it', 'host-trattoria'])
    applyPartnershipEvent(t, ev('MouSigned', { version: 1, institutionId }));
  applyPartnershipEvent(
    t,
    ev('MouFullySigned', { version: 1, validFrom: '2027-02-01', validUntil }, T0 + DAY),
  );
  return t;
}
const next = (t: PartnershipTrack) => partnershipDueActions(t, policy);
const ofKind = <K extends PartnershipAction['kind']>(t: PartnershipTrack, kind: K) =>
  next(t).filter((d) => d.action.kind === kind) as Array<{
    at: number;
    action: Extract<PartnershipAction, { kind: K }>;
  }>;
const reminded = (t: PartnershipTrack, institutionId: string, k: number, at?: number) =>
  applyPartnershipEvent(
    t,
    ev('MouSignatureReminderSent', {
      version: t.collection!.version,
      institutionId,
      reminderNumber: k,
      ...(at !== undefined && { sentAt: new Date(at).toISOString() }),
    }),
  );

describe('partnership schedule: MoU signatures', () => {
  // The ladder itself (N, M, K, quiet hours, the deadline) is tested once, in
  // libs/domain/src/reminders/reminder-ladder.spec.ts; here, what the partnership puts on it.
  it('chases every party that has not signed on the ladder from the draft', () => {
    const reminders = ofKind(awaiting(), 'remind');
    expect(
      reminders.map((d) => [d.action.institutionId, d.action.reminderNumber, d.at - T0]),
    ).toEqual([
      ['rvt', 1, 2 * DAY],
      ['host-it', 1, 2 * DAY],
      ['host-trattoria', 1, 2 * DAY],
    ]);
  });

  it('a party that has signed is never reminded', () => {
    const t = awaiting();
    applyPartnershipEvent(t, ev('MouSigned', { version: 1, institutionId: 'host-it' }));
    expect(ofKind(t, 'remind').map((d) => d.action.institutionId)).toEqual([
      'rvt',
      'host-trattoria',
    ]);
  });

  it('escalates to the coordinator after K reminders, then to the head', () => {
    const t = awaiting();
    for (const k of [1, 2]) reminded(t, 'host-it', k);
    expect(next(t)[0].action).toEqual({
      kind: 'escalate',
      version: 1,
      institutionId: 'host-it',
      level: 'coordinator',
      afterReminders: 2,
    });
    applyPartnershipEvent(
      t,
      ev('MouSignatureRequestEscalated', {
        version: 1,
        institutionId: 'host-it',
        level: 'coordinator',
      }),
    );
    expect(ofKind(t, 'escalate')).toEqual([]);
    for (const k of [3, 4]) reminded(t, 'host-it', k);
    expect(next(t)[0].action).toMatchObject({
      kind: 'escalate',
      institutionId: 'host-it',
      level: 'head',
      afterReminders: 4,
    });
  });

  it('expires at the draft plus the signature deadline, then chases no one', () => {
    const t = awaiting();
    const [expire] = ofKind(t, 'expire');
    expect(expire).toEqual({
      at: T0 + 30 * DAY,
      action: { kind: 'expire', version: 1, deadline: new Date(T0 + 30 * DAY).toISOString() },
    });
    applyPartnershipEvent(t, ev('MouSignatureRequestExpired', { version: 1 }));
    expect(next(t)).toEqual([]);
    expect(partnershipPhaseOf(t)).toBe('mou-expired');
  });
  it('a new version restarts the collection from its own draft', () => {
    const t = awaiting();
    applyPartnershipEvent(t, ev('MouSigned', { version: 1, institutionId: 'host-it' }));
    reminded(t, 'rvt', 1);
    const amendedAt = T0 + 4 * DAY;
    applyPartnershipEvent(t, draftedEvent(2, amendedAt));
    const reminders = ofKind(t, 'remind');
    expect(reminders).toHaveLength(3);
    expect(
      reminders.every(
        (d) =>
          d.action.version === 2 && d.action.reminderNumber === 1 && d.at === amendedAt + 2 * DAY,
      ),
    ).toBe(true);
    expect(ofKind(t, 'expire')[0].at).toBe(amendedAt + 30 * DAY);
  });

  it('a change of parties supersedes the version; the next one asks the new party too', () => {
    const t = awaiting();
    applyPartnershipEvent(
      t,
      ev('PartnerAdded', { institutionId: 'host-bologna', role: 'host', supersededVersion: 1 }),
    );
    expect(next(t)).toEqual([]);
    expect(partnershipPhaseOf(t)).toBe('mou-superseded');
    applyPartnershipEvent(t, draftedEvent(2));
    expect(ofKind(t, 'remind').map((d) => d.action.institutionId)).toContain('host-bologna');
  });

  it('a declined version is not chased', () => {
    const t = awaiting();
    applyPartnershipEvent(t, ev('MouDeclined', { version: 1, institutionId: 'host-it' }));
    expect(next(t)).toEqual([]);
    expect(partnershipPhaseOf(t)).toBe('mou-declined');
  });

  it('ignores an event it has already seen (at or below its checkpoint)', () => {
    const t = awaiting();
    const signed = ev('MouSigned', { version: 1, institutionId: 'host-it' });
    expect(applyPartnershipEvent(t, signed)).toBe(true);
    const again = ev('MouSigned', { version: 1, institutionId: 'rvt' });
    expect(applyPartnershipEvent(t, { ...again, checkpoint: signed.checkpoint })).toBe(false);
    expect(t.collection!.signed).toEqual(['host-it']);
  });
});

describe('partnership schedule: renewal', () => {
  it('reminds to renew the MoU in force before its validity ends', () => {
    const t = inForce();
    expect(partnershipPhaseOf(t)).toBe('mou-signed');
    expect(next(t)).toEqual([
      {
        at: Date.parse('2028-01-31T00:00:00.000Z') - 60 * DAY,
        action: {
          kind: 'renewal-reminder',
          version: 1,
          validUntil: '2028-01-31',
          reminderNumber: 1,
        },
      },
    ]);
  });

  it('then every M, up to K times, then only the coordinator is told', () => {
    const t = inForce();
    const first = Date.parse('2028-01-31T00:00:00.000Z') - 60 * DAY;
    applyPartnershipEvent(
      t,
      ev('MouRenewalReminderSent', {
        version: 1,
        reminderNumber: 1,
        sentAt: new Date(first).toISOString(),
      }),
    );
    expect(next(t)[0]).toEqual({
      at: first + 3 * DAY,
      action: { kind: 'renewal-reminder', version: 1, validUntil: '2028-01-31', reminderNumber: 2 },
    });
    applyPartnershipEvent(t, ev('MouRenewalReminderSent', { version: 1, reminderNumber: 2 }));
    expect(next(t).map((d) => d.action)).toEqual([
      {
        kind: 'renewal-escalate',
        version: 1,
        validUntil: '2028-01-31',
        level: 'coordinator',
        afterReminders: 2,
      },
    ]);
    applyPartnershipEvent(t, ev('MouRenewalEscalated', { version: 1, level: 'coordinator' }));
    expect(next(t)).toEqual([]);
  });

  it('stops when the validity has ended', () => {
    // Valid for a few days only: the next reminder would come after the last valid day.
    const t = inForce('2027-02-10');
    applyPartnershipEvent(
      t,
      ev('MouRenewalReminderSent', {
        version: 1,
        reminderNumber: 1,
        sentAt: '2027-02-09T10:00:00.000Z',
      }),
    );
    expect(next(t)).toEqual([]);
  });

  it('no renewal reminder once a newer version is drafted; the renewed one is followed next', () => {
    const t = inForce();
    applyPartnershipEvent(t, draftedEvent(2, T0 + 300 * DAY));
    expect(ofKind(t, 'renewal-reminder')).toEqual([]);
    for (const institutionId of ['rvt', 'host-it', 'host-trattoria'])
      applyPartnershipEvent(t, ev('MouSigned', { version: 2, institutionId }));
    applyPartnershipEvent(
      t,
      ev('MouFullySigned', { version: 2, validFrom: '2028-02-01', validUntil: '2029-01-31' }),
    );
    expect(ofKind(t, 'renewal-reminder').map((d) => d.action)).toEqual([
      { kind: 'renewal-reminder', version: 2, validUntil: '2029-01-31', reminderNumber: 1 },
    ]);
  });

  it('does nothing more once the partnership is terminated', () => {
    const t = awaiting();
    applyPartnershipEvent(t, ev('PartnershipTerminated', { effectiveOn: '2027-02-01' }));
    expect(next(t)).toEqual([]);
    const signed = inForce();
    applyPartnershipEvent(signed, ev('PartnershipTerminated', { effectiveOn: '2027-02-01' }));
    expect(next(signed)).toEqual([]);
    expect(partnershipPhaseOf(signed)).toBe('terminated');
  });

  it('notes a new reminder policy so the workflow reloads it', () => {
    const t = awaiting();
    const set = ev('PartnershipReminderPolicySet', {});
    applyPartnershipEvent(t, set);
    expect(t.policyCheckpoint).toBe(set.checkpoint);
  });
});

describe('partnership schedule: what an action recorded', () => {
  const now = T0 + 2 * DAY;
  const act = (t: PartnershipTrack, action: PartnershipAction, outcome: ActionOutcome) => {
    for (const e of partnershipActionOutcome(t, action, outcome, now)) foldPartnershipEvent(t, e);
  };
  const remind = {
    kind: 'remind',
    version: 1,
    institutionId: 'host-it',
    reminderNumber: 1,
  } as const;

  it('is folded at once, as the bridged event will be: a reminder is not asked twice', () => {
    const t = awaiting();
    act(t, remind, { recorded: true });
    expect(t.collection!.reminders).toEqual({ 'host-it': 1 });
    const host = ofKind(t, 'remind').find((d) => d.action.institutionId === 'host-it');
    expect(host).toEqual({ at: now + 3 * DAY, action: { ...remind, reminderNumber: 2 } });
    const folded = structuredClone(t);
    reminded(t, 'host-it', 1, now - 5);
    expect({ ...t, lastCheckpoint: '' }).toEqual({ ...folded, lastCheckpoint: '' });
  });

  it('an expiry and a renewal reminder are folded the same way', () => {
    const t = awaiting();
    act(t, ofKind(t, 'expire')[0].action, { recorded: true });
    expect(partnershipPhaseOf(t)).toBe('mou-expired');
    const signed = inForce();
    act(signed, ofKind(signed, 'renewal-reminder')[0].action, { recorded: true });
    expect(signed.renewal).toMatchObject({ reminders: 1, lastSentAt: now });
  });

  it('a refusal because the partnership was terminated ends the workflow', () => {
    const t = awaiting();
    act(t, remind, { recorded: false, rule: 'partnership.terminated' });
    expect(t.status).toBe('terminated');
    expect(next(t)).toEqual([]);
  });

  it('keeps a later reminder the bridge delivered meanwhile; histories from before set it back', () => {
    const t = awaiting();
    for (const k of [1, 2]) reminded(t, 'host-it', k, now);
    act(t, remind, { recorded: true });
    expect(t.collection!.reminders['host-it']).toBe(2);
    expect(partnershipReminderKeptLater(t, remind, now)).toBe(true);
    rewindPartnershipReminder(t, remind, now);
    expect(t.collection!.reminders['host-it']).toBe(1);
    expect(partnershipReminderKeptLater(t, remind, now)).toBe(false);
  });
});
