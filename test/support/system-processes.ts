import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { Client } from 'pg';
import { openLocalSystem } from '../../apps/cli/src/local-system';
import { provisionDemoAccounts } from '../../infra/demo/demo-accounts';
import { freePort, sleep } from '../../infra/net';
import { hasExited, terminate } from '../../infra/process';
import {
  startTemporalDevServer,
  type DevServerHandle,
} from '../../infra/temporal/temporal-dev-server';
import { migrateDatabase } from '../../libs/database/src/migrations/migrate-database';
import { startSmtpSink, type SmtpSink } from './smtp-sink';
import { createTestDatabase, type TestDatabase } from './test-database';

const ROOT = join(__dirname, '..', '..');
const ENTRY = { api: 'apps/api/src/main.ts', worker: 'apps/worker/src/main.ts' } as const;
export type AppKind = keyof typeof ENTRY;

export interface AppProcess {
  name: string;
  kind: AppKind;
  port?: number;
  child: ChildProcess;
  /** The last output lines (for a failure's message). */
  output: string[];
}

export interface SystemOptions {
  label: string;
  apis: number;
  workers: number;
  /** A PostgreSQL cluster of the system's own (which it can stop and start) instead of a
   * database on the tests' shared server. */
  ownPostgres?: boolean;
  /** Start an app that exits on its own again after a second, as `npm start`'s supervisor does
   * (a process killed through `kill` or stopped is not). */
  supervise?: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * The system as separate processes — API and worker processes from the sources, each as
 * `npm start` runs them — on one PostgreSQL database and one Temporal dev server (its SQLite file
 * kept, so it can be restarted), with an SMTP sink and a round-robin proxy in front of the APIs
 * that are up, as a load balancer would put them. The demo's accounts are provisioned with API
 * tokens. For the scale-out and fault suites: processes can be killed and started again, the
 * Temporal server restarted, and (with `ownPostgres`) PostgreSQL stopped as after a crash.
 */
export class SystemProcesses {
  readonly apps: AppProcess[] = [];
  databaseUrl = '';
  proxyUrl = '';
  tokens = new Map<string, string>();
  smtp!: SmtpSink;
  temporalAddress = '';
  /** Requests each API port answered through the proxy. */
  readonly servedBy = new Map<number, number>();
  private env: NodeJS.ProcessEnv = {};
  private db?: TestDatabase;
  private postgres?: ChildProcess;
  private postgresLines: string[] = [];
  private adminUrl = '';
  private pgPort = 0;
  private temporal?: DevServerHandle;
  private temporalPort = 0;
  private temporalConnection?: Connection;
  private dir = '';
  private proxy?: Server;
  private nextTarget = 0;
  private counter = 0;
  private stopping = false;
  private readonly killed = new Set<ChildProcess>();
  /** Apps that exited on their own and were started again (`supervise`). */
  readonly crashes: Array<{
    name: string;
    code: number | null;
    signal: string | null;
    lastOutput: string;
    /** When it exited (ms since the epoch). */
    at: number;
  }> = [];

  constructor(private readonly options: SystemOptions) {}

  async start(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), `ecvet-${this.options.label}-`));
    chmodSync(this.dir, 0o755);
    if (this.options.ownPostgres) {
      this.pgPort = await freePort();
      this.postgres = spawn(
        process.execPath,
        [
          '-r',
          '@swc-node/register',
          join(__dirname, 'postgres-controller.ts'),
          join(this.dir, 'pgdata'),
          String(this.pgPort),
        ],
        { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
      );
      let rest = '';
      this.postgres.stdout!.on('data', (d: Buffer) => {
        const lines = (rest + d.toString()).split('\n');
        rest = lines.pop()!;
        this.postgresLines.push(...lines);
      });
      this.adminUrl = (await this.postgresSays('ready')).slice('ready '.length);
      const admin = new Client({ connectionString: this.adminUrl });
      await admin.connect();
      await admin.query('CREATE DATABASE ecvet');
      await admin.end();
      const url = new URL(this.adminUrl);
      url.pathname = '/ecvet';
      this.databaseUrl = url.toString();
    } else {
      this.db = await createTestDatabase(this.options.label);
      this.databaseUrl = this.db.url;
    }
    await migrateDatabase(this.databaseUrl);
    this.temporalPort = await freePort();
    await this.startTemporal();
    this.smtp = await startSmtpSink();
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    this.env = {
      ...process.env,
      DATABASE_URL: this.databaseUrl,
      PII_MASTER_KEY: randomBytes(32).toString('base64'),
      SEAL_SIGNING_KEY: String(pem),
      SEAL_INTERVAL_SECONDS: '2',
      TEMPORAL_ADDRESS: this.temporalAddress,
      TEMPORAL_TASK_QUEUE: `ecvet-${this.options.label}`,
      TEMPORAL_SEARCH_ATTRIBUTES: 'on',
      SMTP_URL: this.smtp.url,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      ...this.options.env,
    };
    for (let i = 1; i <= this.options.apis; i++) this.startApp('api', await freePort());
    for (let i = 1; i <= this.options.workers; i++) this.startApp('worker');
    await Promise.all(this.running('api').map((app) => this.healthy(app)));
    await this.startProxy();
    const local = await openLocalSystem({
      DATABASE_URL: this.databaseUrl,
      PII_MASTER_KEY: this.env.PII_MASTER_KEY,
    });
    try {
      const accounts = await provisionDemoAccounts(local, { password: 'system-password-1' });
      this.tokens = new Map([...accounts].map(([email, account]) => [email, account.token]));
    } finally {
      await local.close();
    }
  }

  get masterKey(): string {
    return this.env.PII_MASTER_KEY!;
  }

  get sealKeyPem(): string {
    return this.env.SEAL_SIGNING_KEY!;
  }

  token(email: string): string {
    const token = this.tokens.get(email);
    if (!token) throw new Error(`no token of ${email}`);
    return token;
  }

  /** Starts an API (on `port`) or a worker process. */
  startApp(kind: AppKind, port?: number): AppProcess {
    this.counter++;
    const child = spawn(process.execPath, ['-r', '@swc-node/register', ENTRY[kind]], {
      cwd: ROOT,
      env: { ...this.env, ...(port !== undefined && { PORT: String(port) }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const app: AppProcess = { name: `${kind}-${this.counter}`, kind, port, child, output: [] };
    const keep = (d: Buffer) => {
      app.output.push(d.toString());
      if (app.output.length > 100) app.output.shift();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('exit', (code, signal) => {
      if (!this.options.supervise || this.stopping || this.killed.has(child)) return;
      this.crashes.push({
        name: app.name,
        code,
        signal,
        lastOutput: app.output.join('').slice(-600),
        at: Date.now(),
      });
      setTimeout(() => {
        if (!this.stopping) this.startApp(kind, port);
      }, 1_000);
    });
    this.apps.push(app);
    return app;
  }

  running(kind: AppKind): AppProcess[] {
    return this.apps.filter((a) => a.kind === kind && !hasExited(a.child));
  }

  /** kill -9, waiting for the exit. */
  async kill(app: AppProcess): Promise<void> {
    this.killed.add(app.child);
    if (hasExited(app.child)) return;
    const exited = new Promise((resolve) => app.child.once('exit', resolve));
    app.child.kill('SIGKILL');
    await exited;
  }

  /** Resolves once the API answers /health with 200. */
  async healthy(app: AppProcess, timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (hasExited(app.child)) throw new Error(`${app.name} exited: ${app.output.join('')}`);
      try {
        const res = await fetch(`http://127.0.0.1:${app.port}/health`, {
          signal: AbortSignal.timeout(5_000),
        });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline)
        throw new Error(`${app.name} not healthy in time: ${app.output.join('').slice(-2000)}`);
      await sleep(500);
    }
  }

  /** One query on the system's database, on a connection of its own. */
  async query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrl });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /**
   * The pid of the process holding each of these advisory-lock leases (the apps name their pool's
   * connections `ecvet:<pid>@<host>`); undefined while nobody holds it. Throws on two holders.
   */
  async leaseHolders(keys: Record<string, number>): Promise<Record<string, number | undefined>> {
    const rows = await this.query<{ key: string; application_name: string }>(
      `SELECT l.objid::bigint::text AS key, a.application_name
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objsubid = 1
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    const out: Record<string, number | undefined> = {};
    for (const [job, key] of Object.entries(keys)) {
      const held = rows.filter((r) => Number(r.key) === key);
      if (held.length > 1) throw new Error(`${job}: ${held.length} holders`);
      const match = /^ecvet:(\d+)@/.exec(held[0]?.application_name ?? '');
      out[job] = match ? Number(match[1]) : undefined;
    }
    return out;
  }

  /** Waits until each lease is held by one of `pids`; returns who holds which. */
  async leasesHeldBy(
    keys: Record<string, number>,
    pids: number[],
    timeoutMs: number,
  ): Promise<Record<string, number>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const now = await this.leaseHolders(keys);
      if (Object.values(now).every((pid) => pid !== undefined && pids.includes(pid)))
        return now as Record<string, number>;
      if (Date.now() > deadline)
        throw new Error(`leases not held by ${pids.join(', ')} in time: ${JSON.stringify(now)}`);
      await sleep(250);
    }
  }

  /** A connection to the Temporal server (reopened after a restart). */
  async temporalClientConnection(): Promise<Connection> {
    this.temporalConnection ??= await Connection.connect({ address: this.temporalAddress });
    return this.temporalConnection;
  }

  /** Stops the Temporal dev server and starts it again on the same port and SQLite file. */
  async restartTemporal(downMs = 0): Promise<void> {
    await this.temporalConnection?.close().catch(() => undefined);
    this.temporalConnection = undefined;
    await this.temporal?.stop();
    await sleep(downMs);
    await this.startTemporal();
  }

  /** Stops PostgreSQL as after a crash (immediate mode) and starts it again (own cluster only). */
  async restartPostgres(downMs = 0): Promise<void> {
    if (!this.postgres) throw new Error('restartPostgres needs ownPostgres');
    this.postgres.stdin!.write('stop immediate\n');
    await this.postgresSays('stopped');
    await sleep(downMs);
    this.postgres.stdin!.write('start\n');
    await this.postgresSays('ready');
  }

  /** Ends every session of the apps on the database server (pg_terminate_backend). */
  async terminateBackends(): Promise<number> {
    const rows = await this.query<{ n: string }>(
      `SELECT count(pg_terminate_backend(pid))::text AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND application_name LIKE 'ecvet%'`,
    );
    return Number(rows[0].n);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const app of this.apps) await terminate(app.child, 15_000).catch(() => undefined);
    await new Promise((resolve) => (this.proxy ? this.proxy.close(resolve) : resolve(undefined)));
    await this.smtp?.close().catch(() => undefined);
    await this.temporalConnection?.close().catch(() => undefined);
    await this.temporal?.stop().catch(() => undefined);
    await this.db?.drop().catch(() => undefined);
    if (this.postgres && !hasExited(this.postgres)) {
      const exited = new Promise((resolve) => this.postgres!.once('exit', resolve));
      this.postgres.stdin!.end('stop\n');
      await Promise.race([exited, sleep(30_000)]);
      if (!hasExited(this.postgres)) this.postgres.kill('SIGKILL');
    }
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  /** Waits for the PostgreSQL controller's next line starting with `word` (see
   * postgres-controller.ts); throws on its `error …` line or exit. */
  private async postgresSays(word: string, timeoutMs = 120_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.postgresLines.shift();
      if (line?.startsWith(word)) return line;
      if (line?.startsWith('error')) throw new Error(`PostgreSQL: ${line}`);
      if (line === undefined) {
        if (hasExited(this.postgres!)) throw new Error('the PostgreSQL controller exited');
        if (Date.now() > deadline) throw new Error(`PostgreSQL did not say "${word}" in time`);
        await sleep(100);
      }
    }
  }

  private async startTemporal(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        this.temporal = await startTemporalDevServer({
          cliPath: process.env.TEMPORAL_CLI_PATH!,
          port: this.temporalPort,
          uiPort: await freePort(),
          dbFile: join(this.dir, 'temporal.sqlite'),
          searchAttributes: {
            EcvetPhase: 'Keyword',
            EcvetInstitution: 'Keyword',
            EcvetOverdue: 'Bool',
          },
        });
        this.temporalAddress = this.temporal.address;
        return;
      } catch (err) {
        if (attempt >= 3) throw err;
        await sleep(1_000);
      }
    }
  }

  private async startProxy(): Promise<void> {
    this.proxy = createServer((req, res) => {
      const targets = this.running('api');
      if (targets.length === 0) {
        res.writeHead(502, { 'content-type': 'text/plain' }).end('no API process is up');
        return;
      }
      const target = targets[this.nextTarget++ % targets.length];
      const forward = httpRequest(
        {
          host: '127.0.0.1',
          port: target.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          this.servedBy.set(target.port!, (this.servedBy.get(target.port!) ?? 0) + 1);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', (err) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(String(err));
      });
      req.pipe(forward);
    });
    const port = await freePort();
    await new Promise<void>((resolve) => this.proxy!.listen(port, '127.0.0.1', resolve));
    this.proxyUrl = `http://127.0.0.1:${port}`;
  }
}
