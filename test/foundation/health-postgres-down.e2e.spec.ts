import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { freePort } from '../../infra/net';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('/health, /health/ready and /health/live when Temporal, then PostgreSQL, are down', () => {
  // These suites configure the API through process.env: give it back afterwards.
  const savedEnv = { ...process.env };
  afterAll(() => {
    process.env = savedEnv;
  });
  let app: INestApplication;
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('health_down');
    process.env.DATABASE_URL = db.url;
    process.env.PII_MASTER_KEY = randomBytes(32).toString('base64');
    // Nothing listens here: Temporal is down from the start; the API must still answer.
    process.env.TEMPORAL_ADDRESS = `127.0.0.1:${await freePort()}`;
    process.env.LOG_LEVEL = 'silent';
    app = await createApiApp();
    await app.init();
  });
  afterAll(() => app?.close());

  it('with Temporal down: /health is 503 naming temporal; /health/ready and /health/live are 200', async () => {
    const health = await request(app.getHttpServer()).get('/health').expect(503);
    expect(health.body.error.temporal.status).toBe('down');
    expect(health.body.info.postgres.status).toBe('up');
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' } } });
    expect(ready.body.info.temporal).toBeUndefined();
    const live = await request(app.getHttpServer()).get('/health/live').expect(200);
    expect(live.body).toMatchObject({ status: 'ok', info: {} });
  });

  it('is 503 and names postgres (and temporal) as down once the database is gone', async () => {
    await db.drop(); // terminates the API's connections and removes the database
    const res = await request(app.getHttpServer()).get('/health').expect(503);
    expect(res.body.error.postgres.status).toBe('down');
    expect(res.body.error.postgres.message).toMatch(/does not exist|terminat|connect/i);
    expect(res.body.error.temporal.status).toBe('down');
    // Not ready without PostgreSQL, and still alive: restarting would not bring it back.
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(ready.body.error.postgres.status).toBe('down');
    await request(app.getHttpServer()).get('/health/live').expect(200);
  });
});
