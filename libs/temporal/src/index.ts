export * from './connection-security';
export * from './temporal-client.module';
export * from './temporal.health';
export * from './temporal-worker';
