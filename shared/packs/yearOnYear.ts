/**
 * Year-on-year change of one row (or the total) of a pack result: the change in count, the
 * relative change in per cent, and the change in percentage points, from the previous LOADED
 * year (which may be more than one year earlier when a year is missing). Suppressed or missing
 * values give nulls, never a number that could reveal them. Used by commentary, charts and exports.
 */
import type { CellValue, PackResult } from './result.js';

export interface YearOnYear {
  year: number;
  /** The previous loaded year, or null for the first year. */
  previousYear: number | null;
  count: number | null;
  previousCount: number | null;
  /** count - previousCount. */
  change: number | null;
  /** Relative change of the count in per cent, one decimal; null when the previous count is 0. */
  changePercent: number | null;
  percent: number | null;
  previousPercent: number | null;
  /** Change in percentage points, one decimal. */
  changePoints: number | null;
  value: number | null;
  previousValue: number | null;
  valueChange: number | null;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function num(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The cell of a row key (null = the total) in a year. */
export function cellOf(result: PackResult, key: string | null, year: number): CellValue | undefined {
  const y = String(year);
  if (key === null) return result.total[y];
  return result.rows.find((r) => r.key === key)?.values[y];
}

export function yearOnYear(result: PackResult, key: string | null, year: number): YearOnYear {
  const i = result.years.indexOf(year);
  const previousYear = i > 0 ? result.years[i - 1]! : null;
  const cur = cellOf(result, key, year);
  const prev = previousYear === null ? undefined : cellOf(result, key, previousYear);
  const count = num(cur?.count);
  const previousCount = num(prev?.count);
  const percent = num(cur?.percent);
  const previousPercent = num(prev?.percent);
  const value = num(cur?.value);
  const previousValue = num(prev?.value);
  const both = (a: number | null, b: number | null) => a !== null && b !== null;
  return {
    year,
    previousYear,
    count,
    previousCount,
    change: both(count, previousCount) ? count! - previousCount! : null,
    changePercent: both(count, previousCount) && previousCount! > 0 ? round1(((count! - previousCount!) / previousCount!) * 100) : null,
    percent,
    previousPercent,
    changePoints: both(percent, previousPercent) ? round1(percent! - previousPercent!) : null,
    value,
    previousValue,
    valueChange: both(value, previousValue) ? round1(value! - previousValue!) : null,
  };
}

/** Year-on-year for every loaded year of a row (the first year has no previous). */
export function yearOnYearSeries(result: PackResult, key: string | null): YearOnYear[] {
  return result.years.map((y) => yearOnYear(result, key, y));
}
