/** Children adopted in the year, and the time taken at each stage (DfE adoption timeliness). */
import { flowLabel } from '../domain/years.js';
import { formatDecimal, formatInteger } from '../format.js';
import { CHILD, MIN_BASE_FOR_PERCENT, baseCount, countChange, countOf, isShown, latestYear, notShown, pct, sentence, suppressionNote } from './commentary.js';
import { nestedChain, nestedIn } from './define.js';
import { TOTAL, type PackDefinition } from './types.js';
import { cellOf, yearOnYear } from './yearOnYear.js';

const STAGES = [
  { key: 'entry-to-decision', label: 'Average days from entering care to the decision that the child should be placed for adoption', from: 'entered_care', to: 'decision' },
  { key: 'decision-to-match', label: 'Average days from that decision to being matched with adopters', from: 'decision', to: 'matched' },
  { key: 'match-to-placed', label: 'Average days from being matched to being placed for adoption', from: 'matched', to: 'placed' },
  { key: 'entry-to-placed', label: 'Average days from entering care to being placed for adoption', from: 'entered_care', to: 'placed' },
  { key: 'placed-to-adopted', label: 'Average days from being placed to the adoption order', from: 'placed', to: 'adopted' },
  { key: 'entry-to-adopted', label: 'Average days from entering care to the adoption order', from: 'entered_care', to: 'adopted' },
] as const;

/** Rows whose figure needs the day care began, and those needing the day of placement for adoption. */
const ENTRY_ROWS = sqlList(STAGES.filter((s) => s.from === 'entered_care').map((s) => s.key));
const PLACED_ROWS = sqlList([
  'decision-and-placement-known',
  'placed-within-12m',
  ...STAGES.filter((s) => s.from === 'placed' || s.to === 'placed').map((s) => s.key),
]);

function sqlList(keys: readonly string[]): string {
  return `[${keys.map((k) => `'${k}'`).join(', ')}]`;
}

/** The children adopted in each year with the dates of each stage (CTEs ending in \`days\`). */
const ADOPTED = `
    WITH pfa AS (SELECT return_year, child, date_placed FROM placed_for_adoption WHERE date_placed IS NOT NULL),
    adopted AS (
      SELECT a.return_year, a.child, a.dob, sex_key(a.sex) AS sex, a.age_at_ceasing, a.rec, a.period_start,
        -- the day care began is known only when the start of the period is in the returns loaded
        CASE WHEN a.period_first_rne = 'S' THEN a.period_start END AS entered_care,
        coalesce(ad.date_int,
          (SELECT max(f.date_placed) FROM pfa f WHERE f.return_year = a.return_year AND f.child = a.child AND f.date_placed <= a.ceased)) AS decision,
        ad.date_match AS matched,
        -- likewise the placement date, unless an earlier episode of the period is loaded
        CASE WHEN a.period_first_rne = 'S' OR a.placed_for_adoption > a.period_start THEN a.placed_for_adoption END AS placed,
        a.ceased AS adopted, ad.foster_care,
        coalesce(a.period_first_rne, '') <> 'S' AS entry_unknown,
        coalesce(a.period_first_rne, '') <> 'S' AND NOT coalesce(a.placed_for_adoption > a.period_start, FALSE) AS placed_unknown
      FROM ceased_in_year a
      LEFT JOIN child_ad1 ad ON ad.return_year = a.return_year AND ad.child = a.child
      WHERE a.rec IN ('E11', 'E12')
    ),
    days AS (
      SELECT *, ${STAGES.map((s) => `date_diff('day', ${s.from}, ${s.to}) AS "${s.key}"`).join(', ')} FROM adopted
    )`;

/** The rows each adopted child counts in. */
const KEYS = `key_list(['adopted',
        CASE WHEN foster_care = '1' THEN 'foster-carer' END,
        CASE WHEN placed IS NOT NULL AND decision IS NOT NULL THEN 'decision-and-placement-known' END,
        CASE WHEN placed <= plus_months(decision, 12) THEN 'placed-within-12m' END,
        ${STAGES.map((s) => `CASE WHEN "${s.key}" IS NOT NULL THEN '${s.key}' END`).join(', ')}])`;

export const adoptionPack: PackDefinition = {
  id: 'adoption',
  title: 'Adoption',
  section: 'Leaving care',
  timing: 'flow',
  chart: 'grouped-bar',
  definition:
    'Children who ceased to be looked after in the year because they were adopted (last ceasing with REC E11 or E12), and the time ' +
    'taken at each stage of their final period of care, in days: entering care (start of the period), the decision that the child ' +
    'should be placed for adoption (AD1 DATE_INT, or failing that the latest placed-for-adoption decision), matching (AD1 DATE_MATCH), ' +
    'being placed for adoption (the first episode of the period with placement A3-A6) and the adoption order (the date care ceased). ' +
    'Averages and the 12-month share are over the children for whom the dates needed are known (a period of care that began before ' +
    'the earliest return loaded has no known start).',
  base: 'Children adopted during the year.',
  unit: CHILD,
  ageOn: [{ date: 'm.adopted', words: 'the day the child was adopted (ceased to be looked after)' }],
  measures: true,
  members: () => `
    ${ADOPTED}
    SELECT return_year, ${KEYS} AS keys,
      {${STAGES.map((s) => `'${s.key}': CAST("${s.key}" AS DOUBLE)`).join(', ')}} AS measures,
      child, dob, sex, age_at_ceasing, rec AS reason, entered_care, decision, matched, placed, adopted, foster_care
    FROM days`,
  history: {
    rule:
      'Incomplete history (u): a child whose final period of care began before the earliest return loaded (its first episode ' +
      'found is not RNE S) has no known day of entering care, so the averages from entering care leave the child out; and where ' +
      'no placement for adoption is found after that first episode, the placement date is not known either, which touches the ' +
      'averages from or to placement and the 12-month share. The return for the year the earliest episode found began would help.',
    members: () => `
    ${ADOPTED}
    SELECT return_year, child, adopted, ${KEYS} AS keys,
      list_distinct(list_concat(
        CASE WHEN entry_unknown THEN ${ENTRY_ROWS} END,
        CASE WHEN placed_unknown THEN ${PLACED_ROWS} END)) AS uncertain,
      collection_year(period_start) AS need_year
    FROM days WHERE entry_unknown OR placed_unknown`,
  },
  rows: [
    { key: 'adopted', label: 'Children adopted (base)', group: null, base: 'none', role: 'base' },
    { key: 'foster-carer', label: 'Adopted by their foster carer(s)', group: null },
    { key: 'decision-and-placement-known', label: 'Adopted children whose decision and placement dates are known', group: null },
    {
      key: 'placed-within-12m',
      label: 'Placed for adoption within 12 months of the decision that they should be',
      group: null,
      base: { key: 'decision-and-placement-known' },
    },
    // Each average is over the adopted children whose two dates are known: hidden wherever 'adopted' is.
    ...STAGES.map((s) => ({ key: s.key, label: s.label, group: 'Average time (days)', kind: 'mean' as const, over: 'adopted' })),
  ],
  total: true,
  // The 'adopted' row shows the same count.
  totalLabel: null,
  percent: true,
  additive: false,
  // The 'adopted' row is the total; within it the foster carers' adoptions, and the children whose
  // dates are known, of whom those placed within 12 months (the rest: placed later, a count too).
  extraSuppressionSets: () => [{ parent: TOTAL, members: ['adopted'] }, nestedIn('adopted', 'foster-carer'), ...nestedChain(['adopted', 'decision-and-placement-known', 'placed-within-12m'])],
  commentary: ({ result }) => {
    const year = latestYear(result);
    if (year === null) return [];
    const out: string[] = [];
    const adopted = cellOf(result, null, year);
    if (!isShown(adopted)) return [notShown(`children adopted in ${flowLabel(year)}`), ...suppressionNote(result)];
    out.push(sentence(`During ${flowLabel(year)}, ${countOf(adopted.count, CHILD)} ${adopted.count === 1 ? 'was' : 'were'} adopted${countChange(yearOnYear(result, null, year), 'flow')}`));
    const base = baseCount(result, null, year);
    const wait = cellOf(result, 'entry-to-placed', year);
    if (wait && !wait.suppressed && typeof wait.value === 'number' && typeof wait.count === 'number' && wait.count >= MIN_BASE_FOR_PERCENT) {
      out.push(sentence(`On average they waited ${formatDecimal(wait.value)} days from entering care to being placed with their adoptive family`));
    }
    const within = cellOf(result, 'placed-within-12m', year);
    const known = baseCount(result, 'decision-and-placement-known', year);
    if (known !== null && known >= MIN_BASE_FOR_PERCENT && isShown(within) && within.percent != null) {
      out.push(sentence(`${pct(within.percent)} of those whose dates are known were placed for adoption within 12 months of the decision that they should be`));
    }
    // Both counts as the table shows them: the difference is not a figure of the table.
    if (base !== null && base > 0 && known !== null && known < base) {
      out.push(sentence(`The decision and placement dates are in the returns for ${formatInteger(known)} of the ${countOf(base, CHILD)} adopted; the others are left out of the timings`));
    }
    return [...out, ...suppressionNote(result)];
  },
};
