/** Strengths and Difficulties Questionnaire (SDQ) scores of the OC2 cohort. */
import { snapshotLabel } from '../domain/years.js';
import {
  CHILD,
  MIN_BASE_FOR_PERCENT,
  amountOf,
  baseCount,
  bracket,
  countOf,
  isShown,
  latestYear,
  pct,
  sentence,
  shareChange,
  suppressionNote,
  valueChange,
} from './commentary.js';
import { formatDecimal } from '../format.js';
import { claColumns, keyedBy, nestedIn } from './define.js';
import { TOTAL, type PackDefinition, type PackOptions } from './types.js';
import { cellOf, yearOnYear } from './yearOnYear.js';

const BANDS = [
  { key: 'band-normal', label: 'Normal (0-13)', words: 'normal' },
  { key: 'band-borderline', label: 'Borderline (14-16)', words: 'borderline' },
  { key: 'band-concern', label: 'A cause for concern (17-40)', words: 'a cause for concern' },
] as const;

function lowestAge(o: PackOptions): number {
  return o.basis === '5-16' ? 5 : 4;
}

export const sdqPack: PackDefinition = {
  id: 'sdq',
  title: 'Emotional and behavioural health (SDQ)',
  section: 'Health and wellbeing',
  timing: 'snapshot',
  chart: 'grouped-bar',
  definition:
    'Children looked after continuously for at least 12 months at 31 March (the OC2 cohort) aged 4 to 16 on 31 March, as the SDQ is ' +
    'collected (an option gives DfE\'s published basis, ages 5 to 16), and whether an SDQ score was received. Scores are banded as DfE ' +
    'bands them: 0-13 normal, 14-16 borderline, 17-40 a cause for concern; the average is the mean score of those received. A cohort ' +
    'child with no OC2 record counts as eligible without a score.',
  base: 'Eligible children; score bands are shares of the scores received.',
  unit: CHILD,
  options: [
    {
      id: 'basis',
      label: 'Ages counted',
      choices: [
        { value: '4-16', label: 'aged 4 to 16 on 31 March (as collected)' },
        { value: '5-16', label: 'aged 5 to 16 on 31 March (as DfE publishes)' },
      ],
      default: '4-16',
    },
  ],
  measures: true,
  ...keyedBy((o) => ({
    from: `(SELECT * FROM oc2_cohort WHERE age BETWEEN ${lowestAge(o)} AND 16) c`,
    keys: `key_list(['eligible',
        CASE WHEN sdq_score IS NOT NULL THEN 'submitted' END,
        CASE WHEN sdq_score BETWEEN 0 AND 13 THEN 'band-normal'
             WHEN sdq_score BETWEEN 14 AND 16 THEN 'band-borderline'
             WHEN sdq_score BETWEEN 17 AND 40 THEN 'band-concern' END,
        CASE WHEN sdq_score IS NOT NULL THEN 'average' END])`,
    keyColumns: ['sdq_score'],
    measures: { average: 'sdq_score' },
    details: `${claColumns('c')}, c.has_oc2, c.sdq_score, c.sdq_reason`,
  })),
  rows: [
    { key: 'eligible', label: 'Eligible children (base)', group: null, base: 'none', role: 'base' },
    { key: 'submitted', label: 'SDQ score received', group: null },
    ...BANDS.map((b) => ({ key: b.key, label: b.label, group: 'Score band', base: { key: 'submitted' } })),
    { key: 'average', label: 'Average score', group: null, kind: 'mean' as const },
  ],
  total: true,
  // The eligible row shows the same count.
  totalLabel: null,
  percent: true,
  additive: false,
  extraSuppressionSets: () => [
    { parent: 'submitted', members: BANDS.map((b) => b.key) },
    // The average row's count is the number of scores: hide it and 'submitted' together.
    { parent: 'submitted', members: ['average'] },
    // The eligible row is the total; the eligible children with no score received are a count too.
    { parent: TOTAL, members: ['eligible'] },
    nestedIn('eligible', 'submitted'),
  ],
  commentary: ({ result, options }) => {
    const year = latestYear(result);
    if (year === null) return [];
    const out: string[] = [];
    const eligible = baseCount(result, null, year);
    const submitted = cellOf(result, 'submitted', year);
    const ages = `aged ${lowestAge(options)} to 16`;
    if (eligible !== null && eligible > 0 && isShown(submitted)) {
      const yoy = yearOnYear(result, 'submitted', year);
      const prevBase = yoy.previousYear === null ? null : baseCount(result, null, yoy.previousYear);
      const big = eligible >= MIN_BASE_FOR_PERCENT && submitted.percent != null;
      const change = big ? bracket(shareChange(yoy, 'snapshot', prevBase)) : '';
      const whom = `the ${countOf(eligible, CHILD)} ${ages} looked after continuously for 12 months on ${snapshotLabel(year)}`;
      if (submitted.count === 0) out.push(sentence(`No SDQ scores were received for ${whom}`));
      else out.push(sentence(`SDQ scores were received for ${amountOf(submitted, eligible)} of ${whom}${change}`));
    }
    const avg = cellOf(result, 'average', year);
    const n = baseCount(result, 'submitted', year);
    if (avg && !avg.suppressed && typeof avg.value === 'number' && n !== null && n >= MIN_BASE_FOR_PERCENT) {
      // Averages to one decimal place, as the table shows them ("14.0", not "14").
      out.push(sentence(`The average score was ${formatDecimal(avg.value)}${valueChange(yearOnYear(result, 'average', year), 'snapshot')}`));
      const concern = cellOf(result, 'band-concern', year);
      if (isShown(concern) && concern.percent != null) {
        out.push(sentence(`${pct(concern.percent)} of the scores received were a cause for concern`));
      }
    }
    return [...out, ...suppressionNote(result)];
  },
};
