/**
 * SQL fragments the rule definitions share (over a row `t` of the rule's table), so each rule
 * reads as its condition and nothing else.
 */
import type { CodeList } from '../../domain/codes.js';
import { quoteLiteral } from '../../engine.js';

export const START = 'year_start(t.return_year)';
export const END = 'year_end(t.return_year)';

/** Whether expr holds a code of the list valid in the row's collection year (false for blank). */
export function validCode(list: CodeList, expr: string): string {
  const always = list.codes.filter((c) => c.from === undefined && c.to === undefined).map((c) => quoteLiteral(c.code));
  const dated = list.codes
    .filter((c) => c.from !== undefined || c.to !== undefined)
    .map((c) => `(${expr} = ${quoteLiteral(c.code)} AND t.return_year BETWEEN ${c.from ?? 0} AND ${c.to ?? 9999})`);
  const parts = [...(always.length > 0 ? [`${expr} IN (${always.join(', ')})`] : []), ...dated];
  return `coalesce(${parts.join(' OR ') || 'false'}, false)`;
}

/** The same child's row of another table in the same year (alias a), exists where cond holds. */
export function sameChild(table: string, a: string, cond = 'true'): string {
  return `EXISTS (SELECT 1 FROM ${table} ${a} WHERE ${a}.return_year = t.return_year AND ${a}.child = t.child AND (${cond}))`;
}

/** The same child's row of a table in the previous collection year (alias p), exists where cond holds. */
export function lastYear(table: string, cond: string): string {
  return `EXISTS (SELECT 1 FROM ${table} p WHERE p.return_year = t.return_year - 1 AND p.child = t.child AND (${cond}))`;
}

/** Looked after continuously for 12 months at 31 March (DfE's OC2 cohort: the oc2_cohort view). */
export const CLA_12_MONTHS = `EXISTS (SELECT 1 FROM oc2_cohort c WHERE c.return_year = t.return_year AND c.child = t.child)`;

/** The date the child born on dob turns n (29 February birthdays on 28 February, as DfE's dates do). */
export function birthday(dob: string, n: number): string {
  return `CAST(${dob} + INTERVAL ${n} YEAR AS DATE)`;
}

export const anyFilled = (cols: readonly string[]) => `(${cols.map((c) => `t.${c} IS NOT NULL`).join(' OR ')})`;
export const anyBlank = (cols: readonly string[]) => `(${cols.map((c) => `t.${c} IS NULL`).join(' OR ')})`;

/** The child has episodes in the row's year, every one a short break (V3, V4). */
export const ONLY_SHORT_BREAKS = `EXISTS (SELECT 1 FROM (SELECT return_year, child FROM episodes GROUP BY return_year, child
  HAVING bool_and(coalesce(ls, '') IN ('V3', 'V4'))) sb WHERE sb.return_year = t.return_year AND sb.child = t.child)`;
