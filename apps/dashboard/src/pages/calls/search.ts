import { text } from '../../router-search';

/** /app/calls: the list's filters (extend with the page). */
export interface CallsSearch {
  partnershipId?: string;
}

export function validateCallsSearch(raw: Record<string, unknown>): CallsSearch {
  const partnershipId = text(raw.partnershipId);
  return partnershipId ? { partnershipId } : {};
}
