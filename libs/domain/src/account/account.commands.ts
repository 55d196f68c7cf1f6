import type { Command, CommandOf, RequestOf } from '../shared/command';
import type {
  AccountDisabled,
  AccountProvisioned,
  ApiTokenCreated,
  ApiTokenRevoked,
  RoleAssignment,
  SecondFactorMethod,
  SignedIn,
  SignedOut,
  SignInFailed,
} from './account.events';

/**
 * The security record of a person who signs in. The application verifies passwords, second
 * factors and tokens; these commands record what it verified (no secret ever reaches them).
 */
export type AccountCommand =
  | Command<'ProvisionAccount', Omit<AccountProvisioned['data'], 'provisionedAt'>>
  | Command<'ChangeAccountRole', RoleAssignment & { accountId: string }>
  | Command<'DisableAccount', Omit<AccountDisabled['data'], 'disabledAt'>>
  | Command<'EnableAccount', { accountId: string }>
  | Command<'RecordPasswordSet', { accountId: string }>
  | Command<'EnrolSecondFactor', { accountId: string; method: SecondFactorMethod }>
  | Command<'RemoveSecondFactor', { accountId: string; method: SecondFactorMethod }>
  | Command<'RecordSignIn', Omit<SignedIn['data'], 'signedInAt'>>
  | Command<'RecordSignInFailure', Omit<SignInFailed['data'], 'failedAt'>>
  | Command<'RecordSignOut', Omit<SignedOut['data'], 'signedOutAt'>>
  | Command<'CreateApiToken', Omit<ApiTokenCreated['data'], 'createdAt'>>
  | Command<'RevokeApiToken', Omit<ApiTokenRevoked['data'], 'revokedAt'>>;

export type AccountCommandOf<T extends AccountCommand['type']> = CommandOf<AccountCommand, T>;
/** What a caller sends: the command's data without the account's id (the address). */
export type AccountRequest<T extends AccountCommand['type']> = RequestOf<
  AccountCommandOf<T>,
  'accountId'
>;
