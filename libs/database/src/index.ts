export * from './database.module';
export * from './postgres.health';
export * from './migrations/migrate-database';
export * from './migrations/database-migrations';
export * from './guard-pool';
