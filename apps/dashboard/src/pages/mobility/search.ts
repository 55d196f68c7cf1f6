import { one, text } from '../../router-search';

/** /app/mobilities/$mobilityId: `?asOf=<ISO instant>` or `?asOfVersion=n` (the page as it stood). */
export interface MobilitySearch {
  asOf?: string;
  asOfVersion?: number;
}

export function validateMobilitySearch(raw: Record<string, unknown>): MobilitySearch {
  const search: MobilitySearch = {};
  const asOf = text(raw.asOf, 40);
  if (asOf && !Number.isNaN(Date.parse(asOf))) search.asOf = asOf;
  const version = Number(one(raw.asOfVersion));
  if (Number.isInteger(version) && version > 0) search.asOfVersion = version;
  return search;
}
