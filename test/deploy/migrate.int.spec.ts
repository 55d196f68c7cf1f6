import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrationsOnDisk } from '../../infra/deploy/migrate';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * The deployment's migration step (infra/deploy/migrate.ts) as the compose file and the
 * Kubernetes manifests run it — a process of its own — on a fresh database of the run's
 * PostgreSQL: it applies everything as the owner, then nothing; `--check` waits for it, and
 * passes as the apps' restricted role once it is done.
 */
jest.setTimeout(120_000);

const ROOT = join(__dirname, '..', '..');

function runMigrate(args: string[], env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'infra/deploy/migrate.ts', ...args],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

async function admin<T>(url: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('the migration step of the deployment', () => {
  let db: TestDatabase;
  const role = `t_app_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const all = migrationsOnDisk().flatMap((f) => f.names.map((n) => `${f.folder}/${n}`));

  beforeAll(async () => {
    db = await createTestDatabase('deploy_migrate');
  });
  afterAll(async () => {
    await db?.drop();
    await admin(process.env.ECVET_TEST_ADMIN_URL!, (c) =>
      c.query(`DROP ROLE IF EXISTS ${c.escapeIdentifier(role)}`),
    );
  });

  it('--check on a fresh database names what is pending and fails', async () => {
    const r = await runMigrate(['--check'], { DATABASE_URL: db.url, MIGRATE_WAIT_SECONDS: '0' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${all.length} migrations still pending (${all.join(', ')})`);
  });

  it('applies every migration as the owner, then finds nothing left to apply', async () => {
    const first = await runMigrate([], {
      DATABASE_ADMIN_URL: db.url,
      DATABASE_URL: 'postgres://unused@nowhere/x',
    });
    expect(first.code).toBe(0);
    for (const name of all) expect(first.stdout).toContain(`[migrate] applied ${name}\n`);
    expect(first.stdout).toContain(`done: ${all.length} applied`);
    expect(first.stdout).toContain('(DATABASE_ADMIN_URL)');

    const again = await runMigrate([], { DATABASE_ADMIN_URL: db.url });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('done: the schema was up to date');
  });

  it('--check then passes as the apps’ role (a member of ecvet_writer), applying nothing', async () => {
    await admin(db.url, async (c) => {
      await c.query(
        `CREATE ROLE ${c.escapeIdentifier(role)} LOGIN PASSWORD ${c.escapeLiteral(password)}`,
      );
      await c.query(`GRANT ecvet_writer TO ${c.escapeIdentifier(role)}`);
    });
    const url = new URL(db.url);
    url.username = role;
    url.password = password;
    const r = await runMigrate(['--check'], {
      DATABASE_URL: url.toString(),
      MIGRATE_WAIT_SECONDS: '0',
    });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toContain('the schema is up to date');
  });

  it('names the variable when PostgreSQL does not answer, or a setting is wrong', async () => {
    const down = await runMigrate([], {
      DATABASE_ADMIN_URL: 'postgres://owner:secret@127.0.0.1:1/ecvet',
      MIGRATE_WAIT_SECONDS: '0',
    });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /DATABASE_ADMIN_URL \(postgres:\/\/owner:\*\*\*@127\.0\.0\.1:1\/ecvet\) is unreachable/,
    );
    const none = await runMigrate([], {});
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/DATABASE_URL must be a postgres:\/\//);
    const unknown = await runMigrate(['--apply'], { DATABASE_URL: db.url });
    expect(unknown.stderr).toMatch(/unknown argument --apply/);
  });
});
