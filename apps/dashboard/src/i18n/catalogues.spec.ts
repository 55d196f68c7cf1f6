import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { LANGUAGES, NAMESPACES } from './languages';

// Every string of the dashboard is in both catalogues: same keys (plural forms aside), none empty,
// and each plural key with the forms its language needs (Intl.PluralRules): lv zero/one/other,
// en one/other.

const LOCALES = join(__dirname, 'locales');
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Catalogue = Record<string, unknown>;
const read = (lng: string, ns: string): Catalogue =>
  JSON.parse(readFileSync(join(LOCALES, lng, `${ns}.json`), 'utf8')) as Catalogue;

function flatten(catalogue: Catalogue, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      for (const [k, v] of flatten(value as Catalogue, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

/** key → the plural categories present (empty set: not a plural key). */
function baseKeys(flat: Map<string, unknown>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const key of flat.keys()) {
    const match = PLURAL.exec(key);
    const base = match ? key.slice(0, match.index) : key;
    const forms = out.get(base) ?? new Set<string>();
    if (match?.[1]) forms.add(match[1]);
    out.set(base, forms);
  }
  return out;
}

describe('the dashboard catalogues', () => {
  it('has a catalogue for every namespace in every language, and no other', () => {
    for (const lng of LANGUAGES) {
      const files = readdirSync(join(LOCALES, lng)).sort();
      expect(files).toEqual(NAMESPACES.map((ns) => `${ns}.json`).sort());
    }
  });

  describe.each(NAMESPACES)('namespace %s', (ns) => {
    const flat = Object.fromEntries(LANGUAGES.map((lng) => [lng, flatten(read(lng, ns))]));

    it.each(LANGUAGES)('%s has only non-empty strings', (lng) => {
      const bad = [...flat[lng]].filter(([, v]) => typeof v !== 'string' || v.trim() === '');
      expect(bad.map(([k]) => k)).toEqual([]);
    });

    it('lv and en have the same keys (plural forms aside)', () => {
      const [lv, en] = LANGUAGES.map((lng) => [...baseKeys(flat[lng]).keys()].sort());
      expect({ missingInEn: lv.filter((k) => !en.includes(k)) }).toEqual({ missingInEn: [] });
      expect({ missingInLv: en.filter((k) => !lv.includes(k)) }).toEqual({ missingInLv: [] });
    });

    it.each(LANGUAGES)('%s has every plural form its language needs', (lng) => {
      const needed = new Intl.PluralRules(lng).resolvedOptions().pluralCategories;
      const incomplete = [...baseKeys(flat[lng])]
        .filter(([, forms]) => forms.size > 0)
        .filter(([, forms]) => needed.some((category) => !forms.has(category)))
        .map(([key]) => key);
      expect(incomplete).toEqual([]);
    });

    it.each(LANGUAGES)('%s uses the same placeholders as the other language', (lng) => {
      const other = lng === 'lv' ? 'en' : 'lv';
      const names = (value: unknown) =>
        [...String(value).matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]).sort();
      const mismatched = [...flat[lng]]
        .filter(([key]) => !PLURAL.test(key))
        .filter(
          ([key, value]) =>
            JSON.stringify(names(value)) !== JSON.stringify(names(flat[other].get(key))),
        )
        .map(([key]) => key);
      expect(mismatched).toEqual([]);
    });
  });

  it('fails on a missing key (the check itself)', () => {
    const lv = baseKeys(flatten({ a: 'x', b: { c: 'y' }, n_zero: '', n_one: '', n_other: '' }));
    const en = baseKeys(flatten({ a: 'x', n_one: '', n_other: '' }));
    expect([...lv.keys()].filter((k) => !en.has(k))).toEqual(['b.c']);
  });
});

describe('Latvian plurals through i18next and the catalogues', () => {
  const instance = i18next.createInstance();
  beforeAll(async () => {
    await instance.init({
      lng: 'lv',
      ns: ['overview', 'mobilities'],
      resources: Object.fromEntries(
        LANGUAGES.map((lng) => [
          lng,
          { overview: read(lng, 'overview'), mobilities: read(lng, 'mobilities') },
        ]),
      ),
      interpolation: { escapeValue: false },
    });
  });

  it.each([
    [0, '0 mobilitāšu kopā'],
    [1, '1 mobilitāte kopā'],
    [2, '2 mobilitātes kopā'],
    [10, '10 mobilitāšu kopā'],
    [11, '11 mobilitāšu kopā'],
    [21, '21 mobilitāte kopā'],
    [22, '22 mobilitātes kopā'],
  ])('lv %d → "%s"', (count, text) => {
    expect(`${count} ${instance.t('overview:totalUnit', { count, lng: 'lv' })}`).toBe(text);
  });

  it('formats interpolated numbers through Intl (lv: a space groups thousands)', () => {
    expect(instance.t('mobilities:found', { count: 1234, lng: 'lv' })).toBe(
      `Atrastas ${new Intl.NumberFormat('lv').format(1234)} mobilitātes`,
    );
    expect(instance.t('mobilities:found', { count: 1, lng: 'en' })).toBe('1 mobility found');
  });
});
