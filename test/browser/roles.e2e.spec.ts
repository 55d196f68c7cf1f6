import type { Browser, Locator, Page } from 'playwright-core';
import { AUDITOR, COORDINATOR, LEARNERS, MENTORS } from '../../infra/demo/seed-data';
import { PARTNERSHIP_ID } from '../../infra/demo/seeds-scenario';
import { launchChromium } from './support/chromium';
import { waitForRows, word } from './support/list';
import {
  expectNoAxeViolations,
  newPage,
  numberIn,
  screenshot,
  signIn,
  waitForTestId,
} from './support/pages';
import { startDashboardSystem, type DashboardSystem } from './support/system';

const CALL_ID = 'call-fi-tourism';
const JURIS = LEARNERS.find((l) => l.key === 'juris')!;
const ANNIJA = LEARNERS.find((l) => l.key === 'annija')!;
const ALL = LEARNERS.map((l) => l.mobilityId);
const lv = (key: string, values?: Record<string, string>) => word('lv', key, values);

/**
 * The buttons in the page's <main> that act (everything but the as-of date's "show" button, which
 * only reads), by their accessible names.
 */
function actionButtons(page: Page): Promise<string[]> {
  return page
    .locator('main')
    .getByRole('button')
    .evaluateAll((buttons) =>
      buttons
        .filter((b) => !b.closest('section[aria-labelledby="as-of-title"]'))
        .map((b) => b.getAttribute('aria-label') ?? b.textContent?.trim() ?? ''),
    );
}

/** The forms in <main> that write (everything but the as-of date's). */
function writingForms(page: Page): Promise<number> {
  return page
    .locator('main form')
    .evaluateAll(
      (forms) => forms.filter((f) => !f.closest('section[aria-labelledby="as-of-title"]')).length,
    );
}

/**
 * Who sees what: the host mentor of Juris only his mobility; the auditor (scope: all) every
 * mobility and no action anywhere, where the school's coordinator has them; the screens of a
 * partnership, a call's selection pipeline and a learner's credits; Latvian and English.
 */
describe('scope and roles: a mentor, an auditor and the coordinator', () => {
  let system: DashboardSystem;
  let browser: Browser;
  const pages = new Map<string, Page>();
  const as = (email: string) => pages.get(email)!;

  beforeAll(async () => {
    [system, browser] = await Promise.all([
      startDashboardSystem('browser_roles'),
      launchChromium(),
    ]);
    for (const email of [COORDINATOR.email, MENTORS.juris.email, AUDITOR.email]) {
      const { page } = await newPage(browser);
      await signIn(page, system.url, email, system.passwordOf(email));
      pages.set(email, page);
    }
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('the mentor of Juris sees only his mobility: in the overview, the list, and not Annija’s page', async () => {
    const page = as(MENTORS.juris.email);
    await page.goto(`${system.url}/`);
    await page.getByTestId('count-total').waitFor();
    const shown = async (testId: string) => numberIn(await page.getByTestId(testId).innerText());
    expect(await shown('count-total')).toBe(1);
    expect(await shown('count-phase-under-way')).toBe(1);
    for (const phase of ['completed', 'awaiting-signatures'])
      if ((await page.getByTestId(`count-phase-${phase}`).count()) > 0)
        expect(await shown(`count-phase-${phase}`)).toBe(0);
    await page.getByTestId('recent-row').first().waitFor();
    const recent = await page.getByTestId('recent-row').allInnerTexts();
    expect(recent).toHaveLength(1);
    expect(recent[0]).toContain(JURIS.learner.name);
    expect(recent.join(' ')).not.toContain(ANNIJA.learner.name);
    await screenshot(page, 'overview-mentor');
    await expectNoAxeViolations(page);

    await page.goto(`${system.url}/app/mobilities`);
    await waitForRows(page, [JURIS.mobilityId]);
    expect(await page.getByTestId('mobility-row').innerText()).toContain(JURIS.learner.name);

    // Annija's mobility, asked for by its address: not found, as the API answers (404).
    await page.goto(`${system.url}/app/mobilities/${ANNIJA.mobilityId}`);
    const alert = page.locator('main').getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain(lv('error.notFound'));
    expect(await page.getByTestId('phase').count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toContain(ANNIJA.learner.name);
    const api = await page.request.get(`${system.url}/mobilities/${ANNIJA.mobilityId}`);
    expect(api.status()).toBe(404);
  });

  it('the auditor sees every mobility in scope, in the overview and the list', async () => {
    const page = as(AUDITOR.email);
    await page.goto(`${system.url}/`);
    await page.getByTestId('count-total').waitFor();
    expect(numberIn(await page.getByTestId('count-total').innerText())).toBe(ALL.length);
    await page.goto(`${system.url}/app/mobilities`);
    await waitForRows(page, ALL, { anyOrder: true });
  });

  const actionsHeading = (page: Page) =>
    page.locator('main').getByRole('heading', { name: lv('actions:title'), exact: true });
  const screens: Array<{
    name: string;
    path: string;
    ready: (page: Page) => Promise<void>;
    /** What the coordinator acts with on that screen. */
    action: (page: Page) => Locator;
  }> = [
    {
      name: 'a mobility',
      path: '/app/mobilities/mob-ingus',
      ready: async (page) => {
        await waitForTestId(page, 'phase');
        await waitForTestId(page, 'signatory-guardian');
        await waitForTestId(page, 'timeline');
      },
      action: actionsHeading,
    },
    {
      name: 'a partnership',
      path: `/app/partnerships/${PARTNERSHIP_ID}`,
      ready: async (page) => {
        await page
          .getByRole('table', { name: word('lv', 'partnerships:mou.versionsCaption') })
          .waitFor();
      },
      action: actionsHeading,
    },
    {
      name: 'a call',
      path: `/app/calls/${CALL_ID}`,
      ready: async (page) => {
        await page.locator('[data-stage="selected"] li').first().waitFor();
      },
      action: (page) =>
        page.getByRole('button', { name: lv('calls:evaluateLabel', { name: 'Ingus Ozols' }) }),
    },
  ];

  it.each(screens)(
    'on $name the coordinator has actions, the auditor none at all',
    async ({ path, ready, action }) => {
      const coordinator = as(COORDINATOR.email);
      await coordinator.goto(`${system.url}${path}`);
      await ready(coordinator);
      await action(coordinator).waitFor();
      expect((await actionButtons(coordinator)).length).toBeGreaterThan(0);

      const auditor = as(AUDITOR.email);
      await auditor.goto(`${system.url}${path}`);
      await ready(auditor);
      expect(await actionButtons(auditor)).toEqual([]);
      expect(await writingForms(auditor)).toBe(0);
      expect(await action(auditor).count()).toBe(0);
      expect(await actionsHeading(auditor).count()).toBe(0);
    },
  );

  it('screens: the auditor’s mobility, a partnership, a call’s pipeline, a learner’s credits', async () => {
    const auditor = as(AUDITOR.email);
    await auditor.goto(`${system.url}/app/mobilities/mob-ingus`);
    await screens[0].ready(auditor);
    await screenshot(auditor, 'mobility-auditor');
    await expectNoAxeViolations(auditor);

    const coordinator = as(COORDINATOR.email);
    await coordinator.goto(`${system.url}/app/partnerships/${PARTNERSHIP_ID}`);
    await screens[1].ready(coordinator);
    await screenshot(coordinator, 'partnership');
    await expectNoAxeViolations(coordinator);

    await coordinator.goto(`${system.url}/app/calls/${CALL_ID}`);
    await screens[2].ready(coordinator);
    const selected = coordinator.locator('[data-stage="selected"]');
    expect(await selected.innerText()).toContain('Ingus Ozols');
    await screenshot(coordinator, 'call-pipeline');
    await expectNoAxeViolations(coordinator);

    await coordinator.goto(`${system.url}/app/learners/${ANNIJA.learner.learnerId}`);
    // Annija's two units, recognised: 4 + 3 ECVET points.
    await coordinator
      .locator('main')
      .getByText(lv('learners:total_other', { count: '7' }))
      .waitFor();
    expect(await coordinator.locator('main tbody tr').count()).toBe(2);
    await screenshot(coordinator, 'learner-credits');
    await expectNoAxeViolations(coordinator);
  });

  it('switches the list and a mobility to English and back; <html lang> follows', async () => {
    const { context, page } = await newPage(browser);
    await signIn(
      page,
      system.url,
      COORDINATOR.email,
      system.passwordOf(COORDINATOR.email),
      '/app/mobilities?sort=learner',
    );
    await waitForRows(page, ['mob-annija', 'mob-ingus', 'mob-juris']);
    expect(await page.locator('html').getAttribute('lang')).toBe('lv');
    const badges = () => page.locator('[data-testid="mobility-row"] .phase-badge').allInnerTexts();
    expect(await badges()).toEqual(['Pabeigta', 'Gaida parakstus', 'Notiek']);

    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.getByRole('heading', { level: 1, name: /^Mobilities/ }).waitFor();
    expect(await badges()).toEqual(['Completed', 'Awaiting signatures', 'Under way']);
    await page.getByRole('search', { name: 'Filters' }).waitFor();
    await page.getByRole('columnheader', { name: 'Learner' }).waitFor();

    await page.getByRole('link', { name: JURIS.learner.name }).click();
    await waitForTestId(page, 'phase');
    expect(await page.getByTestId('phase').innerText()).toBe('Under way');
    await page
      .getByRole('heading', { level: 1, name: `Mobility: ${JURIS.learner.name}` })
      .waitFor();
    await page.getByRole('heading', { name: 'Phase and next step' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.getByRole('button', { name: 'Pārslēgt uz latviešu valodu' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'lv');
    expect(await page.getByTestId('phase').innerText()).toBe('Notiek');
    await page.getByRole('heading', { name: 'Fāze un nākamais solis' }).waitFor();
    await page
      .getByRole('heading', { level: 1, name: `Mobilitāte: ${JURIS.learner.name}` })
      .waitFor();
    await context.close();
  });
});
