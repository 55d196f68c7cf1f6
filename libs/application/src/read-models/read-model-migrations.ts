import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@ecvet/config';
import { migrateEventStore } from '@ecvet/event-store';
import { migrateReadModels } from './migrate-read-models';

/** Read-model tables at start-up (after the event store's, whose role they grant to). */
@Injectable()
export class ReadModelMigrations implements OnModuleInit {
  private readonly logger = new Logger('ReadModels');
  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const url = this.config.DATABASE_ADMIN_URL ?? this.config.DATABASE_URL;
    await migrateEventStore(url);
    const applied = await migrateReadModels(url);
    if (applied.length) this.logger.log(`applied migrations: ${applied.join(', ')}`);
  }
}
