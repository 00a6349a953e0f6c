/**
 * DfE's internal checks (INT codes) that a file agrees with the Header: every child in it is in the
 * Header, with the same date of birth, and files with one row per child have one; and DfE 1012,
 * that a child with no episodes in the year has no other data but care leaver items. Made per file
 * kind from the maps below, so a kind is added with one line.
 */
import { fileKind, type FileKindId } from '../../domain/fileKinds.js';
import type { FixtureRow, QualityRule } from '../rule.js';
import { sameChild } from './sql.js';

/** A valid row of each kind beyond CHILD and DOB, so the fixtures break nothing else. */
const KIND_ROWS: Partial<Record<FileKindId, FixtureRow>> = {
  placed_for_adoption: { DATE_PLACED: '2022-07-01' },
  missing: { MISSING: 'M', MIS_START: '2022-08-01', MIS_END: '2022-08-02' },
  previous_permanence: { PREV_PERM: 'Z1' },
};

/** "Child in <file> does not exist in Header." */
const NOT_IN_HEADER: Partial<Record<FileKindId, string>> = {
  ad1: 'INT01',
  placed_for_adoption: 'INT02',
  episodes: 'INT03',
  missing: 'INT04',
  oc2: 'INT05',
  oc3: 'INT06',
  previous_permanence: 'INT07',
  reviews: 'INT08',
  uasc: 'INT09',
};

/** "DOB in <file> is different to DOB in Header." */
const DOB_DIFFERS: Partial<Record<FileKindId, string>> = {
  ad1: 'INT11',
  placed_for_adoption: 'INT12',
  missing: 'INT13',
  oc2: 'INT14',
  oc3: 'INT15',
  previous_permanence: 'INT16',
  reviews: 'INT17',
  uasc: 'INT18',
};

/**
 * "Child should only exist once in <file>": every row of such a child is reported, as DfE's check
 * does. The workbench's own W03 covers the one-row-per-child kinds not listed here.
 */
export const ONCE_PER_CHILD: Partial<Record<FileKindId, string>> = {
  ad1: 'INT31',
  header: 'INT32',
  oc2: 'INT33',
  oc3: 'INT34',
  previous_permanence: 'INT35',
  uasc: 'INT36',
};

/** DfE 1012's files: those a child without episodes in the year should have no row in. */
const NEEDS_EPISODES: readonly FileKindId[] = ['placed_for_adoption', 'missing', 'reviews', 'ad1', 'previous_permanence', 'oc2'];

function entries(map: Partial<Record<FileKindId, string>>): [FileKindId, string][] {
  return Object.entries(map) as [FileKindId, string][];
}

const row = (kind: FileKindId, extra: FixtureRow = {}): FixtureRow => ({ ...KIND_ROWS[kind], ...extra });

export const INTERNAL_RULES: QualityRule[] = [
  ...entries(NOT_IN_HEADER).map(([kind, code]): QualityRule => ({
    code,
    message: `The child in ${fileKind(kind).title} is not in the Header.`,
    table: kind,
    fields: ['CHILD'],
    when: `NOT ${sameChild('header', 'h')}`,
    needs: ['header'],
    pass: { tables: { [kind]: [row(kind)] } },
    fail: { tables: { [kind]: [row(kind, { CHILD: '2' })] } },
  })),
  ...entries(DOB_DIFFERS).map(([kind, code]): QualityRule => ({
    code,
    message: `The date of birth in ${fileKind(kind).title} differs from the Header's.`,
    table: kind,
    fields: ['DOB'],
    when: sameChild('header', 'h', 'h.dob <> t.dob'),
    pass: { tables: { [kind]: [row(kind)] } },
    fail: { tables: { [kind]: [row(kind, { DOB: '2010-05-02' })] } },
  })),
  ...entries(ONCE_PER_CHILD).map(([kind, code]): QualityRule => ({
    code,
    message: `The child appears more than once in ${fileKind(kind).title}, which has one row per child.`,
    table: kind,
    fields: ['CHILD'],
    when: `EXISTS (SELECT 1 FROM ${kind} d WHERE d.return_year = t.return_year AND d.child = t.child AND d.source_row <> t.source_row)`,
    pass: { tables: { [kind]: [row(kind), row(kind, { CHILD: '2' })] } },
    fail: { tables: { [kind]: [row(kind), row(kind)] } },
  })),
  ...NEEDS_EPISODES.map((kind): QualityRule => ({
    code: '1012',
    message: 'The child has no episodes in the year, so no data but care leaver (OC3) items should be returned for them.',
    table: kind,
    fields: ['CHILD'],
    when: `NOT ${sameChild('episodes', 'e')}`,
    needs: ['episodes'],
    pass: { tables: { [kind]: [row(kind)] } },
    fail: { tables: { episodes: [], [kind]: [row(kind)] } },
  })),
];
