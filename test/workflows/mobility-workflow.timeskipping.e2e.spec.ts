import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import {
  resolvePolicy,
  type ReminderPolicy,
} from '../../libs/domain/src/reminders/reminder-policy';
import type { MobilityActivities } from '../../workflows/mobility.activities';
import type { MobilityAction } from '../../workflows/mobility-schedule';
import type { MobilityBridgedEvent } from '../../workflows/mobility-signal';
import { mobilityWorkflow } from '../../workflows/mobility.workflow';
import { temporalExecutable } from '../support/temporal';

/**
 * Long timers on the time-skipping server: the default policy (days, quiet hours in Riga), the
 * signature deadline at the planned start, the host's assessment deadline after the end. The
 * activities are in-memory here (they record what the workflow asked for); the real ones are
 * exercised end to end on the dev server (mobility-reminders.e2e.spec.ts).
 */
jest.setTimeout(120_000);

const DAY = 86_400_000;
let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const calls: Array<{ at: number; action: MobilityAction }> = [];
let policy: ReminderPolicy = resolvePolicy();
/** When set, loadReminderPolicy waits for it (a policy load that outlasts the signals). */
let policyGate: { loading: () => void; released: Promise<void> } | undefined;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: temporalExecutable('test-server') },
  });
  const activities: MobilityActivities = {
    loadReminderPolicy: async () => {
      const gate = policyGate;
      if (gate) {
        gate.loading();
        await gate.released;
      }
      return policy;
    },
    recordMobilityReminder: (_mobilityId, action) => {
      calls.push({ at: Date.now(), action });
      return Promise.resolve({ recorded: true });
    },
  };
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'mobility-ts',
    workflowsPath: require.resolve('../../workflows/mobility.workflow'),
    activities,
  });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

let checkpoint = 0;
/** A summary as the bridge signals it (partial data: the schedule tolerates missing fields). */
const event = (type: string, data: Record<string, unknown>, at: number) =>
  ({
    checkpoint: String(++checkpoint).padStart(12, '0'),
    type,
    recordedAt: new Date(at).toISOString(),
    data,
  }) as MobilityBridgedEvent;
const dateIn = (now: number, days: number) => new Date(now + days * DAY).toISOString().slice(0, 10);

type Handle = Awaited<ReturnType<typeof start>>['handle'];
/** Everyone signs version 1, then the mobility starts and ends (on `endedOn`). */
async function signStartAndEnd(handle: Handle, now: number, endedOn: string): Promise<void> {
  for (const role of ['sending-school', 'host', 'learner'])
    await handle.signal(
      'mobilityEvent',
      event('LearningAgreementSigned', { version: 1, role }, now),
    );
  await handle.signal('mobilityEvent', event('LearningAgreementFullySigned', { version: 1 }, now));
  await handle.signal('mobilityEvent', event('MobilityStarted', {}, now));
  await handle.signal('mobilityEvent', event('MobilityEnded', { actualEnd: endedOn }, now));
}

async function start(id: string, plannedStartInDays: number, historyLimit?: number) {
  const now = await env.currentTimeMs();
  const handle = await env.client.workflow.start(mobilityWorkflow, {
    workflowId: `mobility-${id}`,
    taskQueue: 'mobility-ts',
    args: [{ mobilityId: id, ...(historyLimit !== undefined && { historyLimit }) }],
  });
  await handle.signal(
    'mobilityEvent',
    event(
      'MobilityPlanned',
      {
        partnershipId: 'p-1',
        sendingInstitutionId: 'rtrit',
        plannedStart: dateIn(now, plannedStartInDays),
        plannedEnd: dateIn(now, plannedStartInDays + 60),
        unitIds: ['u1'],
      },
      now,
    ),
  );
  await handle.signal(
    'mobilityEvent',
    event(
      'LearningAgreementVersionDrafted',
      {
        version: 1,
        requiredSignatories: ['sending-school', 'host', 'learner'],
      },
      now,
    ),
  );
  return { handle, now };
}

describe('the mobility workflow on the time-skipping server', () => {
  it('reminds after 2 days, then every 3, escalates after 3, and expires at the planned start', async () => {
    policy = resolvePolicy();
    calls.length = 0;
    const { handle, now } = await start('ts-1', 20);
    await handle.signal(
      'mobilityEvent',
      event('LearningAgreementSigned', { version: 1, role: 'sending-school' }, now),
    );
    await env.sleep('25 days');
    const status = await handle.query<any>('status');
    const c = status.track.collection;
    // Reminders 1..6 fit before the deadline (day 2, 5, 8, 11, 14, 17), give or take quiet hours.
    expect(c.reminders).toEqual({ host: 6, learner: 6 });
    expect(c.reminders['sending-school']).toBeUndefined();
    expect(c.escalated.host).toEqual(['coordinator', 'head']);
    expect(c.expired).toBe(true);
    const firstHost = calls.find((x) => x.action.kind === 'remind' && x.action.role === 'host')!;
    expect(firstHost.action).toMatchObject({ reminderNumber: 1 });
    const expire = calls.find((x) => x.action.kind === 'expire')!;
    expect(expire.action).toMatchObject({
      version: 1,
      deadline: `${dateIn(now, 20)}T00:00:00.000Z`,
    });
    // The last reminder went out at least 2 + 5 × 3 days after the request.
    expect(c.lastSentAt.host - now).toBeGreaterThanOrEqual(17 * DAY);
    expect(c.lastSentAt.host - now).toBeLessThan(18 * DAY);
  });

  it('an amendment restarts collection on the new version; a signed signatory is not reminded', async () => {
    policy = resolvePolicy();
    const { handle } = await start('ts-2', 60);
    await env.sleep('6 days'); // reminders 1 and 2 for everyone
    const t = await env.currentTimeMs();
    await handle.signal(
      'mobilityEvent',
      event(
        'LearningAgreementVersionDrafted',
        {
          version: 2,
          requiredSignatories: ['sending-school', 'host', 'learner'],
        },
        t,
      ),
    );
    await handle.signal(
      'mobilityEvent',
      event('LearningAgreementSigned', { version: 2, role: 'learner' }, t),
    );
    await env.sleep('3 days');
    const c = (await handle.query<any>('status')).track.collection;
    expect(c.version).toBe(2);
    expect(c.reminders).toEqual({ 'sending-school': 1, host: 1 });
  });

  it('continues as new when its history grows, carrying what it knows', async () => {
    policy = resolvePolicy();
    const { handle, now } = await start('ts-can', 20, 40);
    await env.sleep('25 days');
    const description = await handle.describe();
    expect(description.runId).not.toBe(handle.firstExecutionRunId);
    const c = (await handle.query<any>('status')).track.collection;
    expect(c.reminders).toEqual({ 'sending-school': 6, host: 6, learner: 6 });
    expect(c.expired).toBe(true);
    expect(c.requestedAt).toBe(now);
  });

  it('awaits the host’s assessment after the end and records the missed deadline', async () => {
    policy = resolvePolicy({ escalateAfter: 2, escalateToHeadAfter: 10 });
    calls.length = 0;
    const { handle, now } = await start('ts-3', 1);
    const endedOn = dateIn(now, 0);
    await signStartAndEnd(handle, now, endedOn);
    await env.sleep('16 days');
    const status = await handle.query<any>('status');
    expect(status.track.steps.assessment).toMatchObject({
      missed: true,
      escalated: ['coordinator'],
    });
    const missed = calls.find((x) => x.action.kind === 'step-missed')!;
    expect(missed.action).toEqual({
      kind: 'step-missed',
      step: 'assessment',
      deadline: new Date(Date.parse(`${endedOn}T00:00:00Z`) + 14 * DAY).toISOString(),
    });
    await handle.signal('mobilityEvent', event('MobilityCancelled', {}, now));
    expect(await handle.result()).toBe('cancelled');
  });

  it('ends when the signals that complete it arrive while its reminder policy is loading', async () => {
    // Found by the fault suite: after a worker or bridge restart the bridge delivers a whole
    // stream at once, and the mobility can be completed before the workflow's first policy load
    // returns. The workflow then waited for a change that could not come.
    policy = resolvePolicy();
    let release!: () => void;
    let loading!: () => void;
    const loadingStarted = new Promise<void>((resolve) => (loading = resolve));
    policyGate = { loading, released: new Promise<void>((resolve) => (release = resolve)) };
    try {
      const { handle, now } = await start('ts-finished-while-loading', 1);
      await loadingStarted;
      await signStartAndEnd(handle, now, dateIn(now, 0));
      await handle.signal('mobilityEvent', event('MobilityCompleted', {}, now));
      release();
      // Once stuck, no timer is pending, and awaiting the result would let the time-skipping
      // server run the clock out to the run's time-out: poll in real time instead.
      let status = (await handle.describe()).status.name;
      for (let waited = 0; status === 'RUNNING' && waited < 15_000; waited += 200) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        status = (await handle.describe()).status.name;
      }
      expect(status).toBe('COMPLETED');
      expect(await handle.result()).toBe('completed');
    } finally {
      policyGate = undefined;
    }
  });
});
