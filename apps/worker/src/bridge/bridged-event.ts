import type { RecordedEvent } from '@ecvet/event-store';
import type { BridgedEvent, EventSummary } from '../../../../workflows/bridged-event';

/**
 * A recorded event's summary as a workflow signal carries it: `{ checkpoint, type, recordedAt,
 * data }`, in this order (the serialised order recorded in histories).
 */
export function bridged<S extends EventSummary>(event: RecordedEvent, summary: S): BridgedEvent<S> {
  return {
    checkpoint: event.checkpoint,
    type: summary.type,
    recordedAt: event.recordedAt.toISOString(),
    data: summary.data,
  } as BridgedEvent<S>;
}

/** The domain event a recorded event holds, once its type is known to be one of `types`. */
export function domainEvent<E extends { type: string; data: object }>(
  event: RecordedEvent,
  types: ReadonlySet<string>,
): E {
  // The bridge subscribes to these types only.
  if (!types.has(event.type)) throw new Error(`${event.type} is not an event the workflows follow`);
  return { type: event.type, data: event.data } as unknown as E;
}
