import { join } from 'node:path';
import { runner } from 'node-pg-migrate';
// Relative, not the @ecvet/config alias: the launcher (infra/) compiles this file with plain tsc.
import { projectRoot } from '../../../config/src/project-paths';

/** One folder of SQL migrations (node-pg-migrate, `-- Up Migration` / `-- Down Migration`), read
 * from the source tree (the compiled tree has no .sql files). */
export interface MigrationFolder {
  /** Its name in logs and in `migrateDatabase`'s result: `event-store/001_event-store`. */
  readonly name: string;
  readonly dir: string;
  /** node-pg-migrate's bookkeeping table for this folder. Each folder keeps its own, the one its
   * former runner used, so that a database migrated before the one runner is up to date. */
  readonly table: string;
  /** An advisory lock of its own, waited for when another process holds it (replicas starting
   * at once migrate one after the other). Without one, the folder would take node-pg-migrate's
   * default lock and fail when another process holds it. */
  readonly lock?: number;
}

const sqlOf = (lib: string) => join(projectRoot(), 'libs', lib, 'migrations');

/**
 * Every SQL folder of the product, in the order they are applied: each may use what the folders
 * before it created (the `ecvet_writer` role of the event store, the consumers' checkpoint table).
 * A new folder goes here, with a bookkeeping table of its own.
 */
export const MIGRATION_FOLDERS = [
  // The event log, seals, subject keys and the `ecvet_writer` role.
  {
    name: 'event-store',
    dir: sqlOf('event-store'),
    table: 'pgmigrations',
    lock: 7_311_100,
  },
  // `ecvet_projection_checkpoints`: where each checkpointed consumer stands in the log.
  {
    name: 'consumers',
    dir: sqlOf('consumers'),
    table: 'pgmigrations_consumers',
    lock: 7_311_102,
  },
  // `ecvet_read_models`.
  {
    name: 'read-models',
    dir: sqlOf('application'),
    table: 'pgmigrations_read_models',
    lock: 7_311_105,
  },
  // The mail outbox and the signing links' uses.
  {
    name: 'notifications',
    dir: sqlOf('notifications'),
    table: 'pgmigrations_notifications',
    lock: 7_311_101,
  },
  // Accounts' directory, credentials, API tokens and sessions.
  {
    name: 'identity',
    dir: sqlOf('identity'),
    table: 'pgmigrations_identity',
    lock: 7_311_103,
  },
  // `ecvet_rate_limits`: the API's rate-limit counters, shared by its instances.
  {
    name: 'api',
    dir: join(projectRoot(), 'apps', 'api', 'migrations'),
    table: 'pgmigrations_api',
    lock: 7_311_104,
  },
] as const satisfies readonly MigrationFolder[];

export type MigrationFolderName = (typeof MIGRATION_FOLDERS)[number]['name'];

/**
 * Applies the pending migrations of every folder, in order; returns what it applied, as
 * `<folder>/<migration>`. Safe to call from every process at start-up: an up-to-date schema is a
 * no-op. Run it with a role that may create tables (the owner); the apps themselves may connect
 * as a member of `ecvet_writer`.
 */
export async function migrateDatabase(
  connectionString: string,
  log: (message: string) => void = () => undefined,
): Promise<string[]> {
  const applied: string[] = [];
  for (const folder of MIGRATION_FOLDERS) {
    const names = await migrateFolder(connectionString, folder.name, log);
    applied.push(...names.map((name) => `${folder.name}/${name}`));
  }
  return applied;
}

/**
 * Applies the pending migrations of one folder (and returns their names). Only for what needs one
 * part of the schema alone — the event store's own tests and benchmark; everything else calls
 * `migrateDatabase`. The folders before it must have been applied.
 */
export async function migrateFolder(
  connectionString: string,
  name: MigrationFolderName,
  log: (message: string) => void = () => undefined,
): Promise<string[]> {
  const folder: MigrationFolder = MIGRATION_FOLDERS.find((f) => f.name === name)!;
  const applied = await runner({
    databaseUrl: connectionString,
    dir: folder.dir,
    direction: 'up',
    migrationsTable: folder.table,
    checkOrder: true,
    singleTransaction: true,
    ...(folder.lock !== undefined && { lockValue: folder.lock, advisoryLockMode: 'wait' }),
    log,
    logger: { debug: () => undefined, info: log, warn: log, error: log },
  });
  return applied.map((m) => m.name);
}
