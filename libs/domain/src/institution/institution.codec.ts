import { eventCodec } from '../shared/codec';
import type { InstitutionEvent } from './institution.events';

const TYPES = [
  'ContactPersonAdded',
  'ContactPersonRemoved',
  'InstitutionDetailsChanged',
  'InstitutionRegistered',
] as const satisfies ReadonlyArray<InstitutionEvent['type']>;

// Every event type is listed: a new one that is not fails to compile here.
type Unlisted = Exclude<InstitutionEvent['type'], (typeof TYPES)[number]>;
const everyTypeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyTypeListed;

/** Recorded Institution events back into typed events (see shared/codec.ts). */
export const institutionCodec = eventCodec<InstitutionEvent>('Institution', TYPES);
