import globalSetup from '../../support/global-setup';
import { ensureDashboardBuilt } from './dashboard-build';

/**
 * The browser project's global setup: the run's PostgreSQL and Temporal binaries (as for the
 * integration and end-to-end projects; started once whichever project asks first), then the
 * dashboard built if its dist is missing or stale. Jest runs it only when browser tests run.
 */
export default async function browserGlobalSetup(): Promise<void> {
  await globalSetup();
  ensureDashboardBuilt((line) => process.stderr.write(`[test-setup] ${line}\n`));
}
