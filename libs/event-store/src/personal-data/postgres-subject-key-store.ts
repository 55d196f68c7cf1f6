import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { SubjectForgotten, type SubjectKeyStore } from './subject-key-store';

/**
 * Subject keys in `ecvet_subject_keys`, each wrapped (AES-256-GCM, AAD = subject) with a master
 * key that never enters the database. Unwrapped keys are cached in memory; destroying a key drops
 * it from the cache of this process at once (other processes: within `cacheTtlMs`).
 */
export class PostgresSubjectKeyStore implements SubjectKeyStore {
  private readonly cache = new Map<string, { key: Buffer | undefined; at: number }>();

  constructor(
    private readonly pool: Pool,
    private readonly masterKey: Buffer,
    private readonly cacheTtlMs = 60_000,
  ) {
    if (masterKey.length !== 32) throw new Error('the personal-data master key must be 32 bytes');
  }

  async keyFor(subject: string): Promise<Buffer> {
    const existing = await this.lookup(subject);
    if (existing.state === 'live') return existing.key;
    if (existing.state === 'destroyed') throw new SubjectForgotten(subject);
    const key = randomBytes(32);
    // A concurrent writer may create it first: keep theirs (ON CONFLICT DO NOTHING, then read).
    await this.pool.query(
      'INSERT INTO ecvet_subject_keys (subject, wrapped_key) VALUES ($1, $2) ON CONFLICT (subject) DO NOTHING',
      [subject, this.wrap(subject, key)],
    );
    this.cache.delete(subject);
    const created = await this.lookup(subject);
    if (created.state !== 'live') throw new SubjectForgotten(subject);
    return created.key;
  }

  async existingKey(subject: string): Promise<Buffer | undefined> {
    const found = await this.lookup(subject);
    return found.state === 'live' ? found.key : undefined;
  }

  async destroy(subject: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO ecvet_subject_keys (subject, wrapped_key, destroyed_at) VALUES ($1, NULL, now())
       ON CONFLICT (subject) DO UPDATE SET wrapped_key = NULL, destroyed_at = coalesce(ecvet_subject_keys.destroyed_at, now())`,
      [subject],
    );
    this.cache.set(subject, { key: undefined, at: Date.now() });
  }

  private async lookup(
    subject: string,
  ): Promise<{ state: 'live'; key: Buffer } | { state: 'destroyed' } | { state: 'none' }> {
    const cached = this.cache.get(subject);
    if (cached && Date.now() - cached.at < this.cacheTtlMs) {
      return cached.key ? { state: 'live', key: cached.key } : { state: 'destroyed' };
    }
    const { rows } = await this.pool.query<{ wrapped_key: Buffer | null }>(
      'SELECT wrapped_key FROM ecvet_subject_keys WHERE subject = $1',
      [subject],
    );
    if (rows.length === 0) return { state: 'none' };
    const wrapped = rows[0].wrapped_key;
    const key = wrapped ? this.unwrap(subject, wrapped) : undefined;
    this.cache.set(subject, { key, at: Date.now() });
    return key ? { state: 'live', key } : { state: 'destroyed' };
  }

  private wrap(subject: string, key: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.masterKey, iv);
    cipher.setAAD(Buffer.from(subject, 'utf8'));
    const ct = Buffer.concat([cipher.update(key), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ct]);
  }

  private unwrap(subject: string, wrapped: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.masterKey, wrapped.subarray(0, 12));
    decipher.setAAD(Buffer.from(subject, 'utf8'));
    decipher.setAuthTag(wrapped.subarray(12, 28));
    return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
  }
}
