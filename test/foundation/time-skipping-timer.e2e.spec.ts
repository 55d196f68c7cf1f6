import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { longTimerWorkflow } from '../fixtures/workflows/foundation.workflow';
import * as activities from '../fixtures/workflows/foundation.activities';
import { temporalExecutable } from '../support/temporal';

const DAY = 24 * 60 * 60 * 1000;

describe('the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: temporalExecutable('test-server') },
    });
  });
  afterAll(() => env?.teardown());

  it('completes a workflow with a 30-day timer without waiting 30 days', async () => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'foundation-time-skipping',
      workflowsPath: require.resolve('../fixtures/workflows/foundation.workflow'),
      activities,
    });
    const wallStart = Date.now();
    const result = await worker.runUntil(
      env.client.workflow.execute(longTimerWorkflow, {
        args: [30],
        workflowId: `long-timer-${wallStart}`,
        taskQueue: 'foundation-time-skipping',
      }),
    );
    // Workflow time moved on by the full 30 days; the wall clock is bounded by this test's jest
    // timeout (minutes), so only real time skipping can pass.
    expect(result.endedAt - result.startedAt).toBeGreaterThanOrEqual(30 * DAY);
  });
});
