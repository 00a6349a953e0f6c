/**
 * A pack's published comparators in its Excel sheet and Word table: one small table per compared
 * measure (years as columns: the figure from the returns, the published one, England, region,
 * neighbours), then the source with DfE's Open Government Licence attribution.
 */
import type ExcelJS from 'exceljs';
import { AlignmentType, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { needsFormulaGuard } from '../export/model.js';
import { wrappedHeight } from '../export/workbook.js';
import { comparatorRows, comparatorSource, type PackComparators } from './packComparators.js';

type YearLabel = (year: number) => string;

/**
 * The first column's width for the measures' and sources' labels (a pack's own labels may be short:
 * 'Age on starting'), so a sheet can be laid out at its printed width before they are written.
 */
export function comparatorLabelWidth(c: PackComparators): number {
  const labels = c.series.flatMap((s) => [s.label, ...comparatorRows(c, s).map((row) => row.label)]);
  return Math.min(48, Math.max(...labels.map((l) => l.length)) + 2);
}

/** Writes the comparators from row r on; returns the next free row. */
export function writeComparatorsToSheet(ws: ExcelJS.Worksheet, r: number, c: PackComparators, years: number[], label: YearLabel): number {
  const FONT = { name: 'Arial', size: 10 };
  const put = (row: number, col: number, value: string | number, font: Partial<ExcelJS.Font> = {}) => {
    const cell = ws.getCell(row, col);
    cell.value = value;
    cell.font = { ...FONT, ...font };
    // Text a spreadsheet could take for a formula ('-', no figure) stays text, as everywhere in the workbook.
    if (typeof value === 'string' && needsFormulaGuard(value)) cell.numFmt = '@';
    return cell;
  };
  const labelWidth = comparatorLabelWidth(c);
  if ((ws.getColumn(1).width ?? 9) < labelWidth) ws.getColumn(1).width = labelWidth;
  // A sentence across the table's columns, wrapped, so it prints on the table's page instead of running off it.
  const lastCol = 1 + years.length;
  let widthChars = 0;
  for (let col = 1; col <= lastCol; col++) widthChars += ws.getColumn(col).width ?? 9;
  const sentence = (text: string, font: Partial<ExcelJS.Font>) => {
    put(r, 1, text, font).alignment = { wrapText: true, vertical: 'top' };
    if (lastCol > 1) ws.mergeCells(r, 1, r, lastCol);
    // The workbook's own wrap estimate (a one-line sentence got a row about twice its height from length x 1.1 / width).
    ws.getRow(r++).height = wrappedHeight(text, widthChars, 10, font.bold);
  };
  put(r++, 1, 'How we compare', { bold: true, size: 11 });
  if (c.sampleData) sentence(`Sample data: the figures from the returns are the bundled synthetic sample, not ${c.authority}'s own.`, { bold: true, color: { argb: 'FF9C0006' } });
  for (const s of c.series) {
    // The measure's label wraps in its column (a long one was cut off by the year beside it), the years under it at the foot.
    put(r, 1, s.label, { bold: true }).alignment = { wrapText: true, vertical: 'bottom' };
    years.forEach((y, i) => (put(r, 2 + i, label(y), { bold: true }).alignment = { horizontal: 'right', vertical: 'bottom', wrapText: true }));
    const lines = Math.max(Math.ceil((s.label.length * 1.15) / (ws.getColumn(1).width ?? 9)), ...years.map((y, i) => Math.ceil((label(y).length * 1.15) / (ws.getColumn(2 + i).width ?? 9))));
    if (lines > 1) ws.getRow(r).height = lines * 13 + 2;
    r++;
    for (const row of comparatorRows(c, s)) {
      put(r, 1, row.label);
      years.forEach((y, i) => {
        const v = s.byYear[String(y)];
        const shown = v ? row.pick(v) : { text: '-', num: null };
        const cell = put(r, 2 + i, '');
        // Numbers stay numbers; symbols (c, x, z...) and a flagged figure stay text as shown.
        if (shown.num !== null && !shown.flag) {
          cell.value = s.unit === 'percent' ? shown.num / 100 : shown.num;
          // The row's precision as on screen, whole numbers included (a mean of 105 shows as 105.0).
          const places = row.decimals > 0 ? `.${'0'.repeat(row.decimals)}` : '';
          cell.numFmt = s.unit === 'percent' ? `0${places}%` : `#,##0${places}`;
        } else {
          cell.value = shown.flag ? `${shown.text} !` : shown.text;
          if (needsFormulaGuard(cell.value)) cell.numFmt = '@';
        }
        cell.alignment = { horizontal: 'right' };
      });
      r++;
    }
    r++;
  }
  sentence(comparatorSource(c), { italic: true });
  return r + 1;
}

const FONT = 'Arial';
const text = (t: string, bold = false) => new TextRun({ text: t, font: FONT, size: 18, ...(bold ? { bold: true } : {}) });
// No space after a cell's paragraph (the document's default 6 pt would otherwise pad every row,
// and a row split at a page break would carry that empty space onto the next page as a blank row).
const cell = (t: string, opts: { bold?: boolean; right?: boolean } = {}) =>
  new TableCell({ children: [new Paragraph({ spacing: { before: 0, after: 0 }, alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [text(t, opts.bold)] })] });
/** Cell margins (twips): a little air around each figure, as the pack's own table has. */
const MARGINS = { top: 30, bottom: 30, left: 60, right: 60, marginUnitType: WidthType.DXA };

/** The comparators as Word paragraphs and tables, for under the pack's table. */
export function comparatorsForDocument(c: PackComparators, years: number[], label: YearLabel): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [new Paragraph({ spacing: { before: 120, after: 60 }, keepNext: true, children: [text('How we compare', true)] })];
  if (c.sampleData) out.push(new Paragraph({ children: [new TextRun({ text: `Sample data: the figures from the returns are the bundled synthetic sample, not ${c.authority}'s own.`, font: FONT, size: 18, bold: true, color: '9C0006' })] }));
  for (const s of c.series) {
    const rows = comparatorRows(c, s);
    out.push(new Paragraph({ keepNext: true, spacing: { before: 80, after: 40 }, children: [text(s.label, true)] }));
    out.push(
      new Table({
        width: { size: 9000, type: WidthType.DXA },
        columnWidths: [3000, ...years.map(() => Math.floor(6000 / Math.max(1, years.length)))],
        margins: MARGINS,
        // A few rows: no row is split by a page break, and each is kept with the next, so the table
        // (with its heading, kept with it) moves whole to the next page rather than leave a row behind.
        rows: [
          new TableRow({ tableHeader: true, cantSplit: true, keepNext: true, children: [cell('Source', { bold: true }), ...years.map((y) => cell(label(y), { bold: true, right: true }))] }),
          ...rows.map(
            (row, k) =>
              new TableRow({
                cantSplit: true,
                keepNext: k < rows.length - 1,
                children: [
                  cell(row.label),
                  ...years.map((y) => {
                    const v = s.byYear[String(y)];
                    const shown = v ? row.pick(v) : { text: '-', num: null };
                    return cell(shown.flag ? `${shown.text} !` : shown.text, { right: true, bold: shown.flag === true });
                  }),
                ],
              }),
          ),
        ],
      }),
    );
  }
  out.push(new Paragraph({ spacing: { before: 60, after: 200 }, children: [new TextRun({ text: comparatorSource(c), font: FONT, size: 16 })] }));
  return out;
}
