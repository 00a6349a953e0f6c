/**
 * SVG charts to PNG with resvg (a native Node-API addon from npm's optional platform packages;
 * nothing is downloaded at install or run time). resvg draws text only with fonts it is given.
 * Loading every system font costs 20-70 ms per chart, so the two files the charts use (Arial
 * regular and bold, else its metric twin Liberation Sans, else DejaVu Sans) are found once and
 * passed by path; only when none is found does resvg scan all the system's fonts. An export's
 * charts are drawn on worker threads (pngPool.ts).
 */
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { renderChartSvg, type ChartOptions } from '../../shared/export/chartSvg.js';
import type { ExportTable } from '../../shared/export/types.js';
import { pngsOnWorkers } from './pngPool.js';

/** Tried in order by the SVG's font-family; this is the family used when none of those is found. */
export const FALLBACK_FONT = 'Liberation Sans';

/** The families the charts ask for, best first, each as its regular and bold files. */
const FONT_FAMILIES: RegExp[] = [
  /^(arial|arialbd|arial bold)\.(ttf|otf)$/i, // Windows, macOS
  /^liberationsans-(regular|bold)\.(ttf|otf)$/i, // Linux: Arial's metric twin
  /^dejavusans(-bold)?\.(ttf|otf)$/i, // Linux: almost always there
];

/** Where the operating systems keep fonts. */
export function fontDirs(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  const home = homedir();
  if (platform === 'win32') {
    const windir = env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows';
    return [join(windir, 'Fonts'), ...(env.LOCALAPPDATA ? [join(env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts')] : [])];
  }
  if (platform === 'darwin') return ['/System/Library/Fonts/Supplemental', '/System/Library/Fonts', '/Library/Fonts', join(home, 'Library', 'Fonts')];
  return ['/usr/share/fonts', '/usr/local/share/fonts', join(home, '.local', 'share', 'fonts'), join(home, '.fonts')];
}

/**
 * The font files of the first family found under the given folders (searched three levels deep),
 * one file per name: a regular and a bold face are all the charts use.
 */
export function findChartFonts(dirs: string[] = fontDirs()): string[] {
  const files: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // a folder that is not there, or not readable
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory() && depth < 3) walk(path, depth + 1);
      else if (e.isFile() || e.isSymbolicLink()) files.push(path);
    }
  };
  for (const dir of dirs) walk(dir, 0);
  for (const family of FONT_FAMILIES) {
    const byName = new Map<string, string>();
    for (const path of files) {
      const name = basename(path).toLowerCase();
      if (family.test(name) && !byName.has(name)) byName.set(name, path);
    }
    if (byName.size > 0) return [...byName.values()];
  }
  return [];
}

let fontFiles: string[] | null = null;

/** resvg's font options: the chart fonts by path, found on first use; all system fonts if none is found. */
function fontOptions() {
  fontFiles ??= findChartFonts();
  return {
    fontFiles,
    loadSystemFonts: fontFiles.length === 0,
    defaultFontFamily: FALLBACK_FONT,
    sansSerifFamily: FALLBACK_FONT,
  };
}

export interface PngOptions {
  /** Pixels per SVG unit: 2 gives sharp images in Word and Excel at their printed size. */
  scale?: number;
}

/** resvg's options (plain data, so workers can be given them too). */
function resvgOptions(options: PngOptions) {
  return { fitTo: { mode: 'zoom' as const, value: options.scale ?? 2 }, background: '#ffffff', font: fontOptions() };
}

export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  return new Uint8Array(new Resvg(svg, resvgOptions(options)).render().asPng());
}

/**
 * PNGs drawn in this process, by scale and SVG, the newest DRAWN_KEPT (about 100 KB each): an export
 * made again (after viewing the packs, Word after Excel, the same tables with other options) draws
 * only the charts that changed. Drawing is most of an export's time at an authority's scale.
 */
const drawnPngs = new Map<string, Uint8Array>();
const DRAWN_KEPT = 64;

/** Many SVGs to PNGs, in order: those not drawn already, on worker threads when it is worth it, else one by one here. */
export async function svgsToPngs(svgs: string[], options: PngOptions & { threads?: number } = {}): Promise<Uint8Array[]> {
  const keyOf = (svg: string) => `${options.scale ?? 2}\n${svg}`;
  const todo = [...new Set(svgs.filter((svg) => !drawnPngs.has(keyOf(svg))))];
  const pooled = todo.length >= 4 ? await pngsOnWorkers(todo, resvgOptions(options), options.threads) : null;
  const drawn = new Map(todo.map((svg, i) => [svg, pooled?.[i] ?? svgToPng(svg, options)]));
  const pngs = svgs.map((svg) => {
    const key = keyOf(svg);
    const png = drawn.get(svg) ?? drawnPngs.get(key)!;
    drawnPngs.delete(key); // re-added as the newest
    drawnPngs.set(key, png);
    return png.slice(); // the caller's own copy: the kept one is never handed out (or transferred away)
  });
  for (const key of drawnPngs.keys()) {
    if (drawnPngs.size <= DRAWN_KEPT) break;
    drawnPngs.delete(key);
  }
  return pngs;
}

/** The chart of a pack as PNG bytes, plus its text summary for alt text. */
export function chartPng(table: Pick<ExportTable, 'result' | 'chart' | 'timing'>, options: ChartOptions & PngOptions = {}): { png: Uint8Array; summary: string; years: number[] } {
  const chart = renderChartSvg(table, options);
  return { png: svgToPng(chart.svg, options), summary: chart.summary, years: chart.years };
}

/**
 * Gives every table without a chart image one drawn here: of the years it names (chartYears: the
 * range on screen of a pack exported from the Packs page), else of all its years.
 */
export async function withCharts(tables: ExportTable[], options: ChartOptions & PngOptions & { threads?: number } = {}): Promise<ExportTable[]> {
  const missing = tables.filter((t) => !t.chartPng);
  const ofYears = (t: ExportTable): ExportTable => (t.chartYears ? { ...t, result: { ...t.result, years: t.result.years.filter((y) => t.chartYears!.includes(y)) } } : t);
  const charts = missing.map((t) => renderChartSvg(ofYears(t), options));
  const pngs = await svgsToPngs(charts.map((c) => c.svg), options);
  const drawn = new Map(missing.map((t, i) => [t, { png: pngs[i]!, chart: charts[i]! }]));
  return tables.map((t) => {
    const d = drawn.get(t);
    return d ? { ...t, chartPng: d.png, chartAlt: t.chartAlt ?? d.chart.summary, chartYears: d.chart.years } : t;
  });
}

/** A pack's chart on its own, for slides: SVG text (UTF-8) or PNG bytes, by the file's extension. */
export function chartFile(table: Pick<ExportTable, 'result' | 'chart' | 'timing'>, format: 'svg' | 'png', options: ChartOptions & PngOptions = {}): Uint8Array {
  const chart = renderChartSvg(table, options);
  return format === 'svg' ? new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>\n${chart.svg}\n`) : svgToPng(chart.svg, options);
}
