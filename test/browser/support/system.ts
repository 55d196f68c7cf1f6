import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { openLocalSystem } from '../../../apps/cli/src/local-system';
import { ApiClient } from '../../../infra/demo/api-client';
import { provisionDemoAccounts, type ProvisionedAccount } from '../../../infra/demo/demo-accounts';
import { AUDITOR, LEARNERS } from '../../../infra/demo/seed-data';
import { runSeedsScenario, type Stages } from '../../../infra/demo/seeds-scenario';
import { freePort, sleep } from '../../../infra/net';
import { terminate } from '../../../infra/process';
import { type DevServerHandle } from '../../../infra/temporal/temporal-dev-server';
import { startDevServerOnFreePorts } from '../../support/temporal';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const ROOT = join(__dirname, '..', '..', '..');

/** The demo's phases (`npm run demo`): Annija recognised, Juris abroad, Ingus's agreement waiting. */
export const DEMO_STAGES: Stages = {
  annija: 'completed',
  juris: 'under-way',
  ingus: 'awaiting-signatures',
};

export interface DashboardSystem {
  /** Where the browser goes: the API's origin, which is also its PUBLIC_URL. */
  url: string;
  /** The demo's accounts, each with its password (for the sign-in form) and an API token. */
  accounts: Map<string, ProvisionedAccount>;
  /** The API over HTTP with the accounts' tokens: `api.as(email).get(...)`. */
  api: ApiClient;
  /** The mails the worker sent (signature reminders, fresh signing links). */
  smtp: SmtpSink;
  /** The password of a demo account. */
  passwordOf(email: string): string;
  stop(): Promise<void>;
}

interface Child {
  name: string;
  child: ChildProcess;
  output: () => string;
}

/** `node -r @swc-node/register <entry>` (as `npm run demo` runs TypeScript), its output kept. */
function spawnNode(name: string, entry: string, env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return { name, child, output: () => output };
}

async function waitForHealth(url: string, api: Child): Promise<void> {
  const deadline = Date.now() + 120_000;
  let last = '';
  while (Date.now() < deadline) {
    if (api.child.exitCode !== null)
      throw new Error(`the API exited (${api.child.exitCode}):\n${api.output()}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await sleep(250);
  }
  throw new Error(`the API did not become healthy (last: ${last}):\n${api.output()}`);
}

/**
 * The whole system as `npm start` runs it, on the run's PostgreSQL (a database of its own): a
 * Temporal dev server, the worker and the API as real Node processes (the API listening on a free
 * port of 127.0.0.1, its PUBLIC_URL that origin so that the OpenID redirects come back to it,
 * AUTH_MFA=optional), a real SMTP server for the worker's mails; then the demo's accounts and the
 * seeds scenario (`npm run demo`), and the read models caught up.
 */
export async function startDashboardSystem(
  label: string,
  stages: Stages = DEMO_STAGES,
  /** More settings for the API and the worker (e.g. a seal key). */
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<DashboardSystem> {
  const started: Array<() => Promise<unknown>> = [];
  const stopAll = async () => {
    for (const stop of started.reverse()) await stop().catch(() => undefined);
  };
  try {
    const db: TestDatabase = await createTestDatabase(label);
    started.push(() => db.drop());
    const smtp = await startSmtpSink();
    started.push(() => smtp.close());
    const temporal: DevServerHandle = await startDevServerOnFreePorts({
      searchAttributes: {
        EcvetPhase: 'Keyword',
        EcvetInstitution: 'Keyword',
        EcvetOverdue: 'Bool',
      },
    });
    started.push(() => temporal.stop());

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      PII_MASTER_KEY: randomBytes(32).toString('base64'),
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_SEARCH_ATTRIBUTES: 'on',
      SMTP_URL: smtp.url,
      PORT: String(port),
      PUBLIC_URL: url,
      AUTH_MFA: 'optional',
      // Every scenario signs in from 127.0.0.1: the per-IP sign-in rate must not stop them.
      RATE_LIMITS: '{"sign-in":"1000/PT1M"}',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      ...extraEnv,
    };
    // The API first: it migrates the database the worker then uses.
    const api = spawnNode('api', 'apps/api/src/main.ts', env);
    started.push(() => terminate(api.child, 10_000));
    await waitForHealth(url, api);
    const worker = spawnNode('worker', 'apps/worker/src/main.ts', env);
    // The worker drains its Temporal pollers for a while after SIGTERM: nothing here needs that.
    started.push(() => terminate(worker.child, 2_000));

    const system = await openLocalSystem({
      DATABASE_URL: db.url,
      PII_MASTER_KEY: env.PII_MASTER_KEY,
    });
    let accounts: Map<string, ProvisionedAccount>;
    try {
      accounts = await provisionDemoAccounts(system);
    } finally {
      await system.close();
    }
    const client = new ApiClient(url, `browser-${label}`, (email) => accounts.get(email)!.token);
    await runSeedsScenario(client, stages);
    await readModelsCaughtUp(client);
    return {
      url,
      accounts,
      api: client,
      smtp,
      passwordOf: (email) => {
        const account = accounts.get(email);
        if (!account) throw new Error(`the demo has no account ${email}`);
        return account.password;
      },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/**
 * The read models follow the log: wait until the auditor's list shows every mobility in the phase
 * its own stream says.
 */
export async function readModelsCaughtUp(client: ApiClient): Promise<void> {
  const auditor = client.as(AUDITOR.email);
  let last = '';
  for (let i = 0; i < 300; i++) {
    const list = await auditor.get<{ items: Array<{ mobilityId: string; phase: string }> }>(
      '/mobilities?limit=200',
    );
    const streams = await Promise.all(
      LEARNERS.map((l) =>
        auditor.get<{ mobilityId: string; phase: string }>(`/mobilities/${l.mobilityId}`),
      ),
    );
    const listed = new Map(list.items.map((m) => [m.mobilityId, m.phase]));
    if (streams.every((m) => listed.get(m.mobilityId) === m.phase)) return;
    last = JSON.stringify({
      listed: [...listed],
      streams: streams.map((m) => [m.mobilityId, m.phase]),
    });
    await sleep(100);
  }
  throw new Error(`the read models did not catch up: ${last}`);
}
