import { eventCodec } from '../shared/codec';
import type { AccountEvent } from './account.events';

const TYPES = [
  'AccountDisabled',
  'AccountEnabled',
  'AccountProvisioned',
  'AccountRoleChanged',
  'ApiTokenCreated',
  'ApiTokenRevoked',
  'PasswordSet',
  'SecondFactorEnrolled',
  'SecondFactorRemoved',
  'SignInFailed',
  'SignedIn',
  'SignedOut',
] as const satisfies ReadonlyArray<AccountEvent['type']>;

// Every event type is listed: a new one that is not fails to compile here.
type Unlisted = Exclude<AccountEvent['type'], (typeof TYPES)[number]>;
const everyTypeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyTypeListed;

/** Recorded Account events back into typed events (see shared/codec.ts). */
export const accountCodec = eventCodec<AccountEvent>('Account', TYPES);
