import type { EventCodec } from '@ecvet/domain';
import { decodeRecorded } from '@ecvet/event-sourcing';
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

/** The domain event a recorded event holds (decoded by its aggregate's codec), once it is known
 * to be one the workflows follow. */
export function domainEvent<E extends { type: string; data: object }, F extends E>(
  event: RecordedEvent,
  codec: EventCodec<E>,
  followed: (event: E) => event is F,
  types: ReadonlySet<string>,
): F {
  // The bridge subscribes to the followed types only.
  if (!types.has(event.type)) throw new Error(`${event.type} is not an event the workflows follow`);
  const decoded = decodeRecorded({ codec }, event);
  if (!followed(decoded)) throw new Error(`${event.type} is not an event the workflows follow`);
  return decoded;
}
