import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { freePort } from '../../infra/net';
import {
  startTemporalDevServer,
  type DevServerHandle,
} from '../../infra/temporal/temporal-dev-server';
import { startTemporalWorker, type RunningWorker } from '@ecvet/temporal';
import { greetWorkflow } from '../fixtures/workflows/foundation.workflow';
import * as activities from '../fixtures/workflows/foundation.activities';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('the Temporal dev server, the worker bootstrap and /health', () => {
  // These suites configure the API through process.env: give it back afterwards.
  const savedEnv = { ...process.env };
  afterAll(() => {
    process.env = savedEnv;
  });
  let server: DevServerHandle;
  let worker: RunningWorker;
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    server = await startTemporalDevServer({
      cliPath: process.env.TEMPORAL_CLI_PATH!,
      port: await freePort(),
      uiPort: await freePort(),
    });
    worker = await startTemporalWorker({
      address: server.address,
      namespace: 'default',
      taskQueue: 'foundation-dev-server',
      workflowsPath: require.resolve('../fixtures/workflows/foundation.workflow'),
      activities,
    });
    db = await createTestDatabase('health');
    process.env.DATABASE_URL = db.url;
    process.env.TEMPORAL_ADDRESS = server.address;
    process.env.LOG_LEVEL = 'warn';
    process.env.PII_MASTER_KEY = randomBytes(32).toString('base64');
    app = await createApiApp();
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await worker?.stop();
    await server?.stop();
    await db?.drop();
  });

  it('runs a workflow and its activity on the real dev server through our worker bootstrap', async () => {
    const connection = await Connection.connect({ address: server.address });
    try {
      const client = new Client({ connection });
      const result = await client.workflow.execute(greetWorkflow, {
        args: ['Annija', 'lv'],
        workflowId: `greet-${Date.now()}`,
        taskQueue: 'foundation-dev-server',
      });
      expect(result).toBe('Sveiki, Annija!');
    } finally {
      await connection.close();
    }
  });

  it('GET /health is 200 naming postgres and temporal as up', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.postgres.status).toBe('up');
    expect(res.body.info.temporal.status).toBe('up');
    expect(res.headers['x-request-id']).toMatch(/.+/);
  });

  it('GET /health is 503 naming temporal when the Temporal server is down', async () => {
    await worker.stop();
    await server.stop();
    const res = await request(app.getHttpServer()).get('/health').expect(503);
    expect(res.body.status).toBe('error');
    expect(res.body.error.temporal.status).toBe('down');
    expect(res.body.info.postgres.status).toBe('up');
    expect(res.body.error).not.toHaveProperty('postgres');
  });
});
