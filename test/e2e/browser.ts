/**
 * What the end-to-end tests and the UI benchmark share: the built renderer, Debian's Chromium
 * launched the same way, and the display text expected for a pack cell, written here
 * independently of the renderer's formatter.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import type { CellValue } from '../../shared/packs/result.js';
import { rendererIsStale } from '../../electron/bridge/launch.js';

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
  if (cell.suppressed) return 'c';
  if (typeof cell.value === 'number') return en1.format(cell.value);
  if (typeof cell.count === 'number') return en.format(cell.count);
  return '–';
}
export function expectedPercent(cell: CellValue | undefined): string {
  if (!cell) return '–';
  if (cell.suppressed) return 'c';
  return typeof cell.percent === 'number' ? `${cell.percent.toFixed(1)}%` : '–';
}
export const flow = (y: number) => `${y - 1}/${String(y % 100).padStart(2, '0')}`;
export const snapshot = (y: number) => `31 March ${y}`;
