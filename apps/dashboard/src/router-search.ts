/**
 * The URL's search string as plain `key=value` pairs (a repeated key is a list), instead of the
 * router's default JSON-in-the-URL: the links read like the API's own query strings
 * (`?phase=preparation&phase=under-way&overdue=true`), so a copied URL, a saved filter and the
 * export link are the same text. Each route's `validateSearch` turns the strings into types.
 */

export type RawSearch = Record<string, string | string[]>;

export function parseSearchParams(search: string): RawSearch {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const raw: RawSearch = {};
  for (const [key, value] of params) {
    const existing = raw[key];
    if (existing === undefined) raw[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else raw[key] = [existing, value];
  }
  return raw;
}

type Scalar = string | number | boolean;

/** `?a=1&b=x&b=y`, or '' when nothing is set; undefined, null, '' and [] are left out. */
export function stringifySearchParams(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  const add = (key: string, value: unknown) => {
    if (typeof value === 'string' && value !== '') params.append(key, value);
    else if (typeof value === 'number' && Number.isFinite(value)) params.append(key, String(value));
    else if (typeof value === 'boolean') params.append(key, String(value));
  };
  for (const [key, value] of Object.entries(search)) {
    if (Array.isArray(value)) for (const item of value as Scalar[]) add(key, item);
    else add(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

// Helpers for validateSearch.

/** The first value of a parameter (a repeated scalar keeps its first). */
export function one(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return one(value[0]);
  return undefined;
}

/** Every value of a parameter, as strings. */
export function many(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => many(item));
  const single = one(value);
  return single === undefined ? [] : [single];
}

export function bool(value: unknown): boolean | undefined {
  const text = one(value);
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A real calendar day `YYYY-MM-DD` (2027-02-30 is not). */
export function day(value: unknown): string | undefined {
  const text = one(value);
  if (text === undefined || !DAY.test(text)) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  return date.toISOString().slice(0, 10) === text ? text : undefined;
}

/** A non-empty trimmed string of at most `max` characters. */
export function text(value: unknown, max = 200): string | undefined {
  const raw = one(value)?.trim();
  return raw && raw.length <= max ? raw : undefined;
}
