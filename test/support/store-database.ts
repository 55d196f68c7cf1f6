import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { migrateDatabase } from '../../libs/database/src';
import {
  createPostgresEventStore,
  PostgresSubjectKeyStore,
  type PostgresEventStore,
} from '../../libs/event-store/src';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface StoreDatabase {
  db: TestDatabase;
  pool: Pool;
  /** The PostgreSQL event store with subject keys (a fresh master key) on `pool`. */
  store: PostgresEventStore;
  /** Disposes of the store, ends the pool, drops the database. */
  close(): Promise<void>;
}

/** A fresh, fully migrated database of its own for a suite, with an event store on it. */
export async function openStoreDatabase(name: string): Promise<StoreDatabase> {
  const db = await createTestDatabase(name);
  await migrateDatabase(db.url);
  const pool = new Pool({ connectionString: db.url });
  pool.on('error', () => undefined);
  const store = createPostgresEventStore({
    pool,
    keyStore: new PostgresSubjectKeyStore(pool, randomBytes(32)),
  });
  return {
    db,
    pool,
    store,
    close: async () => {
      await store.dispose();
      await pool.end();
      await db.drop();
    },
  };
}
