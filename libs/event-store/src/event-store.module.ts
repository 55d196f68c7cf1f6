import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import type { Pool } from 'pg';
import { AppConfig, oncePerProcess } from '@ecvet/config';
import { PG_POOL } from '@ecvet/database';
import type { EventStore } from './port/event-store.port';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { PostgresSubjectKeyStore } from './personal-data/postgres-subject-key-store';
import { migrateEventStore } from './postgres/migrate';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';

/** The event store: `@Inject(EVENT_STORE) store: EventStore`. */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** The event store's migrations, run once per process and database by whichever start-up hook
 * needs them first (the read models and the outbox depend on them). */
export const migrateEventStoreOnce = (url: string): Promise<string[]> =>
  oncePerProcess(`migrate event store ${url}`, () => migrateEventStore(url));

@Injectable()
class EventStoreLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('EventStore');
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly config: AppConfig,
  ) {}

  /** Schema migrations at start-up, with the owner role when one is configured. */
  async onModuleInit(): Promise<void> {
    const applied = await migrateEventStoreOnce(
      this.config.DATABASE_ADMIN_URL ?? this.config.DATABASE_URL,
    );
    if (applied.length) this.logger.log(`applied migrations: ${applied.join(', ')}`);
  }

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
