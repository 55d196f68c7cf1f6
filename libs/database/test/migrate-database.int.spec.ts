import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { MIGRATION_FOLDERS, migrateDatabase, migrateFolder } from '../src';

describe('the one migration runner', () => {
  let db: TestDatabase;
  let owner: Client;
  const appRole = `ecvet_app_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    db = await createTestDatabase('migrate_database');
    owner = new Client({ connectionString: db.url });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await db?.drop();
    const admin = new Client({ connectionString: process.env.ECVET_TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${appRole}`);
    await admin.end();
  });

  it('applies every folder in order: event store, consumers, read models, notifications, identity, api', async () => {
    expect(MIGRATION_FOLDERS.map((f) => f.name)).toEqual([
      'event-store',
      'consumers',
      'read-models',
      'notifications',
      'identity',
      'api',
    ]);
    expect(await migrateDatabase(db.url)).toEqual([
      'event-store/001_event-store',
      'consumers/001_consumer-checkpoints',
      'read-models/001_read-models',
      'read-models/002_document-hashes',
      'read-models/003_dashboard',
      'notifications/001_notifications',
      'notifications/002_partnership_mail',
      'notifications/003_signing_link_hashes',
      'notifications/004_checkpoint_digest',
      'identity/001_identity',
      'identity/002_oidc_provider',
      'api/001_rate-limits',
    ]);
  });

  it('keeps each folder in its own bookkeeping table, as the former runners did', async () => {
    const names = async (table: string) =>
      (await owner.query<{ name: string }>(`SELECT name FROM ${table} ORDER BY id`)).rows.map(
        (r) => r.name,
      );
    expect(await names('pgmigrations')).toEqual(['001_event-store']);
    expect(await names('pgmigrations_consumers')).toEqual(['001_consumer-checkpoints']);
    expect(await names('pgmigrations_read_models')).toEqual([
      '001_read-models',
      '002_document-hashes',
      '003_dashboard',
    ]);
    expect(await names('pgmigrations_notifications')).toEqual([
      '001_notifications',
      '002_partnership_mail',
      '003_signing_link_hashes',
      '004_checkpoint_digest',
    ]);
    expect(await names('pgmigrations_identity')).toEqual(['001_identity', '002_oidc_provider']);
    expect(await names('pgmigrations_api')).toEqual(['001_rate-limits']);
  });

  it('lets replicas that start at once migrate one after the other, none failing', async () => {
    // Every folder has a lock of its own that a second runner waits for (node-pg-migrate's
    // default lock fails instead: two API replicas starting together crashed one of them).
    const fresh = await createTestDatabase('migrate_concurrent');
    try {
      const results = await Promise.all([1, 2, 3].map(() => migrateDatabase(fresh.url)));
      const applied = results.flat();
      expect(new Set(applied).size).toBe(applied.length);
      expect(applied.length).toBeGreaterThan(0);
      expect(await migrateDatabase(fresh.url)).toEqual([]);
    } finally {
      await fresh.drop();
    }
    expect(MIGRATION_FOLDERS.every((f) => 'lock' in f)).toBe(true);
  });

  it('is a no-op on an up-to-date database', async () => {
    expect(await migrateDatabase(db.url)).toEqual([]);
    expect(await migrateFolder(db.url, 'event-store')).toEqual([]);
  });

  it('adopts the checkpoint table of a database migrated before the consumers had a folder', async () => {
    // Then the read models' 001 created `ecvet_projection_checkpoints`, and no
    // `pgmigrations_consumers` existed: the consumers' 001 must keep the table and its rows.
    await owner.query(
      `INSERT INTO ecvet_projection_checkpoints (name, checkpoint) VALUES ('read-models', 'x')`,
    );
    await owner.query('DROP TABLE pgmigrations_consumers');
    expect(await migrateDatabase(db.url)).toEqual(['consumers/001_consumer-checkpoints']);
    const { rows } = await owner.query('SELECT name, checkpoint FROM ecvet_projection_checkpoints');
    expect(rows).toEqual([{ name: 'read-models', checkpoint: 'x' }]);
  });

  it('lets the app role (a member of ecvet_writer) keep checkpoints and read models', async () => {
    await owner.query(`CREATE ROLE ${appRole} LOGIN PASSWORD 'app' IN ROLE ecvet_writer`);
    const url = new URL(db.url);
    url.username = appRole;
    url.password = 'app';
    const app = new Client({ connectionString: url.toString() });
    await app.connect();
    try {
      await app.query(
        `INSERT INTO ecvet_projection_checkpoints (name, checkpoint) VALUES ('mail-outbox', 'y')
         ON CONFLICT (name) DO UPDATE SET checkpoint = EXCLUDED.checkpoint`,
      );
      await app.query(
        `INSERT INTO ecvet_read_models (kind, id, version, doc) VALUES ('Mobility', 'm', 1, '{}')`,
      );
      for (const table of MIGRATION_FOLDERS.map((f) => f.table)) {
        await app.query(`SELECT count(*) FROM ${table}`);
      }
    } finally {
      await app.end();
    }
  });
});
