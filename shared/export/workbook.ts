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
import { renderChartSvg } from './chartSvg.js';
import {
  buildTableModel,
  fitInto,
  formatTimestamp,
  generalNotes,
  NO_FIGURE,
  needsFormulaGuard,
  pngSize,
  sourceLine,
  SUPPRESSED,
  tableLegend,
  type ModelCell,
  type TableModel,
} from './model.js';
import type { ExportMeta, ExportTable } from './types.js';

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

/**
 * Estimated row height (points) for wrapped text across `widthChars` column-width units. A unit
 * is a Calibri 11 digit; Arial 10 fits about 1.25 characters in one, fewer at larger sizes.
 * Excel does not size rows of merged cells itself, so this errs on the tall side.
 */
function wrappedHeight(text: string, widthChars: number, size = 10): number {
  const perLine = Math.max(10, widthChars * 1.25 * (10 / size));
  const lines = text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
  return Math.max(15, lines * size * 1.35);
}

/** A text line across the whole table width (merged, wrapped), used for the lines above and below it. */
function wideLine(ws: ExcelJS.Worksheet, row: number, lastCol: number, widthChars: number, text: string, font: Partial<ExcelJS.Font> = {}): void {
  const cell = ws.getCell(row, 1);
  setText(cell, text, font);
  cell.alignment = { wrapText: true, vertical: 'top' };
  if (lastCol > 1) ws.mergeCells(row, 1, row, lastCol);
  ws.getRow(row).height = wrappedHeight(text, widthChars, font.size ?? 10);
}

function writeFigure(cell: ExcelJS.Cell, c: ModelCell, bold: boolean): void {
  const font = { name: FONT, size: 10, bold };
  switch (c.kind) {
    case 'number':
      // Percentages are stored as fractions so Excel's % format shows them as the pack gave them.
      cell.value = c.format === 'percent' ? c.value / 100 : c.value;
      cell.numFmt = NUMBER_FORMATS[c.format];
      cell.font = font;
      cell.alignment = { horizontal: 'right', vertical: 'top' };
      return;
    case 'suppressed':
    case 'missing':
      cell.value = c.kind === 'suppressed' ? SUPPRESSED : NO_FIGURE;
      cell.font = font;
      cell.alignment = { horizontal: 'right', vertical: 'top' };
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
  name: string;
}

function numericWidth(model: TableModel, role: string, group: string): number {
  if (role.startsWith('change')) return 14;
  return Math.max(10, Math.min(14, group.length + 1));
}

function writePackSheet(wb: ExcelJS.Workbook, plan: PackSheetPlan, meta: ExportMeta, images: Map<number, string>): string {
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
  const labelCols = model.hasGroups ? 2 : 1;
  const lastCol = labelCols + model.columns.length;

  // Widths first: the wrapped lines above the table are sized from them.
  const labelWidth = Math.max(18, Math.min(50, Math.max(model.rowHeading.length, ...model.rows.map((r) => r.label.length)) + 2));
  const groupWidth = model.hasGroups ? Math.max(12, Math.min(30, Math.max(5, ...model.rows.map((r) => (r.group ?? '').length)) + 2)) : 0;
  const widths = [
    ...(model.hasGroups ? [groupWidth] : []),
    labelWidth,
    ...model.columns.map((c) => numericWidth(model, c.role, c.group)),
  ];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const totalWidth = widths.reduce((a, b) => a + b, 0);

  let r = 1;
  wideLine(ws, r++, lastCol, totalWidth, `Table ${number}: ${model.title}`, { size: 14, bold: true });
  wideLine(ws, r++, lastCol, totalWidth, model.period, { bold: true });
  if (model.definition) wideLine(ws, r++, lastCol, totalWidth, model.definition);
  wideLine(ws, r++, lastCol, totalWidth, sourceLine(meta, model.columns.length ? [...new Set(model.columns.map((c) => c.year))] : table.result.years));
  for (const line of tableLegend(model, meta)) wideLine(ws, r++, lastCol, totalWidth, line, { italic: true });
  r++;

  // Header: one row, each heading whole ("31 March 2023" over "Number"), so no merged cells.
  const headerRow = r;
  const headers = [...(model.hasGroups ? ['Group'] : []), model.rowHeading, ...model.columns.map((c) => `${c.group}\n${c.sub}`)];
  headers.forEach((h, i) => {
    const cell = ws.getCell(headerRow, i + 1);
    setText(cell, h, { bold: true });
    cell.fill = HEADER_FILL;
    cell.border = { top: THIN, bottom: MEDIUM };
    cell.alignment = { wrapText: true, vertical: 'bottom', horizontal: i < labelCols ? 'left' : 'right' };
  });
  const headerLines = Math.max(...headers.map((h, i) => h.split('\n').reduce((n, part) => n + Math.ceil(part.length / Math.max(1, widths[i]! - 1)), 0)));
  ws.getRow(headerRow).height = Math.max(2, headerLines) * 13.5;
  r++;

  const firstDataRow = r;
  for (const row of model.rows) {
    const bold = row.isTotal;
    if (model.hasGroups) {
      setText(ws.getCell(r, 1), row.group ?? '', { bold });
      ws.getCell(r, 1).alignment = { wrapText: true, vertical: 'top' };
    }
    const labelCell = ws.getCell(r, labelCols);
    setText(labelCell, row.label, { bold });
    labelCell.alignment = { wrapText: true, vertical: 'top' };
    row.cells.forEach((c, i) => writeFigure(ws.getCell(r, labelCols + 1 + i), c, bold));
    if (row.isTotal) for (let c = 1; c <= lastCol; c++) ws.getCell(r, c).border = { top: THIN, bottom: THIN };
    const tallest = Math.max(wrappedHeight(row.label, labelWidth), model.hasGroups ? wrappedHeight(row.group ?? '', groupWidth) : 0);
    if (tallest > 15) ws.getRow(r).height = tallest;
    r++;
  }
  const lastDataRow = r - 1;
  // A defined name per table, so the figures can be referred to (and found) by name.
  wb.definedNames.add(`${quoteSheet(name)}!$A$${headerRow}:$${col(lastCol)}$${lastDataRow}`, `Table_${number}_${model.pack.replace(/[^A-Za-z0-9]/g, '_')}`);

  r++;
  if (model.notes.length) {
    wideLine(ws, r++, lastCol, totalWidth, 'Notes', { bold: true });
    for (const note of model.notes) wideLine(ws, r++, lastCol, totalWidth, note);
    r++;
  }
  if (table.commentary.length) {
    wideLine(ws, r++, lastCol, totalWidth, 'Commentary', { bold: true });
    for (const sentence of table.commentary) wideLine(ws, r++, lastCol, totalWidth, sentence, { size: 11 });
    r++;
  }

  const png = table.chartPng;
  const size = png ? pngSize(png) : null;
  if (png && size) {
    // The chart starts a printed page of its own rather than being cut by a page break.
    ws.getRow(r - 1).addPageBreak();
    // Column widths are in characters; about 7 px each at 100% zoom, which bounds the image.
    const box = fitInto(size, Math.max(480, Math.min(900, totalWidth * 7)), 560);
    const id = wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
    ws.addImage(id, { tl: { col: 0, row: r - 1 }, ext: box, editAs: 'oneCell' });
    images.set(ws.id, table.chartAlt ?? renderChartSvg(table).summary);
  }

  ws.views = [{ state: 'frozen', xSplit: labelCols, ySplit: headerRow, topLeftCell: `${col(labelCols + 1)}${headerRow + 1}`, activeCell: 'A1' }];
  ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  ws.headerFooter.oddFooter = `&L&"Arial,Regular"&9${footerText(`Table ${number}: ${model.title}`)}&R&"Arial,Regular"&9Page &P of &N`;
  void firstDataRow;
  return name;
}

/** Header/footer text: '&' starts a code there, so it is doubled. */
function footerText(s: string): string {
  return s.replace(/&/g, '&&');
}

function writeContents(ws: ExcelJS.Worksheet, plans: PackSheetPlan[], meta: ExportMeta, notesName: string): void {
  ws.getColumn(1).width = 10;
  ws.getColumn(2).width = 60;
  ws.getColumn(3).width = 28;
  ws.getColumn(4).width = 48;
  setText(ws.getCell('A1'), meta.title, { size: 16, bold: true });
  setText(ws.getCell('A2'), `Generated ${formatTimestamp(meta.generatedAt)}`);
  setText(ws.getCell('A3'), meta.suppression ? `Counts from 1 to ${meta.suppression} are suppressed and shown as ${SUPPRESSED}.` : 'No figures are suppressed.');
  const header = 5;
  ['Table', 'Title (link to the sheet)', 'Section', 'Period'].forEach((h, i) => {
    const cell = ws.getCell(header, i + 1);
    setText(cell, h, { bold: true });
    cell.fill = HEADER_FILL;
    cell.border = { bottom: MEDIUM };
  });
  let r = header + 1;
  const link = (cell: ExcelJS.Cell, text: string, sheet: string) => {
    if (needsFormulaGuard(text)) return setText(cell, text); // a link's text cannot carry the guard
    cell.value = { text, hyperlink: `${quoteSheet(sheet)}!A1`, tooltip: `Go to sheet ${sheet}` };
    cell.font = { name: FONT, size: 10, color: { argb: 'FF1D70B8' }, underline: true };
  };
  for (const plan of plans) {
    setText(ws.getCell(r, 1), `Table ${plan.number}`);
    link(ws.getCell(r, 2), plan.model.title, plan.name);
    setText(ws.getCell(r, 3), plan.table.section);
    setText(ws.getCell(r, 4), plan.model.period);
    r++;
  }
  r++;
  link(ws.getCell(r, 2), 'Notes: definitions, symbols and sources', notesName);
  ws.views = [{ state: 'frozen', ySplit: header, activeCell: 'A1' }];
  ws.pageSetup = { ...ws.pageSetup, paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  ws.pageSetup.printTitlesRow = `${header}:${header}`;
}

function writeNotes(ws: ExcelJS.Worksheet, plans: PackSheetPlan[], meta: ExportMeta): void {
  const widths = [14, 34, 12, 26, 70];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const total = widths.reduce((a, b) => a + b, 0);
  let r = 1;
  wideLine(ws, r++, 5, total, 'Notes', { size: 14, bold: true });
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
  const wb = new ExcelJS.Workbook();
  const when = new Date(meta.generatedAt);
  wb.creator = 'IRO Workbench';
  wb.lastModifiedBy = 'IRO Workbench';
  wb.title = meta.title;
  if (!Number.isNaN(when.getTime())) {
    wb.created = when;
    wb.modified = when;
  }

  const taken = new Set<string>(['contents', 'notes']);
  const plans: PackSheetPlan[] = tables.map((table, i) => {
    const model = buildTableModel(table, meta.yearStyle);
    return { table, model, number: i + 1, name: sheetName(i + 1, model.title, taken) };
  });

  const contents = wb.addWorksheet('Contents');
  const images = new Map<number, string>();
  for (const plan of plans) writePackSheet(wb, plan, meta, images);
  const notes = wb.addWorksheet('Notes');
  writeContents(contents, plans, meta, 'Notes');
  writeNotes(notes, plans, meta);

  // Stored, not compressed: patchPackage compresses the XML once and keeps the PNGs as they are.
  const written = new Uint8Array(await wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as Partial<ExcelJS.XlsxWriteOptions>));
  return patchPackage(written, images);
}

/**
 * What exceljs cannot write, patched into its output:
 *  - quotePrefix="1" on the cell styles with the Text format (the formula guard);
 *  - hyperlinks to other sheets as internal locations only (exceljs adds an external relationship
 *    to the same target, which Excel would try to open as a file);
 *  - alt text (descr) on chart images.
 */
export async function patchPackage(xlsx: Uint8Array, altTexts: Map<number, string>): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);

  const stylesPath = 'xl/styles.xml';
  const styles = await zip.file(stylesPath)?.async('string');
  if (styles) {
    const patched = styles.replace(/<cellXfs\b[^>]*>[\s\S]*?<\/cellXfs>/, (block) =>
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
  // PNGs are compressed already: deflating them again costs time and saves nothing.
  for (const path of Object.keys(zip.files)) if (/\.(png|jpe?g)$/i.test(path)) zip.files[path]!.options.compression = 'STORE';
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
