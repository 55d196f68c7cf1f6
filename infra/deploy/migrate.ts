/**
 * The deployment's migration step, compiled by `npm run build` to `dist/infra/deploy/migrate.js`:
 *
 * - `node dist/infra/deploy/migrate.js` applies every pending migration (all SQL folders, in
 *   order: `libs/database`'s one runner) as `DATABASE_ADMIN_URL` (else `DATABASE_URL`), the
 *   schema owner, then exits: 0 done, 1 failed. The compose file's `migrate` service and the
 *   Kubernetes Job run it before the apps start.
 * - `node dist/infra/deploy/migrate.js --check` applies nothing: it waits until no migration is
 *   pending, reading the bookkeeping tables as `DATABASE_URL` (the apps' role may read them), and
 *   exits 0 then, or 1 after `MIGRATE_WAIT_SECONDS`. The Kubernetes Deployments run it as an init
 *   container, so a new pod never starts on an older schema.
 *
 * Both wait up to `MIGRATE_WAIT_SECONDS` (default 60) for PostgreSQL to answer. The apps still
 * run the same runner at start-up (a no-op on an up-to-date schema).
 */
import { readdirSync } from 'node:fs';
import { Client } from 'pg';
import { ConfigurationError } from '../../libs/config/src/environment';
import { assertPostgresReachable, redact } from '../../libs/config/src/reachability';
import {
  MIGRATION_FOLDERS,
  migrateDatabase,
} from '../../libs/database/src/migrations/migrate-database';

const say = (line: string) => process.stdout.write(`[migrate] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface MigrateSettings {
  mode: 'apply' | 'check';
  url: string;
  variable: 'DATABASE_ADMIN_URL' | 'DATABASE_URL';
  waitMs: number;
}

/** What to do, from the arguments and the environment; a ConfigurationError names what is wrong. */
export function migrateSettings(argv: readonly string[], env: NodeJS.ProcessEnv): MigrateSettings {
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0)
    throw new ConfigurationError([], `unknown argument ${unknown[0]} (only --check)`);
  const mode = argv.includes('--check') ? 'check' : 'apply';
  const variable =
    mode === 'apply' && env.DATABASE_ADMIN_URL ? 'DATABASE_ADMIN_URL' : 'DATABASE_URL';
  const url = env[variable];
  if (!url || !/^postgres(ql)?:\/\/\S+$/.test(url))
    throw new ConfigurationError(
      [variable],
      `${variable} must be a postgres:// or postgresql:// connection string` +
        (mode === 'apply' ? ' (DATABASE_ADMIN_URL, the schema owner, or DATABASE_URL)' : ''),
    );
  const rawWait = env.MIGRATE_WAIT_SECONDS ?? '60';
  if (!/^\d{1,5}$/.test(rawWait))
    throw new ConfigurationError(['MIGRATE_WAIT_SECONDS'], 'MIGRATE_WAIT_SECONDS must be seconds');
  return { mode, url, variable, waitMs: Number(rawWait) * 1000 };
}

/** The migrations each folder has on disk, as node-pg-migrate names them (file name, no suffix). */
export function migrationsOnDisk(): { folder: string; table: string; names: string[] }[] {
  return MIGRATION_FOLDERS.map((f) => ({
    folder: f.name,
    table: f.table,
    names: readdirSync(f.dir)
      .filter((file) => /\.(sql|js|ts)$/.test(file) && !file.startsWith('.'))
      .map((file) => file.replace(/\.(sql|js|ts)$/, ''))
      .sort(),
  }));
}

/** The migrations not yet applied, as `<folder>/<migration>` (a missing bookkeeping table: all). */
export async function pendingMigrations(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const pending: string[] = [];
    for (const { folder, table, names } of migrationsOnDisk()) {
      const exists = await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [
        table,
      ]);
      const applied = new Set<string>();
      if (exists.rows[0]?.t !== null) {
        const { rows } = await client.query<{ name: string }>(
          `SELECT name FROM ${client.escapeIdentifier(table)}`,
        );
        for (const row of rows) applied.add(row.name);
      }
      pending.push(...names.filter((n) => !applied.has(n)).map((n) => `${folder}/${n}`));
    }
    return pending;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function waitForPostgres(settings: MigrateSettings): Promise<void> {
  const deadline = Date.now() + settings.waitMs;
  for (;;) {
    try {
      await assertPostgresReachable(settings.url, settings.variable);
      return;
    } catch (err) {
      if (Date.now() >= deadline) throw err;
      say(`${(err as Error).message}; retrying`);
      await sleep(2_000);
    }
  }
}

export async function runMigrate(settings: MigrateSettings): Promise<void> {
  await waitForPostgres(settings);
  if (settings.mode === 'apply') {
    say(`applying pending migrations as ${redact(settings.url)} (${settings.variable})`);
    const applied = await migrateDatabase(settings.url);
    for (const name of applied) say(`applied ${name}`);
    say(applied.length ? `done: ${applied.length} applied` : 'done: the schema was up to date');
    return;
  }
  const deadline = Date.now() + settings.waitMs;
  for (;;) {
    const pending = await pendingMigrations(settings.url);
    if (pending.length === 0) {
      say('the schema is up to date');
      return;
    }
    if (Date.now() >= deadline)
      throw new Error(
        `${pending.length} migrations still pending (${pending.join(', ')}): run the migration step first`,
      );
    say(`waiting for ${pending.length} pending migrations (${pending.join(', ')})`);
    await sleep(5_000);
  }
}

if (require.main === module) {
  (async () => {
    try {
      await runMigrate(migrateSettings(process.argv.slice(2), process.env));
      process.exit(0);
    } catch (err) {
      const message =
        err instanceof ConfigurationError
          ? err.message
          : err instanceof Error
            ? (err.stack ?? err.message)
            : String(err);
      process.stderr.write(`[migrate] ${message}\n`);
      process.exit(1);
    }
  })().catch(() => process.exit(1));
}
