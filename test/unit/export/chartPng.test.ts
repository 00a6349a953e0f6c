import { describe, expect, it } from 'vitest';
import { chartPng, FALLBACK_FONT, findChartFonts, svgToPng, withCharts } from '../../../electron/export/chartPng.js';
import { pngsOnWorkers } from '../../../electron/export/pngPool.js';
import { renderChartSvg } from '../../../shared/export/chartSvg.js';
import { pngSize } from '../../../shared/export/model.js';
import { AGE_TABLE, CLA_TABLE, ETHNICITY_TABLE, SDQ_TABLE, TIMELINESS_TABLE } from './fixtures.js';

const svg = (body: string, font = 'Arial') =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" font-family="${font}"><rect width="200" height="60" fill="#fff"/>${body}</svg>`;

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

describe('chart PNGs (resvg)', () => {
  it('renders a pack chart at twice its SVG size by default', () => {
    const chart = renderChartSvg(AGE_TABLE);
    const { png, summary } = chartPng(AGE_TABLE);
    expect(pngSize(png)).toEqual({ width: 2 * chart.width, height: 2 * chart.height });
    expect(chart.width).toBe(680);
    expect(chart.height).toBeGreaterThan(300);
    expect(summary).toBe(chart.summary);
    expect(pngSize(chartPng(CLA_TABLE, { scale: 1 }).png)).toEqual({ width: 680, height: renderChartSvg(CLA_TABLE).height });
  });

  it('finds a font for the text (a missing font would draw nothing)', () => {
    const blank = svgToPng(svg(''));
    expect(same(svgToPng(svg('<text x="10" y="40" font-size="24">31 March 2023</text>')), blank)).toBe(false);
    // An unknown family falls back rather than dropping the text.
    expect(same(svgToPng(svg('<text x="10" y="40" font-size="24">2022/23</text>', 'No Such Font')), blank)).toBe(false);
  });

  it('fills in charts only where the app gave none', async () => {
    const given = new Uint8Array([1, 2, 3]);
    const [a, b] = await withCharts([{ ...AGE_TABLE, chartPng: given }, CLA_TABLE], { scale: 1 });
    expect(a!.chartPng).toBe(given);
    expect(pngSize(b!.chartPng!)).toEqual({ width: 680, height: renderChartSvg(CLA_TABLE).height });
    expect(b!.chartAlt).toBe(renderChartSvg(CLA_TABLE).summary);
    expect(b!.chartYears).toEqual(CLA_TABLE.result.years);
  });

  it('draws a chart of only the years asked for (a pack exported from the Packs page: the range on screen)', async () => {
    const years = CLA_TABLE.result.years.slice(-2);
    const [t] = await withCharts([{ ...CLA_TABLE, chartYears: years }], { scale: 1 });
    const only = { ...CLA_TABLE, result: { ...CLA_TABLE.result, years } };
    expect(t!.chartYears).toEqual(years);
    expect(t!.chartAlt).toBe(renderChartSvg(only).summary);
    expect(t!.chartPng).toEqual(svgToPng(renderChartSvg(only).svg, { scale: 1 }));
    // The table keeps every year.
    expect(t!.result.years).toEqual(CLA_TABLE.result.years);
  });

  it('draws many charts on worker threads, each the same as drawn here, in order', async () => {
    const tables = [AGE_TABLE, CLA_TABLE, ETHNICITY_TABLE, SDQ_TABLE, TIMELINESS_TABLE];
    const here = tables.map((t) => chartPng(t, { scale: 1 }).png);
    const pooled = await pngsOnWorkers(
      tables.map((t) => renderChartSvg(t).svg),
      { fitTo: { mode: 'zoom', value: 1 }, background: '#ffffff', font: { fontFiles: findChartFonts(), loadSystemFonts: findChartFonts().length === 0, defaultFontFamily: FALLBACK_FONT, sansSerifFamily: FALLBACK_FONT } },
      2,
    );
    expect(pooled).not.toBeNull();
    expect(pooled!.map((p, i) => same(p, here[i]!))).toEqual([true, true, true, true, true]);
    // And through withCharts, whichever way it draws them.
    const drawn = await withCharts(tables, { scale: 1 });
    expect(drawn.map((t, i) => same(t.chartPng!, here[i]!))).toEqual([true, true, true, true, true]);
  });

  it('finds the chart fonts once, by path: a regular and a bold face of one family', () => {
    const files = findChartFonts();
    // This machine has Liberation Sans or DejaVu Sans (or Arial); none at all would fall back to the system scan.
    expect(files.length).toBeGreaterThanOrEqual(1);
    expect(files.length).toBeLessThanOrEqual(2);
    expect(findChartFonts(['/no/such/folder'])).toEqual([]);
  });
});
