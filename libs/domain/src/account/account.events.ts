/**
 * The Account aggregate (stream `Account-<accountId>`): the security record of a person who signs
 * in — who they are, the role they hold and where, whether they may sign in, their second factor,
 * their sign-ins and sign-outs, and their API tokens. Secrets never enter an event: no password
 * hash, no TOTP secret, no session cookie, no token value; only the facts and their ids.
 */

/** The roles an account can hold. */
export const ACCOUNT_ROLES = [
  'operator',
  'administrator',
  'coordinator',
  'head',
  'mentor',
  'auditor',
] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** What an auditor may read: every institution, or the listed institution ids. */
export type AuditScope = 'all' | string[];

/** A role and where it is held (the institution; for auditors, what they may audit). */
export interface RoleAssignment {
  role: AccountRole;
  /** Required for every role but `operator` and `auditor`. */
  institutionId?: string;
  /** Auditors only. */
  auditScope?: AuditScope;
}

export type SecondFactorMethod = 'totp';
export type SignInMethod = 'password+totp' | 'password' | 'oidc';
export type SignInFailureReason =
  'bad-password' | 'bad-second-factor' | 'disabled' | 'locked-out' | 'not-provisioned';

export interface AccountProvisioned {
  type: 'AccountProvisioned';
  data: RoleAssignment & {
    accountId: string;
    /** Lower-cased and trimmed. */
    email: string;
    name: string;
    provisionedAt: string;
  };
}

/** A grant or revocation of a role is a change of role. */
export interface AccountRoleChanged {
  type: 'AccountRoleChanged';
  data: RoleAssignment & {
    accountId: string;
    previous: RoleAssignment;
    changedAt: string;
  };
}

export interface AccountDisabled {
  type: 'AccountDisabled';
  data: { accountId: string; reason: string; disabledAt: string };
}

export interface AccountEnabled {
  type: 'AccountEnabled';
  data: { accountId: string; enabledAt: string };
}

/** A new password was set (its hash lives outside the events, never in them). */
export interface PasswordSet {
  type: 'PasswordSet';
  data: { accountId: string; setAt: string };
}

export interface SecondFactorEnrolled {
  type: 'SecondFactorEnrolled';
  data: { accountId: string; method: SecondFactorMethod; enrolledAt: string };
}

export interface SecondFactorRemoved {
  type: 'SecondFactorRemoved';
  data: { accountId: string; method: SecondFactorMethod; removedAt: string };
}

export interface SignedIn {
  type: 'SignedIn';
  data: {
    accountId: string;
    method: SignInMethod;
    /** The OpenID Connect issuer, for `oidc`. */
    issuer?: string;
    /** The session's id, not the cookie value. */
    sessionId: string;
    signedInAt: string;
  };
}

export interface SignInFailed {
  type: 'SignInFailed';
  data: { accountId: string; reason: SignInFailureReason; failedAt: string };
}

export interface SignedOut {
  type: 'SignedOut';
  /** Without a `sessionId`: signed out everywhere. */
  data: { accountId: string; sessionId?: string; signedOutAt: string };
}

/** An API token was created (its id and label; the token value is never recorded). */
export interface ApiTokenCreated {
  type: 'ApiTokenCreated';
  data: { accountId: string; tokenId: string; label: string; expiresAt: string; createdAt: string };
}

export interface ApiTokenRevoked {
  type: 'ApiTokenRevoked';
  data: { accountId: string; tokenId: string; reason: string; revokedAt: string };
}

export type AccountEvent =
  | AccountProvisioned
  | AccountRoleChanged
  | AccountDisabled
  | AccountEnabled
  | PasswordSet
  | SecondFactorEnrolled
  | SecondFactorRemoved
  | SignedIn
  | SignInFailed
  | SignedOut
  | ApiTokenCreated
  | ApiTokenRevoked;

/**
 * The personal fields of an event, for the store to encrypt under the account holder's key
 * (`account-<accountId>`): the e-mail address and name given at provisioning. Every other event
 * carries ids, roles and times only.
 */
export function accountPersonalFields(
  event: AccountEvent,
): { subject: string; fields: string[] } | undefined {
  switch (event.type) {
    case 'AccountProvisioned':
      return { subject: `account-${event.data.accountId}`, fields: ['email', 'name'] };
    default:
      return undefined;
  }
}
