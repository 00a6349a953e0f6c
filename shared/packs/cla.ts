/** Children looked after: at 31 March, started, ceased, and at any time during the year. */
import {
  CHILD,
  atPeriod,
  countChange,
  countOf,
  extremeOfSeries,
  isShown,
  isWas,
  latestYear,
  notShown,
  sentence,
} from './commentary.js';
import { flowLabel, snapshotLabel } from '../domain/years.js';
import { formatInteger } from '../format.js';
import { AGE_ON_CEASING, AGE_ON_STARTING, nestedIn } from './define.js';
import { TOTAL, type PackDefinition } from './types.js';
import { cellOf, yearOnYear } from './yearOnYear.js';

export const claPack: PackDefinition = {
  id: 'cla',
  title: 'Children looked after',
  section: 'Children looked after',
  timing: 'flow',
  chart: 'line',
  definition:
    'Children looked after on 31 March (a non-short-break episode open at 31 March), children who started to be looked after in the year ' +
    '(first RNE S episode in the year, each child once), children who ceased to be looked after (an episode ending in the year with a ' +
    'reason other than X1, each child once) and all children looked after at any time in the year. Short breaks (V3/V4) are excluded.',
  base: 'No percentages: each row is a count of children.',
  unit: CHILD,
  ageOn: [
    { ...AGE_ON_STARTING, rows: ['started'] },
    { ...AGE_ON_CEASING, rows: ['ceased'] },
  ],
  members: () => `
    SELECT d.return_year, d.child,
      key_list(['during-year',
        CASE WHEN c.child IS NOT NULL THEN 'at-31-march' END,
        CASE WHEN s.child IS NOT NULL THEN 'started' END,
        CASE WHEN x.child IS NOT NULL THEN 'ceased' END]) AS keys,
      d.dob, d.age AS age_31_march, sex_key(d.sex) AS sex, d.ls AS legal_status, d.place AS placement,
      c.period_start, s.started, x.ceased, x.rec AS reason_ceased
    FROM cla_during_year d
    LEFT JOIN cla_31_march c ON c.return_year = d.return_year AND c.child = d.child
    LEFT JOIN started_in_year s ON s.return_year = d.return_year AND s.child = d.child
    LEFT JOIN ceased_in_year x ON x.return_year = d.return_year AND x.child = d.child`,
  // Each view has one row per child and year, and every child of the other three is looked after
  // during the year (an episode open at 31 March, begun or ended in the year overlaps the year:
  // the import refuses an episode ending before it began), so counting each view gives the
  // members' counts without joining them.
  counts: () =>
    [
      ['during-year', 'cla_during_year'],
      [TOTAL, 'cla_during_year'],
      ['at-31-march', 'cla_31_march'],
      ['started', 'started_in_year'],
      ['ceased', 'ceased_in_year'],
    ]
      .map(([key, view]) => `SELECT return_year, '${key}' AS key, count(*) AS n FROM ${view} GROUP BY return_year`)
      .join('\n    UNION ALL '),
  rows: [
    { key: 'at-31-march', label: 'Looked after on 31 March', phrase: 'children looked after' },
    { key: 'started', label: 'Started to be looked after during the year', phrase: 'children who started to be looked after' },
    { key: 'ceased', label: 'Ceased to be looked after during the year', phrase: 'children who ceased to be looked after' },
    { key: 'during-year', label: 'Looked after at any time during the year', phrase: 'children looked after during the year' },
  ],
  total: false,
  percent: false,
  additive: false,
  // On 31 March, starting and ceasing are each within the children looked after during the year.
  extraSuppressionSets: () => ['at-31-march', 'started', 'ceased'].map((k) => nestedIn('during-year', k)),
  commentary: ({ result }) => {
    const year = latestYear(result);
    if (year === null) return [];
    const out: string[] = [];
    const at = cellOf(result, 'at-31-march', year);
    if (isShown(at)) {
      const extreme = extremeOfSeries(result, 'at-31-march');
      out.push(
        sentence(
          `On ${snapshotLabel(year)} there ${isWas(at.count)} ${countOf(at.count, CHILD)} looked after` +
            countChange(yearOnYear(result, 'at-31-march', year), 'snapshot') +
            (extreme ? `; this is ${extreme}` : ''),
        ),
      );
    } else out.push(notShown(`children looked after on ${snapshotLabel(year)}`));

    const flow = (key: string, verb: string): string | null => {
      const cell = cellOf(result, key, year);
      if (!isShown(cell)) return null;
      return `${countOf(cell.count, CHILD)} ${verb}${countChange(yearOnYear(result, key, year), 'flow')}`;
    };
    const started = flow('started', 'started to be looked after');
    const ceased = flow('ceased', 'ceased to be looked after');
    if (started && ceased) out.push(sentence(`During ${flowLabel(year)}, ${started}; ${ceased}`));
    else {
      if (started) out.push(sentence(`During ${flowLabel(year)}, ${started}`));
      else out.push(notShown(`children who started to be looked after in ${flowLabel(year)}`));
      if (ceased) out.push(sentence(`During ${flowLabel(year)}, ${ceased}`));
      else out.push(notShown(`children who ceased to be looked after in ${flowLabel(year)}`));
    }
    const during = cellOf(result, 'during-year', year);
    if (isShown(during) && during.count > 0) {
      out.push(sentence(`${atPeriod('flow', year)}, ${formatInteger(during.count)} ${during.count === 1 ? 'child was' : 'children were'} looked after at some point during the year`));
    }
    return out;
  },
};
