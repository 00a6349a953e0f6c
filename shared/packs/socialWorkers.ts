/** Social workers of children looked after at 31 March during the year (sw_episodes, collected from 2023/24). */
import { snapshotLabel } from '../domain/years.js';
import { CHILD, amountOf, baseCount, isShown, latestYear, sentence, suppressionNote } from './commentary.js';
import { claColumns, keyedBy } from './define.js';
import type { PackDefinition } from './types.js';
import { cellOf } from './yearOnYear.js';

export const socialWorkersPack: PackDefinition = {
  id: 'social-workers',
  title: 'Changes of social worker',
  section: 'Children looked after',
  timing: 'snapshot',
  chart: 'stacked-100',
  definition:
    'Children looked after on 31 March by the number of different social workers (distinct SW_ID) of their social worker episodes ' +
    'open at any time in the year (SW_DECOM on or before 31 March and SW_DEC blank or on or after 1 April), from the social worker ' +
    'episodes file collected from 2023/24. Changes of social worker are one fewer: three or more social workers is two or more ' +
    "changes (DfE's \"3 or more social workers during the year\"). Years whose return has no social worker episodes file are shown " +
    'as x (not collected), with no change from them. Short breaks excluded.',
  base: 'Children looked after on 31 March, in years whose return has a social worker episodes file.',
  unit: CHILD,
  ...keyedBy(() => ({
    from: `(
      SELECT c.*, coalesce(s.workers, 0) AS workers
      FROM cla_31_march c
      LEFT JOIN (
        SELECT return_year, child, count(DISTINCT sw_id) AS workers FROM sw_episodes
        WHERE (sw_decom IS NULL OR sw_decom <= year_end(return_year)) AND (sw_dec IS NULL OR sw_dec >= year_start(return_year))
        GROUP BY ALL
      ) s ON s.return_year = c.return_year AND s.child = c.child
      WHERE c.return_year IN (SELECT DISTINCT return_year FROM sw_episodes)) c`,
    keys: `[CASE WHEN workers = 0 THEN 'none-recorded' WHEN workers = 1 THEN 'one' WHEN workers = 2 THEN 'two' ELSE 'three-or-more' END]`,
    keyColumns: ['workers'],
    details: `${claColumns('c')}, c.workers AS social_workers_in_year`,
  })),
  rows: [
    { key: 'one', label: '1 social worker (no change)', group: null },
    { key: 'two', label: '2 social workers (1 change)', group: null },
    { key: 'three-or-more', label: '3 or more social workers (2 or more changes)', group: null },
    { key: 'none-recorded', label: 'No social worker episode recorded in the year', group: null, optional: true },
  ],
  total: true,
  percent: true,
  additive: true,
  collectedIn: 'SELECT DISTINCT return_year FROM sw_episodes',
  notes: ['The social worker episodes file is collected from 2023/24: earlier years are shown as x (not collected).'],
  commentary: ({ result }) => {
    const year = latestYear(result);
    if (year === null) return [];
    const base = baseCount(result, null, year);
    const three = cellOf(result, 'three-or-more', year);
    if (base === null || base === 0 || !isShown(three)) return suppressionNote(result);
    return [
      sentence(`Of the children looked after on ${snapshotLabel(year)}, ${amountOf(three, base)} had three or more social workers during the year (two or more changes)`),
      ...suppressionNote(result),
    ];
  },
};
