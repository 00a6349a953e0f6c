/**
 * The SSDA903 file kinds the workbench loads, and the typed columns of each.
 * A file is recognised by its set of columns (see import/recognise.ts), never by its name.
 * Column names here are the 903 spec's upper-case names; in DuckDB they are stored lower-case.
 */

export type ColumnType =
  | 'child' // child id: text, trimmed, leading zeros kept
  | 'code' // upper-cased, trimmed text code
  | 'date' // dd/mm/yyyy in CSV; a real date, serial number or text in XLSX
  | 'int' // whole number
  | 'text'; // free text, trimmed (postcodes, URN, UPN, social worker id)

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  /** Missing from some years' specs (header UASC): the file is still recognised without it. */
  readonly optional?: boolean;
  /** An event date that cannot fall after the 31 March that ends the collection year. */
  readonly notAfterYearEnd?: boolean;
  /** Must be filled on every row. */
  readonly required?: boolean;
  /** Inclusive bounds for an int column. */
  readonly range?: readonly [number, number];
  /**
   * How a text column is stored, from the shape of its values (see shared/sql/schema.ts): few
   * distinct values (providers, authorities, social workers) as a dictionary, one or nearly one per
   * child (UPN, postcodes) as FSST. Codes and children's ids are stored by their type.
   */
  readonly storedAs?: 'dictionary' | 'fsst';
}

export const FILE_KIND_IDS = [
  'header',
  'episodes',
  'reviews',
  'uasc',
  'oc2',
  'oc3',
  'ad1',
  'placed_for_adoption',
  'previous_permanence',
  'missing',
  'sw_episodes',
] as const;
export type FileKindId = (typeof FILE_KIND_IDS)[number];

export interface FileKind {
  readonly id: FileKindId;
  readonly title: string;
  readonly rowIs: string;
  readonly columns: readonly ColumnSpec[];
  /** Pairs [earlier, later] of date columns where later may not precede earlier. */
  readonly dateOrder?: readonly (readonly [string, string])[];
}

const child: ColumnSpec = { name: 'CHILD', type: 'child', required: true };
const dob: ColumnSpec = { name: 'DOB', type: 'date', required: true, notAfterYearEnd: true };

export const FILE_KINDS: readonly FileKind[] = [
  {
    id: 'header',
    title: 'Header',
    rowIs: 'child looked after at any time in the year',
    columns: [
      child,
      { name: 'SEX', type: 'code', required: true },
      dob,
      { name: 'ETHNIC', type: 'code', required: true },
      { name: 'UPN', type: 'text', storedAs: 'fsst' },
      { name: 'MOTHER', type: 'code' },
      { name: 'MC_DOB', type: 'date' },
      { name: 'UASC', type: 'code', optional: true },
    ],
  },
  {
    id: 'episodes',
    title: 'Episodes',
    rowIs: 'episode of care open at any time in the year',
    columns: [
      child,
      { name: 'DECOM', type: 'date', required: true, notAfterYearEnd: true },
      { name: 'RNE', type: 'code', required: true },
      { name: 'LS', type: 'code', required: true },
      { name: 'CIN', type: 'code' },
      { name: 'PLACE', type: 'code', required: true },
      { name: 'PLACE_PROVIDER', type: 'code' },
      { name: 'DEC', type: 'date', notAfterYearEnd: true },
      { name: 'REC', type: 'code' },
      { name: 'REASON_PLACE_CHANGE', type: 'code' },
      { name: 'HOME_POST', type: 'text', storedAs: 'fsst' },
      { name: 'PL_POST', type: 'text', storedAs: 'fsst' },
      { name: 'URN', type: 'text', storedAs: 'dictionary' },
    ],
    dateOrder: [['DECOM', 'DEC']],
  },
  {
    id: 'reviews',
    title: 'Reviews',
    rowIs: 'statutory review held in the year',
    columns: [child, dob, { name: 'REVIEW', type: 'date', required: true, notAfterYearEnd: true }, { name: 'REVIEW_CODE', type: 'code' }],
  },
  {
    id: 'uasc',
    title: 'UASC',
    rowIs: 'child who was an unaccompanied asylum-seeking child',
    columns: [child, { name: 'SEX', type: 'code' }, dob, { name: 'DUC', type: 'date' }],
  },
  {
    id: 'oc2',
    title: 'OC2 (outcomes)',
    rowIs: 'child looked after continuously for 12 months at 31 March',
    columns: [
      child,
      dob,
      { name: 'SDQ_SCORE', type: 'int', range: [0, 40] },
      { name: 'SDQ_REASON', type: 'code' },
      { name: 'CONVICTED', type: 'code' },
      { name: 'HEALTH_CHECK', type: 'code' },
      { name: 'IMMUNISATIONS', type: 'code' },
      { name: 'TEETH_CHECK', type: 'code' },
      { name: 'HEALTH_ASSESSMENT', type: 'code' },
      { name: 'SUBSTANCE_MISUSE', type: 'code' },
      { name: 'INTERVENTION_RECEIVED', type: 'code' },
      { name: 'INTERVENTION_OFFERED', type: 'code' },
    ],
  },
  {
    id: 'oc3',
    title: 'OC3 (care leavers)',
    rowIs: 'care leaver around their 17th-21st birthday',
    columns: [child, dob, { name: 'IN_TOUCH', type: 'code' }, { name: 'ACTIV', type: 'code' }, { name: 'ACCOM', type: 'code' }],
  },
  {
    id: 'ad1',
    title: 'AD1 (adoptions)',
    rowIs: 'child adopted in the year',
    columns: [
      child,
      dob,
      { name: 'DATE_INT', type: 'date' },
      { name: 'DATE_MATCH', type: 'date' },
      { name: 'FOSTER_CARE', type: 'code' },
      { name: 'NB_ADOPTR', type: 'code' },
      { name: 'SEX_ADOPTR', type: 'code' },
      { name: 'LS_ADOPTR', type: 'code' },
    ],
  },
  {
    id: 'placed_for_adoption',
    title: 'Placed for adoption',
    rowIs: 'decision that a child should be placed for adoption',
    columns: [
      child,
      dob,
      { name: 'DATE_PLACED', type: 'date' },
      { name: 'DATE_PLACED_CEASED', type: 'date' },
      { name: 'REASON_PLACED_CEASED', type: 'code' },
    ],
    dateOrder: [['DATE_PLACED', 'DATE_PLACED_CEASED']],
  },
  {
    id: 'previous_permanence',
    title: 'Previous permanence',
    rowIs: "child's permanence before this period of care",
    columns: [child, dob, { name: 'PREV_PERM', type: 'code' }, { name: 'LA_PERM', type: 'text', storedAs: 'dictionary' }, { name: 'DATE_PERM', type: 'text' }],
  },
  {
    id: 'missing',
    title: 'Missing',
    rowIs: 'episode missing or away without authorisation',
    columns: [
      child,
      dob,
      { name: 'MISSING', type: 'code', required: true },
      { name: 'MIS_START', type: 'date', required: true, notAfterYearEnd: true },
      { name: 'MIS_END', type: 'date' },
    ],
    dateOrder: [['MIS_START', 'MIS_END']],
  },
  {
    id: 'sw_episodes',
    title: 'Social worker episodes',
    rowIs: 'social worker episode',
    columns: [
      child,
      dob,
      { name: 'SW_ID', type: 'text', storedAs: 'dictionary' },
      { name: 'SW_DECOM', type: 'date', notAfterYearEnd: true },
      { name: 'SW_DEC', type: 'date' },
      { name: 'SW_REASON', type: 'code' },
    ],
    dateOrder: [['SW_DECOM', 'SW_DEC']],
  },
];

export function fileKind(id: FileKindId): FileKind {
  const kind = FILE_KINDS.find((k) => k.id === id);
  if (!kind) throw new Error(`Unknown 903 file kind: ${id}`);
  return kind;
}

/** Columns every loaded 903 table carries besides the spec's own, for provenance. */
export const PROVENANCE_COLUMNS = ['return_year', 'import_id', 'source_file', 'source_row'] as const;

export function duckdbType(type: ColumnType): string {
  switch (type) {
    case 'date':
      return 'DATE';
    case 'int':
      return 'INTEGER';
    default:
      return 'VARCHAR';
  }
}
