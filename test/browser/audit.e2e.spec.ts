import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { parseKeptCheckpoint, verifyBundle } from '../../apps/cli/src/bundle/verify';
import { AUDITOR, OPERATOR, SCHOOL } from '../../infra/demo/seed-data';
import { sleep } from '../../infra/net';
import { launchChromium } from './support/chromium';
import {
  expectNoAxeViolations,
  NARROW,
  newPage,
  screenshot,
  signIn,
  waitForTestId,
} from './support/pages';
import { DEMO_STAGES, startDashboardSystem, type DashboardSystem } from './support/system';

/**
 * The system as `startDashboardSystem` starts it, but sealing: the API and the worker get a seal
 * key (SEAL_SIGNING_KEY) and seal every second, so that the checkpoint is served and a bundle's
 * events are covered by seals.
 */
function startSealingSystem(label: string): Promise<DashboardSystem> {
  const seal = generateKeyPairSync('ed25519');
  return startDashboardSystem(label, DEMO_STAGES, {
    SEAL_SIGNING_KEY: seal.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    SEAL_INTERVAL_SECONDS: '1',
  });
}

/** mob-annija's bundle as the auditor's token fetches it. */
async function annijaBundle(system: DashboardSystem): Promise<Buffer> {
  const res = await fetch(`${system.url}/audit/bundles?mobilityId=mob-annija`, {
    headers: { Authorization: `Bearer ${system.accounts.get(AUDITOR.email)!.token}` },
  });
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return Buffer.from(await res.arrayBuffer());
}

/** Until the sealer has sealed every event of mob-annija (the demo has just written them). */
async function annijaSealed(system: DashboardSystem): Promise<void> {
  let last = '';
  for (let i = 0; i < 120; i++) {
    const report = verifyBundle(await annijaBundle(system));
    if (report.ok && report.events > 0 && report.unsealed === 0) return;
    last = JSON.stringify(report);
    await sleep(500);
  }
  throw new Error(`mob-annija's events were not sealed: ${last}`);
}

/**
 * The auditors' screens (/app/audit): the auditor of VIAA searches a stream, reads an
 * institution's history and its state as of a version, exports mob-annija's bundle — which the
 * offline verifier accepts against the checkpoint the screen showed — and has no verify button;
 * the operator verifies the log and compares a read model from the same screen.
 */
describe('the audit screens', () => {
  let system: DashboardSystem;
  let browser: Browser;
  let page: Page;
  const openAudit = async (path = '/app/audit') => {
    await page.goto(`${system.url}${path}`);
    await page.getByRole('heading', { level: 1, name: 'Audits' }).waitFor();
  };

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSealingSystem('browser_audit'), launchChromium()]);
    await annijaSealed(system);
    ({ page } = await newPage(browser));
    await signIn(page, system.url, AUDITOR.email, system.passwordOf(AUDITOR.email), '/app/audit');
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('the auditor finds mob-annija by its id and opens it; the navigation names Audits', async () => {
    await openAudit();
    expect(
      await page.getByRole('navigation').getByRole('link', { name: 'Audits' }).count(),
    ).toBeGreaterThan(0);
    await page.locator('input[name="q"]').fill('mob-annija');
    await page.locator('form[role="search"] button[type="submit"]').click();
    await waitForTestId(page, 'search-results');
    const hit = page
      .getByTestId('search-results')
      .getByRole('link', { name: 'mobilitāte mob-annija' });
    await hit.waitFor();
    await screenshot(page, 'audit');
    await expectNoAxeViolations(page);
    await hit.click();
    await page.waitForURL((url) => url.pathname === '/app/mobilities/mob-annija');
    await waitForTestId(page, 'phase');
    // The auditor may export this mobility's bundle: the page links to the prefilled form.
    expect(await page.getByTestId('export-bundle-link').getAttribute('href')).toBe(
      '/app/audit?mobility=mob-annija',
    );
  });

  it("opens the school's stream: its history, and its state as of its first version", async () => {
    await openAudit();
    await page.getByRole('link', { name: SCHOOL.legalName }).click();
    await page.waitForURL(
      (url) => url.pathname === `/app/audit/streams/institutions/${SCHOOL.institutionId}`,
    );
    await waitForTestId(page, 'stream-timeline');
    const rows = page.getByTestId('stream-timeline').locator('tbody tr');
    expect(await rows.first().getAttribute('data-event')).toBe('InstitutionRegistered');
    await waitForTestId(page, 'stream-state');
    expect(await page.getByTestId('stream-state').innerText()).toContain(SCHOOL.legalName);
    await screenshot(page, 'audit-stream');
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Stāvoklis pēc versijas 1' }).click();
    await waitForTestId(page, 'as-of-banner');
    expect(new URL(page.url()).searchParams.get('asOfVersion')).toBe('1');
    expect(await page.getByTestId('as-of-banner').innerText()).toContain('pēc versijas 1');
    expect(await rows.count()).toBe(1);
    expect(await page.getByTestId('stream-state').innerText()).toContain(SCHOOL.legalName);
    await screenshot(page, 'audit-stream-as-of');
    await expectNoAxeViolations(page);
  });

  it("exports mob-annija's bundle from the screen; it verifies offline against the checkpoint shown", async () => {
    await openAudit('/app/audit?mobility=mob-annija');
    await waitForTestId(page, 'checkpoint');
    const hash = (await page.getByTestId('checkpoint-hash').innerText()).trim();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.locator('input[name="id"]').inputValue()).toBe('mob-annija');
    // No operations for an auditor.
    expect(await page.getByTestId('verify-start').count()).toBe(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-submit').click(),
    ]);
    expect(download.suggestedFilename()).toBe('audit-bundle-mob-annija.jsonl');
    const bytes = readFileSync(await download.path());
    const report = verifyBundle(bytes, { checkpoint: parseKeptCheckpoint(hash) });
    expect({ ok: report.ok, problem: report.problem }).toEqual({ ok: true, problem: undefined });
    expect(report.subject).toEqual({ type: 'mobility', id: 'mob-annija' });
    expect(report.events).toBeGreaterThan(0);
    expect(report.checkpoint).toBe('on-chain');

    // The screen says what it downloaded, with the file's SHA-256.
    await waitForTestId(page, 'export-done');
    const { createHash } = await import('node:crypto');
    expect(await page.getByTestId('export-done').innerText()).toContain(
      createHash('sha256').update(bytes).digest('hex'),
    );
    await screenshot(page, 'audit-export');
    await expectNoAxeViolations(page);

    // A flipped byte in the file is caught (the file is the bundle, not a copy of something else).
    const flipped = Buffer.from(bytes);
    const at = flipped.indexOf('"events"');
    flipped[at + 2] ^= 1;
    expect(verifyBundle(flipped).ok).toBe(false);
  });

  it('names the problem next to the form when the object is not in scope', async () => {
    await openAudit('/app/audit?mobility=mob-nobody');
    await page.getByTestId('export-submit').click();
    await waitForTestId(page, 'export-error');
    expect(await page.getByTestId('export-error').innerText()).toContain(
      'Jūsu tvērumā šāda objekta nav',
    );
    await expectNoAxeViolations(page);
  });

  it('is usable at 360 px', async () => {
    const narrow = await newPage(browser, { viewport: NARROW });
    try {
      await signIn(
        narrow.page,
        system.url,
        AUDITOR.email,
        system.passwordOf(AUDITOR.email),
        '/app/audit',
      );
      await narrow.page.getByRole('heading', { level: 1, name: 'Audits' }).waitFor();
      await waitForTestId(narrow.page, 'checkpoint');
      const overflow = await narrow.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(narrow.page, 'audit-narrow');
      await expectNoAxeViolations(narrow.page);
    } finally {
      await narrow.context.close();
    }
  });

  it('the operator verifies the whole log and compares a read model from the screen', async () => {
    const operator = await newPage(browser, { locale: 'en-GB' });
    try {
      const p = operator.page;
      await signIn(p, system.url, OPERATOR.email, system.passwordOf(OPERATOR.email), '/app/audit');
      await p.getByRole('heading', { level: 1 }).waitFor();
      await p.getByTestId('verify-start').click();
      await p
        .locator('[data-testid="verify-outcome"][data-state="ok"]')
        .waitFor({ timeout: 60_000 });
      await p.locator('select[name="kind"]').selectOption('mobilities');
      await p.getByTestId('rebuild-start').click();
      await p
        .locator('[data-testid="rebuild-outcome"][data-state="equal"]')
        .waitFor({ timeout: 60_000 });
      await p.getByTestId('verify-outcome').scrollIntoViewIfNeeded();
      await screenshot(p, 'audit-verify');
      await expectNoAxeViolations(p);
    } finally {
      await operator.context.close();
    }
  });
});
