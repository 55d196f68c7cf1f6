/**
 * The envelope of the signal contract between the bridge (apps/worker/src/bridge/) and the
 * workflows: an event of the log as the bridge delivers it. The summaries themselves are typed per
 * aggregate (`mobility-signal.ts`, `partnership-signal.ts`): ids, versions, roles, dates and
 * counts, never personal data (Temporal histories are not encrypted per learner).
 */

/** An event's type and what a workflow needs of its data. */
export interface EventSummary {
  type: string;
  data: object;
}

/** A summary with when its event was recorded: what a schedule folds. */
export type RecordedSummary<S extends EventSummary> = S & { recordedAt: string };

/**
 * A summary as signalled, with its checkpoint in the global log — ordered, so a workflow ignores
 * what it has seen. The bridge serialises it as `{ checkpoint, type, recordedAt, data }`.
 */
export type BridgedEvent<S extends EventSummary = EventSummary> = RecordedSummary<S> & {
  checkpoint: string;
};
