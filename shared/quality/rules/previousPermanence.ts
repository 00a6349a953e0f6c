/**
 * DfE rules on previous permanence (the order the child had before this period of care): the codes,
 * the date of the order (text, where ZZ stands for an unknown day or month and ZZZZ for an unknown
 * year), and whether a child starting to be looked after has it. Rules reported on episodes are too,
 * as DfE's checks report them.
 */
import { PREV_PERM } from '../../domain/codes.js';
import type { FixtureRow, QualityRule } from '../rule.js';
import { codeRule } from './codeRule.js';
import { sameChild, START } from './sql.js';
import { firstEpisode, withEpisode } from './withEpisode.js';

/**
 * DfE's three-digit local authority codes (as the return uses them), the codes for Wales,
 * Scotland, Northern Ireland and outside the UK, and 999 (not known).
 */
const LA_CODES = (
  '800,889,822,301,304,303,330,825,837,302,846,370,350,890,867,380,305,801,351,873,823,895,896,381,909,202,908,331,306,841,830,831,878,371,835,332,840,307,' +
  '308,811,881,845,390,916,203,876,850,311,204,884,312,205,313,805,919,310,309,420,921,206,207,886,810,382,314,340,888,208,856,383,855,209,925,341,201,821,' +
  '352,806,887,826,315,929,812,391,926,892,813,802,928,891,392,316,815,353,931,879,836,851,874,807,354,317,870,318,372,857,333,935,343,803,373,342,893,356,' +
  '355,871,394,334,933,882,936,861,852,319,860,808,393,866,210,357,894,883,880,358,211,937,869,320,359,865,384,335,336,212,868,872,885,344,877,213,938,816,' +
  '999,WAL,SCO,NUK,NIR'
).split(',');

/**
 * DATE_PERM as a date, the latest it can be where parts are unknown (ZZ day: the month's last day;
 * ZZ month: 31 December; ZZZZ year: 2000, DfE's check's stand-in); NULL when it is not such a date.
 */
function datePerm(value: string): string {
  // DfE's guidance writes the placeholders zz; the validator accepts only ZZ: either is accepted here.
  const col = `upper(${value})`;
  const part = (i: number) => `string_split(${col}, '/')[${i}]`;
  const asDate = `CAST(try_strptime(concat_ws('/', CASE WHEN ${part(1)} = 'ZZ' THEN '01' ELSE ${part(1)} END,
    CASE WHEN ${part(2)} = 'ZZ' THEN '01' ELSE ${part(2)} END, CASE WHEN ${part(3)} = 'ZZZZ' THEN '2000' ELSE ${part(3)} END), '%d/%m/%Y') AS DATE)`;
  return `CASE WHEN len(string_split(${col}, '/')) <> 3 THEN NULL
    WHEN ${part(2)} = 'ZZ' THEN CAST(${asDate} + INTERVAL 1 YEAR - INTERVAL 1 DAY AS DATE)
    WHEN ${part(1)} = 'ZZ' THEN CAST(${asDate} + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE)
    ELSE ${asDate} END`;
}

const PERM: FixtureRow = { PREV_PERM: 'P2', LA_PERM: '801', DATE_PERM: '20/02/2020' };
const fx = (perm: FixtureRow[], episodes?: FixtureRow[]) => ({ tables: { previous_permanence: perm, ...(episodes ? { episodes } : {}) } });

export const PREVIOUS_PERMANENCE_RULES: QualityRule[] = [
  codeRule('631', 'previous_permanence', 'PREV_PERM', 'Previous permanence option is not a valid code.', PREV_PERM, 'P4', 'P5'),
  {
    code: '633',
    message: 'The local authority that arranged the previous permanence option is not a valid code.',
    table: 'previous_permanence',
    fields: ['LA_PERM'],
    when: `t.la_perm IS NOT NULL AND t.la_perm NOT IN (${LA_CODES.map((c) => `'${c}'`).join(', ')})`,
    pass: fx([{ ...PERM, LA_PERM: 'SCO' }]),
    fail: fx([{ ...PERM, LA_PERM: '458' }]),
  },
  {
    code: '635',
    message: 'The date or the authority of a previous permanence order is given, but the previous permanence option is blank.',
    table: 'previous_permanence',
    fields: ['PREV_PERM', 'LA_PERM', 'DATE_PERM'],
    when: `(t.la_perm IS NOT NULL OR t.date_perm IS NOT NULL) AND t.prev_perm IS NULL`,
    pass: fx([PERM]),
    fail: fx([{ ...PERM, PREV_PERM: null }]),
  },
  {
    code: '630',
    message: 'The child started to be looked after this year, so previous permanence must be returned (the option, and the date and authority unless it is Z1).',
    table: 'episodes',
    fields: ['RNE', 'PREV_PERM', 'LA_PERM', 'DATE_PERM'],
    needs: ['previous_permanence'],
    when: `t.rne = 'S' AND t.decom >= ${START} AND (NOT ${sameChild('previous_permanence', 'p')}
      OR ${sameChild('previous_permanence', 'p', "p.prev_perm IS NULL OR (p.prev_perm <> 'Z1' AND (p.la_perm IS NULL OR p.date_perm IS NULL))")})`,
    pass: fx([{ PREV_PERM: 'Z1' }]),
    fail: fx([{ ...PERM, LA_PERM: null }]),
  },
  ...withEpisode(
    'previous_permanence',
    '632',
    'The date of the previous permanence order is not a valid date (dd/mm/yyyy, ZZ for an unknown day or month), or is not before the child\'s first episode.',
    ['DATE_PERM', 'DECOM'],
    firstEpisode(() => 'true'),
    (e, p) => `${datePerm(`${p}.date_perm`)} >= ${e}.decom OR (${p}.date_perm IS NOT NULL AND ${datePerm(`${p}.date_perm`)} IS NULL)`,
    fx([{ ...PERM, DATE_PERM: 'zz/05/2022' }]),
    fx([{ ...PERM, DATE_PERM: 'ZZ/06/2022' }]),
  ),
  ...[
    { table: 'previous_permanence' as const, fields: ['PREV_PERM', 'LA_PERM', 'DATE_PERM'], when: `(t.prev_perm IS NOT NULL OR t.la_perm IS NOT NULL OR t.date_perm IS NOT NULL)
      AND (SELECT max(e.decom) FROM episodes e WHERE e.return_year = t.return_year AND e.child = t.child) < ${START}` },
    { table: 'episodes' as const, fields: ['DECOM'], when: `(SELECT max(e.decom) FROM episodes e WHERE e.return_year = t.return_year AND e.child = t.child) < ${START}
      AND ${sameChild('previous_permanence', 'p', 'p.prev_perm IS NOT NULL OR p.la_perm IS NOT NULL OR p.date_perm IS NOT NULL')}` },
  ].map(({ table, fields, when }): QualityRule => ({
    code: '634',
    message: 'Previous permanence is given, but the child has not started to be looked after since the start of the collection year (the latest episode starts before it).',
    table,
    fields,
    when,
    pass: fx([PERM], [{ DECOM: '2022-04-01' }]),
    fail: fx([PERM], [{ DECOM: '2022-03-31' }]),
  })),
];
