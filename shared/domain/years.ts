/**
 * Collection years: a return named 2023 covers 1 April 2022 .. 31 March 2023.
 * Dates are ISO 'YYYY-MM-DD' strings everywhere outside DuckDB, so no time zone can shift them.
 */

export const MIN_RETURN_YEAR = 1990;
export const MAX_RETURN_YEAR = 2100;

export function isReturnYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_RETURN_YEAR && year <= MAX_RETURN_YEAR;
}

/** First day of the collection year, e.g. 2023 -> '2022-04-01'. */
export function yearStart(year: number): string {
  return `${year - 1}-04-01`;
}

/** Last day of the collection year, e.g. 2023 -> '2023-03-31'. */
export function yearEnd(year: number): string {
  return `${year}-03-31`;
}

/** "2022/23": the label of a flow measure (started, ceased, reviews in the year). */
export function flowLabel(year: number): string {
  return `${year - 1}/${String(year % 100).padStart(2, '0')}`;
}

/** "31 March 2023": the label of a snapshot measure (children looked after at 31 March). */
export function snapshotLabel(year: number): string {
  return `31 March ${year}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A reporting month, given as yyyymm (202304 is April 2023: a local pack counted by month): "Apr
 * 2023" as a column shows it, "April 2023" in a sentence.
 */
export function monthLabel(period: number, long = false): string {
  const name = MONTHS[(period % 100) - 1] ?? '?';
  return `${long ? name : name.slice(0, 3)} ${Math.floor(period / 100)}`;
}

/**
 * Whole years from dob to date. A 29 February birthday falls on 1 March in other years
 * (the DfE convention), which plain month/day comparison gives for free: (2, 29) > (2, 28).
 */
export function ageOn(dobIso: string, dateIso: string): number {
  const [by, bm, bd] = dobIso.split('-').map(Number) as [number, number, number];
  const [y, m, d] = dateIso.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}
