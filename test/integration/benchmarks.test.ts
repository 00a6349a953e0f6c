/**
 * How we compare, end to end over the shipped snapshot of DfE's figures (sample-data/ees) and the
 * sample returns: the snapshot loads on first use, the authority is kept in the workspace, and the
 * comparison sets the authority's own figures beside its published ones, England, its region and
 * its statistical neighbours. Expected figures are worked out here from the CSV rows themselves.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli.js';
import { openAppWorkspace, type AppWorkspace } from '../../electron/workspace/appWorkspace.js';
import type { BenchmarkReport } from '../../shared/ees/benchmarks.js';
import { DEFAULT_HOUSE_STYLE } from '../../shared/export/houseStyle.js';
import { LINE_PT, wrappedLines } from '../../shared/export/workbook.js';
import { scanCsv } from '../../shared/import/csv.js';
import { formulaLikeCells } from '../helpers/formulaGuard.js';

const ROOT = resolve(import.meta.dirname, '../..');
const EES = join(ROOT, 'sample-data', 'ees');
const RETURNS = join(ROOT, 'sample-data', 'returns');
let dir: string;
let ws: AppWorkspace;
let report: BenchmarkReport;

/** The file's rows by column name (names such as "Bristol, City of" are quoted). */
function csvRows(file: string): Record<string, string>[] {
  const scan = scanCsv(readFileSync(join(EES, file), 'utf8').replace(/^\uFEFF/, ''), ',', true);
  return (scan.rows ?? []).map((r) => Object.fromEntries(r.fields.map((v, i) => [scan.header[i]!, v])));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iro-benchmarks-'));
  ws = await openAppWorkspace({ path: join(dir, 'w.duckdb'), publishedDir: EES, sampleReturnsDir: RETURNS });
  for (const year of [2023, 2024]) {
    const r = await ws['workspace.import']({ year, files: [{ name: String(year), path: join(RETURNS, String(year)) }] });
    expect(r.ok).toBe(true);
  }
  const status = await ws['benchmarks.setAuthority']({ authority: 'gateshead' });
  expect(status.settings.authority).toMatchObject({ code: 'E08000037', name: 'Gateshead', oldLaCode: '390', regionName: 'North East' });
  report = (await ws['benchmarks.get']({}))!;
}, 180_000);

afterAll(async () => {
  await ws?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('published figures in the workspace', () => {
  it('loads the whole bundled snapshot on first use, symbols kept as text and never as 0', async () => {
    const status = await ws['published.status']({});
    expect(status.files.map((f) => f.source)).toHaveLength(12);
    expect(status.files.every((f) => f.bundled)).toBe(true);
    const symbols = await ws.engine.all<{ value_text: string; n: number; zeros: number }>(
      "SELECT value_text, count(*)::INTEGER AS n, count(value_num)::INTEGER AS zeros FROM published WHERE value_text IN ('c','x','z','low','k','u') GROUP BY 1 ORDER BY 1",
    );
    expect(symbols.map((s) => s.value_text)).toEqual(['c', 'k', 'x', 'z']);
    for (const s of symbols) expect(s.zeros, s.value_text).toBe(0);
    expect(status.authorities.length).toBeGreaterThan(150);
  });

  it('refuses a bad file with its row and column, and loads nothing of the batch', async () => {
    const good = join(dir, 'good.csv');
    const bad = join(dir, 'bad.csv');
    const head = 'time_period,time_identifier,geographic_level,country_code,country_name,characteristic,number\n';
    writeFileSync(good, `${head}2030,Reporting year,National,E92000001,England,Total,5\n`);
    writeFileSync(bad, `${head}2030,Reporting year,National,E92000001,England,Total,five\n`);
    const r = await ws['published.import']({ files: [{ name: 'good.csv', path: good }, { name: 'bad.csv', path: bad }] });
    expect(r.ok).toBe(false);
    expect(r.messages).toEqual([expect.objectContaining({ file: 'bad.csv', row: 2, column: 'number', value: 'five' })]);
    const n = await ws.engine.all<{ n: number }>("SELECT count(*)::INTEGER AS n FROM published WHERE source IN ('good.csv', 'bad.csv')");
    expect(n[0]!.n).toBe(0);
  });

  it('classifies the published rows again when the catalogue of measures changes (a newer app on an older workspace)', async () => {
    const count = async () => (await ws.engine.all<{ n: number }>("SELECT count(*)::INTEGER AS n FROM published WHERE measure LIKE 'starters-cin-%'"))[0]!.n;
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await ws.engine.run("UPDATE published SET measure = NULL WHERE measure LIKE 'starters-cin-%'");
    await ws.engine.run("UPDATE workspace_meta SET value = 'an older catalogue' WHERE key = 'published.catalogue'");
    await ws['published.status']({});
    expect(await count()).toBe(before);
  });

  it('names an authority it cannot find, and keeps the one chosen before', async () => {
    await expect(ws['benchmarks.setAuthority']({ authority: 'Gotham' })).rejects.toThrow(/No authority called "Gotham"/);
    expect((await ws['published.status']({})).settings.authority?.code).toBe('E08000037');
  });
});

describe('how Gateshead compares (sample returns as its own figures)', () => {
  const rate2024 = () => report.measures.find((m) => m.id === 'cla-rate')!.years.find((y) => y.year === 2024)!;

  it('shows its published 2024 rate beside England, the North East and its ten statistical neighbours', () => {
    const rows = csvRows('cla_number_and_rate_per_10k_children.csv').filter((r) => r.time_period === '2024' && r.population_type === 'Children looked after on 31 March each year');
    const sn = csvRows('sn_model_2025_wide.csv').find((r) => r.old_la_code === '390')!;
    const neighbourCodes = Array.from({ length: 10 }, (_, i) => sn[`SN_${i + 1}`]!);
    const neighbourRates = neighbourCodes.map((c) => Number(rows.find((r) => r.old_la_code === c)!.rate_per_10000));
    const y = rate2024();
    expect(y.published).toEqual({ text: rows.find((r) => r.la_name === 'Gateshead')!.rate_per_10000, num: 132 });
    expect(y.england?.num).toBe(Number(rows.find((r) => r.geographic_level === 'National')!.rate_per_10000));
    expect(y.region?.num).toBe(Number(rows.find((r) => r.geographic_level === 'Regional' && r.region_name === 'North East')!.rate_per_10000));
    expect(report.neighbours.map((n) => n.oldLaCode)).toEqual(neighbourCodes);
    expect(y.neighboursMean).toBeCloseTo(neighbourRates.reduce((a, b) => a + b, 0) / 10, 9);
    const sorted = [...neighbourRates].sort((a, b) => a - b);
    expect(y.neighboursMedian).toBe((sorted[4]! + sorted[5]!) / 2);
    const las = rows.filter((r) => r.geographic_level === 'Local authority' && /^\d+$/.test(r.rate_per_10000!)).map((r) => Number(r.rate_per_10000));
    expect(y.rank).toBe(las.filter((v) => v > 132).length + 1);
    expect(y.of).toBe(las.length);
  });

  it("works out the own rate from the returns and the ONS population, and flags where it differs from DfE's", async () => {
    const { result } = await ws['pack.run']({ id: 'cla' });
    const count = result.rows.find((r) => r.key === 'at-31-march')!.values['2024']!.count!;
    const pop = Number(csvRows('ons_mid-year_population_estimates_2012_to_2024.csv').find((r) => r.time_period === '2024' && r.new_la_code === 'E08000037')!.population_estimate);
    const y = rate2024();
    expect(y.own).toBeCloseTo((count * 10000) / pop, 9);
    expect(y.differs).toBe(Math.round(y.own!) !== 132);
    expect(report.sampleData).toBe(true);
    expect(report.latestOwnYear).toBe(2024);
  });

  it('exports the comparison to Excel and Word with the sample-data warning and the OGL attribution', async () => {
    const xlsx = await ws['benchmarks.xlsx']({ year: 2024 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.data) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('How we compare')!;
    const texts: string[] = [];
    sheet.eachRow((row) => texts.push(row.values ? (row.values as unknown[]).filter((v) => v !== undefined && v !== null).map(String).join(' | ') : ''));
    const all = texts.join('\n');
    expect(all).toMatch(/SAMPLE DATA/);
    expect(all).toMatch(/Open Government Licence v3\.0/);
    const rateRow = texts.find((t) => t.startsWith('Looked after on 31 March, per 10,000'))!;
    expect(rateRow).toContain('| 132 | 69 | 113 |');
    // Every cell in one named font, as the Word version (a font without a name prints in the spreadsheet's default, a serif in LibreOffice).
    const unnamed: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => void (cell.font?.name !== 'Arial' && unnamed.push(`${cell.address} ${String(cell.value).slice(0, 30)}`))));
    expect(unnamed).toEqual([]);
    // Text a spreadsheet would take for a formula ('-', no figure) is guarded, as in every other workbook.
    const { cells, formulas } = await formulaLikeCells(await JSZip.loadAsync(xlsx.data));
    expect(formulas).toBe(0);
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.filter((c) => !c.guarded)).toEqual([]);
    // Printed legibly: fitting the sheet to A4 landscape's width (770 pt within its margins) keeps it
    // at 80% or more (Excel: 7 px a width unit and 5 a column, 0.75 pt a px).
    let sheetPx = 0;
    for (let c = 1; c <= sheet.columnCount; c++) sheetPx += (sheet.getColumn(c).width ?? 9) * 7 + 5;
    expect(770 / (sheetPx * 0.75)).toBeGreaterThanOrEqual(0.8);
    // The measure rows read evenly: at least two lines' height (30 pt), a label too long for two lines
    // of its column as tall as it needs; each row ruled off.
    const header = sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(1).value === 'Measure')!;
    const measureRows = sheet.getRows(header.number + 1, report.measures.length)!.filter((r) => typeof r.getCell(2).value === 'string' && r.getCell(2).value !== '');
    expect(measureRows.length).toBeGreaterThan(10);
    const label = (r: ExcelJS.Row) => String(r.getCell(1).value);
    for (const r of measureRows) {
      expect(r.height, label(r)).toBe(Math.max(2, wrappedLines(label(r), sheet.getColumn(1).width!)) * LINE_PT + 4);
      expect(r.getCell(1).alignment, label(r)).toMatchObject({ wrapText: true, vertical: 'middle' });
      expect(r.getCell(3).border?.bottom?.style).toBe('hair');
    }
    const docx = await ws['benchmarks.docx']({ year: 2024 });
    const xml = await (await JSZip.loadAsync(docx.data)).file('word/document.xml')!.async('string');
    // No row of the Word table is split by a page break.
    const rows = xml.match(/<w:tr>[\s\S]*?<\/w:tr>/g)!;
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(row).toContain('<w:cantSplit/>');
    // Each heading breaks between words, never inside one ("(publishe/d)"): every column is at least as
    // wide as its heading's longest word in 8 pt bold Arial (about 88 twips a character) and the cell's margins.
    const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    const headings = rows[0]!.match(/<w:tc>[\s\S]*?<\/w:tc>/g)!.map((tc) => [...tc.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
    expect(grid.length).toBe(headings.length);
    headings.forEach((h, i) => expect(grid[i], h).toBeGreaterThanOrEqual(Math.max(...h.split(' ').map((w) => w.length)) * 88 + 2 * 108));
    expect(headings.some((h) => h.includes('(published)'))).toBe(true);
    expect(xml).toContain('Sample data:');
    expect(xml).toContain('Open Government Licence v3.0');
    expect(xml).toMatch(/Gateshead 132 \(published\), above England \(69\), above North East \(113\)/);
  });

  it('exports the comparison in the house style, as the pack exports, with the quartile words wrapped in their column', async () => {
    await ws['style.save']({ style: { organisation: 'Test LA', font: 'Verdana', heading: '#1D4F91', palette: ['#12436D', '#28A197'] } });
    try {
      const xlsx = await ws['benchmarks.xlsx']({ year: 2024 });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(xlsx.data) as unknown as ArrayBuffer);
      const sheet = wb.getWorksheet('How we compare')!;
      const fonts = new Set<string>();
      sheet.eachRow((row) => row.eachCell((cell) => void fonts.add(String(cell.font?.name))));
      expect([...fonts]).toEqual(['Verdana']);
      expect(sheet.getCell('A1').font.color?.argb).toBe('FF1D4F91');
      // The quartile's words wrap in their column rather than run into the next.
      const header = sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(1).value === 'Measure')!;
      const at = (header.values as unknown[]).findIndex((v) => typeof v === 'string' && v.startsWith('Quartile'));
      expect(at).toBeGreaterThan(0);
      const quartiles = sheet.getRows(header.number + 1, 3)!.map((r) => r.getCell(at));
      expect(quartiles.some((c) => /quarter/.test(String(c.value)))).toBe(true);
      for (const c of quartiles) expect(c.alignment).toMatchObject({ wrapText: true, horizontal: 'left' });
      const docx = await ws['benchmarks.docx']({ year: 2024 });
      const xml = await (await JSZip.loadAsync(docx.data)).file('word/document.xml')!.async('string');
      expect(xml).toContain('w:ascii="Verdana"');
      expect(xml).not.toContain('w:ascii="Arial"');
      expect(xml).toContain('w:color w:val="1D4F91"');
    } finally {
      await ws['style.save']({ style: DEFAULT_HOUSE_STYLE });
    }
  });
});

describe('comparators in the packs', () => {
  it('puts England, the region and the neighbours beside the rows a published measure matches, with a sentence', async () => {
    const { result, commentary } = await ws['pack.run']({ id: 'cla' });
    const c = result.comparators!;
    expect(c).toMatchObject({ authority: 'Gateshead', region: 'North East', group: 'statistical neighbours', sampleData: true });
    expect(c.attribution).toMatch(/Open Government Licence/);
    expect(c.series.map((s) => `${s.measure}:${s.rowKey}`)).toEqual([
      'cla-rate:at-31-march',
      'cla-number:at-31-march',
      'started-rate:started',
      'started-number:started',
      'ceased-rate:ceased',
      'ceased-number:ceased',
    ]);
    const rate = c.series[0]!.byYear['2024']!;
    const bench = report.measures.find((m) => m.id === 'cla-rate')!.years.find((y) => y.year === 2024)!;
    expect(rate).toMatchObject({ published: { text: '132', num: 132 }, england: bench.england, region: bench.region, neighboursMean: bench.neighboursMean });
    expect(rate.own).toBeCloseTo(bench.own!, 9);
    // 2023 is in the pack, and DfE published it too.
    expect(c.series[0]!.byYear['2023']!.published?.num).toBe(133);
    expect(commentary.some((s) => /^Looked after on 31 March, per 10,000 children \(31 March 2024\): Gateshead 132 \(published\), above England \(69\)/.test(s))).toBe(true);
    expect(commentary.at(-1)).toMatch(/sample data/);
  });

  it('never shows a figure from the returns that suppression hid', async () => {
    const { result } = await ws['pack.run']({ id: 'placement-stability', suppress: 100 });
    const series = result.comparators!.series;
    expect(series.length).toBeGreaterThan(0);
    for (const s of series) {
      for (const [year, y] of Object.entries(s.byYear)) {
        const cell = result.rows.find((r) => r.key === s.rowKey)!.values[year]!;
        if (cell.suppressed) expect(y.own, `${s.measure} ${year}`).toBeNull();
      }
    }
    expect(series.some((s) => Object.values(s.byYear).some((y) => y.own === null))).toBe(true);
  });

  it('carries the comparators and their source into the Excel and Word exports of the pack', async () => {
    const xlsx = await ws['export.xlsx']({ packs: ['cla'], includeCharts: false });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.data) as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.eachSheet((sheet) => sheet.eachRow((row) => texts.push((row.values as unknown[]).filter((v) => v !== undefined && v !== null).map(String).join(' | '))));
    const all = texts.join('\n');
    expect(all).toContain('How we compare');
    expect(all).toMatch(/Comparators: Contains public sector information licensed under the Open Government Licence v3\.0/);
    expect(texts.find((t) => t.startsWith('Gateshead, published by DfE'))).toContain('| 133 | 132');
    const docx = await ws['export.docx']({ packs: ['cla'], includeCharts: false });
    const xml = await (await JSZip.loadAsync(docx.data)).file('word/document.xml')!.async('string');
    expect(xml).toContain('How we compare');
    expect(xml).toContain('Sample data: the figures from the returns are the bundled synthetic sample');
  });
});

describe('benchmarks on the command line', () => {
  async function cli(...args: string[]) {
    let out = '';
    let err = '';
    const code = await runCli(args, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
    return { code, out, err };
  }

  it('prints each measure with own, published, England, region, neighbours and rank, by old code too', async () => {
    const path = ws.path;
    await ws.close();
    try {
      const r = await cli('benchmarks', '--workspace', path, '--la', '390', '--year', '2024', '--format', 'csv');
      expect(r.code, r.err).toBe(0);
      expect(r.err).toMatch(/sample data/);
      const label = '"Looked after on 31 March, per 10,000 children",';
      const line = r.out.split('\n').find((l) => l.startsWith(label))!;
      expect(line.slice(label.length).split(',').slice(0, 5)).toEqual(['31 March 2024', String(rate2024Own()), '132', '69', '113']);
      const json = await cli('benchmarks', '--workspace', path, '--format', 'json');
      expect(JSON.parse(json.out).authority.name).toBe('Gateshead');
      const csv = await cli('pack', 'cla', '--workspace', path, '--format', 'csv');
      const lines = csv.out.split('\r\n');
      expect(lines).toContain('How we compare');
      expect(lines.find((l) => l.startsWith('"Looked after on 31 March, per 10,000 children","Gateshead, published by DfE"'))).toBe('"Looked after on 31 March, per 10,000 children","Gateshead, published by DfE",133,132');
      expect(csv.out).toMatch(/Open Government Licence v3\.0/);
      // The files loaded, each with its measures, years, rows, source and licence.
      const listed = JSON.parse((await cli('published', '--workspace', path)).out) as { file: string; measures: string[]; years: string; rows: number; from: string; licence: string }[];
      expect(listed.map((f) => f.file)).toHaveLength(12);
      const cla = listed.find((f) => f.file === 'cla_number_and_rate_per_10k_children.csv')!;
      expect(cla).toMatchObject({ years: '2021 to 2025', rows: csvRows(cla.file).length, from: 'shipped with the app' });
      expect(cla.measures).toContain('Looked after on 31 March, per 10,000 children');
      expect(cla.licence).toMatch(/^Contains public sector information licensed under the Open Government Licence v3\.0\. Source: Department for Education/);
      expect(listed.find((f) => f.file === 'sn_model_2025_wide.csv')).toMatchObject({ years: 'model 2025', measures: ['statistical neighbours'] });
      expect(listed.find((f) => f.file.startsWith('ons_'))).toMatchObject({ years: '2012 to 2024', measures: ['population aged 0 to 17 (for rates)'] });
      const listedCsv = (await cli('published', '--workspace', path, '--format', 'csv')).out.split('\r\n');
      expect(listedCsv[0]).toBe('file,measures,years,rows,values,from,licence,sha256');
      expect(listedCsv.find((l) => l.startsWith('la_cla_who_started_to_be_looked_after.csv,'))).toContain(`,2018 to 2022,${csvRows('la_cla_who_started_to_be_looked_after.csv').length},`);
      const out = join(dir, 'how-we-compare.docx');
      expect((await cli('benchmarks', '--workspace', path, '--out', out)).code).toBe(0);
      const xml = await (await JSZip.loadAsync(readFileSync(out))).file('word/document.xml')!.async('string');
      expect(xml).toContain('How Gateshead compares');
    } finally {
      ws = await openAppWorkspace({ path, publishedDir: EES, sampleReturnsDir: RETURNS });
    }
  });

  function rate2024Own(): number {
    return Math.round(report.measures.find((m) => m.id === 'cla-rate')!.years.find((y) => y.year === 2024)!.own!);
  }
});

describe('comparators under the care-leavers, missing and starters-by-legal-status packs', () => {
  /** Gateshead's, England's and the North East's published figure of a measure's rows in a file. */
  function published(file: string, pick: (r: Record<string, string>) => boolean, column: string, year: string) {
    const rows = csvRows(file).filter((r) => r.time_period === year && pick(r));
    const at = (level: string, name?: string) => rows.find((r) => r.geographic_level === level && (name === undefined || r.la_name === name || r.region_name === name))?.[column];
    return { own: at('Local authority', 'Gateshead'), england: at('National'), region: at('Regional', 'North East') };
  }
  const text = (p: { text: string } | null | undefined) => p?.text;

  it("sets care leavers aged 19 to 21 beside DfE's only when the pack counts them on DfE's basis", async () => {
    expect((await ws['pack.run']({ id: 'care-leavers' })).result.comparators).toBeUndefined();
    const { result, commentary } = await ws['pack.run']({ id: 'care-leavers', options: { basis: 'dfe-19-21' } });
    const c = result.comparators!;
    expect(c.series.map((s) => `${s.measure}:${s.rowKey}`)).toEqual(['care-leavers-eet-19-21:activity:eet']);
    const eet = published('la_care_leavers_activity.csv', (r) => r.care_leaver_age === '19 to 21 years' && r.breakdown === 'Total in education, employment or training', 'care_leaver_percent', '2024');
    expect(eet).toEqual({ own: '45', england: '54', region: '50' });
    const y = c.series[0]!.byYear['2024']!;
    expect([text(y.published), text(y.england), text(y.region)]).toEqual([eet.own, eet.england, eet.region]);
    expect(y.own).toBe(result.rows.find((r) => r.key === 'activity:eet')!.values['2024']!.percent);
    expect(commentary.some((t) => t.startsWith('Care leavers aged 19 to 21 in education, employment or training (%) (2023/24): Gateshead 45%'))).toBe(true);
    // Suitable accommodation on DfE's base for it (without ACCOM G, H, R), and nothing else on that base.
    const suitable = (await ws['pack.run']({ id: 'care-leavers', options: { basis: 'dfe-19-21-suitability' } })).result;
    expect(suitable.comparators!.series.map((s) => `${s.measure}:${s.rowKey}`)).toEqual(['care-leavers-suitable-19-21:accommodation:suitable']);
    const acc = published('la_care_leavers_accommodation_suitability.csv', (r) => r.care_leaver_age === '19 to 21 years' && r.breakdown === 'Accommodation considered suitable', 'care_leaver_percent', '2024');
    expect(acc).toEqual({ own: '92', england: '88', region: '89' });
    const a = suitable.comparators!.series[0]!.byYear['2024']!;
    expect([text(a.published), text(a.england), text(a.region)]).toEqual([acc.own, acc.england, acc.region]);
    expect(a.own).toBe(suitable.rows.find((r) => r.key === 'accommodation:suitable')!.values['2024']!.percent);
    // How we compare reads the own figure from the same run.
    const own = (await ws['benchmarks.get']({}))!.measures.find((m) => m.id === 'care-leavers-eet-19-21')!.years.find((x) => x.year === 2024)!.own;
    expect(own).toBe(y.own);
    const suitableOwn = (await ws['benchmarks.get']({}))!.measures.find((m) => m.id === 'care-leavers-suitable-19-21')!.years.find((x) => x.year === 2024)!.own;
    expect(suitableOwn).toBe(a.own);
  });

  it('sets missing and starters by legal status beside DfE\'s for the years both have (its files end in 2022)', async () => {
    const r = await ws['workspace.import']({ year: 2022, files: [{ name: '2022', path: join(RETURNS, '2022') }] });
    expect(r.ok).toBe(true);
    const missing = (await ws['pack.run']({ id: 'missing' })).result;
    expect(missing.comparators!.series.map((s) => `${s.measure}:${s.rowKey}`)).toEqual(['missing-percent:children-missing', 'away-percent:children-away']);
    const file = 'la_children_who_were_missing_or_away_from_placement_without_authorisation.csv';
    const m = published(file, (x) => x.cla_group === 'Percentage of children who had a missing incident during the year', 'number', '2022');
    const y = missing.comparators!.series[0]!.byYear['2022']!;
    expect([text(y.published), text(y.england), text(y.region)]).toEqual([m.own, m.england, m.region]);
    expect(y.own).toBe(missing.rows.find((x) => x.key === 'children-missing')!.values['2022']!.percent);
    expect(missing.comparators!.series[0]!.byYear['2023']!.published).toBeNull();

    const starters = (await ws['pack.run']({ id: 'starters-legal-status' })).result;
    const series = starters.comparators!.series;
    expect(series.map((s) => s.rowKey)).toEqual(['C1', 'C2', 'E1', 'V2', 'L1', 'L2', 'L3', 'J1', 'J2', 'J3']);
    const v2 = published('la_cla_who_started_to_be_looked_after.csv', (x) => x.cla_group === 'Legal status' && x.characteristic === 'Voluntary agreement under S20', 'percentage', '2022');
    expect(v2.own).toBe('67');
    const s = series.find((x) => x.rowKey === 'V2')!.byYear['2022']!;
    expect([text(s.published), text(s.england), text(s.region)]).toEqual([v2.own, v2.england, v2.region]);
    // A suppressed published figure stays the symbol DfE printed.
    expect(text(series.find((x) => x.rowKey === 'C2')!.byYear['2022']!.published)).toBe('c');
  });
});
