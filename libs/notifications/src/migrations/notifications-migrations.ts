import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AppConfig, oncePerProcess } from '@ecvet/config';
import { migrateReadModelsOnce } from '@ecvet/application';
import { migrateNotifications } from './migrate-notifications';

/** The outbox tables at start-up, after the event store's and the read models' (whose role and
 * checkpoint table they use). */
@Injectable()
export class NotificationsMigrations implements OnModuleInit {
  private readonly logger = new Logger('Notifications');
  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const url = this.config.DATABASE_ADMIN_URL ?? this.config.DATABASE_URL;
    await migrateReadModelsOnce(url);
    const applied = await oncePerProcess(`migrate notifications ${url}`, () =>
      migrateNotifications(url),
    );
    if (applied.length) this.logger.log(`applied migrations: ${applied.join(', ')}`);
  }
}
