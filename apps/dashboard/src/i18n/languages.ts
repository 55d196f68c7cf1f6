/** The dashboard's languages: Latvian first (the default), English one click away. */
export const LANGUAGES = ['lv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'lv';
export const LANGUAGE_STORAGE_KEY = 'ecvet.dashboard.language';

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/**
 * The namespaces, one JSON catalogue per language each (`locales/<lng>/<ns>.json`). `common` is
 * bundled with the app; the others load with the page that uses them.
 */
export const NAMESPACES = [
  'common',
  'overview',
  'mobilities',
  'mobility',
  'actions',
  'partnerships',
  'calls',
  'learners',
  'audit',
] as const;
export type Namespace = (typeof NAMESPACES)[number];
