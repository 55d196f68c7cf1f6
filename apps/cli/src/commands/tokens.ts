import { durationMs } from '@ecvet/domain';
import { UsageError, type LocalSystem } from '../local-system';
import { cliContext } from './accounts';

/** An API token for the account with this e-mail, valid for an ISO 8601 duration. */
export async function createToken(
  system: LocalSystem,
  options: { email: string; expires: string; label?: string },
  now = Date.now(),
): Promise<{ token: string; tokenId: string; expiresAt: string }> {
  const account = await system.directory.byEmail(options.email);
  if (!account) throw new UsageError(`no account with the e-mail ${options.email}`);
  let ms: number;
  try {
    ms = durationMs(options.expires);
  } catch {
    throw new UsageError(`--expires must be an ISO 8601 duration such as PT1H or P30D`);
  }
  return system.accounts.createApiToken(
    account.accountId,
    { label: options.label ?? 'cli', expiresAt: new Date(now + ms).toISOString() },
    cliContext(),
  );
}

export async function revokeToken(
  system: LocalSystem,
  options: { email: string; tokenId: string },
): Promise<void> {
  const account = await system.directory.byEmail(options.email);
  if (!account) throw new UsageError(`no account with the e-mail ${options.email}`);
  await system.accounts.revokeApiToken(
    account.accountId,
    { tokenId: options.tokenId, reason: 'revoked from the command line' },
    cliContext(),
  );
}
