/**
 * The year-on-year chart of a pack, as Plotly data + layout, plus a text alternative.
 * grouped-bar: categories along the axis, one bar per year; line: years along the axis, one line
 * per row; stacked-100: years along the axis, each bar the 100% split of the rows.
 * Colour is never the only cue (WCAG 1.4.1): lines differ by dash and marker, stacked segments and
 * the years' bars by pattern (as the exported charts), and a bar not drawn is explained in the
 * caption (c, –); the table holds the same figures.
 */
import type { Data, Layout } from 'plotly.js-dist-min';
import type { PackSummary } from '../../../shared/api.js';
import { percentSuppressed, type CellValue, type PackResult, type PackRow } from '../../../shared/packs/result.js';
// Which rows a chart draws is decided once, in shared/, for the app and the exports alike.
import { chartGapSentence, chartRows, figurePanels, figureValue, HIDDEN_SEGMENT_LABEL, stackGaps, stackHidden, stackShare } from '../../../shared/export/chartRows.js';
import type { ChartKind } from '../../../shared/export/types.js';
import { formatCount, formatInteger, yearLabel } from './format.js';
import { formatDecimal, formatPercentValue } from '../../../shared/format.js';
import { atPeriod, certainLeaders, leadersOf } from '../../../shared/packs/commentary.js';
import { certainPartLeaders } from '../../../shared/packs/breakdownCommentary.js';
import { chartLeftOutNote, chartableResult, reliableYears } from '../../../shared/packs/history.js';
import { fromFirstFigures } from '../../../shared/packs/yearOnYear.js';
import { labelInSentence } from '../../../shared/packs/breakdown.js';
import { packHasPercent, type Measure } from './packTable.js';
import type { ChartLook } from '../../../shared/export/chartSvg.js';
import { DEFAULT_HOUSE_STYLE } from '../../../shared/export/houseStyle.js';

/** The Government Analysis Function's accessible categorical palette, then darker/lighter kin. */
export const PALETTE = ['#12436D', '#28A197', '#801650', '#F46A25', '#3D3D3D', '#A285D1', '#2073BC', '#6BACE6', '#BA2D6E', '#0F7A52'];
const DASHES = ['solid', 'dash', 'dot', 'dashdot', 'longdash', 'longdashdot'] as const;
const SYMBOLS = ['circle', 'square', 'diamond', 'triangle-up', 'x', 'cross', 'star', 'triangle-down', 'hexagon', 'pentagon'] as const;
const PATTERNS = ['', '/', '.', 'x', '\\', '-', '|', '+'] as const;

export const CHART_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif';

export interface PackChart {
  data: Data[];
  layout: Partial<Layout>;
  /** Text alternative: what the chart shows, in one or two sentences. */
  summary: string;
  /** Plot height in px (horizontal bars grow with the number of categories). */
  height: number;
  /** The figures drawn: without those marked u (incomplete history) unless asked for. */
  drawn: PackResult;
  /** The years drawn, oldest first: an export's Figure caption names exactly these. */
  years: number[];
  /** What a gap in this chart is (chartGapSentence), or null: a saved image carries it as its caption. */
  gapNote?: string | null;
}

/** The house colours and font a chart is drawn in (shared/export/houseStyle.ts); the workbench's own when none is set. */
export const DEFAULT_LOOK: ChartLook = { palette: DEFAULT_HOUSE_STYLE.palette, font: DEFAULT_HOUSE_STYLE.font };

/**
 * One colour per year, the house palette in order (as the exported charts have them): each keeps
 * 3:1 against white and its neighbour (checked in houseStyle.test.ts), each bar has a dark
 * outline, and the bars keep a fixed year order with the key.
 */
export function yearColours(n: number, palette: readonly string[] = DEFAULT_LOOK.palette): string[] {
  return Array.from({ length: n }, (_, i) => palette[i % palette.length]!);
}

/** The house font first, then the usual system fonts. */
export function chartFont(look: ChartLook): string {
  return look.font === DEFAULT_LOOK.font ? CHART_FONT : `"${look.font}", ${CHART_FONT}`;
}

/**
 * Why some bars are missing, for the caption: a suppressed figure (c) or no figure (–) is a gap,
 * not a 0. (Figures marked u left out are said by chartLeftOutNote.)
 */
export function chartGapNote(rows: readonly PackRow[], years: readonly number[], usePercent: boolean, kind: ChartKind = 'grouped-bar'): string | null {
  let suppressed = false;
  let none = false;
  for (const r of rows)
    for (const y of years) {
      const cell = r.values[String(y)];
      if (cell?.suppressed) suppressed = true;
      else if (measureOf(cell, usePercent) === null) none = true;
    }
  return chartGapSentence(kind, { suppressed, none });
}

/** The same for a local pack's figure chart (figureValue draws a gap where a figure is suppressed or has no rows). */
function figureGapNote(rows: readonly PackRow[], years: readonly number[], kind: ChartKind): string | null {
  const cells = rows.flatMap((r) => years.map((y) => r.values[String(y)]));
  return chartGapSentence(kind, { suppressed: cells.some((c) => c?.suppressed), none: cells.some((c) => !c?.suppressed && figureValue(c) === null) });
}

/** Room under the plot for a saved image's caption line. */
const CAPTION_PX = 36;

/**
 * The chart as a saved image (Chart PNG / SVG): it leaves the app without the page's caption, so
 * what a gap is (the sentence the screen caption and the Excel chart carry) is written into the
 * image, under the plot. A chart without gaps is saved as drawn.
 */
export function withGapCaption(chart: PackChart): PackChart {
  if (!chart.gapNote) return chart;
  const height = chart.height + CAPTION_PX;
  const margin = chart.layout.margin ?? {};
  const title = { text: plotlyText(chart.gapNote), xref: 'paper', x: 0, xanchor: 'left', yref: 'container', y: 0, yanchor: 'bottom', pad: { b: 10 }, font: { size: 14, color: '#0b0c0c' } } as Partial<Layout>['title'];
  return { ...chart, height, layout: { ...chart.layout, height, margin: { ...margin, b: (margin.b ?? 48) + CAPTION_PX }, title } };
}

function measureOf(cell: CellValue | undefined, usePercent: boolean): number | null {
  if (!cell || cell.suppressed) return null;
  if (usePercent) return typeof cell.percent === 'number' ? cell.percent : null;
  if (typeof cell.count === 'number') return cell.count;
  return typeof cell.value === 'number' ? cell.value : null;
}

/**
 * Text from the data (codes, labels, column names) as Plotly shows it literally: Plotly reads
 * <a href>, <span style> and other tags in names, ticks and hover text (a provider code drew a
 * live link and 40 px red text in the legend), and %{...} in a hover template. Entities show as
 * the characters they stand for.
 */
export function plotlyText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/%\{/g, '%&#123;');
}

/** Long category labels wrapped onto up to three lines for the axis (each line escaped, see plotlyText). */
export function wrapLabel(label: string, width = 28): string {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/)) {
    if (line && (line + ' ' + word).length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length > 3) return `${lines.slice(0, 3).map(plotlyText).join('<br>')}…`;
  return lines.map(plotlyText).join('<br>');
}

/**
 * Extra height for a key of many or long entries: the horizontal key above the plot wraps into
 * rows (at about 860 px wide, 7.5 px a character plus the swatch), and each row beyond the first
 * would otherwise come out of the plot's own height.
 */
export function legendExtra(names: readonly string[], width = 860): number {
  let rows = 1;
  let x = 0;
  for (const name of names) {
    const w = 44 + 7.5 * name.length;
    if (x > 0 && x + w > width) {
      rows += 1;
      x = 0;
    }
    x += w;
  }
  return (rows - 1) * 24;
}

/** The i-th series' fill pattern: white hatches or dots over its colour (Plotly leaves a pattern's background empty unless told). */
function seriesPattern(i: number, colour: string) {
  return { shape: PATTERNS[i % PATTERNS.length]!, bgcolor: colour, fgcolor: '#ffffff', fgopacity: 0.8, size: 8, solidity: 0.25, fillmode: 'replace' as const };
}

function baseLayout(height: number, look: ChartLook): Partial<Layout> {
  return {
    height,
    autosize: true,
    margin: { l: 64, r: 16, t: 16, b: 48 },
    font: { family: chartFont(look), size: 14, color: '#0b0c0c' },
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    // The key sits above the plot, where it is read first and never collides with an axis title.
    legend: { orientation: 'h', x: 0, xanchor: 'left', y: 1.02, yanchor: 'bottom', traceorder: 'normal' },
    hoverlabel: { font: { family: chartFont(look) } },
    separators: '.,',
  };
}

export function buildPackChart(full: PackResult, summary: PackSummary, measure: Measure, shownYears: number[], includeIncomplete = false, look: ChartLook = DEFAULT_LOOK): PackChart {
  const palette = look.palette;
  // Figures marked u (incomplete history) are left out unless asked for, as in the exports' charts.
  const trimmed = includeIncomplete ? { result: full, left: [] } : chartableResult(full, summary.chart);
  const result = trimmed.result;
  // From the first year with figures (not the years before a file was collected, x), as the exports' charts.
  const years = fromFirstFigures(result, shownYears.filter((y) => result.years.includes(y)));
  const left = trimmed.left.filter((y) => shownYears.includes(y));
  const usePercent = measure === 'percent' && packHasPercent(result);
  const unit = usePercent ? 'percent' : 'number';
  const axisTitle = usePercent ? 'Percent' : 'Number';
  const rows = chartRows(result, summary.chart);
  const labels = years.map((y) => yearLabel(y, summary.timing));
  const range = years.length > 1 ? `${labels[0]} to ${labels[labels.length - 1]}` : (labels[0] ?? 'no years');
  const leftOut = chartLeftOutNote(left, (y) => yearLabel(y, summary.timing));
  const subset = `${rows.length < full.rows.length ? ' It shows the main rows; the table has every row.' : ''}${leftOut ? ` ${leftOut}` : ''}`;

  if (summary.chart === 'grouped-bar') {
    const horizontal = rows.length > 8 || rows.some((r) => r.label.length > 22);
    const lines = (r: PackRow) => wrapLabel(r.label).split('<br>').length;
    const height = horizontal ? Math.max(360, 120 + rows.reduce((h, r) => h + Math.max(18 * lines(r), 10 + 8 * years.length), 0)) : 400;
    const colours = yearColours(years.length, palette);
    const gaps = chartGapNote(rows, years, usePercent);
    const data: Data[] = years.map((year, i) => {
      const values = rows.map((r) => measureOf(r.values[String(year)], usePercent));
      const colour = colours[i]!;
      const categories = rows.map((r) => (horizontal ? wrapLabel(r.label) : plotlyText(r.label)));
      return {
        type: 'bar',
        name: labels[i]!,
        ...(horizontal ? { y: categories, x: values, orientation: 'h' as const } : { x: categories, y: values }),
        // Each year its own pattern too, so years are told apart without colour.
        marker: { color: colour, line: { color: '#0b0c0c', width: 1 }, pattern: seriesPattern(i, colour) },
        hovertemplate: `%{${horizontal ? 'y' : 'x'}}<br>${labels[i]}: %{${horizontal ? 'x' : 'y'}:,}${usePercent ? '%' : ''}<extra></extra>`,
      };
    });
    const layout: Partial<Layout> = {
      ...baseLayout(height, look),
      barmode: 'group',
      bargap: 0.2,
      margin: horizontal ? { l: 16, r: 16, t: 16, b: 48 } : { l: 64, r: 16, t: 16, b: 64 },
      ...(horizontal
        ? { xaxis: { title: { text: axisTitle }, rangemode: 'tozero', gridcolor: '#e5e6e7' }, yaxis: { autorange: 'reversed', automargin: true } }
        : { yaxis: { title: { text: axisTitle }, rangemode: 'tozero', gridcolor: '#e5e6e7' }, xaxis: { automargin: true } }),
    };
    return { data, layout, height, drawn: result, years, gapNote: gaps, summary: `Bar chart of ${result.title.toLowerCase()}: the ${unit} in each ${result.category ? 'category' : 'measure'}, one bar per year (each year its own colour and pattern, as in the key), ${range}.${subset}${gaps ? ` ${gaps}` : ''}` };
  }

  if (summary.chart === 'line') {
    const data: Data[] = rows.map((r, i) => ({
      type: 'scatter',
      mode: 'lines+markers',
      name: plotlyText(r.label),
      x: labels,
      y: years.map((y) => measureOf(r.values[String(y)], usePercent)),
      line: { color: palette[i % palette.length]!, width: 3, dash: DASHES[i % DASHES.length]! },
      marker: { symbol: SYMBOLS[i % SYMBOLS.length]!, size: 9 },
      connectgaps: false,
      hovertemplate: `%{fullData.name}<br>%{x}: %{y:,}${usePercent ? '%' : ''}<extra></extra>`,
    }));
    const height = 400 + legendExtra(rows.map((r) => r.label));
    const layout: Partial<Layout> = {
      ...baseLayout(height, look),
      yaxis: { title: { text: axisTitle }, rangemode: 'tozero', gridcolor: '#e5e6e7' },
      xaxis: { type: 'category' },
    };
    return { data, layout, height, drawn: result, years, gapNote: chartGapNote(rows, years, usePercent, 'line'), summary: `Line chart of ${result.title.toLowerCase()}: one line per row, ${range}.${subset}` };
  }

  // stacked-100: each year's bar split into the rows' shares of the year's total, as the table gives
  // them, and what suppression hid as a segment of its own (as in the exports' charts): shares of
  // only the rows drawn would overstate every one of them.
  const data: Data[] = rows.map((r, i) => {
    const colour = palette[i % palette.length]!;
    return {
      type: 'bar',
      name: plotlyText(r.label),
      x: labels,
      y: years.map((y) => stackShare(rows, r, y)),
      customdata: years.map((y) => measureOf(r.values[String(y)], false)),
      marker: {
        color: colour,
        line: { color: '#ffffff', width: 1 },
        pattern: seriesPattern(i, colour),
      },
      hovertemplate: `%{fullData.name}<br>%{x}: %{customdata:,} (%{y:.1f}% of the year)<extra></extra>`,
    } as Data;
  });
  const hidden = years.map((y) => stackHidden(rows, y));
  if (hidden.some((h) => h > 0)) {
    data.push({
      type: 'bar',
      name: HIDDEN_SEGMENT_LABEL,
      x: labels,
      y: hidden.map((h) => (h > 0 ? h : null)),
      marker: { color: '#b1b4b6', line: { color: '#ffffff', width: 1 }, pattern: { shape: 'x', bgcolor: '#b1b4b6', fgcolor: '#0b0c0c', fgopacity: 0.6, size: 8, solidity: 0.2, fillmode: 'replace' } },
      hovertemplate: `${HIDDEN_SEGMENT_LABEL}<br>%{x}: %{y:.1f}% of the year<extra></extra>`,
    } as Data);
  }
  const height = 420 + legendExtra(rows.map((r) => r.label));
  const stackNote = chartGapSentence('stacked-100', stackGaps(rows, years));
  const layout: Partial<Layout> = {
    ...baseLayout(height, look),
    barmode: 'stack',
    yaxis: { title: { text: 'Percent of the year\u2019s total' }, range: [0, 100], ticksuffix: '%', gridcolor: '#e5e6e7' },
    xaxis: { type: 'category' },
  };
  return {
    data,
    layout,
    height,
    drawn: result,
    years,
    gapNote: stackNote,
    summary: `100% stacked bar chart of ${result.title.toLowerCase()}: each year's bar is split into the rows' shares, ${range}.${subset}${stackNote ? ` ${stackNote}` : ''}`,
  };
}

/**
 * A local pack's figures besides the count (average days, total hours), one small chart each under
 * the counts' chart: on another scale, each has its own value axis titled in its unit. Bars (or
 * lines over months, as the counts), every value printed on its bar or point so colour is not the
 * only cue; a suppressed figure, or one without rows, is a gap. None for a pack without figures.
 */
export function buildFigureCharts(full: PackResult, summary: PackSummary, shownYears: number[], look: ChartLook = DEFAULT_LOOK): PackChart[] {
  const years = shownYears.filter((y) => full.years.includes(y));
  const labels = years.map((y) => yearLabel(y, summary.timing));
  const range = years.length ? `${labels[0]} to ${labels[labels.length - 1]}` : 'no years';
  const text = (v: number | null) => (v === null ? '' : formatDecimal(v));
  return figurePanels(full).map((panel) => {
    const unit = panel.unit ? `${panel.unit[0]!.toUpperCase()}${panel.unit.slice(1)}` : 'Value';
    const what = `${panel.title.toLowerCase()} (${panel.unit || 'value'})`;
    if (summary.chart === 'line') {
      const data: Data[] = panel.rows.map((r, i) => {
        const y = years.map((yr) => figureValue(r.values[String(yr)]));
        return {
          type: 'scatter',
          mode: 'text+lines+markers',
          name: plotlyText(r.label),
          x: labels,
          y,
          text: y.map(text),
          textposition: 'top center',
          line: { color: look.palette[i % look.palette.length]!, width: 3, dash: DASHES[i % DASHES.length]! },
          marker: { symbol: SYMBOLS[i % SYMBOLS.length]!, size: 9 },
          connectgaps: false,
          hovertemplate: `%{fullData.name}<br>%{x}: %{y:.1f} ${plotlyText(panel.unit)}<extra></extra>`,
        } as Data;
      });
      const height = 360 + legendExtra(panel.rows.map((r) => r.label));
      const layout: Partial<Layout> = { ...baseLayout(height, look), yaxis: { title: { text: unit }, rangemode: 'tozero', gridcolor: '#e5e6e7' }, xaxis: { type: 'category' } };
      return { data, layout, height, drawn: full, years, gapNote: figureGapNote(panel.rows, years, 'line'), summary: `Line chart of the ${what}: one line per row, ${range}. A gap is a figure suppressed or without rows.` };
    }
    const colours = yearColours(years.length, look.palette);
    const data: Data[] = years.map((year, i) => {
      const values = panel.rows.map((r) => figureValue(r.values[String(year)]));
      return {
        type: 'bar',
        name: labels[i]!,
        x: panel.rows.map((r) => plotlyText(r.label)),
        y: values,
        text: values.map(text),
        textposition: 'outside',
        cliponaxis: false,
        marker: {
          color: colours[i]!,
          line: { color: '#0b0c0c', width: 1 },
          pattern: seriesPattern(i, colours[i]!),
        },
        hovertemplate: `%{x}<br>${labels[i]}: %{y:.1f} ${plotlyText(panel.unit)}<extra></extra>`,
      } as Data;
    });
    const height = 340;
    const layout: Partial<Layout> = {
      ...baseLayout(height, look),
      barmode: 'group',
      bargap: 0.2,
      margin: { l: 64, r: 16, t: 24, b: 64 },
      yaxis: { title: { text: unit }, rangemode: 'tozero', gridcolor: '#e5e6e7' },
      xaxis: { automargin: true },
    };
    return { data, layout, height, drawn: full, years, gapNote: figureGapNote(panel.rows, years, 'grouped-bar'), summary: `Bar chart of the ${what} in each category and of all rows, one bar per year, ${range}. A missing bar is a figure suppressed or without rows.` };
  });
}

/**
 * One sentence about the latest year drawn, for the chart's description, with the figure as the
 * table shows it: the most common category ("the most common reason was Other reasons (29.7%)"),
 * only when certain (leadersOf); for a pack of measures, the measure the chart draws highest (by
 * its percentage when the chart draws percentages, else by its number), or on a stacked bar the
 * largest part; for a breakdown, the part drawn highest. Each only when no suppressed row could be
 * as high, and not for a tie. None for a year whose
 * figures rest on missing history (the commentary leaves it out too).
 */
export function latestYearSentence(result: PackResult, summary: PackSummary, years: number[], measure: Measure = 'both'): string | null {
  const last = years[years.length - 1];
  if (last === undefined || summary.chart === 'line') return null;
  if (!reliableYears({ ...result, years }).includes(last)) return null;
  const y = String(last);
  const when = atPeriod(summary.timing, last);
  // A breakdown's chart draws the total split by the breakdown's categories, not the pack's own rows.
  if (result.category && !result.breakdown) {
    const leaders = leadersOf({ ...result, years }, last);
    if (!leaders || leaders.length !== 1) return null;
    const c = leaders[0]!.values[y]!;
    return `${when} the most common ${result.category} was ${leaders[0]!.label} (${typeof c.percent === 'number' ? formatPercentValue(c.percent) : formatInteger(c.count!)}).`;
  }
  const usePercent = measure === 'percent' && packHasPercent(result);
  const value = (r: PackRow) => measureOf(r.values[y], usePercent);
  const drawn = chartRows(result, summary.chart);
  // Said only when no suppressed row could be drawn as high, and never of one of a tie: a
  // breakdown's parts add up to the figure they split (so a hidden part is bounded); measures do not.
  const leaders = result.breakdown
    ? certainPartLeaders(result, last)?.filter((r) => drawn.includes(r))
    : certainLeaders(drawn, (r) => (value(r) === null && (r.values[y]?.suppressed || (usePercent && percentSuppressed(r.values[y]))) ? 'hidden' : value(r)), null);
  const best = leaders?.length === 1 ? leaders[0]! : null;
  if (!best || value(best) === null) return null;
  const figure = usePercent ? formatPercentValue(value(best)!) : formatCount(best.values[y]);
  if (result.breakdown) return `${when} the ${labelInSentence(result.breakdown.label)} drawn highest was ${best.label} (${figure}).`;
  // On a stacked bar the top segment is not the largest: say which is the largest part.
  return summary.chart === 'stacked-100' ? `${when} the largest part of the bar was ${best.label} (${figure}).` : `${when} the measure drawn highest was ${best.label} (${figure}).`;
}
