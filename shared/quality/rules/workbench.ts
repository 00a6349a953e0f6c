/**
 * Checks the workbench adds to DfE's: values that can be read but break a rule of the return the
 * import used to refuse (a date after the collection year, dates out of order, a child twice in a
 * one-row-per-child file), and the faults real extracts carry (a review before birth, a review
 * recorded twice; overlapping episodes are DfE's 501 and 142). Made from the file kinds' own
 * definitions where they say so (notAfterYearEnd, dateOrder, ONE_ROW_PER_CHILD), so a new column
 * is checked without more code.
 */
import { FILE_KINDS, type FileKindId } from '../../domain/fileKinds.js';
import { ONE_ROW_PER_CHILD } from '../../import/loadSql.js';
import type { FixtureRow, QualityRule } from '../rule.js';
import { ONCE_PER_CHILD } from './internal.js';
import { END } from './sql.js';

/**
 * Where a DfE rule catches exactly what a generic check does, the check carries DfE's code and
 * meaning instead (one finding, not two). Keyed by kind and the (later) column.
 */
const DFE_SAME_CHECK: Partial<Record<string, { code: string; message: string }>> = {
  'missing.MIS_START': { code: '570', message: 'The date the child went missing or away without authorisation is after the end of the collection year.' },
  'missing.MIS_END': { code: '567', message: 'The missing or away episode ends before it started.' },
  'sw_episodes.SW_DECOM': { code: 'SW06STG2', message: 'The social worker episode starts after the end of the collection year.' },
  'placed_for_adoption.DATE_PLACED_CEASED': { code: '522', message: 'The decision that the child should be placed for adoption is dated after the decision that they should no longer be.' },
  'header.DOB': { code: '301', message: 'The date of birth is after the end of the collection year.' },
  'episodes.DECOM': { code: '354', message: 'The episode starts after the end of the collection year.' },
  'episodes.DEC': { code: '385', message: 'The episode ceased after the end of the collection year.' },
  // A date-order check is looked up as kind.EARLIER-LATER first (episodes.DEC is also a date-after-the-year check).
  'episodes.DECOM-DEC': { code: '356', message: 'The episode ceased before it began.' },
};
const dfeSame = (kind: FileKindId, column: string) => DFE_SAME_CHECK[`${kind}.${column}`];

/** A day in the fixture year, and the day after its 31 March. */
const IN_YEAR = '2022-12-01';
const AFTER_YEAR = '2023-04-01';

/** Rows that make a valid row of each kind in the fixture (the pairs' earlier dates before IN_YEAR). */
const KIND_ROWS: Partial<Record<FileKindId, FixtureRow>> = {
  placed_for_adoption: { DATE_PLACED: '2022-07-01' },
  missing: { MISSING: 'M', MIS_START: '2022-08-01', MIS_END: '2022-08-02' },
  sw_episodes: { SW_ID: 'SW1', SW_DECOM: '2022-06-01', SW_DEC: null, SW_REASON: null },
};

function afterYear(kind: FileKindId, column: string): QualityRule {
  const row = (d: string): FixtureRow => ({ ...KIND_ROWS[kind], [column]: d });
  return {
    ...(dfeSame(kind, column) ?? { code: 'W01', message: 'A date is after 31 March, the end of the collection year.' }),
    table: kind,
    fields: [column],
    when: `t.${column.toLowerCase()} > ${END}`,
    pass: { tables: { [kind]: [row(column === 'DOB' ? '2010-05-01' : IN_YEAR)] } },
    fail: { tables: { [kind]: [row(AFTER_YEAR)] } },
  };
}

function dateOrder(kind: FileKindId, earlier: string, later: string): QualityRule {
  const base = KIND_ROWS[kind] ?? {};
  return {
    ...(dfeSame(kind, `${earlier}-${later}`) ?? dfeSame(kind, later) ?? { code: 'W02', message: `${later} is before ${earlier}: an end comes before its start.` }),
    table: kind,
    fields: [earlier, later],
    when: `t.${later.toLowerCase()} < t.${earlier.toLowerCase()}`,
    pass: { tables: { [kind]: [{ ...base, [earlier]: '2022-08-01', [later]: '2022-08-01' }] } },
    fail: { tables: { [kind]: [{ ...base, [earlier]: '2022-08-01', [later]: '2022-07-31' }] } },
  };
}

function oneRowPerChild(kind: FileKindId): QualityRule {
  return {
    code: 'W03',
    message: 'The child appears on more than one row of a file that has one row per child.',
    table: kind,
    fields: ['CHILD'],
    when: `EXISTS (SELECT 1 FROM ${kind} d WHERE d.return_year = t.return_year AND d.child = t.child AND d.source_row < t.source_row)`,
    pass: { tables: { [kind]: [{ CHILD: '1' }, { CHILD: '2' }] } },
    fail: { tables: { [kind]: [{ CHILD: '1' }, { CHILD: '1' }] } },
  };
}

export const WORKBENCH_RULES: QualityRule[] = [
  ...FILE_KINDS.flatMap((k) => k.columns.filter((c) => c.notAfterYearEnd).map((c) => afterYear(k.id, c.name))),
  ...FILE_KINDS.flatMap((k) => (k.dateOrder ?? []).map(([a, b]) => dateOrder(k.id, a, b))),
  ...FILE_KINDS.filter((k) => ONE_ROW_PER_CHILD.has(k.id) && ONCE_PER_CHILD[k.id] === undefined).map((k) => oneRowPerChild(k.id)),
  {
    code: 'W05',
    message: 'The review is dated before the child was born.',
    table: 'reviews',
    fields: ['REVIEW', 'DOB'],
    when: 't.review < t.dob',
    pass: { tables: { reviews: [{ REVIEW: '2010-05-01' }] } },
    fail: { tables: { reviews: [{ REVIEW: '2010-04-30' }] } },
  },
  {
    code: 'W06',
    message: 'The same review (child and date) is recorded more than once.',
    table: 'reviews',
    fields: ['REVIEW'],
    when: `EXISTS (SELECT 1 FROM reviews d WHERE d.return_year = t.return_year AND d.child = t.child AND d.review = t.review AND d.source_row < t.source_row)`,
    pass: { tables: { reviews: [{}, { REVIEW: '2023-01-15' }] } },
    fail: { tables: { reviews: [{}, {}] } },
  },
];
