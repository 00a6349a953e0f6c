/**
 * The CLI's exports of real (sample) data: the workbook and document of every pack, and one pack's
 * chart as SVG or PNG for slides.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli.js';
import { pngSize } from '../../shared/export/model.js';
import { listPacks } from '../../shared/packs/run.js';

const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;
let workspace: string;

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') }).catch((e: unknown) => {
    err += e instanceof Error ? e.message : String(e);
    return 1;
  });
  return { code, out, err };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iro-export-cli-'));
  workspace = join(dir, 'w.duckdb');
  for (const year of ['2023', '2024']) {
    const r = await cli('import', '--workspace', workspace, '--year', year, join(ROOT, 'sample-data', 'returns', year));
    expect(r.code, r.err).toBe(0);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('export from the command line', () => {
  it('writes a workbook of every pack, suppressed, with a chart on each sheet', async () => {
    const out = join(dir, 'report.xlsx');
    const r = await cli('export', '--workspace', workspace, '--out', out, '--suppress', '5');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).packs).toHaveLength(listPacks().length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets).toHaveLength(listPacks().length + 2);
    const table = listPacks().findIndex((p) => p.id === 'age') + 1;
    const age = wb.worksheets[table]!;
    expect(age.getCell('A1').value).toBe(`Table ${table}: Age of children looked after`);
    expect(age.getImages()).toHaveLength(1);
    // Suppression: the legend is there and some small count shows as c.
    const texts: unknown[] = [];
    for (const ws of wb.worksheets.slice(1, -1)) ws.eachRow((row) => row.eachCell((c) => texts.push(c.value)));
    expect(texts).toContain('c');
    expect(texts.some((t) => typeof t === 'string' && t.startsWith('c = suppressed to protect confidentiality: a count from 1 to 5'))).toBe(true);
  });

  it('breaks packs down from the command line: a pack as JSON, and a workbook whose sheets are the cross-tables', async () => {
    const r = await cli('pack', 'starters', '--workspace', workspace, '--by', 'gender', '--suppress', '5');
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as { title: string; rows: { key: string; values: Record<string, { count?: number | null }> }[] };
    expect(json.title).toBe('Children who started to be looked after, by gender');
    const count = (key: string) => json.rows.find((x) => x.key === key)!.values['2024']!.count!;
    expect(count('__all|male') + count('__all|female')).toBe(count('__all'));
    const out = join(dir, 'by-gender.xlsx');
    const x = await cli('export', '--workspace', workspace, '--out', out, '--packs', 'starters,category-of-need', '--by', 'gender');
    expect(x.code, x.err).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[2]!.getCell('A1').value).toBe('Table 2: Category of need of children looked after, by gender');
    expect((await cli('pack', 'age', '--workspace', workspace, '--by', 'postcode')).err).toMatch(/broken down by one of: none, gender/);
  });

  it('writes a Word document with one caption per pack', async () => {
    const out = join(dir, 'report.docx');
    const r = await cli('export', '--workspace', workspace, '--out', out, '--packs', 'age,legal-status');
    expect(r.code, r.err).toBe(0);
    const xml = await (await JSZip.loadAsync(readFileSync(out))).file('word/document.xml')!.async('string');
    expect(xml).toContain('Table 1: Age of children looked after');
    expect(xml).toContain('Figure 2: Legal status of children looked after, 31 March 2023 to 31 March 2024');
  });

  it("writes one pack's chart as SVG or PNG", async () => {
    const svgPath = join(dir, 'chart-age.svg');
    expect((await cli('export', '--workspace', workspace, '--out', svgPath, '--packs', 'age')).code).toBe(0);
    const svg = readFileSync(svgPath, 'utf8');
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<title id="chart-age-title">Age of children looked after</title>');
    expect(svg).toContain('>31 March 2024</text>');

    const pngPath = join(dir, 'chart-age.png');
    const r = await cli('export', '--workspace', workspace, '--out', pngPath, '--packs', 'age');
    expect(r.code, r.err).toBe(0);
    expect(pngSize(new Uint8Array(readFileSync(pngPath)))).toMatchObject({ width: 1360 });
  });

  it('refuses a chart file without exactly one pack', async () => {
    const r = await cli('export', '--workspace', workspace, '--out', join(dir, 'chart.svg'));
    expect(r.code).not.toBe(0);
    expect(r.err).toContain("A chart file holds one pack's chart");
  });
});

describe('export without charts', () => {
  it('leaves every chart out of the workbook and the document when asked to', async () => {
    const { openAppWorkspace } = await import('../../electron/workspace/appWorkspace.js');
    const ws = await openAppWorkspace({ path: workspace });
    try {
      const xlsx = await ws['export.xlsx']({ packs: ['age', 'legal-status'], includeCharts: false });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.data as unknown as ExcelJS.Buffer);
      expect(wb.worksheets.map((s) => s.getImages().length)).toEqual(wb.worksheets.map(() => 0));
      const docx = await ws['export.docx']({ packs: ['age', 'legal-status'], includeCharts: false });
      const media = Object.keys((await JSZip.loadAsync(docx.data)).files).filter((f) => f.startsWith('word/media/'));
      expect(media).toEqual([]);
      // ...and with charts (the default) both have one per pack.
      const withCharts = await ws['export.docx']({ packs: ['age', 'legal-status'] });
      expect(Object.keys((await JSZip.loadAsync(withCharts.data)).files).filter((f) => f.startsWith('word/media/'))).toHaveLength(2);
    } finally {
      await ws.close();
    }
  });
});
