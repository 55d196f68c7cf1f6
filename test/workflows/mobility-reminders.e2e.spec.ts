import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client, Connection } from '@temporalio/client';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { ApiClient } from '../../infra/demo/api-client';
import { COORDINATOR, demoAccount } from '../../infra/demo/seed-data';
import { runSeedsScenario } from '../../infra/demo/seeds-scenario';
import { freePort } from '../../infra/net';
import {
  startTemporalDevServer,
  type DevServerHandle,
} from '../../infra/temporal/temporal-dev-server';
import { startTestApi, type TestApi } from '../support/api-app';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

/**
 * The whole loop on real servers: API → event log → bridge → mobility workflow (Temporal dev
 * server) → activities → commands → event log. Policy in seconds.
 */
jest.setTimeout(180_000);

const POLICY = {
  firstReminderAfter: 'PT2S',
  repeatEvery: 'PT2S',
  escalateAfter: 2,
  escalateToHeadAfter: 3,
};

let server: DevServerHandle;
let api: TestApi;
let worker: INestApplicationContext | undefined;
let client: ApiClient;
let smtp: SmtpSink;

async function startWorker(): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  app.enableShutdownHooks();
  await app.init();
  return app;
}

async function eventually<T>(
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > until)
      throw new Error(
        `condition not met in time; last value: ${JSON.stringify(value).slice(0, 2000)}`,
      );
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * `RECORD_HISTORIES=1 npx jest --selectProjects e2e test/workflows/mobility-reminders` refreshes
 * test/histories/ from this scenario; `replay-histories.int.spec.ts` replays them in npm test.
 */
function recordHistories(): void {
  for (const id of [
    'mobility-mob-annija',
    'mobility-mob-juris',
    'mobility-mob-ingus',
    'partnership-rtrit-2026',
  ]) {
    // The CLI writes the proto3 JSON that historyFromJSON (and the Web UI's download) reads.
    const json = execFileSync(process.env.TEMPORAL_CLI_PATH!, [
      'workflow',
      'show',
      '--workflow-id',
      id,
      '--address',
      server.address,
      '--output',
      'json',
    ]);
    writeFileSync(join(__dirname, '..', 'histories', `${id}.json`), json);
  }
}

// The sending school's coordinator (the demo's account) follows and amends Ingus's agreement.
const ingus = () => client.as(COORDINATOR.email).get<any>('/mobilities/mob-ingus');
const historyOf = () => client.as(COORDINATOR.email).get<any[]>('/mobilities/mob-ingus/history');

const SEARCH_ATTRIBUTES = {
  EcvetPhase: 'Keyword',
  EcvetInstitution: 'Keyword',
  EcvetOverdue: 'Bool',
};
const temporalDb = join(mkdtempSync(join(tmpdir(), 'ecvet-temporal-')), 'temporal.sqlite');
let temporalPort: number;

beforeAll(async () => {
  // A free port can be taken by the time the dev server binds it (it opens several): try again.
  for (let attempt = 1; ; attempt++) {
    temporalPort = await freePort();
    try {
      server = await startTemporalDevServer({
        cliPath: process.env.TEMPORAL_CLI_PATH!,
        port: temporalPort,
        uiPort: await freePort(),
        dbFile: temporalDb,
        searchAttributes: SEARCH_ATTRIBUTES,
      });
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
  smtp = await startSmtpSink();
  api = await startTestApi('workflows_e2e', {
    SMTP_URL: smtp.url,
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_TASK_QUEUE: 'ecvet-e2e',
    TEMPORAL_SEARCH_ATTRIBUTES: 'on',
    REMINDER_POLICY: JSON.stringify(POLICY),
  });
  await api.app.listen(0, '127.0.0.1');
  client = new ApiClient(
    `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`,
    'wf',
    (email) => api.tokenOf(demoAccount(email)),
  );
  worker = await startWorker();
  await runSeedsScenario(client, {
    annija: 'completed',
    juris: 'under-way',
    ingus: 'awaiting-signatures',
  });
});

afterAll(async () => {
  try {
    if (process.env.RECORD_HISTORIES === '1') recordHistories();
  } finally {
    // Whatever failed above, leave no server behind: each stop runs even if one before it fails.
    const stops = [
      () => worker?.close(),
      () => api?.close(),
      () => server?.stop(),
      () => smtp?.close(),
    ];
    for (const stop of stops) await Promise.resolve(stop()).catch(() => undefined);
  }
});

describe('the mobility workflow', () => {
  it('reminds the pending signatories at the policy’s times and escalates after K reminders', async () => {
    const m = await eventually(
      ingus,
      (v) =>
        (v.reminders['1/learner'] ?? 0) >= 3 && v.escalations.includes('1/learner/coordinator'),
    );
    expect(m.reminders['1/guardian']).toBeGreaterThanOrEqual(2);
    // The school and the host signed at once: never reminded.
    expect(m.reminders['1/sending-school']).toBeUndefined();
    expect(m.reminders['1/host']).toBeUndefined();
    const history = await historyOf();
    const drafted = Date.parse(
      history.find((e) => e.type === 'LearningAgreementVersionDrafted').recordedAt,
    );
    const learner = history
      .filter((e) => e.type === 'SignatureReminderSent' && e.data.role === 'learner')
      .map((e) => Date.parse(e.data.sentAt));
    expect(learner[0] - drafted).toBeGreaterThanOrEqual(2_000 - 50);
    expect(learner[1] - learner[0]).toBeGreaterThanOrEqual(2_000 - 50);
    const escalation = history.find(
      (e) => e.type === 'SignatureRequestEscalated' && e.data.role === 'learner',
    );
    expect(escalation.data).toMatchObject({ level: 'coordinator', afterReminders: 2 });
    expect(escalation.metadata.actor).toEqual({ id: 'system:workflow', role: 'system' });
  });

  it('mails the reminders in Latvian with a signing link that opens, and an escalation that says so', async () => {
    const mails = await eventually(
      () => Promise.resolve(smtp.received),
      (all) =>
        all.some((m) => m.envelopeTo.includes('ingus.ozols@example.lv')) &&
        all.some((m) => /Eskalācija|Escalation/.test(m.subject)),
    );
    const reminder = mails.find((m) => m.envelopeTo.includes('ingus.ozols@example.lv'))!;
    expect(reminder.text).toMatch(/Mācību līgum/); // Latvian: the sending school's language
    const link = /https?:\/\/\S+\/sign\/[\w.-]+/.exec(reminder.text)![0];
    const page = await api.http.get(new URL(link).pathname).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('Ekotakas izveide');
    const escalation = mails.find((m) => /Eskalācija|Escalation/.test(m.subject))!;
    expect(escalation.envelopeTo).toContain('ilze.ozola@example.lv');
    // Each reminder event became one mail, whatever the restarts.
    const ids = smtp.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a signatory who signs is never reminded again; the others still are', async () => {
    const before = await ingus();
    // The learner signs through the link in his reminder mail, without an account.
    const mail = smtp.received.find((m) => m.envelopeTo.includes('ingus.ozols@example.lv'))!;
    const link = new URL(/https?:\/\/\S+\/sign\/[\w.-]+/.exec(mail.text)![0]).pathname;
    await api.http
      .post(`${link}/sign`)
      .type('form')
      .send({ fullName: 'Ingus Ozols', agree: 'yes' })
      .expect(200);
    await api.http.get(link).expect(410); // single use
    const signed = await ingus();
    expect(signed.agreement.pendingSignatories).toEqual(['guardian']);
    const signedAt = (await ingus()).reminders['1/learner'];
    const guardianBefore = before.reminders['1/guardian'];
    await eventually(ingus, (v) => v.reminders['1/guardian'] >= guardianBefore + 2);
    expect((await ingus()).reminders['1/learner']).toBe(signedAt);
  });

  it('an amendment restarts the collection: everyone is asked again on the new version', async () => {
    await client
      .as(COORDINATOR.email)
      .write('POST', '/mobilities/mob-ingus/learning-agreement/amendments', 'amend-1', {
        changes: { lifeSkills: ['foreign-languages'] },
        reason: 'cultural awareness moved to next year',
      });
    const m = await eventually(ingus, (v) =>
      ['sending-school', 'host', 'learner', 'guardian'].every(
        (r) => (v.reminders[`2/${r}`] ?? 0) >= 1,
      ),
    );
    expect(m.agreement.version).toBe(2);
  });

  it('the bridge delivers exactly once across a worker restart; commands work meanwhile', async () => {
    await worker!.close();
    worker = undefined;
    // With the worker down, commands still work.
    await client
      .as(COORDINATOR.email)
      .write('POST', '/mobilities/mob-ingus/learning-agreement/amendments', 'amend-2', {
        changes: { lifeSkills: ['entrepreneurship-and-initiative'] },
        reason: 'the host offers a small-business module',
      });
    worker = await startWorker();
    await eventually(ingus, (v) => (v.reminders['3/learner'] ?? 0) >= 1);
    const history = await historyOf();
    const reminders = history
      .filter((e) => e.type === 'SignatureReminderSent')
      .map((e) => `${e.data.version}/${e.data.role}/${e.data.reminderNumber}`);
    expect(new Set(reminders).size).toBe(reminders.length);
    // The workflow saw each bridged event once: its last checkpoint is the newest event's.
    const temporal = new Client({
      connection: await Connection.connect({ address: server.address }),
    });
    const status = await temporal.workflow.getHandle('mobility-mob-ingus').query<any>('status');
    expect(status.track.collection.version).toBe(3);
    expect(status.phase).toBe('awaiting-signatures');
    await temporal.connection.close();
  });

  it('… and across a Temporal restart: commands work while it is down, the bridge catches up', async () => {
    await server.stop();
    await client
      .as(COORDINATOR.email)
      .write('POST', '/mobilities/mob-ingus/learning-agreement/amendments', 'amend-3', {
        changes: { lifeSkills: ['foreign-languages', 'cultural-awareness'] },
        reason: 'back to the original plan',
      });
    server = await startTemporalDevServer({
      cliPath: process.env.TEMPORAL_CLI_PATH!,
      port: temporalPort,
      uiPort: await freePort(),
      dbFile: temporalDb,
      searchAttributes: SEARCH_ATTRIBUTES,
    });
    await eventually(ingus, (v) => (v.reminders['4/learner'] ?? 0) >= 1, 120_000);
    const history = await historyOf();
    const reminders = history
      .filter((e) => e.type === 'SignatureReminderSent')
      .map((e) => `${e.data.version}/${e.data.role}/${e.data.reminderNumber}`);
    expect(new Set(reminders).size).toBe(reminders.length);
    const temporal = new Client({
      connection: await Connection.connect({ address: server.address }),
    });
    const status = await temporal.workflow.getHandle('mobility-mob-ingus').query<any>('status');
    expect(status.track.collection.version).toBe(4);
    await temporal.connection.close();
  });

  it('a completed mobility’s workflow has finished', async () => {
    const temporal = new Client({
      connection: await Connection.connect({ address: server.address }),
    });
    const description = await temporal.workflow.getHandle('mobility-mob-annija').describe();
    expect(description.status.name).toBe('COMPLETED');
    const list = [];
    for await (const wf of temporal.workflow.list({ query: "EcvetPhase = 'under-way'" }))
      list.push(wf.workflowId);
    expect(list).toContain('mobility-mob-juris');
    await temporal.connection.close();
  });
});
