import type { Command, CommandOf, RequestOf } from '../shared/command';
import type { CreditAccumulated, RecognitionKind } from './learner-record.events';

/** One unit named in a transfer decision. */
export interface TransferUnitRequest {
  /** The unit's id in its source qualification. */
  unitId: string;
  fromQualificationId: string;
  toModuleId: string;
  /** Points in the target qualification; when absent, the source credit's points carry over. */
  ecvetPoints?: number;
  /** When absent, `part-of-module`: completing a target module takes an explicit decision. */
  kind?: RecognitionKind;
}

/** The learner's record: accumulation (from recognition), withdrawal, transfer; erasure. */
export type LearnerRecordCommand =
  | Command<'AccumulateCredit', Omit<CreditAccumulated['data'], 'accumulatedAt'>>
  | Command<'WithdrawCredit', { mobilityId: string; unitId: string; reason: string; by: string }>
  | Command<
      'TransferCredit',
      {
        transferId: string;
        toQualificationId: string;
        toProgramme: string;
        units: TransferUnitRequest[];
        decidedBy: string;
        rationale: string;
      }
    >
  /** Erase the learner's personal data (the application destroys their subject key). */
  | Command<'EraseLearner', { learnerId: string; reason: string }>;

export type LearnerRecordCommandOf<T extends LearnerRecordCommand['type']> = CommandOf<
  LearnerRecordCommand,
  T
>;
/** What a caller sends: the command's data (the record is addressed by the learner's id). */
export type LearnerRecordRequest<T extends LearnerRecordCommand['type']> = RequestOf<
  LearnerRecordCommandOf<T>,
  never
>;
