import type { AccountState } from '@ecvet/domain';

/** An account as operators, its administrators, auditors and its holder see it (no secrets). */
export function accountView(state: AccountState, version: number) {
  if (state.status === 'none') return undefined;
  return {
    accountId: state.accountId,
    version,
    email: state.email,
    name: state.name,
    role: state.role,
    institutionId: state.institutionId,
    auditScope: state.auditScope,
    status: state.status,
    secondFactor: state.secondFactor ?? null,
    tokens: [...state.tokens.entries()].map(([tokenId, t]) => ({ tokenId, ...t })),
  };
}
