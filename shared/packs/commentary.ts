/**
 * Plain-English commentary made only from the numbers of a (possibly suppressed) pack result, in
 * the style of IRO annual reports: "On 31 March 2023 there were 206 children looked after, up from
 * 197 (4.6%) a year earlier." Rules:
 * - a suppressed value is never put into words (the sentence says it is not shown);
 * - "1 child", never "1 children"; verbs agree;
 * - no percentage of a base under MIN_BASE_FOR_PERCENT (say "3 of 7 children" instead);
 * - the first loaded year has no comparison; an unchanged figure is "the same as a year earlier";
 * - the comparison is with the previous LOADED year, named when it is not the year before.
 */
import { flowLabel, snapshotLabel } from '../domain/years.js';
import type { CellValue, PackResult, PackRow } from './result.js';
import { cellOf, yearOnYear, type YearOnYear } from './yearOnYear.js';

export type Timing = 'snapshot' | 'flow';

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

/** "1,234", "13.2" (grouping done here so no locale data is needed). */
export function formatNumber(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  const [whole, frac] = Math.abs(rounded).toString().split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${rounded < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** "no children", "1 child", "206 children". */
export function countOf(n: number, noun: Noun): string {
  if (n === 0) return `no ${noun.many}`;
  return `${formatNumber(n)} ${plural(n, noun)}`;
}

export function isWas(n: number): string {
  return n === 1 ? 'was' : 'were';
}

export function hasHave(n: number): string {
  return n === 1 ? 'has' : 'have';
}

/** "35%", "less than 1%" (a non-zero share that rounds to 0), "4.6%" with decimals = 1. */
export function pct(percent: number, decimals = 0): string {
  const f = 10 ** decimals;
  const rounded = Math.round(percent * f) / f;
  if (rounded === 0 && percent > 0) return decimals === 0 ? 'less than 1%' : `less than ${1 / f}%`;
  return `${rounded.toFixed(decimals)}%`;
}

/** "31 March 2023" or "2022/23". */
export function periodLabel(timing: Timing, year: number): string {
  return timing === 'snapshot' ? snapshotLabel(year) : flowLabel(year);
}

/** "On 31 March 2023" or "In 2022/23". */
export function atPeriod(timing: Timing, year: number): string {
  return timing === 'snapshot' ? `On ${snapshotLabel(year)}` : `In ${flowLabel(year)}`;
}

/** "a year earlier" / "on 31 March 2020" (snapshot), "in 2021/22" (flow). */
export function earlier(timing: Timing, year: number, previousYear: number): string {
  if (timing === 'snapshot') return previousYear === year - 1 ? 'a year earlier' : `on ${snapshotLabel(previousYear)}`;
  return `in ${flowLabel(previousYear)}`;
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
 * ", up from 197 (4.6%) a year earlier" / ", down from 12 in 2021/22" / ", the same as a year
 * earlier" / "" (first year, or either value not shown). Relative change only of a previous
 * count of at least MIN_BASE_FOR_PERCENT.
 */
export function countChange(yoy: YearOnYear, timing: Timing, o: { relative?: boolean } = {}): string {
  if (yoy.previousYear === null || yoy.count === null || yoy.previousCount === null) return '';
  const when = earlier(timing, yoy.year, yoy.previousYear);
  if (yoy.change === 0) return `, the same as ${when}`;
  const dir = yoy.change! > 0 ? 'up' : 'down';
  const showRel = (o.relative ?? true) && yoy.count > 0 && yoy.previousCount >= MIN_BASE_FOR_PERCENT && yoy.changePercent !== null;
  const rel = showRel ? ` (${pct(Math.abs(yoy.changePercent!), 1)})` : '';
  return `, ${dir} from ${formatNumber(yoy.previousCount)}${rel} ${when}`;
}

/** ", up from 33% a year earlier" for a share; "" when not comparable or the change is under 1 point. */
export function shareChange(yoy: YearOnYear, timing: Timing, previousBase: number | null, decimals = 0): string {
  if (yoy.previousYear === null || yoy.percent === null || yoy.previousPercent === null) return '';
  if (previousBase !== null && previousBase < MIN_BASE_FOR_PERCENT) return '';
  const when = earlier(timing, yoy.year, yoy.previousYear);
  const a = pct(yoy.percent, decimals);
  const b = pct(yoy.previousPercent, decimals);
  if (a === b) return `, the same as ${when}`;
  return `, ${yoy.percent > yoy.previousPercent ? 'up' : 'down'} from ${b} ${when}`;
}

/** ", up from 33% a year earlier" -> " (up from 33% a year earlier)"; "" stays "". */
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
export function countWithShare(cell: CellValue | undefined, base: number | null, decimals = 0): string | null {
  if (!isShown(cell)) return null;
  if (base !== null && base < MIN_BASE_FOR_PERCENT) return `${formatNumber(cell.count)} of ${formatNumber(base)}`;
  if (typeof cell.percent === 'number') return `${formatNumber(cell.count)} (${pct(cell.percent, decimals)})`;
  return formatNumber(cell.count);
}

/**
 * How many of a base, as words: "35%" of a base of 10 or more, else the count, and "none" for 0.
 * Null when not shown.
 */
export function amountOf(cell: CellValue | undefined, base: number | null, decimals = 0): string | null {
  if (!isShown(cell)) return null;
  if (cell.count === 0) return 'none';
  if (base !== null && base >= MIN_BASE_FOR_PERCENT && typeof cell.percent === 'number') return pct(cell.percent, decimals);
  return formatNumber(cell.count);
}

/** The share of a cell as words: "35%" or "3 of 7"; null when not shown. */
export function shareOf(cell: CellValue | undefined, base: number | null, decimals = 0): string | null {
  if (!isShown(cell)) return null;
  if (base === null) return null;
  if (base < MIN_BASE_FOR_PERCENT) return `${formatNumber(cell.count)} of ${formatNumber(base)}`;
  return typeof cell.percent === 'number' ? pct(cell.percent, decimals) : null;
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
  /** Rows to compare (e.g. group subtotals), in table order. */
  rows: PackRow[];
  /** Noun phrase of a row, e.g. "children aged 10 to 15" (plural, takes "are"). */
  phrase: (row: PackRow) => string;
  /** "the largest group", "the most common legal status". */
  largest?: string;
  /** The base the shares are of (null = the total). */
  baseKey?: string | null;
  /** Words after the share, e.g. " of all reviews" -> "(33% of all reviews)". */
  shareSuffix?: string;
}

/** "Children aged 10 to 15 remain the largest group (35%)." and a notable shift in shares. */
export function describeDistribution(result: PackResult, o: DistributionOptions): string[] {
  const year = latestYear(result);
  if (year === null) return [];
  const out: string[] = [];
  const base = baseCount(result, o.baseKey ?? null, year);
  const shown = o.rows.filter((r) => isShown(r.values[String(year)]) && r.values[String(year)]!.count! > 0);
  if (shown.length === 0 || base === null || base === 0) return out;
  const top = Math.max(...shown.map((r) => r.values[String(year)]!.count!));
  const leaders = shown.filter((r) => r.values[String(year)]!.count === top);
  const largest = o.largest ?? 'the largest group';
  if (leaders.length === 1) {
    const lead = leaders[0]!;
    const share = shareOf(lead.values[String(year)], base);
    const prevYear = yearOnYear(result, lead.key, year).previousYear;
    let verb = 'are';
    if (prevYear !== null) {
      const prevShown = o.rows.filter((r) => isShown(r.values[String(prevYear)]));
      const prevTop = prevShown.length ? Math.max(...prevShown.map((r) => r.values[String(prevYear)]!.count!)) : null;
      const prevLeaders = prevShown.filter((r) => r.values[String(prevYear)]!.count === prevTop);
      if (prevLeaders.length === 1) verb = prevLeaders[0]!.key === lead.key ? 'remain' : 'are now';
    }
    out.push(sentence(`${o.phrase(lead)} ${verb} ${largest}${share ? ` (${share}${o.shareSuffix ?? ''})` : ''}`));
  } else if (leaders.length > 1) {
    const names = leaders.map((r) => o.phrase(r));
    out.push(sentence(`${joinAnd(names)} are jointly ${largest}`));
  }

  // The biggest shift in share from the previous loaded year, if it is notable.
  let best: { row: PackRow; yoy: YearOnYear } | null = null;
  for (const row of o.rows) {
    const yoy = yearOnYear(result, row.key, year);
    if (yoy.changePoints === null || Math.abs(yoy.changePoints) < NOTABLE_POINTS) continue;
    if (!best || Math.abs(yoy.changePoints) > Math.abs(best.yoy.changePoints!)) best = { row, yoy };
  }
  if (best && best.yoy.previousYear !== null) {
    const prevBase = baseCount(result, o.baseKey ?? null, best.yoy.previousYear);
    if (base >= MIN_BASE_FOR_PERCENT && prevBase !== null && prevBase >= MIN_BASE_FOR_PERCENT) {
      const dir = best.yoy.changePoints! > 0 ? 'rose' : 'fell';
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

/** "the highest of the 6 years shown" / "the lowest ..." for a count series of at least 3 years. */
export function extremeOfSeries(result: PackResult, key: string | null): string {
  const years = result.years;
  if (years.length < 3) return '';
  const cells = years.map((y) => cellOf(result, key, y));
  if (!cells.every(isShown)) return '';
  const counts = cells.map((c) => (c as { count: number }).count);
  const last = counts[counts.length - 1]!;
  const others = counts.slice(0, -1);
  if (others.every((c) => last > c)) return `the highest of the ${years.length} years shown`;
  if (others.every((c) => last < c)) return `the lowest of the ${years.length} years shown`;
  return '';
}
