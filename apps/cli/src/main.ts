import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { DomainError } from '@ecvet/domain';
import { createAccount } from './commands/accounts';
import { registerAuditCommands } from './commands/audit';
import { registerBundleCommands } from './commands/audit-bundle';
import { createToken, revokeToken } from './commands/tokens';
import { openLocalSystem, UsageError, type LocalSystem } from './local-system';

/**
 * `npm run cli -- <command>`: administration of a system from its machine (accounts and API
 * tokens, without a browser). Exit codes: 0 done, 1 failed, 2 usage (a bad option, an unknown
 * account, no system to talk to), 3 refused by a rule of the domain.
 */
export function program(out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)) {
  const withSystem = async <T>(work: (system: LocalSystem) => Promise<T>): Promise<T> => {
    const system = await openLocalSystem();
    try {
      return await work(system);
    } finally {
      await system.close();
    }
  };
  const cli = new Command('ecvet')
    .description('ECVET Mobility Engine: administration')
    .exitOverride();

  const account = cli.command('account').description('accounts that sign in');
  account
    .command('create')
    .description('provision an account (or change it: the same e-mail is the same account)')
    .requiredOption('--email <email>', 'the e-mail the person signs in with')
    .requiredOption('--role <role>', 'operator, administrator, coordinator, head, mentor, auditor')
    .option('--name <name>', 'the full name')
    .option('--institution <id>', 'the institution (every role but operator and auditor)')
    .option('--audit-scope <ids>', 'auditors: "all" or institution ids, comma-separated')
    .option('--password <password>', 'sets the password (at least 8 characters)')
    .option('--generate-password', 'sets a random password and prints it')
    .option('--json', 'machine-readable output')
    .action(async (o: Parameters<typeof createAccount>[1] & { json?: boolean }) => {
      const created = await withSystem((s) => createAccount(s, o));
      if (o.json) out(JSON.stringify(created));
      else {
        out(`account ${created.accountId} (${o.email}, ${o.role})`);
        if (created.password) out(`password: ${created.password}`);
      }
    });
  account
    .command('list')
    .description('every account: e-mail, role, institution')
    .option('--json', 'machine-readable output')
    .action(async (o: { json?: boolean }) => {
      const accounts = await withSystem((s) => s.directory.list());
      if (o.json) out(JSON.stringify(accounts));
      else
        for (const a of accounts)
          out(`${a.email}\t${a.role}\t${a.institutionId ?? '-'}${a.disabled ? '\tdisabled' : ''}`);
    });

  const token = cli.command('token').description('API tokens (Authorization: Bearer)');
  token
    .command('create')
    .description('a new API token for an account; prints the token alone')
    .requiredOption('--email <email>', "the account's e-mail")
    .requiredOption('--expires <duration>', 'ISO 8601 duration, e.g. PT1H, P30D (at most a year)')
    .option('--label <label>', 'what the token is for')
    .action(async (o: { email: string; expires: string; label?: string }) => {
      const created = await withSystem((s) => createToken(s, o));
      out(created.token);
    });
  token
    .command('revoke')
    .description('revoke a token by its id')
    .requiredOption('--email <email>', "the account's e-mail")
    .requiredOption('--token-id <id>', 'the token id')
    .action(async (o: { email: string; tokenId: string }) => {
      await withSystem((s) => revokeToken(s, o));
      out(`revoked ${o.tokenId}`);
    });
  registerAuditCommands(cli, out);
  registerBundleCommands(cli);
  return cli;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof UsageError) {
      process.stderr.write(`ecvet: ${err.message}\n`);
      return 2;
    }
    if (err instanceof DomainError) {
      process.stderr.write(`ecvet: refused (${err.rule}): ${err.message}\n`);
      return 3;
    }
    process.stderr.write(`ecvet: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (require.main === module)
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
