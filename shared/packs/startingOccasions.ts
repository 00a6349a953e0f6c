/** Occasions of starting to be looked after in the year, against the children who started. */
import { flowLabel } from '../domain/years.js';
import { CHILD, countOf, isShown, latestYear, sentence, suppressionNote } from './commentary.js';
import { keyedBy, nestedIn } from './define.js';
import { TOTAL, type PackDefinition } from './types.js';
import { cellOf } from './yearOnYear.js';

/** Each child who started in the year: their occasions of starting, the first and the last. */
const STARTS = `(
        SELECT return_year, child, count(DISTINCT decom) AS occasions, min(decom) AS first_start, max(decom) AS last_start
        FROM episodes_nsb
        WHERE rne = 'S' AND decom BETWEEN year_start(return_year) AND year_end(return_year)
        GROUP BY ALL
      )`;

const OCCASION = { one: 'occasion', many: 'occasions' };

export const startingOccasionsPack: PackDefinition = {
  id: 'starting-occasions',
  title: 'Occasions of starting to be looked after',
  section: 'Children looked after',
  timing: 'flow',
  chart: 'grouped-bar',
  definition:
    'Children who started to be looked after during the year (the total, as the starters pack counts them), and the occasions of ' +
    'starting: every episode with RNE S beginning in the year (short breaks excluded; the same start recorded twice counts once). A ' +
    'child who started, ceased and started again is one child and two occasions; DfE counts only the first occasion.',
  base: 'Children who started to be looked after during the year.',
  unit: CHILD,
  ageOn: [{ date: 'm.first_start', words: 'the day the child first started to be looked after in the year' }],
  measures: true,
  ...keyedBy(() => ({
    from: `(
      SELECT s.return_year, s.child, hd.dob, sex_key(hd.sex) AS sex, s.occasions, s.first_start, s.last_start
      FROM ${STARTS} s
      LEFT JOIN child_header hd ON hd.return_year = s.return_year AND hd.child = s.child) s`,
    countFrom: `${STARTS} s`,
    keys: `key_list(['occasions', CASE WHEN occasions > 1 THEN 'more-than-once' END])`,
    keyColumns: ['occasions'],
    measures: { occasions: 'occasions' },
    details: 'child, dob, sex, occasions AS occasions_of_starting, first_start, last_start',
  })),
  rows: [
    { key: 'occasions', label: 'Occasions of starting to be looked after', group: null, kind: 'sum' },
    { key: 'more-than-once', label: 'Children who started more than once in the year', group: null },
  ],
  total: true,
  // The rows are an occasions count and a share, not parts of it.
  totalLabel: 'Children who started to be looked after (base)',
  percent: true,
  additive: false,
  // The children who started once only are a count too. And every child who started has one
  // occasion, and each who started more than once at least one more: children + (more than once)
  // <= occasions, so occasions less children bounds those who started more than once (229 occasions
  // for 228 children shows it is 1). The rest (occasions beyond a child's second) is at least 0.
  // Occasions >= 2 x (more than once) follows from the two, but is said outright: the engine's
  // search does not always combine them (19 occasions of girls, 18 girls hidden: the one girl who
  // started twice is at most 9, below N = 10).
  extraSuppressionSets: () => [
    nestedIn(TOTAL, 'more-than-once'),
    nestedIn('occasions', TOTAL, 'more-than-once'),
    nestedIn('occasions', 'more-than-once', 'more-than-once'),
  ],
  commentary: ({ result }) => {
    const year = latestYear(result);
    if (year === null) return [];
    const children = cellOf(result, null, year);
    const occasions = cellOf(result, 'occasions', year);
    if (!isShown(children) || !isShown(occasions)) return suppressionNote(result);
    return [
      sentence(`During ${flowLabel(year)} there were ${countOf(occasions.count, OCCASION)} of starting to be looked after, for ${countOf(children.count, CHILD)}`),
      ...suppressionNote(result),
    ];
  },
};
