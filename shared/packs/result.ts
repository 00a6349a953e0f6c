/** The machine-readable result of a query pack (see ../shared/domain/packs.md). */
import type { PackComparators } from '../ees/packComparators.js';

export interface CellValue {
  /** Number of children (or reviews, episodes). null when suppressed. */
  count?: number | null;
  /** Percent of the row's base, 0-100, one decimal. null when suppressed or the base is 0. */
  percent?: number | null;
  /** A non-count measure (an average). */
  value?: number | null;
  /** Set when the count was suppressed for small numbers (shown as 'c'). */
  suppressed?: boolean;
  /**
   * Set when the count is shown but its percentage is withheld because the percentage's base (the
   * total, a heading, another row) is suppressed: percent is null and shown as c, not as – (no
   * figure), which is kept for a percentage that does not exist (a base of 0).
   */
  percentWithheld?: true;
  /**
   * Present only when the figure depends on records from before the earliest loaded return (shown
   * as `u`, incomplete history; see history.ts): affected = the children (reviews) counted in the
   * cell, or that could be with those records, whose records are incomplete; share = them as a
   * percentage of the children counted or that could be. Either is left out where it could reveal
   * a suppressed count (then the mark alone is given).
   */
  history?: { affected?: number; share?: number };
  /** The year's return does not collect what the figure counts (no such file before a year, a code not yet or no longer in the code list): shown as x, count null. */
  notCollected?: true;
}

export interface PackRow {
  key: string;
  label: string;
  /** DfE group this row belongs to (ethnicity group, legal-status group, ...), or null. */
  group: string | null;
  /** The row is the subtotal of its group (e.g. "Care orders" = C1 + C2); show it emphasised. */
  subtotal?: boolean;
  /**
   * What the row is when it is not a category of the table: 'base' (a base of percentages, e.g.
   * eligible children), 'measure' (a share or count that is not part of the breakdown, e.g. the BME
   * share), 'note' (a caveat, e.g. "Of whom: start not in the returns"). Charts never draw bases
   * or notes, and "largest"/"most common" is worked out over the categories only.
   */
  role?: RowRole;
  values: Record<string, CellValue>;
}

export type RowRole = 'base' | 'measure' | 'note';

export interface PackResult {
  pack: string;
  title: string;
  definition: string;
  years: number[];
  rows: PackRow[];
  total: Record<string, CellValue>;
  /**
   * Label of the total row: absent means "Total" (the rows add up to it); a pack whose rows do not
   * add up names its base instead; null when a row already shows the same count (no total row).
   */
  totalLabel?: string | null;
  /** The chart draws the parts of each group (age bands by sex) rather than the group subtotals. */
  chartLevel?: 'parts';
  /** What one category is, in words ("age group", "reason"), for "the most common ..."; absent: the rows are measures. */
  category?: string;
  /** A local pack's result (the service's own data): what it counts, so commentary can be written from the result alone. */
  local?: LocalResultInfo;
  notes: string[];
  /**
   * Present when the pack is broken down by a characteristic (see breakdown.ts): the categories in
   * order, and the rows a chart draws (the total split by category).
   */
  breakdown?: {
    by: string;
    label: string;
    categories: { key: string; label: string }[];
    chartKeys: string[];
    /** What a part's percentage is of, in words (shown beside the table on screen and in every export). */
    percentNote?: string;
  };
  /**
   * Present when some year has a figure marked as depending on missing history: for each such year,
   * the earliest collection year whose return would help complete it.
   */
  history?: { earliestNeeded: Record<string, number> };
  /** Set when small numbers were suppressed: how many cells, and the years withheld whole. */
  suppression?: SuppressionSummary;
  /** DfE's published figures for the rows a published measure matches (our authority, England, region, neighbours), when an authority is chosen. */
  comparators?: PackComparators;
}

export interface LocalResultInfo {
  unit: { one: string; many: string };
  /** The columns counted by. */
  by: string[];
  /** The measures' labels, in order ("Average days from raised to resolved"): their rows' groups. */
  measures?: string[];
  /** Each measure's unit, in the same order: "days" for days between two dates, else the number column's name ("hours"). */
  measureUnits?: string[];
  /** The columns are reporting months (years as yyyymm), not collection years. */
  months?: boolean;
  /** Each value is counted once in every category it has rows in, so the categories can add up to more than the total. */
  overlapping?: true;
}

export interface SuppressionSummary {
  /** Counts 1..threshold were suppressed. */
  threshold: number;
  /** Cells suppressed for being 1..threshold, over every year. */
  primary: number;
  /** Cells suppressed to protect them (secondary), over every year. */
  secondary: number;
  /** Years where every figure is withheld (too few to publish safely), oldest first. */
  withheldYears: number[];
  /** Other years where some zeros are suppressed too (a c may stand for 0), oldest first. */
  zeroYears: number[];
}

/**
 * A measure's cell (an average, a statistic) carries value, null where there is none (an average
 * over no children); its figure is that value, never the count of what it is over.
 */
export function isMeasure(cell: CellValue | undefined): cell is CellValue & { value: number | null } {
  return cell !== undefined && 'value' in cell;
}

/** The cell's percentage is withheld (shown c): the cell is suppressed, or the percentage's base is. */
export function percentSuppressed(cell: CellValue | undefined): boolean {
  return cell?.suppressed === true || cell?.percentWithheld === true;
}

/** The label of the result's total row, or null when it shows none (no figure in its years). */
export function totalRowLabel(result: PackResult): string | null {
  if (result.totalLabel === null) return null;
  const any = result.years.some((y) => {
    const c = result.total[String(y)];
    return !!c && (c.suppressed || typeof c.count === 'number' || typeof c.value === 'number');
  });
  return any ? (result.totalLabel ?? 'Total') : null;
}
