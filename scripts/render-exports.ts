/**
 * Renders the Excel and Word exports of the test fixtures to PDF (LibreOffice) and to PNG pages
 * (pdftoppm), so a person can look at what a committee would see:
 *
 *   npx tsx scripts/render-exports.ts [OUT_DIR]      (default test-output/exports)
 *
 * Writes report.xlsx, report.docx, their PDFs and report-xlsx-N.png / report-docx-N.png.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withCharts } from '../electron/export/chartPng.js';
import { buildDocument } from '../shared/export/document.js';
import { buildWorkbook } from '../shared/export/workbook.js';
import { ALL_TABLES, META } from '../test/unit/export/fixtures.js';

const outDir = resolve(process.argv[2] ?? 'test-output/exports');
mkdirSync(outDir, { recursive: true });
for (const f of readdirSync(outDir)) if (/^report[-.]/.test(f)) rmSync(join(outDir, f));

const tables = withCharts(ALL_TABLES);
const files = {
  xlsx: join(outDir, 'report.xlsx'),
  docx: join(outDir, 'report.docx'),
};
writeFileSync(files.xlsx, await buildWorkbook(tables, META));
writeFileSync(files.docx, await buildDocument(tables, META));

// A private LibreOffice profile, so a running LibreOffice (or a parallel run) cannot block this one.
const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
try {
  for (const [kind, file] of Object.entries(files)) {
    execFileSync('soffice', [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, file], {
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 120_000,
    });
    // Both files are named report.*, so rename each PDF before the next conversion overwrites it.
    const pdf = join(outDir, `report-${kind}.pdf`);
    execFileSync('mv', [join(outDir, 'report.pdf'), pdf]);
    execFileSync('pdftoppm', ['-png', '-r', '70', pdf, join(outDir, `report-${kind}`)], { timeout: 120_000 });
  }
} finally {
  rmSync(profile, { recursive: true, force: true });
}

const pages = readdirSync(outDir).filter((f) => f.endsWith('.png')).sort();
console.log(`Wrote ${outDir}:\n  ${['report.xlsx', 'report.docx', 'report-xlsx.pdf', 'report-docx.pdf', ...pages].join('\n  ')}`);
