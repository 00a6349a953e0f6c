/**
 * Renders Excel and Word exports to PDF (LibreOffice) and to PNG pages (pdftoppm), so a person can
 * look at what a committee would see:
 *
 *   npx tsx scripts/render-exports.ts [--out DIR]                       the test fixtures
 *   npx tsx scripts/render-exports.ts --sample [--workspace W] [--out DIR]
 *        all packs of the six sample years, as is and with --suppress 5; the workspace is built
 *        in a temporary folder from sample-data/returns unless --workspace names one already made
 *
 * DIR defaults to test-output/exports (fixtures) or test-output/exports-sample. Each export NAME is
 * written as NAME.xlsx / NAME.docx, NAME-xlsx.pdf / NAME-docx.pdf and NAME-xlsx-N.png / NAME-docx-N.png.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { withCharts } from '../electron/export/chartPng.js';
import { openAppWorkspace } from '../electron/workspace/appWorkspace.js';
import { buildDocument } from '../shared/export/document.js';
import { buildWorkbook } from '../shared/export/workbook.js';
import { ALL_TABLES, META } from '../test/unit/export/fixtures.js';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    sample: { type: 'boolean', default: false },
    workspace: { type: 'string' },
    out: { type: 'string' },
    dpi: { type: 'string', default: '70' },
  },
});
const outDir = resolve(values.out ?? join(ROOT, 'test-output', values.sample ? 'exports-sample' : 'exports'));
mkdirSync(outDir, { recursive: true });

/** The files to render, by export name. */
const written: string[] = [];

if (values.sample) {
  const temp = values.workspace ? null : mkdtempSync(join(tmpdir(), 'iro-sample-'));
  const path = values.workspace ? resolve(values.workspace) : join(temp!, 'sample.duckdb');
  const fresh = !existsSync(path);
  const ws = await openAppWorkspace({ path });
  try {
    if (fresh) {
      const returns = join(ROOT, 'sample-data', 'returns');
      for (const year of readdirSync(returns).filter((n) => /^\d{4}$/.test(n)).map(Number).sort()) {
        const dir = join(returns, String(year));
        const files = readdirSync(dir).filter((f) => f.endsWith('.csv')).map((f) => ({ name: f, path: join(dir, f) }));
        const report = await ws['workspace.import']({ year, files });
        if (!report.ok) throw new Error(`Import of ${year} refused`);
      }
    }
    for (const [name, suppress] of [['sample', null], ['sample-suppressed', 5]] as const) {
      for (const ext of ['xlsx', 'docx'] as const) {
        const file = join(outDir, `${name}.${ext}`);
        const t0 = performance.now();
        await ws.exportToFile(file, { packs: [], suppress });
        console.log(`${name}.${ext}: ${Math.round(performance.now() - t0)} ms`);
        written.push(file);
      }
    }
  } finally {
    await ws.close();
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
} else {
  const tables = withCharts(ALL_TABLES);
  writeFileSync(join(outDir, 'report.xlsx'), await buildWorkbook(tables, META));
  writeFileSync(join(outDir, 'report.docx'), await buildDocument(tables, META));
  written.push(join(outDir, 'report.xlsx'), join(outDir, 'report.docx'));
}

// A private LibreOffice profile, so a running LibreOffice (or a parallel run) cannot block this one.
const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
const pages: string[] = [];
try {
  for (const file of written) {
    const base = file.replace(/\.(xlsx|docx)$/, '');
    const kind = file.slice(-4);
    for (const f of readdirSync(outDir)) if (f.startsWith(`${base.split('/').at(-1)}-${kind}`)) rmSync(join(outDir, f));
    execFileSync('soffice', [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, file], {
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 300_000,
    });
    // NAME.xlsx and NAME.docx both become NAME.pdf, so rename each before the next conversion.
    const pdf = `${base}-${kind}.pdf`;
    renameSync(`${base}.pdf`, pdf);
    execFileSync('pdftoppm', ['-png', '-r', values.dpi, pdf, `${base}-${kind}`], { timeout: 300_000 });
    pages.push(pdf);
  }
} finally {
  rmSync(profile, { recursive: true, force: true });
}

const pngs = readdirSync(outDir).filter((f) => f.endsWith('.png')).sort();
console.log(`Wrote ${outDir}: ${written.length} exports, ${pages.length} PDFs, ${pngs.length} page images`);
