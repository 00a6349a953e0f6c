/**
 * npm run bench:ui [-- --rounds 3] [--width 1366 --height 768]
 *
 * How fast the Packs screen switches, in Debian's Chromium (playwright-core) on the bundled six
 * LA years: the app in browser mode over a fresh workspace, then every pack clicked in the pack
 * list. Timed in the page, from the click to the first frame that paints the pack's table, and
 * to the first frame that paints its chart. "First visit" is a pack's first showing (its figures
 * asked of the core); "revisit" is going back to a pack already shown (median of --rounds rounds).
 * The landing pack, which also works out the canonical views after the import, is reported on its
 * own. Prints a table and the medians beside the targets (revisit < 100 ms, first visit < 300 ms);
 * writes test-output/bench-ui.json. A benchmark: it reports, it does not fail.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import type { PackSummary } from '../shared/api.js';
import { startBrowserMode } from '../electron/bridge/launch.js';
import { ensureRenderer, launchChromium, ROOT } from '../test/e2e/browser.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    width: { type: 'string', default: '1366' },
    height: { type: 'string', default: '768' },
  },
});
const rounds = Math.max(1, Number(values.rounds));

interface Timing {
  table: number;
  chart: number;
}

/** Click a pack and time, in the page, until its table and then its chart are painted. */
async function visit(page: Page, id: string): Promise<Timing> {
  // A string, not a function: tsx's helpers would not exist in the page.
  return (await page.evaluate(`(async (pack) => {
    // Checked in each frame's animation callback, just before the browser paints that frame.
    const until = (ok) => new Promise((resolve) => {
      const check = () => (ok() ? resolve(performance.now()) : requestAnimationFrame(check));
      requestAnimationFrame(check);
    });
    const t0 = performance.now();
    document.querySelector('.pack-list button[data-pack="' + pack + '"]').click();
    const tableAt = await until(() => {
      const detail = document.querySelector('[data-testid=pack-detail]');
      const body = detail && detail.querySelector('.pack-body');
      return detail.dataset.pack === pack && !!body && !body.hidden && !!body.querySelector('[data-testid=pack-grid] tbody tr');
    });
    const chartAt = await until(() => !!document.querySelector('[data-testid=pack-chart] .chart[data-drawn-for="' + pack + '"] .main-svg'));
    return { table: tableAt - t0, chart: chartAt - t0 };
  })(${JSON.stringify(id)})`)) as Timing;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (x: number) => `${Math.round(x)} ms`.padStart(8);

await ensureRenderer();
const tmp = await mkdtemp(path.join(tmpdir(), 'iro-bench-ui-'));
const app = await startBrowserMode({ workspacePath: path.join(tmp, 'workspace.duckdb'), staticDir: path.join(ROOT, 'dist', 'renderer'), sampleReturnsDir: path.join(ROOT, 'sample-data', 'returns') });
const context = await launchChromium(path.join(tmp, 'profile'), { width: Number(values.width), height: Number(values.height) });
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const packs: PackSummary[] = await app.workspace['packs.list']({});
  const loadStart = Date.now();
  await page.goto(app.bridge.url);
  const landing = packs[0]!.id;
  await page.locator(`[data-testid=pack-chart] .chart[data-drawn-for="${landing}"] .main-svg`).first().waitFor({ timeout: 300_000 });
  const landingMs = Date.now() - loadStart;

  const first = new Map<string, Timing>();
  for (const p of packs.slice(1)) first.set(p.id, await visit(page, p.id));
  const again = new Map<string, Timing[]>(packs.map((p) => [p.id, []]));
  for (let r = 0; r < rounds; r++) for (const p of packs) again.get(p.id)!.push(await visit(page, p.id));

  console.log(`Packs screen switching, Chromium ${context.browser()?.version() ?? ''} at ${values.width}x${values.height}, ${cpus().length} cores, bundled six LA years`);
  console.log(`Landing on the app (page load, first pack incl. working out the views): ${landingMs} ms\n`);
  console.log(`${'pack'.padEnd(24)} ${'first: table'.padStart(13)} ${'chart'.padStart(8)} ${'revisit: table'.padStart(15)} ${'chart'.padStart(8)}`);
  const rows = packs.map((p) => {
    const f = first.get(p.id);
    const a = again.get(p.id)!;
    const row = { pack: p.id, firstTable: f?.table ?? null, firstChart: f?.chart ?? null, revisitTable: median(a.map((t) => t.table)), revisitChart: median(a.map((t) => t.chart)) };
    console.log(`${p.id.padEnd(24)} ${f ? ms(f.table).padStart(13) : '(landing)'.padStart(13)} ${f ? ms(f.chart) : ''.padStart(8)} ${ms(row.revisitTable).padStart(15)} ${ms(row.revisitChart)}`);
    return row;
  });
  const firsts = [...first.values()];
  const summary = {
    firstTableMedian: median(firsts.map((t) => t.table)),
    firstChartMedian: median(firsts.map((t) => t.chart)),
    revisitTableMedian: median(rows.map((r) => r.revisitTable)),
    revisitChartMedian: median(rows.map((r) => r.revisitChart)),
  };
  console.log(`\nmedian first visit: table ${ms(summary.firstTableMedian)}, chart ${ms(summary.firstChartMedian)}   (target < 300 ms)`);
  console.log(`median revisit:     table ${ms(summary.revisitTableMedian)}, chart ${ms(summary.revisitChartMedian)}   (target < 100 ms)`);
  mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
  writeFileSync(path.join(ROOT, 'test-output', 'bench-ui.json'), JSON.stringify({ viewport: `${values.width}x${values.height}`, rounds, landingMs, summary, packs: rows }, null, 2));
} finally {
  await context.close();
  await app.close();
  await rm(tmp, { recursive: true, force: true });
}
