import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../../../infra/net';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import type { SeedAccount } from './api-process';

export interface ApiProcess {
  url: string;
  db: TestDatabase;
  /** A client of its database, for what the test checks there. */
  sql: Client;
  output: () => string;
  stop(): Promise<void>;
}

const ROOT = join(__dirname, '..', '..', '..');

/**
 * Starts the API as a real Node process (test/auth/support/api-process.ts) on its own database of
 * the run's PostgreSQL, at `http://<host>:<free port>`, which is also its PUBLIC_URL.
 */
export async function startApiProcess(
  label: string,
  options: { host?: string; env?: Record<string, string>; accounts?: SeedAccount[]; port?: number },
): Promise<ApiProcess> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  const url = `http://${host}:${port}`;
  const db = await createTestDatabase(label);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    PII_MASTER_KEY: randomBytes(32).toString('base64'),
    TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    PORT: String(port),
    HOST: host,
    PUBLIC_URL: url,
    ECVET_TEST_ACCOUNTS: JSON.stringify(options.accounts ?? []),
    ...options.env,
  };
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'test/auth/support/api-process.ts'],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start:\n${output}`)), 90_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`listening ${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${code}) before listening:\n${output}`));
    });
  });
  const sql = new Client({ connectionString: db.url });
  await sql.connect();
  return {
    url,
    db,
    sql,
    output: () => output,
    async stop() {
      await sql.end();
      const closed = new Promise((resolve) => child.once('close', resolve));
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await closed;
        clearTimeout(timer);
      }
      child.stdout?.destroy();
      child.stderr?.destroy();
      await db.drop();
    },
  };
}
