/**
 * Turns a PackResult into what the grid shows: years as columns (labelled as the pack's timing
 * says), count and/or percent under each year, the change from the previous year, and a total row.
 * No counting happens here: every figure comes from the pack result as it is.
 */
import type { ColDef, ColGroupDef, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import type { PackSummary } from '../../../shared/api.js';
import type { CellValue, PackResult } from '../../../shared/packs/result.js';
import { formatCount, formatPercent, formatSigned, NO_FIGURE, yearLabel } from './format.js';
import { yearOnYear } from '../../../shared/packs/yearOnYear.js';

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
  const hasTotal = Object.keys(result.total).length > 0;
  return hasTotal ? [...rows, { id: TOTAL_ROW_ID, label: 'Total', group: null, isTotal: true, isSubtotal: false, isChild: false, values: result.total }] : rows;
}

export const countColId = (year: number) => `y${year}-count`;
export const percentColId = (year: number) => `y${year}-percent`;

function cellOf(params: { data?: PackGridRow }, year: number): CellValue | undefined {
  return params.data?.values[String(year)];
}

function countNumber(cell: CellValue | undefined): number | null {
  if (!cell || cell.suppressed) return null;
  // An average's cell also holds how many it averages over: the average is the figure shown.
  return typeof cell.value === 'number' ? cell.value : typeof cell.count === 'number' ? cell.count : null;
}

function numericClass(extra?: (p: { data?: PackGridRow; value?: unknown }) => string | undefined) {
  return (p: { data?: PackGridRow; value?: unknown }) => ['num', extra?.(p)].filter(Boolean).join(' ');
}

export function packColumns(result: PackResult, summary: PackSummary, options: TableOptions): (ColDef<PackGridRow> | ColGroupDef<PackGridRow>)[] {
  const showCount = options.measure !== 'percent' || !packHasPercent(result);
  const showPercent = options.measure !== 'count' && packHasPercent(result);
  const columns: (ColDef<PackGridRow> | ColGroupDef<PackGridRow>)[] = [
    {
      colId: 'label',
      headerName: 'Category',
      field: 'label',
      pinned: 'left',
      minWidth: 240,
      maxWidth: 360,
      flex: 2,
      wrapText: true,
      autoHeight: true,
      cellClass: (p) => (p.data?.isTotal ? 'label total' : 'label'),
    },
  ];
  if (packHasGroups(result)) {
    columns.push({ colId: 'group', headerName: 'Group', field: 'group', minWidth: 120, flex: 1 });
  }
  for (const year of options.years) {
    const children: ColDef<PackGridRow>[] = [];
    if (showCount) {
      children.push({
        colId: countColId(year),
        headerName: 'Number',
        headerTooltip: `Number, ${yearLabel(year, summary.timing)}`,
        type: 'numericColumn',
        minWidth: 86,
        flex: 1,
        valueGetter: (p: ValueGetterParams<PackGridRow>) => countNumber(cellOf(p, year)),
        valueFormatter: (p: ValueFormatterParams<PackGridRow>) => formatCount(cellOf(p, year)),
        cellClass: numericClass((p) => {
          const cell = cellOf(p, year);
          if (cell?.suppressed) return 'suppressed';
          return typeof cell?.count === 'number' && cell.count > 0 ? 'drillable' : undefined;
        }),
      });
    }
    if (showPercent) {
      children.push({
        colId: percentColId(year),
        headerName: '%',
        headerTooltip: `Percent, ${yearLabel(year, summary.timing)}`,
        type: 'numericColumn',
        minWidth: 72,
        flex: 1,
        valueGetter: (p: ValueGetterParams<PackGridRow>) => {
          const cell = cellOf(p, year);
          return cell && !cell.suppressed && typeof cell.percent === 'number' ? cell.percent : null;
        },
        valueFormatter: (p: ValueFormatterParams<PackGridRow>) => (p.data?.isTotal && !cellOf(p, year)?.percent ? '' : formatPercent(cellOf(p, year))),
        cellClass: numericClass((p) => (cellOf(p, year)?.suppressed ? 'suppressed' : undefined)),
      });
    }
    columns.push({ groupId: `y${year}`, headerName: yearLabel(year, summary.timing), marryChildren: true, children });
  }
  if (options.years.length >= 2) {
    const current = options.years[options.years.length - 1]!;
    const previous = options.years[options.years.length - 2]!;
    // The shared year-on-year helper (also used by commentary and exports): change from the
    // previous loaded year, null where either side is suppressed or missing.
    const change = (p: { data?: PackGridRow }) => {
      if (!p.data) return { count: null, points: null };
      const yoy = yearOnYear(result, p.data.isTotal ? null : p.data.id, current);
      return { count: yoy.valueChange ?? yoy.change, points: yoy.changePoints };
    };
    const children: ColDef<PackGridRow>[] = [];
    if (showCount) {
      children.push({
        colId: 'change-count',
        headerName: 'Number',
        headerTooltip: `Change in number from ${yearLabel(previous, summary.timing)} to ${yearLabel(current, summary.timing)}`,
        type: 'numericColumn',
        pinned: 'right',
        // Alone, this column must be wide enough for its group's heading.
        width: showPercent ? 90 : 120,
        valueGetter: (p: ValueGetterParams<PackGridRow>) => change(p).count,
        valueFormatter: (p: ValueFormatterParams<PackGridRow>) => {
          const c = change(p).count;
          return c === null ? NO_FIGURE : formatSigned(c, Number.isInteger(c) ? 0 : 1);
        },
        cellClass: 'num change',
      });
    }
    if (showPercent) {
      children.push({
        colId: 'change-percent',
        headerName: 'Points',
        pinned: 'right',
        headerTooltip: `Change in percentage points from ${yearLabel(previous, summary.timing)} to ${yearLabel(current, summary.timing)}`,
        type: 'numericColumn',
        width: 100,
        valueGetter: (p: ValueGetterParams<PackGridRow>) => change(p).points,
        valueFormatter: (p: ValueFormatterParams<PackGridRow>) => {
          const c = change(p).points;
          return c === null ? (p.data?.isTotal ? '' : NO_FIGURE) : formatSigned(c, 1);
        },
        cellClass: 'num change',
      });
    }
    // Pinned right, so the change stays in view when the years scroll sideways.
    columns.push({ groupId: 'change', headerName: 'Change', headerTooltip: `Change from ${yearLabel(previous, summary.timing)} to ${yearLabel(current, summary.timing)}`, marryChildren: true, children });
  }
  return columns;
}
