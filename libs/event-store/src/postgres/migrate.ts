import { MIGRATION_FOLDERS, migrateFolder } from '@ecvet/database';

/** The event store's SQL migrations (`libs/event-store/migrations`): the first folder that the
 * one migration runner (`migrateDatabase` in `@ecvet/database`) applies. */
export const EVENT_STORE_MIGRATIONS_DIR = MIGRATION_FOLDERS.find(
  (f) => f.name === 'event-store',
)!.dir;

/**
 * Applies the event store's pending migrations alone, through the one runner: for the store's own
 * tests and the benchmark, which need no other table. The apps migrate everything at start-up
 * (`DatabaseModule`). Run it with a role that may create tables (the owner).
 */
export function migrateEventStore(
  connectionString: string,
  log: (message: string) => void = () => undefined,
): Promise<string[]> {
  return migrateFolder(connectionString, 'event-store', log);
}
