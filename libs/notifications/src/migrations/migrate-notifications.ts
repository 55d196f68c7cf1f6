import { join } from 'node:path';
import { runner } from 'node-pg-migrate';
// Relative, not the @ecvet/config alias: the launcher (infra/) can compile this file with plain tsc.
import { projectRoot } from '../../../config/src/project-paths';

export const NOTIFICATIONS_MIGRATIONS_DIR = join(
  projectRoot(),
  'libs',
  'notifications',
  'migrations',
);

const NOTIFICATIONS_MIGRATION_LOCK = 7_311_101;

/**
 * The outbox and signing-link tables (own migrations table, so neither the event store's nor the
 * read models' order is touched). Needs the read-model migrations first: the outbox projection
 * keeps its checkpoint in `ecvet_projection_checkpoints`. Waits for a migration another process
 * is running (the API and the worker start together) instead of failing.
 */
export async function migrateNotifications(connectionString: string): Promise<string[]> {
  const applied = await runner({
    databaseUrl: connectionString,
    dir: NOTIFICATIONS_MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'pgmigrations_notifications',
    checkOrder: true,
    singleTransaction: true,
    // Its own lock, so that waiting here never makes another migration runner fail.
    lockValue: NOTIFICATIONS_MIGRATION_LOCK,
    advisoryLockMode: 'wait',
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
