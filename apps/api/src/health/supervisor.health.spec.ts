import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TerminusModule } from '@nestjs/terminus';
import request from 'supertest';
import { PostgresHealthIndicator } from '@ecvet/database';
import { TemporalHealthIndicator } from '@ecvet/temporal';
import { HealthController } from './health.controller';
import { SupervisorHealthIndicator } from './supervisor.health';

const STATUS = {
  updatedAt: '2026-03-02T10:00:05.000Z',
  parts: {
    worker: {
      running: true,
      startedAt: '2026-03-02T10:00:05.000Z',
      restarts: 1,
      lastRestartAt: '2026-03-02T10:00:05.000Z',
      lastExit: { code: null, signal: 'SIGKILL', at: '2026-03-02T10:00:04.000Z' },
    },
    api: {
      running: true,
      startedAt: '2026-03-02T09:59:00.000Z',
      restarts: 0,
      lastRestartAt: null,
      lastExit: null,
    },
  },
};

describe('GET /health and the supervisor of npm start', () => {
  let dir: string;
  let app: INestApplication | undefined;
  let temporal: 'up' | 'down';

  /** The health module with stand-ins for PostgreSQL and Temporal, under `statusFile` if any. */
  async function boot(statusFile?: string) {
    if (statusFile === undefined) delete process.env.ECVET_SUPERVISOR_STATUS;
    else process.env.ECVET_SUPERVISOR_STATUS = statusFile;
    const moduleRef = await Test.createTestingModule({
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [
        SupervisorHealthIndicator,
        {
          provide: PostgresHealthIndicator,
          useValue: { check: () => ({ postgres: { status: 'up' } }) },
        },
        {
          provide: TemporalHealthIndicator,
          useValue: { check: () => ({ temporal: { status: temporal } }) },
        },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    return request(app.getHttpServer());
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ecvet-health-'));
    temporal = 'up';
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    delete process.env.ECVET_SUPERVISOR_STATUS;
    rmSync(dir, { recursive: true, force: true });
  });

  it('has no supervisor entry when the API is not run by npm start', async () => {
    const res = await (await boot()).get('/health').expect(200);
    expect(Object.keys(res.body.details)).toEqual(['postgres', 'temporal']);
    expect(res.body.info.supervisor).toBeUndefined();
  });

  it('reports each part’s restarts under info.supervisor', async () => {
    const file = join(dir, 'supervisor-status.json');
    writeFileSync(file, JSON.stringify(STATUS));
    const res = await (await boot(file)).get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.supervisor).toEqual({ status: 'up', ...STATUS.parts });
  });

  it('reads the file at each request', async () => {
    const file = join(dir, 'supervisor-status.json');
    writeFileSync(file, JSON.stringify(STATUS));
    const http = await boot(file);
    await http.get('/health').expect(200);
    const later = {
      ...STATUS,
      parts: { ...STATUS.parts, api: { ...STATUS.parts.api, restarts: 2 } },
    };
    writeFileSync(file, JSON.stringify(later));
    const res = await http.get('/health').expect(200);
    expect(res.body.info.supervisor.api.restarts).toBe(2);
  });

  it('stays 200 with an unreadable status file, saying so', async () => {
    for (const content of [undefined, '{"parts":', '{"updatedAt":"x"}']) {
      const file = join(dir, `status-${String(content?.length)}.json`);
      if (content !== undefined) writeFileSync(file, content);
      const res = await (await boot(file)).get('/health').expect(200);
      expect(res.body.info.supervisor).toEqual({
        status: 'up',
        message: 'the status file of npm start is unreadable',
      });
      await app?.close();
      app = undefined;
    }
  });

  it('is 503 for a dependency down, never for the supervisor', async () => {
    const file = join(dir, 'supervisor-status.json');
    writeFileSync(file, JSON.stringify(STATUS));
    temporal = 'down';
    const res = await (await boot(file)).get('/health').expect(503);
    expect(res.body.status).toBe('error');
    expect(Object.keys(res.body.error)).toEqual(['temporal']);
    expect(res.body.info.supervisor.status).toBe('up');
  });
});
