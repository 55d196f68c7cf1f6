import { Pool } from 'pg';
import { guardPool, migrateDatabase } from '@ecvet/database';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { ApiTokens } from '../src/api-tokens';

describe('ApiTokens.authenticate', () => {
  let db: TestDatabase;
  let pool: Pool;
  let tokens: ApiTokens;
  const hour = () => new Date(Date.now() + 3_600_000);

  beforeAll(async () => {
    db = await createTestDatabase('api_tokens');
    await migrateDatabase(db.url);
    pool = guardPool(new Pool({ connectionString: db.url, max: 2 }));
    await pool.query(
      `INSERT INTO ecvet_accounts (account_id, email, name, role, version)
       VALUES ('acc-1', 'a@school.example', 'A', 'coordinator', 1)`,
    );
    tokens = new ApiTokens(pool);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  const lastUsed = async (tokenId: string) =>
    (await tokens.ofAccount('acc-1')).find((t) => t.tokenId === tokenId)?.lastUsedAt;

  it('records the last use at most once a minute, and answers every time', async () => {
    const token = await tokens.issue('acc-1', 'tok-1', 'cli', hour());
    expect(await lastUsed('tok-1')).toBeUndefined();
    expect(await tokens.authenticate(token)).toEqual({ accountId: 'acc-1', tokenId: 'tok-1' });
    const first = await lastUsed('tok-1');
    expect(first).toBeInstanceOf(Date);

    expect(await tokens.authenticate(token)).toEqual({ accountId: 'acc-1', tokenId: 'tok-1' });
    expect(await lastUsed('tok-1')).toEqual(first); // within the minute: no write

    await pool.query(
      `UPDATE ecvet_api_tokens SET last_used_at = now() - interval '2 minutes' WHERE token_id = 'tok-1'`,
    );
    const before = await lastUsed('tok-1');
    await tokens.authenticate(token);
    expect((await lastUsed('tok-1'))!.getTime()).toBeGreaterThan(before!.getTime());
  });

  it('refuses an unknown, a revoked and an expired token', async () => {
    expect(await tokens.authenticate('ecvet_unknown')).toBeUndefined();
    expect(await tokens.authenticate('not-ours')).toBeUndefined();
    const revoked = await tokens.issue('acc-1', 'tok-2', 'cli', hour());
    await tokens.revoke('tok-2');
    expect(await tokens.authenticate(revoked)).toBeUndefined();
    const expired = await tokens.issue('acc-1', 'tok-3', 'cli', new Date(Date.now() - 1000));
    expect(await tokens.authenticate(expired)).toBeUndefined();
  });
});
