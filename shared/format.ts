/**
 * How a figure is written wherever it is shown: the grid, the copied and exported tables, chart
 * labels and the commentary. One path, so a sentence can never quote "92%" above a table showing
 * 91.5%: counts whole with grouping ("1,234"), percentages, averages and changes in points to one
 * decimal place ("91.5%", "13.6", "−0.6"), changes signed with a true minus.
 */

/** DfE/GSS symbol for a figure withheld to protect confidentiality. */
export const SUPPRESSED = 'c';

/**
 * What c means, for every legend that shows it (screen, Word, Excel, clipboard): a small count, or
 * a figure one could work it out from, such as a change from a suppressed year.
 */
export function suppressedMeaning(threshold: number | null): string {
  if (threshold && threshold > 0) {
    const range = threshold === 1 ? 'a count of 1' : `a count from 1 to ${threshold}`;
    return `suppressed to protect confidentiality: ${range}, or a figure from which one could be worked out`;
  }
  return 'suppressed to protect confidentiality';
}
/**
 * DfE/GSS symbol for a figure not available: the year's return does not collect it (social workers
 * before 2023/24, a placement code before it was in the code list).
 */
export const NOT_COLLECTED = 'x';
/** What x means, for every legend that shows it (screen, Word, Excel, clipboard). */
export const NOT_COLLECTED_MEANING = "not collected: that year's return has no such file or code, so there is no figure and no change";
/** Shown where there is no figure (no row that year, or a percentage of an empty base). */
export const NO_FIGURE = '–';

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDp = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A count: "1,234". */
export function formatInteger(n: number): string {
  return whole.format(n);
}

/** An average or a change in points, to one decimal place: "13.6", "0.6". */
export function formatDecimal(n: number): string {
  return oneDp.format(n);
}

/** A percentage as the tables show it: "91.5%", "0.0%". */
export function formatPercentValue(percent: number): string {
  return `${oneDp.format(percent)}%`;
}

/**
 * A signed change as the tables show it: "+12", "−3" (true minus), "0", "+1.2", "0.0". The sign is
 * decided on the shown digits, so −0.04 is "0.0", never "−0.0".
 */
export function formatSigned(n: number, decimals: 0 | 1 = 0, suffix = ''): string {
  const abs = decimals ? oneDp.format(Math.abs(n)) : whole.format(Math.abs(n));
  if (isZeroText(abs)) return `${abs}${suffix}`;
  return `${n > 0 ? '+' : '−'}${abs}${suffix}`;
}

/** The direction of a change as shown: 0 when its shown digits are all zero ("0", "0.0"). */
export function shownDirection(n: number, decimals: 0 | 1): -1 | 0 | 1 {
  const abs = decimals ? oneDp.format(Math.abs(n)) : whole.format(Math.abs(n));
  if (isZeroText(abs)) return 0;
  return n > 0 ? 1 : -1;
}

function isZeroText(text: string): boolean {
  return /^[0.,]+$/.test(text);
}
