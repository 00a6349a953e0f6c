/**
 * Every figure of every pack readable on a council laptop: in Debian's Chromium at 1366x768 and
 * 1920x1080, for every pack and every view (Both, Number, %), every cell of the pack table shows
 * its whole text (nothing wider than its box, nothing outside the table's visible area or the
 * window) and the text is the API's figure; the pack's choices above the table are inside the window. Six sample years fit without sideways scrolling.
 * One browser session walks all packs x views x sizes; a screenshot of each goes to
 * test-output/screens/packs/.
 */
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackSummary } from '../../shared/api.js';
import type { CellValue, PackResult } from '../../shared/packs/result.js';
import { startBrowserMode, type BrowserMode } from '../../electron/bridge/launch.js';
import { en, ensureRenderer, expectedCount, expectedPercent, flow, launchChromium, ROOT, snapshot } from './browser.js';

const SCREENS = path.join(ROOT, 'test-output', 'screens', 'packs');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
const VIEWS = [
  { radio: 'Both', measure: 'both' },
  { radio: 'Number', measure: 'count' },
  { radio: '%', measure: 'percent' },
] as const;

let tmp: string;
let app: BrowserMode;
let context: BrowserContext;
let page: Page;

function expectedPercentShown(cell: CellValue | undefined, total: boolean): string {
  // The total's percent is left blank: it is the base.
  return total && !cell?.percent ? '' : expectedPercent(cell);
}
const yearText = (summary: PackSummary, y: number) => (summary.timing === 'snapshot' ? snapshot(y) : flow(y));

interface Shown {
  /** Every figure: [row id][part id] = text, e.g. ['10-15']['y2024-count'] = '1,234'. */
  parts: Record<string, Record<string, string>>;
  headers: Record<string, string>;
  /** Cells or figures not wholly visible, described. */
  clipped: string[];
  sideways: boolean;
}

/** What the table shows, and every cell or figure that is not wholly in view. */
async function inspect(): Promise<Shown> {
  return (await page.evaluate(`(() => {
    const box = document.querySelector('[data-testid=pack-grid]');
    const area = box.getBoundingClientRect();
    const right = Math.min(area.right, window.innerWidth);
    const out = { parts: {}, headers: {}, clipped: [], sideways: box.scrollWidth > box.clientWidth };
    const name = (el) => (el.closest('tr').dataset.row || 'header') + ' ' + el.dataset.col;
    for (const cell of box.querySelectorAll('th, td')) {
      const r = cell.getBoundingClientRect();
      if (cell.scrollWidth > cell.clientWidth) out.clipped.push(name(cell) + ': content ' + cell.scrollWidth + ' px in a ' + cell.clientWidth + ' px cell');
      if (r.left < area.left - 0.5 || r.right > right + 0.5) out.clipped.push(name(cell) + ': outside the table area (' + r.left + '-' + r.right + ' of ' + area.left + '-' + right + ')');
      for (const part of cell.querySelectorAll('[data-part]')) {
        const p = part.getBoundingClientRect();
        if (p.left < r.left - 0.5 || p.right > r.right + 0.5) out.clipped.push(name(cell) + ' ' + part.dataset.part + ': outside its cell');
        if (part.getClientRects().length > 1) out.clipped.push(name(cell) + ' ' + part.dataset.part + ': broken over lines');
      }
    }
    // The pack's choices above the table (years, its own options, break down by, small numbers) are on screen too.
    for (const control of document.querySelectorAll('[data-testid=pack-detail] [role=group] select, [data-testid=pack-detail] [role=group] input:not([type=radio])')) {
      const c = control.getBoundingClientRect();
      if (c.left < 0 || c.right > window.innerWidth + 0.5) out.clipped.push('control ' + (control.labels[0]?.textContent || control.id) + ': ' + c.left + '-' + c.right + ' px, outside the window of ' + window.innerWidth + ' px');
    }
    for (const th of box.querySelectorAll('thead th')) out.headers[th.dataset.col] = [...th.childNodes].filter((n) => !(n.classList && n.classList.contains('visually-hidden'))).map((n) => n.textContent).join('');
    for (const tr of box.querySelectorAll('tbody tr')) {
      const row = (out.parts[tr.dataset.row] = {});
      for (const part of tr.querySelectorAll('[data-part]')) row[part.dataset.part] = part.textContent;
    }
    return out;
  })()`)) as Shown;
}

beforeAll(async () => {
  await ensureRenderer();
  mkdirSync(SCREENS, { recursive: true });
  tmp = await mkdtemp(path.join(tmpdir(), 'iro-e2e-table-'));
  app = await startBrowserMode({ workspacePath: path.join(tmp, 'workspace.duckdb'), staticDir: path.join(ROOT, 'dist', 'renderer'), sampleReturnsDir: path.join(ROOT, 'sample-data', 'returns') });
  context = await launchChromium(path.join(tmp, 'profile'), SIZES[0]);
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(app.bridge.url);
});

afterAll(async () => {
  await context?.close();
  await app?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('the pack table on a council laptop and a desktop screen', () => {
  it('shows every figure of every pack whole and as the API gives it, in every view, at 1366x768 and 1920x1080', async () => {
    const packs: PackSummary[] = await app.workspace['packs.list']({});
    const results = new Map<string, PackResult>();
    for (const p of packs) results.set(p.id, ((await app.workspace['pack.run']({ id: p.id })) as { result: PackResult }).result);
    await page.locator('.pack-list button').first().waitFor({ timeout: 120_000 });
    let checked = 0;
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const summary of packs) {
        const result = results.get(summary.id)!;
        await page.locator(`.pack-list button[data-pack="${summary.id}"]`).click();
        const detail = page.locator(`[data-testid=pack-detail][data-pack="${summary.id}"]`);
        await detail.locator('[data-testid=pack-grid] tbody tr').first().waitFor({ timeout: 120_000 });
        const hasPercent = (await page.getByRole('radio', { name: '%' }).count()) > 0;
        for (const view of hasPercent ? VIEWS : VIEWS.slice(1, 2)) {
          if (hasPercent) await page.getByRole('radio', { name: view.radio, exact: true }).check();
          const where = `${summary.id}, ${view.radio}, ${size.width}x${size.height}`;
          const shown = await inspect();
          await detail.locator('[data-testid=pack-grid]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
          await page.screenshot({ path: path.join(SCREENS, `${size.width}-${summary.id}-${view.measure}.png`) });
          expect(shown.clipped, where).toEqual([]);
          expect(shown.sideways, `${where}: the table scrolls sideways`).toBe(false);
          for (const y of result.years) expect(shown.headers[`y${y}`], where).toBe(yearText(summary, y));
          const rows = [...result.rows.map((r) => ({ id: r.key, values: r.values, total: false })), ...(Object.keys(result.total).length && result.totalLabel !== null ? [{ id: '__total', values: result.total, total: true }] : [])];
          expect(Object.keys(shown.parts).sort(), where).toEqual(rows.map((r) => r.id).sort());
          const showCount = view.measure !== 'percent' || !hasPercent;
          const showPercent = view.measure !== 'count' && hasPercent;
          for (const row of rows) {
            for (const y of result.years) {
              const cell = row.values[String(y)];
              expect(shown.parts[row.id]![`y${y}-count`], `${where} ${row.id} ${y} number`).toBe(showCount ? expectedCount(cell) : undefined);
              expect(shown.parts[row.id]![`y${y}-percent`], `${where} ${row.id} ${y} %`).toBe(showPercent ? expectedPercentShown(cell, row.total) : undefined);
              checked++;
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(packs.length * 6 * 5);
  });

  it('keeps its place when small numbers are suppressed', async () => {
    await page.setViewportSize(SIZES[0]);
    await page.locator('.pack-list button[data-pack="legal-status"]').click();
    const grid = page.locator('[data-testid=pack-detail][data-pack="legal-status"] [data-testid=pack-grid]');
    await grid.locator('tbody tr').first().waitFor();
    await page.getByRole('radio', { name: 'Both', exact: true }).check();
    await grid.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const before = await page.evaluate(`[document.querySelector('.pack-detail').scrollTop, document.querySelector('[data-testid=pack-grid]').scrollLeft]`);
    const { result } = (await app.workspace['pack.run']({ id: 'legal-status', suppress: 5 })) as { result: PackResult };
    const hidden = result.rows.flatMap((r) => result.years.filter((y) => r.values[String(y)]?.suppressed).map((y) => ({ key: r.key, y })));
    expect(hidden.length).toBeGreaterThan(0);
    // As a user does, with the table in view: the checkbox is ticked where it is, without scrolling to it.
    await page.getByRole('checkbox', { name: 'Suppress 1 to' }).evaluate((el: HTMLInputElement) => {
      el.focus({ preventScroll: true });
      el.click();
    });
    const first = grid.locator(`tr[data-row="${hidden[0]!.key}"] [data-part="y${hidden[0]!.y}-count"]`);
    await expect.poll(() => first.textContent()).toBe('c');
    expect(await page.evaluate(`[document.querySelector('.pack-detail').scrollTop, document.querySelector('[data-testid=pack-grid]').scrollLeft]`)).toEqual(before);
    expect((await inspect()).clipped).toEqual([]);
    await page.getByRole('checkbox', { name: 'Suppress 1 to' }).uncheck();
  });

  it('is one tab stop, with arrow keys inside and Enter on a number listing its children', async () => {
    await page.locator('.pack-list button[data-pack="age"]').click();
    const grid = page.locator('[data-testid=pack-detail][data-pack="age"] [data-testid=pack-grid]');
    await grid.locator('tbody tr').first().waitFor();
    expect(await grid.locator('[tabindex="0"]').count()).toBe(1);
    await grid.locator('[tabindex="0"]').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    // Back on the cell left, not the first cell: the grid keeps its place.
    expect(await page.evaluate(`document.activeElement.dataset.col`)).toMatch(/^y\d{4}$/);
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    const year = (await page.evaluate(`document.activeElement.dataset.col`)) as string;
    const row = (await page.evaluate(`document.activeElement.closest('tr').dataset.row`)) as string;
    expect(year).toMatch(/^y\d{4}$/);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('drill-count').waitFor();
    const drill = await app.workspace['pack.drill']({ pack: 'age', year: Number(year.slice(1)), key: row });
    expect(await dialog.getByTestId('drill-count').textContent()).toBe(`${en.format(drill.rowCount)} rows.`);
    await page.keyboard.press('Escape');
  });
});
