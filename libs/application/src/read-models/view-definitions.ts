import {
  callDecider,
  institutionDecider,
  learnerRecordDecider,
  mobilityDecider,
  partnershipDecider,
  qualificationDecider,
  type Decider,
} from '@ecvet/domain';
import { callView } from '../views/call.view';
import { institutionView } from '../views/institution.view';
import { learnerView } from '../views/learner.view';
import { mobilityView } from '../views/mobility.view';
import { partnershipView } from '../views/partnership.view';
import { qualificationView } from '../views/qualification.view';

/** How a stream category becomes a read-model document: fold with its decider, then view. */
export interface ViewDefinition {
  kind: string;
  // The registry mixes aggregates; each entry pairs a decider with the view of its own state.
  decider: Decider<never, never, unknown>;
  view(state: unknown, version: number): object | undefined;
}

function define<C, E, S>(
  kind: string,
  decider: Decider<C, E, S>,
  view: (state: S, version: number) => object | undefined,
): ViewDefinition {
  return {
    kind,
    decider: decider as unknown as Decider<never, never, unknown>,
    view: view,
  };
}

/** By stream category (`Mobility-…` → mobilities). */
export const VIEW_DEFINITIONS: Record<string, ViewDefinition> = {
  Institution: define('institutions', institutionDecider, institutionView),
  Qualification: define('qualifications', qualificationDecider, qualificationView),
  Partnership: define('partnerships', partnershipDecider, partnershipView),
  Call: define('calls', callDecider, callView),
  Mobility: define('mobilities', mobilityDecider, (s, v) =>
    s.plan ? mobilityView(s, v) : undefined,
  ),
  Learner: define('learners', learnerRecordDecider, learnerView),
};
