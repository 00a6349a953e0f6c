/** Children looked after at 31 March by placement provider. */
import { PLACE_PROVIDER } from '../domain/codes.js';
import { CHILD, describeDistribution, suppressionNote } from './commentary.js';
import { codeRows, keyedBy, unknownCodeRow } from './define.js';
import { TEMPORARY_HISTORY_RULE, TEMPORARY_OPTION, placeColumn, temporaryHistory } from './placementType.js';
import type { PackDefinition, RowSpec } from './types.js';

const PHRASE: Record<string, string> = {
  PR0: 'placements with parents or others with parental responsibility',
  PR1: "placements in the council's own provision",
  PR2: "placements in other councils' provision",
  PR3: 'placements in other public provision',
  PR4: 'placements with private providers',
  PR5: 'placements with voluntary or third-sector providers',
  blank: 'placements with no provider recorded',
};

const ROWS: RowSpec[] = [...codeRows(PLACE_PROVIDER), { key: 'blank', label: 'Not recorded (blank)', group: null, optional: true }];

export const placementProviderPack: PackDefinition = {
  id: 'placement-provider',
  title: 'Placement providers',
  section: 'Legal status and placements',
  timing: 'snapshot',
  chart: 'stacked-100',
  definition:
    'Children looked after on 31 March by the placement provider (PLACE_PROVIDER) of the episode open at 31 March. A child in a temporary ' +
    'placement is counted with the provider of the placement before it (option as for placement type). Blank is shown as "not recorded" ' +
    '(DfE expects it blank for temporary and other placements). Short breaks excluded.',
  base: 'Children looked after on 31 March.',
  unit: CHILD,
  options: [TEMPORARY_OPTION],
  ...keyedBy((o) => {
    const p = placeColumn(o, 'provider');
    return {
      from: 'cla_31_march',
      keys: `[code_key(${p})]`,
      keyColumns: [p],
      details: `child, dob, age AS age_31_march, sex_key(sex) AS sex, ls AS legal_status, place_substantive AS placement,
      ${p} AS provider_counted, period_start, decom AS episode_start`,
      history: temporaryHistory(o, ROWS.map((r) => r.key)),
    };
  }, TEMPORARY_HISTORY_RULE),
  rows: ROWS,
  extraRow: (key) => unknownCodeRow(PLACE_PROVIDER, key),
  total: true,
  category: 'placement provider',
  percent: true,
  additive: true,
  // Placed with parents is the same placement either way (PR0 only with P1, as the guidance has it).
  sameAs: [{ pack: 'placement-type', rows: { PR0: 'P1' } }],
  commentary: ({ result }) => [
    ...describeDistribution(result, {
      timing: 'snapshot',
      phrase: (row) => PHRASE[row.key] ?? row.label.toLowerCase(),
      largest: 'the largest group',
    }),
    ...suppressionNote(result),
  ],
};
