import type {
  AccountEvent,
  AccountRole,
  AuditScope,
  RoleAssignment,
  SecondFactorMethod,
} from './account.events';

/** An API token as the account knows it: never its value. */
export interface ApiToken {
  label: string;
  expiresAt: string;
  revoked: boolean;
}

/** An account as folded from its events (sessions are not kept: each sign-in is its own fact). */
export type AccountState =
  | { status: 'none' }
  | {
      status: 'active' | 'disabled';
      accountId: string;
      email: string;
      name: string;
      role: AccountRole;
      institutionId?: string;
      auditScope?: AuditScope;
      secondFactor?: SecondFactorMethod;
      tokens: Map<string, ApiToken>;
      /** The role as provisioned, against which a repeated provisioning is compared. */
      provisionedAs: RoleAssignment;
    };
export type ProvisionedAccount = Exclude<AccountState, { status: 'none' }>;

export const initialAccountState: AccountState = { status: 'none' };

/** A role assignment with only the keys that have a value (absent, never `undefined`). */
export function roleAssignment(
  role: AccountRole,
  institutionId?: string,
  auditScope?: AuditScope,
): RoleAssignment {
  return {
    role,
    ...(institutionId !== undefined && { institutionId }),
    ...(auditScope !== undefined && { auditScope }),
  };
}

export const assignmentOf = (account: ProvisionedAccount): RoleAssignment =>
  roleAssignment(account.role, account.institutionId, account.auditScope);

const sameScope = (a?: AuditScope, b?: AuditScope): boolean => {
  if (a === undefined || b === undefined || a === 'all' || b === 'all') return a === b;
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((id) => right.has(id));
};

/** The same role, held at the same institution, with the same audit scope (in any order). */
export const sameAssignment = (a: RoleAssignment, b: RoleAssignment): boolean =>
  a.role === b.role && a.institutionId === b.institutionId && sameScope(a.auditScope, b.auditScope);

/** E-mail addresses are compared and recorded lower-cased and trimmed. */
export const normalEmail = (email: string): string => email.trim().toLowerCase();

export function evolveAccount(state: AccountState, event: AccountEvent): AccountState {
  if (event.type === 'AccountProvisioned') {
    const { accountId, email, name, role, institutionId, auditScope } = event.data;
    return {
      status: 'active',
      accountId,
      email,
      name,
      ...roleAssignment(role, institutionId, auditScope),
      tokens: new Map(),
      provisionedAs: roleAssignment(role, institutionId, auditScope),
    };
  }
  // Nothing else changes an account that was never provisioned (e.g. a failed sign-in to it).
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'AccountRoleChanged': {
      const { role, institutionId, auditScope } = event.data;
      const { role: _r, institutionId: _i, auditScope: _a, ...rest } = state;
      return { ...rest, ...roleAssignment(role, institutionId, auditScope) };
    }
    case 'AccountDisabled':
      return { ...state, status: 'disabled' };
    case 'AccountEnabled':
      return { ...state, status: 'active' };
    case 'SecondFactorEnrolled':
      return { ...state, secondFactor: event.data.method };
    case 'SecondFactorRemoved': {
      if (state.secondFactor !== event.data.method) return state;
      const { secondFactor: _s, ...rest } = state;
      return rest;
    }
    case 'ApiTokenCreated': {
      const { tokenId, label, expiresAt } = event.data;
      const tokens = new Map(state.tokens);
      tokens.set(tokenId, { label, expiresAt, revoked: false });
      return { ...state, tokens };
    }
    case 'ApiTokenRevoked': {
      const token = state.tokens.get(event.data.tokenId);
      if (!token) return state;
      const tokens = new Map(state.tokens);
      tokens.set(event.data.tokenId, { ...token, revoked: true });
      return { ...state, tokens };
    }
    case 'PasswordSet':
    case 'SignedIn':
    case 'SignInFailed':
    case 'SignedOut':
      return state;
  }
}
