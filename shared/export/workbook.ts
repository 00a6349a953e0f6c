/**
 * The Excel export: a Contents sheet linking to one sheet per pack, and a Notes sheet (symbols,
 * definitions, source files with checksums, when generated). Every figure is a real number with a
 * number format; suppressed figures are the text "c". Text that a spreadsheet could take for a
 * formula is stored as text with the Text format and Excel's quote prefix, so it is never
 * evaluated, not even when someone edits the cell.
 *
 * exceljs cannot write quotePrefix, image alt text or an internal-only hyperlink, so the file it
 * writes is patched afterwards (see patchPackage).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { flowLabel } from '../domain/years.js';
import { comparatorLabelWidth, writeComparatorsToSheet } from '../ees/packComparatorExport.js';
import { exportSuppressionNote, tooFewMessage, tooFewToPublish } from '../packs/suppression.js';
import { HISTORY_SYMBOL } from '../packs/history.js';
import { chartGapSentence, chartSelection, figurePanels, HIDDEN_SEGMENT_LABEL, stackGaps, stackHidden, stackShare } from './chartRows.js';
import type { PackRow } from '../packs/result.js';
import { formatDecimal } from '../format.js';
import { renderChartSvg } from './chartSvg.js';
import {
  buildTableModel,
  figureCaption,
  fitInto,
  formatTimestamp,
  generalNotes,
  NO_FIGURE,
  NOT_COLLECTED,
  needsFormulaGuard,
  pngSize,
  sourceLine,
  SUPPRESSED,
  tableLegend,
  withGroupHeadings,
  yearLabel,
  type ModelCell,
  type ModelColumn,
  type TableModel,
} from './model.js';
import { DEFAULT_HOUSE_STYLE, tint, type HouseLook } from './houseStyle.js';
import { addNativeCharts, type NativeChart } from './xlsxCharts.js';
import type { ChartKind, ExportMeta, ExportTable, ReportItem } from './types.js';

const FONT = 'Arial';
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDEE0E2' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF6F777B' } };
const MEDIUM: ExcelJS.Border = { style: 'medium', color: { argb: 'FF0B0C0C' } };

export const NUMBER_FORMATS = {
  count: '#,##0',
  percent: '0.0%',
  decimal: '0.0',
  'change-count': '+#,##0;-#,##0;0',
  'change-points': '+0.0;-0.0;0.0',
  'change-decimal': '+0.0;-0.0;0.0',
} as const;

/** A number format showing a symbol after the figure in every section ('0.0%' -> '0.0%" u"'): the cell stays a number. */
export function withSymbol(format: string, symbol: string): string {
  return format
    .split(';')
    .map((section) => `${section}" ${symbol}"`)
    .join(';');
}

/** Excel's built-in id of the Text number format '@', which the quote-prefix patch looks for. */
const TEXT_FORMAT_ID = '49';

/**
 * Writes text into a cell so that it is only ever text. Formula-like text gets the Text format
 * (and, after patchPackage, the quote prefix).
 */
function setText(cell: ExcelJS.Cell, text: string, font: Partial<ExcelJS.Font> = {}): void {
  cell.value = text;
  cell.font = { name: FONT, size: 10, ...font };
  if (needsFormulaGuard(text)) cell.numFmt = '@';
}

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique, cut at a word. */
export function sheetName(n: number, title: string, taken: Set<string>): string {
  const clean = `${n} ${title}`.replace(/[[\]:*?/\\]/g, ' ').replace(/'/g, '').replace(/\s+/g, ' ').trim();
  let name = '';
  for (const word of clean.split(' ')) {
    const next = name ? `${name} ${word}` : word;
    if (next.length > 31) break;
    name = next;
  }
  if (!name) name = clean.slice(0, 31);
  let unique = name;
  for (let k = 2; taken.has(unique.toLowerCase()); k++) unique = `${name.slice(0, 31 - String(k).length - 3)} (${k})`;
  taken.add(unique.toLowerCase());
  return unique;
}

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** A1-style column letters. */
function col(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

// Printing: A4 landscape with the margins below leaves about 770 x 508 points for the sheet.
const PRINT_WIDTH_PT = 842 - 2 * 36;
const PRINT_HEIGHT_PT = 595 - 2 * 43.2;
/** Points per line of Arial 10 text in a wrapped cell. */
export const LINE_PT = 13;

/** A column's width in pixels at 100% zoom (Excel: 7 px per unit of the default font, plus 5). */
const columnPx = (width: number) => Math.round(width * 7 + 5);

/**
 * Lines a text takes when wrapped in `widthChars` column units at `size` points. An Arial 10
 * character of English text averages about 5.6 px (bold 6 px; 6.8 px for headings of digits)
 * against 7 px per unit; this errs on the tall side, as a clipped line is worse than a little space.
 */
export function wrappedLines(text: string, widthChars: number, size = 10, bold = false, charPx = bold ? 6.3 : 5.9): number {
  const perLine = Math.max(4, ((columnPx(widthChars) - 8) / charPx) * (10 / size));
  return text.split('\n').reduce((n, part) => {
    // Word by word, as the spreadsheet wraps.
    let lines = 1;
    let used = 0;
    for (const word of part.split(/\s+/).filter(Boolean)) {
      const len = word.length;
      if (used > 0 && used + 1 + len > perLine) {
        lines += 1;
        used = len;
      } else used += (used > 0 ? 1 : 0) + len;
      if (used > perLine) {
        lines += Math.floor(used / perLine);
        used %= perLine;
      }
    }
    return n + lines;
  }, 0);
}

/** Row height (points) for wrapped text, at least one standard row. */
export function wrappedHeight(text: string, widthChars: number, size = 10, bold = false): number {
  return Math.max(15, wrappedLines(text, widthChars, size, bold) * Math.max(LINE_PT, size * 1.3) + 3);
}

/** A text line across the whole table width (merged, wrapped), used for the lines above and below it. */
function wideLine(ws: ExcelJS.Worksheet, row: number, lastCol: number, widthChars: number, text: string, font: Partial<ExcelJS.Font> = {}): number {
  const cell = ws.getCell(row, 1);
  setText(cell, text, font);
  cell.alignment = { wrapText: true, vertical: 'top' };
  if (lastCol > 1) ws.mergeCells(row, 1, row, lastCol);
  const height = wrappedHeight(text, widthChars, font.size ?? 10, font.bold);
  ws.getRow(row).height = height;
  return height;
}

/** A thin empty row between blocks. */
function gap(ws: ExcelJS.Worksheet, row: number, height = 8): number {
  ws.getRow(row).height = height;
  return height;
}

function writeFigure(cell: ExcelJS.Cell, c: ModelCell, bold: boolean): void {
  const font = { name: FONT, size: 10, bold };
  switch (c.kind) {
    case 'number':
      // Percentages are stored as fractions so Excel's % format shows them as the pack gave them.
      cell.value = c.format === 'percent' ? c.value / 100 : c.value;
      cell.numFmt = c.lowReliability ? withSymbol(NUMBER_FORMATS[c.format], HISTORY_SYMBOL) : NUMBER_FORMATS[c.format];
      cell.font = font;
      cell.alignment = { horizontal: 'right', vertical: 'bottom' };
      return;
    case 'suppressed':
    case 'not-collected':
    case 'missing':
      cell.value = c.kind === 'suppressed' ? SUPPRESSED : c.kind === 'not-collected' ? NOT_COLLECTED : NO_FIGURE;
      cell.font = font;
      cell.alignment = { horizontal: 'right', vertical: 'bottom' };
      return;
    case 'blank':
      cell.font = font;
      return;
  }
}

interface PackSheetPlan {
  table: ExportTable;
  model: TableModel;
  number: number;
  /** The chart's number: the table's, or in a report its own count of figures (as Word's SEQ Figure counts). */
  figure: number;
  name: string;
}

/** Where the chart data beside a chart was written: its header row, first and last data rows, and columns. */
export interface ChartDataBlock {
  headerRow: number;
  firstRow: number;
  lastRow: number;
  /** Series (years), in columns 2 onwards. */
  series: string[];
}

/**
 * Widths of the figure columns: room for a heading's longest word in bold ("31 March", "Change
 * since") and for the figures; no wider, so that fitting the sheet to the page keeps text large.
 */
function figureWidth(column: ModelColumn): number {
  if (column.role.startsWith('change')) return 12.5;
  // "31 March" (snapshot headings) needs 9 units in bold; "2018/19" and "100.0%" need 8.
  return /\d{2} \w+ \d{4}/.test(column.group) ? 9.5 : 8.5;
}

/** The figures a pack's chart draws, as a small table: one row per category, one column per year drawn. */
export function chartData(table: ExportTable, meta: ExportMeta): { series: string[]; rows: { label: string; cells: ModelCell[] }[] } {
  const { selection, years } = chartDataYears(table);
  return dataTable(selection.rows, years, table, meta, 'count');
}

/** Rows by years drawn: the count (or a figure's value, to one decimal), c where suppressed, – where none. */
function dataTable(rows: PackRow[], years: number[], table: ExportTable, meta: ExportMeta, part: 'count' | 'value') {
  return {
    series: years.map((y) => yearLabel(y, table.timing, meta.yearStyle)),
    rows: rows.map((row) => ({
      label: row.label,
      cells: years.map((y): ModelCell => {
        const c = row.values[String(y)];
        if (c?.suppressed) return { kind: 'suppressed' };
        const v = c?.[part];
        return typeof v === 'number' ? { kind: 'number', value: v, format: part === 'count' ? 'count' : 'decimal' } : { kind: 'missing' };
      }),
    })),
  };
}

type ChartData = ReturnType<typeof chartData>;

/**
 * Under a native chart, what its gaps are: it draws a suppressed figure (c) as no bar or point, as
 * the screen's chart does; a 100% stack, what suppression hid as a segment of its own (stackSeries).
 */
function nativeGapNote(kind: ChartKind, data: ChartData, table?: ExportTable): string | null {
  if (kind === 'stacked-100' && table) {
    const { selection, years } = chartDataYears(table);
    return chartGapSentence(kind, stackGaps(selection.rows, years));
  }
  const cells = data.rows.flatMap((r) => r.cells);
  return chartGapSentence(kind, { suppressed: cells.some((c) => c.kind === 'suppressed'), none: cells.some((c) => c.kind === 'missing') });
}

/**
 * A 100% stacked chart's series as the SVG and screen charts draw them: each row at its share of
 * the year's whole total (stackShare), and what suppression hid as a grey series of its own
 * (stackHidden), so no row is stretched over what is hidden.
 */
function stackSeries(table: ExportTable): NativeChart['series'] {
  const { selection, years } = chartDataYears(table);
  const { rows } = selection;
  const positive = (v: number | null) => (v !== null && v > 0 ? v : null);
  const series: NativeChart['series'] = rows.map((r) => ({ name: r.label, values: years.map((y) => positive(stackShare(rows, r, y))) }));
  const hidden = years.map((y) => positive(stackHidden(rows, y)));
  if (hidden.some((h) => h !== null)) series.push({ name: HIDDEN_SEGMENT_LABEL, values: hidden, hidden: true });
  return series;
}

/** The chart's selection and the years its data gives: the image's when it says (drawn here), else the ones the chart would draw. */
function chartDataYears(table: ExportTable) {
  const selection = chartSelection(table);
  const years = (table.chartYears ?? selection.years).filter((y) => selection.result.years.includes(y)).sort((a, b) => a - b);
  return { selection, years };
}

/**
 * A local pack's figures besides the count (average days, total hours), as the chart draws them
 * under its counts: one table each, the figure to one decimal place, c where suppressed.
 */
export function figureChartData(table: ExportTable, meta: ExportMeta): (ChartData & { title: string; unit: string })[] {
  const { selection, years } = chartDataYears(table);
  return figurePanels(selection.result).map((panel) => ({ title: panel.title, unit: panel.unit, ...dataTable(panel.rows, years, table, meta, 'value') }));
}

/**
 * A pack's chart as a native Excel chart (xlsxCharts.ts): grouped bars with the years as series,
 * lines and 100% stacks with the rows as series, in the house colours. Its size is the one the
 * app's chart would have (horizontal bars grow with the categories).
 */
function nativeChart(table: ExportTable, title: string, data: ChartData, meta: ExportMeta, figure?: { unit: string }): NativeChart {
  const look = meta.house ?? DEFAULT_HOUSE_STYLE;
  const value = (c: ModelCell) => (c.kind === 'number' ? c.value : null);
  const bars = table.chart === 'grouped-bar' || (figure !== undefined && table.chart !== 'line');
  const horizontal = bars && (data.rows.length > 8 || data.rows.some((r) => r.label.length > 22));
  const series = bars ? data.series.map((name, k) => ({ name, values: data.rows.map((r) => value(r.cells[k]!)) })) : table.chart === 'stacked-100' && !figure ? stackSeries(table) : data.rows.map((r) => ({ name: r.label, values: r.cells.map(value) }));
  const height = horizontal ? Math.max(360, 120 + data.rows.length * Math.max(20, 10 + 9 * data.series.length)) : 400 + (bars ? 0 : 20 * Math.ceil(series.length / 3));
  // A figure's chart: in words, each category's figure in each year (c and none as gaps).
  const figureWords = () =>
    `${title}, in ${figure!.unit}: ${bars ? 'bars' : 'lines'} for ${data.series.join(', ')}. ` +
    data.rows.map((r) => `${r.label}: ${r.cells.map((c, k) => `${data.series[k]} ${c.kind === 'number' ? formatDecimal(c.value) : c.kind === 'suppressed' ? 'suppressed' : 'no figure'}`).join(', ')}`).join('; ') +
    '.';
  return {
    kind: figure ? (bars ? 'grouped-bar' : 'line') : table.chart,
    title,
    description: figure ? figureWords() : (table.chartAlt ?? renderChartSvg(table, { yearStyle: meta.yearStyle }).summary),
    categories: bars ? data.rows.map((r) => r.label) : data.series,
    series,
    horizontal,
    anchor: { col: 0, row: 0, width: 680, height },
    palette: look.palette,
    font: look.font,
    ...(figure ? { valueTitle: `${figure.unit[0]?.toUpperCase() ?? ''}${figure.unit.slice(1)}` || 'Value', decimals: true } : {}),
  };
}

function writePackSheet(wb: ExcelJS.Workbook, plan: PackSheetPlan, meta: ExportMeta, images: Map<number, string>, charts?: Map<number, NativeChart[]>): string {
  const { model, table, number, name } = plan;
  const ws = wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  });
  const lastCol = 1 + model.columns.length;

  // Widths first: the wrapped lines above the table are sized from them. Long labels wrap. The
  // comparators' labels under the table widen the first column: counted here, so the printed scale is right.
  const ownLabelWidth = Math.max(18, Math.min(40, Math.max(model.rowHeading.length, ...model.rows.map((r) => r.label.length + (r.inGroup ? 2 : 0))) + 2));
  const labelWidth = table.result.comparators ? Math.max(ownLabelWidth, comparatorLabelWidth(table.result.comparators)) : ownLabelWidth;
  const widths = [labelWidth, ...model.columns.map(figureWidth)];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const totalWidth = widths.reduce((a, b) => a + b, 0);
  // The scale that fitting to the page's width will print at, to keep blocks within pages.
  const sheetPt = widths.reduce((a, w) => a + columnPx(w), 0) * 0.75;
  const printScale = Math.min(1, PRINT_WIDTH_PT / sheetPt);

  let r = 1;
  let used = 0; // points from the top of the sheet, at 100%
  used += wideLine(ws, r++, lastCol, totalWidth, `Table ${number}: ${model.title}`, { size: 14, bold: true });
  used += wideLine(ws, r++, lastCol, totalWidth, model.period, { bold: true });
  if (model.definition) used += wideLine(ws, r++, lastCol, totalWidth, model.definition);
  used += wideLine(ws, r++, lastCol, totalWidth, sourceLine(meta, model.columns.length ? [...new Set(model.columns.map((c) => c.year))] : table.result.years, model.pack));
  for (const line of tableLegend(model, meta)) used += wideLine(ws, r++, lastCol, totalWidth, line, { italic: true });
  used += gap(ws, r++);

  // A pack withheld in every year says so instead of a table of c (and has no chart), as on screen and in Word.
  const tooFew = tooFewToPublish(table.result);
  let headerHeight = 0;
  let headerRow = r;
  let repeated = false;
  if (tooFew) used += wideLine(ws, r++, lastCol, totalWidth, tooFewMessage(table.result.suppression!.threshold), { bold: true });
  else {
    // Header: one row, each heading whole ("31 March 2023" over "Number"), so no merged cells.
    headerRow = r;
    const headers = [model.rowHeading, ...model.columns.map((c) => `${c.group}\n${c.sub}`)];
    headers.forEach((h, i) => {
      const cell = ws.getCell(headerRow, i + 1);
      setText(cell, h, { bold: true });
      cell.fill = HEADER_FILL;
      cell.border = { top: THIN, bottom: MEDIUM };
      cell.alignment = { wrapText: true, vertical: 'bottom', horizontal: i === 0 ? 'left' : 'right' };
    });
    headerHeight = Math.max(...headers.map((h, i) => wrappedLines(h, widths[i]!, 10, true, 6.9))) * LINE_PT + 4;
    ws.getRow(headerRow).height = headerHeight;
    used += headerHeight;
    r++;

    // Rows as a report sets them: a group's heading (its subtotal, bold, when it has one), its
    // parts indented under it, the Total last.
    for (const item of withGroupHeadings(model)) {
      if (item.kind === 'group') {
        setText(ws.getCell(r, 1), item.label, { bold: true });
        ws.getCell(r, 1).alignment = { vertical: 'bottom' };
        if (lastCol > 1) ws.mergeCells(r, 1, r, lastCol);
        used += gap(ws, r++, 16);
        continue;
      }
      const row = item.row;
      const bold = row.isTotal || row.isSubtotal;
      const labelCell = ws.getCell(r, 1);
      setText(labelCell, row.label, { bold });
      // Excel and LibreOffice apply an indent only to a cell aligned left (or right): without it the parts sit flush.
      labelCell.alignment = { wrapText: true, vertical: 'bottom', ...(row.inGroup ? { horizontal: 'left', indent: 1 } : {}) };
      row.cells.forEach((c, i) => writeFigure(ws.getCell(r, 2 + i), c, bold));
      if (row.isTotal) for (let c = 1; c <= lastCol; c++) ws.getCell(r, c).border = { top: THIN, bottom: THIN };
      const height = wrappedHeight(row.label, labelWidth - (row.inGroup ? 2 : 0), 10, bold);
      ws.getRow(r).height = height;
      used += height;
      r++;
    }
    const lastDataRow = r - 1;
    // A defined name per table, so the figures can be referred to (and found) by name.
    wb.definedNames.add(`${quoteSheet(name)}!$A$${headerRow}:$${col(lastCol)}$${lastDataRow}`, `Table_${number}_${model.pack.replace(/[^A-Za-z0-9]/g, '_')}`);

    // Only a table longer than a page needs its header printed again on the next.
    repeated = used * printScale > PRINT_HEIGHT_PT;
    if (repeated) ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  }
  used += gap(ws, r++, 12);

  // Blocks under the table are not split by a page break: one that would not fit in what is left
  // of the page starts the next (at the printed scale; heights are estimates that err tall). A
  // repeated header takes its height from every page after the first.
  const pageHeight = PRINT_HEIGHT_PT / printScale - (repeated ? headerHeight : 0);
  const keepTogether = (firstRow: number, height: number) => {
    const left = pageHeight - (used % pageHeight);
    if (height > left && height <= pageHeight) {
      ws.getRow(firstRow - 1).addPageBreak();
      used += left;
    }
  };
  const block = (heading: string, lines: string[], size: number) => {
    if (lines.length === 0) return;
    keepTogether(r, wrappedHeight(heading, totalWidth, 10, true) + lines.reduce((h, l) => h + wrappedHeight(l, totalWidth, size), 0));
    used += wideLine(ws, r++, lastCol, totalWidth, heading, { bold: true });
    for (const line of lines) used += wideLine(ws, r++, lastCol, totalWidth, line, size === 10 ? {} : { size });
    used += gap(ws, r++, 12);
  };
  if (table.result.comparators) {
    // Written first, then kept on one page when they fit on one, else block by block (each measure
    // with its heading; the first with 'How we compare' above it): a measure cut
    // by a page break leaves its means on the next page with no heading. The blocks are the runs of
    // rows between empty ones; a break goes before a block that would straddle a page.
    const first = r;
    r = writeComparatorsToSheet(ws, r, table.result.comparators, table.result.years, (y) => yearLabel(y, table.timing, meta.yearStyle));
    // Every row given its height (a wrapped year label as tall as its lines), so the page breaks
    // are placed on the heights the spreadsheet prints, not on its default row height.
    const heightOf = (n: number) => {
      const row = ws.getRow(n);
      if (row.height === undefined) {
        let height = 15;
        row.eachCell((cell, c) => {
          if (cell.alignment?.wrapText && !cell.isMerged) height = Math.max(height, wrappedHeight(String(cell.value ?? ''), ws.getColumn(c).width ?? 9, cell.font?.size ?? 10, cell.font?.bold === true));
        });
        row.height = height;
      }
      return row.height;
    };
    let whole = 0;
    for (let n = first; n < r; n++) whole += heightOf(n);
    keepTogether(first, whole); // all on one page when they fit on one
    let start = first;
    for (let n = first; n <= r; n++) {
      if (n < r && ws.getRow(n).hasValues) continue;
      let height = 0;
      for (let k = start; k < n; k++) height += heightOf(k);
      if (height > 0) keepTogether(start, height);
      used += height + (n < r ? heightOf(n) : 0);
      start = n + 1;
    }
  }
  block('Notes', model.notes, 10);
  block('Commentary', table.commentary, 11);

  const png = tooFew ? undefined : table.chartPng;
  const data = tooFew ? null : chartData(table, meta);
  // A native chart in place of the image when asked for and there is something to draw (a table
  // has a figure exactly when it has an image, so the numbering stays the Word report's).
  const native = charts && png && pngSize(png) && data?.rows.length ? nativeChart(table, model.title, data, meta) : null;
  const figures = tooFew ? [] : figureChartData(table, meta);
  const size = native ? native.anchor : png ? pngSize(png) : null;
  if (data && size) {
    // Drawn as large as the page allows (up to 1.5 times its natural 680 px width), never wider
    // than the table, or fitting the sheet to the page would shrink the table to make room for it.
    const natural = fitInto(size, 680, Infinity);
    const maxWidth = Math.min(sheetPt / 0.75, (0.85 * PRINT_WIDTH_PT) / (0.75 * printScale));

    /**
     * The figures a chart draws, as a small table above it: rows and years as the chart has them,
     * counts as numbers, c where suppressed. Its height first (to keep it with its chart), then written.
     */
    const dataBlock = (heading: string, d: ChartData) => {
      const headerCells = [model.rowHeading, ...d.series];
      const headerHeight = Math.max(...headerCells.map((h, i) => wrappedLines(h, widths[i] ?? 8.5, 10, true, 6.9))) * LINE_PT + 4;
      const rowHeights = d.rows.map((row) => wrappedHeight(row.label, labelWidth));
      return {
        height: d.rows.length ? 16 + headerHeight + rowHeights.reduce((a, b) => a + b, 0) + 12 : 0,
        write: () => {
          if (!d.rows.length) return;
          setText(ws.getCell(r, 1), heading, { bold: true });
          used += gap(ws, r++, 16);
          headerCells.forEach((h, i) => {
            const cell = ws.getCell(r, i + 1);
            setText(cell, h, { bold: true });
            cell.fill = HEADER_FILL;
            cell.border = { bottom: THIN };
            cell.alignment = { wrapText: true, vertical: 'bottom', horizontal: i === 0 ? 'left' : 'right' };
          });
          used += gap(ws, r++, headerHeight);
          d.rows.forEach((row, k) => {
            setText(ws.getCell(r, 1), row.label);
            ws.getCell(r, 1).alignment = { wrapText: true, vertical: 'bottom' };
            row.cells.forEach((c, i) => writeFigure(ws.getCell(r, 2 + i), c, false));
            used += gap(ws, r++, rowHeights[k]!);
          });
          used += gap(ws, r++, 12);
        },
      };
    };

    /**
     * A chart and what goes with it, never cut by a page break and kept on one page: the data above
     * it, its caption, the chart (on rows of its own height, so what follows is placed below it) and
     * the note under it. It stays on the current page when it fits there at nearly its natural size
     * or more; otherwise all of it starts the next page, the chart drawn as large as that allows.
     * Returns the chart's top row (0-based) and size in pixels.
     */
    const placeChart = (above: { height: number; write: () => void }[], caption: string | null, natural: { width: number; height: number }, maxScale: number, note: string | null) => {
      const captionHeight = caption ? wrappedHeight(caption, totalWidth, 10, true) : 0;
      const noteHeight = note ? wrappedHeight(note, totalWidth, 10) : 0;
      const aboveHeight = above.reduce((h, b) => h + b.height, 0);
      const around = aboveHeight + captionHeight + noteHeight + 8;
      const room = pageHeight - (used % pageHeight);
      let box = fitInto(natural, maxWidth, (room - around) / 0.75, maxScale);
      if (box.width < 0.9 * natural.width || room <= around) {
        let onItsOwn = false;
        if (used % pageHeight > 0) {
          // Data too long to share a page with its chart: the data first, the chart from the top of a page.
          onItsOwn = fitInto(natural, maxWidth, (pageHeight - around) / 0.75, maxScale).width < 0.5 * natural.width;
          if (!onItsOwn) {
            ws.getRow(r - 1).addPageBreak();
            used += room;
          }
        }
        if (onItsOwn) {
          for (const b of above) {
            keepTogether(r, b.height);
            b.write();
          }
          above = [];
          ws.getRow(r - 1).addPageBreak();
          used += pageHeight - (used % pageHeight);
        }
        box = fitInto(natural, maxWidth, (pageHeight - (onItsOwn ? captionHeight + noteHeight + 8 : around)) / 0.75, maxScale);
      }
      for (const b of above) b.write();
      if (caption) used += wideLine(ws, r++, lastCol, totalWidth, caption, { bold: true });
      const top = r - 1;
      // Rows under the chart as tall as it (a row is at most 409 points), so a page break can find it.
      const height = box.height * 0.75 + 4;
      const parts = Math.ceil(height / 400);
      for (let k = 0; k < parts; k++) used += gap(ws, r++, height / parts);
      if (note) used += wideLine(ws, r++, lastCol, totalWidth, note, { italic: true });
      return { row: top, box };
    };

    const years = native ? data.series : [...(table.chartYears ?? table.result.years)].sort((a, b) => a - b).map((y) => yearLabel(y, table.timing, meta.yearStyle));
    const caption = figureCaption(plan.figure, model.title, years);
    const countsData = dataBlock(`Chart data: Figure ${plan.figure}`, data);
    const figureData = figures.map((f) => ({ figure: f, block: dataBlock(`Chart data: Figure ${plan.figure}, ${f.title}`, f) }));
    if (native) {
      // Each chart with its data above it: the counts', then a local pack's figures (average days,
      // total hours), a chart each, as wide as the counts' when they fit. A native chart shows a
      // suppressed figure as a gap, so a note under it says what a gap is.
      const counts = placeChart([countsData], caption, natural, 1.5, nativeGapNote(native.kind, data, table));
      const placed: NativeChart[] = [{ ...native, anchor: { col: 0, row: counts.row, ...counts.box } }];
      for (const { figure, block } of figureData.filter((f) => f.figure.rows.length)) {
        const chart = nativeChart(table, figure.title, figure, meta, { unit: figure.unit });
        const wide = { width: counts.box.width, height: Math.round((counts.box.width * chart.anchor.height) / chart.anchor.width) };
        const at = placeChart([block], null, wide, 1, nativeGapNote(chart.kind, figure));
        placed.push({ ...chart, anchor: { col: 0, row: at.row, ...at.box } });
      }
      charts!.set(ws.id, placed);
    } else {
      // One image (a local pack's figures are panels in it): its data, counts' and figures', above it.
      const at = placeChart([countsData, ...figureData.map((f) => f.block)], caption, natural, 1.5, null);
      const id = wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
      ws.addImage(id, { tl: { col: 0, row: at.row }, ext: at.box, editAs: 'oneCell' });
      images.set(ws.id, table.chartAlt ?? renderChartSvg(table).summary);
    }
  }

  if (!tooFew) ws.views = [{ state: 'frozen', xSplit: 1, ySplit: headerRow, topLeftCell: `B${headerRow + 1}`, activeCell: 'A1' }];
  ws.headerFooter.oddFooter = `&L&"Arial,Regular"&9${footerText(`Table ${number}: ${model.title}`)}&R&"Arial,Regular"&9Page &P of &N`;
  return name;
}

/** Header/footer text: '&' starts a code there, so it is doubled. */
function footerText(s: string): string {
  return s.replace(/&/g, '&&');
}

function writeContents(ws: ExcelJS.Worksheet, plans: PackSheetPlan[], meta: ExportMeta, notesName: string): void {
  const widths = [10, 60, 28, 48];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const total = widths.reduce((a, b) => a + b, 0);
  // Across the table's columns and wrapped: one long line would make fitting to the page's width shrink the sheet.
  wideLine(ws, 1, 4, total, meta.title, { size: 16, bold: true });
  wideLine(ws, 2, 4, total, `Generated ${formatTimestamp(meta.generatedAt)}`);
  wideLine(ws, 3, 4, total, meta.suppression ? exportSuppressionNote(meta.suppression, plans.map((p) => p.table.result)) : 'No figures are suppressed.');
  const header = 5;
  ['Table', 'Title (link to the sheet)', 'Section', 'Period'].forEach((h, i) => {
    const cell = ws.getCell(header, i + 1);
    setText(cell, h, { bold: true });
    cell.fill = HEADER_FILL;
    cell.border = { bottom: MEDIUM };
  });
  let r = header + 1;
  for (const plan of plans) {
    setText(ws.getCell(r, 1), `Table ${plan.number}`);
    sheetLink(ws.getCell(r, 2), plan.model.title, plan.name);
    setText(ws.getCell(r, 3), plan.table.section);
    setText(ws.getCell(r, 4), plan.model.period);
    r++;
  }
  r++;
  sheetLink(ws.getCell(r, 2), 'Notes: definitions, symbols and sources', notesName);
  ws.views = [{ state: 'frozen', ySplit: header, activeCell: 'A1' }];
  ws.pageSetup = { ...ws.pageSetup, paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  ws.pageSetup.printTitlesRow = `${header}:${header}`;
}

/** A link to another sheet's first cell (text that could be taken for a formula stays plain text: a link's text cannot carry the guard). */
function sheetLink(cell: ExcelJS.Cell, text: string, sheet: string): void {
  if (needsFormulaGuard(text)) return setText(cell, text);
  cell.value = { text, hyperlink: `${quoteSheet(sheet)}!A1`, tooltip: `Go to sheet ${sheet}` };
  cell.font = { name: FONT, size: 10, color: { argb: 'FF1D70B8' }, underline: true };
}

/** The report's contents: its title and organisation, then the outline in order, section headings over their tables' links. */
function writeReportContents(ws: ExcelJS.Worksheet, entries: (PackSheetPlan | { heading: string } | { narrative: string })[], meta: ExportMeta, organisation: string, notesName: string): string | undefined {
  const widths = [10, 60, 54];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const total = widths.reduce((a, b) => a + b, 0);
  let r = 1;
  // The house logo above the title, in a row of its own (at most 240 x 80 px, never enlarged).
  const logo = meta.house?.logo;
  if (logo) {
    const box = fitInto(logo, 240, 80);
    ws.getRow(r).height = box.height * 0.75 + 8;
    const id = ws.workbook.addImage({ buffer: logo.data as unknown as ExcelJS.Buffer, extension: logo.type === 'jpg' ? 'jpeg' : 'png' });
    ws.addImage(id, { tl: { col: 0, row: 0 }, ext: box, editAs: 'oneCell' });
    r++;
  }
  wideLine(ws, r++, 3, total, meta.title, { size: 16, bold: true });
  if (organisation) wideLine(ws, r++, 3, total, organisation, { size: 12 });
  wideLine(ws, r++, 3, total, `Draft made ${formatTimestamp(meta.generatedAt)} by the IRO Workbench.`);
  wideLine(ws, r++, 3, total, meta.suppression ? exportSuppressionNote(meta.suppression, entries.flatMap((e) => ('table' in e ? [e.table.result] : []))) : 'No figures are suppressed.');
  r++;
  const header = r++;
  ['Table', 'Title (link to the sheet)', 'Period'].forEach((h, i) => {
    const cell = ws.getCell(header, i + 1);
    setText(cell, h, { bold: true });
    cell.fill = HEADER_FILL;
    cell.border = { bottom: MEDIUM };
  });
  for (const entry of entries) {
    if ('heading' in entry) {
      r++;
      setText(ws.getCell(r++, 1), entry.heading, { size: 12, bold: true });
    } else if ('narrative' in entry) {
      // The outline's placeholders are for the Word report; a note on a table no longer there is kept.
      if (entry.narrative.startsWith('[The table ')) setText(ws.getCell(r++, 2), entry.narrative, { italic: true });
    } else {
      setText(ws.getCell(r, 1), `Table ${entry.number}`);
      sheetLink(ws.getCell(r, 2), entry.model.title, entry.name);
      setText(ws.getCell(r, 3), entry.model.period);
      for (const c of [1, 2, 3]) ws.getCell(r, c).alignment = { wrapText: c === 3, vertical: 'top' };
      ws.getRow(r).height = wrappedHeight(entry.model.period, 54);
      r++;
    }
  }
  r++;
  sheetLink(ws.getCell(r, 2), `Appendix: ${notesName.toLowerCase()}`, notesName);
  ws.views = [{ state: 'frozen', ySplit: header, activeCell: 'A1' }];
  ws.pageSetup = { ...ws.pageSetup, paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  ws.pageSetup.printTitlesRow = `${header}:${header}`;
  return logo ? `${organisation || 'Organisation'} logo` : undefined;
}

function writeNotes(ws: ExcelJS.Worksheet, plans: PackSheetPlan[], meta: ExportMeta, title = 'Notes'): void {
  const widths = [14, 34, 12, 26, 70];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const total = widths.reduce((a, b) => a + b, 0);
  let r = 1;
  wideLine(ws, r++, 5, total, title, { size: 14, bold: true });
  wideLine(ws, r++, 5, total, `Generated ${formatTimestamp(meta.generatedAt)}`);
  r++;
  wideLine(ws, r++, 5, total, 'Symbols and rounding', { bold: true, size: 12 });
  for (const line of generalNotes(meta, plans.map((p) => p.model))) wideLine(ws, r++, 5, total, line);
  r++;
  wideLine(ws, r++, 5, total, 'Definitions', { bold: true, size: 12 });
  for (const plan of plans) {
    wideLine(ws, r++, 5, total, `Table ${plan.number}: ${plan.model.title}`, { bold: true });
    wideLine(ws, r++, 5, total, plan.model.period);
    if (plan.model.definition) wideLine(ws, r++, 5, total, plan.model.definition);
    for (const note of plan.model.notes) wideLine(ws, r++, 5, total, note);
    r++;
  }
  r++;
  wideLine(ws, r++, 5, total, 'Sources: the SSDA903 files these tables were made from', { bold: true, size: 12 });
  const header = r;
  ['Collection year', 'File', 'Rows', 'Imported', 'SHA-256 checksum'].forEach((h, i) => {
    const cell = ws.getCell(header, i + 1);
    setText(cell, h, { bold: true });
    cell.fill = HEADER_FILL;
    cell.border = { bottom: MEDIUM };
    if (i === 2) cell.alignment = { horizontal: 'right' };
    if (i === 3) cell.alignment = { horizontal: 'left', indent: 1 };
  });
  r++;
  const sources = [...meta.sources].sort((a, b) => a.year - b.year || a.file.localeCompare(b.file));
  for (const s of sources) {
    setText(ws.getCell(r, 1), flowLabel(s.year));
    setText(ws.getCell(r, 2), s.file);
    const rows = ws.getCell(r, 3);
    rows.value = s.rows;
    rows.numFmt = NUMBER_FORMATS.count;
    rows.font = { name: FONT, size: 10 };
    setText(ws.getCell(r, 4), formatTimestamp(s.importedAt));
    ws.getCell(r, 4).alignment = { horizontal: 'left', indent: 1 };
    setText(ws.getCell(r, 5), s.sha256, { name: 'Courier New', size: 9 });
    r++;
  }
  if (sources.length === 0) setText(ws.getCell(r++, 1), 'No source files were recorded.');
  ws.pageSetup = { ...ws.pageSetup, paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

/**
 * Builds the .xlsx. Tables without a chart image get none (pass chartPng to include one; the CLI
 * draws them with chartSvg + electron/export/chartPng).
 */
export async function buildWorkbook(tables: ExportTable[], meta: ExportMeta): Promise<Uint8Array> {
  const taken = new Set<string>(['contents', 'notes']);
  const plans = tables.map((table, i) => planSheet(table, i + 1, i + 1, meta, taken));
  return writeBook(plans, meta, 'Notes', (ws, notesName) => writeContents(ws, plans, meta, notesName));
}

/**
 * The draft report as one workbook, in the outline's order: a contents sheet with the section
 * headings and a link to each table's sheet (numbered as the Word report's captions), one sheet
 * per table, and one sheet of sources and definitions.
 */
export async function buildReportWorkbook(items: ReportItem[], meta: ExportMeta, report: { organisation: string }): Promise<Uint8Array> {
  const notesName = 'Sources and definitions';
  const taken = new Set<string>(['contents', notesName.toLowerCase()]);
  let figures = 0;
  const entries = items.map((item, i) => {
    if (!('table' in item)) return item;
    const number = items.slice(0, i + 1).filter((x) => 'table' in x).length;
    // Figures are counted on their own, as Word's SEQ Figure field counts them: a table withheld has none.
    const drawn = item.table.chartPng && !tooFewToPublish(item.table.result) && pngSize(item.table.chartPng);
    const figure = drawn ? ++figures : figures + 1;
    return planSheet(item.table, number, figure, meta, taken);
  });
  const plans = entries.filter((e): e is PackSheetPlan => 'model' in e);
  return writeBook(plans, meta, notesName, (ws, name) => writeReportContents(ws, entries, meta, report.organisation, name), true);
}

function planSheet(table: ExportTable, number: number, figure: number, meta: ExportMeta, taken: Set<string>): PackSheetPlan {
  const model = buildTableModel(table, meta.yearStyle);
  return { table, model, number, figure, name: sheetName(number, model.title, taken) };
}

async function writeBook(plans: PackSheetPlan[], meta: ExportMeta, notesName: string, contentsSheet: (ws: ExcelJS.Worksheet, notesName: string) => string | void, nativeCharts = false): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const when = new Date(meta.generatedAt);
  wb.creator = 'IRO Workbench';
  wb.lastModifiedBy = 'IRO Workbench';
  wb.title = meta.title;
  if (!Number.isNaN(when.getTime())) {
    wb.created = when;
    wb.modified = when;
  }

  const contents = wb.addWorksheet('Contents');
  const images = new Map<number, string>();
  const charts = nativeCharts ? new Map<number, NativeChart[]>() : undefined;
  for (const plan of plans) writePackSheet(wb, plan, meta, images, charts);
  const notes = wb.addWorksheet(notesName);
  // The contents sheet may carry an image (the logo): its alt text, if so.
  const contentsAlt = contentsSheet(contents, notesName);
  if (contentsAlt) images.set(contents.id, contentsAlt);
  writeNotes(notes, plans, meta, notesName);

  if (meta.house) applyHouseStyle(wb, meta.house);

  return writeWorkbook(wb, meta.house?.font ?? FONT, images, charts);
}

/**
 * The final step of every workbook the app writes: any formula-like text still without the Text
 * format gets it (a workbook built elsewhere, such as How we compare, included), then exceljs's
 * output is patched (the quote prefix, the default font, alt texts, native charts).
 */
export async function writeWorkbook(wb: ExcelJS.Workbook, font = FONT, images = new Map<number, string>(), charts?: Map<number, NativeChart[]>): Promise<Uint8Array> {
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && needsFormulaGuard(cell.value) && (cell.numFmt = '@'))));
  // Stored, not compressed: patchPackage compresses the XML once and keeps the PNGs as they are.
  const written = new Uint8Array(await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as Partial<ExcelJS.XlsxWriteOptions>));
  return patchPackage(written, images, font, charts);
}

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

/**
 * The house style over the written sheets: its font in every cell written in the default font,
 * its heading colour on titles and headings (bold, 12 pt and up), and a light tint of its first chart colour as the
 * header fill (dark text on it keeps far more than 4.5:1).
 */
export function applyHouseStyle(wb: ExcelJS.Workbook, house: HouseLook): void {
  const fill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(tint(house.palette[0]!)) } };
  const defaultFill = (HEADER_FILL as ExcelJS.FillPattern).fgColor?.argb;
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const font = cell.font;
        if (font?.name === FONT) cell.font = { ...font, name: house.font, ...((font.size ?? 10) >= 12 && font.bold ? { color: { argb: argb(house.heading) } } : {}) };
        if (cell.fill?.type === 'pattern' && cell.fill.fgColor?.argb === defaultFill) cell.fill = fill;
      }),
    );
  }
}

/**
 * What exceljs cannot write, patched into its output:
 *  - Arial 10 as the workbook's default font;
 *  - quotePrefix="1" on the cell styles with the Text format (the formula guard);
 *  - hyperlinks to other sheets as internal locations only (exceljs adds an external relationship
 *    to the same target, which Excel would try to open as a file);
 *  - alt text (descr) on chart images.
 */
export async function patchPackage(xlsx: Uint8Array, altTexts: Map<number, string>, font = FONT, charts?: Map<number, NativeChart[]>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);

  const stylesPath = 'xl/styles.xml';
  const styles = await zip.file(stylesPath)?.async('string');
  if (styles) {
    const patched = styles
      // The Normal style's font (exceljs: Calibri 11) sets the unit of column widths and the
      // default row height. Arial 10, the font of every cell here, keeps both as planned in
      // Excel and in LibreOffice (which has Arial's metric twin but often no Calibri).
      .replace(/(<fonts\b[^>]*>)<font>[\s\S]*?<\/font>/, `$1<font><sz val="10"/><name val="${font}"/><family val="2"/></font>`)
      .replace(/<cellXfs\b[^>]*>[\s\S]*?<\/cellXfs>/, (block) =>
      block.replace(/<xf\b([^>]*?)(\/?)>/g, (whole, attrs: string, slash: string) =>
        new RegExp(`\\bnumFmtId="${TEXT_FORMAT_ID}"`).test(attrs) && !/quotePrefix=/.test(attrs) ? `<xf${attrs} quotePrefix="1"${slash}>` : whole,
      ),
    );
    zip.file(stylesPath, patched);
  }

  for (const path of Object.keys(zip.files).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))) {
    const sheetId = Number(/sheet(\d+)\.xml$/.exec(path)![1]);
    const relsPath = path.replace('worksheets/', 'worksheets/_rels/') + '.rels';
    let sheet = await zip.file(path)!.async('string');
    let rels = (await zip.file(relsPath)?.async('string')) ?? null;

    const internalIds: string[] = [];
    sheet = sheet.replace(/<hyperlink\b([^>]*)\/>/g, (whole, attrs: string) => {
      const loc = /\blocation="([^"]*)"/.exec(attrs);
      const rid = /\br:id="([^"]*)"/.exec(attrs);
      if (!loc || !rid) return whole;
      internalIds.push(rid[1]!);
      return `<hyperlink${attrs.replace(/\s*\br:id="[^"]*"/, '')}/>`;
    });
    if (rels && internalIds.length) {
      for (const id of internalIds) rels = rels.replace(new RegExp(`<Relationship\\b[^>]*\\bId="${id}"[^>]*/>`), '');
      zip.file(relsPath, rels);
    }
    zip.file(path, sheet);

    const alt = altTexts.get(sheetId);
    const drawing = rels && /Target="\.\.\/drawings\/(drawing\d+\.xml)"/.exec(rels);
    if (alt && drawing) {
      const drawingPath = `xl/drawings/${drawing[1]}`;
      const xml = await zip.file(drawingPath)?.async('string');
      if (xml) {
        const descr = alt.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
        zip.file(drawingPath, xml.replace(/<xdr:cNvPr\b([^>]*?)(\/?)>/g, (whole, attrs: string, slash: string) => (/\bdescr=/.test(attrs) ? whole : `<xdr:cNvPr${attrs} descr="${descr}"${slash}>`)));
      }
    }
  }
  if (charts) await addNativeCharts(zip, charts);
  // PNGs are compressed already: deflating them again costs time and saves nothing.
  for (const path of Object.keys(zip.files)) if (/\.(png|jpe?g)$/i.test(path)) zip.files[path]!.options.compression = 'STORE';
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
