/**
 * "How we compare" to Excel and Word: the comparison table of one year, a sentence per measure, the
 * sample-data warning when the own figures are synthetic, and DfE's Open Government Licence
 * attribution. Numbers are real numbers in Excel; symbols stay DfE's symbols.
 */
import ExcelJS from 'exceljs';
import { AlignmentType, Document, HeadingLevel, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { formatTimestamp } from '../export/model.js';
import { applyHouseStyle, LINE_PT, wrappedHeight, wrappedLines, writeWorkbook } from '../export/workbook.js';
import { withHouseStyle } from '../export/document.js';
import type { HouseLook } from '../export/houseStyle.js';
import { benchmarkSentences, benchmarkTable, sampleDataNote, type BenchmarkTable } from './benchmarkTable.js';
import type { BenchmarkReport } from './benchmarks.js';

export interface BenchmarkExportMeta {
  generatedAt: string;
  year?: number | null;
  /** The house style, applied as the pack exports apply it (font, heading colour). */
  house?: HouseLook;
}

function cellText(table: BenchmarkTable, r: number, key: string): string {
  const c = table.rows[r]!.cells[key]!;
  return c.flag ? `${c.text} !` : c.text;
}

export async function buildBenchmarkWorkbook(report: BenchmarkReport, meta: BenchmarkExportMeta): Promise<Uint8Array> {
  const table = benchmarkTable(report, meta.year);
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(meta.generatedAt);
  const ws = wb.addWorksheet('How we compare', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
  });
  // Narrow enough to print legibly on A4 landscape (12 columns of 13 and a measure of 52, fitted to
  // the page's width, printed at about 69%, text under 7 pt): figures 11 wide (a heading's longest
  // word, "neighbours", "(published)", fits), the rank's unbroken "(1 = highest)" and the quartile's
  // words 14, the measure's label in two or three lines, rows as tall as their lines.
  const widths = [40, 12, ...table.columns.slice(2).map((c) => (c.key === 'quartile' || c.key === 'rank' ? 14 : 11)), 11];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const totalChars = widths.reduce((a, b) => a + b, 0);
  // A line of text across the table's width, wrapped (so it prints on the table's pages, not beside them).
  const line = (text: string, font: Partial<ExcelJS.Font> = {}) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, widths.length);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(1).font = font;
    row.height = wrappedHeight(text, totalChars, font.size ?? 10, font.bold);
  };
  line(table.title, { bold: true, size: 14 });
  const warning = sampleDataNote(report);
  if (warning) line(`SAMPLE DATA: ${warning}`, { bold: true, color: { argb: 'FF9C0006' } });
  line(`Generated ${formatTimestamp(meta.generatedAt)}`);
  ws.addRow([]);
  // Every figure a real number; whether the own figure differs from the published one is a column of its own.
  const headings = [...table.columns.map((c) => c.label), 'Own differs from published'];
  const header = ws.addRow(headings);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'bottom' };
  // As tall as its longest heading's lines ("Own (from returns, sample data)" takes four), none cut off.
  header.height = Math.max(...headings.map((h, i) => wrappedLines(h, widths[i]!, 10, true))) * LINE_PT + 4;
  ws.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
  // The measure rows read evenly down the page: each as tall as two lines (most labels take one or
  // two in their column), a row whose label or quartile needs more as tall as that.
  const linesOf = (row: BenchmarkTable['rows'][number]) => Math.max(...table.columns.map((c, i) => wrappedLines(row.cells[c.key]?.text ?? '', widths[i]!)));
  const even = Math.min(2, Math.max(...table.rows.map(linesOf)));
  const rowHeight = (row: BenchmarkTable['rows'][number]) => Math.max(even, linesOf(row)) * LINE_PT + 4;
  table.rows.forEach((row, r) => {
    const values = table.columns.map((c) => {
      const cell = row.cells[c.key]!;
      // A number where there is one (symbols and blanks stay text); the rank and quartile keep their words.
      if (c.numeric && cell.num !== null && c.key !== 'rank' && c.key !== 'quartile') return cell.num;
      return cell.text;
    });
    const added = ws.addRow([...values, row.cells.own?.flag ? 'yes' : '']);
    // Each row's figures level with the middle of its label, and a light rule under it, so a row reads across.
    added.alignment = { vertical: 'middle' };
    added.getCell(1).alignment = { wrapText: true, vertical: 'middle' };
    added.height = rowHeight(row);
    for (let i = 1; i <= widths.length; i++) added.getCell(i).border = { bottom: RULE };
    const unit = report.measures.find((m) => m.id === row.measure)?.unit ?? 'count';
    table.columns.forEach((c, i) => {
      if (!c.numeric) return;
      const cell = added.getCell(i + 1);
      // Wrapped: a text too wide for its column would run into the next one. The quartile's words
      // read from the left, under their heading and indented off the rank, not flush against Up/Down.
      cell.alignment = { ...(c.key === 'quartile' ? { horizontal: 'left', indent: 1 } : { horizontal: 'right' }), vertical: 'middle', wrapText: true };
      if (typeof cell.value !== 'number') return;
      // The precision each column shows in the app: means and medians to one decimal, the own percentage too.
      const decimals = c.key.startsWith('neighbours') || (c.key === 'own' && unit === 'percent') ? '.0' : '';
      cell.numFmt = unit === 'percent' ? `0${decimals}"%"` : `#,##0${decimals}`;
    });
  });
  ws.addRow([]);
  for (const s of benchmarkSentences(report, meta.year)) line(s);
  ws.addRow([]);
  for (const n of table.notes) line(n, { size: 9 });
  // One named font throughout, as the Word version: a font set without a name (bold titles) printed in the default serif.
  ws.eachRow((row) => row.eachCell((cell) => (cell.font = { size: 10, ...cell.font, name: FONT })));
  if (meta.house) applyHouseStyle(wb, meta.house);
  // Through the same final step as every other workbook: a '-' (no figure) is guarded as text there.
  return writeWorkbook(wb, meta.house?.font ?? FONT);
}

const FONT = 'Arial';
const RULE: Partial<ExcelJS.Border> = { style: 'hair', color: { argb: 'FFB1B4B6' } };
/** A4 landscape less 1-inch margins, in twentieths of a point. */
const TEXT_WIDTH = 16838 - 2 * 1440;

/**
 * Twentieths of a point per character of 8 pt Arial, on the wide side (a bold lower-case letter
 * averages about 70, a digit 89), a cell's two side margins, and the narrowest column.
 */
const CHAR_TWIPS = 90;
const CELL_MARGINS_TWIPS = 2 * 115;
const MIN_COLUMN_TWIPS = 850;
const YEAR_TWIPS = 1100;

/**
 * The Word table's column widths: each column but the measure's as wide as its longest word (heading
 * or cell), so headings such as "(published)", "neighbours" and "(1 = highest)" break between words,
 * never inside one; the measure column takes the rest of the page.
 */
export function wordColumnWidths(table: BenchmarkTable): number[] {
  const longestWord = (key: string, label: string) =>
    Math.max(...[label, ...table.rows.map((_, r) => cellText(table, r, key))].flatMap((t) => t.split(/[ \n]+/)).map((w) => w.length));
  // The year column keeps "31 March" on one line.
  const widths = table.columns.map((c, i) => (i === 0 ? 0 : Math.max(c.key === 'year' ? YEAR_TWIPS : MIN_COLUMN_TWIPS, longestWord(c.key, c.label) * CHAR_TWIPS + CELL_MARGINS_TWIPS)));
  widths[0] = TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}

export async function buildBenchmarkDocument(report: BenchmarkReport, meta: BenchmarkExportMeta): Promise<Uint8Array> {
  const table = benchmarkTable(report, meta.year);
  const text = (t: string, opts: { bold?: boolean; size?: number; color?: string } = {}) => new TextRun({ text: t, font: FONT, size: opts.size ?? 20, ...(opts.bold ? { bold: true } : {}), ...(opts.color ? { color: opts.color } : {}) });
  const cell = (t: string, opts: { bold?: boolean; right?: boolean } = {}) =>
    new TableCell({ children: [new Paragraph({ alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [text(t, { bold: opts.bold ?? false, size: 16 })] })] });
  const rows = [
    new TableRow({ tableHeader: true, cantSplit: true, children: table.columns.map((c) => cell(c.label, { bold: true, right: c.numeric })) }),
    ...table.rows.map((_, r) => new TableRow({ cantSplit: true, children: table.columns.map((c) => cell(cellText(table, r, c.key), { right: c.numeric, bold: c.key === 'own' && table.rows[r]!.cells.own!.flag === true })) })),
  ];
  const warning = sampleDataNote(report);
  const heading = meta.house?.heading.slice(1);
  const doc = new Document({
    creator: 'IRO Workbench',
    title: table.title,
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [text(table.title, { bold: true, size: 32, ...(heading ? { color: heading } : {}) })] }),
          ...(warning ? [new Paragraph({ children: [text(`Sample data: ${warning}`, { bold: true, color: '9C0006' })] })] : []),
          new Paragraph({ children: [text(`Generated ${formatTimestamp(meta.generatedAt)}`)] }),
          new Paragraph({ children: [text(`Table: ${table.title}`, { bold: true })] }),
          new Table({ rows, width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: wordColumnWidths(table) }),
          ...benchmarkSentences(report, meta.year).map((s) => new Paragraph({ spacing: { before: 120 }, children: [text(s)] })),
          new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240 }, children: [text('Notes and sources', { bold: true, size: 24, ...(heading ? { color: heading } : {}) })] }),
          ...table.notes.map((n) => new Paragraph({ children: [text(n, { size: 18 })] })),
        ],
      },
    ],
  });
  const bytes = new Uint8Array(await Packer.toArrayBuffer(doc));
  return meta.house ? withHouseStyle(bytes, meta.house) : bytes;
}
