/**
 * DfE rules on an episode's placement: the ages some placements need, how long temporary
 * placements may last, which providers fit which placements, the reason for a placement change,
 * the URN, and the home and placement postcodes.
 */
import type { QualityRule } from '../rule.js';
import { header, inSequence, simpleRule } from './episodeSql.js';
import { birthday, START } from './sql.js';
import { FIXTURE_YEAR } from './fixtures.js';

const TEMPORARY = `('T0', 'T1', 'T2', 'T3', 'T4')`;
const SHORT_BREAK = `('V3', 'V4')`;

/**
 * A placement a child must be at least `years` old to start (the validator checks ended episodes
 * only: an open one is not reported). from/to: the collection years this age applies to.
 */
function minimumAge(code: string, place: string, years: number, message: string, from?: number, to?: number): QualityRule {
  const rule = { code, message, table: 'episodes' as const, fields: ['DECOM', 'PLACE'], ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
  // The fixture child turns `years` on 1 May of the fixture year and starts the placement on that day, or the day before.
  const year = Math.min(Math.max(FIXTURE_YEAR, from ?? FIXTURE_YEAR), to ?? Infinity);
  const y = year - 1;
  const child = { header: [{ DOB: `${y - years}-05-01` }] };
  const episode = (decom: string) => ({ episodes: [{ DECOM: decom, PLACE: place, DEC: `${y}-06-01`, REC: 'E8' }] });
  return {
    ...rule,
    when: `t.place = '${place}' AND t.dec IS NOT NULL AND ${header(`t.decom < ${birthday('h.dob', years)}`)}`,
    pass: { year, tables: { ...child, ...episode(`${y}-05-01`) } },
    fail: { year, tables: { ...child, ...episode(`${y}-04-30`) } },
  };
}

/** A temporary placement that may last at most maxDays (ended episodes of a child in the header). */
function maximumStay(code: string, place: string, maxDays: number, message: string): QualityRule {
  const end = (days: number) => `2022-${days > 29 ? '07' : '06'}-${String(days > 29 ? days - 29 : 1 + days).padStart(2, '0')}`;
  return {
    code,
    message,
    table: 'episodes',
    fields: ['DECOM', 'DEC', 'PLACE'],
    when: `t.place = '${place}' AND t.dec > t.decom + ${maxDays} AND ${header('h.dob IS NOT NULL')}`,
    pass: { tables: { episodes: [{ DECOM: '2022-06-01', PLACE: place, PLACE_PROVIDER: null, DEC: end(maxDays), REC: 'E8' }] } },
    fail: { tables: { episodes: [{ DECOM: '2022-06-01', PLACE: place, PLACE_PROVIDER: null, DEC: end(maxDays + 1), REC: 'E8' }] } },
  };
}

/** A provider code that may not be given for these placements. */
function providerNotFor(code: string, provider: string, places: string[], message: string): QualityRule {
  const place = places[0]!;
  return simpleRule(code, 'episodes', ['PLACE', 'PLACE_PROVIDER'], message,
    `t.place_provider = '${provider}' AND t.place IN (${places.map((p) => `'${p}'`).join(', ')})`,
    [{ PLACE: place, PLACE_PROVIDER: place === 'P1' ? 'PR0' : 'PR4' }],
    [{ PLACE: place, PLACE_PROVIDER: provider }]);
}

/** The rule for collection years from..to, its fixtures loaded as its first year (FIXTURE_YEAR when open-ended). */
function forYears(rule: QualityRule, from?: number, to?: number): QualityRule {
  const year = from ?? FIXTURE_YEAR;
  return { ...rule, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}), pass: { ...rule.pass, year }, fail: { ...rule.fail, year } };
}

/** Placements that need no URN: those with no Ofsted-registered provider (and, to 2023, semi-independent and independent living). */
function urnRequired(alsoExempt: string[], from?: number, to?: number): QualityRule {
  const exempt = ['P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z1', ...alsoExempt];
  const rule = simpleRule('218', 'episodes', ['URN'], `The Ofsted URN is missing for a placement open in the year that needs one (every type but ${exempt.join(', ')}).`,
    `t.urn IS NULL AND (t.dec IS NULL OR t.dec >= ${START}) AND t.place NOT IN (${exempt.map((p) => `'${p}'`).join(', ')})`,
    [{ PLACE: 'K2', URN: 'SC123456' }], [{ PLACE: 'K2', URN: null }]);
  return forYears(rule, from, to);
}

/**
 * DfE 222: no Ofsted URN (other than XXXXXXX) for a placement that needs none, the same placements
 * 218 exempts in those years: until 2022/23 also semi-independent (H5) and independent living (P2).
 */
function urnNotExpected(alsoNot: string[], listed: string, from?: number, to?: number): QualityRule {
  const places = ['P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z1', ...alsoNot];
  const fail = alsoNot.includes('P2') ? { PLACE: 'P2', PLACE_PROVIDER: 'PR4', URN: 'SC123456' } : { PLACE: 'R1', PLACE_PROVIDER: 'PR4', URN: 'SC123456' };
  const rule = simpleRule('222', 'episodes', ['URN'], `An Ofsted URN should not be given for this placement type (${listed}).`,
    `t.urn IS NOT NULL AND t.urn <> 'XXXXXXX' AND t.place IN (${places.map((p) => `'${p}'`).join(', ')})`,
    [{ PLACE: 'R1', PLACE_PROVIDER: 'PR4', URN: 'XXXXXXX' }], [fail]);
  return forYears(rule, from, to);
}

/** The child was an unaccompanied asylum-seeking child this year or last (header UASC, or a date UASC ceased). */
const UASC_NOW_OR_LAST_YEAR = `(EXISTS (SELECT 1 FROM header u WHERE u.child = t.child AND u.return_year IN (t.return_year, t.return_year - 1) AND u.uasc = '1')
  OR EXISTS (SELECT 1 FROM uasc u WHERE u.child = t.child AND u.return_year IN (t.return_year, t.return_year - 1) AND u.duc IS NOT NULL))`;

/** Postcodes compared as written, ignoring case and spaces. */
const postcode = (col: string) => `upper(replace(${col}, ' ', ''))`;

export const PLACEMENT_RULES: QualityRule[] = [
  {
    code: '217t',
    message: 'Independent living (P2) is not a valid placement type from 28 October 2023.',
    table: 'episodes',
    fields: ['PLACE', 'DEC'],
    from: 2024,
    when: `t.place = 'P2' AND (t.dec > DATE '2023-10-28' OR t.dec IS NULL)`,
    pass: { year: 2024, tables: { header: [{ DOB: '2006-05-01' }], episodes: [{ PLACE: 'P2', PLACE_PROVIDER: 'PR4', DEC: '2023-10-28', REC: 'E8' }] } },
    fail: { year: 2024, tables: { header: [{ DOB: '2006-05-01' }], episodes: [{ PLACE: 'P2', PLACE_PROVIDER: 'PR4', DEC: '2023-10-29', REC: 'E8' }] } },
  },
  {
    code: '230',
    message: 'An Ofsted URN is needed for semi-independent accommodation (H5) from 28 October 2023.',
    table: 'episodes',
    fields: ['PLACE', 'DEC', 'URN'],
    from: 2024,
    when: `t.place = 'H5' AND (t.dec >= DATE '2023-10-29' OR t.dec IS NULL) AND (t.urn IS NULL OR t.urn = 'XXXXXXX')`,
    pass: { year: 2024, tables: { header: [{ DOB: '2006-05-01' }], episodes: [{ PLACE: 'H5', PLACE_PROVIDER: 'PR4', URN: 'SC123456' }] } },
    fail: { year: 2024, tables: { header: [{ DOB: '2006-05-01' }], episodes: [{ PLACE: 'H5', PLACE_PROVIDER: 'PR4', URN: 'XXXXXXX' }] } },
  },
  minimumAge('370', 'P2', 15, 'A child in independent living (P2) should be at least 15 when the placement starts.', undefined, 2023),
  minimumAge('370', 'P2', 16, 'A child in independent living (P2) should be at least 16 when the placement starts.', 2024, 2024),
  minimumAge('371', 'H5', 14, "A child in semi-independent accommodation not subject to children's homes regulations (H5) should be at least 14 when the placement starts.", undefined, 2023),
  minimumAge('371', 'H5', 16, "A child in semi-independent accommodation not subject to children's homes regulations (H5) should be at least 16 when the placement starts.", 2024, 2024),
  minimumAge('371', 'K3', 16, 'A child in supported accommodation (K3) should be at least 16 when the placement starts.', 2025),
  minimumAge('372', 'R5', 10, 'A child in a young offender institution or prison (R5) should be at least 10 when the placement starts.'),
  minimumAge('373', 'S1', 4, 'A child placed in a residential school (S1) should be at least 4 when the placement starts.'),
  minimumAge('374', 'P3', 14, 'A child in residential employment (P3) should be at least 14 when the placement starts.'),
  maximumStay('375', 'T1', 42, 'A temporary placement in hospital (T1) lasted longer than six weeks.'),
  maximumStay('376', 'T3', 21, "A temporary placement while the usual foster carers are on holiday (T3) lasted longer than three weeks."),
  maximumStay('379', 'T4', 7, 'A temporary placement for another reason (T4) lasted longer than seven days.'),
  simpleRule('377', 'episodes', ['PLACE'], "Only two temporary placements while the usual foster carers are on holiday (T3) are allowed in a year.",
    `t.place = 'T3' AND (SELECT count(*) FROM episodes o WHERE o.return_year = t.return_year AND o.child = t.child AND o.place = 'T3') > 2`,
    [{ DEC: '2022-07-01', REC: 'X1' }, { DECOM: '2022-07-01', PLACE: 'T3', PLACE_PROVIDER: null, RNE: 'P', DEC: '2022-07-08', REC: 'X1' }, { DECOM: '2022-07-08', RNE: 'P' }],
    [
      { DEC: '2022-07-01', REC: 'X1' }, { DECOM: '2022-07-01', PLACE: 'T3', PLACE_PROVIDER: null, RNE: 'P', DEC: '2022-07-08', REC: 'X1' },
      { DECOM: '2022-07-08', PLACE: 'T3', PLACE_PROVIDER: null, RNE: 'P', DEC: '2022-07-15', REC: 'X1' },
      { DECOM: '2022-07-15', PLACE: 'T3', PLACE_PROVIDER: null, RNE: 'P', DEC: '2022-07-22', REC: 'X1' }, { DECOM: '2022-07-22', RNE: 'P' },
    ]),
  simpleRule('380', 'episodes', ['PLACE', 'RNE'], 'A period of care cannot start with a temporary placement: a temporary placement (T0-T4) needs a reason for new episode of P or B.',
    `t.place IN ${TEMPORARY} AND t.rne IS DISTINCT FROM 'P' AND t.rne IS DISTINCT FROM 'B'`,
    [{ DEC: '2022-07-01', REC: 'X1' }, { DECOM: '2022-07-01', RNE: 'P', PLACE: 'T1', PLACE_PROVIDER: null }],
    [{ PLACE: 'T1', PLACE_PROVIDER: null }]),
  simpleRule('381', 'episodes', ['PLACE', 'REC'], 'A period of care cannot end with a temporary placement (T0-T4).',
    `t.place IN ${TEMPORARY} AND t.rec IS NOT NULL AND t.rec <> 'X1'`,
    [{ PLACE: 'T1', RNE: 'P', PLACE_PROVIDER: null, DEC: '2022-07-01', REC: 'X1' }],
    [{ PLACE: 'T1', RNE: 'P', PLACE_PROVIDER: null, DEC: '2022-07-01', REC: 'E13' }]),
  simpleRule('383', 'episodes', ['PLACE'], 'After a temporary placement (T0-T4) the child must return to their usual placement: the next episode needs reason P and the placement before.',
    `t.place IN ${TEMPORARY} AND ${inSequence(`s.seq > 1 AND s.seq < s.n AND (s.next_rne IS DISTINCT FROM 'P' OR s.next_place IS DISTINCT FROM s.prev_place)`)}`,
    [{ DEC: '2022-07-01', REC: 'X1' }, { DECOM: '2022-07-01', PLACE: 'T2', PLACE_PROVIDER: null, RNE: 'P', DEC: '2022-07-10', REC: 'X1' }, { DECOM: '2022-07-10', RNE: 'P' }],
    [{ DEC: '2022-07-01', REC: 'X1' }, { DECOM: '2022-07-01', PLACE: 'T2', PLACE_PROVIDER: null, RNE: 'P', DEC: '2022-07-10', REC: 'X1' }, { DECOM: '2022-07-10', RNE: 'P', PLACE: 'U6' }]),
  simpleRule('336', 'episodes', ['PLACE'], 'A child placed for adoption with consent (A3 or A4) must come from a foster or adoption placement (U1-U6, A3-A6) in the episode before.',
    `t.place IN ('A3', 'A4') AND ${inSequence(`s.seq > 1 AND coalesce(s.prev_place NOT IN ('A3', 'A4', 'A5', 'A6', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6'), true)`)}`,
    [{ DEC: '2022-09-01', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' }, { DECOM: '2022-09-01', RNE: 'T', PLACE: 'A4' }],
    [{ PLACE: 'K2', DEC: '2022-09-01', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' }, { DECOM: '2022-09-01', RNE: 'P', PLACE: 'A4' }]),
  simpleRule('390', 'episodes', ['PLACE', 'REC'], 'The episode ended with adoption (E11 or E12), but the child was not placed for adoption (A3-A6).',
    `t.rec IN ('E11', 'E12') AND t.place IS DISTINCT FROM 'A3' AND t.place IS DISTINCT FROM 'A4' AND t.place IS DISTINCT FROM 'A5' AND t.place IS DISTINCT FROM 'A6'`,
    [{ PLACE: 'A6', LS: 'E1', DEC: '2023-01-01', REC: 'E11' }], [{ PLACE: 'U4', DEC: '2023-01-01', REC: 'E11' }]),
  simpleRule('516', 'episodes', ['REC', 'PLACE'], 'The episode ended with a special guardianship order to former foster carers (E45 or E46), but the child was not in a foster placement (U1-U6).',
    `t.rec IN ('E45', 'E46') AND t.place NOT IN ('U1', 'U2', 'U3', 'U4', 'U5', 'U6')`,
    [{ PLACE: 'U4', DEC: '2023-01-01', REC: 'E45' }], [{ PLACE: 'K2', DEC: '2023-01-01', REC: 'E45' }]),
  simpleRule('526', 'episodes', ['PLACE', 'PLACE_PROVIDER'], 'The placement provider is missing: every placement except temporary ones (T0-T4) and other placements (Z1) needs one.',
    `t.place_provider IS NULL AND t.place NOT IN ('T0', 'T1', 'T2', 'T3', 'T4', 'Z1')`,
    [{ PLACE: 'Z1', PLACE_PROVIDER: null }], [{ PLACE: 'U6', PLACE_PROVIDER: null }]),
  providerNotFor('527', 'PR1', ['P1', 'R2', 'R5'], "The local authority's own provision (PR1) cannot be given for placements P1, R2 or R5."),
  providerNotFor('528', 'PR2', ['P1', 'R2', 'R5'], "Another local authority's provision (PR2) cannot be given for placements P1, R2 or R5."),
  providerNotFor('529', 'PR3', ['A3', 'A4', 'A5', 'A6', 'K1', 'K2', 'P1', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6'], 'Other public provision (PR3) cannot be given for placements P1, A3-A6, K1, K2 or U1-U6, which other public bodies cannot provide.'),
  providerNotFor('530', 'PR4', ['P1'], 'Private provision (PR4) cannot be given for a placement with parents (P1).'),
  providerNotFor('531', 'PR5', ['P1'], 'Voluntary or third sector provision (PR5) cannot be given for a placement with parents (P1).'),
  simpleRule('550', 'episodes', ['PLACE', 'PLACE_PROVIDER'], 'The provider "parents or others with parental responsibility" (PR0) can only be given for a placement with parents (P1).',
    `t.place_provider = 'PR0' AND t.place IS DISTINCT FROM 'P1'`,
    [{ PLACE: 'P1', PLACE_PROVIDER: 'PR0' }], [{ PLACE: 'U6', PLACE_PROVIDER: 'PR0' }]),
  simpleRule('214', 'episodes', ['PL_POST', 'URN'], 'Placement postcode and URN are not needed for a short break (legal status V3 or V4).',
    `t.ls IN ${SHORT_BREAK} AND (t.pl_post IS NOT NULL OR t.urn IS NOT NULL)`,
    [{ LS: 'V3', HOME_POST: null, PL_POST: null, URN: null, DEC: '2022-06-05', REC: 'E13' }], [{ LS: 'V3', HOME_POST: null, PL_POST: 'AB1 2CD', URN: null, DEC: '2022-06-05', REC: 'E13' }]),
  urnRequired(['H5', 'P2'], undefined, 2023),
  urnRequired([], 2024),
  urnNotExpected(['H5', 'P2'], 'P1, P2, P3, R1, R2, R5, T0-T4, Z1 or H5', undefined, 2023),
  urnNotExpected([], 'P1, P3, R1, R2, R5, T0-T4 or Z1', 2024),
  simpleRule('225', 'episodes', ['REASON_PLACE_CHANGE'], 'The reason for the placement change must be given when the child moves from one placement to another (not a temporary one).',
    `t.rec = 'X1' AND t.reason_place_change IS NULL AND t.place NOT IN ${TEMPORARY}
      AND ${inSequence(`s.next_rne IN ('P', 'B', 'T', 'U') AND s.next_place NOT IN ${TEMPORARY}`)}`,
    [{ DEC: '2022-09-01', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' }, { DECOM: '2022-09-01', RNE: 'P', PLACE: 'U6' }],
    [{ DEC: '2022-09-01', REC: 'X1' }, { DECOM: '2022-09-01', RNE: 'P', PLACE: 'U6' }]),
  simpleRule('226', 'episodes', ['REASON_PLACE_CHANGE', 'PLACE'], 'A reason for placement change is not needed for a temporary placement (T0-T4), nor for the placement just before it.',
    `t.place IN ${TEMPORARY} AND (t.reason_place_change IS NOT NULL OR ${inSequence('s.prev_reason_place_change IS NOT NULL')})`,
    [{ DEC: '2022-09-01', REC: 'X1' }, { DECOM: '2022-09-01', RNE: 'P', PLACE: 'T1', PLACE_PROVIDER: null }],
    [{ DEC: '2022-09-01', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' }, { DECOM: '2022-09-01', RNE: 'P', PLACE: 'T1', PLACE_PROVIDER: null }]),
  simpleRule('392b', 'episodes', ['HOME_POST', 'PL_POST'], 'The child is looked after but the home or placement postcode is missing.',
    `t.ls NOT IN ${SHORT_BREAK} AND (t.home_post IS NULL OR t.pl_post IS NULL) AND NOT ${UASC_NOW_OR_LAST_YEAR}`,
    [{ HOME_POST: 'AB1 2CD', PL_POST: 'AB3 4EF' }], [{ HOME_POST: 'AB1 2CD', PL_POST: null }]),
  simpleRule('392d', 'episodes', ['HOME_POST', 'PL_POST', 'PLACE'], 'The home and placement postcodes are the same, which only a placement with parents (P1) can have.',
    `t.place IS DISTINCT FROM 'P1' AND ${postcode('t.home_post')} = ${postcode('t.pl_post')}`,
    [{ HOME_POST: 'AB1 2CD', PL_POST: 'AB3 4EF' }], [{ HOME_POST: 'AB1 2CD', PL_POST: 'ab12cd' }]),
  simpleRule('398', 'episodes', ['LS', 'HOME_POST', 'PL_POST'], 'Postcodes (for the placement distance) are given, but the child is on a short break (legal status V3 or V4).',
    `t.ls IN ${SHORT_BREAK} AND (t.home_post IS NOT NULL OR t.pl_post IS NOT NULL)`,
    [{ LS: 'V3', HOME_POST: null, PL_POST: null, DEC: '2022-06-05', REC: 'E13' }], [{ LS: 'V3', HOME_POST: 'AB1 2CD', PL_POST: null, DEC: '2022-06-05', REC: 'E13' }]),
];
