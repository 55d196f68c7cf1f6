/** Small helpers shared by the partnership decisions; internal to this folder. */
import canonicalize from 'canonicalize';
import { ensure } from '../shared/domain-error';
import type { PartnershipState } from './partnership.state';
import { PartnershipRules as R } from './partnership.errors';

/** Equal as data, whatever the order of object keys. */
export const same = (a: unknown, b: unknown): boolean => canonicalize(a) === canonicalize(b);

export const filled = (text: unknown): boolean =>
  typeof text === 'string' && text.trim().length > 0;

/** Once terminated, only repeats of what was already decided pass (and record nothing). */
export function ensureNotTerminated(state: PartnershipState): void {
  ensure(
    !state.termination,
    R.Terminated,
    `the partnership was terminated on ${state.termination?.effectiveOn}`,
  );
}

export const isParty = (state: PartnershipState, institutionId: string): boolean =>
  state.parties.some((p) => p.institutionId === institutionId);

/** The calendar day after an ISO date (UTC); pure date arithmetic, no clock. */
export function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
