import type { Browser, Page } from 'playwright-core';
import { COORDINATOR } from '../../infra/demo/seed-data';
import { launchChromium } from './support/chromium';
import { readCsvExport, readXlsxExport } from './support/export-files';
import { paramsOf, phaseNamed, rowsShown, waitForRows, word } from './support/list';
import { addMobilities } from './support/more-mobilities';
import { expectNoAxeViolations, newPage, screenshot, signIn, waitForTestId } from './support/pages';
import { startDashboardSystem, type DashboardSystem } from './support/system';

const EXPORT_COLUMNS = [
  'mobilityId',
  'learnerName',
  'phase',
  'partnershipId',
  'sendingInstitutionId',
  'hostInstitutionId',
  'hostCountry',
  'plannedStart',
  'plannedEnd',
  'overdue',
  'waitingFor',
  'nextDeadline',
];

/** Every mobility of the suite, by learner name: Annija, Eva, Ingus, Juris, Kārlis, Līga. */
const BY_NAME = ['mob-annija', 'mob-eva', 'mob-ingus', 'mob-juris', 'mob-karlis', 'mob-liga'];

/**
 * The mobilities list as the school's coordinator uses it, on the demo's three mobilities and
 * three more (Eva planned; Kārlis, a minor, and Līga with their agreements unsigned): filters set
 * through the form that survive going back and a copied link, sorting, the export, saved filters.
 */
describe('the mobilities list, as the coordinator of rtrit', () => {
  let system: DashboardSystem;
  let browser: Browser;
  let page: Page;
  const lv = (key: string, values?: Record<string, string>) => word('lv', key, values);
  const list = (search = '') => `${system.url}/app/mobilities${search}`;
  const filters = () => page.getByRole('search', { name: lv('mobilities:filters.title') });

  beforeAll(async () => {
    [system, browser] = await Promise.all([startDashboardSystem('browser_list'), launchChromium()]);
    await addMobilities(system);
    ({ page } = await newPage(browser));
    await signIn(
      page,
      system.url,
      COORDINATOR.email,
      system.passwordOf(COORDINATOR.email),
      '/app/mobilities',
    );
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('sorting by a column puts the sort in the URL and orders the rows, then reverses them', async () => {
    await page.goto(list());
    await waitForRows(page, BY_NAME, { anyOrder: true });
    const table = page.getByRole('table', { name: lv('mobilities:table.caption') });
    const header = table.getByRole('columnheader', { name: lv('mobilities:table.learner') });
    const sortButton = header.getByRole('button');

    await sortButton.click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'learner');
    await waitForRows(page, BY_NAME);
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect((await rowsShown(page)).map((r) => r.name)).toEqual([
      'Annija Bērziņa',
      'Eva Kalniņa',
      'Ingus Ozols',
      'Juris Kalniņš',
      'Kārlis Ozols',
      'Līga Ozoliņa',
    ]);

    await sortButton.click();
    await page.waitForURL((url) => url.searchParams.get('sort') === '-learner');
    await waitForRows(page, [...BY_NAME].reverse());
    expect(await header.getAttribute('aria-sort')).toBe('descending');

    // A third click goes back to the API's default order: no sort in the URL.
    await sortButton.click();
    await page.waitForURL((url) => !url.searchParams.has('sort'));
    expect(await header.getAttribute('aria-sort')).toBeNull();
  });

  it('filters set through the form survive going back from a mobility, and a copied link', async () => {
    await page.goto(list());
    await waitForRows(page, BY_NAME, { anyOrder: true });
    const form = filters();

    // Each filter narrows the list, and lands in the URL.
    await form.getByRole('checkbox', { name: lv('phase.awaiting-signatures') }).check();
    await form.getByRole('checkbox', { name: lv('phase.preparation') }).check();
    await page.waitForURL((url) => url.searchParams.getAll('phase').length === 2);
    await waitForRows(page, ['mob-eva', 'mob-ingus', 'mob-karlis', 'mob-liga'], {
      anyOrder: true,
    });
    await form.getByLabel(lv('mobilities:filters.waitingFor')).selectOption('learner');
    await page.waitForURL((url) => url.searchParams.get('waitingFor') === 'learner');
    await waitForRows(page, ['mob-ingus', 'mob-karlis', 'mob-liga'], { anyOrder: true });
    await form.getByLabel(lv('mobilities:filters.q')).fill('Ozols');
    await page.waitForURL((url) => url.searchParams.get('q') === 'Ozols');
    await waitForRows(page, ['mob-ingus', 'mob-karlis'], { anyOrder: true });
    // … and the sort with them.
    await page
      .getByRole('columnheader', { name: lv('mobilities:table.learner') })
      .getByRole('button')
      .click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'learner');
    await waitForRows(page, ['mob-ingus', 'mob-karlis']);
    const filtered = page.url();
    expect(paramsOf(filtered)).toEqual([
      'phase=awaiting-signatures',
      'phase=preparation',
      'q=Ozols',
      'sort=learner',
      'waitingFor=learner',
    ]);
    const rows = await rowsShown(page);
    expect(rows).toEqual([
      { id: 'mob-ingus', name: 'Ingus Ozols', phase: lv('phase.awaiting-signatures') },
      { id: 'mob-karlis', name: 'Kārlis Ozols', phase: lv('phase.awaiting-signatures') },
    ]);
    await screenshot(page, 'mobilities-filtered', { fullPage: true });
    await expectNoAxeViolations(page);

    const expectFormShowsFilters = async (p: Page) => {
      const f = p.getByRole('search', { name: lv('mobilities:filters.title') });
      const checked = async (phase: string) =>
        f.getByRole('checkbox', { name: lv(`phase.${phase}`) }).isChecked();
      expect(await checked('awaiting-signatures')).toBe(true);
      expect(await checked('preparation')).toBe(true);
      expect(await checked('under-way')).toBe(false);
      expect(await f.getByLabel(lv('mobilities:filters.waitingFor')).inputValue()).toBe('learner');
      expect(await f.getByLabel(lv('mobilities:filters.q')).inputValue()).toBe('Ozols');
    };

    // Open a mobility from the list, then go back: the same URL, form and rows.
    await page.getByRole('link', { name: 'Kārlis Ozols' }).click();
    await page.waitForURL((url) => url.pathname === '/app/mobilities/mob-karlis');
    await waitForTestId(page, 'phase');
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/app/mobilities');
    expect(page.url()).toBe(filtered);
    await waitForRows(page, ['mob-ingus', 'mob-karlis']);
    expect(await rowsShown(page)).toEqual(rows);
    await expectFormShowsFilters(page);

    // The copied link, opened by someone else in a browser of their own (signing in first).
    const copied = new URL(filtered);
    const { context, page: other } = await newPage(browser);
    await signIn(
      other,
      system.url,
      COORDINATOR.email,
      system.passwordOf(COORDINATOR.email),
      `${copied.pathname}${copied.search}`,
    );
    expect(new URL(other.url()).pathname).toBe('/app/mobilities');
    expect(paramsOf(other.url())).toEqual(paramsOf(filtered));
    await waitForRows(other, ['mob-ingus', 'mob-karlis']);
    expect(await rowsShown(other)).toEqual(rows);
    await expectFormShowsFilters(other);
    await context.close();
  });

  it('the CSV and XLSX exports of a filtered list hold the rows it shows', async () => {
    await page.goto(list('?phase=preparation&phase=awaiting-signatures&sort=learner'));
    const ids = ['mob-eva', 'mob-ingus', 'mob-karlis', 'mob-liga'];
    await waitForRows(page, ids);
    const shown = (await rowsShown(page)).map((r) => ({
      mobilityId: r.id,
      learnerName: r.name,
      phase: phaseNamed('lv', r.phase),
    }));
    const exports = page.getByRole('group', { name: lv('mobilities:export.title') });
    const download = async (label: string) => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        exports.getByRole('link', { name: label }).click(),
      ]);
      const path = await file.path();
      return { path, name: file.suggestedFilename() };
    };

    const csvFile = await download(lv('mobilities:export.csv'));
    expect(csvFile.name).toMatch(/\.csv$/);
    const csv = await readCsvExport(csvFile.path);
    // UTF-8 with a byte order mark, so that spreadsheets read ā, ņ, ī.
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.header).toEqual(EXPORT_COLUMNS);
    expect(
      csv.rows.map((r) => ({
        mobilityId: r.mobilityId,
        learnerName: r.learnerName,
        phase: r.phase,
      })),
    ).toEqual(shown);

    const xlsxFile = await download(lv('mobilities:export.xlsx'));
    expect(xlsxFile.name).toMatch(/\.xlsx$/);
    const xlsx = await readXlsxExport(xlsxFile.path);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(xlsx.header).toEqual(EXPORT_COLUMNS);
    expect(
      xlsx.rows.map((r) => ({
        mobilityId: r.mobilityId,
        learnerName: r.learnerName,
        phase: r.phase,
      })),
    ).toEqual(shown);
    // The two files hold the same cells.
    expect(xlsx.rows).toEqual(csv.rows);
    // Whose signature each waits for, as the list says it.
    expect(Object.fromEntries(csv.rows.map((r) => [r.mobilityId, r.waitingFor]))).toEqual({
      'mob-eva': '',
      'mob-ingus': 'learner guardian',
      'mob-karlis': 'sending-school host learner guardian',
      'mob-liga': 'sending-school host learner',
    });
  });

  it('saves the current filters, applies them to an unfiltered list, and deletes them', async () => {
    const name = 'Ozoli bez paraksta';
    const search = '?phase=awaiting-signatures&waitingFor=learner&q=Ozols&sort=-learner';
    await page.goto(list(search));
    await waitForRows(page, ['mob-karlis', 'mob-ingus']);
    const saved = page.getByRole('region', { name: lv('mobilities:saved.title') });
    await saved.getByLabel(lv('mobilities:saved.name')).fill(name);
    await saved.getByRole('button', { name: lv('mobilities:saved.save') }).click();
    await saved
      .getByRole('status')
      .filter({ hasText: lv('mobilities:saved.saved') })
      .waitFor();
    const apply = saved.getByRole('link', { name: lv('mobilities:saved.apply', { name }) });
    await apply.waitFor();

    // The same name again: the API says 409, the form says why next to the name.
    await saved.getByLabel(lv('mobilities:saved.name')).fill(name);
    await saved.getByRole('button', { name: lv('mobilities:saved.save') }).click();
    await saved.getByText(lv('mobilities:saved.nameTaken')).waitFor();
    expect(await saved.getByLabel(lv('mobilities:saved.name')).getAttribute('aria-invalid')).toBe(
      'true',
    );

    // An unfiltered list; the saved filter brings back the same URL and rows.
    await page
      .getByRole('banner')
      .getByRole('link', { name: lv('nav.mobilities'), exact: true })
      .click();
    await page.waitForURL((url) => url.pathname === '/app/mobilities' && url.search === '');
    await waitForRows(page, BY_NAME, { anyOrder: true });
    await apply.click();
    await page.waitForURL((url) => url.searchParams.has('q'));
    expect(paramsOf(page.url())).toEqual(paramsOf(list(search)));
    await waitForRows(page, ['mob-karlis', 'mob-ingus']);

    const stored = await page.request.get(`${system.url}/dashboard/saved-filters`);
    const items = ((await stored.json()) as { items: Array<{ name: string; search: string }> })
      .items;
    expect(items).toHaveLength(1);
    expect(items[0].name).toBe(name);
    expect(paramsOf(list(`?${items[0].search}`))).toEqual(paramsOf(list(search)));

    await saved.getByRole('button', { name: lv('mobilities:saved.delete', { name }) }).click();
    await apply.waitFor({ state: 'detached' });
    await saved.getByText(lv('mobilities:saved.none')).waitFor();
    const after = await page.request.get(`${system.url}/dashboard/saved-filters`);
    expect(((await after.json()) as { items: unknown[] }).items).toEqual([]);
  });
});
