/** Children looked after at 31 March by placement type, with the DfE placement groups. */
import { PLACE, TEMPORARY_PLACEMENTS, sqlCodes } from '../domain/codes.js';
import { CHILD, describeDistribution, suppressionNote } from './commentary.js';
import { codeRows, defaultSubtotals, groupKeySql, keyedBy, lit, unknownCodeRow } from './define.js';
import type { PackDefinition, PackOption, PackOptions } from './types.js';

const SUBTOTALS = defaultSubtotals(PLACE);

export const TEMPORARY_OPTION: PackOption = {
  id: 'temporary',
  label: 'Children in a temporary placement (T0-T4) on 31 March',
  choices: [
    { value: 'substantive', label: 'counted in the placement they were in before the temporary move' },
    { value: 'as-recorded', label: 'counted as temporary placements' },
  ],
  default: 'substantive',
};

/**
 * The history rule of the placement packs: by default a child in a temporary placement on 31 March
 * is counted in the placement before it, which may be in an earlier return than those loaded.
 */
export const TEMPORARY_HISTORY_RULE =
  'Incomplete history (u): a child in a temporary placement (T0-T4) on 31 March whose placement before it is not in the returns ' +
  'loaded (every episode found of the period is temporary, and its first is not RNE S); the child could belong in any row. ' +
  'Only with temporary placements counted in the placement before them (the default). The return for the year the earliest ' +
  'episode found began would help.';

/**
 * The KeyedSource history of a placement pack over cla_31_march: under the substantive option, the
 * children counted as temporary for want of the placement before (every row is uncertain).
 */
export function temporaryHistory(options: PackOptions, rowKeys: readonly string[]): { uncertain: string; needYear: string } | undefined {
  if (options.temporary === 'as-recorded') return undefined;
  return {
    uncertain: `CASE WHEN place_substantive IN ${sqlCodes(TEMPORARY_PLACEMENTS)} AND coalesce(period_first_rne, '') <> 'S'
      THEN [${rowKeys.map(lit).join(', ')}] END`,
    needYear: 'collection_year(period_start)',
  };
}

/** The placement (or provider) column to count, by the temporary-placement option. */
export function placeColumn(options: PackOptions, kind: 'place' | 'provider'): string {
  const substantive = options.temporary !== 'as-recorded';
  if (kind === 'place') return substantive ? 'place_substantive' : 'place';
  return substantive ? 'provider_substantive' : 'place_provider';
}

const PHRASE: Record<string, string> = {
  foster: 'foster placements',
  adoption: 'placements for adoption',
  P1: 'placements with parents or others with parental responsibility',
  homes: "secure and children's homes",
  independent: 'independent and semi-independent living or supported accommodation',
  'other-residential': 'other residential settings',
  S1: 'residential schools',
  'other-placements': 'other placements',
  temporary: 'temporary placements',
};

// Every group is shown; codes only where some year has a child in them.
const ROWS = codeRows(PLACE, { subtotals: SUBTOTALS, optionalCode: () => true }).map((r) =>
  r.subtotal && r.key === 'temporary' ? { ...r, optional: true } : r,
);

export const placementTypePack: PackDefinition = {
  id: 'placement-type',
  title: 'Placements of children looked after',
  section: 'Legal status and placements',
  timing: 'snapshot',
  chart: 'grouped-bar',
  definition:
    'Children looked after on 31 March by the placement (PLACE) of the episode open at 31 March, grouped as in the DfE table. By default a ' +
    'child in a temporary placement (T0-T4) on 31 March is counted in the placement they were in before the temporary move (an option ' +
    'counts them as temporary). Short breaks excluded.',
  base: 'Children looked after on 31 March.',
  unit: CHILD,
  options: [TEMPORARY_OPTION],
  ...keyedBy((o) => {
    const p = placeColumn(o, 'place');
    return {
      from: 'cla_31_march',
      keys: `key_list([code_key(${p}), ${groupKeySql(PLACE, p, SUBTOTALS)}])`,
      keyColumns: [p],
      details: `child, dob, age AS age_31_march, sex_key(sex) AS sex, ls AS legal_status, ${p} AS placement_counted,
      place AS placement_recorded, place_provider AS provider, period_start, decom AS episode_start`,
      history: temporaryHistory(o, ROWS.map((r) => r.key)),
    };
  }, TEMPORARY_HISTORY_RULE),
  rows: ROWS,
  extraRow: (key) => unknownCodeRow(PLACE, key),
  total: true,
  category: 'type of placement',
  percent: true,
  additive: true,
  commentary: ({ result }) => [
    ...describeDistribution(result, {
      timing: 'snapshot',
      phrase: (row) => PHRASE[row.key] ?? row.label.toLowerCase(),
      largest: 'the most common type of placement',
    }),
    ...suppressionNote(result),
  ],
};

