import type { ClientBase, Pool } from 'pg';
import { GENESIS_HASH } from '../integrity/event-hash';
import type { SubjectKeyStore } from '../personal-data/subject-key-store';
import type { PgNotifications } from './pg-notifications';
import type { StreamHead, StreamHeadCache } from './stream-head-cache';

/**
 * What the operations of the PostgreSQL adapter (append, read stream, read all, subscribe) share:
 * built once by `PostgresEventStore`, which owns it and hands it to each operation.
 */
export interface PgStoreContext {
  readonly pool: Pool;
  /** The last known head of recently used streams (committed heads only). */
  readonly heads: StreamHeadCache;
  /** Wake-ups for subscriptions, here and in other processes. */
  readonly notifications: PgNotifications;
  /** Off only for the benchmark's baseline: events then carry zero hashes and fail `verify()`. */
  readonly tamperEvidence: boolean;
  /** Where subject keys for personal data live (usually `PostgresSubjectKeyStore`). */
  readonly keyStore?: SubjectKeyStore;
}

/** A pool, a pooled client, or the caller's client inside its own transaction. */
export type Queryable = Pool | ClientBase;

export const ZERO_HASH = Buffer.alloc(32);
const GENESIS = Buffer.from(GENESIS_HASH, 'hex');

/** The hash a stream's first event chains onto: the genesis hash (zeros without tamper evidence). */
export function firstPrevHash(ctx: PgStoreContext): Buffer {
  return ctx.tamperEvidence ? GENESIS : ZERO_HASH;
}

/** The head of a stream with no events: version 0. */
export function emptyHead(ctx: PgStoreContext): StreamHead {
  return { version: 0, hash: firstPrevHash(ctx) };
}
