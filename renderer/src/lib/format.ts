/** Number and label formatting shared by the grid, the chart and the copied tables. */
import type { PackSummary } from '../../../shared/api.js';
import { flowLabel, snapshotLabel } from '../../../shared/domain/years.js';
import type { CellValue } from '../../../shared/packs/result.js';

/** DfE/GSS symbol for a suppressed (confidential) figure. */
export const SUPPRESSED = 'c';
/** Shown where the pack gives no figure for a year. */
export const NO_FIGURE = '–';

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDp = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function yearLabel(year: number, timing: PackSummary['timing']): string {
  return timing === 'snapshot' ? snapshotLabel(year) : flowLabel(year);
}

/** The collection year in words: "2023/24 (year ending 31 March 2024)". */
export function collectionYearLabel(year: number): string {
  return `${flowLabel(year)} (year ending 31 March ${year})`;
}

export function formatInteger(n: number): string {
  return whole.format(n);
}

/**
 * A cell's figure ('c' if suppressed): its measure (an average) to one decimal when it has one —
 * such cells also carry the number of children averaged over as their count — else its count.
 */
export function formatCount(cell: CellValue | undefined): string {
  if (!cell) return NO_FIGURE;
  if (cell.suppressed) return SUPPRESSED;
  if (typeof cell.value === 'number') return oneDp.format(cell.value);
  if (typeof cell.count === 'number') return whole.format(cell.count);
  return NO_FIGURE;
}

export function formatPercent(cell: CellValue | undefined): string {
  if (!cell) return NO_FIGURE;
  if (cell.suppressed) return SUPPRESSED;
  if (typeof cell.percent === 'number') return `${oneDp.format(cell.percent)}%`;
  return NO_FIGURE;
}

/** A signed difference: "+12", "−3" (true minus sign), "0". */
export function formatSigned(n: number, decimals = 0, suffix = ''): string {
  const abs = decimals ? oneDp.format(Math.abs(n)) : whole.format(Math.abs(n));
  if (n > 0) return `+${abs}${suffix}`;
  if (n < 0) return `−${abs}${suffix}`;
  return `${decimals ? oneDp.format(0) : '0'}${suffix}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${oneDp.format(n / 1024)} KB`;
  return `${oneDp.format(n / 1024 / 1024)} MB`;
}
