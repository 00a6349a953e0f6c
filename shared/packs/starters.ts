/** Children who started to be looked after in the year, by age on starting. */
import { flowLabel } from '../domain/years.js';
import { CHILD, countChange, countOf, describeDistribution, isShown, latestYear, notShown, sentence, suppressionNote } from './commentary.js';
import { AGE_BAND_ROWS, AGE_ON_STARTING, STARTER_COLUMNS, UNKNOWN_AGE_ROW, keyedBy } from './define.js';
import type { PackDefinition } from './types.js';
import { cellOf, yearOnYear } from './yearOnYear.js';

export const startersPack: PackDefinition = {
  id: 'starters',
  title: 'Children who started to be looked after',
  section: 'Children looked after',
  timing: 'flow',
  chart: 'grouped-bar',
  definition:
    'Children who started to be looked after during the year (an episode with RNE S beginning in the year, not a short break), by age on ' +
    'the day they started. Only the first occasion in the year is counted for a child who started more than once.',
  base: 'Children who started to be looked after during the year.',
  unit: CHILD,
  ...keyedBy(() => ({
    from: 'started_in_year',
    keys: '[age_band(age_at_start)]',
    keyColumns: ['age_at_start'],
    details: STARTER_COLUMNS,
  })),
  ageOn: [AGE_ON_STARTING],
  rows: [...AGE_BAND_ROWS.map((r) => ({ ...r, group: null })), UNKNOWN_AGE_ROW],
  total: true,
  category: 'age group',
  // Its rows are the age bands on starting, which a breakdown by age band now takes too.
  ownBreakdowns: ['age-band'],
  percent: true,
  additive: true,
  commentary: ({ pack, result }) => {
    const year = latestYear(result);
    if (year === null) return [];
    const out: string[] = [];
    const total = cellOf(result, null, year);
    if (isShown(total)) {
      out.push(sentence(`During ${flowLabel(year)}, ${countOf(total.count, CHILD)} started to be looked after${countChange(yearOnYear(result, null, year), 'flow')}`));
    } else out.push(notShown(`children who started to be looked after in ${flowLabel(year)}`));
    out.push(
      ...describeDistribution(result, {
        timing: 'flow',
        phrase: (row) => pack.rows.find((s) => s.key === row.key)?.phrase ?? row.label,
        largest: 'the largest group of children starting to be looked after',
      }),
    );
    return [...out, ...suppressionNote(result)];
  },
};
