import { join } from 'node:path';
import { runner } from 'node-pg-migrate';
// Relative, not the @ecvet/config alias: the launcher (infra/) compiles this file with plain tsc.
import { projectRoot } from '../../../config/src/project-paths';

export const READ_MODEL_MIGRATIONS_DIR = join(projectRoot(), 'libs', 'application', 'migrations');

/** The read-model tables (own migrations table, so the event store's order is untouched). */
export async function migrateReadModels(connectionString: string): Promise<string[]> {
  const applied = await runner({
    databaseUrl: connectionString,
    dir: READ_MODEL_MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'pgmigrations_read_models',
    checkOrder: true,
    singleTransaction: true,
    log: () => undefined,
    logger: {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    },
  });
  return applied.map((m) => m.name);
}
