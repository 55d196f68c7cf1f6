export * from './aggregate';
export * from './event-ids';
export * from './event-sourced-stream';
export * from './event-sourced-streams';
export * from './write-outcome';
