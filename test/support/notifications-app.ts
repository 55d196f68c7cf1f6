import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import type { Pool } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { AccountService, MobilityService } from '@ecvet/application';
import type { CommandContext, MobilityReminderCommand, MobilityRequest } from '@ecvet/domain';
import { PG_POOL } from '@ecvet/database';
import {
  MAIL_SENDER_OPTIONS,
  MailOutboxProjection,
  MailSender,
  NOTIFIABLE_EVENT_TYPES,
  NotificationsWorkerModule,
  type MailSenderOptions,
} from '@ecvet/notifications';
import { AppModule } from '../../apps/api/src/app.module';
import { setUpOpenApi } from '../../apps/api/src/bootstrap';
import { OutboxModule } from '../../apps/api/src/outbox/outbox.module';
import { createValidationPipe } from '../../apps/api/src/problem-details/problem-details';
import { ProblemDetailsFilter } from '../../apps/api/src/problem-details/problem-details.filter';
import { SigningModule } from '../../apps/api/src/signing/signing.module';
import { freePort } from '../../infra/net';
import { provisionedToken, type TestAccount } from './api-app';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * The API with the outbox and signing routes, plus the worker's outbox projection and sender, in
 * one process (what app.module and worker.module wire separately), on a test database.
 */
@Module({ imports: [AppModule, OutboxModule, SigningModule, NotificationsWorkerModule] })
class ApiWithNotificationsModule {}

type ReminderType = MobilityReminderCommand['type'];

/**
 * What the mobility workflow records about time, as a test sends it: the data may repeat the
 * mobility's id (the address supplies it) and carry `at`, the instant the workflow acts at (the
 * command's `at`: the context's issuedAt; now when absent).
 */
export type MobilityWorkflowAction = {
  [T in ReminderType]: {
    type: T;
    data: MobilityRequest<T> & { mobilityId?: string; at?: string };
  };
}[ReminderType];

/** The action's request: its data without the address and the instant. */
function requestOf<T extends ReminderType>(
  data: MobilityRequest<T> & { mobilityId?: string; at?: string },
) {
  const request: Record<string, unknown> = { ...data };
  delete request.mobilityId;
  delete request.at;
  return request as MobilityRequest<T>;
}

/** Records a workflow action through MobilityService, as the worker's activities do. */
function recordWorkflowAction(
  mobilities: MobilityService,
  mobilityId: string,
  action: MobilityWorkflowAction,
  context: CommandContext,
) {
  switch (action.type) {
    case 'SendSignatureReminder':
      return mobilities.sendSignatureReminder(mobilityId, requestOf(action.data), context);
    case 'EscalateSignatureRequest':
      return mobilities.escalateSignatureRequest(mobilityId, requestOf(action.data), context);
    case 'ExpireSignatureRequest':
      return mobilities.expireSignatureRequest(mobilityId, requestOf(action.data), context);
    case 'SendStepReminder':
      return mobilities.sendStepReminder(mobilityId, requestOf(action.data), context);
    case 'EscalateStep':
      return mobilities.escalateStep(mobilityId, requestOf(action.data), context);
    case 'RecordStepDeadlineMissed':
      return mobilities.recordStepDeadlineMissed(mobilityId, requestOf(action.data), context);
  }
}

export interface NotificationsTestApp {
  app: INestApplication;
  /** Signed in as the platform's operator (sees and runs everything, signs nothing). */
  http: TestAgent;
  /** Signed in as an account with this role: provisioned once per env, with an API token. */
  as(account: TestAccount): Promise<TestAgent>;
  /** An API token of such an account (valid across restarts on the same env). */
  tokenOf(account: TestAccount): Promise<string>;
  baseUrl: string;
  pool: Pool;
  projection: MailOutboxProjection;
  sender: MailSender;
  /** Waits until the outbox projection has handled every notifiable event written so far. */
  outboxCaughtUp(): Promise<void>;
  /** A workflow action, as the worker's activities record it (actor `system:workflow`). */
  workflow(mobilityId: string, action: MobilityWorkflowAction): Promise<unknown>;
  close(): Promise<void>;
}

export interface NotificationsTestEnv {
  db: TestDatabase;
  piiMasterKey: string;
  /** The API tokens of the accounts provisioned so far, by e-mail. */
  tokens: Map<string, Promise<string>>;
}

export async function createNotificationsTestEnv(label: string): Promise<NotificationsTestEnv> {
  return {
    db: await createTestDatabase(label),
    piiMasterKey: randomBytes(32).toString('base64'),
    tokens: new Map(),
  };
}

/** Starts (or, on the same env, restarts) the app; process.env is restored by close(). */
export async function startNotificationsApp(
  env: NotificationsTestEnv,
  options: { smtpUrl?: string; sender?: Partial<MailSenderOptions> } = {},
): Promise<NotificationsTestApp> {
  const savedEnv = { ...process.env };
  process.env.DATABASE_URL = env.db.url;
  process.env.PII_MASTER_KEY = env.piiMasterKey;
  process.env.TEMPORAL_ADDRESS = `127.0.0.1:${await freePort()}`;
  process.env.LOG_LEVEL = 'silent';
  if (options.smtpUrl) process.env.SMTP_URL = options.smtpUrl;
  else delete process.env.SMTP_URL;
  const moduleRef = await Test.createTestingModule({ imports: [ApiWithNotificationsModule] })
    .overrideProvider(MAIL_SENDER_OPTIONS)
    .useValue({ pollIntervalMs: 60_000, backoffMs: () => 100, ...options.sender })
    .compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  setUpOpenApi(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const pool = app.get<Pool>(PG_POOL);
  const projection = app.get(MailOutboxProjection);
  const accounts = app.get(AccountService);
  const tokenOfAccount = (account: TestAccount) => provisionedToken(accounts, env.tokens, account);
  const as = async (account: TestAccount) =>
    request
      .agent(app.getHttpServer())
      .set('Authorization', `Bearer ${await tokenOfAccount(account)}`);
  return {
    app,
    http: await as({ role: 'operator', email: 'operator@test.example' }),
    as,
    tokenOf: tokenOfAccount,
    baseUrl: `http://127.0.0.1:${port}`,
    pool,
    projection,
    sender: app.get(MailSender),
    async outboxCaughtUp() {
      const { rows } = await pool.query<{ checkpoint: string }>(
        `SELECT lpad(tx_id::text, 20, '0') || '-' || lpad(position::text, 20, '0') AS checkpoint
           FROM ecvet_events WHERE event_type = ANY($1) ORDER BY tx_id DESC, position DESC LIMIT 1`,
        [NOTIFIABLE_EVENT_TYPES],
      );
      if (rows[0]) await projection.caughtUpTo(rows[0].checkpoint);
    },
    workflow(mobilityId, action) {
      const commandId = randomUUID();
      return recordWorkflowAction(app.get(MobilityService), mobilityId, action, {
        commandId,
        actor: { id: 'system:workflow', role: 'system' },
        issuedAt: action.data.at ?? new Date().toISOString(),
        correlationId: commandId,
        causationId: commandId,
      });
    },
    async close() {
      await app.close();
      process.env = savedEnv;
    },
  };
}
