/** How long children looked after at 31 March had been in their current period of care. */
import { CHILD, describeDistribution, suppressionNote } from './commentary.js';
import { CLA_COLUMNS, keyedBy, nestedIn } from './define.js';
import { TOTAL, type PackDefinition } from './types.js';

const BANDS = [
  { key: 'under-1m', label: 'Under 1 month', phrase: 'children looked after for under a month' },
  { key: '1-6m', label: '1 to 6 months', phrase: 'children looked after for 1 to 6 months' },
  { key: '7-12m', label: '7 to 12 months', phrase: 'children looked after for 7 to 12 months' },
  { key: '1-2y', label: '1 to 2 years', phrase: 'children looked after for 1 to 2 years' },
  { key: '2-5y', label: '2 to 5 years', phrase: 'children looked after for 2 to 5 years' },
  { key: '5-10y', label: '5 to 10 years', phrase: 'children looked after for 5 to 10 years' },
  { key: '10y-over', label: '10 years or more', phrase: 'children looked after for 10 years or more' },
];

/** Each band's end in completed months (exclusive); the last has none (a large number). */
const BAND_ENDS = [1, 7, 12, 24, 60, 120, 1_000_000] as const;

const HISTORY_RULE =
  'Incomplete history (u): a child whose period of care began before the earliest return loaded (its first episode found is not ' +
  'RNE S) and who has been looked after for under 10 years as far as the returns show; such a child makes the band counted and ' +
  'every longer band uncertain. The return for the year the earliest episode found began would help.';

export const durationPack: PackDefinition = {
  id: 'duration',
  title: 'Length of time looked after',
  section: 'Children looked after',
  timing: 'snapshot',
  chart: 'grouped-bar',
  definition:
    'Children looked after on 31 March by the length of their current period of care on 31 March, in completed months from the day the ' +
    'period began (dated from earlier returns where it began before this one): under 1 month; 1 to 6 months (1-6 completed months); ' +
    '7 to 12 months (7-11); 1 to 2 years (12-23); 2 to 5 years (24-59); 5 to 10 years (60-119); 10 years or more. Short breaks excluded.',
  base: 'Children looked after on 31 March.',
  unit: CHILD,
  ...keyedBy(() => ({
    from: '(SELECT *, months_between(period_start, year_end(return_year)) AS m FROM cla_31_march)',
    keys: `key_list([CASE WHEN m < 1 THEN 'under-1m' WHEN m <= 6 THEN '1-6m' WHEN m < 12 THEN '7-12m' WHEN m < 24 THEN '1-2y'
                     WHEN m < 60 THEN '2-5y' WHEN m < 120 THEN '5-10y' ELSE '10y-over' END,
                CASE WHEN coalesce(period_first_rne, '') <> 'S' THEN 'start-not-loaded' END])`,
    keyColumns: ['m', 'period_first_rne'],
    details: `${CLA_COLUMNS}, m AS months_looked_after, period_first_rne`,
    history: {
      // The band found and every longer one: the true length is at least the one counted.
      uncertain: `CASE WHEN coalesce(period_first_rne, '') <> 'S' AND m < 120 THEN
        list_transform(list_filter([${BANDS.map((b, i) => `{'k': '${b.key}', 'hi': ${BAND_ENDS[i]}}`).join(', ')}], b -> b.hi > m), b -> b.k) END`,
      needYear: 'collection_year(period_start)',
    },
  }), HISTORY_RULE),
  rows: [
    ...BANDS.map((b) => ({ ...b, group: null })),
    {
      key: 'start-not-loaded',
      label: 'Of whom: start of the period of care not in the returns loaded (length counted from the earliest episode found, so at least this long)',
      group: null,
      additive: false,
      optional: true,
      role: 'note',
    },
  ],
  total: true,
  category: 'length of time looked after',
  percent: true,
  additive: true,
  // The children whose start is in the returns loaded are a count too; and with fewer than ten years
  // of returns loaded, a child looked after for ten years or more began before the earliest. (With
  // more loaded it need not hold: where the numbers break it, it is left out; where they keep it, it
  // only protects one more difference.)
  extraSuppressionSets: () => [nestedIn(TOTAL, 'start-not-loaded'), nestedIn('start-not-loaded', '10y-over')],
  commentary: ({ pack, result }) => [
    ...describeDistribution(result, {
      timing: 'snapshot',
      phrase: (row) => pack.rows.find((s) => s.key === row.key)?.phrase ?? row.label,
    }),
    ...suppressionNote(result),
  ],
};
