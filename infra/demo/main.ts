import { ApiClient, ApiError } from './api-client';
import { LEARNERS } from './seed-data';
import { runSeedsScenario, PARTNERSHIP_ID } from './seeds-scenario';

/**
 * `npm run demo`: loads the seeds' three mobilities into a running system (`npm start`) at
 * different phases — Annija recognised and credited, Juris abroad, Ingus's Learning Agreement
 * waiting for his and his guardian's signatures — and prints where to look. Safe to run twice.
 */
async function main(): Promise<void> {
  const baseUrl = process.env.API_URL ?? `http://localhost:${process.env.PORT ?? '3000'}`;
  const api = new ApiClient(baseUrl, process.env.DEMO_KEY ?? 'demo-v1');
  try {
    await api.get('/health');
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    console.error(`The API at ${baseUrl} is not up (${reason}). Start the system first: npm start`);
    process.exit(1);
  }
  console.log(`Loading the demo into ${baseUrl} …`);
  await runSeedsScenario(
    api,
    { annija: 'completed', juris: 'under-way', ingus: 'awaiting-signatures' },
    (line) => console.log(`  · ${line}`),
  );
  const phases = await Promise.all(
    LEARNERS.map(async (l) => {
      const m = await api.get<{ phase: string; agreement?: { pendingSignatories: string[] } }>(
        `/mobilities/${l.mobilityId}`,
      );
      const pending = m.agreement?.pendingSignatories.length
        ? ` (waiting for: ${m.agreement.pendingSignatories.join(', ')})`
        : '';
      return `  ${l.learner.name.padEnd(16)} ${m.phase}${pending}\n    ${baseUrl}/mobilities/${l.mobilityId}`;
    }),
  );
  console.log(`
Done. Where to look:
${phases.join('\n')}
  Dashboard list:      ${baseUrl}/mobilities?phase=awaiting-signatures
  Annija's credits:    ${baseUrl}/learners/annija-berzina/credits
  Partnership and MoU: ${baseUrl}/partnerships/${PARTNERSHIP_ID}
  Audit trail:         ${baseUrl}/mobilities/mob-annija/history
  API documentation:   ${baseUrl}/api/docs
  Temporal Web UI:     http://localhost:${process.env.TEMPORAL_UI_PORT ?? '8233'}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof ApiError ? `The demo stopped: ${err.message}` : err);
  process.exit(1);
});
