export * from './checkpointed-consumer';
export * from './lease-keys';
