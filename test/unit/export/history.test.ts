/**
 * Figures marked as depending on missing history (u) keep the mark, and its legend, in every
 * export: the table model, Excel (a number with a "u" number format), Word and the clipboard.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { tableToHtml, tableToTsv } from '../../../shared/export/clipboard.js';
import { buildDocument } from '../../../shared/export/document.js';
import { buildTableModel, displayText, generalNotes, plainText, tableLegend } from '../../../shared/export/model.js';
import type { ExportTable } from '../../../shared/export/types.js';
import { buildWorkbook, withSymbol } from '../../../shared/export/workbook.js';
import { renderChartSvg } from '../../../shared/export/chartSvg.js';
import { chartableResult, HISTORY_LEGEND } from '../../../shared/packs/history.js';
import { packResultToCsv } from '../../../shared/packs/csv.js';
import { buildPackChart } from '../../../renderer/src/lib/packChart.js';
import { META, TIMELINESS_TABLE } from './fixtures.js';

/** Review timeliness whose first year rests on missing history: 2022 marked (a suppressed cell too), 2023 not. */
const MARKED: ExportTable = {
  ...TIMELINESS_TABLE,
  result: {
    ...TIMELINESS_TABLE.result,
    rows: [
      {
        key: 'on-time',
        label: 'On time',
        group: null,
        values: { 2022: { count: 600, percent: 37.5, history: { share: 60.9 } }, 2023: { count: 1512, percent: 92.7 } },
      },
      { key: 'late', label: 'Late', group: null, values: { 2022: { count: null, percent: null, suppressed: true, history: {} }, 2023: { count: 119, percent: 7.3 } } },
    ],
  },
};

describe('the table model', () => {
  const model = buildTableModel(MARKED);
  const row = model.rows.find((r) => r.key === 'on-time')!;
  const at = (role: string, year: number) => row.cells[model.columns.findIndex((c) => c.role === role && c.year === year)]!;

  it('marks the figures of a marked cell and the changes made from them; suppression wins for a suppressed one', () => {
    expect(displayText(at('count', 2022))).toBe('600 u');
    expect(displayText(at('percent', 2022))).toBe('37.5% u');
    expect(displayText(at('count', 2023))).toBe('1,512');
    expect(displayText(at('change-count', 2023))).toBe('+912 u');
    expect(displayText(at('change-points', 2023))).toBe('+55.2 u');
    const late = model.rows.find((r) => r.key === 'late')!;
    expect(displayText(late.cells[0]!)).toBe('c');
    expect(plainText(at('percent', 2022))).toBe('37.5 u');
  });

  it('adds the legend to the table and to the general notes only when a figure is marked', () => {
    expect(model.hasLowReliability).toBe(true);
    expect(tableLegend(model, META)).toContain(HISTORY_LEGEND);
    expect(generalNotes(META, [model])).toContain(HISTORY_LEGEND);
    const plain = buildTableModel(TIMELINESS_TABLE);
    expect(plain.hasLowReliability).toBe(false);
    expect(tableLegend(plain, META)).not.toContain(HISTORY_LEGEND);
  });
});

describe('exports', () => {
  it('Excel keeps the figure a number, shown with u by its number format, and says what u means', async () => {
    expect(withSymbol('+0.0;-0.0;0.0', 'u')).toBe('+0.0" u";-0.0" u";0.0" u"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildWorkbook([MARKED], META)) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[1]!;
    const cells: ExcelJS.Cell[] = [];
    ws.eachRow((r) => r.eachCell((c) => cells.push(c)));
    const pct = cells.find((c) => c.value === 0.375)!;
    expect(pct.numFmt).toBe('0.0%" u"');
    expect(cells.find((c) => c.value === 1512)!.numFmt).toBe('#,##0');
    const text = cells.map((c) => String(c.value ?? '')).join('\n');
    expect(text).toContain(HISTORY_LEGEND);
  });

  it('Word shows "37.5% u" and the legend', async () => {
    const zip = await JSZip.loadAsync(await buildDocument([MARKED], META));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('37.5% u');
    expect(xml).toContain(HISTORY_LEGEND.slice(0, 60));
  });

  it('the clipboard keeps the mark and the legend in HTML and TSV', () => {
    const html = tableToHtml(MARKED);
    expect(html).toContain('37.5% u');
    expect(html).toContain('u = incomplete history');
    const tsv = tableToTsv(MARKED);
    expect(tsv).toContain('\t37.5 u\t');
    expect(tsv.trimEnd().split('\r\n').at(-1)).toBe(HISTORY_LEGEND);
  });
});

describe('charts', () => {
  it('leave out marked figures by default, say so, and draw them when asked', () => {
    // Grouped bars: 2021/22 has only marked (or suppressed and marked) figures, so the year goes.
    const bars = renderChartSvg(MARKED);
    expect(bars.years).toEqual([2023]);
    expect(bars.summary).toContain('Figures marked u (incomplete history) are not drawn: 2021/22.');
    expect(bars.svg).toContain('Figures marked u (incomplete history) are not drawn: 2021/22.');
    expect(renderChartSvg({ ...MARKED, includeIncompleteHistory: true }).years).toEqual([2022, 2023]);
  });

  it('a line leaves a gap for a marked figure only; a 100% stack leaves out the whole year', () => {
    const oneMarked: ExportTable = {
      ...TIMELINESS_TABLE,
      result: {
        ...TIMELINESS_TABLE.result,
        rows: TIMELINESS_TABLE.result.rows.map((r) =>
          r.key === 'late' ? { ...r, values: { ...r.values, 2022: { ...r.values[2022]!, history: { affected: 10, share: 7 } } } } : r,
        ),
      },
    };
    const line = chartableResult(oneMarked.result, 'line').result;
    expect(line.years).toEqual([2022, 2023]);
    expect(line.rows.find((r) => r.key === 'late')!.values[2022]).toBeUndefined();
    expect(line.rows.find((r) => r.key === 'on-time')!.values[2022]).toEqual({ count: 1467, percent: 91.7 });
    expect(chartableResult(oneMarked.result, 'stacked-100').result.years).toEqual([2023]);
    expect(renderChartSvg({ ...oneMarked, chart: 'stacked-100' }).years).toEqual([2023]);
  });

  it('the app chart leaves them out too, unless shown', () => {
    const summary = { id: 'review-timeliness', title: 'Timeliness of reviews', section: 'Reviews', timing: 'flow', chart: 'grouped-bar' } as const;
    const chart = buildPackChart(MARKED.result, summary, 'count', [2022, 2023]);
    expect(chart.drawn.years).toEqual([2023]);
    expect(chart.data.map((d) => d.name)).toEqual(['2022/23']);
    expect(chart.summary).toContain('not drawn: 2021/22');
    expect(buildPackChart(MARKED.result, summary, 'count', [2022, 2023], true).data).toHaveLength(2);
  });
});

describe('CSV (command line)', () => {
  it('adds a u column per year, with the share or u, only when a figure is marked', () => {
    const lines = packResultToCsv(MARKED.result).split('\r\n');
    expect(lines[0]).toBe('key,label,group,2022 count,2022 percent,2022 u,2023 count,2023 percent,2023 u');
    expect(lines[1]).toBe('on-time,On time,,600,37.5,60.9,1512,92.7,');
    expect(lines[2]).toBe('late,Late,,c,c,u,119,7.3,');
    expect(packResultToCsv(TIMELINESS_TABLE.result).split('\r\n')[0]).toBe('key,label,group,2022 count,2022 percent,2023 count,2023 percent');
  });
});
