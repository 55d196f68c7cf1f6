import { givenFor } from '../../test/given';
import {
  AT,
  draft,
  end,
  fullySigned,
  hashOf,
  partnership,
  plan,
  qualification,
  run,
  sign,
  start,
} from '../../test/mobility-fixtures';
import type { MobilityCommand } from './mobility.commands';
import { mobilityDecider } from './mobility.decider';
import { MobilityRules as R } from './mobility.errors';
import type { SignatoryRole } from './mobility.events';

const given = givenFor(mobilityDecider);
const drafted = () => run([plan, draft]);
const remind = (role: SignatoryRole, reminderNumber: number, version = 1): MobilityCommand => ({
  type: 'SendSignatureReminder',
  data: { mobilityId: 'm-1', version, role, reminderNumber },
  at: AT,
});
const escalate = (
  role: SignatoryRole,
  level: 'coordinator' | 'head' = 'coordinator',
): MobilityCommand => ({
  type: 'EscalateSignatureRequest',
  data: { mobilityId: 'm-1', version: 1, role, level, afterReminders: 3 },
  at: AT,
});
const expire: MobilityCommand = {
  type: 'ExpireSignatureRequest',
  data: { mobilityId: 'm-1', version: 1, deadline: '2027-03-01T00:00:00.000Z' },
  at: AT,
};
const stepReminder = (
  step: 'assessment' | 'recognition' | 'start' | 'end',
  n = 1,
): MobilityCommand => ({
  type: 'SendStepReminder',
  data: { mobilityId: 'm-1', step, reminderNumber: n },
  at: AT,
});

describe('Mobility: reminders, escalation and expiry', () => {
  it('a signatory who has not signed is reminded, reminders numbered from 1', () =>
    given(drafted())
      .when(remind('learner', 1))
      .then([
        {
          type: 'SignatureReminderSent',
          data: { mobilityId: 'm-1', version: 1, role: 'learner', reminderNumber: 1, sentAt: AT },
        },
      ]));
  it('the same reminder again (a retried activity) records nothing', () =>
    given(run([remind('learner', 1)], drafted()))
      .when(remind('learner', 1))
      .then([]));
  it('a reminder that skips a number is refused', () =>
    given(drafted()).when(remind('learner', 2)).thenRejects(R.ReminderOutOfOrder));
  it('a signatory who has signed is never reminded', () => {
    const events = drafted();
    given(run([sign('learner', 1, hashOf(events))], events))
      .when(remind('learner', 1))
      .thenRejects(R.ReminderNotPending);
  });
  it('nobody is reminded about a superseded version', () =>
    given(
      run(
        [
          {
            type: 'AmendLearningAgreement',
            data: {
              mobilityId: 'm-1',
              changes: { lifeSkills: [] },
              reason: 'r',
              partnership,
              qualification,
            },
            at: AT,
          },
        ],
        drafted(),
      ),
    )
      .when(remind('host', 1, 1))
      .thenRejects(R.ReminderNotPending));
  it('a guardian is not reminded about an adult’s agreement', () =>
    given(drafted()).when(remind('guardian', 1)).thenRejects(R.ReminderNotPending));
  it('a request is escalated once per level', () =>
    given(run([escalate('host')], drafted()))
      .when(escalate('host'))
      .then([]));
  it('escalation to the head of the institution is a separate step', () =>
    given(run([escalate('host')], drafted()))
      .when(escalate('host', 'head'))
      .thenMatches([{ type: 'SignatureRequestEscalated', data: { level: 'head' } }]));
  it('expiry records who had not signed by the deadline', () => {
    const events = drafted();
    given(run([sign('host', 1, hashOf(events))], events))
      .when(expire)
      .thenMatches([
        { type: 'SignatureRequestExpired', data: { pendingRoles: ['sending-school', 'learner'] } },
      ]);
  });
  it('an expired request gets no more reminders', () =>
    given(run([expire], drafted()))
      .when(remind('learner', 1))
      .thenRejects(R.ReminderNotPending));
  it('a fully signed agreement cannot expire', () =>
    given(fullySigned()).when(expire).thenRejects(R.ReminderNotPending));
  it('the host is reminded of the assessment only once the mobility has ended', () => {
    given(run([start], fullySigned()))
      .when(stepReminder('assessment'))
      .thenRejects(R.StepNotAwaited);
    given(run([start, end], fullySigned()))
      .when(stepReminder('assessment'))
      .thenMatches([{ type: 'StepReminderSent', data: { step: 'assessment', reminderNumber: 1 } }]);
  });
  it('the start is awaited once the agreement is fully signed', () =>
    given(fullySigned())
      .when(stepReminder('start'))
      .thenMatches([{ type: 'StepReminderSent', data: { step: 'start' } }]));
  it('a missed deadline is recorded once', () => {
    const missed: MobilityCommand = {
      type: 'RecordStepDeadlineMissed',
      data: { mobilityId: 'm-1', step: 'assessment', deadline: '2027-06-14' },
      at: AT,
    };
    given(run([start, end, missed], fullySigned()))
      .when(missed)
      .then([]);
  });
});
