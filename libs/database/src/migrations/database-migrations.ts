import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AppConfig, oncePerProcess } from '@ecvet/config';
import { migrateDatabase } from './migrate-database';

/** `migrateDatabase`, once per process and database: the apps' start-up, and tests that start an
 * app more than once on one database, share one run. */
export function migrateDatabaseOnce(url: string): Promise<string[]> {
  return oncePerProcess(`migrate database ${url}`, () => migrateDatabase(url));
}

/** Every migration at start-up, with the owner role when one is configured (`DATABASE_ADMIN_URL`).
 * A provider of the global `DatabaseModule`: Nest initialises global modules first, so the schema
 * is there before any feature module's start-up hook and before any consumer starts. */
@Injectable()
export class DatabaseMigrations implements OnModuleInit {
  private readonly logger = new Logger('Migrations');
  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const applied = await migrateDatabaseOnce(
      this.config.DATABASE_ADMIN_URL ?? this.config.DATABASE_URL,
    );
    if (applied.length) this.logger.log(`applied migrations: ${applied.join(', ')}`);
  }
}
