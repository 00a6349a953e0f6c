/** Placement stability of children looked after at 31 March. */
import { snapshotLabel } from '../domain/years.js';
import { CHILD, MIN_BASE_FOR_PERCENT, amountOf, baseCount, bracket, countOf, isShown, latestYear, pct, sentence, shareChange, suppressionNote } from './commentary.js';
import { claColumns, keyedBy, nestedChain, nestedIn } from './define.js';
import { TOTAL, type PackDefinition, type PackOptions } from './types.js';
import { cellOf, yearOnYear } from './yearOnYear.js';

function placementsColumn(o: PackOptions): string {
  return o.moves === 'carer-changes' ? 'p.placements_carer' : 'p.placements';
}

const HISTORY_RULE =
  'Incomplete history (u): long-term stability, where a child under 16 whose period of care began before the earliest return ' +
  'loaded is not yet known to have been looked after for 2.5 years (the "Not counted" row); such a child could belong in the ' +
  'long-term figures. (Once a child is known to have been looked after 2.5 years, the carer test needs nothing earlier: a carer ' +
  'found at the start of the known period has been with the child over 2 years.) The three-or-more figure needs only the year\'s ' +
  'own return: the placement on 1 April counts as one whenever it began. The returns back to 2.5 years before 31 March would help.';

export const placementStabilityPack: PackDefinition = {
  id: 'placement-stability',
  title: 'Placement stability',
  section: 'Legal status and placements',
  timing: 'snapshot',
  chart: 'line',
  definition:
    'Short-term: children looked after on 31 March who had three or more placements during the year - the placement they were in on ' +
    '1 April plus each new placement in the year (episodes with RNE S, P, T, U or B), where a temporary placement (T0-T4) and the return ' +
    'from it are no change and a move to adoption with the same carers (A3/A5 with RNE T or U) continues the placement. Long-term: ' +
    'children looked after on 31 March aged under 16 who had been looked after continuously for at least 2.5 years, and who had lived ' +
    'with the same carer(s) for at least 2 years (a new carer starts at RNE S, P or B; L, T and U keep the carer), or are placed for ' +
    'adoption and that placement and the one before it together last 2 years. Short breaks excluded.',
  base: 'Three or more placements: children looked after on 31 March. Long-term: children under 16 looked after for 2.5 years or more.',
  unit: CHILD,
  options: [
    {
      id: 'moves',
      label: 'Placement changes counted',
      choices: [
        { value: 'all', label: 'every change of placement (RNE P, T, U, B), as DfE counts' },
        { value: 'carer-changes', label: 'changes of carer only (RNE P, B)' },
      ],
      default: 'all',
    },
  ],
  // Each child's placements and whether they meet each test; the dates the tests compare with
  // are worked out once per year rather than once per child.
  ...keyedBy((o) => ({
    from: `(
      SELECT c.*, ${placementsColumn(o)} AS placements_in_year,
        ${placementsColumn(o)} >= 3 AS three_or_more,
        c.age < 16 AND c.period_start <= t.looked_after_by AS long_term_cohort,
        c.carer_start <= t.with_carer_by
          OR (c.place_substantive IN ('A3', 'A4', 'A5', 'A6') AND c.prev_carer_start <= t.with_carer_by) AS same_carers,
        c.age < 16 AND coalesce(c.period_first_rne, '') <> 'S' AND NOT c.period_start <= t.looked_after_by AS start_not_loaded,
        t.looked_after_by
      FROM cla_31_march c
      JOIN placements_in_year p ON p.return_year = c.return_year AND p.child = c.child
      JOIN (SELECT return_year, plus_months(year_end(return_year), -30) AS looked_after_by, plus_months(year_end(return_year), -24) AS with_carer_by
            FROM years_loaded) t ON t.return_year = c.return_year) c`,
    keys: `key_list([
        CASE WHEN three_or_more THEN 'three-or-more' END,
        CASE WHEN long_term_cohort THEN 'long-term-cohort' END,
        CASE WHEN long_term_cohort AND same_carers THEN 'long-term' END,
        CASE WHEN start_not_loaded THEN 'start-not-loaded' END])`,
    keyColumns: ['three_or_more', 'long_term_cohort', 'same_carers', 'start_not_loaded'],
    details: `${claColumns('c')}, c.placements_in_year, c.carer_start AS with_carer_since, c.period_first_rne`,
    history: {
      uncertain: `CASE WHEN start_not_loaded THEN ['long-term-cohort', 'long-term'] END`,
      needYear: 'collection_year(looked_after_by)',
    },
  }), HISTORY_RULE),
  rows: [
    { key: 'three-or-more', label: 'Three or more placements during the year', group: 'Short-term stability' },
    { key: 'long-term-cohort', label: 'Aged under 16 and looked after for 2.5 years or more (base of long-term stability)', group: 'Long-term stability', base: 'none', role: 'base' },
    { key: 'long-term', label: 'Of whom living with the same carer(s) for 2 years or more (or placed for adoption)', group: 'Long-term stability', base: { key: 'long-term-cohort' } },
    {
      key: 'start-not-loaded',
      label: 'Not counted: aged under 16, start of the period of care not in the returns loaded (may have been looked after 2.5 years)',
      group: 'Long-term stability',
      base: 'none',
      optional: true,
      role: 'note',
    },
  ],
  total: true,
  totalLabel: 'Children looked after on 31 March (base)',
  percent: true,
  additive: false,
  // Nested rows: the long-term cohort (with, of whom, those with the same carers) and the children
  // not counted in it (start not loaded) are within the children looked after, as are those with three
  // or more placements; the rest of each is a count a reader could work out.
  extraSuppressionSets: () => [
    ...nestedChain([TOTAL, 'long-term-cohort', 'long-term']),
    nestedIn(TOTAL, 'three-or-more'),
    nestedIn(TOTAL, 'start-not-loaded'),
    nestedIn(TOTAL, 'long-term-cohort', 'start-not-loaded'),
    nestedIn(TOTAL, 'long-term', 'start-not-loaded'),
  ],
  commentary: ({ result }) => {
    const year = latestYear(result);
    if (year === null) return [];
    const out: string[] = [];
    const cla = baseCount(result, null, year);
    const three = cellOf(result, 'three-or-more', year);
    if (cla !== null && cla > 0 && isShown(three)) {
      const yoy = yearOnYear(result, 'three-or-more', year);
      const prevBase = yoy.previousYear === null ? null : baseCount(result, null, yoy.previousYear);
      const share =
        three.count > 0 && cla >= MIN_BASE_FOR_PERCENT && three.percent != null
          ? `${pct(three.percent)} (${countOf(three.count, CHILD)})`
          : `${three.count === 0 ? 'none' : three.count} of the ${countOf(cla, CHILD)}`;
      out.push(sentence(`Of the children looked after on ${snapshotLabel(year)}, ${share} had three or more placements during the year${bracket(shareChange(yoy, 'snapshot', prevBase))}`));
    }
    const cohort = baseCount(result, 'long-term-cohort', year);
    const lt = cellOf(result, 'long-term', year);
    if (cohort !== null && cohort > 0 && isShown(lt)) {
      const yoy = yearOnYear(result, 'long-term', year);
      const prevBase = yoy.previousYear === null ? null : baseCount(result, 'long-term-cohort', yoy.previousYear);
      const share = amountOf(lt, cohort);
      out.push(
        sentence(
          `Of the ${countOf(cohort, CHILD)} under 16 looked after for at least two and a half years, ${share} had lived with the same carers for ` +
            `at least two years${bracket(shareChange(yoy, 'snapshot', prevBase))}`,
        ),
      );
    }
    return [...out, ...suppressionNote(result)];
  },
};
