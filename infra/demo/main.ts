import { openLocalSystem, UsageError } from '../../apps/cli/src/local-system';
import { ApiClient, ApiError } from './api-client';
import { provisionDemoAccounts, type ProvisionedAccount } from './demo-accounts';
import { AUDITOR, LEARNERS } from './seed-data';
import { runSeedsScenario, PARTNERSHIP_ID } from './seeds-scenario';

/**
 * `npm run demo`: loads the seeds' three mobilities into a running system (`npm start`) at
 * different phases — Annija recognised and credited, Juris abroad, Ingus's Learning Agreement
 * waiting for his and his guardian's signatures — and prints where to look. Every step is taken
 * by an account: the demo's accounts are provisioned directly in the system's database (as
 * `npm run cli -- account create` does: `.data/keys/`, or DATABASE_URL and PII_MASTER_KEY), each
 * with a fresh password (or `DEMO_PASSWORD`, when set, for every one), printed at the end, and an
 * API token the scenario acts with. Safe to run twice (the accounts are kept; their passwords
 * change, unless DEMO_PASSWORD is set).
 */
async function main(): Promise<void> {
  const baseUrl = process.env.API_URL ?? `http://localhost:${process.env.PORT ?? '3000'}`;
  const keyPrefix = process.env.DEMO_KEY ?? 'demo-v1';
  try {
    await new ApiClient(baseUrl, keyPrefix).get('/health');
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    console.error(`The API at ${baseUrl} is not up (${reason}). Start the system first: npm start`);
    process.exit(1);
  }

  console.log(`Provisioning the demo's accounts …`);
  const system = await openLocalSystem();
  let accounts: Map<string, ProvisionedAccount>;
  try {
    accounts = await provisionDemoAccounts(system);
  } finally {
    await system.close();
  }
  const api = new ApiClient(baseUrl, keyPrefix, (email) => {
    const account = accounts.get(email);
    if (!account) throw new Error(`the demo has no account ${email}`);
    return account.token;
  });

  console.log(`Loading the demo into ${baseUrl} …`);
  await runSeedsScenario(
    api,
    { annija: 'completed', juris: 'under-way', ingus: 'awaiting-signatures' },
    (line) => console.log(`  · ${line}`),
  );
  const auditor = api.as(AUDITOR.email);
  const phases = await Promise.all(
    LEARNERS.map(async (l) => {
      const m = await auditor.get<{ phase: string; agreement?: { pendingSignatories: string[] } }>(
        `/mobilities/${l.mobilityId}`,
      );
      const pending = m.agreement?.pendingSignatories.length
        ? ` (waiting for: ${m.agreement.pendingSignatories.join(', ')})`
        : '';
      return `  ${l.learner.name.padEnd(16)} ${m.phase}${pending}\n    ${baseUrl}/mobilities/${l.mobilityId}`;
    }),
  );
  const width = Math.max(...[...accounts.keys()].map((e) => e.length));
  const logins = [...accounts.values()].map(({ account, password }) => {
    const where = account.institutionId ?? (account.auditScope === 'all' ? 'everything' : '');
    const role = `${account.role}${where ? ` (${where})` : ''}`;
    return `  ${account.email.padEnd(width)}  ${role.padEnd(28)} password: ${password}`;
  });
  console.log(`
Done. Where to look:
${phases.join('\n')}
  Dashboard list:      ${baseUrl}/mobilities?phase=awaiting-signatures
  Annija's credits:    ${baseUrl}/learners/annija-berzina/credits
  Partnership and MoU: ${baseUrl}/partnerships/${PARTNERSHIP_ID}
  Audit trail:         ${baseUrl}/mobilities/mob-annija/history
  API documentation:   ${baseUrl}/api/docs
  Temporal Web UI:     http://localhost:${process.env.TEMPORAL_UI_PORT ?? '8233'}

The demo's accounts (every route but /health, /api/docs and /sign needs one; an API token:
npm run cli -- token create --email <e-mail> --expires P1D):
${logins.join('\n')}`);
}

main().catch((err: unknown) => {
  if (err instanceof UsageError)
    console.error(`The demo cannot provision its accounts: ${err.message}`);
  else console.error(err instanceof ApiError ? `The demo stopped: ${err.message}` : err);
  process.exit(1);
});
