/**
 * End to end, in Debian's Chromium through playwright-core: the built renderer, served by the
 * localhost bridge over a fresh workspace on the real core (DuckDB, packs, exports). The sample
 * returns are imported THROUGH THE UI (file chooser), every pack's grid is checked against the
 * API's pack.run result, charts are drawn, a count is drilled into, SQL runs, exports download,
 * and axe-core checks every view. Every request the page makes is recorded: only the bridge may
 * be hit. Screenshots of each view go to test-output/screens/.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackSummary } from '../../shared/api.js';
import type { PackResult } from '../../shared/packs/result.js';
import type { BrowserMode } from '../../electron/bridge/launch.js';
import { axeProblems, en, expectedCount, expectedPercent, flow, packCells as packCellsOf, ROOT, snapshot, startBrowserSession, type BrowserSession } from './browser.js';

const SCREENS = path.join(ROOT, 'test-output', 'screens');
const SAMPLE = path.join(ROOT, 'sample-data', 'returns');

let session: BrowserSession;
let app: BrowserMode;
let context: BrowserContext;
let page: Page;
let requests: string[];
let consoleErrors: string[];


/** Every grid cell's text, by row id and column id (rows appear once per pinned container). */
async function gridCells(testId: string): Promise<Record<string, Record<string, string>>> {
  return (await page.evaluate(`(() => {
    const out = {};
    for (const row of document.querySelectorAll('[data-testid=${testId}] .ag-row')) {
      const id = row.getAttribute('row-id');
      out[id] = out[id] || {};
      for (const cell of row.querySelectorAll('.ag-cell')) out[id][cell.getAttribute('col-id')] = (cell.textContent || '').trim();
    }
    return out;
  })()`)) as Record<string, Record<string, string>>;
}

const packCells = () => packCellsOf(page);

async function axe(view: string): Promise<void> {
  const started = Date.now();
  const bad = await axeProblems(page);
  if (process.env.E2E_VERBOSE) console.log(`axe ${view}: ${Date.now() - started} ms`);
  expect(bad, `axe on ${view}`).toEqual([]);
}

/** Go to a main view by the left navigation (closing a dialog a failed test may have left open). */
async function go(view: 'data' | 'packs' | 'explore' | 'export'): Promise<void> {
  if (await page.locator('dialog[open]').count()) await page.keyboard.press('Escape');
  await page.locator(`.app-nav button[data-view="${view}"]`).click();
}

async function shot(name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`) });
}

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  session = await startBrowserSession('iro-e2e-', { width: 1440, height: 900 });
  ({ app, context, page, requests, consoleErrors } = session);
});

afterAll(async () => {
  await session?.close();
});

describe('the workbench in a browser, on the real core', () => {
  it('starts empty on the Data page and removes the token from the address bar', async () => {
    await page.getByRole('heading', { name: 'Data', level: 1 }).waitFor();
    expect(page.url()).toBe(`${app.bridge.origin}/`);
    await expect(page.getByTestId('years-loaded').textContent()).resolves.toBe('No years loaded');
    await axe('Data (empty)');
  });

  it('imports every sample year through the file chooser', async () => {
    const years = readdirSync(SAMPLE).filter((d) => /^\d{4}$/.test(d)).map(Number).sort();
    expect(years.length).toBeGreaterThanOrEqual(3);
    for (const year of years) {
      const files = readdirSync(path.join(SAMPLE, String(year))).filter((f) => f.endsWith('.csv')).map((f) => path.join(SAMPLE, String(year), f));
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Choose files…' }).click()]);
      expect(chooser.isMultiple()).toBe(true);
      await chooser.setFiles(files);
      const batch = page.getByTestId('batch');
      await expect(batch.locator('li').count()).resolves.toBe(files.length);
      await batch.getByRole('combobox', { name: 'Collection year' }).selectOption(String(year));
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const outcome = page.getByTestId('import-outcome').filter({ hasText: flow(year) });
      await outcome.waitFor({ timeout: 60_000 });
      expect(await outcome.locator('h3').textContent()).toContain(`${flow(year)} imported: ${files.length} files`);
    }
    const status = await app.workspace['workspace.status']({});
    expect(status.years.map((y) => y.year)).toEqual(years);
    await expect(page.getByTestId('years-loaded').textContent()).resolves.toBe(`${years.length} years loaded: ${flow(years[0]!)} to ${flow(years.at(-1)!)}`);
    // The years table shows each year's row count as the workspace has it.
    for (const y of status.years) {
      const rows = y.files.reduce((s, f) => s + f.rows, 0);
      const tr = page.locator(`[data-testid=loaded-years] tr[data-year="${y.year}"]`);
      expect(await tr.locator('td.num').textContent()).toBe(en.format(rows));
    }
    await page.evaluate(`document.querySelector('.app-main').scrollTop = 0`);
    await shot('data');
    await axe('Data (after import)');
  });

  it('refuses a bad file through the UI, naming file, row and column, and changes nothing', async () => {
    const before = await app.workspace['workspace.status']({});
    const bad = path.join(ROOT, 'test', 'fixtures', 'bad-input', 'date-31-february.csv');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Choose files…' }).click()]);
    await chooser.setFiles([bad]);
    await page.getByTestId('batch').getByRole('combobox', { name: 'Collection year' }).selectOption('2024');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const outcome = page.locator('[data-testid=import-outcome][role=alert]');
    await outcome.waitFor({ timeout: 60_000 });
    expect(await outcome.locator('h3').textContent()).toContain('2023/24 was not imported. Nothing in the workspace changed.');
    const firstError = outcome.locator('tr.level-error').first();
    expect(await firstError.locator('td').allTextContents()).toEqual(['Error', 'date-31-february.csv', '3', 'DOB', '31/02/2011', expect.stringContaining('is not a real date') as unknown as string]);
    expect(await app.workspace['workspace.status']({})).toEqual(before);
    await axe('Data (refused import)');
    // The refused files stay listed so they can be fixed; drop them.
    await page.getByTestId('batch').getByRole('button', { name: 'Remove this group' }).click();
    await expect.poll(() => page.getByTestId('batch').count()).toBe(0);
  });

  it("shows every pack with the API's figures, year labels and a drawn chart", async () => {
    const packs: PackSummary[] = await app.workspace['packs.list']({});
    expect(packs.length).toBeGreaterThan(10);
    await go('packs');
    for (const summary of packs) {
      await page.locator(`.pack-list button[data-pack="${summary.id}"]`).click();
      const { result } = (await app.workspace['pack.run']({ id: summary.id })) as { result: PackResult };
      const detail = page.locator(`[data-testid=pack-detail][data-pack="${summary.id}"]`);
      await detail.waitFor();
      await detail.locator('[data-testid=pack-grid] tbody tr').first().waitFor();
      const label = summary.timing === 'snapshot' ? snapshot : flow;
      const last = result.years.at(-1)!;
      await expect(detail.locator(`[data-testid=pack-grid] thead th[data-col="y${last}"]`).textContent()).resolves.toBe(label(last));

      const cells = await packCells();
      const rows = [...result.rows.map((r) => ({ id: r.key, values: r.values })), ...(Object.keys(result.total).length && result.totalLabel !== null ? [{ id: '__total', values: result.total }] : [])];
      expect(Object.keys(cells).sort(), summary.id).toEqual(rows.map((r) => r.id).sort());
      for (const row of rows) {
        for (const year of result.years) {
          const cell = row.values[String(year)];
          expect(cells[row.id]![`y${year}-count`], `${summary.id} ${row.id} ${year} count`).toBe(expectedCount(cell));
          const shown = cells[row.id]![`y${year}-percent`];
          if (shown !== undefined && row.id !== '__total') expect(shown, `${summary.id} ${row.id} ${year} %`).toBe(expectedPercent(cell));
        }
      }

      // The chart is drawn, with at least one bar or line.
      // Each pack's chart is kept drawn once drawn (hidden when another shows): this pack's, visible.
      const chart = detail.locator(`[data-testid=pack-chart] .chart[data-drawn-for="${summary.id}"]`);
      await chart.locator('.main-svg').first().waitFor();
      await expect.poll(() => chart.locator('.trace .point path, .trace path.js-line').count(), { message: `${summary.id} chart marks` }).toBeGreaterThan(0);
      expect(await detail.locator('[data-testid=pack-chart] .chart:visible').count()).toBe(1);
      expect(await chart.getAttribute('aria-label')).toMatch(/chart of/);
    }
  });

  it('looks right: screenshots and axe on packs of each chart kind', async () => {
    for (const [id, name] of [
      ['legal-status', 'packs-stacked'],
      ['ethnicity', 'packs-grouped'],
      ['cla', 'packs-line'],
    ] as const) {
      await page.locator(`.pack-list button[data-pack="${id}"]`).click();
      await page.locator(`[data-testid=pack-detail][data-pack="${id}"] [data-testid=pack-chart] .chart[data-drawn-for="${id}"] .main-svg`).first().waitFor();
      await page.evaluate(`document.querySelector('.pack-detail').scrollTop = 0`);
      await shot(name);
      await page.locator('[data-testid=pack-chart]').scrollIntoViewIfNeeded();
      await shot(`${name}-chart`);
      await axe(`Packs: ${id}`);
    }
  });

  it('suppresses small counts when asked, as pack.run does', async () => {
    await page.locator('.pack-list button[data-pack="legal-status"]').click();
    await page.locator('[data-testid=pack-detail][data-pack="legal-status"] [data-testid=pack-grid] tbody tr').first().waitFor();
    await page.getByRole('checkbox', { name: 'Suppress 1 to' }).check();
    const { result } = (await app.workspace['pack.run']({ id: 'legal-status', suppress: 5 })) as { result: PackResult };
    const suppressed = result.rows.flatMap((r) => result.years.filter((y) => r.values[String(y)]?.suppressed).map((y) => ({ key: r.key, y })));
    expect(suppressed.length).toBeGreaterThan(0);
    const first = suppressed[0]!;
    await expect
      .poll(async () => (await packCells())[first.key]?.[`y${first.y}-count`], { timeout: 10_000 })
      .toBe('c');
    await page.getByRole('checkbox', { name: 'Suppress 1 to' }).uncheck();
  });

  it('copies the table to the clipboard as HTML and text', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.bridge.origin });
    await page.locator('.pack-list button[data-pack="age"]').click();
    await page.locator('[data-testid=pack-detail][data-pack="age"] [data-testid=pack-grid] tbody tr').first().waitFor();
    await page.getByRole('button', { name: 'Copy table' }).click();
    await page.getByText('Table copied.').waitFor();
    const text = (await page.evaluate(`navigator.clipboard.readText()`)) as string;
    // What leaves the app is suppressed (1 to 5, as Export does by default) although the screen is not.
    const { result } = (await app.workspace['pack.run']({ id: 'age', suppress: 5 })) as { result: PackResult };
    const under1 = result.rows.find((r) => r.key === 'under-1')!;
    const line = text.split('\r\n').find((l) => l.startsWith(`${under1.label}\t`))!;
    // TSV carries raw numbers (Excel pastes them as numbers), first year first.
    const first = under1.values[String(result.years[0])]!;
    expect(line.split('\t')[1]).toBe(first.suppressed ? 'c' : String(first.count));
    expect(text).toContain('c = suppressed to protect confidentiality: a count from 1 to 5');
    const html = (await page.evaluate(`navigator.clipboard.read().then(items => items[0].getType('text/html')).then(b => b.text())`)) as string;
    expect(html).toContain('<table');
    expect(html).toContain(result.title);
  });

  it("downloads the pack's chart on its own as PNG and SVG", async () => {
    await page.locator('.pack-list button[data-pack="age"]').click();
    await page.locator('[data-testid=pack-detail][data-pack="age"] [data-testid=pack-chart] .chart[data-drawn-for="age"] .main-svg').first().waitFor();
    for (const [button, ext, magic] of [
      ['Chart PNG', 'png', '\x89PNG'],
      ['Chart SVG', 'svg', '<svg'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
      expect(download.suggestedFilename()).toBe(`chart-age.${ext}`);
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, 200).toString('latin1')).toContain(magic);
      if (ext === 'svg') expect(bytes.toString('utf8')).toContain('10 to 15');
    }
  });

  it('drills into a count: the children behind it, masked on request, exported only after a warning', async () => {
    const { result } = (await app.workspace['pack.run']({ id: 'age' })) as { result: PackResult };
    const year = result.years.at(-1)!;
    const count = result.rows.find((r) => r.key === '10-15')!.values[String(year)]!.count!;
    // By keyboard: the count's cell has focus, Enter opens the drill-down (a click does too).
    await page.locator(`[data-testid=pack-grid] tr[data-row="10-15"] td[data-col="y${year}"]`).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('drill-count').waitFor();
    expect(await dialog.getByTestId('drill-count').textContent()).toBe(`${en.format(count)} rows.`);
    const api = await app.workspace['pack.drill']({ pack: 'age', year, key: '10-15' });
    expect(api.rowCount).toBe(count);
    const ids = tableFromIPC(api.arrow).getChild('child')!.toArray() as string[];
    await dialog.locator('[data-testid=drill-grid] .ag-row').first().waitFor();
    const shownFirst = await dialog.locator('[data-testid=drill-grid] .ag-row[row-index="0"] .ag-cell[col-id="child"]').textContent();
    expect(ids).toContain(shownFirst);
    await shot('drill');
    await axe('Drill-down dialog');

    const maskedApi = await app.workspace['pack.drill']({ pack: 'age', year, key: '10-15', maskIds: true });
    expect(maskedApi.rowCount, 'pack.drill with maskIds lists the same children').toBe(count);
    await dialog.getByRole('checkbox', { name: /Mask child ids on screen/ }).check();
    await expect.poll(async () => dialog.locator('[data-testid=drill-grid] .ag-row[row-index="0"] .ag-cell[col-id="child"]').textContent()).not.toBe(shownFirst);
    const masked = await dialog.locator('[data-testid=drill-grid] .ag-row[row-index="0"] .ag-cell[col-id="child"]').textContent();
    expect(ids).not.toContain(masked);

    await dialog.getByRole('button', { name: 'Export child-level rows…' }).click();
    const save = dialog.getByRole('button', { name: 'Save child-level CSV' });
    expect(await save.isDisabled()).toBe(true);
    await dialog.getByRole('checkbox', { name: /I understand/ }).check();
    const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
    expect(download.suggestedFilename()).toBe(`children-age-10-15-${year}-masked.csv`);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
    expect(csv).toHaveLength(count + 1);
    for (const line of csv.slice(1)) expect(ids).not.toContain(line.split(',')[0]);
    // The child-level export is in the activity log.
    const logged = (await app.workspace['workspace.activity']({})).filter((a) => a.action === 'export');
    expect(logged[0]?.detail).toMatchObject({ childLevel: true, pack: 'age', year, key: '10-15', masked: true, rows: count });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
  });

  it('runs SQL in Explore (read-only unless switched) with a grid and a quick chart', async () => {
    await go('explore');
    const editor = page.getByRole('textbox', { name: 'SQL query' });
    await editor.fill('SELECT return_year, count(*) AS episodes FROM episodes GROUP BY return_year ORDER BY return_year');
    await page.getByRole('button', { name: 'Run query' }).click();
    await page.locator('[data-testid=query-grid] .ag-row').first().waitFor();
    const status = await app.workspace['workspace.status']({});
    const cells = await gridCells('query-grid');
    const shown = Object.values(cells).map((r) => [r.return_year, r.episodes]);
    const expected = status.years.map((y) => [String(y.year), String(status.tables.episodes![String(y.year)])]);
    expect(shown.sort()).toEqual(expected.sort());
    await page.locator('[data-testid=query-chart] .main-svg').first().waitFor();
    await expect.poll(() => page.locator('[data-testid=query-chart] .trace .point path').count()).toBe(status.years.length);
    await shot('explore');
    await axe('Explore');

    await editor.fill('DELETE FROM episodes');
    await page.getByRole('button', { name: 'Run query' }).click();
    await page.getByTestId('query-error').waitFor();
    expect(await page.getByTestId('query-error').textContent()).toMatch(/read-only/i);
    expect((await app.workspace['workspace.status']({})).tables.episodes).toEqual(status.tables.episodes);
  });

  it('exports chosen packs to Excel and Word, with their charts drawn by the export', async () => {
    await go('export');
    await page.getByRole('button', { name: 'Choose none' }).click();
    for (const title of ['Age of children looked after', 'Legal status of children looked after']) {
      await page.getByRole('checkbox', { name: title, exact: true }).check();
    }
    await shot('export');
    await axe('Export');
    for (const [button, ext] of [
      ['Download Excel (.xlsx)', 'xlsx'],
      ['Download Word (.docx)', 'docx'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: button }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${ext}$`));
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      expect(bytes.byteLength).toBeGreaterThan(5_000);
      // A chart image per pack (the zip's directory names its parts in plain text).
      expect(bytes.toString('latin1').match(new RegExp(`${ext === 'docx' ? 'word' : 'xl'}/media/[^/]+?\\.png`, 'g'))?.length).toBeGreaterThanOrEqual(2);
      await expect(page.getByTestId('export-message').textContent()).resolves.toMatch(/^Saved .+, 2 packs\.$/);
    }
  });

  it('removes a year after confirmation, and a re-import brings back the same rows', async () => {
    await go('data');
    const before = await app.workspace['workspace.status']({});
    const year = before.years[0]!.year;
    const rows = before.years[0]!.files.reduce((s, f) => s + f.rows, 0);
    await page.getByRole('button', { name: `Remove ${flow(year)}…` }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByRole('button', { name: `Remove ${flow(year)}` }).click();
    await expect.poll(async () => (await app.workspace['workspace.status']({})).years.map((y) => y.year)).toEqual(before.years.slice(1).map((y) => y.year));
    await expect.poll(() => page.locator(`[data-testid=loaded-years] tr[data-year="${year}"]`).count()).toBe(0);

    const files = readdirSync(path.join(SAMPLE, String(year))).filter((f) => f.endsWith('.csv')).map((f) => path.join(SAMPLE, String(year), f));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Choose files…' }).click()]);
    await chooser.setFiles(files);
    await page.getByTestId('batch').getByRole('combobox', { name: 'Collection year' }).selectOption(String(year));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-outcome').filter({ hasText: `${flow(year)} imported` }).waitFor({ timeout: 60_000 });
    const after = await app.workspace['workspace.status']({});
    expect(after.years.map((y) => y.year)).toEqual(before.years.map((y) => y.year));
    expect(after.tables).toEqual(before.tables);
    expect(await page.locator(`[data-testid=loaded-years] tr[data-year="${year}"] td.num`).textContent()).toBe(en.format(rows));
  });

  it('made no request outside the bridge, and logged no errors', async () => {
    expect(requests.length).toBeGreaterThan(10);
    const outside = requests.filter((u) => !u.startsWith(`${app.bridge.origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(outside).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
