import { randomBytes, randomUUID } from 'node:crypto';
import { ACCOUNT_ROLES, type AccountRole, type CommandContext } from '@ecvet/domain';
import { UsageError, type LocalSystem } from '../local-system';

/** The command line acts as the system itself (an operator at the machine): `system:cli`. */
export function cliContext(): CommandContext {
  const commandId = randomUUID();
  return {
    commandId,
    actor: { id: 'system:cli', role: 'system', via: 'internal' },
    issuedAt: new Date().toISOString(),
    correlationId: commandId,
    causationId: commandId,
  };
}

export interface CreateAccountOptions {
  email: string;
  role: string;
  name?: string;
  institution?: string;
  auditScope?: string;
  password?: string;
  generatePassword?: boolean;
}

/** Provisions an account (and its password); returns its id and a generated password, if any. */
export async function createAccount(
  system: LocalSystem,
  options: CreateAccountOptions,
): Promise<{ accountId: string; password?: string }> {
  if (!(ACCOUNT_ROLES as readonly string[]).includes(options.role))
    throw new UsageError(`--role must be one of ${ACCOUNT_ROLES.join(', ')}`);
  const email = options.email.trim().toLowerCase();
  const existing = await system.directory.byEmail(email);
  const accountId = existing?.accountId ?? randomUUID();
  const auditScope =
    options.auditScope === undefined
      ? undefined
      : options.auditScope === 'all'
        ? ('all' as const)
        : options.auditScope.split(',').map((s) => s.trim());
  await system.accounts.provision(
    accountId,
    {
      email,
      name: options.name ?? email,
      role: options.role as AccountRole,
      ...(options.institution !== undefined && { institutionId: options.institution }),
      ...(auditScope !== undefined && { auditScope }),
    },
    cliContext(),
  );
  const password =
    options.password ??
    (options.generatePassword ? randomBytes(12).toString('base64url') : undefined);
  if (password !== undefined) await system.accounts.setPassword(accountId, password, cliContext());
  return { accountId, ...(options.generatePassword && password !== undefined && { password }) };
}
