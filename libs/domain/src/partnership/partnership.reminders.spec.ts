import { givenFor } from '../../test/given';
import {
  AT,
  P,
  amended,
  content,
  drafted,
  proposed,
  signed,
  signedV1,
  stateAfter,
} from '../../test/partnership-fixtures';
import type { PartnershipCommand } from './partnership.commands';
import { partnershipDecider } from './partnership.decider';
import type { PartnershipEvent } from './partnership.events';
import { PartnershipRules as R } from './partnership.errors';

const given = givenFor(partnershipDecider);
const awaiting = (): PartnershipEvent[] => [proposed, drafted(1)];
const remind = (
  institutionId: string,
  reminderNumber: number,
  version = 1,
): PartnershipCommand => ({
  type: 'SendMouSignatureReminder',
  data: { partnershipId: P, version, institutionId, reminderNumber },
  at: AT,
});
const escalate = (
  institutionId: string,
  level: 'coordinator' | 'head' = 'coordinator',
): PartnershipCommand => ({
  type: 'EscalateMouSignatureRequest',
  data: { partnershipId: P, version: 1, institutionId, level, afterReminders: 3 },
  at: AT,
});
const DEADLINE = '2027-01-30T09:00:00.000Z';
const expire = (version = 1): PartnershipCommand => ({
  type: 'ExpireMouSignatureRequest',
  data: { partnershipId: P, version, deadline: DEADLINE },
  at: DEADLINE,
});
const renewalReminder = (
  reminderNumber: number,
  at = '2027-11-01T09:00:00.000Z',
  validUntil = content.validUntil,
): PartnershipCommand => ({
  type: 'SendMouRenewalReminder',
  data: { partnershipId: P, version: 1, validUntil, reminderNumber },
  at,
});
const escalateRenewal = (level: 'coordinator' | 'head' = 'coordinator'): PartnershipCommand => ({
  type: 'EscalateMouRenewal',
  data: { partnershipId: P, version: 1, validUntil: content.validUntil, level, afterReminders: 3 },
  at: '2027-11-10T09:00:00.000Z',
});
/** The events the decider records for these commands, in order, on top of `events`. */
const run = (commands: PartnershipCommand[], events: PartnershipEvent[]): PartnershipEvent[] =>
  commands.reduce(
    (log, command) => [...log, ...partnershipDecider.decide(command, stateAfter(log))],
    events,
  );
const terminated: PartnershipEvent = {
  type: 'PartnershipTerminated',
  data: {
    partnershipId: P,
    reason: 'the host closed',
    effectiveOn: '2026-12-31',
    terminatedAt: AT,
  },
};
const renewalDrafted = drafted(
  2,
  { ...content, validFrom: '2028-01-01', validUntil: '2028-12-31' },
  { renewalOf: 1 },
);

describe('MoU signatures: reminders', () => {
  it('a party that has not signed is reminded, reminders numbered from 1', () =>
    given(awaiting())
      .when(remind('host-it', 1))
      .then([
        {
          type: 'MouSignatureReminderSent',
          data: {
            partnershipId: P,
            version: 1,
            institutionId: 'host-it',
            reminderNumber: 1,
            sentAt: AT,
          },
        },
      ]));
  it('the next reminder follows the last one', () =>
    given(run([remind('host-it', 1)], awaiting()))
      .when(remind('host-it', 2))
      .thenMatches([{ type: 'MouSignatureReminderSent', data: { reminderNumber: 2 } }]));
  it('the same reminder again (a retried activity) records nothing', () =>
    given(run([remind('host-it', 1), remind('host-it', 2)], awaiting()))
      .when(remind('host-it', 1))
      .then([]));
  it('a reminder that skips a number is refused', () =>
    given(awaiting()).when(remind('host-it', 2)).thenRejects(R.ReminderOutOfOrder));
  it('reminders are counted per party', () =>
    given(run([remind('host-it', 1)], awaiting()))
      .when(remind('rvt', 1))
      .thenMatches([{ type: 'MouSignatureReminderSent', data: { institutionId: 'rvt' } }]));
  it('a party that has signed is never reminded', () =>
    given([...awaiting(), signed('host-it')])
      .when(remind('host-it', 1))
      .thenRejects(R.ReminderNotPending));
  it('an institution that is not a party is not reminded', () =>
    given(awaiting()).when(remind('host-trattoria', 1)).thenRejects(R.ReminderNotPending));
  it('nobody is reminded about a superseded version', () =>
    given([...awaiting(), drafted(2, amended)])
      .when(remind('host-it', 1, 1))
      .thenRejects(R.ReminderNotPending));
  it('the new version restarts the count', () =>
    given([...run([remind('host-it', 1)], awaiting()), drafted(2, amended)])
      .when(remind('host-it', 1, 2))
      .thenMatches([
        { type: 'MouSignatureReminderSent', data: { version: 2, reminderNumber: 1 } },
      ]));
  it('nobody is reminded about a fully signed version', () =>
    given(signedV1).when(remind('host-it', 1)).thenRejects(R.ReminderNotPending));
  it('nobody is reminded about a declined version', () =>
    given([
      ...awaiting(),
      {
        type: 'MouDeclined',
        data: {
          partnershipId: P,
          version: 1,
          institutionId: 'host-it',
          reason: 'r',
          declinedAt: AT,
        },
      },
    ])
      .when(remind('rvt', 1))
      .thenRejects(R.ReminderNotPending));
  it('an expired request gets no more reminders', () =>
    given(run([expire()], awaiting()))
      .when(remind('host-it', 1))
      .thenRejects(R.ReminderNotPending));
  it('nobody is reminded once the partnership is terminated', () =>
    given([...awaiting(), terminated])
      .when(remind('host-it', 1))
      .thenRejects(R.Terminated));
});

describe('MoU signatures: escalation', () => {
  it('an unanswered request is escalated to the coordinator', () =>
    given(awaiting())
      .when(escalate('host-it'))
      .then([
        {
          type: 'MouSignatureRequestEscalated',
          data: {
            partnershipId: P,
            version: 1,
            institutionId: 'host-it',
            level: 'coordinator',
            afterReminders: 3,
            escalatedAt: AT,
          },
        },
      ]));
  it('a request is escalated once per level', () =>
    given(run([escalate('host-it')], awaiting()))
      .when(escalate('host-it'))
      .then([]));
  it('escalation to the head of the institution is a separate step', () =>
    given(run([escalate('host-it')], awaiting()))
      .when(escalate('host-it', 'head'))
      .thenMatches([{ type: 'MouSignatureRequestEscalated', data: { level: 'head' } }]));
  it('a party that has signed is not escalated', () =>
    given([...awaiting(), signed('host-it')])
      .when(escalate('host-it'))
      .thenRejects(R.ReminderNotPending));
});

describe('MoU signatures: expiry', () => {
  it('expiry records which parties had not signed by the deadline', () =>
    given([...awaiting(), signed('rvt')])
      .when(expire())
      .then([
        {
          type: 'MouSignatureRequestExpired',
          data: {
            partnershipId: P,
            version: 1,
            pendingInstitutionIds: ['host-it'],
            deadline: DEADLINE,
            expiredAt: DEADLINE,
          },
        },
      ]));
  it('a request expires once', () =>
    given(run([expire()], awaiting()))
      .when(expire())
      .then([]));
  it('a fully signed version cannot expire', () =>
    given(signedV1).when(expire()).thenRejects(R.ReminderNotPending));
  it('a superseded version cannot expire', () =>
    given([...awaiting(), drafted(2, amended)])
      .when(expire(1))
      .thenRejects(R.ReminderNotPending));
});

describe('MoU renewal: reminders', () => {
  it('the MoU in force is reminded of its renewal before its validity ends', () =>
    given(signedV1)
      .when(renewalReminder(1))
      .then([
        {
          type: 'MouRenewalReminderSent',
          data: {
            partnershipId: P,
            version: 1,
            validUntil: '2027-12-31',
            reminderNumber: 1,
            sentAt: '2027-11-01T09:00:00.000Z',
          },
        },
      ]));
  it('the same renewal reminder again records nothing', () =>
    given(run([renewalReminder(1)], signedV1))
      .when(renewalReminder(1))
      .then([]));
  it('a renewal reminder that skips a number is refused', () =>
    given(signedV1).when(renewalReminder(2)).thenRejects(R.ReminderOutOfOrder));
  it('no renewal reminder once a newer version is drafted', () =>
    given([...signedV1, renewalDrafted])
      .when(renewalReminder(1))
      .thenRejects(R.RenewalNotPending));
  it('no renewal reminder for a version that is not fully signed', () =>
    given(awaiting()).when(renewalReminder(1)).thenRejects(R.RenewalNotPending));
  it('no renewal reminder after the validity has ended', () =>
    given(signedV1)
      .when(renewalReminder(1, '2028-01-01T09:00:00.000Z'))
      .thenRejects(R.RenewalNotPending));
  it('no renewal reminder for another validity than the version’s', () =>
    given(signedV1)
      .when(renewalReminder(1, undefined, '2027-06-30'))
      .thenRejects(R.RenewalNotPending));
  it('no renewal reminder once the partnership is terminated', () =>
    given([...signedV1, terminated])
      .when(renewalReminder(1))
      .thenRejects(R.Terminated));
  it('unanswered renewal reminders are escalated, once per level', () => {
    given(signedV1)
      .when(escalateRenewal())
      .thenMatches([
        {
          type: 'MouRenewalEscalated',
          data: { version: 1, level: 'coordinator', afterReminders: 3 },
        },
      ]);
    given(run([escalateRenewal()], signedV1))
      .when(escalateRenewal())
      .then([]);
  });
});

describe('MoU reminders: state', () => {
  it('keeps the counts of reminders, escalations and expiries', () => {
    const state = stateAfter(
      run(
        [
          remind('host-it', 1),
          remind('host-it', 2),
          escalate('host-it'),
          remind('rvt', 1),
          expire(),
        ],
        awaiting(),
      ),
    );
    expect(state.reminders).toEqual(
      new Map([
        ['1/host-it', 2],
        ['1/rvt', 1],
      ]),
    );
    expect(state.escalations).toEqual(new Set(['1/host-it/coordinator']));
    expect(state.expiredVersions).toEqual(new Set([1]));
    expect(stateAfter(run([renewalReminder(1), escalateRenewal()], signedV1))).toMatchObject({
      renewalReminders: new Map([[1, 1]]),
      escalations: new Set(['renewal/1/coordinator']),
    });
  });
});
