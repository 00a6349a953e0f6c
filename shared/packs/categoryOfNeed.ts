/**
 * Category of need (CIN) of children looked after at 31 March, and of children who started to be
 * looked after in the year: two packs (a snapshot and a flow) from one declaration.
 */
import { CIN } from '../domain/codes.js';
import { CHILD, describeDistribution, suppressionNote } from './commentary.js';
import { AGE_ON_STARTING, CLA_COLUMNS, STARTER_COLUMNS, codeRows, keyedBy, unknownCodeRow } from './define.js';
import type { AgeOn, PackDefinition } from './types.js';

function cinPack(o: { id: string; title: string; timing: 'snapshot' | 'flow'; from: string; details: string; who: string; base: string; ageOn?: AgeOn }): PackDefinition {
  return {
    id: o.id,
    title: o.title,
    section: 'Characteristics',
    timing: o.timing,
    chart: 'stacked-100',
    definition:
      `${o.who} by category of need (CIN). N2 (child's disability) is the share DfE and the seed reports call disabled children. ` +
      'Short breaks excluded.',
    base: o.base,
    unit: CHILD,
    ...(o.ageOn ? { ageOn: [o.ageOn] } : {}),
    ...keyedBy(() => ({ from: o.from, keys: '[code_key(cin)]', keyColumns: ['cin'], details: o.details })),
    rows: [...codeRows(CIN), { key: 'blank', label: 'Not recorded (blank)', group: null, optional: true }],
    extraRow: (key) => unknownCodeRow(CIN, key),
    total: true,
    category: 'category of need',
    // The CIN of the episode counted is the latest in the year for a child looked after on 31 March
    // (the breakdown's episode); for starters it is the one they started with, which may differ.
    ...(o.timing === 'snapshot' ? { ownBreakdowns: ['category-of-need', 'disability'] } : {}),
    percent: true,
    additive: true,
    commentary: ({ result }) => [
      ...describeDistribution(result, {
        timing: o.timing,
        phrase: (row) => `children whose category of need is ${row.label.charAt(0).toLowerCase()}${row.label.slice(1)}`,
        largest: 'the most common category of need',
      }),
      ...suppressionNote(result),
    ],
  };
}

export const categoryOfNeedPack = cinPack({
  id: 'category-of-need',
  title: 'Category of need of children looked after',
  timing: 'snapshot',
  from: 'cla_31_march',
  details: `${CLA_COLUMNS}, cin AS category_of_need`,
  who: 'Children looked after on 31 March, by the CIN of the episode open at 31 March,',
  base: 'Children looked after on 31 March.',
});

export const startersCategoryOfNeedPack = cinPack({
  id: 'starters-category-of-need',
  title: 'Category of need of children who started to be looked after',
  timing: 'flow',
  from: 'started_in_year',
  details: STARTER_COLUMNS,
  ageOn: AGE_ON_STARTING,
  who: 'Children who started to be looked after during the year (first start in the year only), by the CIN of the episode they started with,',
  base: 'Children who started to be looked after during the year.',
});
