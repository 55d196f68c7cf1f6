import { text } from '../../router-search';
import { validateMobilitySearch, type MobilitySearch } from '../mobility/search';

/** /app/audit: the search box's text, and an export form prefilled with one subject. */
export interface AuditSearch {
  q?: string;
  mobility?: string;
  partnership?: string;
  institution?: string;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
const id = (value: unknown): string | undefined => {
  const t = text(value, 120);
  return t !== undefined && ID.test(t) ? t : undefined;
};

export function validateAuditSearch(raw: Record<string, unknown>): AuditSearch {
  const search: AuditSearch = {};
  const q = text(raw.q);
  if (q) search.q = q;
  const mobility = id(raw.mobility);
  const partnership = id(raw.partnership);
  const institution = id(raw.institution);
  // One subject at most: the first of mobility, partnership, institution.
  if (mobility) search.mobility = mobility;
  else if (partnership) search.partnership = partnership;
  else if (institution) search.institution = institution;
  return search;
}

/** /app/audit/streams/$category/$id: `?asOf=<ISO instant>` or `?asOfVersion=n`. */
export type StreamSearch = MobilitySearch;
export const validateStreamSearch = (raw: Record<string, unknown>): StreamSearch =>
  validateMobilitySearch(raw);
