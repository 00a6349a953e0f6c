/** Care leavers in the OC3 return: in touch, activity and accommodation. */
import { ACCOM, ACTIV, IN_TOUCH } from '../domain/codes.js';
import { flowLabel } from '../domain/years.js';
import { MIN_BASE_FOR_PERCENT, amountOf, baseCount, bracket, countOf, isShown, joinAnd, latestYear, pct, sentence, shareChange, suppressionNote } from './commentary.js';
import { codeRows, groupKeySql, keyedBy, unknownCodeRow } from './define.js';
import { TOTAL, type PackDefinition, type PackOptions } from './types.js';
import { cellOf, yearOnYear } from './yearOnYear.js';

const LEAVER = { one: 'care leaver', many: 'care leavers' };
const ACTIV_SUBTOTALS = ['eet', 'neet'];
const ACCOM_SUBTOTALS = ['suitable', 'not-suitable'];

/** DfE's basis: care leavers aged 19 to 21 (their 19th-21st birthday in the year, so that age on 31 March), without those who died or went home. */
const DFE_BASIS = 'dfe-19-21';
/** DfE's basis of suitable accommodation: the same, without those gone abroad, deported or whose residence is not known (ACCOM G, H, R). */
const DFE_SUITABILITY_BASIS = 'dfe-19-21-suitability';

function careLeaversFrom(o: PackOptions): string {
  const dfe = `age_on(dob, year_end(return_year)) BETWEEN 19 AND 21 AND coalesce(trim(in_touch), '') NOT IN ('DIED', 'RHOM')`;
  if (o.basis === DFE_BASIS) return `(SELECT * FROM child_oc3 WHERE ${dfe}) c`;
  if (o.basis === DFE_SUITABILITY_BASIS) return `(SELECT * FROM child_oc3 WHERE ${dfe} AND left(coalesce(trim(accom), ''), 1) NOT IN ('G', 'H', 'R')) c`;
  return 'child_oc3';
}

const DIMENSIONS = [
  { prefix: 'in-touch:', dimension: 'in-touch', list: IN_TOUCH, group: 'In touch with the local authority' },
  { prefix: 'activity:', dimension: 'activity', list: ACTIV, group: null },
  { prefix: 'accommodation:', dimension: 'accommodation', list: ACCOM, group: null },
] as const;

export const careLeaversPack: PackDefinition = {
  id: 'care-leavers',
  title: 'Care leavers',
  section: 'Leaving care',
  timing: 'flow',
  chart: 'grouped-bar',
  definition:
    'Care leavers with a record in the year\'s OC3 file (young people around their 17th to 21st birthdays), by whether the local ' +
    'authority is in touch (IN_TOUCH), their main activity (ACTIV; education, employment or training = F and P codes, not in education, ' +
    'employment or training = G4-G6) and their accommodation (ACCOM; the digit 1 means suitable, 2 not suitable). Each part adds up ' +
    'to all care leavers in the file. DfE publishes these measures for 19 to 21 year olds; this table covers everyone in the file unless ' +
    'DfE\'s basis is chosen: care leavers aged 19 to 21 on 31 March (those whose 19th, 20th or 21st birthday fell in the year), leaving ' +
    'out those who died or returned home (IN_TOUCH DIED, RHOM). On that basis, in touch and in education, employment or training are ' +
    'shown beside DfE\'s published figures (DfE also leaves out young people whose care was transferred to another authority, which the ' +
    'file does not show: a difference is flagged). DfE works out its share in suitable accommodation without young people who have ' +
    'gone abroad, been deported or whose residence is not known (ACCOM G, H, R): a third choice leaves them out too, and sets suitable ' +
    'accommodation beside DfE\'s figure (and nothing else: the other parts then have a smaller base than DfE\'s).',
  base: 'Care leavers in the OC3 file for the year (on DfE\'s bases: those aged 19 to 21, less those who died or returned home, and for suitability those gone abroad, deported or whose residence is not known).',
  unit: LEAVER,
  options: [
    {
      id: 'basis',
      label: 'Care leavers counted',
      choices: [
        { value: 'all', label: 'everyone in the OC3 file' },
        { value: DFE_BASIS, label: 'aged 19 to 21, less those who died or returned home (as DfE publishes)' },
        { value: DFE_SUITABILITY_BASIS, label: 'aged 19 to 21, less those who died, returned home, went abroad, were deported or whose residence is not known (as DfE publishes suitable accommodation)' },
      ],
      default: 'all',
    },
  ],
  ...keyedBy((o) => ({
    from: careLeaversFrom(o),
    keys: `key_list(['in-touch:' || code_key(in_touch),
        'activity:' || code_key(activ), ${groupKeySql(ACTIV, 'activ', ACTIV_SUBTOTALS, 'activity:')},
        'accommodation:' || code_key(accom), ${groupKeySql(ACCOM, 'accom', ACCOM_SUBTOTALS, 'accommodation:')}])`,
    keyColumns: ['in_touch', 'activ', 'accom'],
    details: 'child, dob, age_on(dob, year_end(return_year)) AS age_31_march, in_touch, activ AS activity, accom AS accommodation',
  })),
  rows: [
    ...codeRows(IN_TOUCH, { prefix: 'in-touch:', dimension: 'in-touch' }).map((r) => ({ ...r, group: 'In touch with the local authority' })),
    ...codeRows(ACTIV, { prefix: 'activity:', dimension: 'activity', subtotals: ACTIV_SUBTOTALS, optionalCode: () => true }),
    ...codeRows(ACCOM, { prefix: 'accommodation:', dimension: 'accommodation', subtotals: ACCOM_SUBTOTALS, optionalCode: () => true }),
  ],
  extraRow: (key) => {
    const d = DIMENSIONS.find((x) => key.startsWith(x.prefix));
    if (!d) return { key, label: key, group: null };
    return unknownCodeRow(d.list, key, { prefix: d.prefix, dimension: d.dimension, group: d.group });
  },
  total: true,
  // Each of the three parts adds up to it, not all the rows together.
  totalLabel: 'Care leavers in the OC3 file (each part adds up to this)',
  percent: true,
  additive: true,
  // Activity and accommodation are 0 exactly when the authority is not in touch (the OC3 guidance).
  extraSuppressionSets: (keys) =>
    ['activity:0', 'accommodation:0'].filter((k) => keys.includes(k)).map((k) => ({ parent: TOTAL, members: ['in-touch:YES', k], byGuidance: true })),
  // DfE's bases leave out those who died or went home: their rows would be 0 by construction.
  notApplicable: (o) =>
    o.basis === DFE_BASIS || o.basis === DFE_SUITABILITY_BASIS
      ? { keys: ['in-touch:DIED', 'in-touch:RHOM'], note: 'Died and Returned home: not applicable on DfE\'s basis, which leaves those young people out (shown as –, not 0).' }
      : null,
  commentary: ({ result, options }) => {
    const year = latestYear(result);
    if (year === null) return [];
    const base = baseCount(result, null, year);
    const who = options.basis === DFE_BASIS ? ' aged 19 to 21 (DfE\'s basis)' : options.basis === DFE_SUITABILITY_BASIS ? ' aged 19 to 21 (DfE\'s basis for suitable accommodation)' : '';
    if (base === null) return suppressionNote(result);
    if (base === 0) return [sentence(`There were no care leavers${who} in the OC3 return for ${flowLabel(year)}`)];
    const parts: string[] = [];
    for (const [key, words] of [
      ['in-touch:YES', 'were in touch with the local authority'],
      ['activity:eet', 'were in education, employment or training'],
      ['accommodation:suitable', 'were in suitable accommodation'],
    ] as const) {
      const cell = cellOf(result, key, year);
      if (!isShown(cell)) continue;
      if (base >= MIN_BASE_FOR_PERCENT && cell.percent != null) {
        const yoy = yearOnYear(result, key, year);
        const prevBase = yoy.previousYear === null ? null : baseCount(result, null, yoy.previousYear);
        parts.push(`${pct(cell.percent)} ${words}${bracket(shareChange(yoy, 'flow', prevBase))}`);
      } else parts.push(`${amountOf(cell, base)} ${words}`);
    }
    const out = parts.length ? [sentence(`Of the ${countOf(base, LEAVER)}${who} in the OC3 return for ${flowLabel(year)}, ${joinAnd(parts)}`)] : [];
    return [...out, ...suppressionNote(result)];
  },
};
