/** Children looked after at 31 March by sex and age group. */
import { CHILD, describeDistribution, suppressionNote } from './commentary.js';
import { AGE_BAND_ROWS, CLA_COLUMNS, keyedBy } from './define.js';
import type { PackDefinition, RowSpec } from './types.js';

const SEXES = [
  { key: 'male', label: 'Male', phrase: 'boys' },
  { key: 'female', label: 'Female', phrase: 'girls' },
] as const;

const BAND_LABEL: Record<string, string> = Object.fromEntries([...AGE_BAND_ROWS.map((b) => [b.key, b.label]), ['unknown', 'age not known']]);
const BAND_PHRASE: Record<string, string> = {
  'under-1': 'aged under 1',
  '1-4': 'aged 1 to 4',
  '5-9': 'aged 5 to 9',
  '10-15': 'aged 10 to 15',
  '16-over': 'aged 16 and over',
  unknown: 'of unknown age',
};

function rowsOfSex(key: string, label: string, phrase: string, optional: boolean): RowSpec[] {
  return [
    { key, label: `All ${label.toLowerCase()}`, group: label, subtotal: true, optional, phrase },
    ...AGE_BAND_ROWS.map((b) => ({ key: `${key}:${b.key}`, label: `${label}, ${b.label}`, group: label, optional, phrase: `${phrase} ${BAND_PHRASE[b.key]}` })),
  ];
}

export const ageGenderPack: PackDefinition = {
  id: 'age-gender',
  title: 'Age and gender of children looked after',
  section: 'Characteristics',
  timing: 'snapshot',
  chart: 'grouped-bar',
  definition: 'Children looked after on 31 March by sex (as in the gender table) and age on 31 March (as in the age table). Short breaks excluded.',
  base: 'Children looked after on 31 March.',
  unit: CHILD,
  ...keyedBy(() => ({
    from: 'cla_31_march',
    keys: `[sex_key(sex) || ':' || age_band(age), sex_key(sex)]`,
    keyColumns: ['sex', 'age'],
    details: CLA_COLUMNS,
  })),
  rows: [...SEXES.flatMap((s) => rowsOfSex(s.key, s.label, s.phrase, false)), ...rowsOfSex('unknown', 'Unknown sex', 'children of unknown sex', true)],
  extraRow: (key) => {
    const [sex, band] = key.split(':') as [string, string | undefined];
    const s = SEXES.find((x) => x.key === sex);
    const label = s ? s.label : 'Unknown sex';
    return { key, label: `${label}, ${BAND_LABEL[band ?? ''] ?? band}`, group: label };
  },
  total: true,
  category: 'age group and sex',
  ownBreakdowns: ['gender', 'age-band'],
  chartLevel: 'parts',
  percent: true,
  additive: true,
  // The sexes are the gender table's rows: a reader has them.
  publishedElsewhere: ['male', 'female', 'unknown'],
  // Each age band across the sexes adds up to that band in the age table (published separately).
  extraSuppressionSets: (keys) =>
    [...AGE_BAND_ROWS.map((b) => b.key), 'unknown'].map((band) => ({ parent: null, members: keys.filter((k) => k.endsWith(`:${band}`)) })),
  commentary: ({ pack, result }) => [
    ...describeDistribution(result, {
      timing: 'snapshot',
      phrase: (row) => pack.rows.find((s) => s.key === row.key)?.phrase ?? row.label.toLowerCase(),
    }),
    ...suppressionNote(result),
  ],
};
