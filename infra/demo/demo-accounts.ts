import { createAccount } from '../../apps/cli/src/commands/accounts';
import { createToken } from '../../apps/cli/src/commands/tokens';
import type { LocalSystem } from '../../apps/cli/src/local-system';
import { DEMO_ACCOUNTS, type DemoAccount } from './seed-data';

export interface ProvisionedAccount {
  account: DemoAccount;
  /** Its id: the events its commands append name `account:<id>` as their actor. */
  accountId: string;
  /** `DEMO_PASSWORD` when set, else generated afresh on every run (the account itself is kept:
   * same e-mail, same account). */
  password: string;
  /** An API token the scenario acts with. */
  token: string;
}

/**
 * Provisions every demo account in the system's database, as `npm run cli -- account create
 * --generate-password` and `token create` do: a generated password (or every account the one
 * `password` given, `DEMO_PASSWORD` by default) and an API token each.
 */
export async function provisionDemoAccounts(
  system: LocalSystem,
  options: { tokenExpires?: string; password?: string } = {},
): Promise<Map<string, ProvisionedAccount>> {
  const fixed = options.password ?? (process.env.DEMO_PASSWORD || undefined);
  const provisioned = new Map<string, ProvisionedAccount>();
  for (const account of DEMO_ACCOUNTS) {
    const { accountId, password } = await createAccount(system, {
      email: account.email,
      role: account.role,
      name: account.name,
      ...(account.institutionId !== undefined && { institution: account.institutionId }),
      ...(account.auditScope !== undefined && {
        auditScope: account.auditScope === 'all' ? 'all' : account.auditScope.join(','),
      }),
      ...(fixed !== undefined ? { password: fixed } : { generatePassword: true }),
    });
    const { token } = await createToken(system, {
      email: account.email,
      expires: options.tokenExpires ?? 'P1D',
      label: 'demo',
    });
    provisioned.set(account.email, { account, accountId, password: fixed ?? password!, token });
  }
  return provisioned;
}
