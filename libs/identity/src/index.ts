export * from './principal';
export * from './passwords';
export * from './account-directory';
export * from './api-tokens';
export * from './identity.module';
export * from './sessions';
