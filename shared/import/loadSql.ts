/**
 * The SQL that takes a staged file (every value as trimmed text, one row per data row with its
 * source_row as the user sees it) and checks it, then loads it into its kind's typed table.
 * Checking is set-based in DuckDB; the messages name the row, the column and what was expected.
 */
import type { ColumnSpec, FileKind } from '../domain/fileKinds.js';
import { quoteIdent, quoteLiteral } from '../engine.js';
import type { Recognised } from './recognise.js';

/** Staged column name for the file's column at position i. */
export function stagedColumn(i: number): string {
  return `c${i}`;
}

const DMY = String.raw`\d{1,2}/\d{1,2}/\d{4}( 00:00(:00)?)?`;
const DMY_SHORT = String.raw`\d{1,2}/\d{1,2}/\d{2}`;
const ISO = String.raw`\d{4}-\d{2}-\d{2}`;

/** dd/mm/yyyy strictly (never mm/dd), or ISO yyyy-mm-dd; anything else is NULL. */
export function dateExpr(v: string): string {
  return `CASE WHEN regexp_full_match(${v}, '${DMY}') THEN try_strptime(split_part(${v}, ' ', 1), '%d/%m/%Y')::DATE
    WHEN regexp_full_match(${v}, '${ISO}') THEN try_cast(${v} AS DATE) END`;
}

function valueExpr(col: ColumnSpec, v: string): string {
  switch (col.type) {
    case 'date':
      return dateExpr(v);
    case 'int':
      return `try_cast(nullif(${v}, '') AS INTEGER)`;
    case 'code':
      return `nullif(upper(${v}), '')`;
    case 'child':
    case 'text':
      return `nullif(${v}, '')`;
  }
}

/** What Excel writes for a formula that failed; never data, in any column. */
export const EXCEL_ERRORS = ['#N/A', '#VALUE!', '#REF!', '#DIV/0!', '#NUM!', '#NAME?', '#NULL!', '#SPILL!', '#CALC!', '#GETTING_DATA', '#FIELD!', '#BLOCKED!', '#UNKNOWN!', '#BUSY!'];

/** Kinds the 903 spec gives one row per child: a second row for a child is a data-quality finding (shared/quality). */
export const ONE_ROW_PER_CHILD: ReadonlySet<string> = new Set(['header', 'uasc', 'oc2', 'oc3', 'ad1']);

/**
 * A code is a short token (P1, E4A, WBRI, PN0, -2); a value with spaces or longer than this is
 * free text ("Placed with parents"), which cannot be read as a code.
 */
const MAX_CODE_CHARS = 10;
const codeIsText = (v: string) => `(${codeTooLong(v)} OR ${hasWhiteSpace(v)})`;
const codeTooLong = (v: string) => `length(${v}) > ${MAX_CODE_CHARS}`;
const hasWhiteSpace = (v: string) => `regexp_matches(${v}, '\\s')`;

/** A CASE giving the problem with one value as words, or NULL when it is fine. */
function problemExpr(col: ColumnSpec, v: string): string {
  const blank = col.required ? `WHEN ${v} = '' THEN 'is blank; every row needs a ${col.name}'` : `WHEN ${v} = '' THEN NULL`;
  const excelError = `WHEN ${v} IN (${EXCEL_ERRORS.map(quoteLiteral).join(', ')}) THEN 'is an Excel error value, not data: fix the formula or clear the cell'`;
  switch (col.type) {
    case 'date': {
      const day = `try_cast(split_part(${v}, '/', 1) AS INTEGER)`;
      const month = `try_cast(split_part(${v}, '/', 2) AS INTEGER)`;
      return `CASE ${blank}
        ${excelError}
        WHEN regexp_full_match(${v}, '${DMY_SHORT}') THEN 'has a 2-digit year; dates must be dd/mm/yyyy'
        WHEN regexp_full_match(${v}, '${DMY}') AND ${dateExpr(v)} IS NULL AND ${month} > 12 AND ${day} BETWEEN 1 AND 12
          THEN 'is not a real date: there is no month ' || ${month} || ' (dates must be dd/mm/yyyy; this looks like a US mm/dd/yyyy date)'
        WHEN regexp_full_match(${v}, '${DMY}') AND ${dateExpr(v)} IS NULL THEN 'is not a real date (expected dd/mm/yyyy)'
        WHEN regexp_full_match(${v}, '\\d{5}(\\.\\d+)?') THEN 'is a number, not a date (an Excel date serial? Format the column as dd/mm/yyyy before saving as CSV)'
        WHEN ${dateExpr(v)} IS NULL THEN 'is not a date in the form dd/mm/yyyy'
        WHEN ${dateExpr(v)} < DATE '1900-01-01' THEN 'is before 1900'
      END`;
    }
    case 'int':
      // A whole number outside the column's range (SDQ 41) can be read: it is a finding (rule 180).
      return `CASE ${blank}
        ${excelError}
        WHEN NOT regexp_full_match(${v}, '-?\\d+') THEN 'is not a whole number'
        WHEN try_cast(${v} AS INTEGER) IS NULL THEN 'is too large a number to read'
      END`;
    case 'code':
      return `CASE ${blank} ${excelError} WHEN ${codeIsText(v)} THEN 'is text, not a code' END`;
    default:
      return `CASE ${blank} ${excelError} END`;
  }
}

function present(recognised: Recognised): { col: ColumnSpec; v: string }[] {
  return recognised.kind.columns
    .filter((c) => (recognised.columnIndex[c.name] ?? -1) >= 0)
    .map((col) => ({ col, v: stagedColumn(recognised.columnIndex[col.name]!) }));
}

/** Typed staged column for the file's column at position i (dates and whole numbers, converted once). */
export function typedColumn(i: number): string {
  return `t${i}`;
}

/**
 * Date columns the direct path's SELECT reads as DATE with DuckDB's CSV reader (dateformat
 * '%d/%m/%Y', by position in the file), not as text converted by dateExpr: about a third of the
 * cost per date (a national year holds some two million).
 * The reader reads a value with a blank or a tab around it as the trimmed value does, a
 * 2- or 3-digit year as a year before 1900 (refused below as by dateExpr), and a value it cannot
 * read not at all (the row is then missing: see loadDirect). Where it differs from dateExpr the
 * caller or the check below sends the file the staged way: vertical tabs and form feeds around a
 * date (the importer reads no file holding one this way), and the words epoch, infinity and
 * -infinity, which DuckDB 1.5 reads as 1900-01-01 — so that day is not taken as read here.
 */
export type DatesRead = ReadonlySet<number>;

const NO_DATES_READ: DatesRead = new Set();

/** Whether the value v of col is free of every problem problemExpr names, given its typed value t; never NULL. */
function okExpr(col: ColumnSpec, v: string, t: string, readAsDate: boolean, excelErrorsPossible: boolean): string {
  const blankOk = col.required ? 'false' : `${v} = ''`;
  switch (col.type) {
    case 'date': {
      if (readAsDate) return `(${col.required ? 'false' : `${v} IS NULL`} OR coalesce(${t} > DATE '1900-01-01', false))`;
      // t is dateExpr(v): not NULL only for a well-formed, real dd/mm/yyyy or ISO date, which is
      // never an Excel error, a 2-digit year or a number. So only the lower bound remains to check.
      return `(${blankOk} OR coalesce(${t} >= DATE '1900-01-01', false))`;
    }
    case 'int':
      return `(${blankOk} OR coalesce(regexp_full_match(${v}, '-?\\d+') AND ${t} IS NOT NULL, false))`;
    default: {
      const checks = [
        ...(col.required ? [`${v} <> ''`] : []),
        ...(excelErrorsPossible ? [`${v} NOT IN (${EXCEL_ERRORS.map(quoteLiteral).join(', ')})`] : []),
        // The white space of codes is looked for once per row (see stagedSelectSql).
        ...(col.type === 'code' ? [`NOT (${codeTooLong(v)})`] : []),
      ];
      return `(${checks.join(' AND ') || 'true'})`;
    }
  }
}

/**
 * The SELECT that stages a 903 file, from rawSelect (source_row and every value as trimmed text,
 * c0..cN, never NULL): each date and whole number is also converted once (t0..tN, for the
 * checks and the insert), and row_ok is true exactly when problemsSql would list nothing for the
 * row's values. So a clean file is checked with one cheap count instead of problemsSql's many
 * regular expressions per value. The direct path may have read some dates as DATE (datesRead), and
 * may know that no value can be an Excel error value (excelErrorsPossible false: every one starts
 * with '#', so none can be in a file without that character; the check, a join against the list,
 * also keeps DuckDB from inserting on both threads). Only what cannot be read is checked here: values that can be read
 * but break a rule (a date after the year, DEC before DECOM, a child twice) are imported and
 * reported as data-quality findings (shared/quality).
 */
export function stagedSelectSql(recognised: Recognised, rawSelect: string, datesRead: DatesRead = NO_DATES_READ, excelErrorsPossible = true): string {
  const cols = present(recognised);
  const typed = cols.filter(({ col }) => col.type === 'date' || col.type === 'int');
  const t = (v: string) => typedColumn(Number(v.slice(1)));
  const read = (v: string) => datesRead.has(Number(v.slice(1)));
  const conversions = typed.map(({ col, v }) => `${read(v) ? v : valueExpr(col, v)} AS ${t(v)}`);
  const ok = cols.map(({ col, v }) => okExpr(col, v, t(v), read(v), excelErrorsPossible));
  // Codes with white space, in one search of the row's codes joined by '|' (not white space): one
  // regular expression per row costs far less than one per code (a sixth of the episodes load).
  const codes = cols.filter(({ col }) => col.type === 'code').map(({ v }) => v);
  if (codes.length > 0) ok.push(`NOT ${hasWhiteSpace(`concat_ws('|', ${codes.join(', ')})`)}`);
  const withTyped = conversions.length > 0 ? `SELECT *, ${conversions.join(', ')} FROM (${rawSelect})` : rawSelect;
  return `SELECT *, coalesce(${ok.join('\n    AND ') || 'true'}, false) AS row_ok FROM (${withTyped})`;
}

/**
 * 0 when the staged file has no problem at all (then problemsSql need not run), else more than 0
 * (not the number of problems: problemsSql counts and lists them).
 */
export function quickCheckSql(staged: string): string {
  return `SELECT (count(*) FILTER (WHERE row_ok IS NOT TRUE))::INTEGER AS n FROM ${quoteIdent(staged)}`;
}

/**
 * Rows (source_row, column_name, value, problem) for every value that cannot be read, in file order.
 * Returns a query over the staged table; the caller limits and counts it.
 */
export function problemsSql(recognised: Recognised, staged: string): string {
  const parts: string[] = [];
  for (const { col, v } of present(recognised)) {
    const p = problemExpr(col, v);
    parts.push(
      `SELECT source_row, ${quoteLiteral(col.name)} AS column_name, ${v} AS value, ${p} AS problem FROM ${quoteIdent(staged)}`,
    );
  }
  if (parts.length === 0) return `SELECT NULL::INTEGER AS source_row, NULL AS column_name, NULL AS value, NULL AS problem WHERE false`;
  return `SELECT * FROM (${parts.join('\nUNION ALL\n')}) WHERE problem IS NOT NULL`;
}

/**
 * INSERT the staged rows (staged with stagedSelectSql) into the kind's table. Params: $year, $import_id, $file, and the names of
 * the extra columns (the file's own header text) from extraKeyParams: bound, never pasted in.
 */
export function insertSql(recognised: Recognised, staged: string): string {
  return insertFromSql(recognised, quoteIdent(staged));
}

/** The error checkedInsertSql raises at the first row that is not clean (its message holds it). */
export const NOT_CLEAN = 'iro-import: a row needs the full check';

/**
 * INSERT the rows of a stagedSelectSql straight into the kind's table (no staged table), checking
 * each row as it goes: the first row with a value that cannot be read, or with no value at all
 * (which the staged path skips with a message), stops the statement with NOT_CLEAN, so the
 * caller's transaction is undone and the file takes the staged path, which says what is wrong.
 * Params as insertSql's, and the select's (made with the same datesRead).
 */
export function checkedInsertSql(recognised: Recognised, select: string, datesRead: DatesRead = NO_DATES_READ): string {
  return insertFromSql(recognised, `(${select}) AS staged WHERE CASE WHEN row_ok AND NOT (${allEmptySql(recognised, datesRead)}) THEN true ELSE error('${NOT_CLEAN}') END`);
}

/** True for a staged row with no value in any column the import reads (Excel leaves trailing ",,,," lines). */
export function allEmptySql(recognised: Recognised, datesRead: DatesRead = NO_DATES_READ): string {
  const cols = Object.values(recognised.columnIndex)
    .filter((i) => i >= 0)
    .concat(recognised.extraColumns.map((e) => e.index));
  return cols.map((i) => `${stagedColumn(i)} ${datesRead.has(i) ? 'IS NULL' : "= ''"}`).join(' AND ') || 'false';
}

function insertFromSql(recognised: Recognised, from: string): string {
  const kind: FileKind = recognised.kind;
  const targets = ['return_year', 'import_id', 'source_file', 'source_row'];
  const values = ['$year', '$import_id', '$file', 'source_row'];
  for (const { col, v } of present(recognised)) {
    targets.push(quoteIdent(col.name.toLowerCase()));
    values.push(col.type === 'date' || col.type === 'int' ? typedColumn(Number(v.slice(1))) : valueExpr(col, v));
  }
  targets.push('extras');
  values.push(
    recognised.extraColumns.length === 0
      ? 'NULL'
      : `json_object(${recognised.extraColumns.map((e, k) => `$extra_key_${k}::VARCHAR, ${stagedColumn(e.index)}`).join(', ')})`,
  );
  // The staged table is in file order, and DuckDB keeps insertion order: no ORDER BY needed.
  return `INSERT INTO ${quoteIdent(kind.id)} (${targets.join(', ')})\nSELECT ${values.join(',\n  ')}\nFROM ${from}`;
}

/** The extra columns' names, as the parameters insertSql uses for the keys of extras. */
export function extraKeyParams(recognised: Recognised): Record<string, string> {
  return Object.fromEntries(recognised.extraColumns.map((e, k) => [`extra_key_${k}`, e.name]));
}

/**
 * Well-formed values of the given code columns (free text is refused apart), for unknown-code warnings, in one query:
 * (column_name, code, n = rows holding it, first_row), by column in the given order, then code.
 */
export function codeValuesAllSql(recognised: Recognised, staged: string, columns: readonly string[]): string | null {
  const parts: string[] = [];
  columns.forEach((column, k) => {
    const idx = recognised.columnIndex[column];
    if (idx === undefined || idx < 0) return;
    const v = stagedColumn(idx);
    parts.push(
      `SELECT ${k} AS col_order, ${quoteLiteral(column)} AS column_name, upper(${v}) AS code, count(*)::INTEGER AS n, min(source_row)::INTEGER AS first_row
    FROM ${quoteIdent(staged)} WHERE ${v} <> '' AND NOT ${codeIsText(v)} GROUP BY 3`,
    );
  });
  if (parts.length === 0) return null;
  return `SELECT column_name, code, n, first_row FROM (${parts.join('\n  UNION ALL ')}) ORDER BY col_order, code`;
}

/**
 * codeValuesAllSql's rows for the values one import loaded into the kind's table (param
 * $import_id): the same codes (upper-cased, blanks left out; free text never gets that far), counts
 * and first rows.
 */
export function codeValuesLoadedSql(recognised: Recognised, columns: readonly string[]): string | null {
  const parts: string[] = [];
  columns.forEach((column, k) => {
    if ((recognised.columnIndex[column] ?? -1) < 0) return;
    const c = quoteIdent(column.toLowerCase());
    parts.push(
      `SELECT ${k} AS col_order, ${quoteLiteral(column)} AS column_name, ${c} AS code, count(*)::INTEGER AS n, min(source_row)::INTEGER AS first_row
    FROM ${quoteIdent(recognised.kind.id)} WHERE import_id = $import_id AND ${c} IS NOT NULL GROUP BY 3`,
    );
  });
  if (parts.length === 0) return null;
  return `SELECT column_name, code, n, first_row FROM (${parts.join('\n  UNION ALL ')}) ORDER BY col_order, code`;
}
