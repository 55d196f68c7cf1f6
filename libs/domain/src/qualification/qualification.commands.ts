import type { Command, CommandOf, RequestOf } from '../shared/command';
import type {
  Localized,
  QualificationDefined,
  UnitOfLearningOutcomes,
} from './qualification.events';

/** The catalogue: a qualification, its modules and units, and its numbered published versions. */
export type QualificationCommand =
  | Command<'DefineQualification', QualificationDefined['data']>
  | Command<'AddModule', { qualificationId: string; moduleId: string; title: Localized }>
  | Command<'DefineUnit', { qualificationId: string; unit: UnitOfLearningOutcomes }>
  | Command<'PublishQualificationVersion', { qualificationId: string }>;

export type QualificationCommandOf<T extends QualificationCommand['type']> = CommandOf<
  QualificationCommand,
  T
>;
/** What a caller sends: the command's data without the qualification's id (the address). */
export type QualificationRequest<T extends QualificationCommand['type']> = RequestOf<
  QualificationCommandOf<T>,
  'qualificationId'
>;
