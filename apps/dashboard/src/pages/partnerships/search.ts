import { text } from '../../router-search';

/** /app/partnerships: the list's filters (extend with the page). */
export interface PartnershipsSearch {
  q?: string;
}

export function validatePartnershipsSearch(raw: Record<string, unknown>): PartnershipsSearch {
  const q = text(raw.q);
  return q ? { q } : {};
}
