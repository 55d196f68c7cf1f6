import { guardPool } from '@ecvet/database';
import { Pool } from 'pg';
import type { SubjectKeyStore } from '../personal-data/subject-key-store';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../port/event-store.port';
import { appendToStream, type PgAppendOptions } from './append';
import { PgNotifications } from './pg-notifications';
import {
  verifyPostgresEventStore,
  type VerificationReport,
  type VerifyOptions,
} from './pg-verifier';
import { readAll } from './read-all';
import { readStream } from './read-stream';
import type { PgStoreContext } from './store-context';
import { streamVersion } from './stream-head';
import { StreamHeadCache } from './stream-head-cache';
import { subscribeToAll } from './subscribe';

export type { PgAppendOptions } from './append';

export interface PostgresEventStoreOptions {
  /** Either a connection string (the store owns a pool) or a pool (the caller owns it). */
  connectionString?: string;
  pool?: Pool;
  poolSize?: number;
  /** Where subject keys for personal data live (usually `PostgresSubjectKeyStore`). */
  keyStore?: SubjectKeyStore;
  /** Off only for the benchmark's baseline: events then carry zero hashes and fail `verify()`. */
  tamperEvidence?: boolean;
  /** How often an idle subscription polls when no notification arrives. */
  pollIntervalMs?: number;
}

/**
 * The `EventStore` port on PostgreSQL: this class owns the pool (or borrows the caller's), the
 * stream-head cache, the wake-ups and the open subscriptions; each operation lives in a file of
 * its own and gets them through a `PgStoreContext`: `append.ts` (with `append-one.ts`,
 * `prepare-events.ts`, `append-retry.ts`, `stream-head.ts`), `read-stream.ts`, `read-all.ts`,
 * `subscribe.ts`, and `pg-verifier.ts` for `verify()`.
 */
export class PostgresEventStore implements EventStore {
  readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly notifications: PgNotifications;
  private readonly subscriptions = new Set<Subscription>();
  private readonly context: PgStoreContext;

  constructor(private readonly options: PostgresEventStoreOptions) {
    if (options.pool) {
      this.pool = options.pool;
      this.ownsPool = false;
    } else if (options.connectionString) {
      this.pool = new Pool({
        connectionString: options.connectionString,
        max: options.poolSize ?? 20,
        application_name: 'ecvet-event-store',
      });
      guardPool(this.pool);
      this.ownsPool = true;
    } else {
      throw new Error('PostgresEventStore needs a connectionString or a pool');
    }
    this.notifications = new PgNotifications(this.pool, 'ecvet_events');
    this.context = {
      pool: this.pool,
      heads: new StreamHeadCache(),
      notifications: this.notifications,
      tamperEvidence: options.tamperEvidence ?? true,
      keyStore: options.keyStore,
    };
  }

  append(
    stream: string,
    events: EventToAppend[],
    options: PgAppendOptions = {},
  ): Promise<AppendResult> {
    return appendToStream(this.context, stream, events, options);
  }

  streamVersion(stream: string): Promise<number> {
    return streamVersion(this.context, stream);
  }

  readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return readStream(this.context, stream, options);
  }

  readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    return readAll(this.context, options);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    return subscribeToAll(this.context, this.subscriptions, this.options.pollIntervalMs, options);
  }

  /** Wakes subscriptions (here and in other processes) after a commit the store did not make. */
  appended(): void {
    this.notifications.signal();
  }

  /** Verifies hashes, stream chains and seals of the whole log (see pg-verifier). */
  verify(options?: VerifyOptions): Promise<VerificationReport> {
    return verifyPostgresEventStore(this.pool, options);
  }

  async forgetSubject(subject: string): Promise<void> {
    if (!this.options.keyStore) throw new Error('this event store has no subject key store');
    await this.options.keyStore.destroy(subject);
  }

  async isSubjectErased(subject: string): Promise<boolean> {
    return !(await this.options.keyStore?.existingKey(subject));
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.notifications.close();
    if (this.ownsPool) await this.pool.end();
  }
}

export function createPostgresEventStore(options: PostgresEventStoreOptions): PostgresEventStore {
  return new PostgresEventStore(options);
}
