import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { freePort } from '../../infra/net';

describe('/health when PostgreSQL is unreachable', () => {
  let app: INestApplication;

  beforeAll(async () => {
    // Nothing listens on these ports: both dependencies are down; the API must still answer.
    process.env.DATABASE_URL = `postgres://nobody:x@127.0.0.1:${await freePort()}/none`;
    process.env.TEMPORAL_ADDRESS = `127.0.0.1:${await freePort()}`;
    process.env.LOG_LEVEL = 'silent';
    app = await createApiApp();
    await app.init();
  });
  afterAll(() => app?.close());

  it('is 503 and names postgres (and temporal) as down', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(503);
    expect(res.body.error.postgres.status).toBe('down');
    expect(res.body.error.postgres.message).toMatch(/ECONNREFUSED|connect/i);
    expect(res.body.error.temporal.status).toBe('down');
  });
});
