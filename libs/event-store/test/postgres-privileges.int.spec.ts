import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { createPostgresEventStore, migrateEventStore, type PostgresEventStore } from '../src';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { event } from './event-store.contract';

describe('PostgreSQL event store: schema, migrations and who may change what', () => {
  let db: TestDatabase;
  let owner: Pool;
  let store: PostgresEventStore;
  const appRole = `ecvet_app_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    db = await createTestDatabase('privileges');
    expect(await migrateEventStore(db.url)).toEqual(['001_event-store']);
    owner = new Pool({ connectionString: db.url });
    // An idle client cut off by the server must not crash the run; queries report it.
    owner.on('error', () => undefined);
    store = createPostgresEventStore({ pool: owner });
    await owner.query(`CREATE ROLE ${appRole} LOGIN PASSWORD 'app' IN ROLE ecvet_writer`);
  });
  afterAll(async () => {
    await store?.dispose();
    await owner?.end();
    await db?.drop();
    const admin = new Client({ connectionString: process.env.ECVET_TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${appRole}`);
    await admin.end();
  });

  it('applies migrations once: a second run is a no-op', async () => {
    expect(await migrateEventStore(db.url)).toEqual([]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of events even to the table owner', async () => {
    const stream = `Mobility-${randomUUID()}`;
    await store.append(stream, [event()], { expected: 'no-stream' });
    await expect(
      owner.query("UPDATE ecvet_events SET event_type = 'X' WHERE stream_id = $1", [stream]),
    ).rejects.toThrow(/append-only: UPDATE/);
    await expect(
      owner.query('DELETE FROM ecvet_events WHERE stream_id = $1', [stream]),
    ).rejects.toThrow(/append-only: DELETE/);
    await expect(owner.query('TRUNCATE ecvet_events')).rejects.toThrow(/append-only: TRUNCATE/);
    expect(await store.streamVersion(stream)).toBe(1);
  });

  it('lets the app role (a member of ecvet_writer) append and read, but not update or delete', async () => {
    const url = new URL(db.url);
    url.username = appRole;
    url.password = 'app';
    const appPool = new Pool({ connectionString: url.toString() });
    // An idle client cut off by the server must not crash the run; queries report it.
    appPool.on('error', () => undefined);
    const asApp = createPostgresEventStore({ pool: appPool });
    try {
      const stream = `Mobility-${randomUUID()}`;
      await asApp.append(stream, [event(), event()], { expected: 'no-stream' });
      expect((await asApp.readStream(stream)).map((e) => e.version)).toEqual([1, 2]);
      await expect(appPool.query("UPDATE ecvet_events SET event_type = 'X'")).rejects.toMatchObject(
        { code: '42501' },
      );
      await expect(appPool.query('DELETE FROM ecvet_events')).rejects.toMatchObject({
        code: '42501',
      });
      await expect(
        appPool.query('ALTER TABLE ecvet_events DISABLE TRIGGER USER'),
      ).rejects.toMatchObject({ code: '42501' });
    } finally {
      await asApp.dispose();
      await appPool.end();
    }
  });

  it('allocates global positions without a counter row: concurrent appends to different streams all succeed', async () => {
    const streams = Array.from({ length: 40 }, () => `Call-${randomUUID()}`);
    const results = await Promise.all(
      streams.map((s) => store.append(s, [event()], { expected: 'no-stream' })),
    );
    expect(new Set(results.map((r) => r.position)).size).toBe(40);
  });
});
