import fc from 'fast-check';
import { PHASES, SIGNATORY_ROLES } from '../../api/types';
import { parseSearchParams, stringifySearchParams } from '../../router-search';
import {
  SORTS,
  exportHref,
  nextSort,
  savedSearchOf,
  validateMobilitiesSearch,
  type MobilitiesSearch,
} from './search';

const day = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2099-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
// Any text a person could type, trimmed and non-empty (the validator trims).
const words = fc
  .string({ minLength: 1, maxLength: 40, unit: 'grapheme' })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);

const search: fc.Arbitrary<MobilitiesSearch> = fc.record(
  {
    phase: fc.subarray([...PHASES], { minLength: 1 }).map((phases) => [...phases]),
    partnershipId: words,
    hostInstitutionId: words,
    hostCountry: fc.constantFrom('DE', 'LV', 'FI', 'ES'),
    overdue: fc.boolean(),
    waitingFor: fc.constantFrom(...SIGNATORY_ROLES),
    from: day,
    to: day,
    q: words,
    sort: fc.constantFrom(...SORTS),
    cursor: fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim() === s && s !== ''),
  },
  { requiredKeys: [] },
);

describe('the mobilities list search params', () => {
  it('round-trip through the URL: validate(parse(stringify(s))) = s', () => {
    fc.assert(
      fc.property(search, (s) => {
        const url = stringifySearchParams({ ...s });
        expect(validateMobilitiesSearch(parseSearchParams(url))).toEqual(s);
      }),
    );
  });

  it('round-trip through a saved filter (everything but the cursor)', () => {
    fc.assert(
      fc.property(search, (s) => {
        const { cursor: _cursor, ...filters } = s;
        expect(validateMobilitiesSearch(parseSearchParams(savedSearchOf(s)))).toEqual(filters);
      }),
    );
  });

  it('reads the overview links as plain query strings', () => {
    expect(validateMobilitiesSearch(parseSearchParams('?phase=awaiting-signatures'))).toEqual({
      phase: ['awaiting-signatures'],
    });
    expect(
      validateMobilitiesSearch(
        parseSearchParams('?overdue=true&waitingFor=guardian&from=2027-02-01&to=2027-02-28'),
      ),
    ).toEqual({ overdue: true, waitingFor: 'guardian', from: '2027-02-01', to: '2027-02-28' });
    expect(
      validateMobilitiesSearch(parseSearchParams('phase=under-way&phase=preparation&phase=x')),
    ).toEqual({ phase: ['preparation', 'under-way'] });
  });

  it('drops what is malformed instead of failing', () => {
    expect(
      validateMobilitiesSearch(
        parseSearchParams(
          '?phase=nope&overdue=maybe&waitingFor=cat&from=2027-02-30&to=tomorrow&sort=size&hostCountry=Latvia&q=%20%20',
        ),
      ),
    ).toEqual({});
  });

  it('writes repeated keys for lists, nothing for empty values', () => {
    expect(
      stringifySearchParams({
        phase: ['preparation', 'under-way'],
        q: '',
        overdue: false,
        x: undefined,
      }),
    ).toBe('?phase=preparation&phase=under-way&overdue=false');
    expect(stringifySearchParams({})).toBe('');
  });

  it('the export link carries the filters and the sort, not the cursor', () => {
    expect(
      exportHref(
        { phase: ['recognised'], sort: '-start', cursor: 'abc', q: 'Ingus Bērziņš' },
        'xlsx',
      ),
    ).toBe(
      '/dashboard/mobilities/export?phase=recognised&sort=-start&q=Ingus+B%C4%93rzi%C5%86%C5%A1&format=xlsx',
    );
  });

  it('a column click sorts ascending, then descending, then not at all', () => {
    expect(nextSort(undefined, 'learner')).toBe('learner');
    expect(nextSort('learner', 'learner')).toBe('-learner');
    expect(nextSort('-learner', 'learner')).toBeUndefined();
    expect(nextSort('-start', 'learner')).toBe('learner');
  });
});
