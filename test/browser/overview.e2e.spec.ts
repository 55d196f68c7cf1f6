import type { Browser, Page } from 'playwright-core';
import { COORDINATOR, LEARNERS } from '../../infra/demo/seed-data';
import { launchChromium } from './support/chromium';
import {
  NARROW,
  expectNoAxeViolations,
  newPage,
  numberIn,
  screenshot,
  signIn,
} from './support/pages';
import { startDashboardSystem, type DashboardSystem } from './support/system';

interface Overview {
  total: number;
  phases: Record<string, number>;
  overdue: number;
  awaitingSignatures: Record<string, number>;
}

/**
 * The acceptance and the overview, as the school's coordinator sees it on the demo's
 * data (Annija recognised and credited, Juris abroad, Ingus's agreement waiting for his and his
 * guardian's signatures), in a real Chromium against the real system.
 */
describe('the overview, as the coordinator of rtrit', () => {
  let system: DashboardSystem;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [system, browser] = await Promise.all([
      startDashboardSystem('browser_overview'),
      launchChromium(),
    ]);
    ({ page } = await newPage(browser));
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('opening / leads to the sign-in; after it, the overview in Latvian', async () => {
    await page.goto(`${system.url}/`);
    await page.waitForSelector('input[name="email"]');
    expect(new URL(page.url()).pathname).toMatch(/^\/(auth|oidc)\//);
    await screenshot(page, 'sign-in');
    await expectNoAxeViolations(page);

    await signIn(page, system.url, COORDINATOR.email, system.passwordOf(COORDINATOR.email));
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('lv');
    await page.getByTestId('count-total').waitFor();
  });

  it('the issue’s acceptance: / → sign-in → the overview in Latvian lists Annija, Juris and Ingus in their phases, Ingus’s agreement waiting for the learner and the guardian', async () => {
    const { context, page: own } = await newPage(browser);
    await own.goto(`${system.url}/`);
    await own.waitForSelector('input[name="email"]');
    await signIn(own, system.url, COORDINATOR.email, system.passwordOf(COORDINATOR.email));
    expect(new URL(own.url()).pathname).toBe('/');
    expect(await own.locator('html').getAttribute('lang')).toBe('lv');
    await own.getByTestId('recent-row').first().waitFor();
    const rows = await own.getByTestId('recent-row').evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '');
        return {
          name: cells[0],
          phase: tr.querySelector('.phase-badge')?.textContent?.trim(),
          waitingFor: cells[2],
        };
      }),
    );
    expect(rows).toHaveLength(3);
    const row = (name: string) => rows.find((r) => r.name === name);
    expect(row('Annija Bērziņa')).toMatchObject({ phase: 'Pabeigta', waitingFor: '—' });
    expect(row('Juris Kalniņš')).toMatchObject({ phase: 'Notiek', waitingFor: '—' });
    expect(row('Ingus Ozols')).toMatchObject({ phase: 'Gaida parakstus' });
    // Ingus's agreement waits for him and his guardian, named in Latvian — and for no one else.
    expect(
      row('Ingus Ozols')
        ?.waitingFor.split(',')
        .map((s) => s.trim())
        .sort(),
    ).toEqual(['izglītojamais', 'likumiskais pārstāvis']);
    await context.close();
  });

  it('shows Annija, Juris and Ingus in their phases, and Ingus’s agreement waiting for the learner and the guardian', async () => {
    const shown = async (testId: string) => numberIn(await page.getByTestId(testId).innerText());
    expect(await shown('count-total')).toBe(3);
    expect(await shown('count-phase-completed')).toBe(1);
    expect(await shown('count-phase-under-way')).toBe(1);
    expect(await shown('count-phase-awaiting-signatures')).toBe(1);
    expect(await shown('count-waiting-learner')).toBe(1);
    expect(await shown('count-waiting-guardian')).toBe(1);
    await screenshot(page, 'overview');
    await expectNoAxeViolations(page);
    // Each phase's count leads to its mobility, by name.
    const phases = { annija: 'completed', juris: 'under-way', ingus: 'awaiting-signatures' };
    for (const seed of LEARNERS) {
      await page.goto(`${system.url}/`);
      await page.getByTestId(`count-phase-${phases[seed.key]}`).click();
      await page.waitForURL((url) => url.searchParams.get('phase') === phases[seed.key]);
      const rows = page.getByTestId('mobility-row');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(1);
      expect(await rows.first().getAttribute('data-mobility-id')).toBe(seed.mobilityId);
      expect(await rows.first().innerText()).toContain(seed.learner.name);
    }
  });

  it('its counts are those of GET /dashboard/overview', async () => {
    await page.goto(`${system.url}/`);
    await page.getByTestId('count-total').waitFor();
    const response = await page.request.get(`${system.url}/dashboard/overview`);
    expect(response.status()).toBe(200);
    const overview = (await response.json()) as Overview;
    expect(overview.total).toBe(3);
    expect(overview.awaitingSignatures).toMatchObject({ learner: 1, guardian: 1 });
    const shown = async (testId: string) => numberIn(await page.getByTestId(testId).innerText());
    expect(await shown('count-total')).toBe(overview.total);
    expect(await shown('count-overdue')).toBe(overview.overdue);
    for (const [phase, count] of Object.entries(overview.phases)) {
      const cell = page.getByTestId(`count-phase-${phase}`);
      // A phase no mobility is in may be left out; when shown, its count is the API's.
      if (count > 0 || (await cell.count()) > 0)
        expect(await shown(`count-phase-${phase}`)).toBe(count);
    }
    for (const [role, count] of Object.entries(overview.awaitingSignatures)) {
      const cell = page.getByTestId(`count-waiting-${role}`);
      if (count > 0 || (await cell.count()) > 0)
        expect(await shown(`count-waiting-${role}`)).toBe(count);
    }
  });

  it('a count clicks through to the list filtered by it', async () => {
    await page.getByTestId('count-waiting-guardian').click();
    await page.waitForURL((url) => url.pathname === '/app/mobilities');
    expect(new URL(page.url()).searchParams.get('waitingFor')).toBe('guardian');
    const rows = page.getByTestId('mobility-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-mobility-id')).toBe('mob-ingus');
  });

  it('works with the keyboard: tab to the main navigation, Enter opens the list', async () => {
    await page.goto(`${system.url}/`);
    await page.getByTestId('count-total').waitFor();
    const nav = page.getByRole('banner').getByRole('navigation', { name: 'Galvenā navigācija' });
    const link = nav.getByRole('link', { name: 'Mobilitātes' });
    let focused = false;
    for (let i = 0; i < 15 && !focused; i++) {
      await page.keyboard.press('Tab');
      focused = await link.evaluate((el) => el === document.activeElement);
    }
    expect(focused).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/app/mobilities');
  });

  it('switches to English with one click, and back', async () => {
    await page.goto(`${system.url}/`);
    await page.getByTestId('count-total').waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const nav = page.getByRole('banner').getByRole('navigation', { name: /navigation/i });
    await nav.getByRole('link', { name: 'Mobilities' }).waitFor();
    await expect(page.locator('main').innerText()).resolves.toMatch(/guardian/i);
    await screenshot(page, 'overview-en');
    await expectNoAxeViolations(page);
    // The choice is kept across a reload; the switch leads back to Latvian.
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.getByRole('button', { name: /latvi/i }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'lv');
  });

  it('is usable at 360 px: the navigation folds into a menu', async () => {
    const { context: small, page: narrow } = await newPage(browser, { viewport: NARROW });
    await signIn(narrow, system.url, COORDINATOR.email, system.passwordOf(COORDINATOR.email));
    await narrow.getByTestId('count-total').waitFor();
    const width = await narrow.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(NARROW.width);
    await screenshot(narrow, 'overview-360');
    await expectNoAxeViolations(narrow);
    await narrow.getByRole('button', { name: 'Atvērt izvēlni' }).click();
    await narrow.locator('#mobile-nav').getByRole('link', { name: 'Mobilitātes' }).click();
    await narrow.waitForURL((url) => url.pathname === '/app/mobilities');
    await small.close();
  });
});
