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

describe('Mobility: signing links sent afresh', () => {
  const reissue = (role: SignatoryRole, version = 1): MobilityCommand => ({
    type: 'ReissueSigningLink',
    data: { mobilityId: 'm-1', version, role },
    at: AT,
  });
  const disclose = (role: SignatoryRole, linkId = 'evt-1'): MobilityCommand => ({
    type: 'DiscloseSigningLink',
    data: { mobilityId: 'm-1', version: 1, role, linkId },
    at: AT,
  });
  const declined: MobilityCommand = {
    type: 'DeclineLearningAgreement',
    data: {
      mobilityId: 'm-1',
      version: 1,
      role: 'host',
      signer: { id: 'host', name: 'Marta Ruiz', email: 'marta@example.es' },
      reason: 'the period does not suit us',
    },
    at: AT,
  };

  it('a signatory the current version awaits gets a fresh link', () =>
    given(drafted())
      .when(reissue('learner'))
      .then([
        {
          type: 'SigningLinkReissued',
          data: { mobilityId: 'm-1', version: 1, role: 'learner', reissuedAt: AT },
        },
      ]));
  it('each reissue is a link of its own (the one before it stops working)', () =>
    given(run([reissue('learner')], drafted()))
      .when(reissue('learner'))
      .thenMatches([{ type: 'SigningLinkReissued', data: { role: 'learner' } }]));
  it('changes nothing a decision depends on', () => {
    const events = drafted();
    const state = events.reduce(mobilityDecider.evolve, mobilityDecider.initialState);
    for (const event of run([reissue('host'), disclose('host')], events).slice(events.length))
      expect(mobilityDecider.evolve(state, event)).toBe(state);
  });
  it('not for a signatory who has signed', () => {
    const events = drafted();
    given(run([sign('learner', 1, hashOf(events))], events))
      .when(reissue('learner'))
      .thenRejects(R.LinkNotPending);
  });
  it('not for a version an amendment has replaced', () =>
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
      .when(reissue('host', 1))
      .thenRejects(R.StaleVersion));
  it('not for a role that does not sign (an adult’s guardian)', () =>
    given(drafted()).when(reissue('guardian')).thenRejects(R.LinkNotPending));
  it('not once the version has been declined, nor before an agreement is drafted', () => {
    given(run([declined], drafted()))
      .when(reissue('learner'))
      .thenRejects(R.LinkNotPending);
    given(run([plan]))
      .when(reissue('learner'))
      .thenRejects(R.AgreementMissing);
  });
  it('still after the request expired: the agreement may be signed late', () =>
    given(
      run(
        [
          {
            type: 'ExpireSignatureRequest',
            data: { mobilityId: 'm-1', version: 1, deadline: '2027-03-01T00:00:00.000Z' },
            at: AT,
          },
        ],
        drafted(),
      ),
    )
      .when(reissue('learner'))
      .thenMatches([{ type: 'SigningLinkReissued' }]));
  it('not for a cancelled mobility', () =>
    given(
      run(
        [
          {
            type: 'CancelMobility',
            data: { mobilityId: 'm-1', reason: 'learner withdrew', cancelledOn: '2027-02-01' },
            at: AT,
          },
        ],
        drafted(),
      ),
    )
      .when(reissue('learner'))
      .thenRejects(R.Cancelled));
  it('the disclosure of a link kept locally is recorded, for a pending signatory only', () => {
    given(drafted())
      .when(disclose('learner', 'evt-7'))
      .then([
        {
          type: 'SigningLinkDisclosed',
          data: {
            mobilityId: 'm-1',
            version: 1,
            role: 'learner',
            linkId: 'evt-7',
            disclosedAt: AT,
          },
        },
      ]);
    const events = drafted();
    given(run([sign('host', 1, hashOf(events))], events))
      .when(disclose('host'))
      .thenRejects(R.LinkNotPending);
  });
});
