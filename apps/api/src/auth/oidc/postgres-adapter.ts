import type { Pool } from 'pg';
import type { Adapter, AdapterPayload } from 'oidc-provider';

/** The models whose documents belong to a grant (revoked with it). */
const GRANTABLE = [
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
];

/**
 * oidc-provider's storage in PostgreSQL (`ecvet_oidc_provider`, libs/identity/migrations): one
 * row per document of a model, with the ids it is looked up by (grant, session uid, user code)
 * and its expiry. Shared by every API instance, so that a sign-in may cross them.
 */
export class PostgresProviderAdapter implements Adapter {
  constructor(
    private readonly pool: Pool,
    private readonly model: string,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO ecvet_oidc_provider (model, id, payload, grant_id, uid, user_code, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6,
               CASE WHEN $7::float8 IS NULL THEN NULL ELSE now() + make_interval(secs => $7) END)
       ON CONFLICT (model, id) DO UPDATE SET
         payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id, uid = EXCLUDED.uid,
         user_code = EXCLUDED.user_code, expires_at = EXCLUDED.expires_at`,
      [
        this.model,
        id,
        JSON.stringify(payload),
        GRANTABLE.includes(this.model) ? (payload.grantId ?? null) : null,
        payload.uid ?? null,
        payload.userCode ?? null,
        typeof expiresIn === 'number' ? expiresIn : null,
      ],
    );
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    return this.one('id', id);
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.one('uid', uid);
  }

  findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.one('user_code', userCode);
  }

  async consume(id: string): Promise<void> {
    await this.pool.query(
      `UPDATE ecvet_oidc_provider
          SET payload = payload || jsonb_build_object('consumed', floor(extract(epoch FROM now())))
        WHERE model = $1 AND id = $2`,
      [this.model, id],
    );
  }

  async destroy(id: string): Promise<void> {
    await this.pool.query('DELETE FROM ecvet_oidc_provider WHERE model = $1 AND id = $2', [
      this.model,
      id,
    ]);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.pool.query(
      'DELETE FROM ecvet_oidc_provider WHERE grant_id = $1 AND model = ANY($2::text[])',
      [grantId, GRANTABLE],
    );
  }

  private async one(
    column: 'id' | 'uid' | 'user_code',
    value: string,
  ): Promise<AdapterPayload | undefined> {
    const { rows } = await this.pool.query<{ payload: AdapterPayload }>(
      `SELECT payload FROM ecvet_oidc_provider
        WHERE model = $1 AND ${column} = $2 AND (expires_at IS NULL OR expires_at > now())`,
      [this.model, value],
    );
    return rows[0]?.payload;
  }
}

/** Deletes what has expired (each instance does, every few minutes; a no-op when done). */
export async function sweepExpiredProviderState(pool: Pool): Promise<void> {
  await pool
    .query('DELETE FROM ecvet_oidc_provider WHERE expires_at < now()')
    .catch(() => undefined);
}
