/**
 * Legal status, with DfE legal-status groups: of children looked after at 31 March, and of children
 * who started to be looked after in the year (two packs, a snapshot and a flow, from one declaration).
 */
import { LS } from '../domain/codes.js';
import { CHILD, describeDistribution, suppressionNote } from './commentary.js';
import { AGE_ON_STARTING, CLA_COLUMNS, STARTER_COLUMNS, codeRows, defaultSubtotals, groupKeySql, keyedBy, unknownCodeRow } from './define.js';
import type { AgeOn, PackDefinition } from './types.js';

const OMIT = ['short-breaks'];
const SUBTOTALS = defaultSubtotals(LS, OMIT);

const PHRASE: Record<string, string> = {
  'care-orders': 'children on care orders',
  'placement-order': 'children subject to a placement order',
  V2: 'children accommodated under section 20',
  'child-protection': 'children detained for child protection',
  'youth-justice': 'children with a youth justice legal status',
};

function legalStatusPackOf(o: { id: string; title: string; timing: 'snapshot' | 'flow'; from: string; details: string; who: string; base: string; ageOn?: AgeOn }): PackDefinition {
  return {
    id: o.id,
    title: o.title,
    section: 'Legal status and placements',
    timing: o.timing,
    chart: 'stacked-100',
    definition:
      `${o.who} grouped as DfE groups them: care orders ` +
      '(C1, C2), placement order granted (E1, and historic freeing orders D1), voluntary agreements under section 20 (V2), detained for ' +
      'child protection (L1-L3) and youth justice legal statuses (J1-J3). Short breaks (V3, V4) are excluded.',
    base: o.base,
    unit: CHILD,
    ...(o.ageOn ? { ageOn: [o.ageOn] } : {}),
    ...keyedBy(() => ({
      from: o.from,
      keys: `key_list([code_key(ls), ${groupKeySql(LS, 'ls', SUBTOTALS)}])`,
      keyColumns: ['ls'],
      details: o.details,
    })),
    rows: codeRows(LS, { omitGroups: OMIT, subtotals: SUBTOTALS, optionalCode: (c) => c === 'D1' }),
    extraRow: (key) => unknownCodeRow(LS, key),
    total: true,
    category: 'legal status',
    // As for category of need: only on 31 March is the pack's episode the breakdown's.
    ...(o.timing === 'snapshot' ? { ownBreakdowns: ['legal-status'] } : {}),
    percent: true,
    additive: true,
    commentary: ({ result }) => [
      ...describeDistribution(result, {
        timing: o.timing,
        phrase: (row) => PHRASE[row.key] ?? row.label.toLowerCase(),
        largest: 'the largest group',
      }),
      ...suppressionNote(result),
    ],
  };
}

export const legalStatusPack = legalStatusPackOf({
  id: 'legal-status',
  title: 'Legal status of children looked after',
  timing: 'snapshot',
  from: 'cla_31_march',
  details: CLA_COLUMNS,
  who: 'Children looked after on 31 March by the legal status (LS) of the episode open at 31 March,',
  base: 'Children looked after on 31 March.',
});

/** DfE publishes the legal status children started with, code by code (starters file, "Legal status" rows). */
export const startersLegalStatusPack = legalStatusPackOf({
  id: 'starters-legal-status',
  title: 'Legal status of children who started to be looked after',
  timing: 'flow',
  from: 'started_in_year',
  details: STARTER_COLUMNS,
  ageOn: AGE_ON_STARTING,
  who: 'Children who started to be looked after during the year (first start in the year only) by the legal status (LS) of the episode they started with,',
  base: 'Children who started to be looked after during the year.',
});
