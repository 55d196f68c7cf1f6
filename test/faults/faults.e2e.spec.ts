import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { durationMs } from '../../libs/domain/src/reminders/reminder-policy';
import { SystemProcesses } from '../support/system-processes';
import { newSeed, runFaults, type FaultRunResult } from './fault-run';

/**
 * The fault suite (issue 14): `FAULT_CYCLES` nemesis cycles (10 in `npm test`; `npm run
 * test:faults` runs 200 and writes bench/results/faults.json) over an API, a second API and a
 * worker on a PostgreSQL cluster of their own and a Temporal dev server, then every invariant.
 * The seed is random and printed; `FAULT_SEED=n` repeats a run's choices (the timings differ).
 */
const cycles = Number(process.env.FAULT_CYCLES ?? 10);
const seed = Number(process.env.FAULT_SEED ?? newSeed());
jest.setTimeout(Math.max(600_000, cycles * 30_000));
/**
 * Reminders in seconds (quiet hours do not apply below an hour), so that every awaited signatory
 * is reminded through the faults; the long run spaces them more, so as not to drown the rest.
 */
const REMINDER_POLICY = {
  firstReminderAfter: 'PT5S',
  repeatEvery: cycles > 20 ? 'PT2M' : 'PT20S',
  escalateAfter: 2,
  escalateToHeadAfter: 4,
};

const system = new SystemProcesses({
  label: 'faults',
  apis: 2,
  workers: 1,
  ownPostgres: true,
  supervise: true,
  env: { REMINDER_POLICY: JSON.stringify(REMINDER_POLICY) },
});

beforeAll(() => system.start());
afterAll(() => system.stop());

it(`holds every invariant through ${cycles} nemesis cycles (seed ${seed})`, async () => {
  console.log(`fault run: seed ${seed} (repeat with FAULT_SEED=${seed}), ${cycles} cycles`);
  const result: FaultRunResult = await runFaults(system, {
    cycles,
    seed,
    clients: 3,
    apis: 2,
    workers: 1,
    reminders: {
      firstMs: durationMs(REMINDER_POLICY.firstReminderAfter),
      everyMs: durationMs(REMINDER_POLICY.repeatEvery),
    },
    log: (line) => process.stdout.write(`[faults] ${line}\n`),
  });
  console.log(JSON.stringify(result, null, 2));
  if (process.env.FAULT_RESULTS) {
    const dir = join(__dirname, '..', '..', 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'faults.json'),
      `${JSON.stringify({ finishedAt: new Date().toISOString(), ...result }, null, 2)}\n`,
    );
  }
  expect(result.invariants).toEqual(
    Object.fromEntries(Object.keys(result.invariants).map((name) => [name, null])),
  );
  expect(result.commands.acknowledged).toBeGreaterThan(0);
  expect(result.commands.refused).toBeGreaterThan(0);
  expect(result.reminders.recorded).toBeGreaterThan(0);
  expect(Object.values(result.nemesis).reduce((a, b) => a + b, 0)).toBe(cycles);
});
