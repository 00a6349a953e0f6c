/**
 * Year-on-year change of one row (or the total) of a pack result: the change in count, the
 * relative change in per cent, and the change in percentage points, from the previous loaded year
 * that has figures (which may be more than one year earlier: a year missing from the workspace, a
 * year whose return did not collect what the pack counts (x), a year withheld whole with not even
 * its total shown). Suppressed or missing values give nulls, never a number that could reveal them;
 * a change worked from a suppressed figure is itself withheld (shown c, as the figure, not –).
 * Used by the screen's change column, the exports' (comparedYears), commentary and charts, so all
 * name the same two years.
 */
import { isMeasure, percentSuppressed, type CellValue, type PackResult } from './result.js';

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
  /** Either year's cell is suppressed: the change would reveal it, so it is withheld (c), not missing (–). */
  withheld: boolean;
  /** Either year's percentage is withheld (its cell or its base suppressed): so is the change in points (c). */
  pointsWithheld: boolean;
  /** Either year's figure is not collected (x: a code not in that year's code list): there is no change, shown x. */
  notCollected: boolean;
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

/**
 * A change worked from a suppressed figure would give it away (with the other year's figure), so
 * the change is withheld too: every table shows it as c, the suppressed symbol, never as – (no figure).
 * Not when either year is not collected (x): there is no change to withhold, and it reads x
 * (changeNotCollected), as the row it is a part of does.
 */
export function changeWithheld(previous: CellValue | undefined, current: CellValue | undefined): boolean {
  return (previous?.suppressed === true || current?.suppressed === true) && !changeNotCollected(previous, current);
}

/** A change in points worked from a withheld percentage (its cell's or its base's suppression) is withheld too (x again wins). */
export function pointsWithheld(previous: CellValue | undefined, current: CellValue | undefined): boolean {
  return (percentSuppressed(previous) || percentSuppressed(current)) && !changeNotCollected(previous, current);
}

/**
 * The change a table shows between two years' figures (withheld and not collected are decided
 * apart): a measure's (an average's) change in value, to one decimal place, and none where either
 * year has no value, never the change in what it is over; else the change in count. Null: none.
 */
export function figureChange(previous: CellValue | undefined, current: CellValue | undefined): { change: number; decimals: 0 | 1 } | null {
  if (isMeasure(previous) || isMeasure(current)) {
    if (typeof previous?.value !== 'number' || typeof current?.value !== 'number') return null;
    // Rounded to kill binary noise (14.2 - 13.9 = 0.29999...).
    return { change: Math.round((current.value - previous.value) * 1e6) / 1e6, decimals: 1 };
  }
  if (typeof previous?.count === 'number' && typeof current?.count === 'number') return { change: current.count - previous.count, decimals: 0 };
  return null;
}

/** A change from or to a figure not collected (x) is none: a code new in the list did not rise from 0. */
export function changeNotCollected(previous: CellValue | undefined, current: CellValue | undefined): boolean {
  return previous?.notCollected === true || current?.notCollected === true;
}

/** The cell shows a figure: a count or a value, not suppressed (c), not collected (x), not missing (–). */
function showsFigure(cell: CellValue | undefined): boolean {
  return !!cell && !cell.suppressed && !cell.notCollected && (num(cell.count) !== null || num(cell.value) !== null);
}

const figuresMemo = new WeakMap<PackResult, Set<number>>();

/** The years in which some cell of the table (a row or the total) shows a figure. */
function yearsWithFigures(result: PackResult): Set<number> {
  let years = figuresMemo.get(result);
  if (!years) {
    years = new Set(result.years.filter((y) => showsFigure(result.total[String(y)]) || result.rows.some((r) => showsFigure(r.values[String(y)]))));
    figuresMemo.set(result, years);
  }
  return years;
}

export function hasFigures(result: PackResult, year: number): boolean {
  return yearsWithFigures(result).has(year);
}

/** The years from the first with figures on (a chart does not draw the years before a file was collected). */
export function fromFirstFigures(result: PackResult, years: readonly number[]): number[] {
  const first = years.findIndex((y) => hasFigures(result, y));
  return first === -1 ? [...years] : years.slice(first);
}

/** The latest of `years` before `year` that has figures, or null. */
export function previousWithFigures(result: PackResult, year: number, years: readonly number[] = result.years): number | null {
  return years.filter((y) => y < year && hasFigures(result, y)).at(-1) ?? null;
}

export interface Comparison {
  /** The latest year shown. */
  year: number;
  /** The year it is compared with: the latest earlier year shown that has figures. */
  since: number;
  /** Years shown between the two that have no figures (not collected, or withheld whole). */
  skipped: number[];
}

/**
 * The two years a table's change compares, among the years shown (oldest first): the latest, and
 * the latest earlier one that has figures; null when the latest has none or no earlier one has.
 */
export function comparedYears(result: PackResult, years: readonly number[] = result.years): Comparison | null {
  const year = years.at(-1);
  if (year === undefined || !hasFigures(result, year)) return null;
  const since = previousWithFigures(result, year, years);
  if (since === null) return null;
  return { year, since, skipped: years.filter((y) => y > since && y < year) };
}

/** Why a year shows no figures, in words: "not collected", "withheld" (too few to publish), or "no figures". */
function whyNoFigures(result: PackResult, year: number): string {
  const y = String(year);
  // Not collected when every figure of the year is (a row of a code not in that year's list is x in a year that is collected).
  const cells = [result.total[y], ...result.rows.map((r) => r.values[y])].filter((c) => c !== undefined);
  if (cells.length > 0 && cells.every((c) => c.notCollected)) return 'not collected (x)';
  if (result.suppression?.withheldYears.includes(year)) return 'withheld (c), too few to publish';
  return 'no figures';
}

function listAnd(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * The line that says which years a table's change compares when that is not plain from its
 * headings: a year between skipped for having no figures, or no change at all (the latest year has
 * no figures, or no earlier year shown has any); null otherwise, and for a single year.
 */
export function comparisonNote(result: PackResult, years: readonly number[], label: (year: number) => string): string | null {
  const year = years.at(-1);
  if (year === undefined || years.length < 2) return null;
  const c = comparedYears(result, years);
  if (c) {
    if (c.skipped.length === 0) return null;
    const whys = [...new Set(c.skipped.map((y) => whyNoFigures(result, y)))];
    return `The change compares ${label(c.year)} with ${label(c.since)}, as ${listAnd(c.skipped.map(label))} ${c.skipped.length === 1 ? 'has' : 'have'} no figures: ${listAnd(whys)}.`;
  }
  if (!hasFigures(result, year)) return `No change is shown, as ${label(year)} has no figures: ${whyNoFigures(result, year)}.`;
  const earlier = years.filter((y) => y < year);
  const whys = [...new Set(earlier.map((y) => whyNoFigures(result, y)))];
  if (whys.length === 1 && whys[0] === 'not collected (x)') return `No change is shown, as no earlier year's return collected this (x): only ${label(year)}'s did.`;
  return `No change is shown, as no earlier year shown has figures: ${listAnd(whys)}.`;
}

export function yearOnYear(result: PackResult, key: string | null, year: number): YearOnYear {
  return changeBetween(result, key, year, previousWithFigures(result, year));
}

/** The change of a row (null: the total) from `previousYear` (null: none) to `year`. */
export function changeBetween(result: PackResult, key: string | null, year: number, previousYear: number | null): YearOnYear {
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
    withheld: changeWithheld(prev, cur),
    pointsWithheld: pointsWithheld(prev, cur),
    notCollected: changeNotCollected(prev, cur),
  };
}

/** Year-on-year for every loaded year of a row (the first year with figures has no previous). */
export function yearOnYearSeries(result: PackResult, key: string | null): YearOnYear[] {
  return result.years.map((y) => yearOnYear(result, key, y));
}
