/**
 * A pack's comparators in its Excel sheet keep the precision the table shows: the neighbours' mean
 * and median to one decimal place even when it is a whole number (105.0, not 105), the own
 * percentage to one, published figures whole.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { comparatorRows, type PackComparators } from '../../../shared/ees/packComparators.js';
import { writeComparatorsToSheet } from '../../../shared/ees/packComparatorExport.js';

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
      // 50 characters of the columns' width to a line, about 13 points a line.
      expect(ws.getRow(row).height, text).toBeGreaterThanOrEqual(Math.ceil(text.length / 50) * 13);
    }
  });
});
