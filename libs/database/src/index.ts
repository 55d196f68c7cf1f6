export * from './database.module';
export * from './postgres.health';
