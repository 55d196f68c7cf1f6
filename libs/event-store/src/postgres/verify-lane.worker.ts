import { parentPort, workerData } from 'node:worker_threads';
import { Client, type ClientConfig } from 'pg';
import { verifyLane, type LaneTask } from './verify-lane';

/**
 * A worker thread running one lane of a parallel verification (started by `verify-lanes.ts`):
 * its own connection, its range of seals; posts `{ progress }` after every page and finally
 * `{ result }` (or `{ error }`).
 */
export interface LaneWorkerData {
  connection: ClientConfig;
  task: LaneTask;
}

export type LaneMessage =
  { progress: number } | { result: Awaited<ReturnType<typeof verifyLane>> } | { error: string };

async function run(port: NonNullable<typeof parentPort>, data: LaneWorkerData): Promise<void> {
  const client = new Client({ ...data.connection, application_name: 'ecvet-verify-lane' });
  // A connection dropped by the server is reported by the query that meets it.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const result = await verifyLane(client, data.task, (progress) =>
      port.postMessage({ progress } satisfies LaneMessage),
    );
    port.postMessage({ result } satisfies LaneMessage);
  } catch (err) {
    port.postMessage({
      error: err instanceof Error ? (err.stack ?? err.message) : String(err),
    } satisfies LaneMessage);
  } finally {
    await client.end().catch(() => undefined);
  }
}

if (parentPort) void run(parentPort, workerData as LaneWorkerData);
