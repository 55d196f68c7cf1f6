import { differingPaths } from '../../../../libs/application/src/read-models/read-model-rebuild';
import { fieldChanges, flatten, show, timelineLine } from './audit-format';

describe('fieldChanges: two versions field by field', () => {
  const unit = (unitId: string, en: string) => ({ unitId, title: { lv: unitId, en }, points: 4 });

  it('lists the leaves that changed and nothing else', () => {
    expect(
      fieldChanges(
        { period: { start: '2027-03-01', end: '2027-03-28' }, type: 'programme-module' },
        { period: { start: '2027-03-01', end: '2027-03-21' }, type: 'programme-module' },
        'content',
      ),
    ).toEqual([{ path: 'content.period.end', before: '2027-03-28', after: '2027-03-21' }]);
    expect(fieldChanges({ a: [1, 2] }, { a: [1, 2] })).toEqual([]);
  });

  it('matches nested arrays by their stable ids, whatever their order', () => {
    const before = { units: [unit('vegan', 'Vegan dishes'), unit('fish', 'Fish')] };
    const after = { units: [unit('soups', 'Soups'), unit('vegan', 'Vegan cooking')] };
    expect(fieldChanges(before, after)).toEqual([
      { path: 'units[unitId=vegan].title.en', before: 'Vegan dishes', after: 'Vegan cooking' },
      { path: 'units[unitId=fish]', before: unit('fish', 'Fish') },
      { path: 'units[unitId=soups]', after: unit('soups', 'Soups') },
    ]);
  });

  it('compares arrays of plain values as one value, arrays of objects without ids by position', () => {
    expect(fieldChanges({ skills: ['a', 'b'] }, { skills: ['a', 'c'] })).toEqual([
      { path: 'skills', before: ['a', 'b'], after: ['a', 'c'] },
    ]);
    expect(fieldChanges({ rows: [{ n: 1 }, { n: 2 }] }, { rows: [{ n: 1 }, { n: 3 }] })).toEqual([
      { path: 'rows[1].n', before: 2, after: 3 },
    ]);
  });

  it('a field added or removed has one side only', () => {
    expect(fieldChanges({ a: 1 }, { a: 1, reviewDate: '2027-06-01' })).toEqual([
      { path: 'reviewDate', after: '2027-06-01' },
    ]);
    expect(fieldChanges({ a: 1, b: { c: 2 } }, { a: 1 })).toEqual([
      { path: 'b', before: { c: 2 } },
    ]);
  });
});

describe('what people read', () => {
  it('a history entry in one line: version, time, actor, type, scalar fields (version first)', () => {
    expect(
      timelineLine(
        {
          version: 3,
          type: 'LearningAgreementSigned',
          recordedAt: '2027-01-05T09:00:00.000Z',
          data: {
            mobilityId: 'm1',
            role: 'host',
            signer: { name: 'x' },
            version: 2,
            learner: { $redacted: true },
          },
          metadata: { actor: { id: 'account:a1', role: 'head', institutionId: 'host' } },
          hash: 'h',
          personalDataErased: true,
        },
        'm1',
      ),
    ).toBe(
      'v3  2027-01-05T09:00:00.000Z  account:a1 (head@host)  LearningAgreementSigned  version=2  role=host  learner=(redacted)  (personal data erased)',
    );
  });

  it('a document as path: value leaves; markers and long values shown as such', () => {
    expect(flatten({ a: { b: 1, c: ['x', 'y'] }, d: [{ e: null }], f: { $erased: true } })).toEqual(
      [
        ['a.b', 1],
        ['a.c', ['x', 'y']],
        ['d[0].e', null],
        ['f', { $erased: true }],
      ],
    );
    expect(show({ $erased: true })).toBe('(erased)');
    expect(show(undefined)).toBe('(absent)');
    expect(show('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('differingPaths (a rebuilt read model document against the live one)', () => {
  it('names the differing fields, ignoring key order', () => {
    expect(differingPaths({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
    expect(differingPaths({ a: 1, b: { c: [1, 2] } }, { a: 2, b: { c: [1] }, d: 0 })).toEqual([
      'a',
      'b.c.1',
      'd',
    ]);
  });
});
