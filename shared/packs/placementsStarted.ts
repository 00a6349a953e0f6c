/** Placements that began during the year, and the moves among them by the reason the previous placement ended. */
import { REASON_PLACE_CHANGE, TEMPORARY_PLACEMENTS, sqlCodes } from '../domain/codes.js';
import { flowLabel } from '../domain/years.js';
import { countOf, describeDistribution, isShown, latestYear, sentence, suppressionNote } from './commentary.js';
import { codeRows, keyedBy, unknownCodeRow } from './define.js';
import { TOTAL, type PackDefinition } from './types.js';
import { cellOf } from './yearOnYear.js';

const PLACEMENT = { one: 'placement', many: 'placements' };
const TEMP = sqlCodes(TEMPORARY_PLACEMENTS);
const REASON_PREFIX = 'reason:';

/** The placements that began in the year, with the reason the episode before ended. */
const STARTED = `(
      SELECT *, prev_reason_place_change AS ended_reason FROM episode_history
      WHERE in_return AND decom BETWEEN year_start(return_year) AND year_end(return_year)
        AND rne IN ('S', 'P', 'T', 'U', 'B')
        AND coalesce(place, '') NOT IN ${TEMP} AND coalesce(prev_place, '') NOT IN ${TEMP}
        AND NOT (place IN ('A3', 'A5') AND rne IN ('T', 'U')))`;

export const placementsStartedPack: PackDefinition = {
  id: 'placements-started',
  title: 'Placements started and placement moves',
  section: 'Legal status and placements',
  timing: 'flow',
  chart: 'grouped-bar',
  definition:
    'Placements that began during the year, for every child looked after in the year (short breaks excluded): each episode beginning ' +
    'in the year with RNE S, P, T, U or B, except a temporary placement (T0-T4) and the return from it, and a move to adoption with the ' +
    'same carers (A3/A5 with RNE T or U) - the rules the placement-stability pack counts by. DfE counts placements, not children. A ' +
    'placement beginning a period of care (RNE S) is a first placement; the others are moves, split by the REASON_PLACE_CHANGE recorded ' +
    'on the episode that ended. No DfE comparator is shown: DfE publishes new placements by location and distance from home, ' +
    'which it works out from postcodes with the ONS Postcode Directory (not in the returns), and its counts of new placements and ' +
    'placement changes do not say whether they follow these rules for temporary placements (How we compare shows its figures).',
  base: 'Placements started in the year; reasons: placement moves.',
  unit: PLACEMENT,
  ageOn: [{ date: 'm.placement_start', words: 'the day the placement started' }],
  ...keyedBy(() => ({
    from: `(
      SELECT h.*, hd.dob, sex_key(hd.sex) AS sex, age_on(hd.dob, h.decom) AS age_at_placement
      FROM ${STARTED} h
      LEFT JOIN child_header hd ON hd.return_year = h.return_year AND hd.child = h.child) p`,
    countFrom: `${STARTED} p`,
    keys: `CASE WHEN rne = 'S' THEN ['first-placement'] ELSE ['moves', '${REASON_PREFIX}' || code_key(ended_reason)] END`,
    keyColumns: ['rne', 'ended_reason'],
    details: 'child, dob, sex, decom AS placement_start, age_at_placement, rne, ls AS legal_status, place AS placement, place_provider AS provider, ended_reason AS reason_previous_placement_ended',
  })),
  rows: [
    { key: 'first-placement', label: 'First placement of a period of care (RNE S)', group: null, role: 'measure' },
    // The base of the reasons below, which are the table's categories.
    { key: 'moves', label: 'Placement moves (base of the reasons)', group: null, role: 'base' },
    ...codeRows(REASON_PLACE_CHANGE, { prefix: REASON_PREFIX, dimension: 'reason' }).map((r) => ({
      ...r,
      group: 'Reason the previous placement ended',
      base: { key: 'moves' } as const,
      optional: true,
    })),
    { key: `${REASON_PREFIX}blank`, label: 'Reason not recorded (blank)', group: 'Reason the previous placement ended', base: { key: 'moves' }, optional: true, dimension: 'reason' },
  ],
  extraRow: (key) => ({ ...unknownCodeRow(REASON_PLACE_CHANGE, key, { prefix: REASON_PREFIX, dimension: 'reason' }), group: 'Reason the previous placement ended', base: { key: 'moves' } }),
  total: true,
  // First placements and moves add up to it; the reasons are a breakdown of the moves.
  totalLabel: 'Placements started in the year (first placements and moves)',
  percent: true,
  additive: false,
  extraSuppressionSets: (keys) => [
    { parent: TOTAL, members: ['first-placement', 'moves'] },
    { parent: 'moves', members: keys.filter((k) => k.startsWith(REASON_PREFIX)) },
  ],
  commentary: ({ result }) => {
    const year = latestYear(result);
    if (year === null) return [];
    const total = cellOf(result, null, year);
    const moves = cellOf(result, 'moves', year);
    if (!isShown(total)) return suppressionNote(result);
    const out = [sentence(`During ${flowLabel(year)}, ${countOf(total.count, PLACEMENT)} began${isShown(moves) ? `, ${countOf(moves.count, { one: 'placement move', many: 'placement moves' })} among them` : ''}`)];
    out.push(
      ...describeDistribution(result, {
        timing: 'flow',
        phrase: (row) => `moves for the reason "${row.label.toLowerCase()}"`,
        largest: 'the most common',
        baseKey: 'moves',
      }).slice(0, 1),
    );
    return [...out, ...suppressionNote(result)];
  },
};
