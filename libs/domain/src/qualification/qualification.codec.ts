import { eventCodec } from '../shared/codec';
import type { QualificationEvent } from './qualification.events';

const TYPES = [
  'ModuleAdded',
  'QualificationDefined',
  'QualificationVersionPublished',
  'UnitDefined',
] as const satisfies ReadonlyArray<QualificationEvent['type']>;

// Every event type is listed: a new one that is not fails to compile here.
type Unlisted = Exclude<QualificationEvent['type'], (typeof TYPES)[number]>;
const everyTypeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyTypeListed;

/** Recorded Qualification events back into typed events (see shared/codec.ts). */
export const qualificationCodec = eventCodec<QualificationEvent>('Qualification', TYPES);
