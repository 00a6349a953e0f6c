/** DfE rules on the Placed for adoption and Missing files. */
import { MISSING, REASON_PLACED_CEASED } from '../../domain/codes.js';
import type { QualityRule } from '../rule.js';
import { END, sameChild, START, validCode } from './sql.js';

/** DEC of the child's latest episode that did not end with a change of placement only (X1); NULL while open. */
const LATEST_DEC = `(SELECT arg_max_null(e.dec, e.decom) FROM episodes e
  WHERE e.return_year = t.return_year AND e.child = t.child AND e.rec IS DISTINCT FROM 'X1' AND e.decom IS NOT NULL)`;

/** DECOM of the child's earliest episode that is not a short break (V3, V4). */
const FIRST_DECOM = `(SELECT min(e.decom) FROM episodes e
  WHERE e.return_year = t.return_year AND e.child = t.child AND e.ls IS DISTINCT FROM 'V3' AND e.ls IS DISTINCT FROM 'V4')`;

export const ADOPTION_MISSING_RULES: QualityRule[] = [
  {
    code: '117',
    message: 'Date of the decision that the child should (or should no longer) be placed for adoption is after the collection year or after the child ceased to be looked after.',
    table: 'placed_for_adoption',
    fields: ['DATE_PLACED', 'DATE_PLACED_CEASED'],
    when: `t.date_placed > ${END} OR t.date_placed_ceased > ${END}
      OR t.date_placed > ${LATEST_DEC} OR t.date_placed_ceased > ${LATEST_DEC}`,
    pass: { tables: { episodes: [{ DEC: '2023-01-10', REC: 'E11' }], placed_for_adoption: [{ DATE_PLACED: '2022-09-01' }] } },
    fail: { tables: { episodes: [{ DEC: '2023-01-10', REC: 'E11' }], placed_for_adoption: [{ DATE_PLACED: '2023-02-01' }] } },
  },
  {
    code: '118',
    message: 'Date of the decision that the child should no longer be placed for adoption is before the collection year or before the child started to be looked after.',
    table: 'placed_for_adoption',
    fields: ['DATE_PLACED_CEASED'],
    when: `t.date_placed_ceased < ${START} OR t.date_placed_ceased < ${FIRST_DECOM}`,
    pass: { tables: { placed_for_adoption: [{ DATE_PLACED: '2022-07-01', DATE_PLACED_CEASED: '2022-10-01', REASON_PLACED_CEASED: 'RD1' }] } },
    fail: { tables: { placed_for_adoption: [{ DATE_PLACED: '2022-03-01', DATE_PLACED_CEASED: '2022-03-20', REASON_PLACED_CEASED: 'RD1' }] } },
  },
  {
    code: '119',
    message: 'When a child should no longer be placed for adoption, both the date of that decision and the reason for it must be given.',
    table: 'placed_for_adoption',
    fields: ['DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'],
    when: `(t.date_placed_ceased IS NULL) <> (t.reason_placed_ceased IS NULL)`,
    pass: { tables: { placed_for_adoption: [{ DATE_PLACED: '2022-07-01', DATE_PLACED_CEASED: '2022-10-01', REASON_PLACED_CEASED: 'RD1' }] } },
    fail: { tables: { placed_for_adoption: [{ DATE_PLACED: '2022-07-01', DATE_PLACED_CEASED: '2022-10-01' }] } },
  },
  {
    code: '120',
    message: 'Reason the child should no longer be placed for adoption is not a valid code.',
    table: 'placed_for_adoption',
    fields: ['REASON_PLACED_CEASED'],
    when: `t.reason_placed_ceased IS NOT NULL AND NOT ${validCode(REASON_PLACED_CEASED, 't.reason_placed_ceased')}`,
    pass: { tables: { placed_for_adoption: [{ DATE_PLACED: '2022-07-01', DATE_PLACED_CEASED: '2022-10-01', REASON_PLACED_CEASED: 'RD4' }] } },
    fail: { tables: { placed_for_adoption: [{ DATE_PLACED: '2022-07-01', DATE_PLACED_CEASED: '2022-10-01', REASON_PLACED_CEASED: 'RD0' }] } },
  },
  {
    code: '184',
    message: 'Date of the decision that the child should be placed for adoption is before the child was born.',
    table: 'placed_for_adoption',
    fields: ['DATE_PLACED', 'DOB'],
    when: sameChild('header', 'h', 'h.dob > t.date_placed'),
    pass: { tables: { placed_for_adoption: [{ DATE_PLACED: '2022-07-01' }] } },
    fail: { tables: { placed_for_adoption: [{ DATE_PLACED: '2010-04-30' }] } },
  },
  {
    code: '1006',
    message: 'Missing type is not valid (M missing, A away without authorisation).',
    table: 'missing',
    fields: ['MISSING'],
    when: `t.missing IS NOT NULL AND NOT ${validCode(MISSING, 't.missing')}`,
    pass: { tables: { missing: [{ MISSING: 'A', MIS_START: '2022-08-01', MIS_END: '2022-08-02' }] } },
    fail: { tables: { missing: [{ MISSING: 'AWAY', MIS_START: '2022-08-01', MIS_END: '2022-08-02' }] } },
  },
];
