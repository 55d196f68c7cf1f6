import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import { exportSealSigner, generateSealSigner, PostgresSealer } from '@ecvet/event-store';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { ApiClient } from '../../infra/demo/api-client';
import { AUDITOR, demoAccount } from '../../infra/demo/seed-data';
import { runSeedsScenario } from '../../infra/demo/seeds-scenario';
import { freePort } from '../../infra/net';
import {
  startTemporalDevServer,
  type DevServerHandle,
} from '../../infra/temporal/temporal-dev-server';
import { startTestApi, type TestApi } from '../support/api-app';
import { cli, listen } from '../support/audit-cli';
import { readPdf } from '../documents/pdf-reader';

/**
 * The audit bundle of a system whose workflows run (Temporal dev server, the worker, the demo's
 * story): `mob-annija`'s bundle, exported by the demo's auditor through the command line, holds
 * its workflow's event history as Temporal exports it — covered by the signed manifest, replayable
 * against today's workflow code — and its documents, the transcript and certificate among them.
 */
jest.setTimeout(240_000);

const signer = generateSealSigner();
const key = exportSealSigner(signer);
const python = ['python3', 'python'].find(
  (p) => spawnSync(p, ['--version'], { stdio: 'ignore' }).status === 0,
);

let server: DevServerHandle;
let api: TestApi;
let worker: INestApplicationContext | undefined;
let pool: Pool;
let url: string;
let dir: string;

async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const until = Date.now() + 120_000;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > until) throw new Error(`not in time: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ecvet-bundle-wf-'));
  for (let attempt = 1; ; attempt++) {
    try {
      server = await startTemporalDevServer({
        cliPath: process.env.TEMPORAL_CLI_PATH!,
        port: await freePort(),
        uiPort: await freePort(),
        dbFile: join(dir, 'temporal.sqlite'),
        searchAttributes: {
          EcvetPhase: 'Keyword',
          EcvetInstitution: 'Keyword',
          EcvetOverdue: 'Bool',
        },
      });
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
  api = await startTestApi('audit_bundle_workflow', {
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_TASK_QUEUE: 'ecvet-audit-e2e',
    TEMPORAL_SEARCH_ATTRIBUTES: 'on',
    SEAL_SIGNING_KEY: key.privateKeyPem,
  });
  url = await listen(api.app);
  pool = new Pool({ connectionString: api.db.url });
  pool.on('error', () => undefined);
  worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  await worker.init();
  const client = new ApiClient(url, 'audit', (email) => api.tokenOf(demoAccount(email)));
  await runSeedsScenario(client, {
    annija: 'completed',
    juris: 'under-way',
    ingus: 'awaiting-signatures',
  });
});
afterAll(async () => {
  const stops = [
    () => worker?.close(),
    () => pool?.end(),
    () => api?.close(),
    () => server?.stop(),
  ];
  for (const stop of stops) await Promise.resolve(stop()).catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('an audit bundle with its workflow history (Temporal up)', () => {
  it("mob-annija's bundle holds its workflow history and documents, and verifies", async () => {
    // The bridge has handed annija's events to her workflow, which has run on them.
    await eventually(
      async () =>
        (
          await pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM ecvet_events WHERE stream_id = 'Mobility-mob-annija'`,
          )
        ).rows[0].n,
      (n) => n > 0,
    );
    await api.readModelsCaughtUp();
    await new PostgresSealer(pool, signer).sealPending();
    const file = join(dir, 'a.bundle');
    const token = await api.tokenOf(demoAccount(AUDITOR.email));
    const exported = await eventually(
      async () => {
        const r = await cli(
          ['export', '--mobility', 'mob-annija', '--out', file, '--api', url, '--json'],
          { ECVET_TOKEN: token },
        );
        return { code: r.code, summary: r.code === 0 ? (JSON.parse(r.stdout) as Summary) : null };
      },
      (r) => r.summary?.workflow === 'included',
    );
    expect(exported.code).toBe(0);

    const all = readFileSync(file, 'utf8')
      .slice(0, -1)
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const manifest = all[0] as {
      body: {
        workflow: unknown;
        documents: Array<{ name: string }>;
        parts: { workflow: { lines: number } };
      };
    };
    expect(manifest.body.workflow).toEqual({
      status: 'included',
      workflowId: 'mobility-mob-annija',
      reason: null,
    });
    expect(manifest.body.parts.workflow.lines).toBe(1);
    const workflow = all.find((l) => l.kind === 'workflow') as {
      workflowId: string;
      runId: string;
      history: { events: Array<Record<string, unknown>> };
    };
    expect(workflow.workflowId).toBe('mobility-mob-annija');
    expect(workflow.history.events[0]).toMatchObject({
      eventId: '1',
      eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED',
      workflowExecutionStartedEventAttributes: { workflowType: { name: 'mobilityWorkflow' } },
    });
    expect(workflow.history.events.length).toBeGreaterThan(3);

    // Documents: every Learning Agreement version, the transcript and the certificate.
    const names = manifest.body.documents.map((d) => d.name);
    expect(names).toEqual(
      expect.arrayContaining(['certificate-mob-annija-lv.pdf', 'transcript-mob-annija-en.pdf']),
    );
    expect(names.filter((n) => n.startsWith('learning-agreement-mob-annija-v1-'))).toHaveLength(2);
    const agreement = all.find(
      (l) => l.kind === 'document' && l.name === 'learning-agreement-mob-annija-v1-en.pdf',
    ) as { content: string; contentHash: string };
    const read = await readPdf(Buffer.from(agreement.content, 'base64'));
    expect(read.text.replace(/\s+/g, '')).toContain(agreement.contentHash);

    const pem = join(dir, 'key.pem');
    writeFileSync(pem, key.publicKeyPem);
    const verified = await cli(['verify-bundle', file, '--key', pem, '--json']);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, keys: 'given' });
    if (python) {
      const r = spawnSync(
        python,
        [join(__dirname, 'verify_bundle.py'), 'bundle', file, '--key', pem],
        {
          encoding: 'utf8',
        },
      );
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: true });
    }

    // The history as the bundle carries it replays against today's workflow code.
    const histories = join(dir, 'histories');
    mkdirSync(histories);
    writeFileSync(join(histories, 'mobility-mob-annija.json'), JSON.stringify(workflow.history));
    const replayed = await cli(['replay-workflows', '--from-files', histories, '--json']);
    expect(replayed.code).toBe(0);
    expect(JSON.parse(replayed.stdout)).toMatchObject({ replayed: 1, failed: 0 });

    // One changed character in the history: the manifest's digest of the workflow part says so.
    const text = readFileSync(file, 'utf8');
    const altered = join(dir, 'altered.bundle');
    writeFileSync(
      altered,
      text.replace(
        'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED',
        'EVENT_TYPE_WORKFLOW_EXECUTION_STARTEX',
      ),
    );
    const failed = await cli(['verify-bundle', altered, '--key', pem, '--json']);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({
      ok: false,
      problem: { kind: 'manifest-digest-mismatch' },
    });
  });
});

interface Summary {
  workflow: string;
  events: number;
  documents: string[];
}
