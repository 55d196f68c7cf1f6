import { randomBytes } from 'node:crypto';
import { setupContext } from './command-context';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { AccountService, LearnerCreditReactor, ReadModelProjection } from '@ecvet/application';
import type { AccountRole } from '@ecvet/domain';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { freePort } from '../../infra/net';
import { createTestDatabase, type TestDatabase } from './test-database';

/** Who a test acts as: an account with this role (and institution, audit scope, e-mail). */
export interface TestAccount {
  role: AccountRole;
  institutionId?: string;
  auditScope?: 'all' | string[];
  email?: string;
  name?: string;
}

export interface TestApi {
  app: INestApplication;
  /** Signed in as the platform's operator (sees and runs everything, signs nothing). */
  http: TestAgent;
  /** Nobody signed in. */
  anonymous: TestAgent;
  /** Signed in as an account with this role: provisioned once per suite, with an API token. */
  as(account: TestAccount): Promise<TestAgent>;
  /** An API token of such an account. */
  tokenOf(account: TestAccount): Promise<string>;
  db: TestDatabase;
  /** Waits until the read models have caught up with every event written so far. */
  readModelsCaughtUp(): Promise<void>;
  /** Waits until the reactors (the learner credit) have handled every event written so far. */
  reactionsCaughtUp(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The API on a fresh database of the run's PostgreSQL. Temporal is not needed by these routes: the
 * address points at a free port. The suite's process.env changes are undone by close().
 */
export async function startTestApi(
  label: string,
  env: Record<string, string> = {},
): Promise<TestApi> {
  const savedEnv = { ...process.env };
  const db = await createTestDatabase(label);
  process.env.DATABASE_URL = db.url;
  process.env.PII_MASTER_KEY = randomBytes(32).toString('base64');
  process.env.TEMPORAL_ADDRESS = `127.0.0.1:${await freePort()}`;
  process.env.LOG_LEVEL = 'silent';
  Object.assign(process.env, env);
  const app = await createApiApp();
  await app.init();
  const accounts = app.get(AccountService);
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (account: TestAccount) => provisionedToken(accounts, tokens, account);
  const as = async (account: TestAccount) =>
    request.agent(app.getHttpServer()).set('Authorization', `Bearer ${await tokenOf(account)}`);
  const operator = await as({ role: 'operator', email: 'operator@test.example' });
  const projection = app.get(ReadModelProjection);
  const reactor = app.get(LearnerCreditReactor);
  /** The checkpoint of the newest event (of one type: a filtered consumer sees only those). */
  const lastCheckpoint = async (type?: string) => {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ checkpoint: string }>(
        `SELECT lpad(tx_id::text, 20, '0') || '-' || lpad(position::text, 20, '0') AS checkpoint
           FROM ecvet_events WHERE $1::text IS NULL OR event_type = $1
           ORDER BY tx_id DESC, position DESC LIMIT 1`,
        [type ?? null],
      );
      return rows[0]?.checkpoint;
    } finally {
      await client.end();
    }
  };
  return {
    app,
    http: operator,
    anonymous: request(app.getHttpServer()),
    as,
    tokenOf,
    db,
    async readModelsCaughtUp() {
      const checkpoint = await lastCheckpoint();
      if (checkpoint) await projection.caughtUpTo(checkpoint);
    },
    async reactionsCaughtUp() {
      const checkpoint = await lastCheckpoint('UnitRecognised');
      if (checkpoint) await reactor.caughtUpTo(checkpoint);
    },
    async close() {
      await app.close();
      await db.drop();
      process.env = savedEnv;
    },
  };
}

/**
 * A token of the account (by e-mail, derived from the role when absent), provisioned on first
 * use; `tokens` keeps one per e-mail for the test app it belongs to.
 */
export function provisionedToken(
  accounts: AccountService,
  tokens: Map<string, Promise<string>>,
  account: TestAccount,
): Promise<string> {
  const email =
    account.email ??
    `${account.role}.${account.institutionId ?? 'platform'}@test.example`.toLowerCase();
  let token = tokens.get(email);
  if (!token) {
    token = (async () => {
      const accountId = `acc-${email.replace(/[^a-z0-9]+/g, '-')}`;
      await accounts.provision(
        accountId,
        {
          email,
          name: account.name ?? email,
          role: account.role,
          ...(account.institutionId !== undefined && { institutionId: account.institutionId }),
          ...(account.auditScope !== undefined && { auditScope: account.auditScope }),
        },
        setupContext(),
      );
      const expiresAt = new Date(Date.now() + 24 * 3_600_000).toISOString();
      return (
        await accounts.createApiToken(accountId, { label: 'test', expiresAt }, setupContext())
      ).token;
    })();
    tokens.set(email, token);
  }
  return token;
}
