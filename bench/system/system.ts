import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client } from 'pg';
import { openLocalSystem } from '../../apps/cli/src/local-system';
import { ApiClient } from '../../infra/demo/api-client';
import { provisionDemoAccounts } from '../../infra/demo/demo-accounts';
import { runSeedsScenario } from '../../infra/demo/seeds-scenario';
import { freePort, sleep } from '../../infra/net';
import { hasExited, terminate } from '../../infra/process';
import { resolveTemporalBinary } from '../../infra/temporal/temporal-binaries';
import {
  startTemporalDevServer,
  type DevServerHandle,
} from '../../infra/temporal/temporal-dev-server';
import { BRIDGED_MOBILITY_EVENTS } from '../../apps/worker/src/bridge/mobility-bridged-events';
import { BRIDGED_PARTNERSHIP_EVENTS } from '../../apps/worker/src/bridge/partnership-bridged-events';
import { migrateDatabase } from '../../libs/database/src/migrations/migrate-database';
import { BenchCluster } from '../event-store/cluster';

const ROOT = join(__dirname, '..', '..');
const BRIDGED_TYPES: string[] = [...BRIDGED_MOBILITY_EVENTS, ...BRIDGED_PARTNERSHIP_EVENTS];
export const TASK_QUEUE = 'ecvet';
export type AppName = 'api' | 'worker';
const ENTRY: Record<AppName, string> = {
  api: join(ROOT, 'apps/api/src/main.ts'),
  worker: join(ROOT, 'apps/worker/src/main.ts'),
};

/** A process's resident set and CPU time so far, from /proc (Linux). */
export function processStats(pid: number): { rssMiB: number; cpuSeconds: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, after the parenthesised name.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rssMiB: Math.round(rssKiB / 102.4) / 10, cpuSeconds: ticks / 100 };
}

/** CPU seconds used so far by this process and all its descendants (PostgreSQL, Temporal, the
 * apps, the benchmark's children): the machine's busy time beyond it is someone else's. */
export function treeCpuSeconds(root = process.pid): number {
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(entry), Number(fields[1]));
      // Its own time and its reaped children's: a PostgreSQL backend that exits mid-round
      // (an idle pool connection closed) moves its time to the postmaster's.
      const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
      cpu.set(Number(entry), ticks / 100);
    } catch {
      // Gone meanwhile.
    }
  }
  const ours = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = parent.get(p) ?? 0, hops++)
      if (p === root) return true;
    return false;
  };
  let total = 0;
  for (const [pid, seconds] of cpu) if (ours(pid)) total += seconds;
  return total;
}

/**
 * The system as `npm start` runs it, on benchmark settings: an embedded PostgreSQL cluster (the
 * event-store benchmark's: fsync and synchronous commit on), the Temporal dev server with its
 * SQLite file and search attributes, and the worker and the API as processes of their own (from
 * the TypeScript sources, as the tests load them), authentication on. The demo's accounts are
 * provisioned as `npm run demo` does, with their API tokens, and its partnership, MoU and
 * catalogue loaded through the API.
 */
export class RunningSystem {
  readonly cluster: BenchCluster;
  private temporal?: DevServerHandle;
  private readonly apps = new Map<AppName, ChildProcess>();
  private temporalDir?: string;
  url = '';
  port = 0;
  databaseUrl = '';
  temporalAddress = '';
  tokens = new Map<string, string>();
  api!: ApiClient;
  private env: NodeJS.ProcessEnv = {};
  private temporalConnection?: Connection;
  temporalClient!: TemporalClient;

  constructor(
    private readonly options: { keepData: boolean; profile: AppName[]; profileDir: string },
  ) {
    this.cluster = new BenchCluster({ keepData: options.keepData });
  }

  async start(): Promise<void> {
    await this.cluster.startPostgres();
    await this.cluster.createDatabases(['ecvet', 'bare']);
    this.databaseUrl = this.cluster.urlFor('ecvet');
    await migrateDatabase(this.databaseUrl);

    this.temporalDir = mkdtempSync(join(tmpdir(), 'ecvet-bench-temporal-'));
    chmodSync(this.temporalDir, 0o755);
    const cli = await resolveTemporalBinary('cli', { log: (l) => console.log(`temporal: ${l}`) });
    const port = await freePort();
    this.temporal = await startTemporalDevServer({
      cliPath: cli.path,
      port,
      uiPort: await freePort(),
      dbFile: join(this.temporalDir, 'temporal.sqlite'),
      searchAttributes: {
        EcvetPhase: 'Keyword',
        EcvetInstitution: 'Keyword',
        EcvetOverdue: 'Bool',
      },
    });
    this.temporalAddress = this.temporal.address;
    console.log(`temporal: dev server on ${this.temporalAddress}`);
    this.temporalConnection = await Connection.connect({ address: this.temporalAddress });
    this.temporalClient = new TemporalClient({ connection: this.temporalConnection });

    this.port = await freePort();
    this.url = `http://127.0.0.1:${this.port}`;
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    this.env = {
      ...process.env,
      DATABASE_URL: this.databaseUrl,
      PII_MASTER_KEY: randomBytes(32).toString('base64'),
      SEAL_SIGNING_KEY: String(pem),
      TEMPORAL_ADDRESS: this.temporalAddress,
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      TEMPORAL_SEARCH_ATTRIBUTES: 'on',
      PORT: String(this.port),
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    };
    this.spawn('worker');
    this.spawn('api');
    await this.waitForHealth();
    await this.provision();
  }

  private spawn(name: AppName): void {
    mkdirSync(this.options.profileDir, { recursive: true });
    const profiling = this.options.profile.includes(name);
    const child = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        ...(profiling ? ['-r', join(__dirname, 'profile-hook.ts')] : []),
        ENTRY[name],
      ],
      {
        cwd: ROOT,
        env: {
          ...this.env,
          ...(profiling && {
            BENCH_PROFILE_DIR: this.options.profileDir,
            BENCH_PROFILE_LABEL: name,
          }),
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    child.once('exit', (code, signal) => {
      if (this.apps.get(name) === child) console.error(`${name} exited (${code ?? signal})`);
    });
    this.apps.set(name, child);
  }

  pid(name: AppName): number {
    const child = this.apps.get(name);
    if (!child?.pid || hasExited(child)) throw new Error(`${name} is not running`);
    return child.pid;
  }

  stats(name: AppName) {
    return processStats(this.pid(name));
  }

  /** CPU seconds so far of the Temporal dev server. */
  temporalCpuSeconds(): number {
    const pid = this.temporal?.process.pid;
    return pid ? processStats(pid).cpuSeconds : 0;
  }

  /** Starts or stops the CPU profile of a profiled process (see profile-hook.ts). */
  toggleProfile(name: AppName): void {
    if (this.options.profile.includes(name)) process.kill(this.pid(name), 'SIGWINCH');
  }

  private async waitForHealth(): Promise<void> {
    const deadline = Date.now() + 240_000;
    let last = '';
    while (Date.now() < deadline) {
      for (const [name, child] of this.apps)
        if (hasExited(child)) throw new Error(`${name} exited while starting`);
      try {
        const res = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(5_000) });
        if (res.ok) return;
        last = `${res.status} ${await res.text()}`;
      } catch (err) {
        last = err instanceof Error ? err.message : String(err);
      }
      await sleep(500);
    }
    throw new Error(`the API did not report healthy within 240 s (last: ${last})`);
  }

  /** The demo's accounts and tokens (as `npm run demo`), its partnership, MoU and catalogue. */
  private async provision(): Promise<void> {
    const local = await openLocalSystem({
      DATABASE_URL: this.databaseUrl,
      PII_MASTER_KEY: this.env.PII_MASTER_KEY,
    });
    try {
      const accounts = await provisionDemoAccounts(local, { password: 'bench-password-1' });
      for (const [email, account] of accounts) this.tokens.set(email, account.token);
    } finally {
      await local.close();
    }
    this.api = new ApiClient(this.url, 'bench', (email) => this.token(email));
    await runSeedsScenario(this.api, {
      annija: 'awaiting-signatures',
      juris: 'awaiting-signatures',
      ingus: 'awaiting-signatures',
    });
  }

  token(email: string): string {
    const token = this.tokens.get(email);
    if (!token) throw new Error(`no token of ${email}`);
    return token;
  }

  /** A query on the system's database (a connection of its own). */
  async query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  /**
   * Waits until the API and the worker have settled after a phase: the bridge has delivered
   * every event of the log it follows, and neither process used more than a tenth of a core over
   * half a second (the workflows' own tasks, the projection, the sealer).
   */
  async settle(timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let before = { api: this.stats('api').cpuSeconds, worker: this.stats('worker').cpuSeconds };
    for (;;) {
      await sleep(500);
      const now = { api: this.stats('api').cpuSeconds, worker: this.stats('worker').cpuSeconds };
      const busy = now.api - before.api > 0.05 || now.worker - before.worker > 0.05;
      before = now;
      if (!busy && (await this.bridgeBacklog()) === 0) return;
      if (Date.now() > deadline) {
        console.log('settle: still busy after the timeout; going on');
        return;
      }
    }
  }

  /** Events of mobilities and partnerships after the bridge's checkpoint (an upper bound: it
   * counts the event types the bridge does not follow too). */
  async bridgeBacklog(): Promise<number> {
    const rows = await this.query<{ n: string }>(
      `SELECT count(*) AS n FROM ecvet_events e
        WHERE (e.stream_id LIKE 'Mobility-%' OR e.stream_id LIKE 'Partnership-%')
          AND lpad(e.tx_id::text, 20, '0') || '-' || lpad(e.position::text, 20, '0')
              > coalesce((SELECT checkpoint FROM ecvet_projection_checkpoints
                           WHERE name = 'temporal-bridge'), '')
          AND e.event_type IN (SELECT unnest($1::text[]))`,
      [BRIDGED_TYPES],
    );
    return Number(rows[0].n);
  }

  /** Transactions committed in the system's database so far (the statistics lag by up to a
   * second: over rounds of several seconds that is noise). */
  async transactions(): Promise<number> {
    const rows = await this.query<{ n: string }>(
      `SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`,
    );
    return Number(rows[0].n);
  }

  /** Events of these mobilities' streams of the types the bridge follows. */
  async bridgedEventsOf(mobilities: string[]): Promise<number> {
    const rows = await this.query<{ n: string }>(
      `SELECT count(*) AS n FROM ecvet_events
        WHERE stream_id = ANY($1::text[]) AND event_type = ANY($2::text[])`,
      [mobilities.map((m) => `Mobility-${m}`), BRIDGED_TYPES],
    );
    return Number(rows[0].n);
  }

  async stop(): Promise<void> {
    for (const name of ['api', 'worker'] as const) {
      const child = this.apps.get(name);
      if (child) {
        this.apps.delete(name);
        await terminate(child, 20_000);
      }
    }
    await this.temporalConnection?.close().catch(() => undefined);
    await this.temporal?.stop().catch(() => undefined);
    if (this.temporalDir && !this.options.keepData)
      rmSync(this.temporalDir, { recursive: true, force: true });
    await this.cluster.shutdown();
  }
}
