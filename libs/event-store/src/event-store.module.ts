import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { AppConfig } from '@ecvet/config';
import { PG_POOL } from '@ecvet/database';
import type { EventStore } from './port/event-store.port';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { PostgresSubjectKeyStore } from './personal-data/postgres-subject-key-store';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';

/** The event store: `@Inject(EVENT_STORE) store: EventStore`. */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** Disposes of the store on shutdown. Its schema is migrated at start-up by `DatabaseModule`
 * (`@ecvet/database`), with every other SQL folder. */
@Injectable()
class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.dispose();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [AppConfig, PG_POOL],
      useFactory: (config: AppConfig, pool: Pool): EventStore => {
        // Personal-data keys live in PostgreSQL for both adapters.
        const keyStore = new PostgresSubjectKeyStore(
          pool,
          Buffer.from(config.PII_MASTER_KEY, 'base64'),
        );
        if (config.EVENT_STORE === 'kurrentdb') {
          return new KurrentDbEventStore({ connectionString: config.KURRENTDB_URL!, keyStore });
        }
        return new PostgresEventStore({ pool, keyStore });
      },
    },
    EventStoreLifecycle,
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule {}
