import { eventCodec } from '../shared/codec';
import type { CallEvent } from './call.events';

const TYPES = [
  'ApplicationDecided',
  'ApplicationEvaluated',
  'ApplicationSubmitted',
  'ApplicationWithdrawn',
  'BriefingAcknowledged',
  'CallClosed',
  'CallOpened',
  'InterviewRecorded',
  'LearnerBriefed',
  'TeamFormed',
] as const satisfies ReadonlyArray<CallEvent['type']>;

// Every event type is listed: a new one that is not fails to compile here.
type Unlisted = Exclude<CallEvent['type'], (typeof TYPES)[number]>;
const everyTypeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyTypeListed;

/** Recorded Call events back into typed events (see shared/codec.ts). */
export const callCodec = eventCodec<CallEvent>('Call', TYPES);
