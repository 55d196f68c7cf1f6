import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { exportSealSigner, generateSealSigner } from '@ecvet/event-store';
import { freePort } from '../../infra/net';
import { ensureSchemathesis } from '../../infra/schemathesis/schemathesis';
import {
  startTemporalDevServer,
  type DevServerHandle,
} from '../../infra/temporal/temporal-dev-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { TARGET_ACCOUNT_ID, type ContractWorld } from './contract-world';
import { schemathesisArguments } from './schemathesis-run';

/**
 * The OpenAPI document is the contract: Schemathesis generates requests from it — valid ones,
 * invalid ones, undeclared methods, sequences — against the real API (its own Node process, on a
 * fresh PostgreSQL database, Temporal up), signed in as the operator, and checks every answer
 * against the document with all of its checks. Its seed is random per run and printed;
 * `CONTRACT_SEED=<n>` repeats a run.
 */
let dir: string;
let db: TestDatabase;
let temporal: DevServerHandle;
let api: ChildProcess;
let url: string;
let world: ContractWorld;
let schemathesis: string;

beforeAll(async () => {
  schemathesis = ensureSchemathesis({ log: (line) => console.log(line) });
  dir = mkdtempSync(join(tmpdir(), 'ecvet-contract-'));
  db = await createTestDatabase('contract');
  temporal = await startTemporalDevServer({
    cliPath: process.env.TEMPORAL_CLI_PATH!,
    port: await freePort(),
    uiPort: await freePort(),
  });
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  api = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, 'contract-api.process.ts')],
    {
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        PORT: String(port),
        PUBLIC_URL: url,
        PII_MASTER_KEY: randomBytes(32).toString('base64'),
        TEMPORAL_ADDRESS: temporal.address,
        SEAL_SIGNING_KEY: exportSealSigner(generateSealSigner()).privateKeyPem,
        // Thousands of requests from one address: limits that would answer most of them 429
        // leave the pages and token creation behind them untested (429 stays declared; the
        // hardening suite tests it).
        RATE_LIMITS: JSON.stringify({
          'signing-page': '100000/PT1M',
          'token-create': '100000/PT1H',
        }),
        LOG_LEVEL: 'error',
        LOG_FORMAT: 'json',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  world = await new Promise<ContractWorld>((resolve, reject) => {
    api.once('exit', (code) => reject(new Error(`the API exited (${code}) before listening`)));
    createInterface({ input: api.stdout! }).once('line', (line) =>
      resolve(JSON.parse(line) as ContractWorld),
    );
  });
}, 600_000);

afterAll(async () => {
  if (api && api.exitCode === null) {
    const exited = new Promise((resolve) => api.once('exit', resolve));
    api.kill('SIGTERM');
    await exited;
  }
  await temporal?.stop();
  await db?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('answers every generated request as its OpenAPI document says (Schemathesis, all checks)', async () => {
  const seed = process.env.CONTRACT_SEED ? Number(process.env.CONTRACT_SEED) : randomInt(2 ** 31);
  console.log(`Schemathesis seed: ${seed} (repeat with CONTRACT_SEED=${seed})`);
  const started = Date.now();
  const { code, output } = await run(
    schemathesis,
    schemathesisArguments({ documentUrl: `${url}/api/docs-json`, seed, token: world.token }),
    { CONTRACT_TARGET_ACCOUNT: TARGET_ACCOUNT_ID, CONTRACT_TARGET_TOKEN: world.targetTokenId },
  );
  const seconds = Math.round((Date.now() - started) / 1000);
  // The whole report on failure (each failure with a curl that reproduces it); else its summary.
  const report = code === 0 ? output.slice(output.lastIndexOf(' SUMMARY ') - 40) : output;
  console.log(`Schemathesis exited ${code} in ${seconds} s (seed ${seed})\n${report}`);
  expect(code).toBe(0);
}, 900_000);

/** Runs Schemathesis in the test's folder (its caches stay there), collecting its output. */
function run(
  exe: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(exe, args, {
      cwd: dir,
      env: { ...process.env, ...env, NO_COLOR: '1', PYTHONIOENCODING: 'utf-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: Buffer.concat(chunks).toString('utf8') }));
  });
}
