import type { Decider } from '../shared/decider';
import { ensure } from '../shared/domain-error';
import type { AccountCommand } from './account.commands';
import { ACCOUNT_ROLES, type AccountEvent, type RoleAssignment } from './account.events';
import { AccountRules } from './account.errors';
import {
  assignmentOf,
  evolveAccount,
  initialAccountState,
  normalEmail,
  roleAssignment,
  sameAssignment,
  type AccountState,
  type ProvisionedAccount,
} from './account.state';

const DAY_MS = 86_400_000;
/** The longest an API token may live. */
const MAX_TOKEN_DAYS = 366;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Roles held across institutions: every other role is held at one. */
const WITHOUT_INSTITUTION: ReadonlyArray<string> = ['operator', 'auditor'];

function ensureExists(state: AccountState): asserts state is ProvisionedAccount {
  ensure(state.status !== 'none', AccountRules.MustExist, 'the account is not provisioned');
}

function ensureValidAssignment(assignment: RoleAssignment): void {
  const { role, institutionId, auditScope } = assignment;
  ensure(
    (ACCOUNT_ROLES as ReadonlyArray<string>).includes(role),
    AccountRules.RoleUnknown,
    `unknown role ${String(role)}`,
    { role, roles: [...ACCOUNT_ROLES] },
  );
  ensure(
    WITHOUT_INSTITUTION.includes(role) || (institutionId !== undefined && institutionId !== ''),
    AccountRules.InstitutionRequired,
    `the role ${role} is held at an institution: institutionId is required`,
  );
  ensure(
    auditScope === undefined || role === 'auditor',
    AccountRules.AuditScopeOnlyForAuditors,
    'only auditors have an audit scope',
  );
}

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  initialState: initialAccountState,
  evolve: evolveAccount,

  decide(command, state) {
    const { at } = command;
    switch (command.type) {
      case 'ProvisionAccount': {
        const { accountId, name, role, institutionId, auditScope } = command.data;
        const email = normalEmail(command.data.email);
        const assignment = roleAssignment(role, institutionId, auditScope);
        if (state.status !== 'none') {
          // Idempotent: provisioning the same account again changes nothing (whatever its role
          // became since); other details are a conflict with what is recorded.
          ensure(
            state.email === email &&
              state.name === name &&
              sameAssignment(state.provisionedAs, assignment),
            AccountRules.AlreadyProvisioned,
            `account ${accountId} is already provisioned with other details`,
          );
          return [];
        }
        ensure(EMAIL.test(email), AccountRules.EmailInvalid, 'not an e-mail address');
        ensureValidAssignment(assignment);
        return [
          {
            type: 'AccountProvisioned',
            data: { accountId, email, name, ...assignment, provisionedAt: at },
          },
        ];
      }
      case 'ChangeAccountRole': {
        ensureExists(state);
        const { accountId, role, institutionId, auditScope } = command.data;
        const assignment = roleAssignment(role, institutionId, auditScope);
        ensureValidAssignment(assignment);
        const previous = assignmentOf(state);
        if (sameAssignment(previous, assignment)) return [];
        return [
          {
            type: 'AccountRoleChanged',
            data: { accountId, ...assignment, previous, changedAt: at },
          },
        ];
      }
      case 'DisableAccount': {
        ensureExists(state);
        if (state.status === 'disabled') return [];
        return [{ type: 'AccountDisabled', data: { ...command.data, disabledAt: at } }];
      }
      case 'EnableAccount': {
        ensureExists(state);
        if (state.status === 'active') return [];
        return [{ type: 'AccountEnabled', data: { ...command.data, enabledAt: at } }];
      }
      case 'RecordPasswordSet': {
        // Every new password is its own fact: there is nothing to compare it with.
        ensureExists(state);
        return [{ type: 'PasswordSet', data: { ...command.data, setAt: at } }];
      }
      case 'EnrolSecondFactor': {
        ensureExists(state);
        if (state.secondFactor === command.data.method) return [];
        return [{ type: 'SecondFactorEnrolled', data: { ...command.data, enrolledAt: at } }];
      }
      case 'RemoveSecondFactor': {
        ensureExists(state);
        if (state.secondFactor !== command.data.method) return [];
        return [{ type: 'SecondFactorRemoved', data: { ...command.data, removedAt: at } }];
      }
      case 'RecordSignIn': {
        ensureExists(state);
        ensure(
          state.status === 'active',
          AccountRules.Disabled,
          'the account is disabled: no sign-in',
        );
        return [{ type: 'SignedIn', data: { ...command.data, signedInAt: at } }];
      }
      case 'RecordSignInFailure': {
        // An attempt on an account that was never provisioned is recorded as such, and only so.
        if (command.data.reason === 'not-provisioned')
          ensure(
            state.status === 'none',
            AccountRules.AlreadyProvisioned,
            'the account is provisioned: a failure to sign in to it is not "not-provisioned"',
          );
        else ensureExists(state);
        return [{ type: 'SignInFailed', data: { ...command.data, failedAt: at } }];
      }
      case 'RecordSignOut': {
        ensureExists(state);
        return [{ type: 'SignedOut', data: { ...command.data, signedOutAt: at } }];
      }
      case 'CreateApiToken': {
        ensureExists(state);
        const { tokenId, label, expiresAt } = command.data;
        const existing = state.tokens.get(tokenId);
        if (existing) {
          ensure(
            existing.label === label && existing.expiresAt === expiresAt,
            AccountRules.TokenIdTaken,
            `token ${tokenId} exists with other details`,
          );
          return [];
        }
        ensure(
          state.status === 'active',
          AccountRules.Disabled,
          'the account is disabled: no token',
        );
        const lifetime = Date.parse(expiresAt) - Date.parse(at);
        ensure(
          lifetime > 0,
          AccountRules.TokenExpiryInPast,
          'expiresAt must be an ISO 8601 time after the command',
          { expiresAt, at },
        );
        ensure(
          lifetime <= MAX_TOKEN_DAYS * DAY_MS,
          AccountRules.TokenExpiryTooFar,
          `a token lives at most ${MAX_TOKEN_DAYS} days`,
          { expiresAt, at },
        );
        return [{ type: 'ApiTokenCreated', data: { ...command.data, createdAt: at } }];
      }
      case 'RevokeApiToken': {
        ensureExists(state);
        const token = state.tokens.get(command.data.tokenId);
        ensure(token, AccountRules.TokenUnknown, `no token ${command.data.tokenId}`);
        if (token.revoked) return [];
        return [{ type: 'ApiTokenRevoked', data: { ...command.data, revokedAt: at } }];
      }
    }
  },
};
