import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { AccountService } from '@ecvet/application';
import type { AccountRole } from '@ecvet/domain';
import { setupContext } from '../../support/command-context';
import { AccountDirectory } from '@ecvet/identity';
import { createApiApp } from '../../../apps/api/src/bootstrap';

/** An account the process provisions before it listens (ECVET_TEST_ACCOUNTS, JSON). */
export interface SeedAccount {
  id: string;
  email: string;
  role: AccountRole;
  institutionId?: string;
  password?: string;
  totpSecret?: string;
}

/**
 * The API as a real process (Node, not jest, so that the ES-module OpenID libraries load as in
 * production): `node -r @swc-node/register test/auth/support/api-process.ts`, configured by the
 * environment (DATABASE_URL, PORT, HOST, PUBLIC_URL, OIDC_* …). Provisions ECVET_TEST_ACCOUNTS,
 * listens, and says `listening <port>` on stdout; SIGTERM closes it.
 */
async function main(): Promise<void> {
  const app: INestApplication = await createApiApp();
  const accounts = app.get(AccountService);
  const directory = app.get(AccountDirectory);
  const seed = JSON.parse(process.env.ECVET_TEST_ACCOUNTS ?? '[]') as SeedAccount[];
  await app.init();
  for (const a of seed) {
    await accounts.provision(
      a.id,
      {
        email: a.email,
        name: a.email,
        role: a.role,
        ...(a.institutionId !== undefined && { institutionId: a.institutionId }),
      },
      setupContext(),
    );
    if (a.password) await accounts.setPassword(a.id, a.password, setupContext());
    if (a.totpSecret) {
      await directory.setTotpSecret(a.id, a.totpSecret);
      await accounts.enrolSecondFactor(a.id, { method: 'totp' }, setupContext());
    }
  }
  const port = Number(process.env.PORT);
  await app.listen(port, process.env.HOST ?? '127.0.0.1');
  process.stdout.write(`listening ${port}\n`);
  const stop = () => {
    void app.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`api-process: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
