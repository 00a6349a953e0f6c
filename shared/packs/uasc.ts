/** Unaccompanied asylum-seeking children among the children looked after at 31 March. */
import { snapshotLabel } from '../domain/years.js';
import { formatInteger } from '../format.js';
import { CHILD, MIN_BASE_FOR_PERCENT, baseCount, countChange, countOf, isShown, latestYear, notShown, pct, sentence, suppressionNote } from './commentary.js';
import { claColumns, keyedBy, nestedIn } from './define.js';
import { TOTAL, type PackDefinition } from './types.js';
import { cellOf, yearOnYear } from './yearOnYear.js';

export const uascPack: PackDefinition = {
  id: 'uasc',
  title: 'Unaccompanied asylum-seeking children',
  section: 'Characteristics',
  timing: 'snapshot',
  chart: 'line',
  definition:
    'Children looked after on 31 March who appear in that year\'s UASC file (or have a header UASC flag of 1) and whose UASC status had ' +
    'not ceased by 31 March (DUC blank or after 31 March). Where a child has a UASC row, its DUC decides; a header flag alone counts. ' +
    'Short breaks excluded.',
  base: 'Children looked after on 31 March.',
  unit: CHILD,
  ...keyedBy(() => ({
    from: `(
      SELECT c.*, u.child IS NOT NULL AS in_uasc_file, u.duc AS uasc_ceased,
        CASE WHEN u.child IS NOT NULL THEN u.duc IS NULL OR u.duc > year_end(c.return_year) ELSE coalesce(c.header_uasc = '1', FALSE) END AS is_uasc
      FROM cla_31_march c
      LEFT JOIN child_uasc u ON u.return_year = c.return_year AND u.child = c.child) c`,
    keys: `key_list([CASE WHEN is_uasc THEN 'uasc' END])`,
    keyColumns: ['is_uasc'],
    details: `${claColumns('c')}, c.in_uasc_file, c.uasc_ceased, c.header_uasc`,
  })),
  rows: [{ key: 'uasc', label: 'Unaccompanied asylum-seeking children', group: null }],
  total: true,
  totalLabel: 'Children looked after on 31 March (base)',
  percent: true,
  additive: false,
  // The children who are not UASC are a count too.
  extraSuppressionSets: () => [nestedIn(TOTAL, 'uasc')],
  commentary: ({ result }) => {
    const year = latestYear(result);
    if (year === null) return [];
    const cell = cellOf(result, 'uasc', year);
    if (!isShown(cell)) return [notShown(`unaccompanied asylum-seeking children looked after on ${snapshotLabel(year)}`), ...suppressionNote(result)];
    const base = baseCount(result, null, year);
    const n = cell.count;
    const what = n === 1 ? 'was an unaccompanied asylum-seeking child' : 'were unaccompanied asylum-seeking children';
    let text: string;
    if (n === 0) text = `On ${snapshotLabel(year)} no unaccompanied asylum-seeking children were looked after`;
    else if (base === null) text = `On ${snapshotLabel(year)}, ${countOf(n, CHILD)} looked after ${what}`;
    else {
      const share = base >= MIN_BASE_FOR_PERCENT && cell.percent != null ? ` (${pct(cell.percent)})` : '';
      text = `On ${snapshotLabel(year)}, ${formatInteger(n)} of the ${countOf(base, CHILD)} looked after${share} ${what}`;
    }
    return [sentence(text + countChange(yearOnYear(result, 'uasc', year), 'snapshot')), ...suppressionNote(result)];
  },
};
