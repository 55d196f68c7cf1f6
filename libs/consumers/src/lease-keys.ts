/**
 * The advisory-lock keys of the database's single-runner jobs, in one place: PostgreSQL has one
 * key space per database, so two jobs sharing a key would exclude each other (whichever starts
 * first would keep the other off for good). `lease-keys.spec.ts` checks they are distinct.
 * (Two-key locks, such as the signing links' per-link locks, live in a key space of their own.)
 */
export const LEASE_KEYS = {
  readModelProjection: 7_311_001,
  mailOutboxProjection: 7_311_002,
  temporalBridge: 7_311_004,
  learnerCreditReactor: 7_311_005,
} as const;
