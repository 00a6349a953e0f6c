/**
 * What the end-to-end tests and the UI benchmark share: the built renderer, Debian's Chromium
 * launched the same way, a session on a fresh workspace, axe's checks, the pack table's figures as
 * shown, and the display text expected for a pack cell, written here independently of the
 * renderer's formatter.
 */
import AxeBuilder from '@axe-core/playwright';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { isMeasure, type CellValue } from '../../shared/packs/result.js';
import { rendererIsStale, startBrowserMode, type BrowserMode } from '../../electron/bridge/launch.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Builds dist/renderer when the sources are newer (quietly: only warnings and errors). */
export async function ensureRenderer(): Promise<void> {
  if (!(await rendererIsStale(ROOT))) return;
  const build = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
}

export function launchChromium(profileDir: string, viewport: { width: number; height: number }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    acceptDownloads: true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
}

export const en = new Intl.NumberFormat('en-GB');
const en1 = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
export function expectedCount(cell: CellValue | undefined): string {
  if (!cell) return '–';
  if (cell.notCollected) return 'x';
  if (cell.suppressed) return 'c';
  if (isMeasure(cell)) return typeof cell.value === 'number' ? en1.format(cell.value) : '–';
  if (typeof cell.count === 'number') return en.format(cell.count);
  return '–';
}
export function expectedPercent(cell: CellValue | undefined): string {
  if (!cell) return '–';
  if (cell.notCollected) return 'x';
  // Withheld with the count, or because its base is suppressed: c either way.
  if (cell.suppressed || cell.percentWithheld) return 'c';
  return typeof cell.percent === 'number' ? `${cell.percent.toFixed(1)}%` : '–';
}
export const flow = (y: number) => `${y - 1}/${String(y % 100).padStart(2, '0')}`;
export const snapshot = (y: number) => `31 March ${y}`;

/** A fresh workspace served by the bridge, Chromium on it, and every request and console error of its page. */
export interface BrowserSession {
  app: BrowserMode;
  context: BrowserContext;
  page: Page;
  requests: string[];
  consoleErrors: string[];
  close: () => Promise<void>;
}

export async function startBrowserSession(prefix: string, viewport: { width: number; height: number }): Promise<BrowserSession> {
  await ensureRenderer();
  const tmp = await mkdtemp(path.join(tmpdir(), prefix));
  const app = await startBrowserMode({ workspacePath: path.join(tmp, 'workspace.duckdb'), staticDir: path.join(ROOT, 'dist', 'renderer'), sampleReturnsDir: null });
  const context = await launchChromium(path.join(tmp, 'profile'), viewport);
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  await page.goto(app.bridge.url);
  return {
    app,
    context,
    page,
    requests,
    consoleErrors,
    close: async () => {
      await context.close();
      await app.close();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

/** The serious and critical WCAG 2.2 AA problems axe-core finds on the page, in words. */
export async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
}

/** Every pack-table figure's text, by row id and figure id (y2024-count, y2024-percent, change-count...). */
export async function packCells(page: Page): Promise<Record<string, Record<string, string>>> {
  return (await page.evaluate(`(() => {
    const out = {};
    for (const row of document.querySelectorAll('[data-testid=pack-grid] tbody tr')) {
      const cells = (out[row.dataset.row] = {});
      for (const part of row.querySelectorAll('[data-part]')) cells[part.dataset.part] = part.textContent;
    }
    return out;
  })()`)) as Record<string, Record<string, string>>;
}
