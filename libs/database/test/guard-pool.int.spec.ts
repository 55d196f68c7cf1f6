import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { guardPool } from '../src';

describe('guardPool: a server going away never ends the process', () => {
  let db: TestDatabase;
  let pool: Pool;
  const seen: Error[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('guard_pool');
    pool = guardPool(new Pool({ connectionString: db.url, max: 3 }), (err) => seen.push(err));
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('routes a checked-out client’s error to the handler; the pool serves the next query', async () => {
    const held = await pool.connect(); // as a held advisory lock or a transaction would be
    const { rows } = await held.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await pool.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
    // Without the listener the FATAL 57P01 would be an unhandled 'error' event here.
    await waitFor(() => seen.length > 0);
    expect((seen[0] as Error & { code?: string }).code).toBe('57P01');
    await expect(held.query('SELECT 1')).rejects.toThrow();
    held.release(true);
    const after = await pool.query<{ one: number }>('SELECT 1 AS one');
    expect(after.rows[0].one).toBe(1);
  });
});

async function waitFor(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 20));
}
