/** Children who ceased to be looked after in the year, by the reason of their last ceasing. */
import { REC } from '../domain/codes.js';
import { flowLabel } from '../domain/years.js';
import {
  CHILD,
  baseCount,
  countChange,
  countOf,
  countWithShare,
  describeDistribution,
  isShown,
  joinAnd,
  latestYear,
  notShown,
  sentence,
  suppressionNote,
} from './commentary.js';
import { AGE_ON_CEASING, codeRows, groupKeySql, keyedBy, unknownCodeRow } from './define.js';
import type { PackDefinition } from './types.js';
import { cellOf, yearOnYear } from './yearOnYear.js';

const GROUPS = ['adoption', 'sgo', 'returned-home', 'independent-living', 'other'];
const OTHER = REC.groups!.find((g) => g.id === 'other')!.label;

const PHRASE: Record<string, string> = {
  adoption: 'adoption',
  sgo: 'a special guardianship order',
  'returned-home': 'returning home to parents or others with parental responsibility',
  'independent-living': 'moving into independent living',
  other: 'other reasons',
};

export const reasonsCeasedPack: PackDefinition = {
  id: 'reasons-ceased',
  title: 'Reasons children ceased to be looked after',
  section: 'Leaving care',
  timing: 'flow',
  chart: 'grouped-bar',
  definition:
    'Children who ceased to be looked after during the year (an episode ending in the year with a reason other than X1, not a short ' +
    'break), by the reason (REC). A child who ceased more than once is counted once, with the reason of the last occasion. Reasons are ' +
    'grouped as adoption (E11, E12), special guardianship orders (E43-E48), returned home (E4A, E4B), independent living (E5, E6) and ' +
    'other reasons (everything else, including unrecognised and blank reasons).',
  base: 'Children who ceased to be looked after during the year.',
  unit: CHILD,
  ageOn: [AGE_ON_CEASING],
  ...keyedBy(() => ({
    from: 'ceased_in_year',
    keys: `key_list([code_key(rec), ${groupKeySql(REC, 'rec', GROUPS, '', "'other'")}])`,
    keyColumns: ['rec'],
    details: 'child, dob, age_at_ceasing, sex_key(sex) AS sex, ceased, rec AS reason, ls AS legal_status, place AS placement, period_start',
  })),
  rows: codeRows(REC, { subtotals: GROUPS, optionalCode: () => true }).filter((r) => r.key !== 'X1'),
  extraRow: (key) => unknownCodeRow(REC, key, { group: OTHER }),
  total: true,
  category: 'reason',
  percent: true,
  additive: true,
  commentary: ({ result }) => {
    const year = latestYear(result);
    if (year === null) return [];
    const out: string[] = [];
    const total = cellOf(result, null, year);
    if (isShown(total)) {
      out.push(sentence(`During ${flowLabel(year)}, ${countOf(total.count, CHILD)} ceased to be looked after${countChange(yearOnYear(result, null, year), 'flow')}`));
    } else out.push(notShown(`children who ceased to be looked after in ${flowLabel(year)}`));
    out.push(
      ...describeDistribution(result, {
        timing: 'flow',
        phrase: (row) => (row.key === 'other' ? 'children leaving care for other reasons' : `children leaving care through ${PHRASE[row.key] ?? row.label.toLowerCase()}`),
        largest: 'the largest group by reason',
      }),
    );
    const base = baseCount(result, null, year);
    const bits: string[] = [];
    const outcomes: [string, (n: number) => string][] = [
      ['adoption', (n) => `${n === 1 ? 'was' : 'were'} adopted`],
      ['sgo', () => 'left care under a special guardianship order'],
    ];
    for (const [key, words] of outcomes) {
      const cell = cellOf(result, key, year);
      const text = countWithShare(cell, base);
      if (text !== null && isShown(cell) && cell.count > 0) bits.push(`${text} ${words(cell.count)}`);
    }
    if (bits.length) out.push(sentence(`Of the children who ceased to be looked after, ${joinAnd(bits)}`));
    return [...out, ...suppressionNote(result)];
  },
};
