/** Children looked after at 31 March by sex. */
import { CHILD, MIN_BASE_FOR_PERCENT, atPeriod, baseCount, countOf, earlier, isShown, latestYear, pct, sentence, suppressionNote } from './commentary.js';
import { CLA_COLUMNS, keyedBy } from './define.js';
import type { PackDefinition } from './types.js';
import { cellOf, yearOnYear } from './yearOnYear.js';

const BOY = { one: 'boy', many: 'boys' };
const GIRL = { one: 'girl', many: 'girls' };

export const genderPack: PackDefinition = {
  id: 'gender',
  title: 'Gender of children looked after',
  section: 'Characteristics',
  timing: 'snapshot',
  chart: 'stacked-100',
  definition:
    'Children looked after on 31 March by sex as recorded in the header (1 or M male, 2 or F female, anything else unknown). Short breaks excluded.',
  base: 'Children looked after on 31 March.',
  unit: CHILD,
  ...keyedBy(() => ({ from: 'cla_31_march', keys: '[sex_key(sex)]', keyColumns: ['sex'], details: CLA_COLUMNS })),
  rows: [
    { key: 'male', label: 'Male', group: null, phrase: 'boys' },
    { key: 'female', label: 'Female', group: null, phrase: 'girls' },
    { key: 'unknown', label: 'Unknown or not recorded', group: null, optional: true, phrase: 'children of unknown sex' },
  ],
  total: true,
  category: 'sex recorded',
  ownBreakdowns: ['gender'],
  percent: true,
  additive: true,
  commentary: ({ result }) => {
    const year = latestYear(result);
    if (year === null) return [];
    const out: string[] = [];
    const base = baseCount(result, null, year);
    const m = cellOf(result, 'male', year);
    const f = cellOf(result, 'female', year);
    if (base !== null && base >= MIN_BASE_FOR_PERCENT && isShown(m) && isShown(f) && m.percent != null && f.percent != null) {
      let compare = '';
      const pm = yearOnYear(result, 'male', year);
      const pf = yearOnYear(result, 'female', year);
      const prevBase = pm.previousYear === null ? null : baseCount(result, null, pm.previousYear);
      if (pm.previousYear !== null && prevBase !== null && prevBase >= MIN_BASE_FOR_PERCENT && pm.previousPercent !== null && pf.previousPercent !== null) {
        const when = earlier('snapshot', year, pm.previousYear);
        compare =
          pct(pm.previousPercent) === pct(m.percent) && pct(pf.previousPercent) === pct(f.percent)
            ? ` (the same as ${when})`
            : ` (${pct(pm.previousPercent)} and ${pct(pf.previousPercent)} ${when})`;
      }
      out.push(sentence(`${atPeriod('snapshot', year)}, ${pct(m.percent)} of children looked after were boys and ${pct(f.percent)} girls${compare}`));
    } else if (isShown(m) && isShown(f)) {
      out.push(sentence(`${atPeriod('snapshot', year)}, ${countOf(m.count, BOY)} and ${countOf(f.count, GIRL)} were looked after`));
    }
    return [...out, ...suppressionNote(result)];
  },
};
