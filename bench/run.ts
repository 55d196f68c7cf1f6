/**
 * Benchmarks: `npm run bench -- <group> [options]`. See bench/README.md.
 */
import { runAuditBench, USAGE as AUDIT_USAGE } from './audit';
import { runDashboardBench, USAGE as DASHBOARD_USAGE } from './dashboard';
import { runEventStoreBench, USAGE as EVENT_STORE_USAGE } from './event-store';
import { runSystemBench, USAGE as SYSTEM_USAGE } from './system';

const groups: Record<string, { run: (args: string[]) => Promise<void>; usage: string }> = {
  'event-store': { run: runEventStoreBench, usage: EVENT_STORE_USAGE },
  dashboard: { run: runDashboardBench, usage: DASHBOARD_USAGE },
  audit: { run: runAuditBench, usage: AUDIT_USAGE },
  system: { run: runSystemBench, usage: SYSTEM_USAGE },
};

async function main(): Promise<void> {
  const [group, ...args] = process.argv.slice(2);
  if (!group || group === '--help' || group === '-h' || !groups[group]) {
    if (group && !['--help', '-h'].includes(group))
      console.error(`unknown benchmark group: ${group}\n`);
    console.error(
      `usage: npm run bench -- <group> [options]\n\ngroups:\n${Object.values(groups)
        .map((g) => `  ${g.usage.replace(/\n/g, '\n  ')}`)
        .join('\n\n')}`,
    );
    process.exitCode = group && !['--help', '-h'].includes(group) ? 2 : 0;
    if (!group) process.exitCode = 2;
    return;
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log(groups[group].usage);
    return;
  }
  await groups[group].run(args);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
