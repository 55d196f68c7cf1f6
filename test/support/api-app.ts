import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { LearnerCreditReactor, ReadModelProjection } from '@ecvet/application';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { freePort } from '../../infra/net';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApi {
  app: INestApplication;
  http: TestAgent;
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
    http: request(app.getHttpServer()),
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
