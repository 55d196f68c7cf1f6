import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('the embedded PostgreSQL the tests run on', () => {
  let db: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    db = await createTestDatabase('pg_roundtrip');
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it('is a real PostgreSQL server that round-trips a query', async () => {
    const { rows } = await client.query<{ version: string; sum: number }>(
      'SELECT version() AS version, $1::int + $2::int AS sum',
      [40, 2],
    );
    expect(rows[0].version).toMatch(/^PostgreSQL \d+/);
    expect(rows[0].sum).toBe(42);
  });

  it('gives each suite a fresh, empty database', async () => {
    const { rows } = await client.query(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(rows[0].n).toBe(0);
    expect(db.name).toMatch(/^t_pg_roundtrip_[0-9a-f]{8}$/);
  });

  it('persists rows and enforces constraints like the production server', async () => {
    await client.query('CREATE TABLE learners (id text PRIMARY KEY, name text NOT NULL)');
    await client.query("INSERT INTO learners VALUES ('annija', 'Annija')");
    await expect(
      client.query("INSERT INTO learners VALUES ('annija', 'Again')"),
    ).rejects.toMatchObject({
      code: '23505',
    });
    const { rows } = await client.query('SELECT name FROM learners');
    expect(rows).toEqual([{ name: 'Annija' }]);
  });

  it('drops the database afterwards', async () => {
    const other = await createTestDatabase('dropped');
    await other.drop();
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      other.name,
    ]);
    expect(rowCount).toBe(0);
  });
});
