/**
 * Which rows and years a pack's chart draws. The table shows every row and year; a chart that
 * mixed levels (a group and its parts, a base and its shares) would mislead, and one with 70 bars
 * cannot be read, so the chart draws a chosen part and says so in its caption and alt text.
 */
import { categoryRows } from '../packs/categories.js';
import { chartableResult } from '../packs/history.js';
import { totalRowLabel, type CellValue, type PackResult, type PackRow } from '../packs/result.js';
import type { ChartKind } from './types.js';
import { fromFirstFigures } from '../packs/yearOnYear.js';

/**
 * The rows worth drawing (the same choice as the app's charts): the table's categories (see
 * categoryRows: never a base or a caveat row, one level of groups); a 100% stack keeps only rows
 * that together make up no more than the year's total.
 */
export function chartRows(result: PackResult, kind: ChartKind): PackRow[] {
  // A breakdown (a cross-table) draws the figure it splits (the total, or its first row) by category.
  const only = result.breakdown ? new Set(result.breakdown.chartKeys) : null;
  const rows = only ? result.rows.filter((r) => only.has(r.key)) : categoryRows(result);
  // A local pack counted without a breakdown has only its total ("All escalations" by month): the
  // chart draws that, rather than an empty plot.
  if (rows.length === 0 && result.local) {
    const label = totalRowLabel(result);
    if (label !== null) return [{ key: TOTAL_ROW_KEY, label, group: null, values: result.total }];
  }
  return kind === 'stacked-100' ? partitionOfTotal(result, rows) : rows;
}

/** The key of the total drawn as a row (as the table model keys its total row). */
const TOTAL_ROW_KEY = '__total';

/** Rows, in order, whose counts add up to no more than the total in every year where all are known. */
function partitionOfTotal(result: PackResult, rows: PackRow[]): PackRow[] {
  const kept: PackRow[] = [];
  for (const row of rows) {
    const fits = result.years.every((y) => {
      const total = result.total[y]?.count;
      const counts = [...kept, row].map((r) => r.values[y]?.count);
      if (typeof total !== 'number' || counts.some((c) => typeof c !== 'number')) return true;
      return (counts as number[]).reduce((a, b) => a + b, 0) <= total;
    });
    if (fits) kept.push(row);
  }
  return kept;
}

/** One figure besides the count (a local pack's measure) as its own small chart: its rows, label and unit. */
export interface FigurePanel {
  /** The measure's label: "Average days from raised to resolved". */
  title: string;
  /** Its unit, for the value axis: "days", "hours". */
  unit: string;
  /** The figure of each category, then of every row ("All escalations"). */
  rows: PackRow[];
}

/**
 * The figures a pack carries besides its counts, one panel each: they are on another scale (days,
 * hours) than the counts, so each gets a chart and value axis of its own. None for built-in packs.
 */
export function figurePanels(result: PackResult): FigurePanel[] {
  const labels = result.local?.measures ?? [];
  return labels
    .map((title, i) => ({ title, unit: result.local?.measureUnits?.[i] ?? '', rows: result.rows.filter((r) => r.role === 'measure' && r.group === title) }))
    .filter((p) => p.rows.length > 0);
}

/** A figure's value as a chart draws it: null (a gap) where it is suppressed or there is none. */
export function figureValue(cell: CellValue | undefined): number | null {
  if (!cell || cell.suppressed) return null;
  return typeof cell.value === 'number' ? cell.value : null;
}

/**
 * A row's share (%) of the year in a 100% stacked bar: the pack's own percentage where it gives one
 * (of the year's whole total, so what suppression hid stays out of the other rows' shares), else its
 * count over the counts shown; null where it is suppressed or has no figure.
 */
export function stackShare(rows: readonly PackRow[], row: PackRow, year: number): number | null {
  const shown = (c: CellValue | undefined) => (c && !c.suppressed && typeof c.count === 'number' ? c.count : null);
  const c = row.values[year];
  if (!c || c.suppressed) return null;
  if (typeof c.percent === 'number') return c.percent;
  const sum = rows.reduce((total, r) => total + (shown(r.values[year]) ?? 0), 0);
  const v = shown(c);
  return v === null || sum === 0 ? null : Math.round((1000 * v) / sum) / 10;
}

/** What suppression hid in a year's 100% stacked bar (%, drawn as its own segment): 0 when nothing was hidden. */
export function stackHidden(rows: readonly PackRow[], year: number): number {
  if (!rows.some((r) => r.values[year]?.suppressed)) return 0;
  const used = rows.reduce((total, r) => total + Math.max(0, stackShare(rows, r, year) ?? 0), 0);
  const hidden = Math.round((100 - used) * 10) / 10;
  return hidden > 0.05 ? hidden : 0;
}

/**
 * What a gap in a chart is, said with it (a drawn chart shows a suppressed figure as no bar or no
 * point, which could be read as 0): null when nothing is left out. A 100% stacked bar draws each
 * row at its share of the year's whole total and what suppression hid as a grey "Suppressed (c)"
 * segment of its own (stackHidden; `hiddenSegment`), so it says that instead; only where no such
 * segment is drawn (shares worked out from the counts shown) are its shares of the figures drawn.
 */
export function chartGapSentence(kind: ChartKind, gaps: { suppressed: boolean; none: boolean; hiddenSegment?: boolean }): string | null {
  const what = [...(gaps.suppressed ? ['a suppressed figure (c)'] : []), ...(gaps.none ? ['no figure (–)'] : [])].join(' or ');
  if (!what) return null;
  if (kind === 'line') return `A gap in a line is ${what}, not 0.`;
  if (kind === 'stacked-100') {
    if (gaps.suppressed && !gaps.hiddenSegment) return `A year's bar leaves out ${what}: its shares are of the figures drawn.`;
    const parts = [...(gaps.suppressed ? [`what is suppressed (c) is the grey segment "${HIDDEN_SEGMENT_LABEL}"`] : []), ...(gaps.none ? ['a row with no figure (–) has no segment'] : [])];
    return `Each bar's shares are of the year's whole total: ${parts.join('; ')}.`;
  }
  return `A missing bar is ${what}, not 0.`;
}

/** The name of a 100% stacked bar's segment for what suppression hid, in every chart and key. */
export const HIDDEN_SEGMENT_LABEL = 'Suppressed (c)';

/** What a 100% stacked chart of these rows and years leaves as gaps, for chartGapSentence. */
export function stackGaps(rows: readonly PackRow[], years: readonly (number | string)[]): { suppressed: boolean; none: boolean; hiddenSegment: boolean } {
  const cells = rows.flatMap((r) => years.map((y) => r.values[String(y)]));
  return {
    suppressed: cells.some((c) => c?.suppressed),
    none: rows.some((r) => years.some((y) => !r.values[String(y)]?.suppressed && stackShare(rows, r, Number(y)) === null)),
    hiddenSegment: years.some((y) => stackHidden(rows, Number(y)) > 0),
  };
}

/** Bars a grouped bar chart may draw before it stops being readable on a printed page. */
export const MAX_BARS = 36;
/** Years a grouped bar chart compares at most: the latest ones (the table has them all). */
export const MAX_BAR_YEARS = 3;

/**
 * The years a chart draws, oldest first. Lines and 100% stacks have the years along the axis and
 * draw them all; grouped bars draw the latest few (at most MAX_BAR_YEARS, fewer when the
 * categories are many) so that every bar stays wide enough to read.
 */
export function chartYears(years: number[], kind: ChartKind, categories: number, maxYears = MAX_BAR_YEARS): number[] {
  const sorted = [...years].sort((a, b) => a - b);
  if (kind !== 'grouped-bar') return sorted;
  const keep = Math.max(1, Math.min(maxYears, Math.floor(MAX_BARS / Math.max(1, categories))));
  return sorted.slice(-keep);
}

/**
 * What a pack's chart draws: the figures it may draw (chartableResult), their rows and years (from
 * the first with figures: not the years before a file was collected), and the years something was
 * left out of.
 */
export interface ChartSelection {
  result: PackResult;
  rows: PackRow[];
  years: number[];
  left: number[];
}

/** The one choice of what a chart draws, for the SVG chart, the chart data beside it and Excel's own chart. */
export function chartSelection(input: { result: PackResult; chart: ChartKind; includeIncompleteHistory?: boolean }, maxYears?: number): ChartSelection {
  const trimmed = input.includeIncompleteHistory ? { result: input.result, left: [] } : chartableResult(input.result, input.chart);
  const rows = chartRows(trimmed.result, input.chart);
  const years = fromFirstFigures(trimmed.result, trimmed.result.years);
  return { result: trimmed.result, rows, years: chartYears(years, input.chart, rows.length, maxYears), left: trimmed.left };
}
