/** Children looked after at 31 March by legal status, with DfE legal-status groups. */
import { LS } from '../domain/codes.js';
import { CHILD, describeDistribution, suppressionNote } from './commentary.js';
import { CLA_COLUMNS, codeRows, defaultSubtotals, groupKeySql, keyedBy, unknownCodeRow } from './define.js';
import type { PackDefinition } from './types.js';

const OMIT = ['short-breaks'];
const SUBTOTALS = defaultSubtotals(LS, OMIT);

const PHRASE: Record<string, string> = {
  'care-orders': 'children on care orders',
  'placement-order': 'children subject to a placement order',
  V2: 'children accommodated under section 20',
  'child-protection': 'children detained for child protection',
  'youth-justice': 'children with a youth justice legal status',
};

export const legalStatusPack: PackDefinition = {
  id: 'legal-status',
  title: 'Legal status of children looked after',
  section: 'Legal status and placements',
  timing: 'snapshot',
  chart: 'stacked-100',
  definition:
    'Children looked after on 31 March by the legal status (LS) of the episode open at 31 March, grouped as DfE groups them: care orders ' +
    '(C1, C2), placement order granted (E1, and historic freeing orders D1), voluntary agreements under section 20 (V2), detained for ' +
    'child protection (L1-L3) and youth justice legal statuses (J1-J3). Short breaks (V3, V4) are excluded.',
  base: 'Children looked after on 31 March.',
  unit: CHILD,
  ...keyedBy(() => ({
    from: 'cla_31_march',
    keys: `key_list([code_key(ls), ${groupKeySql(LS, 'ls', SUBTOTALS)}])`,
    keyColumns: ['ls'],
    details: CLA_COLUMNS,
  })),
  rows: codeRows(LS, { omitGroups: OMIT, subtotals: SUBTOTALS, optionalCode: (c) => c === 'D1' }),
  extraRow: (key) => unknownCodeRow(LS, key),
  total: true,
  category: 'legal status',
  percent: true,
  additive: true,
  commentary: ({ result }) => [
    ...describeDistribution(result, {
      timing: 'snapshot',
      phrase: (row) => PHRASE[row.key] ?? row.label.toLowerCase(),
      largest: 'the largest group',
    }),
    ...suppressionNote(result),
  ],
};
