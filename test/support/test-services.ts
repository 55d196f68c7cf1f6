import type { EmbeddedPostgresHandle } from '../../infra/postgres/embedded-postgres';

/** What global setup started, handed to global teardown (they share one module registry). */
export interface TestServices {
  postgres?: EmbeddedPostgresHandle;
  cleanup: string[];
}

const KEY = Symbol.for('ecvet.test-services');
type Holder = { [KEY]?: TestServices };

export function testServices(set?: TestServices): TestServices | undefined {
  if (set) (globalThis as Holder)[KEY] = set;
  return (globalThis as Holder)[KEY];
}
