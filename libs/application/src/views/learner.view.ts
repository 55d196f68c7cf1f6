import { creditSummary, type LearnerRecordState } from '@ecvet/domain';

/** The learner's credit record: recognised units accumulated per qualification, and transfers. */
export function learnerView(state: LearnerRecordState, version: number) {
  return {
    learnerId: state.learnerId,
    version,
    qualifications: creditSummary(state),
    transfers: [...state.transfers.values()],
  };
}
