/** The rules of the Account aggregate, as returned in 422 problem details. */
export const AccountRules = {
  MustExist: 'account.must-exist',
  AlreadyProvisioned: 'account.already-provisioned',
  EmailInvalid: 'account.email-invalid',
  RoleUnknown: 'account.role-unknown',
  InstitutionRequired: 'account.institution-required',
  AuditScopeOnlyForAuditors: 'account.audit-scope-only-for-auditors',
  Disabled: 'account.disabled',
  TokenUnknown: 'account.token-unknown',
  TokenIdTaken: 'account.token-id-taken',
  TokenExpiryInPast: 'account.token-expiry-in-past',
  TokenExpiryTooFar: 'account.token-expiry-too-far',
} as const;
