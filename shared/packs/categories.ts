/**
 * The categories of a pack's table: the rows its chart draws and over which the commentary works
 * out "the largest group" / "the most common reason". One definition for both, so a sentence can
 * never call a row the largest while a row the chart draws is larger.
 */
import type { CellValue, PackResult, PackRow } from './result.js';

const hasCount = (c: CellValue) => typeof c.count === 'number' || c.suppressed === true;
const hasPercent = (c: CellValue) => typeof c.percent === 'number' || (c.suppressed === true && 'percent' in c);
const isAverage = (c: CellValue) => typeof c.value === 'number';

/**
 * The rows of one level that break the table down:
 *  - bases, caveats and measures beside the breakdown (rows with a role) are never categories;
 *  - averages stay in the table (another scale);
 *  - when a pack has group subtotals, the groups (subtotals, and rows whose group has none), not
 *    both the groups and their parts; or the parts, for a pack whose chart level says so (age by sex);
 *  - rows with no percentage are left out when other rows have one (a base not marked as such).
 */
export function categoryRows(result: PackResult): PackRow[] {
  let rows = result.rows.filter((r) => {
    if (r.role) return false;
    const cells = Object.values(r.values);
    return cells.some(hasCount) && !cells.some(isAverage);
  });
  if (rows.some((r) => r.subtotal)) {
    if (result.chartLevel === 'parts') rows = rows.filter((r) => !r.subtotal);
    else {
      const withSubtotal = new Set(rows.filter((r) => r.subtotal).map((r) => r.group));
      rows = rows.filter((r) => r.subtotal || !withSubtotal.has(r.group));
    }
  }
  if (rows.some((r) => Object.values(r.values).some(hasPercent))) {
    rows = rows.filter((r) => Object.values(r.values).some(hasPercent));
  }
  return rows;
}
