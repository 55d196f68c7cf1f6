import { decodeRecorded, type Aggregate, type DomainEvent } from '@ecvet/event-sourcing';
import type { RecordedEvent } from '@ecvet/event-store';
import {
  AccountAggregate,
  CallAggregate,
  InstitutionAggregate,
  LearnerRecordAggregate,
  MobilityAggregate,
  PartnershipAggregate,
  QualificationAggregate,
} from '../aggregates';
import { accountView } from '../views/account.view';
import { callView } from '../views/call.view';
import { institutionView } from '../views/institution.view';
import { learnerView } from '../views/learner.view';
import { mobilityView } from '../views/mobility.view';
import { partnershipView } from '../views/partnership.view';
import { qualificationView } from '../views/qualification.view';

/**
 * How a stream category becomes a view (the document of a read model, or a read of one
 * aggregate): fold its recorded events, decoded by the aggregate's codec, then view the state.
 */
export interface ViewDefinition {
  /** The read model's kind (`mobilities`). */
  kind: string;
  initialState: unknown;
  evolve(state: unknown, recorded: RecordedEvent): unknown;
  view(state: unknown, version: number): object | undefined;
}

function define<C extends { type: string }, E extends DomainEvent, S>(
  kind: string,
  aggregate: Aggregate<C, E, S>,
  view: (state: S, version: number) => object | undefined,
): ViewDefinition {
  // The registry mixes aggregates; each entry's state only ever comes from its own evolve.
  return {
    kind,
    initialState: aggregate.decider.initialState,
    evolve: (state, recorded) =>
      aggregate.decider.evolve(state as S, decodeRecorded(aggregate, recorded)),
    view: (state, version) => view(state as S, version),
  };
}

/** By stream category (`Mobility-…` → mobilities). */
export const VIEW_DEFINITIONS: Record<string, ViewDefinition> = {
  Institution: define('institutions', InstitutionAggregate, institutionView),
  Qualification: define('qualifications', QualificationAggregate, qualificationView),
  Partnership: define('partnerships', PartnershipAggregate, partnershipView),
  Call: define('calls', CallAggregate, callView),
  Mobility: define('mobilities', MobilityAggregate, (s, v) =>
    s.plan ? mobilityView(s, v) : undefined,
  ),
  Learner: define('learners', LearnerRecordAggregate, learnerView),
  Account: define('accounts', AccountAggregate, accountView),
};

/** Folds recorded events with a definition. */
export function foldView(definition: ViewDefinition, events: RecordedEvent[]): unknown {
  return events.reduce((state, e) => definition.evolve(state, e), definition.initialState);
}
