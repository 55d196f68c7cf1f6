import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { AccountService } from '@ecvet/application';
// Not the lib's index: that loads the Nest config module, which validates the environment.
import { dataDir } from '../../../libs/config/src/project-paths';
import { guardPool } from '../../../libs/database/src/guard-pool';
import {
  createPostgresEventStore,
  PostgresSubjectKeyStore,
  type PostgresEventStore,
} from '@ecvet/event-store';
import { EventSourcedStreams } from '@ecvet/event-sourcing';
import { AccountDirectory, ApiTokens } from '@ecvet/identity';

/** A usage error: the message is for the operator, the exit code 2. */
export class UsageError extends Error {}

/**
 * The database of the system this command administers: `DATABASE_URL` and `PII_MASTER_KEY`, or —
 * with neither set — the one `npm start` runs on this machine (embedded PostgreSQL on PG_PORT,
 * default 5433, its app role's password and the master key kept in `.data/keys/`).
 */
export function localSettings(env: NodeJS.ProcessEnv = process.env): {
  databaseUrl: string;
  masterKey: Buffer;
} {
  const keys = join(dataDir(), 'keys');
  const read = (file: string) => {
    const path = join(keys, file);
    if (!existsSync(path))
      throw new UsageError(
        `no ${file} in ${keys}: start the system once with \`npm start\`, or set DATABASE_URL and PII_MASTER_KEY`,
      );
    return readFileSync(path, 'utf8').trim();
  };
  const databaseUrl =
    env.DATABASE_URL ??
    `postgres://ecvet_app:${encodeURIComponent(read('db-app-password'))}@127.0.0.1:${env.PG_PORT ?? '5433'}/ecvet`;
  const masterKey = Buffer.from(env.PII_MASTER_KEY ?? read('pii-master.key'), 'base64');
  return { databaseUrl, masterKey };
}

/** The account service over the system's database, for the command line. */
export interface LocalSystem {
  accounts: AccountService;
  directory: AccountDirectory;
  tokens: ApiTokens;
  close(): Promise<void>;
}

export async function openLocalSystem(env: NodeJS.ProcessEnv = process.env): Promise<LocalSystem> {
  const { databaseUrl, masterKey } = localSettings(env);
  const pool = new Pool({ connectionString: databaseUrl, max: 4, application_name: 'ecvet-cli' });
  guardPool(pool);
  try {
    await pool.query('SELECT 1 FROM ecvet_accounts LIMIT 1');
  } catch (err) {
    await pool.end();
    throw new UsageError(
      `cannot reach the system's database (${err instanceof Error ? err.message : String(err)}): is \`npm start\` running, or DATABASE_URL set?`,
    );
  }
  const store: PostgresEventStore = createPostgresEventStore({
    pool,
    keyStore: new PostgresSubjectKeyStore(pool, masterKey),
  });
  const streams = new EventSourcedStreams(store);
  const directory = new AccountDirectory(pool);
  const tokens = new ApiTokens(pool);
  return {
    accounts: new AccountService(streams, directory, tokens),
    directory,
    tokens,
    async close() {
      await store.dispose();
      await pool.end();
    },
  };
}
