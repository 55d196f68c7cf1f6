import { join } from 'node:path';
import { runner } from 'node-pg-migrate';
// Relative, not the @ecvet/config alias: the launcher (infra/) compiles this file with plain tsc.
import { projectRoot } from '../../../config/src/project-paths';

/** The event store's SQL migrations (node-pg-migrate, `-- Up Migration` / `-- Down Migration`),
 * read from the source tree (the compiled tree has no .sql files). */
export const EVENT_STORE_MIGRATIONS_DIR = join(projectRoot(), 'libs', 'event-store', 'migrations');

/**
 * Applies the pending migrations; safe to call from every process at start-up: node-pg-migrate
 * takes an advisory lock, and an up-to-date schema is a no-op. Run it with a role that may create
 * tables (the owner); the apps themselves may connect as a member of `ecvet_writer`.
 */
export async function migrateEventStore(
  connectionString: string,
  log: (message: string) => void = () => undefined,
): Promise<string[]> {
  const applied = await runner({
    databaseUrl: connectionString,
    dir: EVENT_STORE_MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    checkOrder: true,
    singleTransaction: true,
    log,
    logger: { debug: () => undefined, info: log, warn: log, error: log },
  });
  return applied.map((m) => m.name);
}
