/** Number and label formatting shared by the grid, the chart and the copied tables. */
import type { PackSummary } from '../../../shared/api.js';
import { flowLabel, monthLabel, snapshotLabel } from '../../../shared/domain/years.js';
import { isMeasure, percentSuppressed, type CellValue } from '../../../shared/packs/result.js';
// One formatting path for the grid, the exports and the commentary (see shared/format.ts).
import { formatDecimal, formatInteger, formatPercentValue, formatSigned, NO_FIGURE, NOT_COLLECTED, NOT_COLLECTED_MEANING, SUPPRESSED, suppressedMeaning } from '../../../shared/format.js';

export { formatInteger, formatSigned, NO_FIGURE, NOT_COLLECTED, NOT_COLLECTED_MEANING, SUPPRESSED, suppressedMeaning };

export function yearLabel(year: number, timing: PackSummary['timing']): string {
  if (timing === 'month') return monthLabel(year);
  return timing === 'snapshot' ? snapshotLabel(year) : flowLabel(year);
}

/** The collection year in words: "2023/24 (year ending 31 March 2024)". */
export function collectionYearLabel(year: number): string {
  return `${flowLabel(year)} (year ending 31 March ${year})`;
}

/**
 * A cell's figure ('c' if suppressed): its measure (an average) to one decimal when it has one —
 * such cells also carry the number of children averaged over as their count — else its count.
 */
export function formatCount(cell: CellValue | undefined): string {
  if (!cell) return NO_FIGURE;
  if (cell.notCollected) return NOT_COLLECTED;
  if (cell.suppressed) return SUPPRESSED;
  if (isMeasure(cell)) return typeof cell.value === 'number' ? formatDecimal(cell.value) : NO_FIGURE;
  if (typeof cell.count === 'number') return formatInteger(cell.count);
  return NO_FIGURE;
}

export function formatPercent(cell: CellValue | undefined): string {
  if (!cell) return NO_FIGURE;
  if (cell.notCollected) return NOT_COLLECTED;
  if (percentSuppressed(cell)) return SUPPRESSED;
  if (typeof cell.percent === 'number') return formatPercentValue(cell.percent);
  return NO_FIGURE;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${formatDecimal(n / 1024)} KB`;
  return `${formatDecimal(n / 1024 / 1024)} MB`;
}
