/**
 * A new user builds two local packs without SQL, in Debian's Chromium on the real core: the sample
 * escalations log and caseload list are imported through the Data page, then the pivot builder
 * makes "escalations by stage" (with the average days from raised to resolved and the total hours) and "allocations by
 * team, by month"; each shows in Packs with the figures pack.run gives, headed by the column
 * counted by, at 1366x768 and 1920x1080 (screenshots to test-output/screens/local-*.png).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackResult } from '../../shared/packs/result.js';
import type { BrowserMode } from '../../electron/bridge/launch.js';
import { axeProblems, expectedCount, flow, packCells, ROOT, startBrowserSession, type BrowserSession } from './browser.js';

const SCREENS = path.join(ROOT, 'test-output', 'screens');
const LOCAL = path.join(ROOT, 'sample-data', 'local');

let session: BrowserSession;
let app: BrowserMode;
let page: Page;

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  session = await startBrowserSession('iro-e2e-local-', { width: 1366, height: 768 });
  ({ app, page } = session);
});

afterAll(async () => {
  await session?.close();
});

async function axe(view: string): Promise<void> {
  expect(await axeProblems(page), `axe on ${view}`).toEqual([]);
}

async function shots(name: string): Promise<void> {
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SCREENS, `${name}-${width}x${height}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

const builder = () => page.locator('form.local-builder');

async function buildPack(fill: () => Promise<void>, title: string): Promise<void> {
  await page.locator('.app-nav button[data-view="local"]').click();
  await page.getByRole('heading', { name: 'Local packs', level: 1 }).waitFor();
  await builder().getByLabel('Title').fill(title);
  await fill();
  await builder().getByRole('button', { name: 'Save local pack' }).click();
  await expect(page.getByRole('status').filter({ hasText: `"${title}" is in Packs and Export` }).textContent()).resolves.toContain('Saved.');
}

/** Open a pack in Packs and check every figure of its table against pack.run; returns the result. */
async function checkPack(id: string): Promise<PackResult> {
  await page.locator('.app-nav button[data-view="packs"]').click();
  await page.locator(`.pack-list button[data-pack="${id}"]`).click();
  const detail = page.locator(`[data-testid=pack-detail][data-pack="${id}"]`);
  await detail.locator('[data-testid=pack-grid] tbody tr').first().waitFor();
  const { result } = (await app.workspace['pack.run']({ id })) as { result: PackResult };
  const cells = await packCells(page);
  const rows = [...result.rows.map((r) => ({ id: r.key, values: r.values })), { id: '__total', values: result.total }];
  expect(Object.keys(cells).sort()).toEqual(rows.map((r) => r.id).sort());
  // The screen shows the range of years chosen (by default all, or the latest few).
  for (const row of rows) {
    for (const [part, text] of Object.entries(cells[row.id]!)) {
      const m = /^y(\d+)-count$/.exec(part);
      if (m) expect(text, `${id} ${row.id} ${m[1]}`).toBe(expectedCount(row.values[m[1]!]));
    }
  }
  await detail.locator(`[data-testid=pack-chart] .chart[data-drawn-for="${id}"] .main-svg`).first().waitFor();
  // Its rows are not children of the returns: nothing to break them down by.
  expect(await detail.getByLabel('Break down by').count()).toBe(0);
  return result;
}

describe('local packs in a browser, on the real core', () => {
  it('imports the sample escalations log and caseload list through the Data page', async () => {
    await page.getByRole('heading', { name: 'Data', level: 1 }).waitFor();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Choose files…' }).click()]);
    await chooser.setFiles([path.join(LOCAL, 'escalations.csv'), path.join(LOCAL, 'caseloads.csv')]);
    await page.getByTestId('batch').getByRole('combobox', { name: 'Collection year' }).selectOption('2024');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-outcome').filter({ hasText: flow(2024) }).waitFor({ timeout: 60_000 });
    const tables = await app.workspace['localPacks.tables']({});
    expect(tables.map((t) => t.table)).toEqual(['local_caseloads', 'local_escalations']);
    // The child ids keep their leading zeros.
    expect(tables[0]!.columns.find((c) => c.name === 'child')!.type).toBe('VARCHAR');
  });

  it('builds escalations by stage, with the average days from raised to resolved, without SQL', async () => {
    await buildPack(async () => {
      await builder().getByLabel('Table').selectOption('local_escalations');
      await builder().getByLabel('Year of each row').selectOption('raised');
      await builder().getByLabel('Count by').selectOption('stage');
      await builder().getByRole('button', { name: /Add a figure/ }).click();
      await builder().getByLabel('Figure 1: days from').selectOption('raised');
      await builder().getByLabel('Figure 1: to').selectOption('resolved');
      await builder().getByRole('button', { name: /Add a figure/ }).click();
      await builder().getByLabel('Figure 2', { exact: true }).selectOption('sum');
      await builder().getByLabel('Figure 2: of the column').selectOption('hours');
      await builder().getByLabel('One counted thing is a').fill('escalation');
      await builder().getByLabel('Many are').fill('escalations');
      await shots('local-builder');
      await axe('Local packs (builder)');
    }, 'Escalations by stage');
    const result = await checkPack('local-escalations-by-stage');
    expect(result.years).toEqual([2022, 2023, 2024]);
    await expect(page.locator('[data-testid=pack-grid] thead th[data-col="label"]').textContent()).resolves.toBe('Stage');
    expect(result.rows.some((r) => r.group === 'Average days from raised to resolved' && r.label === 'All escalations')).toBe(true);
    expect(result.rows.some((r) => r.group === 'Total hours' && r.label === 'All escalations')).toBe(true);
    await shots('local-escalations');
    // A figure opens the rows it is worked out over, each with its days, named with its measure.
    const figure = result.rows.find((r) => r.group === 'Average days from raised to resolved' && r.label === '1 Informal')!;
    const rowCount = figure.values['2024']!.count!;
    await page.locator(`[data-testid=pack-grid] tr[data-row="${figure.key}"] td[data-col="y2024"]`).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('drill-count').waitFor();
    expect(await dialog.getByRole('heading', { level: 2 }).first().textContent()).toBe('Average days from raised to resolved: 1 Informal, 2023/24');
    expect(await dialog.getByTestId('drill-count').textContent()).toBe(`${rowCount} rows.`);
    await dialog.locator('[data-testid=drill-grid] .ag-header-cell-text', { hasText: /days from raised to resolved/i }).first().waitFor();
    await shots('local-drill');
    await page.keyboard.press('Escape');
    // A narrower range of years here leaves a pack by month its months.
    await page.locator('[data-testid=pack-detail]').getByLabel('From', { exact: true }).selectOption('2023');
    await expect.poll(() => page.locator('[data-testid=pack-grid] thead th[data-col^="y"]').count()).toBe(2);
    await axe('Packs (local pack with a figure)');
  });

  it('builds allocations by team, by month, without SQL', async () => {
    await buildPack(async () => {
      await builder().getByLabel('Table').selectOption('local_caseloads');
      await builder().getByLabel('Year of each row').selectOption('allocated');
      await builder().getByLabel('Columns').selectOption('latest-year');
      await builder().getByLabel('Count by').selectOption('team');
      await builder().getByLabel('One counted thing is a').fill('allocation');
      await builder().getByLabel('Many are').fill('allocations');
    }, 'Allocations by team and month');
    const result = await checkPack('local-allocations-by-team-and-month');
    expect(result.years).toEqual([202304, 202305, 202306, 202307, 202308, 202309, 202310, 202311, 202312, 202401, 202402, 202403]);
    await expect(page.locator('[data-testid=pack-grid] thead th[data-col="label"]').textContent()).resolves.toBe('Team');
    expect(await page.locator('[data-testid=pack-grid] thead th[data-col^="y"]').count()).toBe(12);
    await expect(page.locator('[data-testid=pack-detail] legend', { hasText: 'Months' }).count()).resolves.toBe(1);
    await shots('local-by-month');
    await axe('Packs (local pack by month)');
  });

  it('made no request outside the bridge, and logged no errors', () => {
    expect(session.requests.filter((u) => !u.startsWith(app.bridge.origin))).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
  });
});
