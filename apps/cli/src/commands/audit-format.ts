/** What the audit commands print for people (`--json` prints the API's answers as they are). */

/** One event of a history, as `GET /…/{id}/history` answers it. */
export interface HistoryEntry {
  version: number;
  type: string;
  recordedAt: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  hash: string;
  personalDataErased: boolean;
}

const MAX_KEY_FIELDS = 5;
const MAX_VALUE = 40;

/** A value in one line: strings bare, redacted and erased fields named, long values cut. */
export function show(value: unknown, max = 120): string {
  if (value === undefined) return '(absent)';
  if (isMarker(value, '$redacted')) return '(redacted)';
  if (isMarker(value, '$erased')) return '(erased)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function isMarker(value: unknown, key: string): boolean {
  return (
    typeof value === 'object' && value !== null && (value as Record<string, unknown>)[key] === true
  );
}

/**
 * `v3  2027-01-05T09:00:00.000Z  account:acc-1 (coordinator@school)  LearningAgreementAmended
 * version=2 reason=…`: version, time, actor, type and the event's scalar fields (not the ids of
 * the object itself, which the command already named).
 */
export function timelineLine(entry: HistoryEntry, objectId: string): string {
  const actor = entry.metadata.actor as
    { id?: string; role?: string; institutionId?: string; via?: string } | undefined;
  const who = actor?.id
    ? `${actor.id} (${actor.role ?? '?'}${actor.institutionId ? `@${actor.institutionId}` : ''})`
    : '(no actor)';
  // The data reads back in key order: the version a change concerns first.
  const fields = Object.entries(entry.data)
    .filter(([key, value]) => keyField(key, value, objectId))
    .sort(([a], [b]) => Number(b === 'version') - Number(a === 'version'))
    .slice(0, MAX_KEY_FIELDS)
    .map(([key, value]) => `${key}=${show(value, MAX_VALUE)}`);
  if (entry.personalDataErased) fields.push('(personal data erased)');
  return [`v${entry.version}`, entry.recordedAt, who, entry.type, ...fields].join('  ');
}

function keyField(key: string, value: unknown, objectId: string): boolean {
  if (value === objectId && /Id$/.test(key)) return false;
  if (isMarker(value, '$redacted') || isMarker(value, '$erased')) return true;
  return ['string', 'number', 'boolean'].includes(typeof value);
}

/** A document as `path: value` lines, leaves only (arrays of scalars in one line). */
export function flatten(value: unknown, path = ''): Array<[string, unknown]> {
  if (
    typeof value !== 'object' ||
    value === null ||
    isMarker(value, '$redacted') ||
    isMarker(value, '$erased') ||
    (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null))
  )
    return [[path || '(value)', value]];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [`[${i}]`, v] as const)
    : Object.entries(value).map(([k, v]) => [path ? `.${k}` : k, v] as const);
  if (entries.length === 0) return [[path || '(value)', value]];
  return entries.flatMap(([segment, v]) => flatten(v, `${path}${segment}`));
}

/** The field-by-field diff moved to the domain (the dashboard shows the same one). */
export { fieldChanges, type FieldChange } from '@ecvet/domain';
