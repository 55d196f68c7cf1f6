import { Context } from '@temporalio/activity';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import type { RecordedEvent } from '@ecvet/event-store';
import type {
  MouContent,
  PartnershipEvent,
} from '../../libs/domain/src/partnership/partnership.events';
import { outsideQuietHours, resolvePolicy } from '../../libs/domain/src/reminders/reminder-policy';
import { content as mouContent, signature } from '../../libs/domain/test/partnership-fixtures';
import { summarisePartnershipEvent } from '../../apps/worker/src/bridge/partnership-bridged-events';
import type { PartnershipActivities } from '../../workflows/partnership.activities';
import type { PartnershipAction } from '../../workflows/partnership-schedule';
import {
  partnershipEventSignal,
  type PartnershipBridgedEvent,
} from '../../workflows/partnership-signal';
import { partnershipStatusQuery, partnershipWorkflow } from '../../workflows/partnership.workflow';
import { temporalExecutable } from '../support/temporal';

/**
 * Long timers on the time-skipping server with the default policy (days, quiet hours in Riga):
 * MoU signature reminders from the draft, escalation after K, expiry `mouSignatureDeadline`
 * after the draft, a party that signed left alone, the renewal reminder before the validity
 * ends. The activities are in-memory (they record what the workflow asked for); the events go
 * through the bridge's summariser, as in production.
 */
jest.setTimeout(90_000);

const DAY = 86_400_000;
const TASK_QUEUE = 'partnership-ts';
const policy = resolvePolicy();
let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
/** What the workflow asked the activities for, with the (skipped) server time it was asked. */
const calls: Array<{ partnershipId: string; at: number; action: PartnershipAction }> = [];
const policyLoads: string[] = [];
const bridged: PartnershipBridgedEvent[] = [];

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: temporalExecutable('test-server') },
  });
  const activities: PartnershipActivities = {
    loadReminderPolicy: (partnershipId) => {
      policyLoads.push(partnershipId);
      return Promise.resolve(policy);
    },
    recordPartnershipReminder: (partnershipId, action) => {
      const at = Context.current().info.currentAttemptScheduledTimestampMs;
      calls.push({ partnershipId, at, action });
      return Promise.resolve({ recorded: true });
    },
  };
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    workflowsPath: require.resolve('../../workflows/partnership.workflow'),
    activities,
  });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

let position = 0;
/** A domain event as the event store records it, summarised by the bridge and signalled. */
async function deliver(
  handle: WorkflowHandle<typeof partnershipWorkflow>,
  event: PartnershipEvent,
  at: number,
): Promise<void> {
  position += 1;
  const recorded: RecordedEvent = {
    id: `e-${position}`,
    stream: `Partnership-${handle.workflowId}`,
    type: event.type,
    version: position,
    position: BigInt(position),
    checkpoint: String(position).padStart(12, '0'),
    data: event.data as unknown as RecordedEvent['data'],
    metadata: {},
    recordedAt: new Date(at),
    hash: '',
    prevHash: '',
  };
  const summary = summarisePartnershipEvent(recorded);
  bridged.push(summary);
  await handle.signal(partnershipEventSignal, summary);
}

const dateIn = (now: number, days: number) => new Date(now + days * DAY).toISOString().slice(0, 10);
const sleepUntil = async (at: number) => env.sleep(Math.max(1, at - (await env.currentTimeMs())));
const reminders = (partnershipId: string, institutionId?: string) =>
  calls.filter(
    (c) =>
      c.partnershipId === partnershipId &&
      c.action.kind === 'remind' &&
      (institutionId === undefined || c.action.institutionId === institutionId),
  );

/** Days from `from` to `at`, to the minute (an activity starts a few ms after its timer). */
const daysAfter = (from: number, at: number) => Math.round((at - from) / 60_000) / 1440;

const PARTIES = ['rvt', 'host-it', 'host-trattoria'];
const signer = { name: 'Ilze Ozola', role: 'director', email: 'ilze.ozola@example.lv' };

async function start(partnershipId: string, content: MouContent, draftedAt: number) {
  const handle = await env.client.workflow.start(partnershipWorkflow, {
    workflowId: `partnership-${partnershipId}`,
    taskQueue: TASK_QUEUE,
    args: [{ partnershipId }],
  });
  await deliver(
    handle,
    {
      type: 'PartnershipProposed',
      data: {
        partnershipId,
        title: 'Cooks to Bologna',
        parties: PARTIES.map((institutionId, i) => ({
          institutionId,
          role: i === 0 ? 'sending' : 'host',
        })),
        coordinatorInstitutionId: 'rvt',
        proposedAt: new Date(draftedAt).toISOString(),
      },
    },
    draftedAt,
  );
  await deliver(
    handle,
    {
      type: 'MouVersionDrafted',
      data: {
        partnershipId,
        version: 1,
        content,
        contentHash: 'h1',
        voidedSignatures: [],
        draftedAt: new Date(draftedAt).toISOString(),
      },
    },
    draftedAt,
  );
  return handle;
}
const signed = (partnershipId: string, institutionId: string, at: number): PartnershipEvent => ({
  type: 'MouSigned',
  data: {
    ...signature(institutionId, 1, 'h1'),
    partnershipId,
    signer,
    ip: '203.0.113.7',
    userAgent: 'Firefox',
    signedAt: new Date(at).toISOString(),
  },
});

describe('the partnership workflow on the time-skipping server', () => {
  it('collects MoU signatures: reminders at the policy’s times, escalation after K, expiry at the deadline, a party that signed left alone', async () => {
    const now = await env.currentTimeMs();
    // The last 10:00 UTC (12:00 or 13:00 in Riga): every reminder falls outside quiet hours.
    const T0 = now - ((now - 10 * 3_600_000) % DAY);
    const content = { ...mouContent, validFrom: dateIn(T0, 0), validUntil: dateIn(T0, 365) };
    const handle = await start('ts-1', content, T0);
    await deliver(handle, signed('ts-1', 'rvt', T0), T0);

    // First reminder after N (2 days) to each party that has not signed.
    await sleepUntil(T0 + 2 * DAY + 3_600_000);
    let status = await handle.query(partnershipStatusQuery);
    expect(status.phase).toBe('awaiting-signatures');
    expect(status.track.collection!.reminders).toEqual({ 'host-it': 1, 'host-trattoria': 1 });
    expect(reminders('ts-1').map((c) => daysAfter(T0, c.at))).toEqual([2, 2]);

    // Then every M (3 days); host-it signs on day 6.
    await sleepUntil(T0 + 6 * DAY);
    await deliver(handle, signed('ts-1', 'host-it', T0 + 6 * DAY), T0 + 6 * DAY);

    // The third reminder (day 8) is escalated to the coordinator (K = 3).
    await sleepUntil(T0 + 9 * DAY);
    status = await handle.query(partnershipStatusQuery);
    expect(status.track.collection!.reminders).toEqual({ 'host-it': 2, 'host-trattoria': 3 });
    expect(status.track.collection!.escalated).toEqual({ 'host-trattoria': ['coordinator'] });
    expect(reminders('ts-1', 'host-trattoria').map((c) => daysAfter(T0, c.at))).toEqual([2, 5, 8]);
    const escalation = calls.find(
      (c) => c.partnershipId === 'ts-1' && c.action.kind === 'escalate',
    );
    expect(escalation!.action).toEqual({
      kind: 'escalate',
      version: 1,
      institutionId: 'host-trattoria',
      level: 'coordinator',
      afterReminders: 3,
    });
    expect(daysAfter(T0, escalation!.at)).toBe(8);

    // Expiry 60 days after the draft; reminders every 3 days until then, the head after 6.
    await sleepUntil(T0 + 61 * DAY);
    status = await handle.query(partnershipStatusQuery);
    expect(status.phase).toBe('mou-expired');
    expect(status.track.collection!.expired).toBe(true);
    expect(status.track.collection!.escalated).toEqual({
      'host-trattoria': ['coordinator', 'head'],
    });
    const trattoria = reminders('ts-1', 'host-trattoria');
    expect(trattoria.map((c) => daysAfter(T0, c.at))).toEqual(
      Array.from({ length: 20 }, (_, k) => 2 + 3 * k), // days 2, 5, …, 59
    );
    // A party that signed is never reminded again; one that signed at once never at all.
    expect(reminders('ts-1', 'host-it')).toHaveLength(2);
    expect(reminders('ts-1', 'rvt')).toHaveLength(0);
    const expiry = calls.find((c) => c.partnershipId === 'ts-1' && c.action.kind === 'expire')!;
    expect(expiry.action).toEqual({
      kind: 'expire',
      version: 1,
      deadline: new Date(T0 + 60 * DAY).toISOString(),
    });
    expect(daysAfter(T0, expiry.at)).toBe(60);
    // Nothing personal reached Temporal: the bridge summarised the signatures to institution ids.
    const history = JSON.stringify(bridged);
    for (const secret of ['Ilze', 'ilze.ozola@example.lv', '203.0.113.7', 'Firefox'])
      expect(history).not.toContain(secret);
  });

  it('reminds to renew the MoU in force before its validity ends, reloads a new policy, and finishes when terminated', async () => {
    const now = await env.currentTimeMs();
    const content = { ...mouContent, validFrom: dateIn(now, 0), validUntil: dateIn(now, 100) };
    const handle = await start('ts-2', content, now);
    for (const institutionId of PARTIES)
      await deliver(handle, signed('ts-2', institutionId, now), now);
    await deliver(
      handle,
      {
        type: 'MouFullySigned',
        data: {
          partnershipId: 'ts-2',
          version: 1,
          contentHash: 'h1',
          validFrom: content.validFrom,
          validUntil: content.validUntil,
          fullySignedAt: new Date(now).toISOString(),
        },
      },
      now,
    );
    let status = await handle.query(partnershipStatusQuery);
    expect(status.phase).toBe('mou-signed');

    // The first renewal reminder: 60 days before validUntil (moved out of quiet hours).
    const validUntil = Date.parse(`${content.validUntil}T00:00:00.000Z`);
    const first = outsideQuietHours(policy, validUntil - 60 * DAY);
    await sleepUntil(first + 3_600_000);
    const renewal = () =>
      calls.filter((c) => c.partnershipId === 'ts-2' && c.action.kind.startsWith('renewal'));
    expect(renewal().map((c) => c.action)).toEqual([
      {
        kind: 'renewal-reminder',
        version: 1,
        validUntil: content.validUntil,
        reminderNumber: 1,
      },
    ]);
    expect(daysAfter(first, renewal()[0].at)).toBe(0);
    expect(first).toBeLessThan(validUntil);

    // Then every 3 days, 3 times, then the coordinator hears of it.
    await sleepUntil(first + 7 * DAY);
    expect(renewal().map((c) => c.action.kind)).toEqual([
      'renewal-reminder',
      'renewal-reminder',
      'renewal-reminder',
      'renewal-escalate',
    ]);

    // A new policy is reloaded when it is set.
    const loads = policyLoads.filter((id) => id === 'ts-2').length;
    await deliver(
      handle,
      {
        type: 'PartnershipReminderPolicySet',
        data: { partnershipId: 'ts-2', policy: { repeatEvery: 'P2D' }, setAt: '' },
      },
      await env.currentTimeMs(),
    );
    await env.sleep('1 hour');
    expect(policyLoads.filter((id) => id === 'ts-2')).toHaveLength(loads + 1);

    // The partnership ends: the workflow finishes.
    await deliver(
      handle,
      {
        type: 'PartnershipTerminated',
        data: {
          partnershipId: 'ts-2',
          reason: 'the host closed',
          effectiveOn: dateIn(now, 60),
          terminatedAt: new Date(now).toISOString(),
        },
      },
      await env.currentTimeMs(),
    );
    expect(await handle.result()).toBe('terminated');
    status = await handle.query(partnershipStatusQuery);
    expect(status.phase).toBe('terminated');
  });
});
