/**
 * The Word export, laid out as IRO annual reports are: a caption "Table N: ..." over a real Word
 * table (years as columns, header rows repeated on each page, figures right-aligned, c for
 * suppressed, a Total row), the source and symbols under it, the commentary, the chart with its
 * alt text, and a notes section with the source files. Arial 11 for text and 10 in tables, A4.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  SimpleField,
  TableOfContents,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ITableCellBorders,
} from 'docx';
import { flowLabel } from '../domain/years.js';
import { comparatorsForDocument } from '../ees/packComparatorExport.js';
import { exportSuppressionNote, tooFewMessage, tooFewToPublish } from '../packs/suppression.js';
import { renderChartSvg } from './chartSvg.js';
import {
  buildTableModel,
  displayText,
  figureCaption,
  fitInto,
  formatTimestamp,
  generalNotes,
  hasPercentCells,
  pngSize,
  sourceLine,
  tableLegend,
  withGroupHeadings,
  yearLabel,
  type ModelColumn,
  type ModelRow,
  type TableModel,
} from './model.js';
import JSZip from 'jszip';
import { fontWidth, tint, type HouseLook } from './houseStyle.js';
import type { ExportMeta, ExportTable, ReportItem } from './types.js';

const FONT = 'Arial';
const BODY = 22; // half-points: 11 pt
const TABLE = 20; // 10 pt
const SMALL = 18; // 9 pt

// A4 in twips, 2 cm margins: a 17 cm (9,638 twip, about 640 px) text column.
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH / 1440) * 96);

/** Tables wider than this many figure columns are split into a numbers table and a percentages table. */
const MAX_FIGURE_COLUMNS = 8;

const HEADER_SHADE = 'DEE0E2';
const RULE = { style: BorderStyle.SINGLE, size: 4, color: '8A8F93' } as const;
const HEAVY = { style: BorderStyle.SINGLE, size: 12, color: '0B0C0C' } as const;
const NONE = { style: BorderStyle.NIL, size: 0, color: 'auto' } as const;

function run(text: string, opts: { bold?: boolean; size?: number; italics?: boolean; font?: string } = {}): TextRun {
  return new TextRun({ text, font: opts.font ?? FONT, size: opts.size ?? BODY, bold: opts.bold, italics: opts.italics });
}

function para(text: string, opts: { size?: number; bold?: boolean; italics?: boolean; keepNext?: boolean; after?: number; style?: string } = {}): Paragraph {
  return new Paragraph({
    style: opts.style,
    keepNext: opts.keepNext,
    spacing: { after: opts.after ?? 120 },
    children: [run(text, opts)],
  });
}

function cellParagraph(text: string, align: 'left' | 'right' | 'center', bold = false, indent = 0, size = TABLE): Paragraph {
  const alignment = align === 'right' ? AlignmentType.RIGHT : align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT;
  return new Paragraph({ alignment, spacing: { before: 0, after: 0 }, indent: indent ? { left: indent } : undefined, children: [run(text, { size, bold })] });
}

const CELL_MARGINS = { top: 30, bottom: 30, left: 50, right: 50 };
/** Left indent (twips) of a group's parts under its heading or subtotal. */
const INDENT = 200;

interface CellOptions {
  align?: 'left' | 'right' | 'center';
  bold?: boolean;
  shade?: boolean;
  span?: number;
  rowSpan?: number;
  width?: number;
  borders?: ITableCellBorders;
  indent?: number;
  /** Half-points; the table size (10 pt) when not given. */
  size?: number;
}

function cell(text: string, opts: CellOptions = {}): TableCell {
  return new TableCell({
    children: [cellParagraph(text, opts.align ?? 'left', opts.bold, opts.indent, opts.size)],
    columnSpan: opts.span,
    rowSpan: opts.rowSpan,
    verticalAlign: VerticalAlignTable.BOTTOM,
    width: opts.width ? { size: opts.width, type: WidthType.DXA } : undefined,
    shading: opts.shade ? { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_SHADE } : undefined,
    borders: opts.borders,
  });
}

/**
 * Rough printed width in twips of text in Arial at `halfPoints`: wide Arial characters (digits,
 * most capitals and lower case) are 0.55-0.72 em. Generous, so a column sized by it never breaks
 * a number or a heading's word.
 */
function textTwips(text: string, halfPoints: number, bold = false, font: string = FONT): number {
  return Math.ceil(text.length * (bold ? 0.66 : 0.58) * (halfPoints / 2) * 20 * fontWidth(font));
}

/** Lines `text` takes wrapped into `width` twips, word by word (estimated with textTwips, so generously). */
function wrappedLineCount(text: string, width: number, halfPoints: number, bold: boolean, font: string): number {
  const space = textTwips(' ', halfPoints, bold, font);
  let lines = 1;
  let at = 0;
  for (const word of text.split(/ +/).filter(Boolean)) {
    const w = textTwips(word, halfPoints, bold, font);
    if (at > 0 && at + space + w > width) {
      lines += 1;
      at = w;
    } else at += (at > 0 ? space : 0) + w;
  }
  return lines;
}

/** The page's text height in twips (A4 less its top and bottom margins). */
const PAGE_TEXT_HEIGHT = PAGE.height - 2 * PAGE.margin;
/** Body rows of a table too tall to keep on one page that still go with its caption and header onto a page. */
const LEAD_ROWS_KEPT = 3;
/** Room kept above a table on its page: a section heading, the caption and the period line. */
const ABOVE_A_TABLE = 1500;

/** Estimated height in twips of table rows of these many lines each (single-spaced text plus the cells' margins). */
function tableTwips(lines: number[], halfPoints: number): number {
  const lineTwips = halfPoints * 10 * 1.15;
  return lines.reduce((sum, n) => sum + n * lineTwips + CELL_MARGINS.top + CELL_MARGINS.bottom, 0);
}

interface HeaderCell {
  text: string;
  span: number;
  rowSpan: number;
}

/**
 * The two heading rows over the figure columns, as published tables set them:
 *  - each year with Number and %: the year over its two columns ("31 March 2023" over Number, %);
 *  - one column a year: "At 31 March" (or "Year (1 April to 31 March)") over the years alone
 *    (2021, 2022 or 2021/22, 2022/23), and the change over its unit ("Number", "% points").
 */
function headerRows(model: TableModel, columns: ModelColumn[]): HeaderCell[][] {
  const groups = headingGroups(columns);
  if (groups.some((g) => g.columns.length > 1)) {
    return [groups.map((g) => ({ text: g.group, span: g.columns.length, rowSpan: 1 })), columns.map((c) => ({ text: c.sub, span: 1, rowSpan: 1 }))];
  }
  const years = columns.filter((c) => c.role === 'count' || c.role === 'percent');
  const changes = columns.filter((c) => c.role === 'change-count' || c.role === 'change-points');
  const over = model.timing === 'snapshot' ? 'At 31 March' : model.timing === 'month' ? 'Month' : 'Year (1 April to 31 March)';
  return [
    // "Change since 2023" under a snapshot's "At 31 March"; "Change since 2022/23" for a flow.
    [...(years.length ? [{ text: over, span: years.length, rowSpan: 1 }] : []), ...changes.map((c) => ({ text: model.timing === 'snapshot' ? `Change since ${c.since}` : c.group, span: 1, rowSpan: 1 }))],
    // "% points" kept on one line (a no-break space).
    [...years.map((c) => ({ text: c.yearText, span: 1, rowSpan: 1 })), ...changes.map((c) => ({ text: c.sub.replace(' ', '\u00a0'), span: 1, rowSpan: 1 }))],
  ];
}

/** Column groups by heading ("31 March 2023" over Number and %), in order. */
function headingGroups(columns: ModelColumn[]): { group: string; columns: ModelColumn[] }[] {
  const out: { group: string; columns: ModelColumn[] }[] = [];
  for (const c of columns) {
    const last = out[out.length - 1];
    if (last && last.group === c.group) last.columns.push(c);
    else out.push({ group: c.group, columns: [c] });
  }
  return out;
}

/** Table text sizes (half-points) tried in turn, largest first, until every figure column fits its widest word. */
const TABLE_SIZES = [TABLE, 18, 16, 14];
/** The row-label column keeps at least this much of the text width. */
const MIN_LABEL_WIDTH = Math.round(TEXT_WIDTH * 0.2);

/**
 * Widths of the figure columns and the table's text size: each column at least its widest figure
 * or heading word (bold) plus the cell margins, so a heading wraps only between words ("Change" or
 * "Number" never breaks into letters); with few columns, wider (up to 1,300 twips) reads better
 * than a vast label column. A table whose columns would leave the labels less than a fifth of the
 * page is set smaller (9, 8, then 7 pt) instead.
 */
function figureWidths(rows: ModelRow[], columnIdx: number[], headers: HeaderCell[][], font: string): { widths: number[]; size: number } {
  for (const size of TABLE_SIZES) {
    const widths = figureWidthsAt(size, rows, columnIdx, headers, font);
    const total = widths.reduce((a, b) => a + b, 0);
    if (total <= TEXT_WIDTH - MIN_LABEL_WIDTH) return { widths, size };
    // Too wide even at the smallest size: narrowed to fit the page (the table stays on it).
    if (size === TABLE_SIZES.at(-1)) return { widths: widths.map((w) => Math.floor((w * (TEXT_WIDTH - MIN_LABEL_WIDTH)) / total)), size };
  }
  throw new Error('TABLE_SIZES is not empty');
}

function figureWidthsAt(size: number, rows: ModelRow[], columnIdx: number[], headers: HeaderCell[][], font: string): number[] {
  const words: string[][] = columnIdx.map(() => []);
  for (const cells of headers) {
    let at = 0;
    for (const h of cells) {
      if (h.span === 1) words[at]!.push(...h.text.split(/ +/)); // not at no-break spaces
      at += h.span;
    }
  }
  const roomy = Math.min(1300, Math.round((TEXT_WIDTH * 0.45) / Math.max(1, columnIdx.length)));
  return columnIdx.map((i, k) => {
    const widest = Math.max(
      0,
      ...words[k]!.map((w) => textTwips(w, size, true, font)),
      ...rows.map((r) => textTwips(displayText(r.cells[i]!), size, r.isTotal || r.isSubtotal, font)),
    );
    return Math.max(widest + CELL_MARGINS.left + CELL_MARGINS.right, roomy);
  });
}

function wordTable(model: TableModel, columnIdx: number[], font: string): Table {
  const columns = columnIdx.map((i) => model.columns[i]!);
  const headers = headerRows(model, columns);
  const { widths, size } = figureWidths(model.rows, columnIdx, headers, font);
  const labelW = TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  const spanWidth = (from: number, span: number) => widths.slice(from, from + span).reduce((a, b) => a + b, 0);
  const headerBottom: ITableCellBorders = { bottom: HEAVY };
  const last = headers.length - 1;

  const headerRowsOut = headers.map(
    (cells, k) =>
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        keepNext: true,
        children: [
          ...(k === 0 ? [cell(model.rowHeading, { bold: true, shade: true, rowSpan: headers.length, width: labelW, borders: headerBottom, size })] : []),
          ...(() => {
            let at = 0;
            return cells.map((h) => {
              const width = spanWidth(at, h.span);
              at += h.span;
              return cell(h.text, {
                bold: true,
                shade: true,
                span: h.span > 1 ? h.span : undefined,
                align: h.span > 1 ? 'center' : 'right',
                width,
                borders: k === last ? headerBottom : undefined,
                size,
              });
            });
          })(),
        ],
      }),
  );

  // A table that fits on a page, with its caption and a heading above it, is kept on one: every
  // row is kept with the next but the last. One taller than that is not (kept, it would be moved
  // to a page of its own and split there all the same, leaving its caption, or a blank page,
  // behind); its caption and heading stay with its header and first rows (LEAD_ROWS_KEPT).
  const items = withGroupHeadings(model);
  const rowLines = items.map((item) =>
    item.kind === 'group'
      ? wrappedLineCount(item.label, TEXT_WIDTH - CELL_MARGINS.left - CELL_MARGINS.right, size, true, font)
      : wrappedLineCount(item.row.label, labelW - CELL_MARGINS.left - CELL_MARGINS.right - (item.row.inGroup ? INDENT : 0), size, item.row.isTotal || item.row.isSubtotal, font),
  );
  const headerLines = headers.map((cells) => {
    let at = 0;
    return Math.max(
      1,
      ...cells.map((h) => {
        const width = spanWidth(at, h.span) - CELL_MARGINS.left - CELL_MARGINS.right;
        at += h.span;
        return wrappedLineCount(h.text, width, size, true, font);
      }),
    );
  });
  const keep = items.length <= 30 && tableTwips([...headerLines, ...rowLines], size) + ABOVE_A_TABLE <= PAGE_TEXT_HEIGHT;
  let grouped = false;
  const bodyRows = items.map((item, k) => {
    const keepNext = item.kind === 'group' || (keep ? k < items.length - 1 : k < LEAD_ROWS_KEPT);
    if (item.kind === 'group') {
      grouped = true;
      return new TableRow({ cantSplit: true, keepNext, children: [cell(item.label, { bold: true, span: columns.length + 1, size })] });
    }
    const row: ModelRow = item.row;
    const bold = row.isTotal || row.isSubtotal;
    // A row outside any group after grouped rows gets a rule above it, so it does not read as a part.
    const leavesGroups = grouped && row.group === null && !row.isTotal;
    if (row.group !== null) grouped = true;
    const borders: ITableCellBorders | undefined = row.isTotal ? { top: HEAVY, bottom: HEAVY } : leavesGroups ? { top: HEAVY } : undefined;
    if (leavesGroups) grouped = false;
    return new TableRow({
      cantSplit: true,
      keepNext,
      children: [
        cell(row.label, { bold, width: labelW, borders, indent: row.inGroup ? INDENT : 0, size }),
        ...columnIdx.map((i, k) => cell(displayText(row.cells[i]!), { align: 'right', bold, width: widths[k], borders, size })),
      ],
    });
  });

  return new Table({
    rows: [...headerRowsOut, ...bodyRows],
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [labelW, ...widths],
    layout: TableLayoutType.FIXED,
    margins: { ...CELL_MARGINS, marginUnitType: WidthType.DXA },
    borders: { top: HEAVY, bottom: HEAVY, left: NONE, right: NONE, insideHorizontal: RULE, insideVertical: NONE },
  });
}

/**
 * The Word tables of one pack: one, or numbers and percentages apart when too wide for the page.
 * The percentages table has only the rows with a percentage (not averages, bases or the total).
 */
function tablesFor(model: TableModel): { suffix: string; model: TableModel; columns: number[] }[] {
  const all = model.columns.map((_, i) => i);
  if (all.length <= MAX_FIGURE_COLUMNS || !model.hasPercent) return [{ suffix: '', model, columns: all }];
  const numbers = all.filter((i) => model.columns[i]!.role === 'count' || model.columns[i]!.role === 'change-count');
  const percents = all.filter((i) => model.columns[i]!.role === 'percent' || model.columns[i]!.role === 'change-points');
  return [
    { suffix: ' (numbers)', model, columns: numbers },
    { suffix: ' (percentages)', model: { ...model, rows: model.rows.filter((r) => hasPercentCells(model, r)) }, columns: percents },
  ];
}

/** The largest box (px) a chart gets: the text width, and most of the page's height. */
const IMAGE_MAX_HEIGHT_PX = 820;

function imageParagraph(png: Uint8Array, alt: string, title: string): Paragraph | null {
  const size = pngSize(png);
  if (!size) return null;
  const box = fitInto(size, TEXT_WIDTH_PX, IMAGE_MAX_HEIGHT_PX);
  return new Paragraph({
    spacing: { after: 200 },
    children: [
      new ImageRun({
        type: 'png',
        data: png,
        transformation: box,
        altText: { name: title, title, description: alt },
      }),
    ],
  });
}

/** A caption paragraph: "Table 3: title", the number a Word SEQ field in a report (Word renumbers it when tables move). */
function captionParagraph(kind: 'Table' | 'Figure', number: number, rest: string, fields: boolean): Paragraph {
  if (!fields) return para(`${kind} ${number}${rest}`, { style: 'Caption', bold: true, keepNext: true, after: 60 });
  return new Paragraph({
    style: 'Caption',
    keepNext: true,
    spacing: { after: 60 },
    // SEQ with the number as its cached result: Word renumbers it; LibreOffice and previews show it.
    children: [run(`${kind} `, { bold: true }), new SimpleField(`SEQ ${kind} \\* ARABIC`, String(number)), run(rest, { bold: true })],
  });
}

/** `report` counts the figures of a draft report: its figures are numbered on their own, as Word's SEQ Figure field numbers them. */
function packBlock(table: ExportTable, number: number, meta: ExportMeta, report?: { figures: number }): (Paragraph | Table)[] {
  const model = buildTableModel(table, meta.yearStyle);
  const out: (Paragraph | Table)[] = [];
  // A pack withheld in every year says so instead of a table of c (and has no chart).
  const tooFew = tooFewToPublish(table.result);
  const parts = tooFew ? [] : tablesFor(model);
  if (tooFew) {
    out.push(para(`Table ${number}: ${model.title}`, { style: 'Caption', bold: true, keepNext: true, after: 60 }));
    out.push(para(tooFewMessage(table.result.suppression!.threshold), { after: 80 }));
  }
  parts.forEach((part, k) => {
    const rest = k === 0 ? `: ${model.title}${part.suffix}` : ` (continued): ${model.title}${part.suffix}`;
    // A continued table keeps its number as text: a second SEQ field would count it again.
    out.push(captionParagraph('Table', number, rest, report !== undefined && k === 0));
    if (k === 0) out.push(para(model.period, { size: SMALL, keepNext: true, after: 80 }));
    out.push(wordTable(part.model, part.columns, meta.house?.font ?? FONT));
    out.push(new Paragraph({ spacing: { after: 0 }, children: [] }));
  });
  // Under the table, what a reader needs to read it: source, symbols, definition, notes. A report
  // keeps only the symbols here; sources and definitions are in its appendix.
  const definition = model.definition ? [`Definition: ${model.definition}`] : [];
  const below = report ? tableLegend(model, meta) : [sourceLine(meta, table.result.years, model.pack), ...tableLegend(model, meta), ...definition, ...model.notes];
  below.forEach((line, i) => out.push(para(line, { size: SMALL, after: i === below.length - 1 ? 200 : 40 })));
  if (table.result.comparators) out.push(...comparatorsForDocument(table.result.comparators, table.result.years, (y) => yearLabel(y, table.timing, meta.yearStyle)));
  for (const sentence of table.commentary) out.push(para(sentence));
  if (table.chartPng && !tooFew) {
    const alt = table.chartAlt ?? renderChartSvg(table, { yearStyle: meta.yearStyle }).summary;
    const years = [...(table.chartYears ?? table.result.years)].sort((a, b) => a - b).map((y) => yearLabel(y, table.timing, meta.yearStyle));
    const image = imageParagraph(table.chartPng, alt, model.title);
    if (image) {
      const figure = report ? ++report.figures : number;
      out.push(captionParagraph('Figure', figure, figureCaption(figure, model.title, years).replace(/^Figure \d+/, ''), report !== undefined), image);
    }
  }
  out.push(new Paragraph({ spacing: { after: 240 }, children: [] }));
  return out;
}

/** The checksum column's least width: its 64 characters (Courier New, 6.5 pt) on two lines, with the cell's margins. */
const CHECKSUM_MIN_WIDTH = 2600;

/**
 * A file name that may break only where a reader expects it to: after "_", "-" or a folder's "/"
 * or "\", and before the extension (an invisible zero-width space, a break opportunity Word and
 * LibreOffice honour), never in the middle of a word ("placed_for_adoptio" / "n.csv"). Only a
 * name too wide for its column gets them.
 */
export function breakableFileName(name: string, columnTwips: number, halfPoints = TABLE): string {
  if (textTwips(name, halfPoints) + CELL_MARGINS.left + CELL_MARGINS.right <= columnTwips) return name;
  return name.replace(/([_\-/\\])(?=.)/g, '$1\u200b').replace(/(.)(\.[A-Za-z0-9]+)$/, '$1\u200b$2');
}

function sourcesTable(meta: ExportMeta): Table {
  // The file column as wide as its longest name where the checksum (two lines) leaves room.
  const fixed = 1250 + 700 + 2450;
  const longest = Math.max(0, ...meta.sources.map((s) => textTwips(s.file, TABLE))) + CELL_MARGINS.left + CELL_MARGINS.right;
  const fileW = Math.max(1900, Math.min(longest, TEXT_WIDTH - fixed - CHECKSUM_MIN_WIDTH));
  const widths = [1250, fileW, 700, 2450, TEXT_WIDTH - fixed - fileW];
  const header = new TableRow({
    tableHeader: true,
    keepNext: true,
    children: ['Collection year', 'File', 'Rows', 'Imported', 'SHA-256 checksum'].map((h, i) =>
      cell(h, { bold: true, shade: true, align: i === 2 ? 'right' : 'left', width: widths[i], borders: { bottom: HEAVY } }),
    ),
  });
  const rows = [...meta.sources]
    .sort((a, b) => a.year - b.year || a.file.localeCompare(b.file))
    .map(
      (s, k) =>
        new TableRow({
          cantSplit: true,
          keepNext: k < meta.sources.length - 1 && meta.sources.length <= 30,
          children: [
            cell(flowLabel(s.year), { width: widths[0] }),
            cell(breakableFileName(s.file, widths[1]!), { width: widths[1] }),
            cell(new Intl.NumberFormat('en-GB').format(s.rows), { align: 'right', width: widths[2] }),
            cell(formatTimestamp(s.importedAt), { width: widths[3] }),
            new TableCell({
              width: { size: widths[4]!, type: WidthType.DXA },
              margins: CELL_MARGINS,
              children: [new Paragraph({ spacing: { after: 0 }, children: [run(s.sha256, { size: 13, font: 'Courier New' })] })],
            }),
          ],
        }),
    );
  return new Table({
    rows: [header, ...rows],
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { ...CELL_MARGINS, marginUnitType: WidthType.DXA },
    borders: { top: HEAVY, bottom: HEAVY, left: NONE, right: NONE, insideHorizontal: RULE, insideVertical: NONE },
  });
}

export async function buildDocument(tables: ExportTable[], meta: ExportMeta): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, spacing: { after: 120 }, children: [run(meta.title, { size: 36, bold: true })] }),
    para(`Generated ${formatTimestamp(meta.generatedAt)}.`),
    para(
      meta.suppression ? exportSuppressionNote(meta.suppression, tables.map((t) => t.result)) : 'No figures are suppressed.',
      { after: 240 },
    ),
  ];
  let section: string | null = null;
  tables.forEach((table, i) => {
    if (table.section && table.section !== section) {
      section = table.section;
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, spacing: { before: 240, after: 120 }, children: [run(section, { size: 28, bold: true })] }));
    }
    children.push(...packBlock(table, i + 1, meta));
  });

  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, spacing: { before: 240, after: 120 }, children: [run('Notes and sources', { size: 28, bold: true })] }));
  const models = tables.map((t) => buildTableModel(t, meta.yearStyle));
  for (const line of generalNotes(meta, models)) children.push(para(line, { size: TABLE, after: 60 }));
  children.push(para('The figures were made from these SSDA903 files:', { size: TABLE, after: 80, keepNext: true }));
  children.push(sourcesTable(meta));

  return packDocument(meta, children, false);
}


/**
 * A draft IRO annual report: a title page, a contents page (a real Word table-of-contents field,
 * filled in from the headings so it reads before Word updates it), the outline's sections with
 * narrative placeholders, tables and figures captioned by Word SEQ fields (Word renumbers them
 * when a table moves), and one appendix of definitions and sources instead of a source line
 * under every table.
 */
export async function buildReportDocument(items: ReportItem[], meta: ExportMeta, report: { organisation: string }): Promise<Uint8Array> {
  const logo = meta.house?.logo;
  const children: (Paragraph | Table | TableOfContents)[] = [
    ...(logo
      ? [
          new Paragraph({
            spacing: { after: 480 },
            children: [
              new ImageRun({
                type: logo.type,
                data: logo.data,
                transformation: fitInto(logo, 240, 120),
                altText: { name: 'Logo', title: 'Logo', description: `${report.organisation || 'Organisation'} logo` },
              }),
            ],
          }),
        ]
      : []),
    new Paragraph({ spacing: { before: logo ? 1200 : 2400, after: 240 }, heading: HeadingLevel.TITLE, children: [run(meta.title, { size: 48, bold: true })] }),
    ...(report.organisation ? [para(report.organisation, { size: 32, after: 240 })] : []),
    para(`Draft made ${formatTimestamp(meta.generatedAt)} by the IRO Workbench.`),
    para(meta.suppression ? `Counts from 1 to ${meta.suppression} are suppressed to protect confidentiality and shown as c.` : 'No figures are suppressed.'),
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ spacing: { after: 240 }, children: [run('Contents', { size: 32, bold: true })] }),
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-1' }),
    new Paragraph({ children: [new PageBreak()] }),
  ];
  const tables = items.flatMap((i) => ('table' in i ? [i.table] : []));
  let number = 0;
  const counter = { figures: 0 };
  for (const item of items) {
    if ('heading' in item) children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, spacing: { before: 240, after: 120 }, children: [run(item.heading, { size: 28, bold: true })] }));
    else if ('narrative' in item) children.push(para(item.narrative, { italics: true }));
    else children.push(...packBlock(item.table, ++number, meta, counter));
  }
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, keepNext: true, spacing: { after: 120 }, children: [run('Appendix: definitions and sources', { size: 28, bold: true })] }));
  const models = tables.map((t) => buildTableModel(t, meta.yearStyle));
  for (const line of generalNotes(meta, models)) children.push(para(line, { size: TABLE, after: 60 }));
  models.forEach((m, i) => {
    children.push(para(`Table ${i + 1}: ${m.title}`, { size: TABLE, bold: true, after: 20, keepNext: true }));
    for (const line of [m.definition, ...m.notes].filter(Boolean)) children.push(para(line, { size: TABLE, after: 40 }));
  });
  children.push(para('The figures were made from these files:', { size: TABLE, after: 80, keepNext: true }));
  children.push(sourcesTable(meta));
  return packDocument(meta, children, true);
}

async function packDocument(meta: ExportMeta, children: (Paragraph | Table | TableOfContents)[], fields: boolean): Promise<Uint8Array> {
  const font = meta.house?.font ?? FONT;
  const heading = (meta.house?.heading ?? '#0B0C0C').slice(1);
  const doc = new Document({
    creator: 'IRO Workbench',
    lastModifiedBy: 'IRO Workbench',
    title: meta.title,
    description: `Tables generated ${meta.generatedAt}`,
    // A report's contents and captions are fields: Word fills in page numbers and numbers when it opens it.
    ...(fields ? { features: { updateFields: true } } : {}),
    styles: {
      default: {
        document: { run: { font, size: BODY }, paragraph: { spacing: { after: 120 } } },
        title: { run: { font, size: 36, bold: true, color: heading } },
        heading1: { run: { font, size: 28, bold: true, color: heading }, paragraph: { keepNext: true } },
      },
      paragraphStyles: [
        {
          id: 'Caption',
          name: 'caption',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { font, size: BODY, bold: true, color: '0B0C0C' },
          paragraph: { keepNext: true, spacing: { before: 200, after: 60 } },
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ font: FONT, size: SMALL, children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  const bytes = new Uint8Array(await Packer.toArrayBuffer(doc));
  return meta.house ? withHouseStyle(bytes, meta.house) : bytes;
}

/**
 * The house font in every run set in the default font (tables, captions, footers, comparators),
 * and a light tint of its first chart colour as the table headers' shading. Done on the package:
 * every run names its font, so this is one place instead of a font passed to every run.
 */
export async function withHouseStyle(docx: Uint8Array, house: HouseLook): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(docx);
  const shade = tint(house.palette[0]!).slice(1);
  for (const path of Object.keys(zip.files).filter((p) => /^word\/[^/]+\.xml$/.test(p))) {
    const xml = await zip.file(path)!.async('string');
    const styled = xml
      .replace(/<w:rFonts\b[^>]*\/>/g, (tag) => tag.replace(new RegExp(`="${FONT}"`, 'g'), `="${house.font}"`))
      .replace(new RegExp(`w:fill="${HEADER_SHADE}"`, 'g'), `w:fill="${shade}"`);
    if (styled !== xml) zip.file(path, styled);
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
