/**
 * One layout of a pack's table for every export (Excel, Word, clipboard): rows as the pack gives
 * them, then per year a Number and a % column, then the change from the previous year, then Total.
 * The cells here are typed (number with a format, suppressed, missing); each writer decides how to
 * show them. Figures are copied from the PackResult; only the year-on-year change is computed.
 */
import { includesSampleData, SAMPLE_DATA_TEXT } from '../domain/sampleData.js';
import { flowLabel, monthLabel, snapshotLabel } from '../domain/years.js';
import { formatDecimal, formatInteger, formatPercentValue, formatSigned, NO_FIGURE, NOT_COLLECTED, NOT_COLLECTED_MEANING, SUPPRESSED, suppressedMeaning } from '../format.js';
import { HISTORY_LEGEND, HISTORY_SYMBOL, isHistoryMarked } from '../packs/history.js';
import { isLocalPackId, localRowHeading } from '../packs/local.js';
import { isMeasure, percentSuppressed, totalRowLabel, type CellValue } from '../packs/result.js';
import { changeNotCollected, changeWithheld, comparedYears, comparisonNote, figureChange, pointsWithheld } from '../packs/yearOnYear.js';
import type { ExportMeta, ExportTable, PackTiming } from './types.js';

export { NO_FIGURE, NOT_COLLECTED, SUPPRESSED };

export type NumberFormat = 'count' | 'percent' | 'decimal' | 'change-count' | 'change-points' | 'change-decimal';

export type ModelCell =
  /** lowReliability: the figure depends on records before the earliest loaded return (shown with u). */
  | { kind: 'number'; value: number; format: NumberFormat; lowReliability?: true }
  | { kind: 'suppressed' }
  /** The year's return does not collect it (x). */
  | { kind: 'not-collected' }
  /** The pack has no figure here although it has for other years. */
  | { kind: 'missing' }
  /** Not applicable to the row at all (no percentage of an average, or of the total). */
  | { kind: 'blank' };

export type ColumnRole = 'count' | 'percent' | 'change-count' | 'change-points';

export interface ModelColumn {
  role: ColumnRole;
  /** The year of a count/percent column; the later year of a change column. */
  year: number;
  /** Heading shared by a year's columns: "31 March 2023", "Change since 31 March 2022". */
  group: string;
  /** "Number", "%" or "% points". */
  sub: string;
  /** The year alone, for headings under a shared "At 31 March": "2023" (snapshot) or "2022/23" (flow). */
  yearText: string;
  /** The earlier year of a change column. */
  since?: number;
}

export interface ModelRow {
  key: string;
  label: string;
  group: string | null;
  isTotal: boolean;
  /** The row sums its group ("Care orders" = C1 + C2): shown bold, as the group's heading. */
  isSubtotal: boolean;
  /** A part of a group: shown indented under the group's heading or subtotal. */
  inGroup: boolean;
  cells: ModelCell[];
}

export interface TableModel {
  pack: string;
  title: string;
  timing: PackTiming;
  definition: string;
  notes: string[];
  rowHeading: string;
  /** "Snapshot at 31 March each year: 31 March 2021 to 31 March 2023". */
  period: string;
  columns: ModelColumn[];
  /** Category rows in the pack's order, then the Total row when the pack has one. */
  rows: ModelRow[];
  hasGroups: boolean;
  hasPercent: boolean;
  hasSuppressed: boolean;
  hasMissing: boolean;
  /** Some figure is not collected in its year (x). */
  hasNotCollected: boolean;
  /** Some figure is marked u (incomplete history). */
  hasLowReliability: boolean;
  /** Which years the change compares, when the headings do not make it plain (a year passed over, or no change at all). */
  changeNote: string | null;
  /** A breakdown's: what a part's percentage is of. */
  percentNote: string | null;
}

type YearStyle = NonNullable<ExportMeta['yearStyle']>;

/** The heading over a pack's row labels, when the caller gives none ("Category" otherwise). */
export const ROW_HEADINGS: Record<string, string> = {
  cla: 'Children',
  starters: 'Age on starting',
  duration: 'Length of time looked after',
  age: 'Age on 31 March',
  gender: 'Sex',
  'age-gender': 'Sex and age',
  ethnicity: 'Ethnicity',
  uasc: 'Children',
  'legal-status': 'Legal status',
  'placement-type': 'Placement',
  'placement-provider': 'Provider',
  'placement-stability': 'Measure',
  'reasons-ceased': 'Reason for ceasing',
  adoption: 'Measure',
  'care-leavers': 'Care leavers',
  health: 'Measure',
  sdq: 'Measure',
  missing: 'Measure',
  'review-participation': 'How the child took part',
  'review-timeliness': 'Reviews',
};

export function yearLabel(year: number, timing: PackTiming, style: YearStyle = 'council'): string {
  if (timing === 'month') return monthLabel(year);
  if (style === 'dfe') return timing === 'snapshot' ? String(year) : `${year - 1}-${String(year % 100).padStart(2, '0')}`;
  return timing === 'snapshot' ? snapshotLabel(year) : flowLabel(year);
}

function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function contiguous(years: number[], timing: PackTiming): boolean {
  // Months are yyyymm: December 2023 (202312) is followed by January 2024 (202401).
  const next = (y: number) => (timing === 'month' && y % 100 === 12 ? y + 89 : y + 1);
  return years.every((y, i) => i === 0 || y === next(years[i - 1]!));
}

/** The years a table covers, in words, for the line under its title. */
export function periodText(years: number[], timing: PackTiming, style: YearStyle = 'council'): string {
  const labels = years.map((y) => yearLabel(y, timing, style));
  const span =
    years.length > 2 && contiguous(years, timing) ? `${labels[0]} to ${labels[labels.length - 1]}` : listWords(labels);
  if (timing === 'snapshot') {
    return years.length === 1 ? `Snapshot at 31 March: ${span}` : `Snapshot at 31 March each year: ${span}`;
  }
  if (timing === 'month') return `During each month: ${span}`;
  return years.length === 1
    ? `During the year 1 April ${years[0]! - 1} to 31 March ${years[0]}: ${span}`
    : `During each year (1 April to 31 March): ${span}`;
}

export function suppressionLegend(threshold: number | null): string {
  return `${SUPPRESSED} = ${suppressedMeaning(threshold)}.`;
}

export const MISSING_LEGEND = `${NO_FIGURE} = no figure for that year (nothing recorded, or a percentage of none).`;
export const NOT_COLLECTED_LEGEND = `${NOT_COLLECTED} = ${NOT_COLLECTED_MEANING}.`;
export const ROUNDING_NOTE = 'Percentages are rounded to one decimal place, so they may not add up to 100.';
export const CHANGE_NOTE =
  'Change compares the latest year with the one before it that has figures, named in its heading; "% points" is the difference between the two percentages.';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * An ISO date or timestamp in words ("1 June 2024, 10:15 UTC"), read from the string itself so no
 * local time zone can move it. Anything not ISO-shaped is returned as it is.
 */
export function formatTimestamp(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(iso.trim());
  if (!m) return iso;
  const [, y, mo, d, hh, mm, zone] = m;
  const month = MONTHS[Number(mo) - 1];
  if (!month) return iso;
  const date = `${Number(d)} ${month} ${y}`;
  if (hh === undefined) return date;
  const tz = zone === undefined ? '' : zone === 'Z' || /^[+-]00:?00$/.test(zone) ? ' UTC' : ` (UTC${zone})`;
  return `${date}, ${hh}:${mm}${tz}`;
}

/** Just the date part of an ISO timestamp, in words. */
export function formatDate(iso: string): string {
  return formatTimestamp(iso.slice(0, 10));
}

/**
 * The one-line source of a table: which returns, how many files, when imported; for a local pack
 * (its pack id begins local-), the service's own records, named in its notes.
 */
export function sourceLine(meta: ExportMeta, years: number[], pack = ''): string {
  if (isLocalPackId(pack)) return "Source: the service's own records (a local table, not the SSDA903 return): see the notes.";
  const files = meta.sources.filter((s) => years.includes(s.year));
  const returns = listWords(years.map((y) => flowLabel(y)));
  // The bundled sample is made up: a table from it must never pass for an authority's figures.
  const what = includesSampleData(files) ? `${SAMPLE_DATA_TEXT} (made-up SSDA903 returns, no real children)` : 'SSDA903 returns';
  if (files.length === 0) return `Source: ${what} for ${returns}.`;
  const latest = files.map((f) => f.importedAt).sort().at(-1)!;
  const count = `${files.length} file${files.length === 1 ? '' : 's'}`;
  return `Source: ${what} for ${returns} (${count}, last imported ${formatDate(latest)}); file names and checksums are in the notes.`;
}

/**
 * True for text that a spreadsheet could take for a formula (= + - @, or a leading tab/CR/LF that
 * some importers strip). Writers must then store it as text that is never evaluated.
 */
export function needsFormulaGuard(text: string): boolean {
  return /^[=+\-@\t\r\n]/.test(text);
}

/**
 * The figure of a row's year: the measure (an average) when the pack gives one, else the count. A
 * pack may give an average with the count it was taken over; the table shows the average.
 */
function countCell(cell: CellValue | undefined): ModelCell {
  if (!cell) return { kind: 'missing' };
  if (cell.notCollected) return { kind: 'not-collected' };
  if (cell.suppressed) return { kind: 'suppressed' };
  if (isMeasure(cell)) return typeof cell.value === 'number' ? flagged({ kind: 'number', value: cell.value, format: 'decimal' }, cell) : { kind: 'missing' };
  if (typeof cell.count === 'number') return flagged({ kind: 'number', value: cell.count, format: 'count' }, cell);
  return { kind: 'missing' };
}

function percentCell(cell: CellValue | undefined): ModelCell {
  if (!cell) return { kind: 'missing' };
  if (cell.notCollected) return { kind: 'not-collected' };
  if (percentSuppressed(cell)) return { kind: 'suppressed' };
  if (typeof cell.percent === 'number') return flagged({ kind: 'number', value: cell.percent, format: 'percent' }, cell);
  return { kind: 'missing' };
}

/** A figure made from any cell marked as depending on missing history is marked too (suppression wins: c has no u). */
function flagged(cell: ModelCell, ...from: (CellValue | undefined)[]): ModelCell {
  return cell.kind === 'number' && from.some(isHistoryMarked) ? { ...cell, lowReliability: true } : cell;
}

/** A change derived from a suppressed figure would reveal it, so it is suppressed too (as on screen). */
function changeCountCell(prev: CellValue | undefined, cur: CellValue | undefined): ModelCell {
  if (changeWithheld(prev, cur)) return { kind: 'suppressed' };
  if (changeNotCollected(prev, cur)) return { kind: 'not-collected' };
  const change = figureChange(prev, cur);
  if (!change) return { kind: 'missing' };
  return flagged({ kind: 'number', value: change.change, format: change.decimals === 1 ? 'change-decimal' : 'change-count' }, prev, cur);
}

function changePointsCell(prev: CellValue | undefined, cur: CellValue | undefined): ModelCell {
  if (pointsWithheld(prev, cur)) return { kind: 'suppressed' };
  if (changeNotCollected(prev, cur)) return { kind: 'not-collected' };
  if (typeof prev?.percent === 'number' && typeof cur?.percent === 'number') {
    // Both percentages have one decimal, so their difference does too.
    return flagged({ kind: 'number', value: Math.round((cur.percent - prev.percent) * 10) / 10, format: 'change-points' }, prev, cur);
  }
  return { kind: 'missing' };
}

function anyCell(table: ExportTable, test: (c: CellValue) => boolean): boolean {
  const { rows, total } = table.result;
  return rows.some((r) => Object.values(r.values).some(test)) || Object.values(total).some(test);
}

export function buildTableModel(table: ExportTable, style: YearStyle = 'council'): TableModel {
  const { result, timing } = table;
  const years = [...result.years].sort((a, b) => a - b);
  const hasPercent = anyCell(table, (c) => typeof c.percent === 'number' || (c.suppressed === true && 'percent' in c));

  const columns: ModelColumn[] = [];
  const short = (y: number) => (timing === 'snapshot' ? String(y) : yearLabel(y, timing, style));
  for (const year of years) {
    const group = yearLabel(year, timing, style);
    columns.push({ role: 'count', year, group, sub: 'Number', yearText: short(year) });
    if (hasPercent) columns.push({ role: 'percent', year, group, sub: '%', yearText: short(year) });
  }
  // The latest year against the latest before it with figures (never a year not collected, x).
  const compared = comparedYears(result, years);
  const last = compared?.year;
  const prev = compared?.since;
  if (last !== undefined && prev !== undefined) {
    const group = `Change since ${yearLabel(prev, timing, style)}`;
    columns.push({ role: 'change-count', year: last, group, sub: 'Number', yearText: short(last), since: prev });
    if (hasPercent) columns.push({ role: 'change-points', year: last, group, sub: '% points', yearText: short(last), since: prev });
  }

  const cellsOf = (values: Record<string, CellValue>): ModelCell[] => {
    // A row with no percentage in any year (an average, a base, usually the total) shows none.
    // A suppressed cell that had a percentage keeps its (null) percent: the row still has one.
    const rowHasPercent = Object.values(values).some((c) => typeof c.percent === 'number' || (c.suppressed === true && 'percent' in c));
    return columns.map((col): ModelCell => {
      switch (col.role) {
        case 'count':
          return countCell(values[col.year]);
        case 'percent':
          return rowHasPercent ? percentCell(values[col.year]) : { kind: 'blank' };
        case 'change-count':
          return changeCountCell(values[prev!], values[last!]);
        case 'change-points':
          return rowHasPercent ? changePointsCell(values[prev!], values[last!]) : { kind: 'blank' };
      }
    });
  };

  const rows: ModelRow[] = result.rows.map((r) => {
    const group = r.group && r.group !== '' ? r.group : null;
    return { key: r.key, label: r.label, group, isTotal: false, isSubtotal: r.subtotal === true, inGroup: group !== null && r.subtotal !== true, cells: cellsOf(r.values) };
  });
  // "Total" only where the rows add up to it; a pack whose rows do not names its base instead.
  const totalLabel = totalRowLabel(result);
  if (totalLabel !== null) rows.push({ key: '__total', label: totalLabel, group: null, isTotal: true, isSubtotal: false, inGroup: false, cells: cellsOf(result.total) });

  const allCells = rows.flatMap((r) => r.cells);
  return {
    pack: result.pack,
    title: result.title,
    timing,
    definition: result.definition,
    notes: result.notes,
    rowHeading: table.rowHeading?.trim() || ROW_HEADINGS[result.pack] || localRowHeading(result) || 'Category',
    period: periodText(years, timing, style),
    columns,
    rows,
    hasGroups: rows.some((r) => r.group !== null),
    hasPercent,
    hasSuppressed: allCells.some((c) => c.kind === 'suppressed'),
    hasMissing: allCells.some((c) => c.kind === 'missing'),
    hasNotCollected: allCells.some((c) => c.kind === 'not-collected'),
    hasLowReliability: allCells.some((c) => c.kind === 'number' && c.lowReliability === true),
    changeNote: comparisonNote(result, years, (y) => yearLabel(y, timing, style)),
    percentNote: hasPercent ? (result.breakdown?.percentNote ?? null) : null,
  };
}

/**
 * Rows with a heading line before each new group, for Word and HTML (Excel and TSV use a Group
 * column). A group that opens with its subtotal needs no heading: the subtotal (bold) is one.
 */
export function withGroupHeadings(model: TableModel): ({ kind: 'group'; label: string } | { kind: 'row'; row: ModelRow })[] {
  const out: ({ kind: 'group'; label: string } | { kind: 'row'; row: ModelRow })[] = [];
  let current: string | null = null;
  for (const row of model.rows) {
    if (!row.isTotal && row.group !== null && row.group !== current && !row.isSubtotal) out.push({ kind: 'group', label: row.group });
    if (!row.isTotal) current = row.group;
    out.push({ kind: 'row', row });
  }
  return out;
}

/** True when a row has a percentage (or a suppressed one) in some column: it belongs in a table of percentages. */
export function hasPercentCells(model: TableModel, row: ModelRow): boolean {
  return model.columns.some((c, i) => (c.role === 'percent' || c.role === 'change-points') && row.cells[i]!.kind !== 'blank');
}

/** A cell as people read it (Word, HTML): "1,234", "12.3%", "+5", "−1.2", "c", "–", "45.9% u" (the shared formatting of shared/format.ts). */
export function displayText(cell: ModelCell): string {
  if (cell.kind === 'number' && cell.lowReliability) return `${figureText(cell)} ${HISTORY_SYMBOL}`;
  return figureText(cell);
}

function figureText(cell: ModelCell): string {
  if (cell.kind === 'suppressed') return SUPPRESSED;
  if (cell.kind === 'not-collected') return NOT_COLLECTED;
  if (cell.kind === 'missing') return NO_FIGURE;
  if (cell.kind === 'blank') return '';
  const v = cell.value;
  switch (cell.format) {
    case 'count':
      return formatInteger(v);
    case 'percent':
      return formatPercentValue(v);
    case 'decimal':
      return formatDecimal(v);
    case 'change-count':
      return formatSigned(v, 0);
    case 'change-points':
    case 'change-decimal':
      return formatSigned(v, 1);
  }
}

/**
 * A cell for pasting into spreadsheet cells: plain digits, '.' decimal point, no grouping; '' when
 * missing. A figure marked u keeps its mark ("45.9 u", text in the spreadsheet): it must not lose it.
 */
export function plainText(cell: ModelCell): string {
  if (cell.kind === 'suppressed') return SUPPRESSED;
  if (cell.kind === 'not-collected') return NOT_COLLECTED;
  if (cell.kind === 'missing' || cell.kind === 'blank') return '';
  return cell.lowReliability ? `${cell.value} ${HISTORY_SYMBOL}` : String(cell.value);
}

/**
 * The lines under a table: the symbols it uses (c always when suppression was asked for), what a
 * breakdown's percentages are of, then which years its change compares when the headings do not
 * make it plain.
 */
export function tableLegend(model: TableModel, meta: { suppression?: number | null }): string[] {
  const lines: string[] = [];
  if (model.hasSuppressed || (meta.suppression ?? 0) > 0) lines.push(suppressionLegend(meta.suppression ?? null));
  if (model.hasMissing) lines.push(MISSING_LEGEND);
  if (model.hasNotCollected) lines.push(NOT_COLLECTED_LEGEND);
  if (model.hasLowReliability) lines.push(HISTORY_LEGEND);
  if (model.percentNote) lines.push(model.percentNote);
  if (model.changeNote) lines.push(model.changeNote);
  return lines;
}

/** The general notes of an export: the symbols its tables use, rounding, what "change" means. */
export function generalNotes(meta: ExportMeta, models: TableModel[]): string[] {
  const suppressed = (meta.suppression ?? 0) > 0 || models.some((m) => m.hasSuppressed);
  return [
    suppressed ? suppressionLegend(meta.suppression) : 'No figures are suppressed.',
    ...(models.some((m) => m.hasMissing) ? [MISSING_LEGEND] : []),
    ...(models.some((m) => m.hasNotCollected) ? [NOT_COLLECTED_LEGEND] : []),
    ...(models.some((m) => m.hasLowReliability) ? [HISTORY_LEGEND] : []),
    ...(models.some((m) => m.hasPercent) ? [ROUNDING_NOTE] : []),
    ...(models.some((m) => m.columns.some((c) => c.role === 'change-count')) ? [CHANGE_NOTE] : []),
  ];
}

/** A chart's caption with the years it draws: "Figure 4: Age of children looked after, 31 March 2022 to 31 March 2024". */
export function figureCaption(number: number, title: string, years: string[]): string {
  const span = years.length === 0 ? '' : years.length === 1 ? `, ${years[0]}` : `, ${years[0]} to ${years[years.length - 1]}`;
  return `Figure ${number}: ${title}${span}`;
}

/** Width and height of a PNG, from its IHDR chunk; null when the bytes are not a PNG. */
export function pngSize(png: Uint8Array): { width: number; height: number } | null {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || sig.some((b, i) => png[i] !== b)) return null;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Fit an image into a box, keeping its shape; it is enlarged up to `maxScale` times to fill the box. */
export function fitInto(size: { width: number; height: number }, maxWidth: number, maxHeight = Infinity, maxScale = 1): { width: number; height: number } {
  const scale = Math.min(maxScale, maxWidth / size.width, maxHeight / size.height);
  return { width: Math.round(size.width * scale), height: Math.round(size.height * scale) };
}
