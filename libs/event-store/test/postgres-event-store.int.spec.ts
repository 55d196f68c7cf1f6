import { Pool } from 'pg';
import { randomBytes } from 'node:crypto';
import {
  createPostgresEventStore,
  migrateEventStore,
  PostgresSubjectKeyStore,
  type EventToAppend,
  type PostgresEventStore,
} from '../src';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { eventStoreContract, type ContractHarness } from './event-store.contract';

let db: TestDatabase;
let pool: Pool;
let store: PostgresEventStore;

beforeAll(async () => {
  db = await createTestDatabase('event_store');
  await migrateEventStore(db.url);
  pool = new Pool({ connectionString: db.url, max: 30 });
  // An idle client cut off by the server must not crash the run; queries report it.
  pool.on('error', () => undefined);
  store = createPostgresEventStore({
    pool,
    keyStore: new PostgresSubjectKeyStore(pool, randomBytes(32)),
    pollIntervalMs: 200,
  });
});

afterAll(async () => {
  await store?.dispose();
  await pool?.end();
  await db?.drop();
});

const harness = (): ContractHarness => ({
  store: () => store,
  async appendHeldOpen(stream: string, events: EventToAppend[], ms: number) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await store.append(stream, events, { expected: 'no-stream', transaction: client });
      await client.query('SELECT pg_sleep($1)', [ms / 1000]);
      await client.query('COMMIT');
      store.appended();
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }
  },
});

eventStoreContract('PostgreSQL', harness, { heldOpenWrites: true, globalEventIds: true });
