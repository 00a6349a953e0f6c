/**
 * Renders Excel and Word exports to PDF (LibreOffice) and to PNG pages (pdftoppm), so a person can
 * look at what a committee would see:
 *
 *   npx tsx scripts/render-exports.ts [--out DIR]                       the test fixtures
 *   npx tsx scripts/render-exports.ts --sample [--workspace W] [--out DIR]
 *        all packs of the six sample years, as is and with --suppress 5; the workspace is built
 *        in a temporary folder from sample-data/returns unless --workspace names one already made;
 *        and, checked but not rendered, sample-hostile.xlsx/.docx: the 2024 return with formula-like
 *        codes and file name, to show the formula guard on real exports; sample-report.docx/.xlsx:
 *        the draft report (default outline, three local packs, one with figures besides the count,
 *        a made-up house style, comparators for Gateshead); and sample-compare.xlsx/.docx, the How
 *        we compare export, with sample-comparators.xlsx/.docx: packs with their comparators
 *        and sample-breakdown.xlsx/.docx: age broken down by sex (parts indented under their headings)
 *   --only NAME,NAME   write and render only these of sample, sample-suppressed, sample-breakdown, sample-report, sample-compare
 *
 * DIR defaults to test-output/exports (fixtures) or test-output/exports-sample. Each export NAME is
 * written as NAME.xlsx / NAME.docx, NAME-xlsx.pdf / NAME-docx.pdf and NAME-xlsx-N.png / NAME-docx-N.png,
 * and each export is checked for formulas, unguarded formula-like text and the suppression legend.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { svgToPng, withCharts } from '../electron/export/chartPng.js';
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
    only: { type: 'string' },
  },
});
const only = values.only ? new Set(values.only.split(',')) : null;
const wanted = (name: string) => !only || only.has(name);
const outDir = resolve(values.out ?? join(ROOT, 'test-output', values.sample ? 'exports-sample' : 'exports'));
mkdirSync(outDir, { recursive: true });

/** The files to render, by export name. */
const written: string[] = [];
/** Files only checked (below), not rendered. */
const checkedOnly: string[] = [];

/**
 * The 2024 sample return with a header file named like a formula and ethnicity codes that are
 * formulas (= + - @): the importer keeps unknown codes as found, so they reach the exports.
 */
async function hostileExports(): Promise<string[]> {
  const temp = mkdtempSync(join(tmpdir(), 'iro-hostile-'));
  try {
    const from = join(ROOT, 'sample-data', 'returns', '2024');
    const dir = join(temp, '2024');
    mkdirSync(dir);
    for (const f of readdirSync(from).filter((n) => n.endsWith('.csv') && n !== 'header.csv')) writeFileSync(join(dir, f), readFileSync(join(from, f)));
    // Short and without spaces: longer free text in a code column is refused at import (it cannot be read).
    const codes = ['=1+1', '+44', '-1', '@SUM(A1)'];
    const lines = readFileSync(join(from, 'header.csv'), 'utf8').split(/\r?\n/);
    // ETHNIC is the fourth column; the sample's header rows have no quoted fields.
    const hostile = lines.map((line, i) => (i >= 1 && i <= codes.length ? line.split(',').map((v, k) => (k === 3 ? `"${codes[i - 1]!.replace(/"/g, '""')}"` : v)).join(',') : line));
    writeFileSync(join(dir, '=cmd|calc.csv'), hostile.join('\n'));
    const ws = await openAppWorkspace({ path: join(temp, 'hostile.duckdb') });
    try {
      const files = readdirSync(dir).map((f) => ({ name: f, path: join(dir, f) }));
      if (!(await ws['workspace.import']({ year: 2024, files })).ok) throw new Error('Import of the hostile return refused');
      const out = [join(outDir, 'sample-hostile.xlsx'), join(outDir, 'sample-hostile.docx')];
      for (const file of out) await ws.exportToFile(file, { packs: ['ethnicity', 'cla'], suppress: null });
      return out;
    } finally {
      await ws.close();
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/**
 * The draft report in both forms (Word, and one workbook with native charts) from the default
 * outline, with two local packs and a made-up house style (name, a drawn logo, colours, font).
 */
async function sampleReport(ws: Awaited<ReturnType<typeof openAppWorkspace>>): Promise<string[]> {
  const tables = new Set((await ws['localPacks.tables']({})).map((t) => t.table));
  const packs = [
    { id: 'local-escalations-stage', title: 'Escalations by stage', table: 'local_escalations', year: { dateColumn: 'raised' }, by: ['stage'], unit: { one: 'escalation', many: 'escalations' } },
    { id: 'local-caseloads-team', title: 'Children allocated to an IRO, by team', table: 'local_caseloads', year: { dateColumn: 'allocated' }, by: ['team'], unit: { one: 'child', many: 'children' } },
    // Figures besides the count: a chart each under the counts' chart.
    {
      version: 2,
      id: 'local-escalations-figures',
      title: 'Escalations: days to resolve and hours',
      table: 'local_escalations',
      year: { dateColumn: 'raised' },
      by: ['stage'],
      unit: { one: 'escalation', many: 'escalations' },
      measures: [
        { statistic: 'mean', daysFrom: 'raised', daysTo: 'resolved' },
        { statistic: 'sum', column: 'hours' },
      ],
    },
  ];
  for (const spec of packs) if (tables.has(spec.table)) await ws['localPacks.save']({ spec });
  const logo = svgToPng(
    '<svg xmlns="http://www.w3.org/2000/svg" width="360" height="120"><rect width="360" height="120" fill="#fff"/><path d="M20 15 h70 v45 q0 40 -35 50 q-35 -10 -35 -50 z" fill="#1D5C3A"/>' +
      '<text x="108" y="70" font-family="Arial" font-size="30" font-weight="bold" fill="#1D5C3A">Wexbridge</text></svg>',
    { scale: 1 },
  );
  await ws['style.save']({ style: { organisation: 'Wexbridge Borough Council (made up)', font: 'Arial', heading: '#1D5C3A', palette: ['#174A2E', '#B8860B', '#801650', '#F46A25', '#3D3D3D', '#A285D1'] }, logo: { name: 'logo.png', data: logo } });
  // Comparators under the packs DfE publishes by authority.
  await ws['benchmarks.setAuthority']({ authority: 'Gateshead' });
  const out: string[] = [];
  for (const ext of ['docx', 'xlsx'] as const) {
    const t0 = performance.now();
    const file = join(outDir, `sample-report.${ext}`);
    writeFileSync(file, (await ws[`report.${ext}`]({ suppress: 5 })).data);
    console.log(`sample-report.${ext}: ${Math.round(performance.now() - t0)} ms`);
    out.push(file);
  }
  return out;
}

/** How we compare (Gateshead, set by sampleReport) as exported, and packs with their comparators under them. */
async function compareExports(ws: Awaited<ReturnType<typeof openAppWorkspace>>): Promise<string[]> {
  const out: string[] = [];
  for (const ext of ['xlsx', 'docx'] as const) {
    const file = join(outDir, `sample-compare.${ext}`);
    writeFileSync(file, (await ws[`benchmarks.${ext}`]({})).data);
    out.push(file);
    const packs = join(outDir, `sample-comparators.${ext}`);
    await ws.exportToFile(packs, { packs: ['cla', 'starters', 'missing', 'placement-stability', 'care-leavers'], suppress: 5 });
    out.push(packs);
  }
  return out;
}

if (values.sample) {
  const temp = values.workspace ? null : mkdtempSync(join(tmpdir(), 'iro-sample-'));
  const path = values.workspace ? resolve(values.workspace) : join(temp!, 'sample.duckdb');
  const fresh = !existsSync(path);
  const ws = await openAppWorkspace({ path, publishedDir: join(ROOT, 'sample-data', 'ees'), sampleReturnsDir: join(ROOT, 'sample-data', 'returns') });
  try {
    if (fresh) {
      const returns = join(ROOT, 'sample-data', 'returns');
      for (const year of readdirSync(returns).filter((n) => /^\d{4}$/.test(n)).map(Number).sort()) {
        const dir = join(returns, String(year));
        const files = readdirSync(dir).filter((f) => f.endsWith('.csv')).map((f) => ({ name: f, path: join(dir, f) }));
        // The sample escalations log and caseload list come with the latest year, as local tables.
        const local = year === 2024 ? readdirSync(join(ROOT, 'sample-data', 'local')).filter((f) => f.endsWith('.csv')).map((f) => ({ name: f, path: join(ROOT, 'sample-data', 'local', f) })) : [];
        const report = await ws['workspace.import']({ year, files: [...files, ...local] });
        if (!report.ok) throw new Error(`Import of ${year} refused`);
      }
    }
    for (const [name, suppress] of [['sample', null], ['sample-suppressed', 5]] as const) {
      if (!wanted(name)) continue;
      for (const ext of ['xlsx', 'docx'] as const) {
        const file = join(outDir, `${name}.${ext}`);
        const t0 = performance.now();
        await ws.exportToFile(file, { packs: [], suppress });
        console.log(`${name}.${ext}: ${Math.round(performance.now() - t0)} ms`);
        written.push(file);
      }
    }
    if (wanted('sample-breakdown')) {
      for (const ext of ['xlsx', 'docx'] as const) {
        const file = join(outDir, `sample-breakdown.${ext}`);
        await ws.exportToFile(file, { packs: ['age'], suppress: null, options: { by: 'gender' } });
        written.push(file);
      }
    }
    if (wanted('sample-report') || wanted('sample-compare')) {
      const report = await sampleReport(ws);
      if (wanted('sample-report')) written.push(...report);
    }
    if (wanted('sample-compare')) written.push(...(await compareExports(ws)));
  } finally {
    await ws.close();
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
  if (!only) checkedOnly.push(...(await hostileExports()));
} else {
  const tables = await withCharts(ALL_TABLES);
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

// What the pages cannot show: no cell is a formula, formula-like text is guarded, and the symbols
// legend is there wherever a figure is suppressed.
for (const file of [...written, ...checkedOnly]) console.log(`${file.split('/').at(-1)}: ${await checkExport(file)}`);

async function checkExport(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = async (path: string) => (await zip.file(path)?.async('string')) ?? '';
  const formulaLike = (t: string) => /^[=+\-@\t\r\n]/.test(t);
  const unescape = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  if (file.endsWith('.xlsx')) {
    const strings = [...(await xml('xl/sharedStrings.xml')).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => unescape([...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
    const xfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(await xml('xl/styles.xml'))?.[1] ?? '').matchAll(/<xf\b[^>]*>/g)].map((m) => m[0]);
    let formulas = 0;
    let guarded = 0;
    let unguarded = 0;
    let suppressed = 0;
    let sheetsWithC = 0;
    let sheetsWithCAndLegend = 0;
    for (const path of Object.keys(zip.files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))) {
      const sheet = await xml(path);
      formulas += (sheet.match(/<f[ >]/g) ?? []).length;
      let cs = 0;
      let legend = false;
      for (const c of sheet.matchAll(/<c r="[A-Z]+\d+"(?: s="(\d+)")? t="s"><v>(\d+)<\/v><\/c>/g)) {
        const text = strings[Number(c[2])]!;
        if (text === 'c') cs++;
        if (text.startsWith('c = suppressed')) legend = true;
        if (!formulaLike(text)) continue;
        const xf = xfs[Number(c[1] ?? 0)] ?? '';
        if (xf.includes('numFmtId="49"') && xf.includes('quotePrefix="1"')) guarded++;
        else unguarded++;
      }
      suppressed += cs;
      if (cs > 0) sheetsWithC++;
      if (cs > 0 && legend) sheetsWithCAndLegend++;
    }
    return `${formulas} formulas; ${guarded} formula-like texts guarded, ${unguarded} not; ${suppressed} suppressed cells on ${sheetsWithC} sheets, ${sheetsWithCAndLegend} of them with the legend`;
  }
  const doc = await xml('word/document.xml');
  const texts = [...doc.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1]!));
  const fields = (doc.match(/<w:fldSimple|<w:instrText/g) ?? []).length;
  const legends = texts.filter((t) => t.startsWith('c = suppressed')).length;
  const words = texts.filter((t) => formulaLike(t) && !/^[+-][\d.,]+%?$/.test(t)); // not the signed changes
  return `${fields} fields (page numbers live in the footer); ${words.length} formula-like texts, as plain text; ${texts.filter((t) => t === 'c').length} suppressed cells; ${legends} legend lines`;
}

const pngs = readdirSync(outDir).filter((f) => f.endsWith('.png')).sort();
console.log(`Wrote ${outDir}: ${written.length} exports, ${pages.length} PDFs, ${pngs.length} page images`);
