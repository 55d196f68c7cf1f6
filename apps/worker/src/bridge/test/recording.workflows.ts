import { condition, defineQuery, setHandler } from '@temporalio/workflow';
import { mobilityEventSignal } from '../../../../../workflows/mobility-signal';

/** What a recording workflow was signalled, in the order it was signalled. */
export const receivedQuery =
  defineQuery<Array<{ checkpoint: string; type: string; n?: number }>>('received');

/**
 * Stands in for the mobility workflow in the bridge's end-to-end test: the same type name and
 * signal, and it keeps every signal it receives — duplicates too, which the real workflow drops —
 * so that the test sees exactly what the bridge delivered.
 */
export async function mobilityWorkflow(input: { mobilityId: string }): Promise<string> {
  const received: Array<{ checkpoint: string; type: string; n?: number }> = [];
  setHandler(mobilityEventSignal, (event) => {
    const n = 'reminderNumber' in event.data ? event.data.reminderNumber : undefined;
    received.push({ checkpoint: event.checkpoint, type: event.type, n });
  });
  setHandler(receivedQuery, () => received);
  await condition(() => received.length < 0);
  return input.mobilityId;
}
