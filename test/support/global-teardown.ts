import { rmSync } from 'node:fs';
import { testServices } from './test-services';

export default async function globalTeardown(): Promise<void> {
  const services = testServices();
  if (!services) return;
  await services.postgres?.stop();
  for (const dir of services.cleanup) rmSync(dir, { recursive: true, force: true });
}
