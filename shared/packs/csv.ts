/**
 * A pack result as CSV for the command line: one row per table row, a count and a percent column
 * per year. Suppressed cells are `c` (as published tables show them); empty means no figure. A
 * table with figures resting on incomplete history has a "u" column per year (see history.ts).
 */
import { comparatorCsvRows } from '../ees/packComparators.js';
import { csvField as field } from '../export/csvText.js';
import { HISTORY_SYMBOL, incompleteYears } from './history.js';
import { readableRowKey } from './local.js';
import { percentSuppressed, totalRowLabel, type CellValue, type PackResult } from './result.js';

/** A figure stays a number (a negative one is not taken for a formula); `c` and blanks are text. */
function cellText(cell: CellValue | undefined, part: 'count' | 'percent' | 'value'): string | number {
  if (!cell) return '';
  if (part === 'count' ? cell.suppressed : part === 'percent' && percentSuppressed(cell)) return 'c';
  const v = cell[part];
  return v === null || v === undefined ? '' : v;
}

/**
 * The incomplete-history column of a marked figure: the share affected, or u where the share is
 * withheld (suppression); empty when not marked.
 */
function historyText(cell: CellValue | undefined): string | number {
  if (!cell?.history) return '';
  return typeof cell.history.share === 'number' ? cell.history.share : HISTORY_SYMBOL;
}

export function packResultToCsv(result: PackResult): string {
  const hasValue = [...result.rows.flatMap((r) => Object.values(r.values))].some((c) => c.value !== undefined && c.value !== null);
  // Only a table with figures resting on incomplete history gets the "u" columns (share affected, %).
  const hasHistory = incompleteYears(result).length > 0;
  const head = ['key', 'label', 'group'];
  for (const y of result.years) head.push(`${y} count`, `${y} percent`, ...(hasValue ? [`${y} value`] : []), ...(hasHistory ? [`${y} u`] : []));
  const lines = [head.map(field).join(',')];
  const row = (key: string, label: string, group: string | null, values: Record<string, CellValue>) => {
    const cells: (string | number)[] = [key, label, group ?? ''];
    for (const y of result.years) {
      const c = values[String(y)];
      cells.push(cellText(c, 'count'), cellText(c, 'percent'), ...(hasValue ? [cellText(c, 'value')] : []), ...(hasHistory ? [historyText(c)] : []));
    }
    lines.push(cells.map(field).join(','));
  };
  for (const r of result.rows) row(readableRowKey(r.key, result.category), r.label, r.group, r.values);
  // Some packs (cla) are a list of measures with no total; in others a row already shows it.
  const totalLabel = totalRowLabel(result);
  if (totalLabel !== null) row('total', totalLabel, null, result.total);
  // DfE's published comparators, when an authority is chosen, as a second block with their source.
  for (const r of comparatorCsvRows(result)) lines.push(r.map(field).join(','));
  return lines.join('\r\n') + '\r\n';
}
