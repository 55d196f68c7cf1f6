import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..', '..');
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

/** The viewport of every screenshot but the narrow one (issue: usable at 360 px width). */
export const DESKTOP = { width: 1280, height: 800 };
export const NARROW = { width: 360, height: 740 };

/** A fresh browser context (its own cookies) at the desktop viewport, Latvian unless told. */
export async function newPage(
  browser: Browser,
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: options.viewport ?? DESKTOP,
    locale: options.locale ?? 'lv-LV',
    timezoneId: 'Europe/Riga',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  watch(page);
  return { context, page };
}

const problems = new WeakMap<Page, string[]>();

/** Keeps the page's console errors and uncaught exceptions, for the message of a failed wait. */
export function watch(page: Page): void {
  const seen: string[] = [];
  problems.set(page, seen);
  page.on('console', (m) => {
    if (m.type() === 'error') seen.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => seen.push(`uncaught: ${e.message}`));
}

/**
 * Waits for `[data-testid=<id>]` to be visible; when it does not come, fails with what the page
 * shows instead (its address, its <main> or <body> text, the console's errors).
 */
export async function waitForTestId(page: Page, testId: string, timeout = 30_000): Promise<void> {
  try {
    await page.getByTestId(testId).first().waitFor({ timeout });
  } catch (err) {
    const text = await mainText(page);
    const found = await page.evaluate(
      (id) =>
        [...document.querySelectorAll(`[data-testid="${id}"]`)].map(
          (e) =>
            `${e.outerHTML.slice(0, 200)} ${JSON.stringify(e.getBoundingClientRect())} ${getComputedStyle(e).visibility} ${getComputedStyle(e).display}`,
        ),
      testId,
    );
    throw new Error(
      `${found.join('\n')}\n[data-testid="${testId}"] did not appear on ${page.url()}:\n${text}\n` +
        `${consoleProblems(page)}\n${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** The text of the page's <main> (or <body>), for the message of a failed wait. */
export function mainText(page: Page): Promise<string> {
  return page
    .locator('main')
    .or(page.locator('body'))
    .first()
    .innerText()
    .then((text) => text.slice(0, 2000))
    .catch(() => '(no text)');
}

/** The console errors and uncaught exceptions `watch` kept, one a line. */
export function consoleProblems(page: Page): string {
  return (problems.get(page) ?? []).join('\n');
}

/**
 * Goes to `path` (default `/`), is redirected to the sign-in form, fills the inputs named
 * `email` and `password`, submits, and lands back on `path` in the app.
 */
export async function signIn(
  page: Page,
  base: string,
  email: string,
  password: string,
  path = '/',
): Promise<void> {
  await page.goto(new URL(path, base).href);
  await page.waitForSelector('input[name="email"]');
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await Promise.all([
    page.waitForURL((url) => url.origin === new URL(base).origin && !isAuthPath(url.pathname), {
      timeout: 30_000,
    }),
    page.locator('form button[type="submit"]').first().click(),
  ]);
}

const isAuthPath = (path: string) => /^\/(auth|oidc)(\/|$)/.test(path);

/**
 * `docs/screenshots/<name>.png` of the page as it is now: the viewport, or the whole page with
 * `fullPage` (for a screen whose point is below the fold, such as a list under its filters).
 */
export async function screenshot(
  page: Page,
  name: string,
  { fullPage = false } = {},
): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide', fullPage });
  return path;
}

/** WCAG 2.2 AA as axe-core checks it. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core on the page as it is now: no violation of WCAG 2.2 AA (each printed when any). */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const lines = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n` +
      v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`)
        .join('\n'),
  );
  // The page's address and each violation with its nodes, when any: what to fix, in the output.
  expect({ page: page.url(), violations: lines }).toEqual({ page: page.url(), violations: [] });
}

/** The number a count shows ("12", "1 234" with Latvian group separators), whatever surrounds it. */
export function numberIn(text: string): number {
  const digits = /\d[\d\s\u00a0\u202f]*/.exec(text)?.[0];
  if (digits === undefined) throw new Error(`no number in "${text}"`);
  return Number(digits.replace(/\D/g, ''));
}
