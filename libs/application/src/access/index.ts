export * from './access-denied';
export * from './authorize';
export * from './guarded-write';
export * from './policy';
export * from './relations';
export * from './relations-of';
