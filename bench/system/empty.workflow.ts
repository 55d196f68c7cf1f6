import { condition, defineSignal, setHandler } from '@temporalio/workflow';

/** The mobility workflow's input and signal, with nothing behind them: what a bare client starts. */
export const emptyEventSignal = defineSignal<[unknown]>('mobilityEvent');

export async function emptyMobilityWorkflow(_input: { mobilityId: string }): Promise<void> {
  let received = 0;
  setHandler(emptyEventSignal, () => void received++);
  await condition(() => received < 0);
}
