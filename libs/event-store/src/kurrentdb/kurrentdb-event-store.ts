import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { SubjectKeyStore } from '../personal-data/subject-key-store';
import type {
  AppendOptions,
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
import { appendToStream } from './append';
import { readAll } from './read-all';
import { readStream, streamVersion } from './read-stream';
import type { KurrentStoreContext } from './store-context';
import { subscribeToAll } from './subscribe';
import { TailCache } from './tail';

export interface KurrentDbEventStoreOptions {
  /** `kurrentdb://host:2113?tls=false` and the like (see the client's connection strings). */
  connectionString: string;
  /** Where the per-subject keys of personal fields live (the PostgreSQL key store by default). */
  keyStore: SubjectKeyStore;
}

/**
 * The `EventStore` port on KurrentDB (formerly EventStoreDB), through the official gRPC client.
 * This class owns the client and the tail cache; each operation lives in a file of its own:
 * `append.ts` (with `prepare-events.ts` and `tail.ts`), `read-stream.ts`, `read-all.ts`,
 * `subscribe.ts`; `recorded-events.ts` turns stored events back into `RecordedEvent`s.
 *
 * Every stored event carries, in its metadata under `$integrity`, its link in its stream's hash
 * chain: `{ prevHash, hash, recordedAt }` (see `../integrity/event-hash.ts`). To chain correctly
 * under concurrent writers, each append is sent with the exact revision of the head it chained
 * onto, whatever the caller expected; the caller's expectation is checked here against that head,
 * and an `any` / `stream-exists` append that loses a race is re-chained and retried. The tail
 * cache only saves a read: a stale entry makes the server refuse the write, never corrupts the
 * chain.
 *
 * Retries and duplicates: an append whose ids all stand, in order, at the stream's tail (or right
 * after the expected version) is a retry and writes nothing; ids found elsewhere in the last
 * `TAIL_WINDOW` events of the stream are a `DuplicateEventId`. Older events of the stream and
 * other streams are not searched: KurrentDB has no index by event id.
 *
 * Unlike the PostgreSQL adapter, this one keeps no seals (no Merkle chain of the global log): only
 * the per-stream hash chains. See README.md.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  private readonly keyStore: SubjectKeyStore;
  private readonly tails = new TailCache();
  private readonly context: KurrentStoreContext;

  constructor(options: KurrentDbEventStoreOptions) {
    this.client = KurrentDBClient.connectionString(options.connectionString);
    this.keyStore = options.keyStore;
    this.context = { client: this.client, keyStore: this.keyStore, tails: this.tails };
  }

  append(
    stream: string,
    events: EventToAppend[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    return appendToStream(this.context, stream, events, options);
  }

  readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return readStream(this.context, stream, options);
  }

  streamVersion(stream: string): Promise<number> {
    return streamVersion(this.context, stream);
  }

  readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    return readAll(this.context, options);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    return subscribeToAll(this.context, options);
  }

  async forgetSubject(subject: string): Promise<void> {
    await this.keyStore.destroy(subject);
  }

  async isSubjectErased(subject: string): Promise<boolean> {
    return !(await this.keyStore.existingKey(subject));
  }

  async dispose(): Promise<void> {
    this.tails.clear();
    await this.client.dispose();
  }
}

export function createKurrentDbEventStore(
  options: KurrentDbEventStoreOptions,
): KurrentDbEventStore {
  return new KurrentDbEventStore(options);
}
