/**
 * A child process (../lib/child.ts) standing in for the worker with nothing of ours in it: a
 * Temporal worker running empty workflows (`empty.workflow.ts`) and a bare client that starts
 * them with `signalWithStart`, the same input and signal payload as the bridge sends a planned
 * mobility's workflow, `concurrency` at a time, on the same server.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { serveRequests } from '../lib/child';

export interface BareInit {
  address: string;
  taskQueue: string;
}

export interface BareRun {
  prefix: string;
  count: number;
  concurrency: number;
}

let client: Client | undefined;
let connection: Connection | undefined;
let worker: Worker | undefined;
let running: Promise<void> | undefined;
let taskQueue = '';

async function init(params: BareInit): Promise<null> {
  taskQueue = params.taskQueue;
  const native = await NativeConnection.connect({ address: params.address });
  worker = await Worker.create({
    connection: native,
    taskQueue,
    workflowsPath: require.resolve('./empty.workflow'),
  });
  running = worker.run();
  connection = await Connection.connect({ address: params.address });
  client = new Client({ connection });
  return null;
}

async function run(params: BareRun): Promise<{ seconds: number; callMs: number[] }> {
  const started = performance.now();
  const callMs: number[] = [];
  let next = 0;
  const today = new Date().toISOString().slice(0, 10);
  const one = async () => {
    while (next < params.count) {
      const i = next++;
      const mobilityId = `${params.prefix}-${String(i).padStart(5, '0')}`;
      const begun = performance.now();
      await client!.workflow.signalWithStart('emptyMobilityWorkflow', {
        workflowId: `mobility-${mobilityId}`,
        taskQueue,
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [{ mobilityId, searchAttributes: true }],
        signal: 'mobilityEvent',
        signalArgs: [
          {
            checkpoint: `${String(i).padStart(20, '0')}-${String(i).padStart(20, '0')}`,
            type: 'MobilityPlanned',
            recordedAt: new Date().toISOString(),
            data: {
              partnershipId: 'rtrit-2026',
              sendingInstitutionId: 'rtrit',
              plannedStart: today,
              plannedEnd: today,
              unitIds: ['vegan-cooking', 'legume-dishes'],
            },
          },
        ],
      });
      callMs.push(performance.now() - begun);
    }
  };
  await Promise.all(Array.from({ length: params.concurrency }, one));
  return { seconds: (performance.now() - started) / 1000, callMs };
}

serveRequests({ init, run }, async () => {
  worker?.shutdown();
  await running?.catch(() => undefined);
  await connection?.close();
});
