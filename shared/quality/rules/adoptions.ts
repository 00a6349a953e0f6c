/**
 * DfE rules on adoptions (AD1): the adopters' codes agree with each other, the dates agree with the
 * episodes (placed for adoption, adopted) and with the decision to place for adoption. A rule that
 * compares an AD1 row with an episode reports both rows, as DfE's validation does. Rules 114, 134,
 * 151, 175-177 and 187 are with the other outcome rules (outcomes.ts).
 */
import type { FixtureRow, QualityRule } from '../rule.js';
import { AD1_ITEMS, AD1_ROW } from './outcomes.js';
import { anyFilled, END, sameChild, START } from './sql.js';
import { type OnEpisode, withEpisode } from './withEpisode.js';

const AD1_FIELDS = AD1_ITEMS.map((c) => c.toUpperCase());

/** Episodes of an adoption: in care from June 2021, placed for adoption (A4) July 2022, adopted (E12) January 2023. */
const ADOPTED: FixtureRow[] = [
  { DECOM: '2021-06-01', DEC: '2022-07-01', REC: 'X1' },
  { DECOM: '2022-07-01', RNE: 'P', PLACE: 'A4', DEC: '2023-01-10', REC: 'E12' },
];
const withEpisodes = (ad1: FixtureRow, episodes: FixtureRow[] = ADOPTED) => ({ tables: { episodes, ad1: [ad1] } });
const adopters = (ls: string, sex: string, nb = '2'): FixtureRow => ({ ...AD1_ROW, LS_ADOPTR: ls, SEX_ADOPTR: sex, NB_ADOPTR: nb });

/** A rule on the adopters' codes: `when` true for a row breaking it. */
function adopterCodes(code: string, message: string, when: string, good: FixtureRow, bad: FixtureRow, fields = ['LS_ADOPTR', 'SEX_ADOPTR']): QualityRule {
  return { code, message, table: 'ad1', fields, when, pass: { tables: { ad1: [good] } }, fail: { tables: { ad1: [bad] } } };
}

/** The adoption items filled on the AD1 row a. */
const ad1Filled = (a: string) => `(${AD1_ITEMS.map((c) => `${a}.${c} IS NOT NULL`).join(' OR ')})`;

/** An episode that ended in adoption (E11, E12) during the row's collection year. */
const ADOPTED_IN_YEAR: OnEpisode = (e) => `${e}.rec IN ('E11', 'E12') AND ${e}.dec BETWEEN ${START} AND ${END}`;

export const ADOPTION_RULES: QualityRule[] = [
  {
    code: '333',
    message: 'The date of the decision that the child should be placed for adoption must be on or before the date of matching with the adopters.',
    table: 'ad1',
    fields: ['DATE_INT', 'DATE_MATCH'],
    when: `(t.date_match IS NOT NULL AND t.date_int IS NULL) OR t.date_int > t.date_match`,
    pass: { tables: { ad1: [{ ...AD1_ROW, DATE_INT: '2022-06-01' }] } },
    fail: { tables: { ad1: [{ ...AD1_ROW, DATE_INT: '2022-06-02' }] } },
  },
  adopterCodes('511', 'Two adopters are recorded, so their sexes should be coded MM, FF or MF.', `t.nb_adoptr = '2' AND t.sex_adoptr IN ('M1', 'F1')`, adopters('L11', 'MF'), adopters('L11', 'M1'), ['NB_ADOPTR', 'SEX_ADOPTR']),
  adopterCodes('514', 'The legal status of the adopters is a single adopter (L0), but their sex is coded as a couple.', `t.ls_adoptr = 'L0' AND coalesce(t.sex_adoptr, '') NOT IN ('M1', 'F1')`, adopters('L0', 'F1', '1'), adopters('L0', 'FF', '1')),
  adopterCodes('517', 'The adopters are a different-gender unmarried couple (L3), so their sexes should be coded MF.', `t.ls_adoptr = 'L3' AND t.sex_adoptr IS DISTINCT FROM 'MF'`, adopters('L3', 'MF'), adopters('L3', 'MM')),
  adopterCodes('518', 'The adopters are a same-gender couple not married or in a civil partnership (L4), so their sexes should be coded MM or FF.', `t.ls_adoptr = 'L4' AND coalesce(t.sex_adoptr, '') NOT IN ('MM', 'FF')`, adopters('L4', 'FF'), adopters('L4', 'MF')),
  adopterCodes('519', 'The adopters are a civil partnership couple (L2), but their sexes are not coded as a couple.', `t.ls_adoptr = 'L2' AND coalesce(t.sex_adoptr, '') NOT IN ('MM', 'FF', 'MF')`, adopters('L2', 'MM'), adopters('L2', 'M1')),
  adopterCodes('520', 'The adopters are a different-gender married couple (L11), so their sexes should be coded MF.', `t.ls_adoptr = 'L11' AND t.sex_adoptr IS DISTINCT FROM 'MF'`, adopters('L11', 'MF'), adopters('L11', 'FF')),
  adopterCodes('524', 'The adopters are a same-gender married couple (L12), so their sexes should be coded MM or FF.', `t.ls_adoptr = 'L12' AND coalesce(t.sex_adoptr, '') NOT IN ('MM', 'FF')`, adopters('L12', 'MM'), adopters('L12', 'MF')),
  ...withEpisode(
    'ad1',
    '334',
    'The child started their latest period of care after the date of the decision that they should be placed for adoption.',
    ['DATE_INT', 'DECOM', 'RNE'],
    (e) => `${e}.rne = 'S' AND ${e}.decom = (SELECT max(s.decom) FROM episodes s WHERE s.return_year = ${e}.return_year AND s.child = ${e}.child AND s.rne = 'S')`,
    (e, a) => `${a}.date_int < ${e}.decom`,
    withEpisodes({ ...AD1_ROW, DATE_INT: '2021-06-01' }),
    withEpisodes({ ...AD1_ROW, DATE_INT: '2021-05-31' }),
  ),
  ...withEpisode(
    'ad1',
    '335',
    'Whether the adopters were the foster carers does not fit the last placement: 0 with a placement with foster carers (A2, A3, A5), or 1 with one that is not (A1, A4, A6).',
    ['FOSTER_CARE', 'PLACE'],
    (e) => `${e}.rec IN ('E1', 'E11', 'E12')`,
    (e, a) => `(${e}.place IN ('A2', 'A3', 'A5') AND ${a}.foster_care = '0') OR (${e}.place IN ('A1', 'A4', 'A6') AND ${a}.foster_care = '1')`,
    withEpisodes({ ...AD1_ROW, FOSTER_CARE: '0' }),
    withEpisodes({ ...AD1_ROW, FOSTER_CARE: '1' }),
  ),
  ...withEpisode(
    'ad1',
    '331',
    'The date of matching with the adopters should be on or before the start of the placement the child was adopted from.',
    ['DATE_MATCH', 'DECOM', 'REC'],
    (e) => `${e}.rec IN ('E11', 'E12')`,
    (e, a) => `${a}.date_match > ${e}.decom`,
    withEpisodes({ ...AD1_ROW, DATE_MATCH: '2022-07-01' }),
    withEpisodes({ ...AD1_ROW, DATE_MATCH: '2022-07-02' }),
  ),
  ...withEpisode(
    'ad1',
    '521',
    'The date of the decision that the child should be placed for adoption must be on or before the date they were placed for adoption.',
    ['DATE_INT', 'DECOM', 'PLACE'],
    (e) => `${e}.place IN ('A3', 'A4', 'A5', 'A6')`,
    (e, a) => `${a}.date_int > ${e}.decom`,
    withEpisodes({ ...AD1_ROW, DATE_INT: '2022-07-01', DATE_MATCH: '2022-07-01' }),
    withEpisodes({ ...AD1_ROW, DATE_INT: '2022-07-02', DATE_MATCH: '2022-07-02' }),
  ),
  ...withEpisode(
    'ad1',
    '601',
    'The episodes show the child was adopted during the year, but some of the adoption (AD1) items are blank.',
    [...AD1_FIELDS, 'REC'],
    ADOPTED_IN_YEAR,
    (_e, a) => AD1_ITEMS.map((c) => `${a}.${c} IS NULL`).join(' OR '),
    withEpisodes(AD1_ROW),
    withEpisodes({ ...AD1_ROW, FOSTER_CARE: null }),
  ),
  {
    code: '582',
    message: 'The child was adopted on the same day as they were matched with the adopters; the match is expected before the adoption.',
    table: 'episodes',
    fields: ['DEC', 'DATE_MATCH'],
    when: `t.rec IN ('E11', 'E12') AND ${sameChild('ad1', 'a', 'a.date_match = t.dec')}`,
    pass: withEpisodes({ ...AD1_ROW, DATE_MATCH: '2023-01-09' }),
    fail: withEpisodes({ ...AD1_ROW, DATE_MATCH: '2023-01-10' }),
  },
  {
    code: '602',
    message: 'Adoption (AD1) items are given, but the episodes do not show the child was adopted during the year.',
    table: 'ad1',
    fields: ['CHILD'],
    when: `${anyFilled(AD1_ITEMS)} AND NOT ${sameChild('episodes', 'e', ADOPTED_IN_YEAR('e'))}`,
    needs: ['episodes'],
    pass: withEpisodes(AD1_ROW),
    fail: withEpisodes(AD1_ROW, [ADOPTED[0]!, { ...ADOPTED[1]!, DEC: null, REC: null }]),
  },
  ...[
    { table: 'ad1' as const, fields: ['DATE_INT'], when: sameChild('placed_for_adoption', 'p', 'p.date_placed <> t.date_int') },
    { table: 'placed_for_adoption' as const, fields: ['DATE_PLACED'], when: sameChild('ad1', 'a', 'a.date_int <> t.date_placed') },
  ].map(({ table, fields, when }): QualityRule => ({
    code: '523',
    message: 'The date of the decision that the child should be placed for adoption differs between the placed-for-adoption file and the adoption (AD1) file.',
    table,
    fields,
    when,
    pass: { tables: { ad1: [AD1_ROW], placed_for_adoption: [{ DATE_PLACED: '2022-05-01' }] } },
    fail: { tables: { ad1: [AD1_ROW], placed_for_adoption: [{ DATE_PLACED: '2022-05-02' }] } },
  })),
  ...[
    { table: 'ad1' as const, fields: AD1_FIELDS, when: `${anyFilled(AD1_ITEMS)} AND ${sameChild('placed_for_adoption', 'p', 'p.date_placed_ceased IS NOT NULL')}` },
    { table: 'placed_for_adoption' as const, fields: ['DATE_PLACED_CEASED'], when: `t.date_placed_ceased IS NOT NULL AND ${sameChild('ad1', 'a', ad1Filled('a'))}` },
  ].map(({ table, fields, when }): QualityRule => ({
    code: '525',
    message: 'The decision that the child should be placed for adoption was reversed, so they cannot have been adopted during the year.',
    table,
    fields,
    when,
    pass: { tables: { ad1: [AD1_ROW], placed_for_adoption: [{ DATE_PLACED: '2022-05-01' }] } },
    fail: { tables: { ad1: [AD1_ROW], placed_for_adoption: [{ DATE_PLACED: '2022-05-01', DATE_PLACED_CEASED: '2022-08-01', REASON_PLACED_CEASED: 'RD1' }] } },
  })),
];
