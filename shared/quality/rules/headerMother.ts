/**
 * DfE rules on the Header file: the date of birth, the UPN, motherhood (MOTHER, MC_DOB) and
 * whether the child has episodes, each against the child's episodes and last year's Header where
 * DfE's rule compares them.
 */
import type { QualityRule } from '../rule.js';
import { anyEpisode } from './episodeSql.js';
import { birthday, END, lastYear, START } from './sql.js';

const FEMALE = `sex_key(t.sex) = 'female'`;
const UN_CODES = `('UN1', 'UN2', 'UN3', 'UN4', 'UN5')`;
/** A UPN: a check letter (not I, O or S), then 12 digits or 11 digits and a letter; or an "unknown" code UN1-UN5. */
const UPN_PATTERN = '^([A-HJ-NP-RT-Z]([0-9]{12}|[0-9]{11}[A-Z])|UN[1-5])$';
/** Not a short break (blank counts as not one, as the validator reads it). */
const NOT_SHORT_BREAK = (a: string) => `coalesce(upper(${a}.ls) NOT IN ('V3', 'V4'), true)`;

/** A girl of the fixture's age who is a mother, with her child's date of birth. */
const MOTHER = { SEX: '2', DOB: '2006-05-01', MOTHER: '1', MC_DOB: '2022-08-01' };

export const HEADER_CHILD_RULES: QualityRule[] = [
  {
    code: '351',
    message: 'The child was over 21 at the start of the collection year.',
    table: 'header',
    fields: ['DOB'],
    when: `${START} > ${birthday('t.dob', 21)}`,
    pass: { tables: { header: [{ DOB: '2001-04-01' }] } },
    fail: { tables: { header: [{ DOB: '2001-03-31' }] } },
  },
  {
    code: '232',
    message: 'The sex of the child has been reported as unknown (U).',
    table: 'header',
    fields: ['SEX'],
    from: 2025,
    when: `upper(t.sex) = 'U'`,
    pass: { year: 2025, tables: { header: [{ SEX: 'M' }] } },
    fail: { year: 2025, tables: { header: [{ SEX: 'U' }] } },
  },
  {
    code: '231',
    message: 'The child is recorded as an unaccompanied asylum-seeking child but is under 11 at the end of the year: check the date of birth.',
    table: 'header',
    fields: ['DOB', 'UASC'],
    from: 2025,
    when: `t.uasc = '1' AND t.dob > CAST(${END} - INTERVAL 11 YEAR AS DATE)`,
    pass: { year: 2025, tables: { header: [{ SEX: 'M', UASC: '1', DOB: '2014-03-31' }] } },
    fail: { year: 2025, tables: { header: [{ SEX: 'M', UASC: '1', DOB: '2014-04-01' }] } },
  },
  {
    code: 'EPI',
    message: 'The child has no episodes (and no care leaver information): episodes are needed before the child can be checked further.',
    table: 'header',
    fields: ['CHILD'],
    when: `NOT ${anyEpisode('true')} AND NOT EXISTS (SELECT 1 FROM oc3 o WHERE o.return_year = t.return_year AND o.child = t.child)`,
    pass: { tables: {} },
    fail: { tables: { episodes: [] } },
  },
  {
    code: '168',
    message: 'The Unique Pupil Number (UPN) is not valid; if it is not known, it should be UN1, UN2, UN3, UN4 or UN5.',
    table: 'header',
    fields: ['UPN'],
    when: `t.upn IS NOT NULL AND NOT regexp_full_match(t.upn, '${UPN_PATTERN}')`,
    pass: { tables: { header: [{ UPN: 'UN3' }] } },
    fail: { tables: { header: [{ UPN: 'I123456789012' }] } },
  },
  {
    code: '442',
    message: 'The Unique Pupil Number (UPN) is missing for a child looked after other than on short breaks.',
    table: 'header',
    fields: ['UPN'],
    when: `t.upn IS NULL AND ${anyEpisode(NOT_SHORT_BREAK('e'))}`,
    pass: { tables: { header: [{ UPN: null }], episodes: [{ LS: 'V3', DEC: '2022-06-05', REC: 'E13' }] } },
    fail: { tables: { header: [{ UPN: null }] } },
  },
  {
    code: '209',
    message: 'The child is of school age, so the UPN should not be UN1 (not of school age).',
    table: 'header',
    fields: ['UPN', 'DOB'],
    // School age: 4 by 31 August of the year before the collection year starts.
    when: `t.upn = 'UN1' AND make_date(t.return_year - 2, 8, 31) >= ${birthday('t.dob', 4)}`,
    pass: { tables: { header: [{ UPN: 'UN1', DOB: '2017-09-01' }] } },
    fail: { tables: { header: [{ UPN: 'UN1', DOB: '2017-08-31' }] } },
  },
  {
    code: '210',
    message: 'The child was looked after for more than a week at 31 March, so the UPN should not be UN4 (newly looked after).',
    table: 'header',
    fields: ['UPN'],
    when: `t.upn = 'UN4' AND ${anyEpisode(`e.decom >= make_date(t.return_year, 3, 24)`)}`,
    pass: { tables: { header: [{ UPN: 'UN4' }], episodes: [{ DECOM: '2023-03-23' }] } },
    fail: { tables: { header: [{ UPN: 'UN4' }], episodes: [{ DECOM: '2023-03-24' }] } },
  },
  {
    code: '210',
    message: 'The child was looked after for more than a week at 31 March, so the UPN should not be UN4 (newly looked after).',
    table: 'episodes',
    fields: ['DECOM'],
    when: `t.decom >= make_date(t.return_year, 3, 24) AND EXISTS (SELECT 1 FROM header h WHERE h.return_year = t.return_year AND h.child = t.child AND h.upn = 'UN4')`,
    pass: { tables: { header: [{ UPN: 'UN4' }], episodes: [{ DECOM: '2023-03-23' }] } },
    fail: { tables: { header: [{ UPN: 'UN4' }], episodes: [{ DECOM: '2023-03-24' }] } },
  },
  {
    code: '208',
    message: "The UPN differs from the UPN already recorded for this child last year.",
    table: 'header',
    fields: ['UPN'],
    previousYear: true,
    // Allowed: unknown (blank or UN1) becoming UN2-UN5, and any unknown becoming a real UPN.
    when: lastYear('header', `upper(coalesce(p.upn, '')) <> upper(coalesce(t.upn, ''))
      AND NOT ((upper(p.upn) = 'UN1' OR p.upn IS NULL) AND upper(t.upn) IN ('UN2', 'UN3', 'UN4', 'UN5'))
      AND NOT ((upper(p.upn) IN ${UN_CODES} OR p.upn IS NULL) AND NOT (upper(t.upn) IN ${UN_CODES} OR t.upn IS NULL))`),
    pass: { tables: {}, previous: { header: [{ UPN: 'UN1' }] } },
    fail: { tables: {}, previous: { header: [{ UPN: 'A123456789099' }] } },
  },
  {
    code: '393',
    message: 'The child is looked after (other than on short breaks) but whether she is a mother is not recorded.',
    table: 'header',
    fields: ['MOTHER'],
    when: `${FEMALE} AND t.mother IS NULL AND ${anyEpisode(NOT_SHORT_BREAK('e'))}`,
    pass: { tables: { header: [{ SEX: '2', MOTHER: '0' }] } },
    fail: { tables: { header: [{ SEX: '2', MOTHER: null }] } },
  },
  {
    code: '607',
    message: 'The child ceased to be looked after in the year, but whether she is a mother is not recorded.',
    table: 'header',
    fields: ['MOTHER', 'SEX'],
    when: `${FEMALE} AND t.mother IS NULL AND ${anyEpisode(`e.dec BETWEEN ${START} AND ${END} AND e.rec <> 'X1' AND ${NOT_SHORT_BREAK('e')}`)}`,
    pass: { tables: { header: [{ SEX: '2', MOTHER: '0' }], episodes: [{ DEC: '2022-09-01', REC: 'E13' }] } },
    fail: { tables: { header: [{ SEX: '2', MOTHER: null }], episodes: [{ DEC: '2022-09-01', REC: 'E13' }] } },
  },
  {
    code: '607',
    message: 'The child ceased to be looked after in the year, but whether she is a mother is not recorded.',
    table: 'episodes',
    fields: ['DEC', 'REC', 'LS'],
    when: `t.dec BETWEEN ${START} AND ${END} AND t.rec <> 'X1' AND ${NOT_SHORT_BREAK('t')}
      AND EXISTS (SELECT 1 FROM header h WHERE h.return_year = t.return_year AND h.child = t.child AND sex_key(h.sex) = 'female' AND h.mother IS NULL)`,
    pass: { tables: { header: [{ SEX: '2', MOTHER: '0' }], episodes: [{ DEC: '2022-09-01', REC: 'E13' }] } },
    fail: { tables: { header: [{ SEX: '2', MOTHER: null }], episodes: [{ DEC: '2022-09-01', REC: 'E13' }] } },
  },
  {
    code: '165',
    message: 'Mother status is not valid: it must be 0 or 1, given only for girls, and given for every girl looked after in the year.',
    table: 'header',
    fields: ['MOTHER', 'SEX'],
    // As the validator: children with an episode other than a short break; "in the year" is an episode overlapping it.
    when: `${anyEpisode(NOT_SHORT_BREAK('e'))} AND (
      (t.mother IS NOT NULL AND t.mother NOT IN ('0', '1'))
      OR (t.mother IS NOT NULL AND sex_key(t.sex) = 'male')
      OR (t.mother IS NULL AND ${FEMALE} AND ${anyEpisode(`${NOT_SHORT_BREAK('e')} AND coalesce(e.dec, ${END}) >= ${START} AND e.decom <= ${END}`)}))`,
    pass: { tables: { header: [{ SEX: '2', MOTHER: '0' }] } },
    fail: { tables: { header: [{ SEX: '1', MOTHER: '0' }] } },
  },
  {
    code: '611',
    message: "The child is recorded as a mother, but her child's date of birth is missing.",
    table: 'header',
    fields: ['MOTHER', 'MC_DOB'],
    when: `t.mother = '1' AND t.mc_dob IS NULL`,
    pass: { tables: { header: [MOTHER] } },
    fail: { tables: { header: [{ ...MOTHER, MC_DOB: null }] } },
  },
  {
    code: '612',
    message: "A date of birth of the mother's child is given, but the child is not recorded as a mother.",
    table: 'header',
    fields: ['SEX', 'MOTHER', 'MC_DOB'],
    when: `(t.mother = '0' OR t.mother IS NULL) AND ${FEMALE} AND t.mc_dob IS NOT NULL`,
    pass: { tables: { header: [MOTHER] } },
    fail: { tables: { header: [{ ...MOTHER, MOTHER: '0' }] } },
  },
  {
    code: '620',
    message: 'The child is recorded as a mother, but was under 11 at the start of the year.',
    table: 'header',
    fields: ['DOB', 'MOTHER'],
    when: `t.mother = '1' AND ${birthday('t.dob', 11)} > ${START}`,
    pass: { tables: { header: [{ ...MOTHER, DOB: '2011-04-01' }] } },
    fail: { tables: { header: [{ ...MOTHER, DOB: '2011-04-02' }] } },
  },
  {
    code: '621',
    message: "The mother's date of birth is not before her child's.",
    table: 'header',
    fields: ['DOB', 'MC_DOB'],
    when: `t.mc_dob IS NOT NULL AND NOT coalesce(t.mc_dob > t.dob, false)`,
    pass: { tables: { header: [MOTHER] } },
    fail: { tables: { header: [{ ...MOTHER, MC_DOB: '2006-05-01' }] } },
  },
  {
    code: '624',
    message: "The date of birth of the mother's first child differs from the one recorded last year.",
    table: 'header',
    fields: ['MC_DOB'],
    previousYear: true,
    when: lastYear('header', 'p.mc_dob IS NOT NULL AND p.mc_dob IS DISTINCT FROM t.mc_dob'),
    pass: { tables: { header: [MOTHER] }, previous: { header: [MOTHER] } },
    fail: { tables: { header: [MOTHER] }, previous: { header: [{ ...MOTHER, MC_DOB: '2021-08-01' }] } },
  },
  {
    code: '625',
    message: "The date of birth of the mother's first child is after the end of the year or after she ceased to be looked after.",
    table: 'header',
    fields: ['MC_DOB'],
    when: `${anyEpisode(`e.dec = (SELECT max(l.dec) FROM episodes l WHERE l.return_year = t.return_year AND l.child = t.child) AND (t.mc_dob > ${END} OR t.mc_dob > e.dec)`)}`,
    pass: { tables: { header: [MOTHER], episodes: [{ DEC: '2022-08-01', REC: 'E13' }] } },
    fail: { tables: { header: [MOTHER], episodes: [{ DEC: '2022-07-31', REC: 'E13' }] } },
  },
  {
    code: '625',
    message: "The date of birth of the mother's first child is after the end of the year or after she ceased to be looked after.",
    table: 'episodes',
    fields: ['DEC'],
    when: `t.dec = (SELECT max(l.dec) FROM episodes l WHERE l.return_year = t.return_year AND l.child = t.child)
      AND EXISTS (SELECT 1 FROM header h WHERE h.return_year = t.return_year AND h.child = t.child AND (h.mc_dob > ${END} OR h.mc_dob > t.dec))`,
    pass: { tables: { header: [MOTHER], episodes: [{ DEC: '2022-08-01', REC: 'E13' }] } },
    fail: { tables: { header: [MOTHER], episodes: [{ DEC: '2022-07-31', REC: 'E13' }] } },
  },
  {
    code: '626',
    message: "The child is a mother whose first child was born before this year, but last year she was recorded as not a mother.",
    table: 'header',
    fields: ['MOTHER', 'MC_DOB'],
    previousYear: true,
    when: `t.mother = '1' AND t.mc_dob < ${START} AND ${lastYear('header', `p.mother = '0'`)}`,
    pass: { tables: { header: [MOTHER] }, previous: { header: [{ ...MOTHER, MOTHER: '0', MC_DOB: null }] } },
    fail: { tables: { header: [{ ...MOTHER, MC_DOB: '2022-03-31' }] }, previous: { header: [{ ...MOTHER, MOTHER: '0', MC_DOB: null }] } },
  },
  {
    code: '628',
    message: 'Mother status is not needed for a care leaver who was not looked after during the year.',
    table: 'header',
    fields: ['MOTHER'],
    when: `t.mother IS NOT NULL AND NOT ${anyEpisode('true')}
      AND EXISTS (SELECT 1 FROM oc3 o WHERE o.return_year = t.return_year AND o.child = t.child AND (o.in_touch IS NOT NULL OR o.activ IS NOT NULL OR o.accom IS NOT NULL))`,
    pass: { tables: { header: [{ ...MOTHER, DOB: '2004-05-01', MOTHER: null, MC_DOB: null }], episodes: [], oc3: [{ IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'B1' }] } },
    fail: { tables: { header: [{ ...MOTHER, DOB: '2004-05-01', MOTHER: '0', MC_DOB: null }], episodes: [], oc3: [{ IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'B1' }] } },
  },
];
