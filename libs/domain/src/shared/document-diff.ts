/**
 * Two versions of a document field by field: the diff the CLI (`ecvet audit diff`) prints and the
 * dashboard shows side by side, so that both say the same thing. Pure: no Node, no I/O.
 */

/** One field that differs between two versions; a side that lacks it has no key. */
export interface FieldChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

/** The keys that identify an element of a nested array, in the order they are looked for. */
export const STABLE_IDS = [
  'unitId',
  'qualificationId',
  'institutionId',
  'moduleId',
  'learnerId',
  'applicationId',
  'id',
] as const;

/**
 * Field by field: every leaf that differs, with its path (`content.plannedPeriod.end`). Arrays of
 * objects that carry a stable id are matched by it (`targetedUnits[unitId=vegan].title.en`, an
 * element added or removed as a whole); other arrays of objects by position; arrays of plain
 * values compare as one value.
 */
export function fieldChanges(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (equalJson(before, after)) return [];
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

/** Equal as JSON data: same leaves, same array order, any key order. */
export function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => equalJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}
