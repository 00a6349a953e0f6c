/**
 * The clean child every rule fixture starts from: one child looked after since June 2022, one
 * review, in the collection year 2023. Every rule passes on it as it is (a test holds that).
 */
import type { FileKindId } from '../../domain/fileKinds.js';
import type { FixtureRow, FixtureTables } from '../rule.js';

export const FIXTURE_YEAR = 2023;

const DOB = '2010-05-01';

export const BASE_ROWS: Partial<Record<FileKindId, FixtureRow>> = {
  header: { CHILD: '1', SEX: '1', DOB, ETHNIC: 'WBRI', UPN: 'A123456789012', MOTHER: null, MC_DOB: null, UASC: '0' },
  episodes: {
    CHILD: '1', DECOM: '2022-06-01', RNE: 'S', LS: 'C2', CIN: 'N1', PLACE: 'U1', PLACE_PROVIDER: 'PR1', DEC: null, REC: null,
    HOME_POST: 'AB1 2CD', PL_POST: 'AB3 4EF', URN: 'SC123456',
  },
  reviews: { CHILD: '1', DOB, REVIEW: '2022-11-15', REVIEW_CODE: 'PN1' },
  // Started to be looked after in the year, so previous permanence is returned (DfE 630).
  previous_permanence: { CHILD: '1', DOB, PREV_PERM: 'Z1', LA_PERM: null, DATE_PERM: null },
};

/** What every other table's fixture row starts from. */
const ANY_ROW: FixtureRow = { CHILD: '1', DOB };

/** The tables of a fixture with every row on top of its table's base row; the base child where a table is not named. */
export function fixtureTables(tables: FixtureTables, withBase: boolean): FixtureTables {
  const out: FixtureTables = {};
  if (withBase) for (const [k, row] of Object.entries(BASE_ROWS)) out[k as FileKindId] = [{ ...row }];
  for (const [k, rows] of Object.entries(tables)) {
    const base = BASE_ROWS[k as FileKindId] ?? ANY_ROW;
    out[k as FileKindId] = (rows ?? []).map((r) => ({ ...base, ...r }));
  }
  return out;
}
