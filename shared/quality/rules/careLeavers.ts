/**
 * DfE rules on care leavers (OC3): whether the items are consistent with each other, with the
 * young person's age, and with their episodes of care (this year's and, where loaded, earlier
 * years'). Rules 131-133, 187, 215 and 1007 are with the other outcome rules (outcomes.ts).
 */
import type { QualityRule } from '../rule.js';
import { anyBlank, anyFilled, birthday, END, lastYear, sameChild, START } from './sql.js';
import { openAtLastYearEnd } from './episodeSql.js';

const ITEMS = ['in_touch', 'activ', 'accom'];
const FIELDS = ['IN_TOUCH', 'ACTIV', 'ACCOM'];

/** A care leaver aged 18 at the end of the fixture year, every item filled. */
const LEAVER = { DOB: '2004-05-01', IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'B1' };
/** The Header row and an episode that ended in the year, to go with LEAVER. */
const LEAVER_HEADER = { header: [{ DOB: '2004-05-01' }] };
const LEFT_CARE = { episodes: [{ DECOM: '2021-06-01', DEC: '2022-05-01', REC: 'E8' }] };

/** The child's latest episode (by start date) in the row's year ended with this REC. */
const latestEnded = (rec: string) => `(SELECT arg_max(e.rec, e.decom) FROM episodes e WHERE e.return_year = t.return_year AND e.child = t.child) = '${rec}'`;

/** An episode of the row's year that was open at some time during the collection year. */
const IN_YEAR = `e.decom <= ${END} AND (e.dec IS NULL OR e.dec >= ${START})`;

/**
 * DfE 1001: whether the young person is a relevant or former relevant child by the episodes loaded
 * (every loaded year up to this one, an episode kept once with its ended version): at least 91 days
 * looked after since their 14th birthday, at least one since their 16th (short breaks not counted;
 * the latest episode, if open, counted to 31 March), and not adopted (latest episode ended E11/E12).
 */
const NOT_RELEVANT_CHILD = `(
  SELECT bool_or(x.latest AND x.rec IN ('E11', 'E12'))
    OR NOT (coalesce(sum(greatest(0, date_diff('day', greatest(x.decom, ${birthday('h.dob', 14)}), x.dec))) FILTER (WHERE x.counted), 0) >= 91
      AND coalesce(sum(greatest(0, date_diff('day', greatest(x.decom, ${birthday('h.dob', 16)}), x.dec))) FILTER (WHERE x.counted), 0) >= 1)
  FROM (
    SELECT g.decom, g.rec, g.decom = max(g.decom) OVER () AS latest, coalesce(g.ls, '') NOT IN ('V3', 'V4') AS counted,
      CASE WHEN g.dec IS NULL AND g.decom = max(g.decom) OVER () THEN ${END} ELSE g.dec END AS dec
    FROM (
      SELECT e.decom, min(e.dec) AS dec, arg_min(e.ls, coalesce(e.dec, DATE '9999-12-31')) AS ls, arg_min(e.rec, coalesce(e.dec, DATE '9999-12-31')) AS rec
      FROM episodes e WHERE e.child = t.child AND e.return_year <= t.return_year AND e.decom IS NOT NULL
      GROUP BY e.decom
    ) g
  ) x
)`;

export const CARE_LEAVER_RULES: QualityRule[] = [
  {
    code: '153',
    message: 'Whether in touch, activity and accommodation of a care leaver must all be completed, or all left blank.',
    table: 'oc3',
    fields: FIELDS,
    when: `${anyFilled(ITEMS)} AND ${anyBlank(ITEMS)}`,
    pass: { tables: { oc3: [LEAVER] } },
    fail: { tables: { oc3: [{ ...LEAVER, ACCOM: null }] } },
  },
  {
    code: '344',
    message: 'The young person has died or returned home for 6 months or more, so activity and accommodation should be 0.',
    table: 'oc3',
    fields: FIELDS,
    when: `t.in_touch IN ('DIED', 'RHOM') AND (t.activ IS DISTINCT FROM '0' OR t.accom IS DISTINCT FROM '0')`,
    pass: { tables: { oc3: [{ ...LEAVER, IN_TOUCH: 'RHOM', ACTIV: '0', ACCOM: '0' }] } },
    fail: { tables: { oc3: [{ ...LEAVER, IN_TOUCH: 'RHOM', ACTIV: '0' }] } },
  },
  {
    code: '345',
    message: 'The authority is in touch with the young person, but activity or accommodation is 0 (not known).',
    table: 'oc3',
    fields: FIELDS,
    when: `t.in_touch = 'YES' AND (t.activ = '0' OR t.accom = '0')`,
    pass: { tables: { oc3: [LEAVER] } },
    fail: { tables: { oc3: [{ ...LEAVER, ACCOM: '0' }] } },
  },
  {
    code: '391',
    message: 'The young person was not 17 to 21 during the year (under 17 at 31 March), but care leaver items are completed.',
    table: 'oc3',
    fields: ['DOB', ...FIELDS],
    when: `${birthday('t.dob', 17)} > ${END} AND ${anyFilled(ITEMS)}`,
    pass: { tables: { oc3: [{ ...LEAVER, DOB: '2006-03-31' }] } },
    fail: { tables: { oc3: [{ ...LEAVER, DOB: '2006-04-01' }] } },
  },
  {
    code: '347',
    message: 'A care leaver aged under 18 at the start of the year cannot be accommodated in a foyer.',
    table: 'oc3',
    fields: ['DOB', 'ACCOM'],
    from: 2024,
    when: `t.accom IN ('T1', 'T2') AND ${birthday('t.dob', 18)} > ${START}`,
    pass: { year: 2024, tables: { oc3: [{ ...LEAVER, DOB: '2005-04-01', ACCOM: 'T1' }] } },
    fail: { year: 2024, tables: { oc3: [{ ...LEAVER, DOB: '2005-04-02', ACCOM: 'T1' }] } },
  },
  {
    code: '3001',
    message: 'Care leaver information is returned around the young person\'s 17th birthday, so accommodation cannot be with former foster carers.',
    table: 'oc3',
    fields: ['ACCOM'],
    when: `t.accom IN ('Z1', 'Z2') AND ${sameChild('header', 'h', `${birthday('h.dob', 17)} BETWEEN ${START} AND ${END}`)}`,
    pass: { tables: { header: [{ DOB: '2005-03-31' }], oc3: [{ ...LEAVER, DOB: '2005-03-31', ACCOM: 'Z1' }] } },
    fail: { tables: { header: [{ DOB: '2005-04-01' }], oc3: [{ ...LEAVER, DOB: '2005-04-01', ACCOM: 'Z1' }] } },
  },
  {
    code: '1000',
    message: 'The child is recorded as having died in care (an episode ended E2, this year or last), so should not have care leaver information.',
    table: 'oc3',
    fields: FIELDS,
    when: `${sameChild('episodes', 'e', "e.rec = 'E2'")} OR ${lastYear('episodes', "p.rec = 'E2'")}`,
    pass: { tables: { ...LEAVER_HEADER, ...LEFT_CARE, oc3: [LEAVER] } },
    fail: { tables: { ...LEAVER_HEADER, oc3: [LEAVER] }, previous: { episodes: [{ DECOM: '2021-06-01', DEC: '2022-03-01', REC: 'E2' }] } },
  },
  {
    code: '1001',
    message: 'The episodes loaded suggest the young person is not a relevant or former relevant child (under 91 days looked after since 14, none since 16, or adopted), so should not have care leaver information.',
    table: 'oc3',
    fields: FIELDS,
    previousYear: true,
    needs: ['episodes'],
    when: `EXISTS (SELECT 1 FROM header h WHERE h.return_year = t.return_year AND h.child = t.child AND ${birthday('h.dob', 20)} > ${END} AND ${NOT_RELEVANT_CHILD})`,
    pass: { tables: { ...LEAVER_HEADER, ...LEFT_CARE, oc3: [LEAVER] }, previous: { episodes: [{ DECOM: '2021-06-01' }] } },
    fail: { tables: { ...LEAVER_HEADER, episodes: [{ DECOM: '2022-03-01', DEC: '2022-05-01', REC: 'E8' }], oc3: [LEAVER] }, previous: { episodes: [{ DECOM: '2022-03-01' }] } },
  },
  {
    code: '1002',
    message: 'The child has no episodes of care this year or in the years loaded before it, so should not have care leaver information.',
    table: 'oc3',
    fields: FIELDS,
    previousYear: true,
    needs: ['episodes'],
    // DfE's check looks at this year and last; every earlier loaded year is looked at too (fewer false alarms).
    when: `NOT EXISTS (SELECT 1 FROM episodes e WHERE e.child = t.child AND e.return_year <= t.return_year)`,
    pass: { tables: { ...LEAVER_HEADER, episodes: [], oc3: [LEAVER] }, previous: { episodes: [{ DECOM: '2021-06-01', DEC: '2022-02-01', REC: 'E8' }] } },
    fail: { tables: { ...LEAVER_HEADER, episodes: [], oc3: [LEAVER] }, previous: {} },
  },
  {
    code: '1010',
    message: "The child's latest episode last year was still open at 31 March, but they have no episodes this year, and care leaver information is given.",
    table: 'oc3',
    fields: FIELDS,
    previousYear: true,
    needs: ['episodes'],
    when: `NOT ${sameChild('episodes', 'e')} AND ${openAtLastYearEnd('true')}`,
    pass: { tables: { ...LEAVER_HEADER, episodes: [], oc3: [LEAVER] }, previous: { episodes: [{ DECOM: '2021-06-01', DEC: '2022-02-01', REC: 'E8' }] } },
    fail: { tables: { ...LEAVER_HEADER, episodes: [], oc3: [LEAVER] }, previous: { episodes: [{ DECOM: '2021-06-01' }] } },
  },
  {
    code: '1011',
    message: "The child's final episode ended with care transferred to another authority (E3), so care leaver information should not be completed.",
    table: 'oc3',
    fields: FIELDS,
    when: `${latestEnded('E3')} AND ${anyFilled(ITEMS)}`,
    pass: { tables: { ...LEAVER_HEADER, ...LEFT_CARE, oc3: [LEAVER] } },
    fail: { tables: { ...LEAVER_HEADER, episodes: [{ DECOM: '2021-06-01', DEC: '2022-05-01', REC: 'E3' }], oc3: [LEAVER] } },
  },
  {
    code: '1014',
    message: 'The care leaver was not looked after during the year, so UASC information is not needed.',
    table: 'oc3',
    fields: FIELDS,
    when: `${anyFilled(ITEMS)} AND ${sameChild('uasc', 'u')} AND ${sameChild('episodes', 'e')} AND NOT ${sameChild('episodes', 'e', IN_YEAR)}`,
    pass: { tables: { ...LEAVER_HEADER, episodes: [{ DECOM: '2021-06-01', DEC: '2022-04-01', REC: 'E8' }], uasc: [{ DUC: '2022-05-01' }], oc3: [LEAVER] } },
    fail: { tables: { ...LEAVER_HEADER, episodes: [{ DECOM: '2021-06-01', DEC: '2022-03-31', REC: 'E8' }], uasc: [{ DUC: '2022-05-01' }], oc3: [LEAVER] } },
  },
  {
    code: '1014',
    message: 'The care leaver was not looked after during the year, so UASC information is not needed.',
    table: 'uasc',
    fields: ['DUC'],
    when: `${sameChild('oc3', 'o', ITEMS.map((c) => `o.${c} IS NOT NULL`).join(' OR '))} AND ${sameChild('episodes', 'e')} AND NOT ${sameChild('episodes', 'e', IN_YEAR)}`,
    pass: { tables: { ...LEAVER_HEADER, episodes: [{ DECOM: '2021-06-01', DEC: '2022-04-01', REC: 'E8' }], uasc: [{ DUC: '2022-05-01' }], oc3: [LEAVER] } },
    fail: { tables: { ...LEAVER_HEADER, episodes: [{ DECOM: '2021-06-01', DEC: '2022-03-31', REC: 'E8' }], uasc: [{ DUC: '2022-05-01' }], oc3: [LEAVER] } },
  },
  {
    code: '1016',
    message: 'The young person is 17 or 18 at 31 March and ceased to be looked after after their 17th birthday, so care leaver information is not needed.',
    table: 'oc3',
    fields: ['DOB', ...FIELDS],
    from: 2024,
    when: `age_on(t.dob, ${END}) IN (17, 18) AND ${sameChild('episodes', 'e', `e.dec >= ${birthday('t.dob', 17)}`)} AND ${anyFilled(ITEMS)}`,
    pass: { year: 2024, tables: { episodes: [{ DECOM: '2021-06-01', DEC: '2023-04-30', REC: 'E8' }], oc3: [{ ...LEAVER, DOB: '2006-05-01' }] } },
    fail: { year: 2024, tables: { episodes: [{ DECOM: '2021-06-01', DEC: '2023-05-01', REC: 'E8' }], oc3: [{ ...LEAVER, DOB: '2006-05-01' }] } },
  },
];
