import { resolvePolicy } from '../libs/domain/src/reminders/reminder-policy';
import {
  applyPartnershipEvent,
  newPartnershipTrack,
  partnershipDueActions,
  partnershipPhaseOf,
  type PartnershipAction,
  type PartnershipTrack,
} from './partnership-schedule';
import type { PartnershipBridgedEvent } from './partnership-signal';

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
  it('reminds every party that has not signed, first after N from the draft', () => {
    const reminders = ofKind(awaiting(), 'remind');
    expect(
      reminders.map((d) => [d.action.institutionId, d.action.reminderNumber, d.at - T0]),
    ).toEqual([
      ['rvt', 1, 2 * DAY],
      ['host-it', 1, 2 * DAY],
      ['host-trattoria', 1, 2 * DAY],
    ]);
  });

  it('then every M after the last reminder', () => {
    const t = awaiting();
    reminded(t, 'host-it', 1, T0 + 2 * DAY);
    const host = ofKind(t, 'remind').find((d) => d.action.institutionId === 'host-it')!;
    expect(host.at - T0).toBe(5 * DAY);
    expect(host.action.reminderNumber).toBe(2);
  });

  it('after downtime, reminders resume spaced by M rather than in a burst', () => {
    const t = awaiting();
    reminded(t, 'host-it', 1, T0 + 10 * DAY);
    const host = ofKind(t, 'remind').find((d) => d.action.institutionId === 'host-it')!;
    expect(host.at).toBe(T0 + 13 * DAY);
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

  it('expires at the draft plus the signature deadline and reminds no one after it', () => {
    const t = awaiting();
    const [expire] = ofKind(t, 'expire');
    expect(expire.at).toBe(T0 + 30 * DAY);
    expect(expire.action).toEqual({
      kind: 'expire',
      version: 1,
      deadline: new Date(T0 + 30 * DAY).toISOString(),
    });
    for (let k = 1; k <= 10; k++) reminded(t, 'rvt', k, T0 + 2 * DAY + (k - 1) * 3 * DAY);
    // Days 2, 5, …, 29; the eleventh would be due on day 32, after the deadline.
    expect(ofKind(t, 'remind').some((d) => d.action.institutionId === 'rvt')).toBe(false);
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

  it('waits for the end of quiet hours (Riga) before reminding', () => {
    const quiet = resolvePolicy({ firstReminderAfter: 'P2D', repeatEvery: 'P3D' });
    const t = newPartnershipTrack('p-1');
    applyPartnershipEvent(t, ev('PartnershipProposed', { requiredParties: ['rvt', 'host-it'] }));
    // Drafted at 21:30 in Riga (19:30 UTC in winter): two days later is within quiet hours.
    applyPartnershipEvent(t, draftedEvent(1, Date.parse('2027-01-04T19:30:00.000Z')));
    const [first] = partnershipDueActions(t, quiet).filter((d) => d.action.kind === 'remind');
    expect(new Date(first.at).toISOString()).toBe('2027-01-07T06:00:00.000Z'); // 08:00 in Riga
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

  it('then every M, up to K times, then escalates', () => {
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
