import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { Client } from 'pg';
import { openLocalSystem } from '../../apps/cli/src/local-system';
import { ApiClient } from '../../infra/demo/api-client';
import { provisionDemoAccounts } from '../../infra/demo/demo-accounts';
import { COORDINATOR } from '../../infra/demo/seed-data';
import { runSeedsScenario } from '../../infra/demo/seeds-scenario';
import { ensureLocalSecrets } from '../../infra/local-secrets';
import { freePort, sleep } from '../../infra/net';

const root = join(__dirname, '..', '..');

/** Every descendant pid of `pid`, from /proc (no ps dependency). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of require('node:fs').readdirSync('/proc') as string[]) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = require('node:fs').readFileSync(`/proc/${entry}/stat`, 'utf8') as string;
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited while we looked
    }
  }
  const out: number[] = [];
  const walk = (p: number) => (children.get(p) ?? []).forEach((c) => (out.push(c), walk(c)));
  walk(pid);
  return out;
}

/** The launcher's descendants that run `script` (`node --enable-source-maps <root>/<script>`). */
function running(launcher: number, script: string): number[] {
  return descendants(launcher).filter((pid) => {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return args.some((arg) => arg.endsWith(`/${script}`));
    } catch {
      return false; // exited while we looked
    }
  });
}
const WORKER = 'dist/apps/worker/src/main.js';
const API = 'dist/apps/api/src/main.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function collect(child: ChildProcess): () => string {
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return () => out;
}

/** The reminder policy the launcher is given, in seconds (quiet hours do not apply to it). */
const POLICY = {
  firstReminderAfter: 'PT2S',
  repeatEvery: 'PT3S',
  escalateAfter: 5,
  escalateToHeadAfter: 10,
};

/** The REMINDER_POLICY a running process was started with (from /proc). */
function reminderPolicyOf(pid: number): string | undefined {
  const entry = readFileSync(`/proc/${pid}/environ`, 'utf8')
    .split('\0')
    .find((e) => e.startsWith('REMINDER_POLICY='));
  return entry?.slice('REMINDER_POLICY='.length);
}

interface Reminder {
  role: string;
  version: number;
  reminderNumber: number;
  recordedAt: Date;
}

/** The SignatureReminderSent events of a mobility in the event log, in order. */
async function remindersOf(db: Client, mobilityId: string): Promise<Reminder[]> {
  const { rows } = await db.query<Reminder>(
    `SELECT data->>'role' AS role, (data->>'version')::int AS version,
            (data->>'reminderNumber')::int AS "reminderNumber", recorded_at AS "recordedAt"
       FROM ecvet_events
      WHERE stream_id = $1 AND event_type = 'SignatureReminderSent'
      ORDER BY position`,
    [`Mobility-${mobilityId}`],
  );
  return rows;
}

/** The highest reminder number of `role` among these reminders (0: none). */
const lastNumber = (reminders: Reminder[], role: string) =>
  Math.max(0, ...reminders.filter((r) => r.role === role).map((r) => r.reminderNumber));

async function eventually<T>(
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(
        `${what} not seen within ${timeoutMs / 1000} s; last: ${JSON.stringify(value)}`,
      );
    await sleep(500);
  }
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  );
}

describe('npm start (the launcher)', () => {
  beforeAll(() => {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'ignore' });
  });

  it('refuses an unreachable DATABASE_URL with a message naming it and a non-zero exit', async () => {
    const child = spawn(process.execPath, ['dist/infra/start.js'], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x',
        PORT: String(await freePort()),
      },
    });
    const output = collect(child);
    expect(await exitOf(child)).not.toBe(0);
    expect(output()).toContain('DATABASE_URL');
    expect(output()).toMatch(/unreachable/);
  });

  it('refuses a malformed PORT naming it', async () => {
    const child = spawn(process.execPath, ['dist/infra/start.js'], {
      cwd: root,
      env: { ...process.env, PORT: 'eighty' },
    });
    const output = collect(child);
    expect(await exitOf(child)).not.toBe(0);
    expect(output()).toMatch(/PORT/);
  });

  it('boots PostgreSQL, Temporal, the worker and the API; /health is 200; a killed worker is restarted and reminders continue; SIGINT leaves no process behind', async () => {
    const data = mkdtempSync(join(tmpdir(), 'ecvet-start-'));
    chmodSync(data, 0o755); // PostgreSQL runs as the postgres user when we are root
    const port = await freePort();
    const temporalPort = await freePort();
    const pgPort = await freePort();
    const child = spawn(process.execPath, ['dist/infra/start.js'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        PG_PORT: String(pgPort),
        TEMPORAL_PORT: String(temporalPort),
        TEMPORAL_UI_PORT: String(await freePort()),
        ECVET_DATA_DIR: data,
        LOG_LEVEL: 'warn',
        REMINDER_POLICY: JSON.stringify(POLICY),
      },
    });
    const output = collect(child);
    let db: Client | undefined;
    try {
      let health: { status: number; body: any } | undefined;
      const deadline = Date.now() + 240_000;
      while (Date.now() < deadline && child.exitCode === null) {
        try {
          const res = await fetch(`http://127.0.0.1:${port}/health`);
          health = { status: res.status, body: await res.json() };
          if (res.status === 200) break;
        } catch {
          // not listening yet
        }
        await sleep(500);
      }
      if (health?.status !== 200) throw new Error(`not healthy; launcher output:\n${output()}`);
      expect(health?.body.info.postgres.status).toBe('up');
      expect(health?.body.info.temporal.status).toBe('up');
      await sleep(1_000); // let the launcher print its banner
      expect(output()).toMatch(/Web UI http:\/\/127\.0\.0\.1:\d+/);
      expect(health?.body.info.supervisor).toMatchObject({
        status: 'up',
        api: { running: true, restarts: 0 },
        worker: { running: true, restarts: 0 },
      });

      // The demo's accounts, provisioned in the launched system's database as `npm run demo`
      // does: as the app role, with the password and master key the launcher keeps in
      // <data>/keys/. Then Ingus's Learning Agreement, through the API, awaits his and his
      // guardian's signatures, and the worker reminds them on the policy above.
      const secrets = ensureLocalSecrets(data);
      const databaseUrl = `postgres://ecvet_app:${encodeURIComponent(secrets.appDbPassword)}@127.0.0.1:${pgPort}/ecvet`;
      const local = await openLocalSystem({
        DATABASE_URL: databaseUrl,
        PII_MASTER_KEY: secrets.piiMasterKey,
      });
      const accounts = await provisionDemoAccounts(local, {
        password: 'npm-start-password-1',
      }).finally(() => local.close());
      const client = new ApiClient(`http://127.0.0.1:${port}`, 'npm-start', (email) => {
        const account = accounts.get(email);
        if (!account) throw new Error(`no demo account ${email}`);
        return account.token;
      });
      await runSeedsScenario(client, {
        annija: 'completed',
        juris: 'under-way',
        ingus: 'awaiting-signatures',
      });
      const ingus = await client.as(COORDINATOR.email).get<any>('/mobilities/mob-ingus');
      expect([...ingus.agreement.pendingSignatories].sort()).toEqual(['guardian', 'learner']);
      db = new Client({ connectionString: databaseUrl });
      db.on('error', () => undefined); // PostgreSQL stopping under it at the end
      await db.connect();
      const pending = ['learner', 'guardian'];
      await eventually(
        () => remindersOf(db!, 'mob-ingus'),
        (all) => pending.every((role) => lastNumber(all, role) >= 1),
        60_000,
        'a reminder of each pending signatory before the kill',
      );

      // The worker killed: restarted after its back-off, while the API answers /health all along.
      const api = running(child.pid!, API);
      const [worker] = running(child.pid!, WORKER);
      expect(api).toHaveLength(1);
      expect(worker).toBeDefined();
      expect(reminderPolicyOf(worker)).toBe(JSON.stringify(POLICY));
      process.kill(worker, 'SIGKILL');
      const killedAt = Date.now();
      const answers = new Set<number | string>();
      let supervisor: any;
      const restartDeadline = Date.now() + 30_000;
      while (Date.now() < restartDeadline && supervisor?.worker.restarts !== 1) {
        try {
          const res = await fetch(`http://127.0.0.1:${port}/health`);
          answers.add(res.status);
          supervisor = ((await res.json()) as any).info?.supervisor;
        } catch (err) {
          answers.add(String(err));
        }
        await sleep(200);
      }
      expect([...answers]).toEqual([200]);
      expect(supervisor).toMatchObject({
        api: { running: true, restarts: 0, lastExit: null },
        worker: {
          running: true,
          restarts: 1,
          lastRestartAt: expect.any(String),
          lastExit: { code: null, signal: 'SIGKILL' },
        },
      });
      expect(output()).toMatch(
        /worker exited unexpectedly \(signal SIGKILL\).*restarting it in 1 s/,
      );
      const [restarted] = running(child.pid!, WORKER);
      expect(restarted).toBeDefined();
      expect(restarted).not.toBe(worker);
      expect(running(child.pid!, API)).toEqual(api);
      // The new worker serves the task queue again (what reminders and every workflow need): it
      // polls it, under the SDK's default identity `<pid>@<host>`.
      const connection = await Connection.connect({ address: `127.0.0.1:${temporalPort}` });
      try {
        const pollerDeadline = Date.now() + 90_000;
        let identities: string[] = [];
        while (
          Date.now() < pollerDeadline &&
          !identities.some((i) => i.startsWith(`${restarted}@`))
        ) {
          const { pollers } = await connection.workflowService.describeTaskQueue({
            namespace: 'default',
            taskQueue: { name: 'ecvet' },
          });
          identities = pollers.map((p) => p.identity ?? '');
          await sleep(500);
        }
        expect(identities).toContainEqual(expect.stringMatching(new RegExp(`^${restarted}@`)));
      } finally {
        await connection.close();
      }

      // … and reminders continue: the restarted worker reminds each pending signatory again, twice
      // (higher reminder numbers, on the policy's repeat), and no reminder is recorded twice.
      expect(reminderPolicyOf(restarted)).toBe(JSON.stringify(POLICY));
      const restartedAt = Date.parse(supervisor.worker.lastRestartAt);
      expect(restartedAt).toBeGreaterThan(killedAt);
      const log = await remindersOf(db, 'mob-ingus');
      const before = log.filter((r) => r.recordedAt.getTime() < killedAt);
      const after = await eventually(
        async () =>
          (await remindersOf(db!, 'mob-ingus')).filter((r) => r.recordedAt.getTime() > restartedAt),
        (recent) =>
          pending.every((role) => lastNumber(recent, role) >= lastNumber(before, role) + 2),
        120_000,
        `new reminders of ${pending.join(' and ')} after the restart`,
      );
      for (const role of pending) {
        const n = lastNumber(before, role);
        const numbers = after.filter((r) => r.role === role).map((r) => r.reminderNumber);
        expect(numbers.slice(0, 2)).toEqual([n + 1, n + 2]); // the ladder resumes where it was
      }
      const keys = (await remindersOf(db, 'mob-ingus')).map(
        (r) => `${r.version}/${r.role}/${r.reminderNumber}`,
      );
      expect(new Set(keys).size).toBe(keys.length);
      await db.end();
      db = undefined;

      const tree = descendants(child.pid!);
      expect(tree.length).toBeGreaterThanOrEqual(4); // postgres, temporal, worker, api (and backends)
      child.kill('SIGINT');
      const code = await Promise.race([
        exitOf(child),
        new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000).unref()),
      ]);
      expect(code).toBe(0);
      await sleep(500);
      expect(tree.filter(alive)).toEqual([]);
    } finally {
      await db?.end().catch(() => undefined);
      if (child.exitCode === null) {
        // Failed above: the whole tree, not only the launcher (its parts would outlive it).
        for (const pid of [...descendants(child.pid!), child.pid!]) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
      }
      rmSync(data, { recursive: true, force: true });
    }
  }, 420_000);
});
