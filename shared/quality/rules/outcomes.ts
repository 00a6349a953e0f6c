/**
 * DfE rules on the outcome files: OC2 (looked after 12 months at 31 March), OC3 (care leavers) and
 * AD1 (adoptions), and on reviews.
 */
import { ACCOM, ACTIV, IN_TOUCH, LS_ADOPTR, NB_ADOPTR, REVIEW_CODE, SDQ_REASON, SEX_ADOPTR, YES_NO } from '../../domain/codes.js';
import type { QualityRule } from '../rule.js';
import { codeRule } from './codeRule.js';
import { anyBlank, anyFilled, birthday, CLA_12_MONTHS, END, ONLY_SHORT_BREAKS, sameChild, START, validCode } from './sql.js';

const OC2_ITEMS = ['convicted', 'health_check', 'immunisations', 'teeth_check', 'health_assessment', 'substance_misuse', 'intervention_received', 'intervention_offered'];
const OC2_FIELDS = OC2_ITEMS.map((c) => c.toUpperCase());
const OC3_ITEMS = ['in_touch', 'activ', 'accom'];
export const AD1_ITEMS = ['date_int', 'date_match', 'foster_care', 'nb_adoptr', 'sex_adoptr', 'ls_adoptr'];

/** Episodes that make the fixture child looked after continuously since before the year. */
const LONG_STAY = { episodes: [{ DECOM: '2021-06-01' }] };
const ALL_OC2 = Object.fromEntries(OC2_FIELDS.map((f) => [f, '0']));

function requiredCode(code: string, field: string, message: string, list: Parameters<typeof validCode>[0], good: string, bad: string): QualityRule {
  return {
    code,
    message,
    table: 'oc3',
    fields: [field],
    when: `NOT ${validCode(list, `t.${field.toLowerCase()}`)}`,
    pass: { tables: { oc3: [{ IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'B1', [field]: good }] } },
    fail: { tables: { oc3: [{ IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'B1', [field]: bad }] } },
  };
}

export const REVIEW_RULES: QualityRule[] = [
  {
    code: '167',
    message: 'Participation in the review is not valid or is blank.',
    table: 'reviews',
    fields: ['REVIEW', 'REVIEW_CODE'],
    when: `(t.review IS NOT NULL AND NOT ${validCode(REVIEW_CODE, 't.review_code')}) OR (t.review IS NULL AND t.review_code IS NOT NULL)`,
    pass: { tables: { reviews: [{ REVIEW_CODE: 'PN7' }] } },
    fail: { tables: { reviews: [{ REVIEW_CODE: null }] } },
  },
  {
    code: '440',
    message: 'Participation is coded PN0 (child under 4), but the child was over 4 at the review by the date of birth.',
    table: 'reviews',
    fields: ['DOB', 'REVIEW', 'REVIEW_CODE'],
    when: `t.review_code = 'PN0' AND t.review > ${birthday('t.dob', 4)}`,
    pass: { tables: { reviews: [{ DOB: '2018-11-15', REVIEW_CODE: 'PN0' }] } },
    fail: { tables: { reviews: [{ DOB: '2018-11-14', REVIEW_CODE: 'PN0' }] } },
  },
  {
    code: '441',
    message: 'Participation is coded for a child aged 4 or over, but the child was under 4 at the review by the date of birth.',
    table: 'reviews',
    fields: ['DOB', 'REVIEW', 'REVIEW_CODE'],
    when: `t.review_code IN ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7') AND t.review < ${birthday('t.dob', 4)}`,
    pass: { tables: { reviews: [{ DOB: '2018-11-15', REVIEW_CODE: 'PN1' }] } },
    fail: { tables: { reviews: [{ DOB: '2018-11-16', REVIEW_CODE: 'PN1' }] } },
  },
  ...shortBreakRecords(),
];

/**
 * DfE 399: a child whose every episode is a short break (V3, V4) has no mother status, reviews or
 * participation recorded; the Header row, the reviews and the episodes are each reported.
 */
function shortBreakRecords(): QualityRule[] {
  const message = 'Mother status, a review or participation is recorded, but the child is looked after only under short breaks (V3 or V4).';
  const hasMother = sameChild('header', 'h', 'h.mother IS NOT NULL');
  const hasReview = sameChild('reviews', 'r', 'r.review IS NOT NULL OR r.review_code IS NOT NULL');
  const shortBreaks = { episodes: [{ LS: 'V3', DEC: '2022-06-03', REC: 'E13' }] };
  const rule = (table: 'reviews' | 'header' | 'episodes', fields: string[], recorded: string): QualityRule => ({
    code: '399',
    message,
    table,
    fields,
    when: `${ONLY_SHORT_BREAKS} AND (${recorded})`,
    pass: { tables: { ...shortBreaks, header: [{ MOTHER: null }], reviews: [] } },
    fail: { tables: { ...shortBreaks, header: [{ MOTHER: null }] } },
  });
  return [
    rule('reviews', ['REVIEW', 'REVIEW_CODE', 'MOTHER', 'LS'], `${hasMother} OR t.review IS NOT NULL OR t.review_code IS NOT NULL`),
    rule('header', ['MOTHER', 'REVIEW', 'REVIEW_CODE', 'LS'], `t.mother IS NOT NULL OR ${hasReview}`),
    rule('episodes', ['LS', 'MOTHER', 'REVIEW', 'REVIEW_CODE'], `${hasMother} OR ${hasReview}`),
  ];
}

/** The four health items every child looked after for 12 months has. */
const HEALTH_ITEMS = ['immunisations', 'teeth_check', 'health_assessment', 'substance_misuse'];

export const OC2_RULES: QualityRule[] = [
  {
    code: '185',
    message: 'Child has not been looked after for 12 months at 31 March, but a Strengths and Difficulties (SDQ) score is given.',
    table: 'oc2',
    fields: ['SDQ_SCORE'],
    when: `t.sdq_score IS NOT NULL AND NOT ${CLA_12_MONTHS}`,
    needs: ['episodes'],
    pass: { tables: { ...LONG_STAY, oc2: [{ ...ALL_OC2, SDQ_SCORE: 12 }] } },
    fail: { tables: { oc2: [{ SDQ_SCORE: 12 }] } },
  },
  {
    code: '197a',
    message: 'A Strengths and Difficulties (SDQ) score is given, so no reason for not having one is needed.',
    table: 'oc2',
    fields: ['SDQ_SCORE', 'SDQ_REASON'],
    when: `t.sdq_score IS NOT NULL AND t.sdq_reason IS NOT NULL`,
    pass: { tables: { oc2: [{ SDQ_SCORE: 12 }] } },
    fail: { tables: { oc2: [{ SDQ_SCORE: 12, SDQ_REASON: 'SDQ4' }] } },
  },
  {
    code: '197B',
    message: 'Child turned 4 or 17 during the year and was looked after for 12 months, but neither an SDQ score nor a reason for none is given.',
    table: 'oc2',
    fields: ['SDQ_SCORE', 'SDQ_REASON', 'DOB'],
    when: `(${birthday('t.dob', 4)} BETWEEN ${START} AND ${END} OR ${birthday('t.dob', 17)} BETWEEN ${START} AND ${END})
      AND ${CLA_12_MONTHS} AND t.sdq_score IS NULL AND t.sdq_reason IS NULL`,
    pass: { tables: { ...LONG_STAY, oc2: [{ ...ALL_OC2, DOB: '2018-06-01', SDQ_REASON: 'SDQ1' }] } },
    fail: { tables: { ...LONG_STAY, oc2: [{ ...ALL_OC2, DOB: '2018-06-01' }] } },
  },
  {
    code: '542',
    message: 'Child is aged under 10 at 31 March, so conviction should be left blank.',
    table: 'oc2',
    fields: ['CONVICTED', 'DOB'],
    when: `${birthday('t.dob', 10)} > ${END} AND t.convicted IS NOT NULL`,
    pass: { tables: { oc2: [{ DOB: '2013-03-31', CONVICTED: '0' }] } },
    fail: { tables: { oc2: [{ DOB: '2013-04-01', CONVICTED: '0' }] } },
  },
  {
    code: '543',
    message: 'Child is aged 10 or over at 31 March and looked after for 12 months, but conviction is blank.',
    table: 'oc2',
    fields: ['CONVICTED', 'DOB'],
    when: `${END} > ${birthday('t.dob', 10)} AND ${CLA_12_MONTHS} AND t.convicted IS NULL`,
    pass: { tables: { ...LONG_STAY, oc2: [{ ...ALL_OC2 }] } },
    fail: { tables: { ...LONG_STAY, oc2: [{ ...ALL_OC2, CONVICTED: null }] } },
  },
  {
    code: '544',
    message: 'A conviction is recorded, so immunisations, teeth check, health assessment and substance misuse must all be completed.',
    table: 'oc2',
    fields: ['CONVICTED', 'IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE'],
    when: `t.convicted = '1' AND ${anyBlank(HEALTH_ITEMS)}`,
    pass: { tables: { oc2: [{ ...ALL_OC2, CONVICTED: '1' }] } },
    fail: { tables: { oc2: [{ ...ALL_OC2, CONVICTED: '1', IMMUNISATIONS: null }] } },
  },
  {
    code: '545',
    message: 'Child is aged under 5 at 31 March and looked after for 12 months, but the health check (health promotion) item is blank.',
    table: 'oc2',
    fields: ['HEALTH_CHECK', 'DOB'],
    when: `${END} < ${birthday('t.dob', 5)} AND ${CLA_12_MONTHS} AND t.health_check IS NULL`,
    pass: { tables: { ...LONG_STAY, oc2: [{ ...ALL_OC2, DOB: '2019-01-01', CONVICTED: null }] } },
    fail: { tables: { ...LONG_STAY, oc2: [{ ...ALL_OC2, DOB: '2019-01-01', CONVICTED: null, HEALTH_CHECK: null }] } },
  },
  {
    code: '546',
    message: 'Child is aged 5 or over at 31 March, so the health check (health promotion) item should be left blank.',
    table: 'oc2',
    fields: ['HEALTH_CHECK', 'DOB'],
    when: `${END} >= ${birthday('t.dob', 5)} AND ${CLA_12_MONTHS} AND t.health_check IS NOT NULL`,
    pass: { tables: { ...LONG_STAY, oc2: [{ ...ALL_OC2, HEALTH_CHECK: null }] } },
    fail: { tables: { ...LONG_STAY, oc2: [{ ...ALL_OC2 }] } },
  },
  {
    code: '547',
    message: 'A health check (health promotion) is recorded, so immunisations, teeth check, health assessment and substance misuse must all be completed.',
    table: 'oc2',
    fields: ['HEALTH_CHECK', 'IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE'],
    when: `t.health_check = '1' AND ${anyBlank(HEALTH_ITEMS)}`,
    pass: { tables: { oc2: [{ ...ALL_OC2, HEALTH_CHECK: '1' }] } },
    fail: { tables: { oc2: [{ ...ALL_OC2, HEALTH_CHECK: '1', TEETH_CHECK: null }] } },
  },
  {
    code: '159',
    message: 'A substance misuse problem is recorded and no intervention was received, but whether one was offered is blank.',
    table: 'oc2',
    fields: ['SUBSTANCE_MISUSE', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'],
    when: `t.substance_misuse = '1' AND t.intervention_received = '0' AND t.intervention_offered IS NULL`,
    pass: { tables: { oc2: [{ SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '0', INTERVENTION_OFFERED: '1' }] } },
    fail: { tables: { oc2: [{ SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '0' }] } },
  },
  {
    code: '215',
    message: 'Child has care leaver (OC3) information, so items for children looked after for 12 months (OC2) should be blank.',
    table: 'oc2',
    fields: OC2_FIELDS,
    when: `${anyFilled(OC2_ITEMS)} AND ${sameChild('oc3', 'o', 'o.in_touch IS NOT NULL OR o.activ IS NOT NULL OR o.accom IS NOT NULL')}`,
    pass: { tables: { oc2: [{ ...ALL_OC2 }], oc3: [{ IN_TOUCH: null, ACTIV: null, ACCOM: null }] } },
    fail: { tables: { oc2: [{ ...ALL_OC2 }], oc3: [{ IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'B1' }] } },
  },
  codeRule('196', 'oc2', 'SDQ_REASON', 'Reason for no Strengths and Difficulties (SDQ) score is not a valid code.', SDQ_REASON, 'SDQ2', 'SDQ9'),
  {
    code: '158',
    message: 'An intervention for substance misuse was received, so whether one was offered should be left blank.',
    table: 'oc2',
    fields: ['INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'],
    when: `t.intervention_received = '1' AND t.intervention_offered IS NOT NULL`,
    pass: { tables: { oc2: [{ SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '1' }] } },
    fail: { tables: { oc2: [{ SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '1', INTERVENTION_OFFERED: '0' }] } },
  },
  {
    code: '180',
    message: 'Strengths and Difficulties (SDQ) score is not a whole number from 0 to 40.',
    table: 'oc2',
    fields: ['SDQ_SCORE'],
    when: `t.sdq_score IS NOT NULL AND t.sdq_score NOT BETWEEN 0 AND 40`,
    pass: { tables: { oc2: [{ SDQ_SCORE: 40 }] } },
    fail: { tables: { oc2: [{ SDQ_SCORE: 41 }] } },
  },
  {
    code: '181',
    message: 'Items for children looked after for 12 months should be 0 or 1.',
    table: 'oc2',
    fields: OC2_FIELDS,
    when: `(${OC2_ITEMS.map((c) => `(t.${c} IS NOT NULL AND NOT ${validCode(YES_NO, `t.${c}`)})`).join(' OR ')})`,
    pass: { tables: { oc2: [{ CONVICTED: '1' }] } },
    fail: { tables: { oc2: [{ CONVICTED: '2' }] } },
  },
  {
    code: '182',
    message: 'Immunisations, teeth check, health assessment and substance misuse should all be completed, or all OC2 items left blank.',
    table: 'oc2',
    fields: OC2_FIELDS,
    when: `${anyBlank(['immunisations', 'teeth_check', 'health_assessment', 'substance_misuse'])} AND ${anyFilled(['convicted', 'health_check', 'intervention_received', 'intervention_offered'])}`,
    pass: { tables: { oc2: [{ CONVICTED: '0', IMMUNISATIONS: '1', TEETH_CHECK: '1', HEALTH_ASSESSMENT: '1', SUBSTANCE_MISUSE: '0' }] } },
    fail: { tables: { oc2: [{ CONVICTED: '0', IMMUNISATIONS: '1' }] } },
  },
  {
    code: '188',
    message: 'Child is aged under 4 at the end of the year, but an SDQ score or a reason for no score is given.',
    table: 'oc2',
    fields: ['DOB', 'SDQ_SCORE', 'SDQ_REASON'],
    when: `${birthday('t.dob', 4)} > ${END} AND (t.sdq_score IS NOT NULL OR t.sdq_reason IS NOT NULL)`,
    pass: { tables: { oc2: [{ DOB: '2019-03-31', SDQ_SCORE: 10 }] } },
    fail: { tables: { oc2: [{ DOB: '2019-04-01', SDQ_SCORE: 10 }] } },
  },
  {
    code: '189',
    message: 'Child is aged 17 or over at the start of the year, but an SDQ score or a reason for no score is given.',
    table: 'oc2',
    fields: ['DOB', 'SDQ_SCORE', 'SDQ_REASON'],
    when: `${birthday('t.dob', 17)} <= ${START} AND (t.sdq_score IS NOT NULL OR t.sdq_reason IS NOT NULL)`,
    pass: { tables: { oc2: [{ DOB: '2005-04-02', SDQ_SCORE: 10 }] } },
    fail: { tables: { oc2: [{ DOB: '2005-04-01', SDQ_SCORE: 10 }] } },
  },
  {
    code: '192',
    message: 'A substance misuse problem is recorded, but whether an intervention was received is blank.',
    table: 'oc2',
    fields: ['SUBSTANCE_MISUSE', 'INTERVENTION_RECEIVED'],
    when: `t.substance_misuse = '1' AND t.intervention_received IS NULL`,
    pass: { tables: { oc2: [{ SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '0', INTERVENTION_OFFERED: '1' }] } },
    fail: { tables: { oc2: [{ SUBSTANCE_MISUSE: '1' }] } },
  },
  {
    code: '193',
    message: 'No substance misuse problem is recorded, but whether an intervention was offered or received is completed.',
    table: 'oc2',
    fields: ['SUBSTANCE_MISUSE', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'],
    when: `coalesce(t.substance_misuse, '0') = '0' AND (t.intervention_received IS NOT NULL OR t.intervention_offered IS NOT NULL)`,
    pass: { tables: { oc2: [{ SUBSTANCE_MISUSE: '0' }] } },
    fail: { tables: { oc2: [{ SUBSTANCE_MISUSE: '0', INTERVENTION_RECEIVED: '0' }] } },
  },
  {
    code: '157',
    message: 'Child is aged 4 to 16 and looked after for 12 months, but SDQ1 (too young or too old) is given as the reason for no SDQ score.',
    table: 'oc2',
    fields: ['SDQ_REASON', 'DOB'],
    when: `${CLA_12_MONTHS} AND ${birthday('t.dob', 4)} <= ${START} AND ${birthday('t.dob', 16)} >= ${END} AND t.sdq_score IS NULL AND t.sdq_reason = 'SDQ1'`,
    pass: { tables: { ...LONG_STAY, oc2: [{ ...ALL_OC2, SDQ_REASON: 'SDQ2' }] } },
    fail: { tables: { ...LONG_STAY, oc2: [{ ...ALL_OC2, SDQ_REASON: 'SDQ1' }] } },
  },
  {
    code: '186',
    message: 'Child is aged 4 to 16 and looked after for 12 months, but neither an SDQ score nor a reason for none is given.',
    table: 'oc2',
    fields: ['SDQ_SCORE', 'SDQ_REASON', 'DOB'],
    when: `${CLA_12_MONTHS} AND ${birthday('t.dob', 4)} <= ${START} AND ${birthday('t.dob', 17)} > ${END} AND t.sdq_score IS NULL AND t.sdq_reason IS NULL`,
    pass: { tables: { ...LONG_STAY, oc2: [{ ...ALL_OC2, SDQ_SCORE: 12 }] } },
    fail: { tables: { ...LONG_STAY, oc2: [{ ...ALL_OC2 }] } },
  },
  {
    code: '190',
    message: 'Child has not been looked after for 12 months at 31 March, but items for such children are completed.',
    table: 'oc2',
    fields: OC2_FIELDS,
    when: `NOT ${CLA_12_MONTHS} AND ${anyFilled(OC2_ITEMS)}`,
    needs: ['episodes'],
    pass: { tables: { ...LONG_STAY, oc2: [{ ...ALL_OC2, SDQ_SCORE: 12 }] } },
    fail: { tables: { oc2: [{ ...ALL_OC2 }] } },
  },
  {
    code: '191',
    message: 'Child has been looked after for 12 months at 31 March, but immunisations, teeth check, health assessment or substance misuse is blank.',
    table: 'oc2',
    fields: ['IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE'],
    when: `${CLA_12_MONTHS} AND ${anyBlank(['immunisations', 'teeth_check', 'health_assessment', 'substance_misuse'])}`,
    pass: { tables: { ...LONG_STAY, oc2: [{ ...ALL_OC2, SDQ_SCORE: 12 }] } },
    fail: { tables: { ...LONG_STAY, oc2: [{ ...ALL_OC2, TEETH_CHECK: null, SDQ_SCORE: 12 }] } },
  },
  {
    code: '198',
    message: 'Child has not been looked after for 12 months at 31 March, but a reason for no SDQ score is given.',
    table: 'oc2',
    fields: ['SDQ_REASON'],
    when: `t.sdq_reason IS NOT NULL AND NOT ${CLA_12_MONTHS}`,
    needs: ['episodes'],
    pass: { tables: { ...LONG_STAY, oc2: [{ ...ALL_OC2, SDQ_REASON: 'SDQ2' }] } },
    fail: { tables: { oc2: [{ SDQ_REASON: 'SDQ2' }] } },
  },
];

/** A care leaver with every OC3 item filled. */
const OC3_ROW = { DOB: '2004-05-01', IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'B1' };

export const OC3_RULES: QualityRule[] = [
  {
    code: '215',
    message: 'Child has care leaver (OC3) information, so items for children looked after for 12 months (OC2) should be blank.',
    table: 'oc3',
    fields: OC3_ITEMS.map((c) => c.toUpperCase()),
    when: `${anyFilled(OC3_ITEMS)} AND ${sameChild('oc2', 'o', OC2_ITEMS.map((c) => `o.${c} IS NOT NULL`).join(' OR '))}`,
    pass: { tables: { oc2: [{ CONVICTED: null }], oc3: [OC3_ROW] } },
    fail: { tables: { oc2: [{ CONVICTED: '0' }], oc3: [OC3_ROW] } },
  },
  requiredCode('131', 'IN_TOUCH', 'Whether the authority is in touch with the care leaver is not valid.', IN_TOUCH, 'NREQ', 'MAYBE'),
  requiredCode('132', 'ACTIV', "Care leaver's activity is not valid.", ACTIV, 'G6', 'F3'),
  // No fixed abode (S) and custody (X) are never suitable: DfE's list has S2 and X2 but no S1 or X1.
  { ...requiredCode('133', 'ACCOM', "Care leaver's accommodation is not valid.", ACCOM, 'S2', 'S1'), when: `NOT ${validCode(ACCOM, 't.accom')} OR t.accom IN ('S1', 'X1')` },
  {
    code: '1007',
    message: 'Care leaver information is not needed for a 17- or 18-year-old who was still looked after on their latest birthday.',
    table: 'oc3',
    fields: ['IN_TOUCH', 'ACTIV', 'ACCOM', 'DOB'],
    when: `age_on(t.dob, ${END}) IN (17, 18) AND ${anyFilled(OC3_ITEMS)}
      AND ${sameChild('episodes', 'e', `e.decom <= CAST(t.dob + to_years(age_on(t.dob, ${END})) AS DATE) AND (e.dec IS NULL OR e.dec > CAST(t.dob + to_years(age_on(t.dob, ${END})) AS DATE))`)}`,
    pass: { tables: { episodes: [{ DECOM: '2021-06-01', DEC: '2022-05-01', REC: 'E8' }], oc3: [{ ...OC3_ROW, DOB: '2005-05-01' }] } },
    fail: { tables: { episodes: [{ DECOM: '2021-06-01', DEC: '2022-05-02', REC: 'E8' }], oc3: [{ ...OC3_ROW, DOB: '2005-05-01' }] } },
  },
  {
    code: '187',
    message: 'Child looked after for 12 months at 31 March (OC2) cannot also have care leaver (OC3) or adoption (AD1) items completed.',
    table: 'oc3',
    fields: OC3_ITEMS.map((c) => c.toUpperCase()),
    when: `${CLA_12_MONTHS} AND ${anyFilled(OC3_ITEMS)}`,
    pass: { tables: { oc3: [OC3_ROW] } },
    fail: { tables: { ...LONG_STAY, oc3: [OC3_ROW] } },
  },
];

/** An adoption with every AD1 item filled. */
export const AD1_ROW = { DATE_INT: '2022-05-01', DATE_MATCH: '2022-06-01', FOSTER_CARE: '0', NB_ADOPTR: '2', SEX_ADOPTR: 'MF', LS_ADOPTR: 'L0' };

export const AD1_RULES: QualityRule[] = [
  codeRule('114', 'ad1', 'FOSTER_CARE', 'Whether the adopters were the former foster carers is not valid.', YES_NO, '1', '2'),
  codeRule('175', 'ad1', 'NB_ADOPTR', 'Number of adopters is not a valid code.', NB_ADOPTR, '1', '0'),
  codeRule('176', 'ad1', 'SEX_ADOPTR', 'Sex of adopter(s) is not a valid code.', SEX_ADOPTR, 'FF', 'M2'),
  codeRule('177', 'ad1', 'LS_ADOPTR', 'Legal status of adopter(s) is not a valid code.', LS_ADOPTR, 'L12', 'L1'),
  {
    code: '151',
    message: 'All the items about a child\'s adoption must be completed, or all left blank.',
    table: 'ad1',
    fields: AD1_ITEMS.map((c) => c.toUpperCase()),
    when: `${anyFilled(AD1_ITEMS)} AND ${anyBlank(AD1_ITEMS)}`,
    pass: { tables: { ad1: [AD1_ROW] } },
    fail: { tables: { ad1: [{ ...AD1_ROW, LS_ADOPTR: null }] } },
  },
  {
    code: '134',
    message: 'Adoption (AD1) items should not be completed for a care leaver (OC3).',
    table: 'ad1',
    fields: [...AD1_ITEMS, ...OC3_ITEMS].map((c) => c.toUpperCase()),
    when: `${anyFilled(AD1_ITEMS)} AND ${sameChild('oc3', 'o', 'o.in_touch IS NOT NULL OR o.activ IS NOT NULL OR o.accom IS NOT NULL')}`,
    pass: { tables: { ad1: [AD1_ROW] } },
    fail: { tables: { ad1: [AD1_ROW], oc3: [OC3_ROW] } },
  },
  {
    code: '187',
    message: 'Child looked after for 12 months at 31 March (OC2) cannot also have care leaver (OC3) or adoption (AD1) items completed.',
    table: 'ad1',
    fields: AD1_ITEMS.map((c) => c.toUpperCase()),
    when: `${CLA_12_MONTHS} AND ${anyFilled(AD1_ITEMS)}`,
    pass: { tables: { ad1: [AD1_ROW] } },
    fail: { tables: { ...LONG_STAY, ad1: [AD1_ROW] } },
  },
];
