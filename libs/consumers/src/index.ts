export * from './checkpointed-consumer';
export * from './consumer-lease';
export * from './lease-keys';
export * from './leased-consumer';
