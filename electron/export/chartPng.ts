/**
 * SVG charts to PNG with resvg (a native Node-API addon from npm's optional platform packages;
 * nothing is downloaded at install or run time). resvg draws text only with fonts it can find, so
 * it loads the system's fonts and falls back to an Arial-metric family where Arial is missing.
 */
import { Resvg } from '@resvg/resvg-js';
import { renderChartSvg, type ChartOptions } from '../../shared/export/chartSvg.js';
import type { ExportTable } from '../../shared/export/types.js';

/** Tried in order by the SVG's font-family; this is the family used when none of those is found. */
export const FALLBACK_FONT = 'Liberation Sans';

export interface PngOptions {
  /** Pixels per SVG unit: 2 gives sharp images in Word and Excel at their printed size. */
  scale?: number;
}

export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  const scale = options.scale ?? 2;
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: {
      loadSystemFonts: true,
      defaultFontFamily: FALLBACK_FONT,
      sansSerifFamily: FALLBACK_FONT,
    },
  });
  return new Uint8Array(resvg.render().asPng());
}

/** The chart of a pack as PNG bytes, plus its text summary for alt text. */
export function chartPng(table: Pick<ExportTable, 'result' | 'chart' | 'timing'>, options: ChartOptions & PngOptions = {}): { png: Uint8Array; summary: string } {
  const chart = renderChartSvg(table, options);
  return { png: svgToPng(chart.svg, options), summary: chart.summary };
}

/** Gives every table without a chart image (the app passes Plotly PNGs) one drawn here. */
export function withCharts(tables: ExportTable[], options: ChartOptions & PngOptions = {}): ExportTable[] {
  return tables.map((t) => {
    if (t.chartPng) return t;
    const { png, summary } = chartPng(t, options);
    return { ...t, chartPng: png, chartAlt: t.chartAlt ?? summary };
  });
}
