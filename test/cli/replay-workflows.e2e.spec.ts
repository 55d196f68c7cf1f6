import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { resolvePolicy } from '../../libs/domain/src/reminders/reminder-policy';
import type { PartnershipActivities } from '../../workflows/partnership.activities';
import { temporalExecutable } from '../support/temporal';

/**
 * `ecvet replay-workflows` against a real Temporal (the dev server): it lists the product's
 * workflows, fetches their histories from the frontend and replays them against the current
 * workflow code — and against a changed one, which no longer makes the recorded decisions.
 */
jest.setTimeout(120_000);

const run = promisify(execFile);
const root = join(__dirname, '..', '..');
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createLocal({
    server: { executable: temporalExecutable('cli') },
  });
  const loaded: string[] = [];
  const activities: PartnershipActivities = {
    loadReminderPolicy: (partnershipId) => {
      loaded.push(partnershipId);
      return Promise.resolve(resolvePolicy());
    },
    recordPartnershipReminder: () => Promise.resolve({ recorded: true }),
  };
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'cli-replay',
    workflowsPath: require.resolve('../../workflows/index'),
    activities,
  });
  await worker.runUntil(async () => {
    await env.client.workflow.start('partnershipWorkflow', {
      taskQueue: 'cli-replay',
      workflowId: 'partnership-p1',
      args: [{ partnershipId: 'p1' }],
    });
    // Until the policy is loaded and the workflow waits for the partnership's events.
    const handle = env.client.workflow.getHandle('partnership-p1');
    for (;;) {
      const { events } = await handle.fetchHistory();
      if (
        events?.some((e) => e.activityTaskCompletedEventAttributes) &&
        events.at(-1)?.workflowTaskCompletedEventAttributes
      )
        break;
      await new Promise((r) => setTimeout(r, 200));
    }
  });
  expect(loaded).toEqual(['p1']);
});
afterAll(() => env?.teardown());

async function ecvet(extraEnv: NodeJS.ProcessEnv, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/main.ts', 'replay-workflows', ...args],
      { cwd: root, env: { ...process.env, TEMPORAL_ADDRESS: env.address, ...extraEnv } },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    return err as { code: number; stdout: string; stderr: string };
  }
}

describe('ecvet replay-workflows (Temporal)', () => {
  it("fetches the product's workflow histories and replays them against today's code (exit 0)", async () => {
    const res = await ecvet({}, '--json');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({
      replayed: 1,
      failed: 0,
      results: [{ workflowId: 'partnership-p1', ok: true }],
    });
    const running = await ecvet({}, '--running', '--type', 'mobility', '--json');
    expect(JSON.parse(running.stdout)).toMatchObject({ replayed: 0, failed: 0 });
  });

  it('a change the histories do not allow: nondeterminism, exit 1', async () => {
    const res = await ecvet({
      ECVET_WORKFLOWS_PATH: join(__dirname, 'fixtures', 'changed.workflows.ts'),
    });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/^partnership-p1 \(.*\) {2}NONDETERMINISM: /m);
    expect(res.stderr).toContain('1 workflow histories no longer replay: partnership-p1');
  });

  it('a Temporal that cannot be reached: exit 1, naming it', async () => {
    const res = await ecvet({}, '--temporal', '127.0.0.1:1');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('cannot reach Temporal at 127.0.0.1:1');
  });
});
