import type { Browser } from 'playwright-core';
import { COORDINATOR } from '../../infra/demo/seed-data';
import { launchChromium } from './support/chromium';
import { newPage, signIn } from './support/pages';
import { freshSigningLink } from './support/signing';
import { startDashboardSystem, type DashboardSystem } from './support/system';

/**
 * The harness itself: the system started as `npm start` runs it, a Chromium from npm, the sign-in
 * form through the embedded OpenID provider, the built app served at `/`, and a signing link that
 * arrives by mail and is used in the browser.
 */
describe('the browser harness', () => {
  let system: DashboardSystem;
  let browser: Browser;

  beforeAll(async () => {
    [system, browser] = await Promise.all([
      startDashboardSystem('browser_harness'),
      launchChromium(),
    ]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('/ leads to the sign-in form; after it, / answers the app with the session cookie', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, system.url, COORDINATOR.email, system.passwordOf(COORDINATOR.email));
    expect(new URL(page.url()).pathname).toBe('/');
    const cookies = await context.cookies(system.url);
    expect(cookies.map((c) => c.name)).toContain('__Host-ecvet-session');
    const index = await page.request.get(`${system.url}/`);
    expect(index.headers()['content-type']).toMatch(/^text\/html/);
    expect(await index.text()).toContain('<div id="root">');
    const session = await page.request.get(`${system.url}/auth/session`);
    expect(await session.json()).toMatchObject({ email: COORDINATOR.email, role: 'coordinator' });
    await context.close();
  });

  it('a fresh signing link arrives by mail and signs in the browser', async () => {
    const link = await freshSigningLink(system, 'mob-ingus', 1, 'learner');
    const { context, page } = await newPage(browser);
    await page.goto(link);
    await page.fill('input[name="fullName"]', 'Ingus Ozols');
    await page.check('input[name="agree"]');
    await Promise.all([
      page.waitForURL((url) => url.pathname.endsWith('/sign')),
      page.locator('form[action$="/sign"] button[type="submit"]').click(),
    ]);
    await expect(page.locator('body').innerText()).resolves.toContain('līgums parakstīts');
    await context.close();
  });
});
