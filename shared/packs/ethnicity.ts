/** Children looked after at 31 March by ethnicity, with DfE ethnic groups and the BME share. */
import { ETHNIC, codeGroupId, sqlCodes } from '../domain/codes.js';
import {
  CHILD,
  MIN_BASE_FOR_PERCENT,
  atPeriod,
  baseCount,
  countOf,
  describeDistribution,
  isShown,
  latestYear,
  pct,
  sentence,
  shareChange,
  suppressionNote,
} from './commentary.js';
import { CLA_COLUMNS, codeRows, defaultSubtotals, groupKeySql, keyedBy, unknownCodeRow } from './define.js';
import type { PackDefinition } from './types.js';
import { cellOf, yearOnYear } from './yearOnYear.js';

const SUBTOTALS = defaultSubtotals(ETHNIC);
const KNOWN = ETHNIC.codes.map((c) => c.code).filter((c) => codeGroupId(ETHNIC, c) !== 'refused');

const GROUP_PHRASE: Record<string, string> = {
  white: 'White children',
  mixed: 'children of Mixed or Multiple ethnicity',
  asian: 'Asian or Asian British children',
  black: 'Black, African, Caribbean or Black British children',
  other: 'children of other ethnic groups',
  refused: 'children whose ethnicity was refused or not yet obtained',
};

export const ethnicityPack: PackDefinition = {
  id: 'ethnicity',
  title: 'Ethnicity of children looked after',
  section: 'Characteristics',
  timing: 'snapshot',
  chart: 'grouped-bar',
  definition:
    'Children looked after on 31 March by the ETHNIC code of their header, grouped as DfE groups them (Chinese counted under Asian, as in ' +
    "DfE's tables from 2021). The BME share is the children of every recorded ethnicity other than White British, as a share of " +
    'children whose ethnicity is recorded (not refused, not yet obtained, blank or unrecognised). Short breaks excluded.',
  base: 'Children looked after on 31 March; the BME share is of children with a recorded ethnicity.',
  unit: CHILD,
  ...keyedBy(() => ({
    from: 'cla_31_march',
    keys: `key_list([code_key(ethnic),
        ${groupKeySql(ETHNIC, 'ethnic', SUBTOTALS)},
        CASE WHEN ethnic IN ${sqlCodes(KNOWN)} THEN 'ethnicity-known' END,
        CASE WHEN ethnic IN ${sqlCodes(KNOWN)} AND ethnic <> 'WBRI' THEN 'bme' END])`,
    keyColumns: ['ethnic'],
    details: CLA_COLUMNS,
  })),
  rows: [
    ...codeRows(ETHNIC, { subtotals: SUBTOTALS }),
    { key: 'ethnicity-known', label: 'Children with a recorded ethnicity (base of the BME share)', group: null, additive: false, base: 'none', role: 'base' },
    { key: 'bme', label: 'Black, Asian and minority ethnic (all but White British), share of recorded', group: null, additive: false, base: { key: 'ethnicity-known' }, role: 'measure' },
  ],
  extraRow: (key) => unknownCodeRow(ETHNIC, key),
  total: true,
  category: 'ethnic group',
  ownBreakdowns: ['ethnicity'],
  percent: true,
  additive: true,
  // Recorded ethnicity is the total less the refused codes; BME is recorded less White British.
  extraSuppressionSets: () => [
    { parent: 'ethnicity-known', members: KNOWN },
    { parent: 'ethnicity-known', members: ['bme', 'WBRI'] },
  ],
  commentary: ({ result }) => {
    const year = latestYear(result);
    if (year === null) return [];
    const out: string[] = [];
    const bme = cellOf(result, 'bme', year);
    const known = baseCount(result, 'ethnicity-known', year);
    if (isShown(bme) && known !== null && known > 0) {
      if (known >= MIN_BASE_FOR_PERCENT && bme.percent != null) {
        const yoy = yearOnYear(result, 'bme', year);
        const prevKnown = yoy.previousYear === null ? null : baseCount(result, 'ethnicity-known', yoy.previousYear);
        out.push(
          sentence(
            `${atPeriod('snapshot', year)}, ${pct(bme.percent)} of children looked after whose ethnicity is recorded were from Black, Asian or ` +
              `minority ethnic backgrounds (all but White British)${shareChange(yoy, 'snapshot', prevKnown)}`,
          ),
        );
      } else {
        out.push(sentence(`${atPeriod('snapshot', year)}, ${bme.count === 0 ? 'none' : bme.count} of the ${countOf(known, CHILD)} with a recorded ethnicity ${bme.count === 1 ? 'was' : 'were'} from Black, Asian or minority ethnic backgrounds`));
      }
    }
    // Largest group: over the ethnic groups (subtotals, single-code groups by their code row, unknown codes).
    out.push(
      ...describeDistribution(result, {
        timing: 'snapshot',
        phrase: (row) => {
          const g = row.subtotal ? row.key : codeGroupId(ETHNIC, row.key);
          return (g && GROUP_PHRASE[g]) || `children recorded as ${row.label}`;
        },
      }),
    );
    return [...out, ...suppressionNote(result)];
  },
};

