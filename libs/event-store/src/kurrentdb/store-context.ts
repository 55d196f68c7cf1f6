import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { SubjectKeyStore } from '../personal-data/subject-key-store';
import type { TailCache } from './tail';

/** What the operations of the KurrentDB adapter share: built once by `KurrentDbEventStore`. */
export interface KurrentStoreContext {
  readonly client: KurrentDBClient;
  /** Where the per-subject keys of personal fields live. */
  readonly keyStore: SubjectKeyStore;
  /** Stream tails remembered between appends. */
  readonly tails: TailCache;
}
