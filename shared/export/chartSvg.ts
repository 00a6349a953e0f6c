/**
 * A small SVG chart of a pack, for exports made without the app's Plotly charts (the CLI), and
 * anywhere an image is wanted. Pure string building: no DOM, no fonts measured (widths are
 * estimated from character counts, generously).
 *
 *   grouped-bar  one group per category, one bar per year (turned horizontal when the categories
 *                are many or their labels long, or the bars would be too thin for their values)
 *   line         years along the axis, one line per row (the `cla` pack)
 *   stacked-100  one bar per year, split into the rows' percentages
 *
 * Colour is never the only cue (WCAG 1.4.1): every series also has its own fill pattern (bars) or
 * dash and marker shape (lines), bars are outlined in near-black (1.4.11), every value is printed
 * beside its bar or point, and lines are labelled at their ends. The palette is the Government
 * Analysis Function's accessible categorical palette, the same as the app's charts.
 */
import type { CellValue, PackResult, PackRow } from '../packs/result.js';
import { formatDecimal, formatInteger, suppressedMeaning } from '../format.js';
import { chartLeftOutNote } from '../packs/history.js';
import { chartRows, chartSelection, chartYears, figurePanels, figureValue, HIDDEN_SEGMENT_LABEL, stackHidden, stackShare } from './chartRows.js';
import { SUPPRESSED, yearLabel } from './model.js';
import type { ChartKind, ExportMeta, PackTiming } from './types.js';

export const CHART_PALETTE = ['#12436D', '#28A197', '#801650', '#F46A25', '#3D3D3D', '#A285D1', '#2073BC', '#6BACE6', '#BA2D6E', '#0F7A52'];
export const CHART_FONT = "Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";
/** Font sizes in px: the chart is drawn at about the size it is printed, so these stay readable. */
const FS_SMALL = 12;
const FS_TEXT = 13;
const LINE_H = FS_TEXT + 2;
const INK = '#0b0c0c';
const GRID = '#d8d8d8';
const SUPPRESSED_FILL = '#bfbfbf';

export interface ChartInput {
  result: PackResult;
  chart: ChartKind;
  timing: PackTiming;
  /** Draw figures marked u (incomplete history) too; by default they are left out. */
  includeIncompleteHistory?: boolean;
  /** Set by renderChartSvg: the footnote on what was left out for incomplete history. */
  historyNote?: string;
  /** Set by renderChartSvg: the colours of the series, in order, and the font. */
  look?: ChartLook;
}

/** The house style's part in a chart: its series colours and font (the defaults when not given). */
export interface ChartLook {
  palette: readonly string[];
  font: string;
}

export interface ChartOptions {
  /** Width in px (default 680: about the 17 cm text width of an A4 page, so text prints near its size). */
  width?: number;
  yearStyle?: ExportMeta['yearStyle'];
  /** Grouped bars compare at most this many of the latest years (default 3; see chartRows.ts). */
  maxYears?: number;
  /** House colours and font (shared/export/houseStyle.ts). */
  look?: ChartLook;
}

export interface ChartSvg {
  svg: string;
  width: number;
  height: number;
  /** The chart in words, also the SVG's <desc>: use it as the image's alt text. */
  summary: string;
  /** The years drawn, oldest first (grouped bars draw only the latest few). */
  years: number[];
  /** True when the chart leaves out rows or years that the table has. */
  partial: boolean;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Rough rendered width of text in Arial: wide enough that labels never collide in practice. */
function textWidth(text: string, size: number): number {
  return text.length * size * 0.58;
}

function wrap(text: string, maxChars: number, maxLines = 3): string[] {
  // Words longer than a line (codes, file names) are cut into pieces so nothing runs off the edge.
  const words = text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((w) => (w.length <= maxChars ? [w] : (w.match(new RegExp(`.{1,${maxChars}}`, 'g')) ?? [w])));
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && (line + ' ' + w).length > maxChars) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, Math.max(1, maxChars - 1))}…`;
    return kept;
  }
  return lines;
}


function niceStep(max: number, ticks = 5): number {
  if (max <= 0) return 1;
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const n = raw / mag;
  const step = (n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10) * mag;
  return step < 1 ? 1 : step;
}

function axisMax(max: number): { top: number; step: number } {
  const step = niceStep(max);
  return { top: Math.max(step, Math.ceil(max / step) * step), step };
}

/** Fill patterns, one per series: solid, then hatches and dots in white over the colour. */
function patternDefs(prefix: string, count: number, palette: readonly string[]): string {
  const marks = [
    '',
    '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#fff" stroke-width="1.6"/>',
    '<circle cx="2" cy="2" r="1.3" fill="#fff"/><circle cx="6" cy="6" r="1.3" fill="#fff"/>',
    '<path d="M0,0 l8,8 M8,0 l-8,8" stroke="#fff" stroke-width="1.2"/>',
    '<path d="M0,2 h8 M0,6 h8" stroke="#fff" stroke-width="1.4"/>',
    '<path d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" stroke="#fff" stroke-width="1.6"/>',
    '<path d="M2,0 v8 M6,0 v8" stroke="#fff" stroke-width="1.4"/>',
    '<path d="M0,4 h8 M4,0 v8" stroke="#fff" stroke-width="1.2"/>',
  ];
  let out = '';
  for (let i = 0; i < count; i++) {
    const colour = palette[i % palette.length]!;
    const mark = marks[i % marks.length]!;
    const overlay = mark ? `<g opacity="0.85">${mark}</g>` : '';
    out += `<pattern id="${prefix}-p${i}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${colour}"/>${overlay}</pattern>`;
  }
  out += `<pattern id="${prefix}-pc" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${SUPPRESSED_FILL}"/><path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="${INK}" stroke-width="0.8"/></pattern>`;
  return `<defs>${out}</defs>`;
}

const fillOf = (prefix: string, i: number) => `url(#${prefix}-p${i})`;

/** Text with a white halo, so it stays readable over gridlines and patterns. */
function label(x: number, y: number, text: string, opts: { anchor?: 'start' | 'middle' | 'end'; size?: number; bold?: boolean; cls?: string; halo?: boolean } = {}): string {
  const { anchor = 'middle', size = FS_SMALL, bold = false, cls, halo = true } = opts;
  const attrs = [
    `x="${r1(x)}"`,
    `y="${r1(y)}"`,
    `font-size="${size}"`,
    `text-anchor="${anchor}"`,
    `fill="${INK}"`,
    bold ? 'font-weight="bold"' : '',
    halo ? 'stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"' : '',
    cls ? `class="${cls}"` : '',
  ].filter(Boolean);
  return `<text ${attrs.join(' ')}>${esc(text)}</text>`;
}

/** A label on a white tag, for text over a coloured, patterned segment. */
function tagLabel(x: number, y: number, text: string, cls: string): string {
  const w = textWidth(text, FS_SMALL) + 8;
  const h = FS_SMALL + 5;
  return (
    `<rect x="${r1(x - w / 2)}" y="${r1(y - h / 2)}" width="${r1(w)}" height="${h}" rx="3" fill="#ffffff" stroke="${INK}" stroke-width="0.5"/>` +
    label(x, y + FS_SMALL / 2 - 2, text, { cls, halo: false })
  );
}

function multiline(x: number, y: number, lines: string[], size: number, anchor: 'start' | 'middle' | 'end'): string {
  const spans = lines.map((l, i) => `<tspan x="${r1(x)}" dy="${i === 0 ? 0 : size + 2}">${esc(l)}</tspan>`).join('');
  return `<text x="${r1(x)}" y="${r1(y)}" font-size="${size}" text-anchor="${anchor}" fill="${INK}">${spans}</text>`;
}

/** A year under an axis: on two lines ("31 March" over "2024") when one would not fit its slot. */
function axisYear(x: number, y: number, text: string, room: number): string {
  const cut = text.lastIndexOf(' ');
  if (textWidth(text, FS_TEXT) <= room - 8 || cut < 0) return label(x, y, text, { size: FS_TEXT, halo: false });
  return multiline(x, y, [text.slice(0, cut), text.slice(cut + 1)], FS_TEXT, 'middle');
}

function r1(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function countOf(cell: CellValue | undefined): number | null {
  if (!cell || cell.suppressed) return null;
  return typeof cell.count === 'number' ? cell.count : null;
}

/** What a chart draws of each cell and how it prints it: the counts, or one of a local pack's figures. */
interface Drawn {
  of: (cell: CellValue | undefined) => number | null;
  text: (v: number) => string;
  /** "the number", "the average days from raised to resolved": what the bars are, for the summary. */
  what: string;
  /** The value axis's title with its unit ("Days"); the counts have none. */
  axisTitle?: string;
}
const COUNTS: Drawn = { of: countOf, text: formatInteger, what: 'the number' };


function swatch(x: number, y: number, fill: string): string {
  return `<rect x="${r1(x)}" y="${r1(y)}" width="14" height="14" fill="${fill}" stroke="${INK}" stroke-width="0.75"/>`;
}

/** A legend laid out in rows across the top; returns the markup and the height it took. */
function topLegend(items: { text: string; fill: string }[], x0: number, y0: number, width: number): { svg: string; height: number } {
  let x = x0;
  let y = y0;
  let svg = '';
  for (const item of items) {
    const w = 22 + textWidth(item.text, FS_TEXT) + 18;
    if (x > x0 && x + w > x0 + width) {
      x = x0;
      y += 22;
    }
    svg += `<g class="legend-item">${swatch(x, y, item.fill)}${label(x + 20, y + 11.5, item.text, { anchor: 'start', size: FS_TEXT, halo: false })}</g>`;
    x += w;
  }
  return { svg: `<g class="legend">${svg}</g>`, height: items.length ? y - y0 + 22 : 0 };
}

function valueAxis(kind: 'y' | 'x', top: number, step: number, from: number, to: number, across: [number, number], percent: boolean): string {
  let out = '';
  for (let v = 0; v <= top + 1e-9; v += step) {
    const pos = from + ((to - from) * v) / top;
    const text = percent ? `${formatInteger(v)}%` : formatInteger(v);
    if (kind === 'y') {
      out += `<line x1="${r1(across[0])}" x2="${r1(across[1])}" y1="${r1(pos)}" y2="${r1(pos)}" stroke="${v === 0 ? INK : GRID}" stroke-width="1"/>`;
      out += label(across[0] - 6, pos + 4, text, { anchor: 'end', size: FS_SMALL, halo: false });
    } else {
      out += `<line y1="${r1(across[0])}" y2="${r1(across[1])}" x1="${r1(pos)}" x2="${r1(pos)}" stroke="${v === 0 ? INK : GRID}" stroke-width="1"/>`;
      out += label(pos, across[1] + 16, text, { anchor: 'middle', size: FS_SMALL, halo: false });
    }
  }
  return `<g class="axis">${out}</g>`;
}

/** The house font first, then the chart fonts as fallbacks. */
function fontFamily(look: ChartLook | undefined): string {
  return look && look.font !== 'Arial' ? `'${look.font.replace(/'/g, '')}', ${CHART_FONT}` : CHART_FONT;
}

function frame(input: ChartInput, prefix: string, width: number, height: number, title: string, summary: string, body: string, series: number): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `role="img" aria-labelledby="${prefix}-title ${prefix}-desc" font-family="${fontFamily(input.look)}">` +
    `<title id="${prefix}-title">${esc(title)}</title><desc id="${prefix}-desc">${esc(summary)}</desc>` +
    patternDefs(prefix, series, input.look?.palette ?? CHART_PALETTE) +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>` +
    body +
    '</svg>'
  );
}

const SUPPRESSED_NOTE = `${SUPPRESSED} = ${suppressedMeaning(null)}`;

/** Adds the "c = suppressed" line under a chart when it has a suppressed figure. */
function withFootnote(result: PackResult, body: string, height: number, extra?: string | readonly string[]): { body: string; height: number } {
  const any = result.rows.some((r) => Object.values(r.values).some((c) => c.suppressed));
  const lines = [...(any ? [SUPPRESSED_NOTE] : []), ...(extra === undefined ? [] : typeof extra === 'string' ? [extra] : extra)];
  for (const line of lines) {
    body += label(16, height + 8, line, { anchor: 'start', size: FS_SMALL, halo: false, cls: 'footnote' });
    height += 18;
  }
  return { body, height };
}

function idPrefix(pack: string): string {
  return `chart-${pack.replace(/[^A-Za-z0-9_-]/g, '_') || 'pack'}`;
}

function seriesText(label: string, parts: string[]): string {
  return `${label}: ${parts.join(', ')}`;
}

// ---------------------------------------------------------------------------------------------
// Grouped bars

function groupedBars(input: ChartInput, width: number, style: ExportMeta['yearStyle'], rows: PackRow[], years: number[], drawn: Drawn = COUNTS): Omit<ChartSvg, 'years' | 'partial'> {
  const { result, timing } = input;
  const prefix = idPrefix(result.pack);
  const yearNames = years.map((y) => yearLabel(y, timing, style));
  const countOf = drawn.of;
  const max = Math.max(0, ...rows.flatMap((r) => years.map((y) => countOf(r.values[y]) ?? 0)));
  const { top, step } = axisMax(max);
  const valueText = drawn.text;
  const widestValue = textWidth(valueText(top), FS_SMALL);

  const legend = topLegend(
    yearNames.map((t, i) => ({ text: t, fill: fillOf(prefix, i) })),
    16,
    12,
    width - 32,
  );
  const plotTop = 12 + legend.height + 12;

  // Vertical columns only when every bar is wide enough to carry its value and labels fit in 2 lines.
  const left = 64;
  const right = 16;
  const band = (width - left - right) / Math.max(1, rows.length);
  // Bars no wider than 90 px: two categories should not look like two walls.
  const barW = Math.min(90, (band * 0.8) / Math.max(1, years.length));
  const groupW = barW * years.length;
  const labelChars = Math.max(6, Math.floor(band / (FS_TEXT * 0.58)));
  const vertical = rows.length > 0 && barW >= widestValue + 4 && rows.every((r) => wrap(r.label, labelChars, 9).length <= 2);

  let body = legend.svg;
  const parts: string[] = [];
  let height: number;
  let bars = '';

  if (vertical) {
    const plotH = 300;
    const plotBottom = plotTop + 16 + plotH; // room above the tallest bar for its value
    height = plotBottom + 16 + 2 * LINE_H + 8;
    const y = (v: number) => plotBottom - (plotH * v) / top;
    body += valueAxis('y', top, step, plotBottom, plotBottom - plotH, [left, width - right], false);
    if (drawn.axisTitle) body += label(16, plotTop + 2, drawn.axisTitle, { anchor: 'start', size: FS_SMALL, bold: true, halo: false, cls: 'axis-title' });
    rows.forEach((row, ri) => {
      const gx = left + ri * band + (band - groupW) / 2;
      const values: string[] = [];
      years.forEach((year, yi) => {
        const cell = row.values[year];
        const x = gx + yi * barW;
        const v = countOf(cell);
        if (v === null) {
          if (cell?.suppressed) bars += label(x + barW / 2, plotBottom - 4, SUPPRESSED, { cls: 'suppressed-mark', bold: true });
          values.push(`${yearNames[yi]} ${cell?.suppressed ? 'suppressed' : 'no figure'}`);
          return;
        }
        bars += `<rect class="bar" x="${r1(x)}" y="${r1(y(v))}" width="${r1(barW)}" height="${r1(plotBottom - y(v))}" fill="${fillOf(prefix, yi)}" stroke="${INK}" stroke-width="0.75"/>`;
        bars += label(x + barW / 2, y(v) - 4, valueText(v), { cls: 'value' });
        values.push(`${yearNames[yi]} ${valueText(v)}`);
      });
      body += multiline(left + ri * band + band / 2, plotBottom + 16, wrap(row.label, labelChars, 2), FS_TEXT, 'middle');
      parts.push(seriesText(row.label, values));
    });
  } else {
    const labelChars = 30;
    const labelLines = rows.map((r) => wrap(r.label, labelChars, 3));
    const labelW = Math.min(260, Math.max(60, ...labelLines.flat().map((l) => textWidth(l, FS_TEXT)))) + 12;
    const plotLeft = 16 + labelW;
    const plotRight = width - 16 - widestValue - 8;
    const barH = 16;
    const groupH = Math.max(years.length * barH, labelLines.reduce((m, l) => Math.max(m, l.length), 1) * LINE_H);
    const gap = 12;
    const plotBottom = plotTop + rows.length * (groupH + gap);
    height = plotBottom + 32;
    const x = (v: number) => plotLeft + ((plotRight - plotLeft) * v) / top;
    body += valueAxis('x', top, step, plotLeft, plotRight, [plotTop, plotBottom], false);
    if (drawn.axisTitle) {
      body += label((plotLeft + plotRight) / 2, plotBottom + 34, drawn.axisTitle, { size: FS_SMALL, bold: true, halo: false, cls: 'axis-title' });
      height += 18;
    }
    rows.forEach((row, ri) => {
      const gy = plotTop + gap / 2 + ri * (groupH + gap);
      const barsTop = gy + (groupH - years.length * barH) / 2;
      const lines = labelLines[ri]!;
      body += multiline(plotLeft - 8, gy + groupH / 2 - ((lines.length - 1) * LINE_H) / 2 + 4, lines, FS_TEXT, 'end');
      const values: string[] = [];
      years.forEach((year, yi) => {
        const cell = row.values[year];
        const by = barsTop + yi * barH;
        const v = countOf(cell);
        if (v === null) {
          if (cell?.suppressed) bars += label(plotLeft + 6, by + barH - 3, SUPPRESSED, { anchor: 'start', cls: 'suppressed-mark', bold: true });
          values.push(`${yearNames[yi]} ${cell?.suppressed ? 'suppressed' : 'no figure'}`);
          return;
        }
        bars += `<rect class="bar" x="${r1(plotLeft)}" y="${r1(by + 1)}" width="${r1(x(v) - plotLeft)}" height="${barH - 2}" fill="${fillOf(prefix, yi)}" stroke="${INK}" stroke-width="0.75"/>`;
        bars += label(x(v) + 4, by + barH - 3, valueText(v), { anchor: 'start', cls: 'value' });
        values.push(`${yearNames[yi]} ${valueText(v)}`);
      });
      parts.push(seriesText(row.label, values));
    });
  }
  body += `<g class="bars">${bars}</g>`;
  ({ body, height } = withFootnote(result, body, height, input.historyNote));
  const summary = `${result.title}. Bar chart of ${drawn.what} in each category, one bar for each year (${yearNames.join(', ')}). ${parts.join('; ')}.`;
  return { svg: frame(input, prefix, width, height, result.title, summary, body, years.length), width, height, summary };
}

// ---------------------------------------------------------------------------------------------
// Lines

const DASHES = ['', '8 4', '2 3', '10 3 2 3', '4 4', '12 4'];

function marker(shape: number, x: number, y: number, colour: string): string {
  const s = 4.5;
  const common = `fill="${colour}" stroke="${INK}" stroke-width="0.75" class="point"`;
  switch (shape % 5) {
    case 0:
      return `<circle cx="${r1(x)}" cy="${r1(y)}" r="${s}" ${common}/>`;
    case 1:
      return `<rect x="${r1(x - s)}" y="${r1(y - s)}" width="${2 * s}" height="${2 * s}" ${common}/>`;
    case 2:
      return `<path d="M${r1(x)},${r1(y - s - 1)} L${r1(x + s + 1)},${r1(y + s)} L${r1(x - s - 1)},${r1(y + s)} Z" ${common}/>`;
    case 3:
      return `<path d="M${r1(x)},${r1(y - s - 1)} L${r1(x + s + 1)},${r1(y)} L${r1(x)},${r1(y + s + 1)} L${r1(x - s - 1)},${r1(y)} Z" ${common}/>`;
    default:
      return `<path d="M${r1(x - s)},${r1(y - s)} L${r1(x + s)},${r1(y + s)} M${r1(x + s)},${r1(y - s)} L${r1(x - s)},${r1(y + s)}" stroke="${colour}" stroke-width="2.5" class="point"/>`;
  }
}

/** Spread label positions apart so none is closer than `gap` to the next (keeps order). */
function spread(positions: number[], gap: number, min: number, max: number): number[] {
  const order = positions.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  for (let k = 1; k < order.length; k++) order[k]!.p = Math.max(order[k]!.p, order[k - 1]!.p + gap);
  const overflow = order.length ? order[order.length - 1]!.p - max : 0;
  if (overflow > 0) order.forEach((o) => (o.p -= overflow));
  for (let k = order.length - 2; k >= 0; k--) order[k]!.p = Math.min(order[k]!.p, order[k + 1]!.p - gap);
  if (order.length && order[0]!.p < min) {
    const shift = min - order[0]!.p;
    order.forEach((o) => (o.p += shift));
  }
  const out = new Array<number>(positions.length);
  order.forEach((o) => (out[o.i] = o.p));
  return out;
}

function lines(input: ChartInput, width: number, style: ExportMeta['yearStyle'], rows: PackRow[], years: number[], drawn: Drawn = COUNTS): Omit<ChartSvg, 'years' | 'partial'> {
  const { result, timing } = input;
  const prefix = idPrefix(result.pack);
  const yearNames = years.map((y) => yearLabel(y, timing, style));
  const countOf = drawn.of;
  const formatInteger = drawn.text;
  const max = Math.max(0, ...rows.flatMap((r) => years.map((y) => countOf(r.values[y]) ?? 0)));
  const { top, step } = axisMax(max);
  const endLabels = rows.map((r) => wrap(r.label, 22, 4));
  const endW = Math.min(200, Math.max(40, ...endLabels.flat().map((l) => textWidth(l, FS_TEXT)))) + 28;
  const left = 64;
  const right = width - endW;
  const plotTop = 24;
  const plotH = 320;
  const plotBottom = plotTop + plotH;
  let height = plotBottom + 48;
  const xStep = (right - left) / Math.max(1, years.length);
  const x = (i: number) => left + xStep * (i + 0.5);
  const y = (v: number) => plotBottom - (plotH * v) / top;

  let body = valueAxis('y', top, step, plotBottom, plotTop, [left, right], false);
  if (drawn.axisTitle) body += label(16, 14, drawn.axisTitle, { anchor: 'start', size: FS_SMALL, bold: true, halo: false, cls: 'axis-title' });
  yearNames.forEach((t, i) => (body += axisYear(x(i), plotBottom + 18, t, xStep)));

  // Value labels: above each point, but below it when the line above runs close, then pushed
  // apart so no two overlap.
  const valueLabels: string[] = [];
  years.forEach((year, yi) => {
    const pts = rows
      .map((r) => countOf(r.values[year]))
      .flatMap((v) => (v === null ? [] : [{ v, py: y(v) }]))
      .sort((a, b) => a.py - b.py);
    const wanted = pts.map((p, k) => (k > 0 && p.py - pts[k - 1]!.py < 26 ? p.py + 19 : p.py - 9));
    const placed = spread(wanted, FS_SMALL + 2, plotTop - 8, plotBottom - 4);
    pts.forEach((p, k) => valueLabels.push(label(x(yi), placed[k]!, formatInteger(p.v), { cls: 'value' })));
  });

  const parts: string[] = [];
  let series = '';
  const ends: { y: number; lines: string[] }[] = [];
  rows.forEach((row, ri) => {
    const palette = input.look?.palette ?? CHART_PALETTE;
    const colour = palette[ri % palette.length]!;
    let d = '';
    let pen = false;
    let marks = '';
    let lastY: number | null = null;
    const values: string[] = [];
    years.forEach((year, yi) => {
      const cell = row.values[year];
      const v = countOf(cell);
      if (v === null) {
        pen = false; // a gap, never a line drawn through a hidden figure
        if (cell?.suppressed) marks += label(x(yi), plotBottom - 6, SUPPRESSED, { cls: 'suppressed-mark', bold: true });
        values.push(`${yearNames[yi]} ${cell?.suppressed ? 'suppressed' : 'no figure'}`);
        return;
      }
      d += `${pen ? 'L' : 'M'}${r1(x(yi))},${r1(y(v))} `;
      pen = true;
      marks += marker(ri, x(yi), y(v), colour);
      lastY = y(v);
      values.push(`${yearNames[yi]} ${formatInteger(v)}`);
    });
    const dash = DASHES[ri % DASHES.length];
    series += `<g class="series"><path class="line" d="${d.trim()}" fill="none" stroke="${colour}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>${marks}</g>`;
    if (lastY !== null) ends.push({ y: lastY, lines: endLabels[ri]! });
    parts.push(seriesText(row.label, values));
  });
  const endGap = Math.max(...ends.map((e) => e.lines.length), 1) * LINE_H + 6;
  const endYs = spread(ends.map((e) => e.y + 4), endGap, plotTop, plotBottom);
  const endMarkup = ends.map((e, i) => multiline(right + 12, endYs[i]! - ((e.lines.length - 1) * LINE_H) / 2, e.lines, FS_TEXT, 'start')).join('');
  body += series + `<g class="values">${valueLabels.join('')}</g><g class="end-labels">${endMarkup}</g>`;
  ({ body, height } = withFootnote(result, body, height, input.historyNote));
  const summary = `${result.title}. Line chart over ${yearNames.join(', ')}, one line for each measure. ${parts.join('; ')}.`;
  return { svg: frame(input, prefix, width, height, result.title, summary, body, rows.length), width, height, summary };
}

// ---------------------------------------------------------------------------------------------
// 100% stacked bars

/** A segment's label goes inside it (on a white tag) only when the tag fits with the pattern showing around it. */
const TAG_H = FS_SMALL + 5;
const INSIDE_MIN_H = TAG_H + 2;
/** A segment too thin for its tag is labelled beside its bar, joined to it by a short leader. */
const LEADER = 8;
/** Bars are never drawn thinner than this to make room for labels beside them. */
const MIN_BAR_W = 30;
const THIN_UNLABELLED_NOTE = 'A segment too thin to label has its figure in the table.';

/** One drawn segment of a 100% bar, bottom up: its top and height (px), and its label. */
interface Segment {
  top: number;
  h: number;
  text: string;
  cls: 'value' | 'suppressed-mark';
  fill: string;
  suppressed: boolean;
}

function stacked(input: ChartInput, width: number, style: ExportMeta['yearStyle'], rows: PackRow[], years: number[]): Omit<ChartSvg, 'years' | 'partial'> {
  const { result, timing } = input;
  const prefix = idPrefix(result.pack);
  const yearNames = years.map((y) => yearLabel(y, timing, style));

  const share = (row: PackRow, year: number) => stackShare(rows, row, year);

  const legendLines = rows.map((r) => wrap(r.label, 28, 3));
  const anySuppressed = rows.some((r) => years.some((y) => r.values[y]?.suppressed));
  const legendW = Math.min(240, Math.max(80, ...legendLines.flat().map((l) => textWidth(l, FS_TEXT)))) + 40;
  const left = 64;
  const plotTop = 20;
  const plotH = 340;
  const plotBottom = plotTop + plotH;
  const y = (pct: number) => (plotH * pct) / 100;

  // Each year's segments, bottom up, and the words of its bar for the summary.
  const perYear: string[] = [];
  const segments = years.map((year, yi) => {
    let base = plotBottom;
    const values: string[] = [];
    const segs: Segment[] = [];
    rows.forEach((row, ri) => {
      const p = share(row, year);
      if (p === null || p <= 0) {
        values.push(`${row.label} ${row.values[year]?.suppressed ? 'suppressed' : p === 0 ? '0%' : 'no figure'}`);
        return;
      }
      const h = y(p);
      segs.push({ top: base - h, h, text: `${formatDecimal(p)}%`, cls: 'value', fill: fillOf(prefix, ri), suppressed: false });
      base -= h;
      values.push(`${row.label} ${formatDecimal(p)}%`);
    });
    // What suppression hid is shown as its own hatched grey segment, never spread over the rest.
    const hidden = stackHidden(rows, year);
    if (hidden > 0) {
      const h = y(hidden);
      segs.push({ top: base - h, h, text: SUPPRESSED, cls: 'suppressed-mark', fill: `url(#${prefix}-pc)`, suppressed: true });
    }
    perYear.push(`${yearNames[yi]}: ${values.join(', ')}`);
    return segs;
  });

  // The layout: the legend on the right; with a segment too thin for its tag, its label beside the
  // bar, with room made for it (narrower bars, or the legend under the plot); when there is no room
  // even so (many years), a line under the chart says the table has the figures.
  const thin = segments.flat().filter((s) => s.h < INSIDE_MIN_H);
  const besideW = thin.length ? Math.max(...thin.map((s) => textWidth(s.text, FS_SMALL))) + LEADER + 4 : 0;
  const layout = (legendRight: boolean) => {
    // (Under the plot, the last bar's label beside it needs the room the legend leaves.)
    const right = legendRight ? width - legendW - 16 : width - Math.max(16, besideW);
    const band = (right - left) / Math.max(1, years.length);
    const barW = Math.min(110, band * 0.62, thin.length ? band - besideW : Infinity);
    return { legendRight, right, band, barW };
  };
  let at = layout(true);
  if (thin.length && at.barW < MIN_BAR_W) at = layout(false);
  const beside = thin.length > 0 && at.barW >= MIN_BAR_W;
  if (thin.length && !beside) at = { ...layout(true), barW: Math.min(110, layout(true).band * 0.62) };
  const { right, band, barW } = at;

  let body = valueAxis('y', 100, 20, plotBottom, plotTop, [left, right], true);
  let bars = '';
  segments.forEach((segs, yi) => {
    const bx = left + yi * band + (band - barW) / 2;
    for (const s of segs) {
      bars += `<rect class="bar${s.suppressed ? ' suppressed' : ''}" x="${r1(bx)}" y="${r1(s.top)}" width="${r1(barW)}" height="${r1(s.h)}" fill="${s.fill}" stroke="${INK}" stroke-width="0.75"/>`;
      if (s.h >= INSIDE_MIN_H) bars += tagLabel(bx + barW / 2, s.top + s.h / 2, s.text, s.cls);
    }
    if (beside) {
      // Beside the bar, in the order the segments stack, pushed apart so that no two labels touch.
      const small = segs.filter((s) => s.h < INSIDE_MIN_H);
      const mids = small.map((s) => s.top + s.h / 2);
      const placed = spread(mids, FS_SMALL + 2, plotTop + FS_SMALL / 2, plotBottom - FS_SMALL / 2);
      small.forEach((s, k) => {
        const x0 = bx + barW;
        bars += `<line class="leader" x1="${r1(x0)}" y1="${r1(mids[k]!)}" x2="${r1(x0 + LEADER - 2)}" y2="${r1(placed[k]!)}" stroke="${INK}" stroke-width="0.75"/>`;
        bars += label(x0 + LEADER, placed[k]! + FS_SMALL / 2 - 2, s.text, { anchor: 'start', cls: s.cls });
      });
    }
    body += axisYear(left + yi * band + band / 2, plotBottom + 18, yearNames[yi]!, band);
  });
  body += `<g class="bars">${bars}</g>`;

  // The legend in the order the segments stack (top segment first): on the right, or under the plot.
  const items = rows.map((r, i) => ({ lines: legendLines[i]!, fill: fillOf(prefix, i) })).reverse();
  if (anySuppressed) items.unshift({ lines: [HIDDEN_SEGMENT_LABEL], fill: `url(#${prefix}-pc)` });
  let height: number;
  if (at.legendRight) {
    let ly = plotTop;
    let legend = '';
    for (const item of items) {
      legend += `<g class="legend-item">${swatch(right + 24, ly, item.fill)}${multiline(right + 44, ly + 11.5, item.lines, FS_TEXT, 'start')}</g>`;
      ly += item.lines.length * LINE_H + 10;
    }
    body += `<g class="legend">${legend}</g>`;
    height = Math.max(plotBottom + 44, ly + 12);
  } else {
    // Two columns under the plot, reading across, each name wrapped to its column.
    const colW = (width - 32) / 2;
    const chars = Math.max(12, Math.floor((colW - 30) / (FS_TEXT * 0.58)));
    let ly = plotBottom + 44;
    let legend = '';
    for (let i = 0; i < items.length; i += 2) {
      const pair = items.slice(i, i + 2).map((item) => ({ ...item, lines: wrap(item.lines.join(' '), chars, 3) }));
      pair.forEach((item, c) => {
        const x = 16 + c * colW;
        legend += `<g class="legend-item">${swatch(x, ly, item.fill)}${multiline(x + 20, ly + 11.5, item.lines, FS_TEXT, 'start')}</g>`;
      });
      ly += Math.max(...pair.map((item) => item.lines.length)) * LINE_H + 8;
    }
    body += `<g class="legend">${legend}</g>`;
    height = ly + 6;
  }
  ({ body, height } = withFootnote(result, body, height, [...(thin.length && !beside ? [THIN_UNLABELLED_NOTE] : []), ...(input.historyNote ? [input.historyNote] : [])]));
  const summary = `${result.title}. Stacked bar chart: each year's bar is split into the percentage in each category. ${perYear.join('; ')}.`;
  return { svg: frame(input, prefix, width, height, result.title, summary, body, rows.length), width, height, summary };
}

export function renderChartSvg(given: ChartInput, options: ChartOptions = {}): ChartSvg {
  const width = options.width ?? 680;
  const full = given.result;
  const trimmed = chartSelection(given, options.maxYears);
  const { rows, years } = trimmed;
  // Grouped bars draw only the latest years: only those years' missing figures need a word.
  const wouldDraw = chartYears(full.years, given.chart, chartRows(full, given.chart).length, options.maxYears);
  const left = trimmed.left.filter((y) => wouldDraw.includes(y));
  const leftOut = chartLeftOutNote(left, (y) => yearLabel(y, given.timing, options.yearStyle));
  const input: ChartInput = { ...given, result: trimmed.result, ...(leftOut ? { historyNote: leftOut } : {}), ...(options.look ? { look: options.look } : {}) };
  const draw = input.chart === 'line' ? lines : input.chart === 'stacked-100' ? stacked : groupedBars;
  // The figures besides the count are drawn in panels of their own (withFigurePanels), so the
  // counts' chart leaves them out, its "c = suppressed" line included.
  const counts = figurePanels(input.result).length ? { ...input, result: { ...input.result, rows: input.result.rows.filter((r) => r.role !== 'measure') } } : input;
  const chart = draw(counts, width, options.yearStyle, rows, years);
  const partial = rows.length < full.rows.length || years.length < full.years.length || left.length > 0;
  const notes = [
    ...(years.length < input.result.years.length ? [`The chart compares the latest ${years.length === 1 ? 'year' : `${years.length} years`}; the table has every year.`] : []),
    ...(rows.length < full.rows.length ? ['It draws the main rows; the table has every row.'] : []),
    ...(leftOut ? [leftOut] : []),
  ];
  const summary = notes.length ? `${chart.summary} ${notes.join(' ')}` : chart.summary;
  const svg = notes.length ? chart.svg.replace(`>${esc(chart.summary)}</desc>`, `>${esc(summary)}</desc>`) : chart.svg;
  return withFigurePanels({ ...chart, svg, summary, years, partial }, input, width, options.yearStyle);
}

/**
 * A local pack's figures besides the count (average days, total hours) under its chart, one small
 * chart each, with the value axis titled in the figure's unit: on the counts' axis they would be
 * read as counts. The same kind of chart and years as the counts (bars, or lines over months);
 * a suppressed figure is a gap marked c, one with no rows a gap. The alt text says each is drawn.
 */
function withFigurePanels(main: ChartSvg, input: ChartInput, width: number, style: ExportMeta['yearStyle']): ChartSvg {
  const panels = figurePanels(input.result);
  if (panels.length === 0) return main;
  const drawnPanels = panels.map((panel, i) => {
    const result: PackResult = { ...input.result, pack: `${input.result.pack}-figure-${i + 1}`, title: panel.title, rows: panel.rows, total: {} };
    const unit = panel.unit ? `${panel.unit[0]!.toUpperCase()}${panel.unit.slice(1)}` : 'Value';
    const drawn: Drawn = { of: figureValue, text: formatDecimal, what: `the ${panel.title.toLowerCase()} (${panel.unit || 'value'})`, axisTitle: unit };
    const draw = input.chart === 'line' ? lines : groupedBars;
    return draw({ ...input, result }, width, style, panel.rows, main.years, drawn);
  });
  let y = main.height;
  let body = main.svg.replace('<svg ', '<svg x="0" y="0" ');
  drawnPanels.forEach((p, i) => {
    // Each panel under a heading naming its figure, above its own key and axis.
    body += label(16, y + 24, panels[i]!.title, { anchor: 'start', size: FS_TEXT + 1, bold: true, halo: false, cls: 'figure-title' });
    y += 30;
    body += p.svg.replace('<svg ', `<svg x="0" y="${y}" `);
    y += p.height;
  });
  const summary = `${main.summary} Under it, ${drawnPanels.length === 1 ? 'a chart' : `${drawnPanels.length} charts`} of the figures besides the count: ${drawnPanels.map((p) => p.summary).join(' ')}`;
  const prefix = `${idPrefix(input.result.pack)}-all`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" role="img" aria-labelledby="${prefix}-title ${prefix}-desc" font-family="${fontFamily(input.look)}">` +
    `<title id="${prefix}-title">${esc(input.result.title)}</title><desc id="${prefix}-desc">${esc(summary)}</desc>${body}</svg>`;
  return { ...main, svg, height: y, summary };
}
