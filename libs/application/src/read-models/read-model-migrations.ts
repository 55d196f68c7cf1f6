import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AppConfig, oncePerProcess } from '@ecvet/config';
import { migrateEventStoreOnce } from '@ecvet/event-store';
import { migrateReadModels } from './migrate-read-models';

/** Read-model tables at start-up (after the event store's, whose role they grant to). */
/** The read-model tables, once per process and database (after the event store's). */
export async function migrateReadModelsOnce(url: string): Promise<string[]> {
  await migrateEventStoreOnce(url);
  return oncePerProcess(`migrate read models ${url}`, () => migrateReadModels(url));
}

@Injectable()
export class ReadModelMigrations implements OnModuleInit {
  private readonly logger = new Logger('ReadModels');
  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const url = this.config.DATABASE_ADMIN_URL ?? this.config.DATABASE_URL;
    const applied = await migrateReadModelsOnce(url);
    if (applied.length) this.logger.log(`applied migrations: ${applied.join(', ')}`);
  }
}
