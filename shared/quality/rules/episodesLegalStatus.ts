/**
 * DfE rules on an episode's legal status: how long a short-lived status may last, short breaks
 * (V3, V4), placement orders and freeing orders, and the ages some statuses need.
 */
import type { QualityRule } from '../rule.js';
import { endOrYearEnd, header, lsRunLongerThan, simpleRule } from './episodeSql.js';
import { birthday, END } from './sql.js';

const TEMPORARY = `('T0', 'T1', 'T2', 'T3', 'T4')`;
const SHORT_BREAK = `('V3', 'V4')`;

/** A status that may last at most maxDays (police protection, EPO, assessment order): runs of it must not last longer. */
function maxDuration(code: string, ls: string, maxDays: number, message: string): QualityRule {
  return {
    code,
    message,
    table: 'episodes',
    fields: ['DECOM', 'DEC', 'LS'],
    when: `t.ls = '${ls}' AND ${lsRunLongerThan(ls, maxDays)}`,
    // Two episodes of the status end to end: the run is what counts, not each episode.
    pass: { tables: { episodes: [{ LS: ls, DECOM: '2022-06-01', DEC: '2022-06-02', REC: 'X1' }, { LS: ls, DECOM: '2022-06-02', DEC: `2022-06-${String(1 + maxDays).padStart(2, '0')}`, RNE: 'L', REC: 'E8' }] } },
    fail: { tables: { episodes: [{ LS: ls, DECOM: '2022-06-01', DEC: '2022-06-02', REC: 'X1' }, { LS: ls, DECOM: '2022-06-02', DEC: `2022-06-${String(2 + maxDays).padStart(2, '0')}`, RNE: 'L', REC: 'E8' }] } },
  };
}

/** Days of episode a inside its collection year (to the year's end while open). */
const daysInYear = (a: string) => `(least(${endOrYearEnd(a)}, year_end(${a}.return_year)) - greatest(${a}.decom, year_start(${a}.return_year)))`;

export const LEGAL_STATUS_RULES: QualityRule[] = [
  maxDuration('361', 'L1', 3, 'Police protection (legal status L1) lasted longer than the 72 hours the Children Act 1989 allows.'),
  maxDuration('362', 'L2', 21, 'An emergency protection order (legal status L2) lasted longer than 21 days.'),
  maxDuration('363', 'L3', 7, 'A child assessment order (legal status L3) lasted longer than the 7 days the Children Act 1989 allows.'),
  {
    code: '364',
    message: 'Detention in local authority accommodation under PACE (legal status J2) lasted longer than 21 days in one period.',
    table: 'episodes',
    fields: ['LS', 'DECOM', 'DEC'],
    // A period is J2 episodes that follow on from (or overlap) the one before; their days add up.
    when: `t.ls = 'J2' AND EXISTS (
      WITH j AS (
        SELECT x.source_file, x.source_row, x.decom, ${endOrYearEnd('x')} - x.decom AS days,
          CASE WHEN x.decom > lag(${endOrYearEnd('x')}) OVER (ORDER BY x.decom, x.source_row) THEN 1 ELSE 0 END AS breaks
        FROM episodes x WHERE x.return_year = t.return_year AND x.child = t.child AND x.ls = 'J2' AND x.decom IS NOT NULL),
      p AS (SELECT *, sum(breaks) OVER (ORDER BY decom, source_row ROWS UNBOUNDED PRECEDING) AS period FROM j),
      s AS (SELECT *, sum(days) OVER (PARTITION BY period) AS total FROM p)
      SELECT 1 FROM s WHERE s.source_file = t.source_file AND s.source_row = t.source_row AND s.total > 21)`,
    pass: { tables: { episodes: [{ LS: 'J2', DECOM: '2022-06-01', DEC: '2022-06-22', REC: 'E14' }] } },
    fail: { tables: { episodes: [{ LS: 'J2', DECOM: '2022-06-01', DEC: '2022-06-10', REC: 'X1' }, { LS: 'J2', RNE: 'P', DECOM: '2022-06-10', DEC: '2022-06-23', REC: 'E14' }] } },
  },
  simpleRule('365', 'episodes', ['LS', 'DECOM', 'DEC'], 'A single short-term break (legal status V3) lasted longer than 17 days.',
    `t.ls = 'V3' AND ${endOrYearEnd('t')} > t.decom + 17`,
    [{ LS: 'V3', DECOM: '2022-06-01', DEC: '2022-06-18', REC: 'E13' }],
    [{ LS: 'V3', DECOM: '2022-06-01', DEC: '2022-06-19', REC: 'E13' }]),
  simpleRule('366', 'episodes', ['RNE'], 'A child cannot change placement during a single short-term break (legal status V3): the reason for a new V3 episode must be S.',
    `t.ls = 'V3' AND t.rne IS DISTINCT FROM 'S'`,
    [{ LS: 'V3', DEC: '2022-06-05', REC: 'E13' }],
    [{ LS: 'V3', RNE: 'P', DEC: '2022-06-05', REC: 'E13' }]),
  {
    code: '367',
    message: 'Short-term breaks (legal status V3) add up to more than the 75 days allowed in a year.',
    table: 'episodes',
    fields: ['LS', 'DECOM', 'DEC'],
    when: `t.ls = 'V3' AND ${daysInYear('t')} > 0
      AND (SELECT sum(${daysInYear('x')}) FROM episodes x WHERE x.return_year = t.return_year AND x.child = t.child AND x.ls = 'V3' AND ${daysInYear('x')} > 0) > 75`,
    pass: { tables: { episodes: [{ LS: 'V3', DECOM: '2022-06-01', DEC: '2022-06-11', REC: 'E13' }, { LS: 'V3', DECOM: '2022-07-01', DEC: '2022-07-11', REC: 'E13' }] } },
    fail: { tables: { episodes: [
      { LS: 'V3', DECOM: '2022-05-01', DEC: '2022-05-17', REC: 'E13' }, { LS: 'V3', DECOM: '2022-06-01', DEC: '2022-06-17', REC: 'E13' },
      { LS: 'V3', DECOM: '2022-07-01', DEC: '2022-07-17', REC: 'E13' }, { LS: 'V3', DECOM: '2022-08-01', DEC: '2022-08-17', REC: 'E13' },
      { LS: 'V3', DECOM: '2022-09-01', DEC: '2022-09-17', REC: 'E13' },
    ] } },
  },
  simpleRule('378', 'episodes', ['PLACE', 'LS'], 'A child placed with parents (P1) cannot be looked after under a single period of accommodation under section 20 (V2).',
    `t.place = 'P1' AND t.ls = 'V2'`, [{ PLACE: 'P1', PLACE_PROVIDER: 'PR0', LS: 'C2' }], [{ PLACE: 'P1', PLACE_PROVIDER: 'PR0', LS: 'V2' }]),
  simpleRule('382', 'episodes', ['LS', 'PLACE'], 'A child on a short-term break (V3 or V4) cannot be in a temporary placement.',
    `t.ls IN ${SHORT_BREAK} AND t.place IN ${TEMPORARY}`,
    [{ LS: 'V3', PLACE: 'U6', DEC: '2022-06-05', REC: 'E13' }], [{ LS: 'V3', PLACE: 'T4', PLACE_PROVIDER: null, DEC: '2022-06-05', REC: 'E13' }]),
  simpleRule('384', 'episodes', ['PLACE', 'LS'], 'A child on a short-term break (V3 or V4) cannot be in a long-term foster placement (U1 or U4).',
    `t.ls IN ${SHORT_BREAK} AND t.place IN ('U1', 'U4')`,
    [{ LS: 'V4', PLACE: 'U6' }], [{ LS: 'V4', PLACE: 'U4' }]),
  simpleRule('408', 'episodes', ['PLACE', 'LS'], 'The child is placed for adoption with a placement order (A5 or A6), but the legal status is not a placement order (E1).',
    `t.place IN ('A5', 'A6') AND t.ls IS DISTINCT FROM 'E1'`,
    [{ PLACE: 'A6', LS: 'E1' }], [{ PLACE: 'A6', LS: 'C2' }]),
  simpleRule('426', 'episodes', ['LS'], 'A child on short-term breaks cannot have both legal status V3 and V4 in the same year.',
    `t.ls IN ${SHORT_BREAK} AND EXISTS (SELECT 1 FROM episodes o WHERE o.return_year = t.return_year AND o.child = t.child AND o.ls IN ${SHORT_BREAK} AND o.ls <> t.ls)`,
    [{ LS: 'V4', DEC: '2022-06-05', REC: 'E13' }, { LS: 'V4', DECOM: '2022-07-01' }],
    [{ LS: 'V3', DEC: '2022-06-05', REC: 'E13' }, { LS: 'V4', DECOM: '2022-07-01' }]),
  simpleRule('445', 'episodes', ['LS', 'DECOM'], 'A freeing order (D1) is not a valid legal status for an episode starting after December 2005.',
    `t.ls = 'D1' AND t.decom > DATE '2005-12-31'`,
    [{ LS: 'D1', DECOM: '2005-12-31' }], [{ LS: 'D1', DECOM: '2006-01-01' }]),
  simpleRule('446', 'episodes', ['LS', 'DECOM'], 'A placement order (E1) is not a valid legal status for an episode starting before December 2005.',
    `t.ls = 'E1' AND t.decom < DATE '2005-12-01'`,
    [{ LS: 'E1', DECOM: '2005-12-01' }], [{ LS: 'E1', DECOM: '2005-11-30' }]),
  simpleRule('451', 'episodes', ['DEC', 'REC', 'LS'], 'The child is still freed for adoption (D1, episode open), but no freeing order could be made after 30 December 2005.',
    `t.ls = 'D1' AND t.dec IS NULL AND t.rec IS NULL`,
    [{ LS: 'D1', DECOM: '2005-01-01', DEC: '2022-05-01', REC: 'E11' }], [{ LS: 'D1', DECOM: '2005-01-01' }]),
  {
    code: '358',
    message: 'A child with a youth justice legal status (J1, J2 or J3) should not be under 10 when the episode starts.',
    table: 'episodes',
    fields: ['DECOM', 'LS'],
    when: `t.ls IN ('J1', 'J2', 'J3') AND ${header(`t.decom <= ${birthday('h.dob', 10)}`)}`,
    pass: { tables: { episodes: [{ LS: 'J1', DECOM: '2020-05-02' }] } },
    fail: { tables: { episodes: [{ LS: 'J1', DECOM: '2020-05-01' }] } },
  },
  {
    code: '358',
    message: 'A child with a youth justice legal status (J1, J2 or J3) should not be under 10 when the episode starts.',
    table: 'header',
    fields: ['DOB'],
    when: `EXISTS (SELECT 1 FROM episodes e WHERE e.return_year = t.return_year AND e.child = t.child AND e.ls IN ('J1', 'J2', 'J3') AND e.decom <= ${birthday('t.dob', 10)})`,
    pass: { tables: { episodes: [{ LS: 'J1', DECOM: '2020-05-02' }] } },
    fail: { tables: { episodes: [{ LS: 'J1', DECOM: '2020-05-01' }] } },
  },
  {
    code: '359',
    message: 'A young person still looked after after their 18th birthday must be accommodated under section 20 (V2) in a community home (K2).',
    table: 'episodes',
    fields: ['DEC', 'LS', 'PLACE'],
    when: `t.dec IS NULL AND NOT (t.ls IS NOT DISTINCT FROM 'V2' AND t.place IS NOT DISTINCT FROM 'K2') AND ${header(`${birthday('h.dob', 18)} < ${END}`)}`,
    pass: { tables: { header: [{ DOB: '2005-01-01' }], episodes: [{ LS: 'V2', PLACE: 'K2', PLACE_PROVIDER: 'PR1' }] } },
    fail: { tables: { header: [{ DOB: '2005-01-01' }], episodes: [{ LS: 'C2', PLACE: 'K2', PLACE_PROVIDER: 'PR1' }] } },
  },
];
