/**
 * A pack's comparators in its Excel sheet keep the precision the table shows: the neighbours' mean
 * and median to one decimal place even when it is a whole number (105.0, not 105), the own
 * percentage to one, published figures whole.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { comparatorRows, type PackComparators } from '../../../shared/ees/packComparators.js';
import { comparatorsForDocument, writeComparatorsToSheet } from '../../../shared/ees/packComparatorExport.js';
import { wrappedHeight } from '../../../shared/export/workbook.js';

const pub = (num: number) => ({ text: String(num), num });
const COMPARATORS: PackComparators = {
  authority: 'Gateshead',
  region: 'North East',
  group: 'statistical neighbours',
  sampleData: true,
  attribution: 'DfE.',
  series: [
    {
      measure: 'cla-rate',
      label: 'Rate per 10,000',
      unit: 'rate',
      rowKey: 'total',
      byYear: { '2024': { own: 132, published: pub(132), differs: false, england: pub(70), region: pub(113), neighboursMean: 105, neighboursMedian: 104.5 } },
    },
    {
      measure: 'suitable',
      label: 'Suitable accommodation',
      unit: 'percent',
      rowKey: 'suitable',
      byYear: { '2024': { own: 92, published: pub(92), differs: false, england: pub(88), region: pub(89), neighboursMean: 90, neighboursMedian: 89.5 } },
    },
  ],
};

function sheet(): ExcelJS.Worksheet {
  const ws = new ExcelJS.Workbook().addWorksheet('t');
  ws.getColumn(1).width = 40;
  ws.getColumn(2).width = 10;
  writeComparatorsToSheet(ws, 1, COMPARATORS, [2024], String);
  return ws;
}

async function shownInExcel(): Promise<string[][]> {
  const ws = sheet();
  // Each figure as Excel would show it: its number through its number format.
  const out: string[][] = [];
  ws.eachRow((row) => {
    const label = String(row.getCell(1).value ?? '');
    const c = row.getCell(2);
    if (typeof c.value !== 'number') return;
    const fmt = c.numFmt ?? 'General';
    const decimals = /0\.(0+)/.exec(fmt)?.[1]!.length ?? 0;
    const pct = fmt.endsWith('%');
    out.push([label, `${(pct ? c.value * 100 : c.value).toFixed(decimals)}${pct ? '%' : ''}`]);
  });
  return out;
}

describe("comparators in a pack's Excel sheet", () => {
  it('shows every figure at the precision of the table on screen, whole numbers included', async () => {
    const shown = await shownInExcel();
    const onScreen = COMPARATORS.series.flatMap((s) => comparatorRows(COMPARATORS, s).map((r) => [r.label, r.pick(s.byYear['2024']!).text]));
    expect(shown).toEqual(onScreen);
    expect(shown).toContainEqual(['Statistical neighbours (mean)', '105.0']);
    expect(shown).toContainEqual(['Statistical neighbours (mean)', '90.0%']);
    expect(shown).toContainEqual(['Gateshead, from the returns (sample data)', '92.0%']);
  });

  it("keeps a year without a figure as the text '-', with the Text format (the workbook's formula guard), never a number", () => {
    const ws = new ExcelJS.Workbook().addWorksheet('t');
    writeComparatorsToSheet(ws, 1, COMPARATORS, [2023, 2024], String);
    const dashes: ExcelJS.Cell[] = [];
    ws.eachRow((row) => row.eachCell((c) => void (c.value === '-' && dashes.push(c))));
    // 2023 has no figures: one dash for each source of each measure.
    expect(dashes).toHaveLength(COMPARATORS.series.reduce((n, s) => n + comparatorRows(COMPARATORS, s).length, 0));
    for (const c of dashes) expect(c.numFmt, c.address).toBe('@');
  });

  it("wraps a measure's label too long for the first column over lines of its own, instead of cutting it at the years beside it", () => {
    const long = 'Three or more placements during the year (% of children looked after on 31 March)';
    const ws = new ExcelJS.Workbook().addWorksheet('t');
    writeComparatorsToSheet(ws, 1, { ...COMPARATORS, series: [{ ...COMPARATORS.series[0]!, label: long }] }, [2024], String);
    let at = 0;
    ws.eachRow((row, n) => void (row.getCell(1).value === long && (at = n)));
    expect(at).toBeGreaterThan(0);
    expect(ws.getCell(at, 1).alignment).toMatchObject({ wrapText: true });
    // At most 48 units wide (about 55 characters a line): two lines.
    expect(ws.getColumn(1).width).toBeLessThanOrEqual(48);
    expect(ws.getRow(at).height).toBeGreaterThanOrEqual(2 * 13);
  });

  it("widens the first column to the longest label, so 'Gateshead, from the returns (sample data)' is not cut off by its figure", () => {
    const ws = new ExcelJS.Workbook().addWorksheet('t');
    ws.getColumn(1).width = 16;
    writeComparatorsToSheet(ws, 1, COMPARATORS, [2024], String);
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual('Gateshead, from the returns (sample data)'.length);
    // A column already wider is left as the table made it.
    const wide = new ExcelJS.Workbook().addWorksheet('t');
    wide.getColumn(1).width = 60;
    writeComparatorsToSheet(wide, 1, COMPARATORS, [2024], String);
    expect(wide.getColumn(1).width).toBe(60);
  });

  it('wraps the source and the sample-data warning across the table, tall enough for their lines, so they print on its page', () => {
    const ws = sheet();
    const sentences: { text: string; row: number }[] = [];
    ws.eachRow((row, n) => {
      const text = String(row.getCell(1).value ?? '');
      if (text.startsWith('Comparators:') || text.startsWith('Sample data:')) sentences.push({ text, row: n });
    });
    expect(sentences.map((s) => s.text.slice(0, 12))).toEqual(['Sample data:', 'Comparators:']);
    for (const { text, row } of sentences) {
      expect(ws.getCell(row, 1).alignment?.wrapText, text).toBe(true);
      expect(ws.getCell(row, 2).isMerged, text).toBe(true);
      // The columns' 50 units are 355 px; a character of Arial 10 English text averages about 5.6 px, 13 points a line.
      expect(ws.getRow(row).height, text).toBeGreaterThanOrEqual(Math.ceil(text.length / Math.floor(355 / 5.6)) * 13);
    }
  });
  it('gives the sample-data line the height of the lines it takes, not about twice that (no gap under it)', () => {
    // A pack sheet of six years: the line fits on one line across the table.
    const ws = new ExcelJS.Workbook().addWorksheet('t');
    ws.getColumn(1).width = 40;
    const years = [2019, 2020, 2021, 2022, 2023, 2024];
    years.forEach((_, i) => (ws.getColumn(2 + i).width = 10));
    writeComparatorsToSheet(ws, 1, COMPARATORS, years, String);
    let row = 0;
    ws.eachRow((r, n) => void (String(r.getCell(1).value ?? '').startsWith('Sample data:') && (row = n)));
    expect(row).toBeGreaterThan(0);
    expect(ws.getRow(row).height).toBe(wrappedHeight(String(ws.getCell(row, 1).value), 100, 10, true));
    // One line of Arial 10 (13 points) and a little space: a standard row, not two lines' height.
    expect(ws.getRow(row).height).toBeLessThanOrEqual(16);
  });
});

describe("comparators in a pack's Word document", () => {
  async function documentXml(): Promise<string> {
    const { Document, Packer } = await import('docx');
    const JSZip = (await import('jszip')).default;
    const children = comparatorsForDocument(COMPARATORS, [2023, 2024], String);
    const bytes = await Packer.toBuffer(new Document({ sections: [{ children }] }));
    return (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  }

  it('keeps each table whole on a page: no row split by a page break, every row kept with the next but the last', async () => {
    const xml = await documentXml();
    const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((m) => m[1]!);
    expect(tables).toHaveLength(2);
    for (const table of tables) {
      const rows = [...table.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]!);
      // The header and the five sources (own, published, England, region, neighbours' mean and median).
      expect(rows).toHaveLength(1 + comparatorRows(COMPARATORS, COMPARATORS.series[0]!).length);
      for (const row of rows) expect(row).toMatch(/<w:trPr>[\s\S]*<w:cantSplit\/>[\s\S]*<\/w:trPr>/);
      const keptWithNext = rows.map((row) => [...row.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].every((p) => p[1]!.includes('<w:keepNext/>')));
      expect(keptWithNext).toEqual(rows.map((_, k) => k < rows.length - 1));
    }
  });

  it('leaves no space under the figures in a cell (which a page break turned into an empty row) and no row without text', async () => {
    const xml = await documentXml();
    for (const table of xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!) {
      for (const p of table.match(/<w:p>[\s\S]*?<\/w:p>/g)!) expect(p).toMatch(/<w:spacing w:(before="0" w:after="0"|after="0" w:before="0")\/>/);
      for (const row of table.match(/<w:tr>[\s\S]*?<\/w:tr>/g)!) expect(row).toMatch(/<w:t[^>]*>[^<]+<\/w:t>/);
    }
  });
});
