import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { consoleProblems, mainText } from './pages';

const LOCALES = join(__dirname, '..', '..', '..', 'apps', 'dashboard', 'src', 'i18n', 'locales');

type Catalogue = { [key: string]: string | Catalogue };

/**
 * A string of the dashboard's catalogue (`apps/dashboard/src/i18n/locales/<lng>/<ns>.json`) by its
 * dotted key, with `{{placeholders}}` filled: the tests find labels as the app words them.
 */
export function word(lng: 'lv' | 'en', key: string, values: Record<string, string> = {}): string {
  const [ns, path] = key.includes(':') ? key.split(':') : ['common', key];
  let node: string | Catalogue = JSON.parse(
    readFileSync(join(LOCALES, lng, `${ns}.json`), 'utf8'),
  ) as Catalogue;
  for (const part of path.split('.')) {
    if (typeof node === 'string' || !(part in node))
      throw new Error(`no ${lng} ${ns}:${path} in the catalogue`);
    node = node[part];
  }
  if (typeof node !== 'string') throw new Error(`${lng} ${ns}:${path} is not a string`);
  return node.replace(/\{\{\s*(\w+)[^}]*\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`);
}

/** The phase whose name in that language is `text`. */
export function phaseNamed(lng: 'lv' | 'en', text: string): string {
  const phases = (
    JSON.parse(readFileSync(join(LOCALES, lng, 'common.json'), 'utf8')) as {
      phase: Record<string, string>;
    }
  ).phase;
  const found = Object.entries(phases).find(([, name]) => name === text);
  if (!found) throw new Error(`no phase is called "${text}" in ${lng}`);
  return found[0];
}

/** A row of the mobilities list as the page shows it. */
export interface ShownRow {
  id: string;
  name: string;
  /** The phase badge's text. */
  phase: string;
}

/** The list's rows (`mobility-row`), in the order shown. */
export function rowsShown(page: Page): Promise<ShownRow[]> {
  return page.getByTestId('mobility-row').evaluateAll((rows) =>
    rows.map((row) => ({
      id: row.getAttribute('data-mobility-id') ?? '',
      name: row.querySelector('td a')?.textContent?.trim() ?? '',
      phase: row.querySelector('.phase-badge')?.textContent?.trim() ?? '',
    })),
  );
}

/**
 * Waits until the list shows exactly these mobilities — in this order, or in any with `anyOrder`
 * — and its total says as many (a list re-fetches after each change of its URL); fails with what
 * it shows instead.
 */
export async function waitForRows(
  page: Page,
  ids: string[],
  { anyOrder = false, timeout = 30_000 } = {},
): Promise<void> {
  try {
    await page.waitForFunction(
      ({ expected, anyOrder }) => {
        const shown = [...document.querySelectorAll('[data-testid="mobility-row"]')].map(
          (row) => row.getAttribute('data-mobility-id') ?? '',
        );
        const total = document.querySelector('[data-testid="list-total"]')?.textContent ?? '';
        const same = anyOrder
          ? JSON.stringify([...shown].sort()) === JSON.stringify([...expected].sort())
          : JSON.stringify(shown) === JSON.stringify(expected);
        return same && total.replace(/\D/g, '') === String(expected.length);
      },
      { expected: ids, anyOrder },
      { timeout },
    );
  } catch (err) {
    const shown = await rowsShown(page);
    throw new Error(
      `the list at ${page.url()} shows ${JSON.stringify(shown.map((r) => r.id))}, ` +
        `not ${JSON.stringify(ids)}: ${err instanceof Error ? err.message : String(err)}\n` +
        `${await mainText(page)}\n${consoleProblems(page)}`,
    );
  }
}

/** The search params of a URL as sorted `key=value` pairs (a repeated key keeps each value). */
export function paramsOf(url: string): string[] {
  return [...new URL(url).searchParams].map(([k, v]) => `${k}=${v}`).sort();
}
