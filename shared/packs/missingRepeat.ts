/** Children who went missing repeatedly during the year: more than once, twice, 3, 5 and 10 times. */
import { flowLabel } from '../domain/years.js';
import { CHILD, countOf, isShown, latestYear, sentence, suppressionNote } from './commentary.js';
import { keyedBy, lit, nestedChain } from './define.js';
import { TOTAL, type PackDefinition, type PackOptions, type RowSpec } from './types.js';
import { cellOf } from './yearOnYear.js';

/** "More than N times" thresholds shown (the seed reports use 3). */
const THRESHOLDS: readonly { n: number; words: string }[] = [
  { n: 1, words: 'more than once' },
  { n: 2, words: 'more than twice' },
  { n: 3, words: 'more than 3 times' },
  { n: 5, words: 'more than 5 times' },
  { n: 10, words: 'more than 10 times' },
];

/** MISSING codes counted: missing only (M, as DfE's "missing" measure), or missing or away (M or A). */
function codes(o: PackOptions): string {
  return o.incidents === 'missing-or-away' ? `(${lit('M')}, ${lit('A')})` : `(${lit('M')})`;
}

export const missingRepeatPack: PackDefinition = {
  id: 'missing-repeat',
  title: 'Children missing more than once',
  section: 'Health and wellbeing',
  timing: 'flow',
  chart: 'grouped-bar',
  definition:
    'Children looked after at any time in the year (short breaks excluded) by how many incidents of going missing they had: incidents ' +
    'starting in the year, or open on 1 April, as the missing pack counts them. By default incidents coded M (missing); the option ' +
    'counts incidents coded A (away without authorisation) too. Each row counts children with more than that many incidents, so the ' +
    'rows are nested, not parts of a whole.',
  base: 'Children looked after at any time during the year.',
  unit: CHILD,
  options: [
    {
      id: 'incidents',
      label: 'Incidents counted',
      choices: [
        { value: 'missing', label: 'missing (MISSING = M)' },
        { value: 'missing-or-away', label: 'missing or away without authorisation (M or A)' },
      ],
      default: 'missing',
    },
  ],
  ...keyedBy((o) => ({
    from: `(
      SELECT d.*, coalesce(i.incidents, 0) AS incidents
      FROM cla_during_year d
      LEFT JOIN (SELECT return_year, child, count(*) AS incidents FROM missing_in_year WHERE missing IN ${codes(o)} GROUP BY ALL) i
        ON i.return_year = d.return_year AND i.child = d.child) d`,
    keys: `key_list([CASE WHEN incidents > 0 THEN 'went-missing' END, ${THRESHOLDS.map((t) => `CASE WHEN incidents > ${t.n} THEN 'more-than-${t.n}' END`).join(', ')}])`,
    keyColumns: ['incidents'],
    details: 'd.child, d.dob, d.age AS age_31_march, sex_key(d.sex) AS sex, d.ls AS legal_status, d.place AS placement, d.incidents',
  })),
  rows: [
    { key: 'went-missing', label: 'Children who went missing', group: null },
    ...THRESHOLDS.map((t): RowSpec => ({ key: `more-than-${t.n}`, label: `Went missing ${t.words}`, group: null, phrase: t.words })),
  ],
  total: true,
  totalLabel: 'Children looked after during the year (base)',
  percent: true,
  additive: false,
  // Each row within the one before: the difference of any two (went missing exactly once) is a count.
  extraSuppressionSets: () => nestedChain([TOTAL, 'went-missing', ...THRESHOLDS.map((t) => `more-than-${t.n}`)]),
  commentary: ({ result }) => {
    const year = latestYear(result);
    if (year === null) return [];
    const three = cellOf(result, 'more-than-3', year);
    const any = cellOf(result, 'went-missing', year);
    if (!isShown(any) || !isShown(three)) return suppressionNote(result);
    if (any.count === 0) return [sentence(`No child went missing during ${flowLabel(year)}`)];
    return [
      sentence(`During ${flowLabel(year)}, ${countOf(any.count, CHILD)} went missing, ${three.count === 0 ? 'none' : three.count} of them more than 3 times`),
      ...suppressionNote(result),
    ];
  },
};
