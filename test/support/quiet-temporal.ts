// Each test file: the Temporal SDK logs warnings and errors only (its INFO lines drown the output).
import { DefaultLogger, Runtime } from '@temporalio/worker';

try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed in this worker process by an earlier test file.
}
