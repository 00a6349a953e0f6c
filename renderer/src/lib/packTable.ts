/**
 * Turns a PackResult into what the pack table shows: years as columns (labelled as the pack's
 * timing says), each year's cell holding its number and/or percent, the change from the previous
 * year, and a total row. No counting happens here: every figure comes from the pack result as it is.
 */
import type { PackSummary } from '../../../shared/api.js';
import { totalRowLabel, type CellValue, type PackResult } from '../../../shared/packs/result.js';
import { formatCount, formatPercent, formatSigned, NO_FIGURE, NOT_COLLECTED, SUPPRESSED, yearLabel } from './format.js';
import { changeBetween, comparedYears, figureChange } from '../../../shared/packs/yearOnYear.js';
import { localRowHeading } from '../../../shared/packs/local.js';
import { CHANGE_HISTORY_NOTE, historyNote, isHistoryMarked } from '../../../shared/packs/history.js';

export type Measure = 'count' | 'percent' | 'both';

export interface PackGridRow {
  id: string;
  label: string;
  group: string | null;
  isTotal: boolean;
  /** A group subtotal (e.g. all care orders), shown emphasised. */
  isSubtotal: boolean;
  /** A row inside a group that has a subtotal row, shown indented under it. */
  isChild: boolean;
  values: Record<string, CellValue>;
}

export interface TableOptions {
  measure: Measure;
  /** The years to show, oldest first (a range chosen from result.years). */
  years: number[];
}

export function packHasPercent(result: PackResult): boolean {
  return result.rows.some((r) => Object.values(r.values).some((v) => typeof v.percent === 'number' || (v.suppressed && 'percent' in v)));
}

/** A Group column helps unless the pack already shows its groups as emphasised subtotal rows. */
export function packHasGroups(result: PackResult): boolean {
  return result.rows.some((r) => r.group !== null && r.group !== '') && !result.rows.some((r) => r.subtotal);
}

export const TOTAL_ROW_ID = '__total';

/** The pack's rows, then its total (when it has one) as the last row. */
export function gridRows(result: PackResult): PackGridRow[] {
  const withSubtotal = new Set(result.rows.filter((r) => r.subtotal).map((r) => r.group));
  const rows = result.rows.map((r) => ({
    id: r.key,
    label: r.label,
    group: r.group,
    isTotal: false,
    isSubtotal: r.subtotal === true,
    isChild: !r.subtotal && r.group !== null && withSubtotal.has(r.group),
    values: r.values,
  }));
  const totalLabel = totalRowLabel(result);
  return totalLabel !== null ? [...rows, { id: TOTAL_ROW_ID, label: totalLabel, group: null, isTotal: true, isSubtotal: false, isChild: false, values: result.total }] : rows;
}

export const countColId = (year: number) => `y${year}-count`;
export const percentColId = (year: number) => `y${year}-percent`;

/** One column of the pack table: the row label, the DfE group, a year, or the change. */
export interface PackColumn {
  id: string;
  kind: 'label' | 'group' | 'year' | 'change';
  header: string;
  /** Spelled out for the header's tooltip and screen readers ("Change from 2022/23 to 2023/24"). */
  title?: string;
  year?: number;
}

/** One figure inside a cell: its column id (y2024-count, y2024-percent, change-count...) and text. */
export interface CellPart {
  colId: string;
  measure: 'count' | 'percent';
  text: string;
}

export interface PackCell {
  parts: CellPart[];
  /** The pack's own cell (a year column's), for anything a cell carries beyond its figures. */
  value?: CellValue;
  suppressed: boolean;
  /** The year whose children a click on this cell lists (a non-zero, unsuppressed count). */
  drillYear?: number;
  /** Set when the figures rest on incomplete history (shown as u): the note saying how much. */
  history?: string;
}

export interface PackTable {
  columns: PackColumn[];
  rows: PackGridRow[];
  showCount: boolean;
  showPercent: boolean;
  cell(row: PackGridRow, column: PackColumn): PackCell;
}

/** The table as shown: the measure chosen decides what each year's cell holds (number, %, both). */
export function packTable(result: PackResult, summary: PackSummary, options: TableOptions): PackTable {
  const hasPercent = packHasPercent(result);
  const showCount = options.measure !== 'percent' || !hasPercent;
  const showPercent = options.measure !== 'count' && hasPercent;
  const columns: PackColumn[] = [{ id: 'label', kind: 'label', header: localRowHeading(result) ?? 'Category' }];
  if (packHasGroups(result)) columns.push({ id: 'group', kind: 'group', header: 'Group' });
  for (const year of options.years) columns.push({ id: `y${year}`, kind: 'year', header: yearLabel(year, summary.timing), year });
  // The latest year shown against the latest before it that has figures (never a year not collected, x).
  const compared = comparedYears(result, options.years);
  const current = compared?.year;
  const previous = compared?.since;
  if (current !== undefined && previous !== undefined) {
    columns.push({
      id: 'change',
      kind: 'change',
      header: 'Change',
      title: `Change from ${yearLabel(previous, summary.timing)} to ${yearLabel(current, summary.timing)}${showPercent ? '; percentages change in points' : ''}`,
    });
  }

  function yearCell(row: PackGridRow, year: number): PackCell {
    const value = row.values[String(year)];
    const parts: CellPart[] = [];
    if (showCount) parts.push({ colId: countColId(year), measure: 'count', text: formatCount(value) });
    // The total's percent is blank rather than a dash: it is the base, not a missing figure.
    if (showPercent) parts.push({ colId: percentColId(year), measure: 'percent', text: row.isTotal && !value?.percent ? '' : formatPercent(value) });
    const drillable = !!value && !value.suppressed && typeof value.count === 'number' && value.count > 0;
    const history = value?.suppressed ? null : historyNote(value);
    return { parts, value, suppressed: value?.suppressed === true, drillYear: drillable ? year : undefined, ...(history ? { history } : {}) };
  }

  function changeCell(row: PackGridRow): PackCell {
    // The shared year-on-year helper (also used by commentary and exports): the change between the
    // two years compared, null where either side is suppressed or missing.
    const yoy = changeBetween(result, row.isTotal ? null : row.id, current!, previous!);
    // No figure: withheld (c) when worked from a suppressed one, as the exports show it; not
    // collected (x) when one year's is; else –.
    const noneBut = (withheld: boolean) => (withheld ? SUPPRESSED : yoy.notCollected ? NOT_COLLECTED : NO_FIGURE);
    const none = noneBut(yoy.withheld);
    // The change as the exports show it: an average's to one decimal place ("−1.0"), never the change in what it is over.
    const from = [row.values[String(previous)], row.values[String(current)]] as const;
    const change = figureChange(...from);
    const parts: CellPart[] = [];
    if (showCount) parts.push({ colId: 'change-count', measure: 'count', text: change === null ? none : formatSigned(change.change, change.decimals) });
    if (showPercent) {
      const points = yoy.changePoints;
      parts.push({ colId: 'change-percent', measure: 'percent', text: points === null ? (row.isTotal ? '' : noneBut(yoy.pointsWithheld)) : formatSigned(points, 1, ' pts') });
    }
    // A change made from a figure marked u is marked too (suppression wins: c has no u).
    const marked = !yoy.withheld && parts.some((p) => ![NO_FIGURE, SUPPRESSED, NOT_COLLECTED, ''].includes(p.text)) && from.some(isHistoryMarked);
    return { parts, suppressed: yoy.withheld, ...(marked ? { history: CHANGE_HISTORY_NOTE } : {}) };
  }

  return {
    columns,
    rows: gridRows(result),
    showCount,
    showPercent,
    cell(row, column) {
      if (column.kind === 'year') return yearCell(row, column.year!);
      if (column.kind === 'change') return changeCell(row);
      return { parts: [], suppressed: false };
    },
  };
}
