/**
 * `npm start`: the whole system on embedded defaults — PostgreSQL, the Temporal dev server, the
 * worker and the API — in one process tree that Ctrl-C (SIGINT) or SIGTERM takes down cleanly.
 * DATABASE_URL / TEMPORAL_ADDRESS switch to external services instead of the embedded ones.
 * A crashed worker or API is restarted (supervisor/); a crashed server stops everything.
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
// Not the lib's index: that would load the Nest config module, which validates on import.
import { ConfigurationError, validateEnvironment } from '../libs/config/src/environment';
import { dataDir, projectRoot } from '../libs/config/src/project-paths';
import {
  assertPostgresReachable,
  assertTcpReachable,
  redact,
} from '../libs/config/src/reachability';
import { assertPortFree, sleep } from './net';
import {
  ensureDatabase,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from './postgres/embedded-postgres';
import { ensureLocalSecrets } from './local-secrets';
import { migrateDatabase } from '../libs/database/src/migrations/migrate-database';
import { Client } from 'pg';
import { resolveTemporalBinary } from './temporal/temporal-binaries';
import { startTemporalDevServer, type DevServerHandle } from './temporal/temporal-dev-server';
import { Supervisor } from './supervisor/supervisor';

const say = (line: string) => process.stdout.write(`[start] ${line}\n`);

interface LauncherSettings {
  pgPort: number;
  temporalPort: number;
  temporalUiPort: number;
}

function launcherSettings(): LauncherSettings {
  const port = (name: string, fallback: number) => {
    const raw = process.env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 65535) {
      throw new ConfigurationError(
        [name],
        `Invalid configuration:\n  ${name}: must be a port number (1-65535), got "${raw}"`,
      );
    }
    return n;
  };
  return {
    pgPort: port('PG_PORT', 5433),
    temporalPort: port('TEMPORAL_PORT', 7233),
    temporalUiPort: port('TEMPORAL_UI_PORT', 8233),
  };
}

class Launcher {
  private postgres?: EmbeddedPostgresHandle;
  private temporal?: DevServerHandle;
  private readonly apps = new Supervisor({
    statusFile: join(dataDir(), 'supervisor-status.json'),
    log: say,
    onGiveUp: () => {
      say('stopping everything');
      void this.stop().then(() => process.exit(1));
    },
  });
  private stopping?: Promise<void>;

  async run(): Promise<void> {
    const settings = launcherSettings();
    const externalDb = process.env.DATABASE_URL;
    const externalTemporal = process.env.TEMPORAL_ADDRESS;
    // Validate everything the apps will validate, with the values we are about to give them.
    const secrets = ensureLocalSecrets(dataDir());
    const env = validateEnvironment({
      ...process.env,
      DATABASE_URL: externalDb || 'postgres://placeholder@127.0.0.1:1/ecvet',
      PII_MASTER_KEY: secrets.piiMasterKey,
    });
    await assertPortFree(env.PORT, 'PORT', 'the API');

    let databaseUrl: string;
    let adminUrl: string | undefined = process.env.DATABASE_ADMIN_URL;
    if (externalDb) {
      await assertPostgresReachable(externalDb, 'DATABASE_URL');
      if (adminUrl) await assertPostgresReachable(adminUrl, 'DATABASE_ADMIN_URL');
      databaseUrl = externalDb;
      say(`PostgreSQL: external, ${redact(externalDb)}`);
    } else {
      await assertPortFree(settings.pgPort, 'PG_PORT', 'embedded PostgreSQL');
      const dir = join(dataDir(), 'postgres');
      say(`PostgreSQL: starting embedded server (data in ${dir}) ...`);
      this.postgres = await startEmbeddedPostgres({ dataDir: dir, port: settings.pgPort });
      await ensureDatabase(this.postgres.adminUrl, 'ecvet');
      adminUrl = this.postgres.urlFor('ecvet');
      await migrateDatabase(adminUrl);
      // The apps connect as ecvet_app: a member of ecvet_writer, which may append and read events
      // but never update or delete them. Migrations run as the owner.
      databaseUrl = await ensureAppRole(adminUrl, secrets.appDbPassword);
      say(`PostgreSQL: ${redact(databaseUrl)} (apps), migrations as ${redact(adminUrl)}`);
    }

    let temporalAddress: string;
    if (externalTemporal) {
      await assertTcpReachable(env.TEMPORAL_ADDRESS, 'TEMPORAL_ADDRESS');
      temporalAddress = env.TEMPORAL_ADDRESS;
      say(`Temporal: external cluster at ${temporalAddress}`);
    } else {
      await assertPortFree(settings.temporalPort, 'TEMPORAL_PORT', 'the Temporal dev server');
      await assertPortFree(settings.temporalUiPort, 'TEMPORAL_UI_PORT', 'the Temporal Web UI');
      const cli = await resolveTemporalBinary('cli', { log: say });
      const dbFile = join(dataDir(), 'temporal', 'temporal.sqlite');
      say(`Temporal: starting dev server (state in ${dbFile}) ...`);
      this.temporal = await startTemporalDevServer({
        cliPath: cli.path,
        port: settings.temporalPort,
        uiPort: settings.temporalUiPort,
        dbFile,
        namespace: env.TEMPORAL_NAMESPACE,
        // What administrators filter mobility workflows on in the Web UI.
        searchAttributes: {
          EcvetPhase: 'Keyword',
          EcvetInstitution: 'Keyword',
          EcvetOverdue: 'Bool',
        },
      });
      temporalAddress = this.temporal.address;
      this.watch('temporal', this.temporal.process);
      say(`Temporal: ${temporalAddress}, Web UI ${this.temporal.uiUrl}`);
    }

    const appEnv: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      ...(adminUrl ? { DATABASE_ADMIN_URL: adminUrl } : {}),
      TEMPORAL_ADDRESS: temporalAddress,
      ...(this.temporal && !process.env.TEMPORAL_UI_URL
        ? { TEMPORAL_UI_URL: this.temporal.uiUrl }
        : {}),
      // Our dev server knows the search attributes; an external cluster must register them first.
      TEMPORAL_SEARCH_ATTRIBUTES:
        process.env.TEMPORAL_SEARCH_ATTRIBUTES ?? (externalTemporal ? 'off' : 'on'),
      PII_MASTER_KEY: secrets.piiMasterKey,
      SEAL_SIGNING_KEY: secrets.sealSigningKeyPem,
      LOG_FORMAT: process.env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
    };
    const entry = (app: string) => join(projectRoot(), `dist/apps/${app}/src/main.js`);
    this.apps.start({ name: 'worker', entry: entry('worker'), env: appEnv });
    this.apps.start({ name: 'api', entry: entry('api'), env: appEnv });

    const apiUrl = `http://localhost:${env.PORT}`;
    await this.waitForHealth(`${apiUrl}/health`);
    if (this.stopping) return;
    say('ready:');
    say(`  API        ${apiUrl}`);
    say(`  health     ${apiUrl}/health`);
    if (this.temporal) say(`  Temporal   ${this.temporal.uiUrl}  (Web UI)`);
    if ((await countAccounts(databaseUrl)) === 0) {
      say('no account yet: every route but /health and /api/docs needs one. Create the first with');
      say(
        '  npm run cli -- account create --email <you@school.example> --role operator --generate-password',
      );
      say('  npm run cli -- token create --email <you@school.example> --expires PT8H');
      say('(or load the demo and its accounts: npm run demo)');
    }
    say('Ctrl-C stops everything.');
  }

  /** A server dying on its own takes the whole system down with a non-zero exit. */
  private watch(name: string, child: ChildProcess): void {
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      say(`${name} exited unexpectedly (${code ?? signal}); stopping everything`);
      void this.stop().then(() => process.exit(1));
    });
  }

  private async waitForHealth(url: string): Promise<void> {
    const deadline = Date.now() + 180_000;
    let last = '';
    while (Date.now() < deadline) {
      if (this.stopping) return;
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
        if (res.ok) return;
        last = `${res.status} ${await res.text()}`;
      } catch (err) {
        last = err instanceof Error ? err.message : String(err);
      }
      await sleep(500);
    }
    throw new Error(`the API did not report healthy at ${url} within 180 s (last: ${last})`);
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.apps.stop(); // the API first, then the worker
      if (this.temporal) {
        say('stopping Temporal ...');
        await this.temporal.stop();
      }
      if (this.postgres) {
        say('stopping PostgreSQL ...');
        await this.postgres.stop();
      }
      say('stopped.');
    })();
    return this.stopping;
  }
}

async function ensureAppRole(adminUrl: string, password: string): Promise<string> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = 'ecvet_app'");
    const verb = rowCount ? 'ALTER' : 'CREATE';
    await client.query(`${verb} ROLE ecvet_app LOGIN PASSWORD ${client.escapeLiteral(password)}`);
    await client.query('GRANT ecvet_writer TO ecvet_app');
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.username = 'ecvet_app';
  url.password = password;
  return url.toString();
}

async function main(): Promise<void> {
  const launcher = new Launcher();
  let signals = 0;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (++signals > 1) say('already stopping; waiting for the parts to exit ...');
      void launcher.stop().then(() => process.exit(0));
    });
  }
  try {
    await launcher.run();
  } catch (err) {
    process.stderr.write(`[start] ${err instanceof Error ? err.message : String(err)}\n`);
    await launcher.stop();
    process.exit(1);
  }
}

void main();

/** How many accounts the system has (none on a fresh machine: `npm start` says how to add one). */
async function countAccounts(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM ecvet_accounts');
    return Number(rows[0].n);
  } catch {
    return -1;
  } finally {
    await client.end().catch(() => undefined);
  }
}
