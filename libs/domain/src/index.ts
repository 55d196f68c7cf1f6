export * from './shared/decider';
export * from './shared/domain-error';
export * from './shared/command-context';
export * from './institution/institution.events';
export * from './institution/institution.decider';
export * from './institution/institution.errors';
