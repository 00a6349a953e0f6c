/**
 * Hand-built pack results for the export tests (and scripts/render-exports.ts). The figures are
 * made up but shaped like a mid-size LA's: percentages are the counts over the total, worked by
 * hand and rounded to one decimal.
 */
import type { ExportMeta, ExportTable } from '../../../shared/export/types.js';
import type { PackResult } from '../../../shared/packs/result.js';

/** Age at 31 March, 2021-2023; under-1 in 2023 is suppressed (a count of 4). */
export const AGE: PackResult = {
  pack: 'age',
  title: 'Age of children looked after at 31 March',
  definition:
    'Children looked after at 31 March (short breaks excluded), by age in whole years at 31 March. Percentages are of all children looked after at 31 March.',
  years: [2021, 2022, 2023],
  rows: [
    { key: 'under-1', label: 'Under 1', group: null, values: { 2021: { count: 27, percent: 5.3 }, 2022: { count: 20, percent: 4.0 }, 2023: { count: null, percent: null, suppressed: true } } },
    { key: '1-4', label: '1 to 4', group: null, values: { 2021: { count: 54, percent: 10.6 }, 2022: { count: 53, percent: 10.6 }, 2023: { count: 58, percent: 11.2 } } },
    { key: '5-9', label: '5 to 9', group: null, values: { 2021: { count: 74, percent: 14.5 }, 2022: { count: 77, percent: 15.3 }, 2023: { count: 81, percent: 15.6 } } },
    { key: '10-15', label: '10 to 15', group: null, values: { 2021: { count: 221, percent: 43.3 }, 2022: { count: 212, percent: 42.2 }, 2023: { count: 230, percent: 44.2 } } },
    { key: '16-over', label: '16 and over', group: null, values: { 2021: { count: 134, percent: 26.3 }, 2022: { count: 140, percent: 27.9 }, 2023: { count: 147, percent: 28.3 } } },
  ],
  total: { 2021: { count: 510 }, 2022: { count: 502 }, 2023: { count: 520 } },
  notes: ['Ages are worked out from the date of birth in the header file.'],
};

/** Review timeliness, a flow pack with four-digit counts (thousands separators). */
export const TIMELINESS: PackResult = {
  pack: 'review-timeliness',
  title: 'Timeliness of reviews',
  definition: 'Reviews held during the year, on time or late against the statutory timescales (20 working days, 3 months, then 6 months).',
  years: [2022, 2023],
  rows: [
    { key: 'on-time', label: 'On time', group: null, values: { 2022: { count: 1467, percent: 91.7 }, 2023: { count: 1512, percent: 92.7 } } },
    { key: 'late', label: 'Late', group: null, values: { 2022: { count: 133, percent: 8.3 }, 2023: { count: 119, percent: 7.3 } } },
  ],
  total: { 2022: { count: 1600 }, 2023: { count: 1631 } },
  notes: [],
};

/** Children looked after: the `cla` pack, five years, counts only, no total. */
export const CLA: PackResult = {
  pack: 'cla',
  title: 'Children looked after',
  definition:
    'Children looked after at 31 March, children who started and ceased to be looked after during the year, and all children looked after at any time during the year. Short breaks excluded.',
  years: [2019, 2020, 2021, 2022, 2023],
  rows: [
    { key: 'at-31-march', label: 'Looked after at 31 March', group: null, values: { 2019: { count: 515 }, 2020: { count: 484 }, 2021: { count: 510 }, 2022: { count: 502 }, 2023: { count: 520 } } },
    { key: 'started', label: 'Started to be looked after', group: null, values: { 2019: { count: 231 }, 2020: { count: 201 }, 2021: { count: 212 }, 2022: { count: 193 }, 2023: { count: 238 } } },
    { key: 'ceased', label: 'Ceased to be looked after', group: null, values: { 2019: { count: 232 }, 2020: { count: 185 }, 2021: { count: 201 }, 2022: { count: 201 }, 2023: { count: 220 } } },
    { key: 'during-year', label: 'Looked after at any time during the year', group: null, values: { 2019: { count: 747 }, 2020: { count: 716 }, 2021: { count: 695 }, 2022: { count: 711 }, 2023: { count: 722 } } },
  ],
  total: {},
  notes: [],
};

/** SDQ: counts, percentages of different bases, and an average (value) row; snapshot. */
export const SDQ: PackResult = {
  pack: 'sdq',
  title: 'Strengths and Difficulties Questionnaire (SDQ) scores',
  definition:
    'Children aged 4 to 16 at 31 March who had been looked after for at least 12 months. Score bands are of children with a score: normal 0 to 13, borderline 14 to 16, cause for concern 17 to 40.',
  years: [2022, 2023],
  rows: [
    { key: 'eligible', label: 'Eligible children', group: null, values: { 2022: { count: 280 }, 2023: { count: 291 } } },
    { key: 'submitted', label: 'With an SDQ score', group: null, values: { 2022: { count: 238, percent: 85.0 }, 2023: { count: 256, percent: 88.0 } } },
    { key: 'band-normal', label: 'Normal (0 to 13)', group: null, values: { 2022: { count: 119, percent: 50.0 }, 2023: { count: 131, percent: 51.2 } } },
    { key: 'band-borderline', label: 'Borderline (14 to 16)', group: null, values: { 2022: { count: 36, percent: 15.1 }, 2023: { count: 41, percent: 16.0 } } },
    { key: 'band-concern', label: 'Cause for concern (17 to 40)', group: null, values: { 2022: { count: 83, percent: 34.9 }, 2023: { count: 84, percent: 32.8 } } },
    { key: 'average', label: 'Average score', group: null, values: { 2022: { value: 14.2 }, 2023: { value: 13.9 } } },
  ],
  total: {},
  notes: ['DfE publishes SDQ figures for ages 5 to 16; this table uses ages 4 to 16 as collected.'],
};

/**
 * Ethnicity at 31 March, grouped; includes unknown codes as found in a return, whose labels start
 * with = + - @ (a formula-injection attempt must stay text).
 */
export const INJECTION_LABEL = '=HYPERLINK("http://example.invalid/x","Click")';
export const ETHNICITY: PackResult = {
  pack: 'ethnicity',
  title: 'Ethnicity of children looked after at 31 March',
  definition: 'Children looked after at 31 March by ETHNIC code, grouped as DfE groups them.',
  years: [2022, 2023],
  rows: [
    { key: 'WBRI', label: 'White British', group: 'White', values: { 2022: { count: 401, percent: 79.9 }, 2023: { count: 409, percent: 78.7 } } },
    { key: 'WOTH', label: 'Any other White background', group: 'White', values: { 2022: { count: 21, percent: 4.2 }, 2023: { count: 24, percent: 4.6 } } },
    { key: 'MWBC', label: 'White and Black Caribbean', group: 'Mixed or Multiple ethnic groups', values: { 2022: { count: 30, percent: 6.0 }, 2023: { count: 33, percent: 6.3 } } },
    { key: 'BAFR', label: 'African', group: 'Black, African, Caribbean or Black British', values: { 2022: { count: 38, percent: 7.6 }, 2023: { count: 2, percent: null, suppressed: true } } },
    { key: '=X', label: INJECTION_LABEL, group: null, values: { 2022: { count: 6, percent: 1.2 }, 2023: { count: 7, percent: 1.3 } } },
    { key: '+1', label: '+44 unknown code', group: null, values: { 2022: { count: 6, percent: 1.2 }, 2023: { count: 45, percent: 8.7 } } },
  ],
  total: { 2022: { count: 502, percent: 100 }, 2023: { count: 520, percent: 100 } },
  notes: ['Codes not in the DfE list are shown as found.'],
};

/** ETHNICITY's rows as a report sets them, written by hand: each group's heading, its parts under it, then the total. */
export const ETHNICITY_REPORT_ROWS = [
  'White',
  'White British',
  'Any other White background',
  'Mixed or Multiple ethnic groups',
  'White and Black Caribbean',
  'Black, African, Caribbean or Black British',
  'African',
  INJECTION_LABEL,
  '+44 unknown code',
  'Total',
];

export const AGE_TABLE: ExportTable = {
  result: AGE,
  commentary: [
    'There were 520 children looked after at 31 March 2023, 18 more than a year earlier.',
    'Children aged 10 to 15 remain the largest group (44.2%).',
  ],
  timing: 'snapshot',
  chart: 'grouped-bar',
  section: 'Children looked after',
  rowHeading: 'Age at 31 March',
};

export const CLA_TABLE: ExportTable = {
  result: CLA,
  commentary: ['238 children started to be looked after in 2022/23, the most in five years.'],
  timing: 'flow',
  chart: 'line',
  section: 'Children looked after',
  rowHeading: 'Measure',
};

export const SDQ_TABLE: ExportTable = {
  result: SDQ,
  commentary: ['The average SDQ score fell from 14.2 to 13.9.'],
  timing: 'snapshot',
  chart: 'grouped-bar',
  section: 'Health and wellbeing',
};

export const ETHNICITY_TABLE: ExportTable = {
  result: ETHNICITY,
  commentary: ['-3 more White British children than last year would read as a formula if not guarded.'],
  timing: 'snapshot',
  chart: 'stacked-100',
  section: 'Children looked after',
  rowHeading: 'Ethnicity',
};

export const TIMELINESS_TABLE: ExportTable = {
  result: TIMELINESS,
  commentary: ['92.7% of reviews were on time in 2022/23, up from 91.7%.'],
  timing: 'flow',
  chart: 'grouped-bar',
  section: 'Reviews',
  rowHeading: 'Review',
};

export const ALL_TABLES: ExportTable[] = [CLA_TABLE, AGE_TABLE, ETHNICITY_TABLE, SDQ_TABLE, TIMELINESS_TABLE];

const SHA = (c: string) => c.repeat(64);

export const META: ExportMeta = {
  title: 'IRO annual report tables 2022/23',
  generatedAt: '2023-06-01T09:30:00Z',
  suppression: 5,
  sources: [
    { year: 2021, file: 'header.csv', sha256: SHA('a'), rows: 690, importedAt: '2023-05-02T14:05:00Z' },
    { year: 2021, file: 'episodes.csv', sha256: SHA('b'), rows: 1204, importedAt: '2023-05-02T14:05:00Z' },
    { year: 2022, file: 'header.csv', sha256: SHA('c'), rows: 711, importedAt: '2023-05-02T14:06:00Z' },
    { year: 2022, file: 'episodes.csv', sha256: SHA('d'), rows: 1290, importedAt: '2023-05-02T14:06:00Z' },
    { year: 2023, file: '=cmd.csv', sha256: SHA('e'), rows: 722, importedAt: '2023-05-03T08:00:00Z' },
  ],
};

/** AGE_TABLE's result withheld in every year by suppression at 5 ("too few to publish safely"). */
export function withheldAgeResult(): PackResult {
  const r = AGE_TABLE.result;
  const hidden = (c: PackResult['total']) => Object.fromEntries(Object.keys(c).map((y) => [y, { count: null, suppressed: true }]));
  return {
    ...r,
    rows: r.rows.map((row) => ({ ...row, values: hidden(row.values) })),
    total: hidden(r.total),
    suppression: { threshold: 5, primary: 3, secondary: 12, withheldYears: [...r.years], zeroYears: [] },
  };
}

/**
 * A local pack with a figure besides the count: escalations by stage with the average days from
 * raised to resolved; stage 2's 2023/24 figure is suppressed, stage 1's 2022/23 one has no rows.
 */
export const FIGURE_LABEL = 'Average days from raised to resolved';
const figureRow = (key: string, label: string, a: number | null, b: number | 'c') => ({
  key,
  label,
  group: FIGURE_LABEL,
  role: 'measure' as const,
  values: { 2023: a === null ? { value: null } : { count: 3, value: a }, 2024: b === 'c' ? { value: null, suppressed: true } : { count: 4, value: b } },
});
export const LOCAL_FIGURES: PackResult = {
  pack: 'local-escalations',
  title: 'Escalations by stage',
  definition: 'Escalations by stage.',
  years: [2023, 2024],
  rows: [
    { key: 'Stage 1', label: 'Stage 1', group: null, values: { 2023: { count: 6, percent: 60 }, 2024: { count: 7, percent: 70 } } },
    { key: 'Stage 2', label: 'Stage 2', group: null, values: { 2023: { count: 4, percent: 40 }, 2024: { count: 3, percent: 30 } } },
    figureRow('\uffff1\uffffStage 1', 'Stage 1', null, 12.5),
    figureRow('\uffff1\uffffStage 2', 'Stage 2', 16, 'c'),
    figureRow('\uffff1\uffff\uffff', 'All escalations', 16, 13.6),
  ],
  total: { 2023: { count: 10 }, 2024: { count: 10 } },
  notes: [],
  category: 'stage',
  local: { unit: { one: 'escalation', many: 'escalations' }, by: ['stage'], measures: [FIGURE_LABEL], measureUnits: ['days'] },
};

/** A local pack counted without a breakdown: only its total (and the figure of every row), as a pack by month or year with no "by". */
export const LOCAL_TOTAL_ONLY: PackResult = {
  ...LOCAL_FIGURES,
  pack: 'local-escalations-total',
  title: 'Escalations',
  rows: LOCAL_FIGURES.rows.filter((r) => r.role === 'measure' && r.label === 'All escalations'),
  total: { 2023: { count: 10 }, 2024: { count: 12 } },
  totalLabel: 'All escalations',
  category: undefined,
  local: { ...LOCAL_FIGURES.local!, by: [] },
};
