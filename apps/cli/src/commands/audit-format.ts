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

/** One field that differs between two versions; a side that lacks it has no key. */
export interface FieldChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

/** The keys that identify an element of a nested array, in the order they are looked for. */
const STABLE_IDS = [
  'unitId',
  'qualificationId',
  'institutionId',
  'moduleId',
  'learnerId',
  'applicationId',
  'id',
];

/**
 * Field by field: every leaf that differs, with its path (`content.plannedPeriod.end`). Arrays of
 * objects that carry a stable id are matched by it (`targetedUnits[unitId=vegan].title.en`, an
 * element added or removed as a whole); other arrays of objects by position; arrays of plain
 * values compare as one value.
 */
export function fieldChanges(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (equal(before, after)) return [];
  const here = path || '(document)';
  if (before === undefined) return [{ path: here, after }];
  if (after === undefined) return [{ path: here, before }];
  if (Array.isArray(before) && Array.isArray(after)) {
    const [a, b] = [before as unknown[], after as unknown[]];
    const key = stableId(a, b);
    if (key)
      return byId(
        a as Array<Record<string, unknown>>,
        b as Array<Record<string, unknown>>,
        key,
        path,
      );
    if ([...a, ...b].every(isPlainObject))
      return [...Array(Math.max(a.length, b.length)).keys()].flatMap((i) =>
        fieldChanges(a[i], b[i], `${path}[${i}]`),
      );
    return [{ path: here, before, after }];
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !(k in before))];
    return keys.flatMap((k) => fieldChanges(before[k], after[k], path ? `${path}.${k}` : k));
  }
  return [{ path: here, before, after }];
}

function byId(
  before: Array<Record<string, unknown>>,
  after: Array<Record<string, unknown>>,
  key: string,
  path: string,
): FieldChange[] {
  const afterById = new Map(after.map((e) => [String(e[key]), e]));
  const beforeIds = new Set(before.map((e) => String(e[key])));
  const at = (id: string) => `${path}[${key}=${id}]`;
  return [
    ...before.flatMap((e) => fieldChanges(e, afterById.get(String(e[key])), at(String(e[key])))),
    ...after
      .filter((e) => !beforeIds.has(String(e[key])))
      .map((e) => ({ path: at(String(e[key])), after: e })),
  ];
}

/** The first stable id every element of both arrays has, unique on each side. */
function stableId(before: unknown[], after: unknown[]): string | undefined {
  const all = [...before, ...after];
  if (all.length === 0 || !all.every(isPlainObject)) return undefined;
  return STABLE_IDS.find((key) =>
    [before, after].every((side) => {
      const ids = (side as Array<Record<string, unknown>>).map((e) => e[key]);
      return (
        ids.every((id) => typeof id === 'string' || typeof id === 'number') &&
        new Set(ids).size === ids.length
      );
    }),
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}
