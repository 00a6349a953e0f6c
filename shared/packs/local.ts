/**
 * Local data packs: tables of the service's own data (an escalations log, an IRO caseload list,
 * advocacy referrals...), built by a person in the app without SQL and run like the built-in packs
 * (year columns, change, percentages, suppression, commentary, chart, drill-down, export).
 *
 * A local pack is data (LocalPackSpec, kept in the workspace, shared between authorities as a small
 * JSON file); compileLocalPack turns it into a PackDefinition over the local table as it is now.
 * Every column it names is checked against the table first, so a table re-imported with other
 * columns gives a message naming the pack and the column instead of an SQL error.
 */
import { z } from 'zod';
import { quoteIdent } from '../engine.js';
import { countChange, countOf, describeDistribution, latestYear, sentence, suppressionNote, type Noun } from './commentary.js';
import type { PackResult, PackRow } from './result.js';
import type { PackDefinition, RowSpec } from './types.js';
import { yearOnYear } from './yearOnYear.js';

const column = z.string().trim().min(1, 'Choose a column.').max(120);

export const localPackSpecSchema = z.strictObject({
  /** local-<name>: never the id of a built-in pack. */
  id: z
    .string()
    .regex(/^local-[a-z0-9][a-z0-9-]{0,40}$/, 'A local pack id is "local-" then lower-case letters, digits and hyphens.'),
  title: z.string().trim().min(1, 'Give the table a title.').max(120),
  /** The local table (as imported: one per file name) the pack counts rows of. */
  table: z.string().trim().min(1).max(120),
  /**
   * Which year a row counts in: the collection year (1 April to 31 March) its date falls in, or the
   * year the table was imported for.
   */
  year: z.union([z.strictObject({ dateColumn: column }), z.literal('imported-year')]),
  /** Up to two columns to count by (none: the total only). */
  by: z.array(column).max(2).default([]),
  /** What is counted: rows, or distinct values of a column (children, when it is the child id). */
  count: z.union([z.literal('rows'), z.strictObject({ distinct: column })]).default('rows'),
  /** Rows kept: the column's value is one of `values` (or is not, with `not`); blank is "". */
  filters: z.array(z.strictObject({ column, values: z.array(z.string().max(200)).min(1).max(200), not: z.boolean().default(false) })).max(10).default([]),
  /** What one counted thing is called: "escalation"/"escalations". */
  unit: z.strictObject({ one: z.string().trim().min(1).max(60), many: z.string().trim().min(1).max(60) }).default({ one: 'row', many: 'rows' }),
  /** Words under the table (where the data comes from, what it counts). */
  description: z.string().max(1000).default(''),
});

export type LocalPackSpec = z.infer<typeof localPackSpecSchema>;
/** A spec as a person or a shared file gives it (defaults not yet filled in). */
export type LocalPackSpecInput = z.input<typeof localPackSpecSchema>;

export interface TableColumn {
  name: string;
  /** DuckDB's type name: DATE, TIMESTAMP, VARCHAR, BIGINT, DOUBLE... */
  type: string;
}

/** Section of the report local packs belong to (the seeds end with the IRO service's own work). */
export const LOCAL_SECTION = 'The IRO service';

const isDateType = (t: string) => /^(DATE|TIMESTAMP)/i.test(t);

/** What is wrong with the spec against the table as it is now, each naming the pack and the column; [] when it can run. */
export function localPackProblems(spec: LocalPackSpec, columns: readonly TableColumn[] | null): string[] {
  const where = `The local pack "${spec.title}"`;
  if (columns === null) return [`${where} counts rows of the table ${spec.table}, which is not in the workspace (import it again, or choose another table).`];
  const find = (name: string) => columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
  const problems: string[] = [];
  const need = (name: string, role: string) => {
    if (!find(name)) problems.push(`${where} uses the column ${name} (${role}), which the table ${spec.table} no longer has. Its columns are: ${columns.map((c) => c.name).join(', ')}.`);
  };
  if (spec.year !== 'imported-year') {
    const c = find(spec.year.dateColumn);
    if (!c) need(spec.year.dateColumn, 'the date that gives the year');
    else if (!isDateType(c.type)) {
      problems.push(`${where} takes its years from the column ${c.name}, which holds text, not dates (${c.type}): every value must be a date (dd/mm/yyyy or yyyy-mm-dd) for the column to be read as dates.`);
    }
  }
  for (const b of spec.by) need(b, 'counted by');
  if (spec.count !== 'rows') need(spec.count.distinct, 'counted once each');
  for (const f of spec.filters) need(f.column, 'a filter');
  return problems;
}

const BLANK = 'blank';
/** A column's value as a row key: text, trimmed; blank and NULL are 'blank'. */
const keyOf = (col: string) => `coalesce(nullif(trim(CAST(t.${quoteIdent(col)} AS VARCHAR)), ''), '${BLANK}')`;
/** Keys of two columns joined: "Stage 2 · Resolved". */
const SEP = ' · ';

/** The spec as a pack over its table. Call localPackProblems first: this assumes the columns are there. */
export function compileLocalPack(spec: LocalPackSpec, columns: readonly TableColumn[]): PackDefinition {
  const named = (name: string) => columns.find((c) => c.name.toLowerCase() === name.toLowerCase())!.name;
  const yearExpr =
    spec.year === 'imported-year'
      ? 't.return_year'
      : `(CASE WHEN month(t.${quoteIdent(named(spec.year.dateColumn))}) >= 4 THEN year(t.${quoteIdent(named(spec.year.dateColumn))}) + 1 ELSE year(t.${quoteIdent(named(spec.year.dateColumn))}) END)`;
  const by = spec.by.map(named);
  const key = by.length === 0 ? null : by.map((b) => keyOf(b)).join(` || '${SEP}' || `);
  const where = [`${yearExpr} IS NOT NULL`];
  for (const f of spec.filters) {
    const values = f.values.map((v) => `'${v.trim().replace(/'/g, "''") || BLANK}'`).join(', ');
    where.push(`${f.not ? 'NOT ' : ''}(${keyOf(named(f.column))} IN (${values}))`);
  }
  const lower = new Set(columns.map((c) => c.name.toLowerCase()));
  // The drill-down lists the table's own columns; "child" is the counted thing (the distinct
  // column, else the row's number in the table).
  const distinct = spec.count === 'rows' ? null : named(spec.count.distinct);
  const childExpr = distinct ? `CAST(t.${quoteIdent(distinct)} AS VARCHAR)` : `CAST(t.rowid + 1 AS VARCHAR)`;
  const rest = lower.has('child') ? `t.* EXCLUDE (return_year, ${quoteIdent(columns.find((c) => c.name.toLowerCase() === 'child')!.name)})` : 't.* EXCLUDE (return_year)';
  const rowsSql = `SELECT ${yearExpr}::INTEGER AS return_year, ${childExpr} AS child, ${key ? `[${key}]` : '[]::VARCHAR[]'} AS keys, ${rest}
FROM ${quoteIdent(spec.table)} t
WHERE ${where.join('\n  AND ')}`;
  // Counting distinct values: one member per value and year, in every category any of its rows has.
  const members =
    distinct === null
      ? rowsSql
      : `SELECT return_year, child, list_sort(list_distinct(flatten(list(keys)))) AS keys FROM (${rowsSql}) GROUP BY return_year, child`;

  const unit: Noun = spec.unit;
  const byWords = by.length ? ` by ${by.join(' and ')}` : '';
  const yearWords = spec.year === 'imported-year' ? 'the year the table was imported for' : `the collection year (1 April to 31 March) of ${named(spec.year.dateColumn)}`;
  const filterWords = spec.filters.map((f) => `${f.column} ${f.not ? 'not ' : ''}${f.values.map((v) => v || 'blank').join(' or ')}`);
  const definition = [
    `${unit.many[0]!.toUpperCase()}${unit.many.slice(1)} in the local table ${spec.table}${byWords}, each counted in ${yearWords}`,
    distinct ? `; each ${distinct} counted once a year (in every category it has rows in, so categories can add up to more than the total)` : '',
    filterWords.length ? `; only rows where ${filterWords.join(', and ')}` : '',
    '. ',
    spec.description,
  ]
    .join('')
    .trim();
  return {
    id: spec.id,
    title: spec.title,
    section: LOCAL_SECTION,
    timing: 'flow',
    chart: 'grouped-bar',
    definition,
    base: `All ${unit.many} counted in the year.`,
    unit,
    members: () => members,
    rows: [],
    extraRow: (k): RowSpec => (k === BLANK ? { key: k, label: 'Blank (not recorded)', group: null } : { key: k, label: k, group: null }),
    total: true,
    totalLabel: `All ${unit.many}`,
    percent: by.length > 0,
    // A value counted once may sit in several categories: then they do not add up to the total.
    additive: distinct === null,
    notes: [`Local data: ${spec.table}, not part of the SSDA903 return.`],
    commentary: ({ result }) => localCommentary(result, unit, by),
    category: by.join(' and ') || undefined,
  };
}

/**
 * The heading over a local pack's row labels: the columns it counts by ("Stage and outcome"), or
 * what it counts when it shows the total only; null for a built-in pack's result.
 */
export function localRowHeading(result: PackResult): string | null {
  if (!result.local) return null;
  const words = result.local.by.length ? result.local.by.join(' and ') : result.local.unit.many;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The commentary of a local pack's result, from the result alone (the screen, for the years it shows). */
export function localResultCommentary(result: PackResult): string[] {
  return result.local ? localCommentary(result, result.local.unit, result.local.by) : [];
}

/** A total sentence with its change, then the largest category and any notable shift. */
function localCommentary(result: PackResult, unit: Noun, by: readonly string[]): string[] {
  const year = latestYear(result);
  if (year === null) return [];
  const out: string[] = [];
  const total = result.total[String(year)];
  if (total && typeof total.count === 'number') {
    out.push(sentence(`In ${periodOf(year)} there were ${countOf(total.count, unit)}${countChange(yearOnYear(result, null, year), 'flow')}`));
  }
  if (result.rows.length > 1 && by.length > 0) {
    const phrase = (r: PackRow) => `${unit.many} with ${by.join(' and ')} ${r.label}`;
    out.push(...describeDistribution(result, { timing: 'flow', phrase, largest: 'the most common' }));
  }
  return [...out, ...suppressionNote(result)];
}

function periodOf(year: number): string {
  return `${year - 1}/${String(year % 100).padStart(2, '0')}`;
}
