import fc from 'fast-check';
import { equalJson, fieldChanges } from './document-diff';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Doc = { [key: string]: Json };

/** Few key names, so that two documents drawn apart share most of their paths. */
const key = fc.constantFrom('a', 'b', 'c', 'period', 'title');
const scalar: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom('', 'x', 'y', '2027-03-01'),
);
/** Records nested up to three deep; arrays of plain values, which compare as one value. */
const { doc } = fc.letrec<{ doc: Doc; value: Json }>((tie) => ({
  doc: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(scalar, { maxLength: 3 }),
    tie('doc'),
  ),
}));

const isRecord = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every leaf (a scalar, an array, an empty record) with its dotted path. */
function leaves(value: Json, path = ''): Array<[string, Json]> {
  if (!isRecord(value) || Object.keys(value).length === 0) return [[path, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}

function get(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), value);
}

const clone = (value: Json): Json => JSON.parse(JSON.stringify(value)) as Json;
/** A path reported itself, or in the subtree added or removed whole, or (an empty record on one
 * side) through the fields the other side has there. */
const covers = (reported: string, path: string) =>
  reported === path || path.startsWith(`${reported}.`) || reported.startsWith(`${path}.`);

describe('fieldChanges (properties)', () => {
  it('a document against itself or a copy of itself: no change', () => {
    fc.assert(
      fc.property(doc, (a) => {
        expect(fieldChanges(a, a)).toEqual([]);
        expect(fieldChanges(a, clone(a), 'content')).toEqual([]);
      }),
    );
  });

  it('every leaf that differs is reported (itself or the subtree holding it)', () => {
    fc.assert(
      fc.property(doc, doc, (a, b) => {
        const reported = fieldChanges(a, b).map((c) => c.path);
        const differing = [...leaves(a), ...leaves(b)]
          .map(([path]) => path)
          .filter((path) => path !== '' && !equalJson(get(a, path), get(b, path)));
        for (const path of differing) expect(reported.some((r) => covers(r, path))).toBe(true);
      }),
    );
  });

  it('every reported change is a real one, with the values each side holds there', () => {
    fc.assert(
      fc.property(doc, doc, (a, b) => {
        for (const change of fieldChanges(a, b)) {
          expect(equalJson(change.before, change.after)).toBe(false);
          expect('before' in change ? change.before : undefined).toEqual(get(a, change.path));
          expect('after' in change ? change.after : undefined).toEqual(get(b, change.path));
        }
      }),
    );
  });

  it('one leaf changed: exactly that path, before and after', () => {
    fc.assert(
      fc.property(doc, fc.nat(), scalar, (a, pick, value) => {
        const all = leaves(a).filter(([path]) => path !== '');
        fc.pre(all.length > 0);
        const [path, old] = all[pick % all.length];
        fc.pre(!equalJson(old, value));
        const b = clone(a) as Doc;
        const parts = path.split('.');
        const parent = get(b, parts.slice(0, -1).join('.')) ?? b;
        (isRecord(parent) && parts.length > 1 ? parent : b)[parts[parts.length - 1]] = value;
        expect(fieldChanges(a, b, 'content')).toEqual([
          { path: `content.${path}`, before: old, after: value },
        ]);
      }),
    );
  });

  it('swapping the sides swaps before and after', () => {
    fc.assert(
      fc.property(doc, doc, (a, b) => {
        const there = fieldChanges(a, b);
        const back = fieldChanges(b, a);
        const flip = there.map(({ path, before, after }) => ({
          path,
          before: after,
          after: before,
        }));
        const byPath = (x: { path: string }, y: { path: string }) => x.path.localeCompare(y.path);
        const plain = (cs: Array<{ path: string; before?: unknown; after?: unknown }>) =>
          cs.map((c) => ({ path: c.path, before: c.before, after: c.after })).sort(byPath);
        expect(plain(back)).toEqual(plain(flip));
      }),
    );
  });

  it('arrays of objects with a stable id: order does not matter, an edit is named by the id', () => {
    const units = fc.uniqueArray(
      fc.record({ unitId: fc.constantFrom('u1', 'u2', 'u3', 'u4'), points: fc.nat(30) }),
      { selector: (u) => u.unitId, minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(units, fc.nat(), (list, pick) => {
        const reversed = [...list].reverse();
        expect(fieldChanges({ units: list }, { units: reversed })).toEqual([]);
        const target = list[pick % list.length];
        const edited = reversed.map((u) =>
          u.unitId === target.unitId ? { ...u, points: u.points + 1 } : u,
        );
        expect(fieldChanges({ units: list }, { units: edited })).toEqual([
          {
            path: `units[unitId=${target.unitId}].points`,
            before: target.points,
            after: target.points + 1,
          },
        ]);
      }),
    );
  });
});
