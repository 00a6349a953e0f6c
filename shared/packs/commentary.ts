/**
 * Plain-English commentary made only from the figures a (possibly suppressed) pack table shows, in
 * the style of IRO annual reports: "On 31 March 2023 there were 206 children looked after, up 9
 * from 197 a year earlier." Rules:
 * - every number is a figure of the table, written as the table writes it (shared/format.ts):
 *   counts whole, percentages to one decimal place ("91.5%"), changes as the change column shows
 *   them ("down 0.6 points"); nothing is worked out that the table does not show;
 * - "up", "down", "rose", "fell" and "the same as" follow the change as shown (0.0 is the same);
 * - "largest" is worked out over every category of the table (categories.ts), and only claimed
 *   where no hidden cell could be larger;
 * - a suppressed value is never put into words (the sentence says it is not shown);
 * - "1 child", never "1 children"; verbs agree;
 * - no percentage of a base under MIN_BASE_FOR_PERCENT (say "3 of 7 children" instead);
 * - the first year shown has no comparison; the comparison is with the previous year shown that
 *   has figures (as the table's change column: a year not collected, x, is passed over), named
 *   when it is not the year before.
 */
import { flowLabel, monthLabel, snapshotLabel } from '../domain/years.js';
import { formatDecimal, formatInteger, formatPercentValue, shownDirection } from '../format.js';
import { categoryRows } from './categories.js';
import type { CellValue, PackResult, PackRow } from './result.js';
import { cellOf, previousWithFigures, yearOnYear, type YearOnYear } from './yearOnYear.js';

export type Timing = 'snapshot' | 'flow' | 'month';

/** Percentages of smaller bases are not stated in words. */
export const MIN_BASE_FOR_PERCENT = 10;

/** Changes in a share smaller than this many percentage points are not remarked on. */
export const NOTABLE_POINTS = 5;

export const NOT_SHOWN = 'not shown, to protect confidentiality';

export interface Noun {
  one: string;
  many: string;
}

export const CHILD: Noun = { one: 'child', many: 'children' };
export const REVIEW: Noun = { one: 'review', many: 'reviews' };

export function plural(n: number, noun: Noun): string {
  return n === 1 ? noun.one : noun.many;
}

/** "no children", "1 child", "206 children". */
export function countOf(n: number, noun: Noun): string {
  if (n === 0) return `no ${noun.many}`;
  return `${formatInteger(n)} ${plural(n, noun)}`;
}

export function isWas(n: number): string {
  return n === 1 ? 'was' : 'were';
}

export function hasHave(n: number): string {
  return n === 1 ? 'has' : 'have';
}

/** A percentage as the table shows it: "91.5%". */
export const pct = formatPercentValue;

/** "31 March 2023" or "2022/23". */
export function periodLabel(timing: Timing, year: number): string {
  if (timing === 'month') return monthLabel(year, true);
  return timing === 'snapshot' ? snapshotLabel(year) : flowLabel(year);
}

/** "On 31 March 2023" or "In 2022/23". */
export function atPeriod(timing: Timing, year: number): string {
  return timing === 'snapshot' ? `On ${snapshotLabel(year)}` : `In ${periodLabel(timing, year)}`;
}

/** "a year earlier" / "on 31 March 2020" (snapshot), "in 2021/22" (flow). */
export function earlier(timing: Timing, year: number, previousYear: number): string {
  if (timing === 'snapshot') return previousYear === year - 1 ? 'a year earlier' : `on ${snapshotLabel(previousYear)}`;
  return `in ${periodLabel(timing, previousYear)}`;
}

/** Capitalise and end with a full stop. */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const s = t[0]!.toUpperCase() + t.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

export function isShown(cell: CellValue | undefined): cell is CellValue & { count: number } {
  return !!cell && !cell.suppressed && typeof cell.count === 'number';
}

/**
 * ", up 9 from 197 a year earlier", ", down 0.6 points from 92.1% in 2022/23", ", the same as a
 * year earlier": the change as the change column shows it (decimals 0 for counts, 1 for points and
 * averages; "the same" when it shows as 0 or 0.0) and the previous figure as the table writes it.
 */
function changeWords(yoy: YearOnYear, timing: Timing, change: number | null, previous: string | null, decimals: 0 | 1, unit = ''): string {
  if (yoy.previousYear === null || change === null || previous === null) return '';
  const when = earlier(timing, yoy.year, yoy.previousYear);
  const dir = shownDirection(change, decimals);
  if (dir === 0) return `, the same as ${when}`;
  const size = decimals ? formatDecimal(Math.abs(change)) : formatInteger(Math.abs(change));
  return `, ${dir > 0 ? 'up' : 'down'} ${size}${unit} from ${previous} ${when}`;
}

/** ", up 9 from 197 a year earlier" / "" (first year, or either count not shown). */
export function countChange(yoy: YearOnYear, timing: Timing): string {
  return changeWords(yoy, timing, yoy.change, yoy.previousCount === null ? null : formatInteger(yoy.previousCount), 0);
}

/** ", up 2.1 points from 33.0% a year earlier" for a share; "" when not comparable or the previous base is under MIN_BASE_FOR_PERCENT. */
export function shareChange(yoy: YearOnYear, timing: Timing, previousBase: number | null): string {
  if (previousBase !== null && previousBase < MIN_BASE_FOR_PERCENT) return '';
  return changeWords(yoy, timing, yoy.changePoints, yoy.previousPercent === null ? null : pct(yoy.previousPercent), 1, ' points');
}

/** ", down 0.4 from 14.0 a year earlier" for an average (the table shows averages to one decimal place). */
export function valueChange(yoy: YearOnYear, timing: Timing): string {
  return changeWords(yoy, timing, yoy.valueChange, yoy.previousValue === null ? null : formatDecimal(yoy.previousValue), 1);
}

/** ", up 2.1 points from 33.0% a year earlier" -> " (up 2.1 points from 33.0% a year earlier)"; "" stays "". */
export function bracket(change: string): string {
  return change ? ` (${change.replace(/^,\s*/, '')})` : '';
}

/** The count of a base cell, or null when it is not shown. */
export function baseCount(result: PackResult, baseKey: string | null, year: number): number | null {
  const cell = cellOf(result, baseKey, year);
  return isShown(cell) ? cell.count : null;
}

/**
 * A count with its share, guarded: "42 (35%)", "3 of 7" (small base), or null when not shown.
 */
export function countWithShare(cell: CellValue | undefined, base: number | null): string | null {
  if (!isShown(cell)) return null;
  if (base !== null && base < MIN_BASE_FOR_PERCENT) return `${formatInteger(cell.count)} of ${formatInteger(base)}`;
  if (typeof cell.percent === 'number') return `${formatInteger(cell.count)} (${pct(cell.percent)})`;
  return formatInteger(cell.count);
}

/**
 * How many of a base, as words: "35%" of a base of 10 or more, else the count, and "none" for 0.
 * Null when not shown.
 */
export function amountOf(cell: CellValue | undefined, base: number | null): string | null {
  if (!isShown(cell)) return null;
  if (cell.count === 0) return 'none';
  if (base !== null && base >= MIN_BASE_FOR_PERCENT && typeof cell.percent === 'number') return pct(cell.percent);
  return formatInteger(cell.count);
}

/** The share of a cell as words: "35%" or "3 of 7"; null when not shown. */
export function shareOf(cell: CellValue | undefined, base: number | null): string | null {
  if (!isShown(cell)) return null;
  if (base === null) return null;
  if (base < MIN_BASE_FOR_PERCENT) return `${formatInteger(cell.count)} of ${formatInteger(base)}`;
  return typeof cell.percent === 'number' ? pct(cell.percent) : null;
}

export function latestYear(result: PackResult): number | null {
  return result.years.length ? result.years[result.years.length - 1]! : null;
}

export function anySuppressed(result: PackResult, year: number): boolean {
  const y = String(year);
  return !!result.total[y]?.suppressed || result.rows.some((r) => r.values[y]?.suppressed);
}

export interface DistributionOptions {
  timing: Timing;
  /** Noun phrase of a row, e.g. "children aged 10 to 15" (plural, takes "are"). */
  phrase: (row: PackRow) => string;
  /** "the largest group", "the most common type of placement". */
  largest?: string;
  /** Words after the share, e.g. " of all reviews" -> "(33.0% of all reviews)". */
  shareSuffix?: string;
  /** The row the categories break down and are shares of, when not the total (e.g. placement moves). */
  baseKey?: string;
}

/**
 * The candidates with the most (all of them when tied, so a sentence names every one or none),
 * when no hidden candidate could have as many: valueOf gives a candidate's figure as shown,
 * 'hidden' when suppressed, null when it has none (not a candidate); hiddenAtMost is the most any
 * hidden candidate could have as far as the figures shown tell (null: no bound, so with any hidden
 * candidate nothing is certain). Null when no candidate is shown or the top is not certain. A
 * ranking said only when certain can never be contradicted by a c, and tells nothing about a c
 * that the figures shown do not.
 */
export function certainLeaders<T>(candidates: readonly T[], valueOf: (c: T) => number | 'hidden' | null, hiddenAtMost: number | null): T[] | null {
  const values = candidates.map(valueOf);
  const shown = values.filter((v): v is number => typeof v === 'number');
  if (shown.length === 0) return null;
  const top = Math.max(...shown);
  if (values.includes('hidden') && (hiddenAtMost === null || top <= hiddenAtMost)) return null;
  return candidates.filter((_, i) => values[i] === top);
}

/**
 * The category (or categories, when tied) with the most in a year, over every category of the
 * table; null when none, or when a suppressed category could be as large. The total less the
 * categories shown is what the hidden ones hold between them, so a leader larger than that is
 * certain, and saying so reveals nothing subtraction does not. Where categories overlap (a local
 * pack counting each child once in every category it has rows in) a hidden one could hold up to
 * the whole total.
 */
export function leadersOf(result: PackResult, year: number, baseKey: string | null = null): PackRow[] | null {
  const y = String(year);
  const rows = categoryRows(result);
  const total = cellOf(result, baseKey, year);
  const shownSum = rows.reduce((a, r) => a + (isShown(r.values[y]) ? r.values[y]!.count! : 0), 0);
  const hiddenAtMost = !isShown(total) ? null : result.local?.overlapping ? total.count : total.count - shownSum;
  const leaders = certainLeaders(rows, (r) => (isShown(r.values[y]) ? r.values[y]!.count! : 'hidden'), hiddenAtMost);
  return leaders && leaders[0]!.values[y]!.count! > 0 ? leaders : null;
}

/** "Children aged 10 to 15 remain the largest group (35.2%)." and a notable shift in shares. */
export function describeDistribution(result: PackResult, o: DistributionOptions): string[] {
  const year = latestYear(result);
  if (year === null) return [];
  const out: string[] = [];
  const baseKey = o.baseKey ?? null;
  const base = baseCount(result, baseKey, year);
  if (base === null || base === 0) return out;
  const leaders = leadersOf(result, year, baseKey);
  const largest = o.largest ?? 'the largest group';
  if (leaders && leaders.length === 1) {
    const lead = leaders[0]!;
    const share = shareOf(lead.values[String(year)], base);
    const prevYear = previousWithFigures(result, year);
    let verb = 'are';
    if (prevYear !== null) {
      const before = leadersOf(result, prevYear, baseKey);
      if (before && before.length === 1) verb = before[0]!.key === lead.key ? 'remain' : 'are now';
    }
    out.push(sentence(`${o.phrase(lead)} ${verb} ${largest}${share ? ` (${share}${o.shareSuffix ?? ''})` : ''}`));
  } else if (leaders && leaders.length > 1) {
    out.push(sentence(`${joinAnd(leaders.map((r) => o.phrase(r)))} are jointly ${largest}`));
  }

  // The biggest shift in share from the previous year shown, if it is notable.
  let best: { row: PackRow; yoy: YearOnYear } | null = null;
  for (const row of categoryRows(result)) {
    const yoy = yearOnYear(result, row.key, year);
    if (yoy.changePoints === null || Math.abs(yoy.changePoints) < NOTABLE_POINTS) continue;
    if (!best || Math.abs(yoy.changePoints) > Math.abs(best.yoy.changePoints!)) best = { row, yoy };
  }
  if (best && best.yoy.previousYear !== null) {
    const prevBase = baseCount(result, baseKey, best.yoy.previousYear);
    if (base >= MIN_BASE_FOR_PERCENT && prevBase !== null && prevBase >= MIN_BASE_FOR_PERCENT) {
      const dir = shownDirection(best.yoy.changePoints!, 1) > 0 ? 'rose' : 'fell';
      const since = best.yoy.previousYear === year - 1 ? '' : ` since ${periodLabel(o.timing, best.yoy.previousYear)}`;
      out.push(
        sentence(`The share of ${o.phrase(best.row)} ${dir} from ${pct(best.yoy.previousPercent!)} to ${pct(best.yoy.percent!)}${since}`),
      );
    }
  }
  return out;
}

/** "a, b and c". */
export function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The sentence added when anything in the latest year is suppressed. */
export function suppressionNote(result: PackResult): string[] {
  const year = latestYear(result);
  if (year === null || !anySuppressed(result, year)) return [];
  return ['Some figures are not shown (c), to protect the confidentiality of small numbers of children.'];
}

/** "The number of X is not shown, to protect confidentiality." */
export function notShown(what: string): string {
  return sentence(`The number of ${what} is ${NOT_SHOWN}`);
}

/** "the highest of the years shown" / "the lowest ..." for a count series of at least 3 years. */
export function extremeOfSeries(result: PackResult, key: string | null): string {
  const years = result.years;
  if (years.length < 3) return '';
  const cells = years.map((y) => cellOf(result, key, y));
  if (!cells.every(isShown)) return '';
  const counts = cells.map((c) => (c as { count: number }).count);
  const last = counts[counts.length - 1]!;
  const others = counts.slice(0, -1);
  if (others.every((c) => last > c)) return 'the highest of the years shown';
  if (others.every((c) => last < c)) return 'the lowest of the years shown';
  return '';
}
