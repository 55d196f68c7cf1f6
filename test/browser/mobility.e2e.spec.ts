import type { Browser, Page } from 'playwright-core';
import { COORDINATOR } from '../../infra/demo/seed-data';
import { launchChromium } from './support/chromium';
import { expectNoAxeViolations, newPage, screenshot, signIn, waitForTestId } from './support/pages';
import { signingLinkIn } from './support/signing';
import { startDashboardSystem, type DashboardSystem } from './support/system';

interface HistoryEntry {
  version: number;
  type: string;
  recordedAt: string;
}

/**
 * One mobility's page, as the school's coordinator sees it: the page as it stood at a past
 * moment, a signature made through a signing link appearing without a reload, and the diff of
 * two versions of the Learning Agreement.
 */
describe('a mobility, as the coordinator of rtrit', () => {
  let system: DashboardSystem;
  let browser: Browser;
  let page: Page;
  const open = async (path: string) => {
    await page.goto(`${system.url}${path}`);
    await waitForTestId(page, 'phase');
  };

  beforeAll(async () => {
    [system, browser] = await Promise.all([
      startDashboardSystem('browser_mobility'),
      launchChromium(),
    ]);
    ({ page } = await newPage(browser));
    await signIn(
      page,
      system.url,
      COORDINATOR.email,
      system.passwordOf(COORDINATOR.email),
      '/app/mobilities/mob-juris',
    );
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('shows Juris abroad now, and ready to start as it stood just before he left', async () => {
    await open('/app/mobilities/mob-juris');
    expect(await page.getByTestId('phase').innerText()).toBe('Notiek');
    expect(await page.getByTestId('as-of-banner').count()).toBe(0);
    await screenshot(page, 'mobility');
    await expectNoAxeViolations(page);

    const history = (await (
      await page.request.get(`${system.url}/mobilities/mob-juris/history`)
    ).json()) as HistoryEntry[];
    const started = history.find((e) => e.type === 'MobilityStarted')!;
    const before = new Date(Date.parse(started.recordedAt) - 1).toISOString();
    await open(`/app/mobilities/mob-juris?asOf=${encodeURIComponent(before)}`);
    await page.getByTestId('as-of-banner').waitFor();
    expect(await page.getByTestId('phase').innerText()).toBe('Gatava sākt');
    await screenshot(page, 'mobility-as-of');
    await expectNoAxeViolations(page);
  });

  it('a signature made through a signing link appears on the open page without a reload', async () => {
    await open('/app/mobilities/mob-ingus');
    const learner = page.getByTestId('signatory-learner');
    await learner.waitFor();
    // A reload would lose this mark.
    await page.evaluate(() => {
      (window as unknown as { stillHere?: boolean }).stillHere = true;
    });
    // The coordinator asks for a fresh link for Ingus; the worker mails it to him.
    const mails = system.smtp.received.length;
    await learner.getByRole('button').click();
    await page.getByRole('dialog').getByRole('button').last().click();
    const link = signingLinkIn(await system.smtp.waitFor(mails + 1, 30_000), mails);

    // Ingus signs in his own browser (no account, no session).
    const signatory = await browser.newContext({ locale: 'lv-LV' });
    const signing = await signatory.newPage();
    await signing.goto(link);
    await signing.fill('input[name="fullName"]', 'Ingus Ozols');
    await signing.check('input[name="agree"]');
    await Promise.all([
      signing.waitForURL((url) => url.pathname.endsWith('/sign')),
      signing.locator('form[action$="/sign"] button[type="submit"]').click(),
    ]);
    await signatory.close();

    // The coordinator's page shows the signature: no "send a link" any more, the signer named.
    await page.waitForFunction(
      () => {
        const card = document.querySelector('[data-testid="signatory-learner"]');
        return (
          card !== null &&
          card.querySelector('button') === null &&
          card.textContent?.includes('Ingus Ozols')
        );
      },
      undefined,
      { timeout: 10_000 },
    );
    expect(
      await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere),
    ).toBe(true);
    expect(await page.getByTestId('signatory-guardian').getByRole('button').count()).toBe(1);
    await screenshot(page, 'mobility-signature-live');
  });

  it('shows the difference between two versions of the agreement side by side', async () => {
    await system.api
      .as(COORDINATOR.email)
      .write('POST', '/mobilities/mob-ingus/learning-agreement/amendments', 'amend-life-skills', {
        changes: { lifeSkills: ['foreign-languages'] },
        reason: 'the cultural module moves to next year',
      });
    await open('/app/mobilities/mob-ingus');
    const diff = page.getByTestId('diff');
    await diff.waitFor();
    const text = await diff.innerText();
    expect(text).toContain('lifeSkills');
    expect(text).toContain('cultural-awareness');
    expect(await diff.locator('tbody tr').count()).toBeGreaterThan(0);
    await diff.scrollIntoViewIfNeeded();
    await screenshot(page, 'agreement-diff');
    await expectNoAxeViolations(page);
  });
});
