import { eventCodec } from '../shared/codec';
import type { LearnerRecordEvent } from './learner-record.events';

const TYPES = [
  'CreditAccumulated',
  'CreditTransferred',
  'CreditWithdrawn',
  'LearnerErased',
] as const satisfies ReadonlyArray<LearnerRecordEvent['type']>;

// Every event type is listed: a new one that is not fails to compile here.
type Unlisted = Exclude<LearnerRecordEvent['type'], (typeof TYPES)[number]>;
const everyTypeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyTypeListed;

/** Recorded LearnerRecord events back into typed events (see shared/codec.ts). */
export const learnerRecordCodec = eventCodec<LearnerRecordEvent>('LearnerRecord', TYPES);
