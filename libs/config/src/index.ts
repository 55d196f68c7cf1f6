export * from './environment';
export * from './reachability';
export * from './config.module';
export * from './logger.module';
export * from './log-redaction';
export * from './project-paths';
export * from './once-per-process';
