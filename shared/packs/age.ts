/** Children looked after at 31 March by age group. */
import { CHILD, describeDistribution, suppressionNote } from './commentary.js';
import { AGE_BAND_ROWS, CLA_COLUMNS, UNKNOWN_AGE_ROW, keyedBy } from './define.js';
import type { PackDefinition } from './types.js';

export const agePack: PackDefinition = {
  id: 'age',
  title: 'Age of children looked after',
  section: 'Characteristics',
  timing: 'snapshot',
  chart: 'grouped-bar',
  definition:
    'Children looked after on 31 March by their age on 31 March in whole years (a child born on 31 March has had that birthday; ' +
    'a 29 February birthday falls on 1 March in other years). Short breaks excluded.',
  base: 'Children looked after on 31 March.',
  unit: CHILD,
  ...keyedBy(() => ({ from: 'cla_31_march', keys: '[age_band(age)]', keyColumns: ['age'], details: CLA_COLUMNS })),
  rows: [...AGE_BAND_ROWS.map((r) => ({ ...r, group: null })), UNKNOWN_AGE_ROW],
  total: true,
  category: 'age group',
  ownBreakdowns: ['age-band'],
  percent: true,
  additive: true,
  commentary: ({ pack, result }) => [
    ...describeDistribution(result, {
      timing: 'snapshot',
      phrase: (row) => pack.rows.find((s) => s.key === row.key)?.phrase ?? row.label,
    }),
    ...suppressionNote(result),
  ],
};
