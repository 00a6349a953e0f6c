/**
 * DfE rules on an episode's dates and how a child's episodes follow one another: within the year,
 * against the child's age, and against last year's return (the episode open at its end).
 */
import type { FixtureRow, QualityRule } from '../rule.js';
import { header, inSequence, openAtLastYearEnd, simpleRule } from './episodeSql.js';
import { birthday, END, START } from './sql.js';

/** `t` (a row of episode_sequence, as every Episodes rule reads) is the child's first episode of the return (earliest start). */
const FIRST_OF_YEAR = 't.decom = t.first_decom';


/** Reasons an episode ends with the child leaving care (not X1). */
const LEFT_CARE = `('E2', 'E3', 'E4A', 'E4B', 'E5', 'E6', 'E7', 'E8', 'E9', 'E11', 'E12', 'E13', 'E14', 'E15', 'E16', 'E17', 'E41', 'E45', 'E46', 'E47', 'E48')`;

/** Two episodes end to end: a change of placement (X1 then P) on 1 September 2022. */
const TWO: FixtureRow[] = [{ DEC: '2022-09-01', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' }, { DECOM: '2022-09-01', RNE: 'P', PL_POST: 'AB5 6GH', URN: 'SC654321' }];
const withSecond = (second: FixtureRow, first: FixtureRow = {}): FixtureRow[] => [{ ...TWO[0], ...first }, { ...TWO[1], ...second }];

/** A previous year whose episode was open at its end: the child looked after since June 2021. */
const SINCE_2021 = { episodes: [{ DECOM: '2021-06-01' }] };

/** The episode open at last year's end must carry on into this year's first with the same field. */
function sameAsLastYear(code: string, field: string, what: string, other: string, from?: number, to?: number, except?: string): QualityRule {
  const col = field.toLowerCase();
  return {
    code,
    message: `The ${what} in the child's first episode differs from the episode open at the end of last year.`,
    table: 'episodes',
    fields: [field],
    previousYear: true,
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    when: `${FIRST_OF_YEAR} AND ${openAtLastYearEnd(`p.${col} IS DISTINCT FROM t.${col}${except ? ` AND NOT (${except})` : ''}`)}`,
    pass: { ...(from !== undefined ? { year: from } : {}), tables: { episodes: [{ DECOM: '2021-06-01' }] }, previous: SINCE_2021 },
    fail: { ...(from !== undefined ? { year: from } : {}), tables: { episodes: [{ DECOM: '2021-06-01', [field]: other }] }, previous: SINCE_2021 },
  };
}

export const SEQUENCE_RULES: QualityRule[] = [
  simpleRule('148', 'episodes', ['DEC', 'REC'], 'The date the episode ceased and the reason it ceased must both be given, or both left blank.',
    '(t.dec IS NULL) <> (t.rec IS NULL)', [{ DEC: '2022-09-01', REC: 'E13' }], [{ DEC: '2022-09-01', REC: null }]),
  simpleRule('353', 'episodes', ['DECOM'], 'No episode can start before 14 October 1991.',
    `t.decom < DATE '1991-10-14'`, [{ DECOM: '1991-10-14' }], [{ DECOM: '1991-10-13' }]),
  simpleRule('355', 'episodes', ['DECOM', 'DEC'], 'The episode appears to have lasted less than 24 hours (it ceased on the day it began).',
    't.dec = t.decom', [{ DEC: '2022-06-02', REC: 'E13' }], [{ DEC: '2022-06-01', REC: 'E13' }]),
  simpleRule('357', 'episodes', ['RNE'], "The child's first episode must have reason for new episode S (started to be looked after), unless an episode before it has been left out.",
    `${FIRST_OF_YEAR} AND t.decom >= ${START} AND t.rne IS DISTINCT FROM 'S'`, [{ RNE: 'S' }], [{ RNE: 'P' }]),
  {
    code: '302',
    message: "The child's first episode starts before the child was born.",
    table: 'episodes',
    fields: ['DECOM'],
    when: `${FIRST_OF_YEAR} AND ${header('h.dob > t.decom')}`,
    pass: { tables: { header: [{ DOB: '2022-06-01' }] } },
    fail: { tables: { header: [{ DOB: '2022-06-02' }] } },
  },
  {
    code: '302',
    message: "The child's first episode starts before the child was born.",
    table: 'header',
    fields: ['DOB'],
    when: `t.dob > (SELECT min(e.decom) FROM episodes e WHERE e.return_year = t.return_year AND e.child = t.child)`,
    pass: { tables: { header: [{ DOB: '2022-06-01' }] } },
    fail: { tables: { header: [{ DOB: '2022-06-02' }] } },
  },
  {
    code: '352',
    message: 'The child started to be looked after aged 18 or over.',
    table: 'episodes',
    fields: ['DECOM', 'RNE'],
    when: `t.rne = 'S' AND ${header(`t.decom >= ${birthday('h.dob', 18)}`)}`,
    pass: { tables: { header: [{ DOB: '2004-06-02' }] } },
    fail: { tables: { header: [{ DOB: '2004-06-01' }] } },
  },
  {
    code: '386',
    message: 'The episode ceased with adoption (E11 or E12), but the child had reached 18.',
    table: 'episodes',
    fields: ['DEC', 'REC'],
    when: `t.rec IN ('E11', 'E12') AND ${header(`t.dec >= ${birthday('h.dob', 18)}`)}`,
    pass: { tables: { header: [{ DOB: '2005-03-02' }], episodes: [{ PLACE: 'A5', LS: 'E1', DEC: '2023-03-01', REC: 'E11' }] } },
    fail: { tables: { header: [{ DOB: '2005-03-01' }], episodes: [{ PLACE: 'A5', LS: 'E1', DEC: '2023-03-01', REC: 'E11' }] } },
  },
  {
    code: '387',
    message: 'The episode ceased with a move to independent living (E5 or E6), but the child was under 14.',
    table: 'episodes',
    fields: ['DEC', 'REC'],
    // As the validator: a child with no date of birth in the Header is reported too.
    when: `t.rec IN ('E5', 'E6') AND t.dec IS NOT NULL AND NOT ${header(`${birthday('h.dob', 14)} <= t.dec`)}`,
    pass: { tables: { header: [{ DOB: '2008-09-01' }], episodes: [{ DEC: '2022-09-01', REC: 'E5' }] } },
    fail: { tables: { header: [{ DOB: '2008-09-02' }], episodes: [{ DEC: '2022-09-01', REC: 'E5' }] } },
  },
  {
    code: '389',
    message: 'The episode ceased with a transfer to adult social care (E7), but the child was under 16.',
    table: 'episodes',
    fields: ['DEC', 'REC'],
    when: `t.rec = 'E7' AND NOT ${header(`${birthday('h.dob', 16)} <= t.dec`)}`,
    pass: { tables: { header: [{ DOB: '2006-09-01' }], episodes: [{ DEC: '2022-09-01', REC: 'E7' }] } },
    fail: { tables: { header: [{ DOB: '2006-09-02' }], episodes: [{ DEC: '2022-09-01', REC: 'E7' }] } },
  },
  {
    code: '407',
    message: 'The episode ceased with a special guardianship order (E45-E48), but the child had reached 18.',
    table: 'episodes',
    fields: ['DEC', 'REC'],
    when: `t.rec IN ('E45', 'E46', 'E47', 'E48') AND ${header(`t.dec > ${birthday('h.dob', 18)}`)}`,
    pass: { tables: { header: [{ DOB: '2005-03-01' }], episodes: [{ DEC: '2023-03-01', REC: 'E45' }] } },
    fail: { tables: { header: [{ DOB: '2005-02-28' }], episodes: [{ DEC: '2023-03-01', REC: 'E45' }] } },
  },
  {
    code: '407',
    message: 'The episode ceased with a special guardianship order (E45-E48), but the child had reached 18.',
    table: 'header',
    fields: ['DOB'],
    when: `EXISTS (SELECT 1 FROM episodes e WHERE e.return_year = t.return_year AND e.child = t.child AND e.rec IN ('E45', 'E46', 'E47', 'E48') AND e.dec > ${birthday('t.dob', 18)})`,
    pass: { tables: { header: [{ DOB: '2005-03-01' }], episodes: [{ DEC: '2023-03-01', REC: 'E45' }] } },
    fail: { tables: { header: [{ DOB: '2005-02-28' }], episodes: [{ DEC: '2023-03-01', REC: 'E45' }] } },
  },
  {
    code: '460',
    message: 'The episode ceased with the young person staying put with their carers at 18 or over (E17), but they were under 18.',
    table: 'episodes',
    fields: ['DEC', 'REC'],
    when: `t.rec = 'E17' AND ${header(`${birthday('h.dob', 18)} > t.dec`)}`,
    pass: { tables: { header: [{ DOB: '2005-03-01' }], episodes: [{ DEC: '2023-03-01', REC: 'E17' }] } },
    fail: { tables: { header: [{ DOB: '2005-03-02' }], episodes: [{ DEC: '2023-03-01', REC: 'E17' }] } },
  },
  simpleRule('388', 'episodes', ['DEC', 'REC'], 'The reason the episode ceased does not fit what follows: X1 needs a new episode starting that day, and a new episode that day needs X1.',
    inSequence(`s.dec IS NOT NULL AND ((s.next_decom IS NOT NULL AND ((s.rec = 'X1' AND s.dec <> s.next_decom) OR (s.rec <> 'X1' AND s.dec = s.next_decom)))
      OR (s.next_decom IS NULL AND s.rec = 'X1'))`),
    TWO, [{ DEC: '2022-09-01', REC: 'X1' }]),
  simpleRule('431', 'episodes', ['RNE', 'DECOM'], 'The reason for new episode is S (started to be looked after), but the previous episode ended on or after the day it starts.',
    `t.rne = 'S' AND ${inSequence('s.decom <= s.prev_dec')}`,
    withSecond({ DECOM: '2022-09-02', RNE: 'S' }, { REC: 'E13', REASON_PLACE_CHANGE: null }), withSecond({ RNE: 'S' }, { REC: 'E13', REASON_PLACE_CHANGE: null })),
  simpleRule('432', 'episodes', ['RNE'], 'The child left care at the end of the previous episode, so the reason for this new episode should be S (started to be looked after).',
    `t.rne IS DISTINCT FROM 'S' AND ${inSequence(`s.prev_rec IN ${LEFT_CARE}`)}`,
    withSecond({ DECOM: '2022-09-02', RNE: 'S' }, { REC: 'E13', REASON_PLACE_CHANGE: null }), withSecond({ DECOM: '2022-09-02', RNE: 'P' }, { REC: 'E13', REASON_PLACE_CHANGE: null })),
  simpleRule('433', 'episodes', ['RNE', 'DECOM'], 'The reason for new episode says the episode continues the last one, but it does not start on the day the last one ended.',
    `t.rne IN ('P', 'L', 'T', 'U', 'B') AND ${inSequence('s.seq > 1 AND (s.prev_dec IS NULL OR s.decom IS NULL OR s.prev_dec <> s.decom)')}`,
    TWO, withSecond({ DECOM: '2022-09-02' })),
  simpleRule('434', 'episodes', ['RNE', 'LS', 'PLACE', 'PLACE_PROVIDER', 'PL_POST', 'URN'], 'The reason for new episode is a change of legal status only (L), but the legal status is the same or the placement details changed.',
    `t.rne = 'L' AND ${inSequence(`s.seq > 1 AND (coalesce(s.ls = s.prev_ls, false) OR coalesce(s.place, '') <> coalesce(s.prev_place, '') OR coalesce(s.pl_post, '') <> coalesce(s.prev_pl_post, '')
      OR coalesce(s.urn, '') <> coalesce(s.prev_urn, '') OR coalesce(s.place_provider, '') <> coalesce(s.prev_place_provider, ''))`)}`,
    withSecond({ RNE: 'L', LS: 'C1', PL_POST: 'AB3 4EF', URN: 'SC123456' }, { REASON_PLACE_CHANGE: null }), withSecond({ RNE: 'L', LS: 'C1' }, { REASON_PLACE_CHANGE: null })),
  simpleRule('435', 'episodes', ['RNE', 'LS', 'PLACE', 'PLACE_PROVIDER', 'PL_POST', 'URN'], 'The reason for new episode is a change of placement only (P or T), but the legal status changed or no placement detail did.',
    `t.rne IN ('P', 'T') AND ${inSequence(`s.seq > 1 AND (coalesce(s.ls <> s.prev_ls, true) OR coalesce(s.place = s.prev_place AND s.pl_post = s.prev_pl_post AND s.urn = s.prev_urn AND s.place_provider = s.prev_place_provider, false))`)}`,
    TWO, withSecond({ LS: 'C1' })),
  simpleRule('436', 'episodes', ['RNE', 'LS', 'PLACE', 'PLACE_PROVIDER', 'PL_POST', 'URN'], 'The reason for new episode is a change of both legal status and placement (B or U), but one of them did not change.',
    `t.rne IN ('B', 'U') AND ${inSequence(`s.seq > 1 AND (s.ls IS NOT DISTINCT FROM s.prev_ls OR (s.place IS NOT DISTINCT FROM s.prev_place AND s.pl_post IS NOT DISTINCT FROM s.prev_pl_post
      AND s.urn IS NOT DISTINCT FROM s.prev_urn AND s.place_provider IS NOT DISTINCT FROM s.prev_place_provider))`)}`,
    withSecond({ RNE: 'B', LS: 'C1' }), withSecond({ RNE: 'B' })),
  simpleRule('437', 'episodes', ['REC'], 'The episode ceased because the child died or was found to be 18 or over (E2 or E15), but there are further episodes.',
    `t.rec IN ('E2', 'E15') AND ${inSequence('s.next_decom IS NOT NULL')}`,
    [{ DEC: '2022-09-01', REC: 'E15' }], withSecond({ DECOM: '2022-10-01', RNE: 'S' }, { REC: 'E15', REASON_PLACE_CHANGE: null })),
  simpleRule('501', 'episodes', ['DECOM', 'DEC'], 'A new episode starts before the previous episode ended.',
    inSequence('s.decom < s.prev_dec'), TWO, withSecond({}, { DEC: '2022-09-02' })),
  simpleRule('504', 'episodes', ['CIN'], 'The category of need differs from the one reported at the start of this period of care.',
    `${inSequence(`s.prev_rec = 'X1' AND s.prev_dec = s.decom AND coalesce(s.cin <> s.prev_cin, true)`)}`, TWO, withSecond({ CIN: 'N4' })),
  {
    code: '199',
    message: 'The episodes show the child was adopted from care before this episode (this and last year\'s returns only).',
    table: 'episodes',
    fields: ['CHILD'],
    when: `EXISTS (SELECT 1 FROM episodes a WHERE a.child = t.child AND a.return_year IN (t.return_year, t.return_year - 1)
      AND a.rec IN ('E11', 'E12') AND a.decom < t.decom)`,
    pass: { tables: { episodes: [{ PLACE: 'A5', LS: 'E1', DEC: '2023-01-01', REC: 'E11' }] } },
    fail: { tables: { episodes: [{ DECOM: '2023-02-01' }] }, previous: { episodes: [{ DECOM: '2021-06-01', PLACE: 'A5', LS: 'E1', DEC: '2022-01-01', REC: 'E11' }] } },
  },
  {
    code: 'NoE',
    message: 'The child started to be looked after before this year, but has no episodes in last year\'s return.',
    table: 'episodes',
    fields: ['DECOM'],
    previousYear: true,
    when: `t.decom < ${START} AND NOT EXISTS (SELECT 1 FROM episodes p WHERE p.return_year = t.return_year - 1 AND p.child = t.child)`,
    pass: { tables: { episodes: [{ DECOM: '2021-06-01' }] }, previous: SINCE_2021 },
    fail: { tables: { episodes: [{ DECOM: '2021-06-01' }] }, previous: { episodes: [{ CHILD: '2' }] } },
  },
  {
    code: '502',
    message: "Last year's return ended with an open episode, but it did not start on the day this year's first episode starts.",
    table: 'episodes',
    fields: ['DECOM'],
    previousYear: true,
    when: `${FIRST_OF_YEAR} AND EXISTS (SELECT 1 FROM episodes p WHERE p.return_year = t.return_year - 1 AND p.child = t.child AND p.dec IS NULL AND p.decom <> t.decom)`,
    pass: { tables: { episodes: [{ DECOM: '2021-06-01' }] }, previous: SINCE_2021 },
    fail: { tables: { episodes: [{ DECOM: '2021-06-02' }] }, previous: SINCE_2021 },
  },
  sameAsLastYear('503A', 'RNE', 'reason for new episode', 'P'),
  sameAsLastYear('503B', 'LS', 'legal status', 'C1'),
  sameAsLastYear('503C', 'CIN', 'category of need', 'N2'),
  sameAsLastYear('503D', 'PLACE', 'placement type', 'U6', undefined, 2024),
  // From 2024/25 a child in semi-independent accommodation (H5) at last year's end is now in supported accommodation (K3).
  sameAsLastYear('503D', 'PLACE', 'placement type', 'U6', 2025, undefined, `p.place = 'H5' AND t.place = 'K3'`),
  sameAsLastYear('503E', 'PLACE_PROVIDER', 'placement provider', 'PR4'),
  sameAsLastYear('503F', 'URN', 'Ofsted URN', 'SC999999'),
  {
    code: '562',
    message: "The child's first episode began before this year, but it is not the latest episode in last year's return.",
    table: 'episodes',
    fields: ['DECOM'],
    previousYear: true,
    // The first episode is the earliest of those starting before the year whenever it starts before the year itself.
    when: `t.decom < ${START} AND ${FIRST_OF_YEAR}
      AND NOT EXISTS (SELECT 1 FROM latest_episode_last_year p WHERE p.return_year = t.return_year - 1 AND p.child = t.child AND p.decom = t.decom)`,
    pass: { tables: { episodes: [{ DECOM: '2021-06-01' }] }, previous: SINCE_2021 },
    fail: { tables: { episodes: [{ DECOM: '2021-06-01' }] }, previous: { episodes: [{ DECOM: '2021-05-01', DEC: '2021-06-01', REC: 'X1' }, { DECOM: '2021-06-01', RNE: 'P', DEC: '2022-01-01', REC: 'X1' }, { DECOM: '2022-01-01', RNE: 'P' }] } },
  },
];
