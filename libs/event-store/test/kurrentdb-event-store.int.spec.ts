import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import {
  createKurrentDbEventStore,
  migrateEventStore,
  PostgresSubjectKeyStore,
  type EventStore,
} from '../src';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { eventStoreContract } from './event-store.contract';

// The KurrentDB adapter runs the same contract, but only against a real server: none can run on
// this project's CI machines (no Docker, no KurrentDB package in the registries it reaches), so
// without KURRENTDB_URL this suite is skipped. Start one with the command in
// libs/event-store/src/kurrentdb/README.md and run `KURRENTDB_URL=... npm run test:int`.
const url = process.env.KURRENTDB_URL;
const describeWithServer = url ? describe : describe.skip;

describeWithServer('KurrentDB adapter', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: EventStore;

  beforeAll(async () => {
    // Subject keys live in PostgreSQL for both adapters.
    db = await createTestDatabase('kurrent_keys');
    await migrateEventStore(db.url);
    pool = new Pool({ connectionString: db.url });
    // An idle client cut off by the server must not crash the run; queries report it.
    pool.on('error', () => undefined);
    store = createKurrentDbEventStore({
      connectionString: url!,
      keyStore: new PostgresSubjectKeyStore(pool, randomBytes(32)),
    });
  });
  afterAll(async () => {
    await store?.dispose();
    await pool?.end();
    await db?.drop();
  });

  eventStoreContract('KurrentDB', () => ({ store: () => store }), {
    heldOpenWrites: false,
    globalEventIds: false,
  });
});
