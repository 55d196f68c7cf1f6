import { commandOf, type Command } from '@ecvet/domain';
import {
  retryOnConcurrentAppend,
  type Aggregate,
  type DomainEvent,
  type EventSourcedStream,
  type EventSourcedStreams,
  type WriteOptions,
  type WriteOutcome,
} from '@ecvet/event-sourcing';
import { authorize, authorizeInternal, type UseCaseContext } from './authorize';
import type { Guarded } from './policy';
import type { Relations } from './relations';

/** How a use case is authorised: by the policy table, or only for the system itself. */
export type Guard<S> =
  | {
      policy: Guarded;
      useCase: string;
      /** The relations of the object as it stands. */
      relations: (state: S) => Relations | Promise<Relations>;
      /** For a use case that creates the object: its relations from the request. */
      creating?: Relations;
      /** What the rule may look at (a signature's role and method). */
      request?: object;
    }
  | { internal: string };

/**
 * The write path of one use case, in order: load the stream (404 unless it exists or the
 * command creates it); authorise (404 when the object is not visible to the principal, 403 when
 * visible but not theirs to change); recognise a retry (its first outcome); check If-Match (409);
 * gather the data — with the snapshots of other aggregates — and decide and append. Decided again
 * after a concurrent append unless the caller sent If-Match.
 */
export function guardedWrite<C extends Command, E extends DomainEvent, S>(
  streams: EventSourcedStreams,
  aggregate: Aggregate<C, E, S>,
  guard: Guard<S>,
  id: string,
  type: C['type'],
  context: UseCaseContext,
  options: WriteOptions,
  data: (stream: EventSourcedStream<C, E, S>) => object | Promise<object>,
): Promise<WriteOutcome<E>> {
  return retryOnConcurrentAppend(options, async () => {
    const stream = (await streams.load(aggregate, id)).ensureAddressable(type);
    if ('internal' in guard) authorizeInternal(context, guard.internal);
    else {
      const creating = !stream.exists && guard.creating !== undefined;
      authorize(
        context,
        guard.policy,
        guard.useCase as never,
        creating ? guard.creating! : await guard.relations(stream.state),
        stream.name,
        guard.request,
        { creating },
      );
    }
    const earlier = stream.earlierOutcome(context, options);
    if (earlier) return earlier;
    stream.ensureExpectedVersion(options);
    const command = commandOf<C>(type, await data(stream), context.issuedAt);
    return stream.decide(command, context, options);
  });
}
