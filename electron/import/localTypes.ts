/**
 * The column types of a local table (an escalations log, a caseload list), proven from its values
 * rather than guessed. The file is read as text; a column becomes a number or a date only when every
 * value that is not blank is written in a form the conversion keeps whole, so nothing changes
 * silently: an id with leading zeros ("00123") stays text, as does a number too long to keep every
 * digit, and a date written 03/04/2023 is the 3rd of April (day first, as in England), never
 * guessed month-first the way a CSV sniffer may.
 */
import type { SqlEngine } from '../../shared/engine.js';
import { quoteIdent, quoteLiteral } from '../../shared/engine.js';

interface TypeRule {
  type: 'BIGINT' | 'DOUBLE' | 'DATE' | 'TIMESTAMP';
  /** Every non-blank value (trimmed) matches it... */
  pattern: string;
  /** ...and converts (NULL when it does not: 31/02/2023 is no date). */
  convert: (v: string) => string;
}

/** In order of preference: a column of whole numbers is BIGINT rather than DOUBLE. */
const RULES: readonly TypeRule[] = [
  // No leading zero, no sign on zero, at most 18 digits (BIGINT holds them all).
  { type: 'BIGINT', pattern: '-?[1-9][0-9]{0,17}|0', convert: (v) => `TRY_CAST(${v} AS BIGINT)` },
  // At most 15 significant digits: a DOUBLE keeps each of them (trailing zeros of decimals aside).
  { type: 'DOUBLE', pattern: '-?([1-9][0-9]*|0)(\\.[0-9]+)?', convert: (v) => `CASE WHEN length(regexp_replace(${v}, '^-?0*|\\.', '', 'g')) <= 15 THEN TRY_CAST(${v} AS DOUBLE) END` },
  // yyyy-mm-dd or dd/mm/yyyy (day first), mixed as spreadsheets mix them.
  {
    type: 'DATE',
    pattern: '[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}',
    convert: (v) => `coalesce(TRY_STRPTIME(${v}, '%Y-%m-%d'), TRY_STRPTIME(${v}, '%d/%m/%Y'))::DATE`,
  },
  { type: 'TIMESTAMP', pattern: '[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?', convert: (v) => `TRY_STRPTIME(replace(${v}, 'T', ' '), ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M'])` },
];

/**
 * SQL true when the text `value` may go into a column of `type` without changing: it passes a rule
 * for that type (so "00123" fits no number column); for another type, when it converts at all.
 */
export function fitsTypeSql(value: string, type: string): string {
  const v = `nullif(trim(${value}), '')`;
  const rule = RULES.find((r) => r.type === type);
  return rule ? passesSql(v, rule) : `TRY_CAST(${v} AS ${type}) IS NOT NULL`;
}

function passesSql(v: string, rule: TypeRule): string {
  return `(regexp_full_match(${v}, ${quoteLiteral(rule.pattern)}) AND ${rule.convert(v)} IS NOT NULL)`;
}

/** A value trimmed, blank as NULL. */
const trimmed = (col: string) => `nullif(trim(${quoteIdent(col)}), '')`;

/**
 * Types the columns of `table` (a temp table read with every column as text) in place: each takes
 * the first rule every non-blank value passes, or stays text as it was read. Returns the types.
 */
export async function typeLocalColumns(engine: SqlEngine, table: string): Promise<{ name: string; type: string }[]> {
  const columns = (
    await engine.all<{ name: string }>(`SELECT column_name AS name FROM duckdb_columns() WHERE database_name = 'temp' AND table_name = $t ORDER BY column_index`, { t: table })
  ).map((c) => c.name);
  if (columns.length === 0) return [];
  // One pass over the table: for each column and rule, whether every non-blank value passes (NULL when all are blank).
  const tests = columns.flatMap((c, i) =>
    RULES.map((r, j) => {
      const v = trimmed(c);
      return `bool_and(${passesSql(v, r)}) FILTER (WHERE ${v} IS NOT NULL) AS "t${i}_${j}"`;
    }),
  );
  const [passes] = await engine.all<Record<string, boolean | null>>(`SELECT ${tests.join(',\n  ')} FROM ${quoteIdent(table)}`);
  const chosen = columns.map((name, i) => {
    const j = RULES.findIndex((_, k) => passes?.[`t${i}_${k}`] === true);
    return { name, rule: j === -1 ? null : RULES[j]! };
  });
  if (chosen.every((c) => c.rule === null)) return columns.map((name) => ({ name, type: 'VARCHAR' }));
  const select = chosen.map(({ name, rule }) => (rule ? `CAST(${rule.convert(trimmed(name))} AS ${rule.type}) AS ${quoteIdent(name)}` : quoteIdent(name)));
  await engine.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(table)} AS SELECT ${select.join(', ')} FROM ${quoteIdent(table)}`);
  return chosen.map(({ name, rule }) => ({ name, type: rule?.type ?? 'VARCHAR' }));
}
