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
import { quoteIdent, quoteLiteral } from '../engine.js';
import { atPeriod, countChange, countOf, describeDistribution, latestYear, periodLabel, sentence, suppressionNote, valueChange, type Noun } from './commentary.js';
import { flowLabel } from '../domain/years.js';
import { formatDecimal, formatInteger } from '../format.js';
import type { LocalResultInfo, PackResult, PackRow } from './result.js';
import { TOTAL, type PackDefinition, type RowSpec } from './types.js';
import { yearOnYear } from './yearOnYear.js';

const column = z.string().trim().min(1, 'Choose a column.').max(120);

/**
 * The format of a local pack file. 1: counts (no version field); 2: measures. A file of an older
 * format loads as it is (every field it lacks has its old meaning) and is kept in the current one.
 */
export const LOCAL_PACK_FORMAT = 2;

const STATISTICS = ['sum', 'mean', 'median'] as const;
export type LocalStatistic = (typeof STATISTICS)[number];

/**
 * A figure worked out over the rows of each category and year besides the count: the sum, average
 * or median of a number column, or the average or median number of days from one date to another.
 */
const measureSchema = z.union([
  z.strictObject({ statistic: z.enum(STATISTICS), column }),
  z.strictObject({ statistic: z.enum(['mean', 'median']), daysFrom: column, daysTo: column }),
]);
export type LocalMeasure = z.infer<typeof measureSchema>;

const specShape = z.strictObject({
  version: z
    .number()
    .int()
    .min(1)
    .max(LOCAL_PACK_FORMAT, `The file is of a newer local pack format than this workbench reads (${LOCAL_PACK_FORMAT}): update the workbench to load it.`)
    .optional()
    .transform(() => LOCAL_PACK_FORMAT),
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
  year: z.union([
    z.strictObject({
      dateColumn: column,
      /**
       * Columns by reporting month instead of collection year: the months of the latest collection
       * year in the data (April to its latest month), or the last 12 months to the latest month.
       */
      months: z.enum(['latest-year', 'last-12']).optional(),
    }),
    z.literal('imported-year'),
  ]),
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
  /** Figures besides the count, each by category and year (format 2). */
  measures: z.array(measureSchema).max(3).default([]),
});

export const localPackSpecSchema = specShape.superRefine((spec, ctx) => {
  // A value counted once may have rows in several categories: a figure over its rows would not be one of it.
  if (spec.measures.length > 0 && spec.count !== 'rows') {
    ctx.addIssue({ code: 'custom', path: ['measures'], message: 'A sum, average or median is worked out over rows: count every row to use one.' });
  }
});

export type LocalPackSpec = z.infer<typeof localPackSpecSchema>;
/** A spec as a person or a shared file gives it (defaults not yet filled in). */
export type LocalPackSpecInput = z.input<typeof localPackSpecSchema>;

export interface TableColumn {
  name: string;
  /** DuckDB's type name: DATE, TIMESTAMP, VARCHAR, BIGINT, DOUBLE... */
  type: string;
}

/** A local pack's id: never a built-in pack's (the schema below makes every local id so). */
export const isLocalPackId = (id: string): boolean => id.startsWith('local-');

/** Section of the report local packs belong to (the seeds end with the IRO service's own work). */
export const LOCAL_SECTION = 'The IRO service';

/** DuckDB types a date column can have, and a number column (the builder offers only those). */
export const isDateType = (t: string) => /^(DATE|TIMESTAMP)/i.test(t);

/** The columns a spec reads as dates or numbers (the year's date, a measure's column or dates). */
export function typedColumnsOf(spec: LocalPackSpec): { column: string; want: 'date' | 'number' }[] {
  const out: { column: string; want: 'date' | 'number' }[] = spec.year === 'imported-year' ? [] : [{ column: spec.year.dateColumn, want: 'date' }];
  for (const m of spec.measures) {
    if ('column' in m) out.push({ column: m.column, want: 'number' });
    else out.push({ column: m.daysFrom, want: 'date' }, { column: m.daysTo, want: 'date' });
  }
  return out;
}

/** A value that kept a column as text, and the year it was imported for: "n/a" (2023/24). */
export interface TextExample {
  value: string;
  year: number;
}

/**
 * What is wrong with the spec against the table as it is now, each naming the pack and the column;
 * [] when it can run. examples: by column name (lower case), a value that made a column text.
 */
export function localPackProblems(spec: LocalPackSpec, columns: readonly TableColumn[] | null, examples: ReadonlyMap<string, TextExample> = new Map()): string[] {
  const where = `The local pack "${spec.title}"`;
  if (columns === null) return [`${where} counts rows of the table ${spec.table}, which is not in the workspace (import it again, or choose another table).`];
  const find = (name: string) => columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
  const problems: string[] = [];
  const example = (c: TableColumn) => {
    const e = examples.get(c.name.toLowerCase());
    return e ? ` It holds "${e.value}" (in the rows imported for ${flowLabel(e.year)}).` : '';
  };
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
  for (const m of spec.measures) {
    const label = measureLabel(m);
    if ('column' in m) {
      const c = find(m.column);
      if (!c) need(m.column, label);
      else if (!isNumberType(c.type)) {
        problems.push(`${where} works out the ${label.toLowerCase()}, but the column ${c.name} holds text, not numbers (${c.type}): every value must be a number (or blank) for the column to be read as numbers.${example(c)}`);
      }
    } else {
      for (const d of [m.daysFrom, m.daysTo]) {
        const c = find(d);
        if (!c) need(d, label);
        else if (!isDateType(c.type)) problems.push(`${where} counts days from ${m.daysFrom} to ${m.daysTo}, but the column ${c.name} holds text, not dates (${c.type}): ${DATES_NEEDED}${example(c)}`);
      }
    }
  }
  return problems;
}

export const isNumberType = (t: string) => /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/i.test(t);
const DATES_NEEDED = 'every value must be a date (dd/mm/yyyy or yyyy-mm-dd) for the column to be read as dates.';

const STATISTIC_WORDS: Record<LocalStatistic, string> = { sum: 'Total', mean: 'Average', median: 'Median' };

/** "Average days from raised to resolved", "Total hours": a measure's rows' group in the table. */
export function measureLabel(m: LocalMeasure): string {
  return 'column' in m ? `${STATISTIC_WORDS[m.statistic]} ${m.column}` : `${STATISTIC_WORDS[m.statistic]} days from ${m.daysFrom} to ${m.daysTo}`;
}

/**
 * Row keys of a measure's figures: the measure's number and the category (or OVERALL for every row
 * counted), behind a character no category begins with, so they never meet a category's key and
 * sort after every category (and the overall figure after the measure's categories).
 */
const MARK = '\uffff';
const OVERALL = MARK;
export const measureKey = (measure: number, category: string): string => `${MARK}${measure}${MARK}${category}`;
function parseMeasureKey(key: string): { measure: number; category: string } | null {
  const m = /^\uffff(\d+)\uffff([\s\S]*)$/.exec(key);
  return m ? { measure: Number(m[1]), category: m[2]! } : null;
}

/**
 * A row key as a person reads it (the command line's CSV): a measure's figure of a category is
 * "stage=1 Informal|measure=2", of every row "all|measure=2" (the measure's number in the pack);
 * any other key is itself. The keys themselves stay as they are: they are what runs and drills use.
 */
export function readableRowKey(key: string, category?: string): string {
  const m = parseMeasureKey(key);
  if (!m) return key;
  return `${m.category === OVERALL ? 'all' : `${category ?? 'category'}=${m.category}`}|measure=${m.measure}`;
}

const BLANK = 'blank';
/** A column's value as a row key: text, trimmed; blank and NULL are 'blank'. */
const keyOf = (col: string) => `coalesce(nullif(trim(CAST(t.${quoteIdent(col)} AS VARCHAR)), ''), '${BLANK}')`;
/** Keys of two columns joined: "Stage 2 · Resolved". */
const SEP = ' · ';

/** The spec as a pack over its table. Call localPackProblems first: this assumes the columns are there. */
export function compileLocalPack(spec: LocalPackSpec, columns: readonly TableColumn[]): PackDefinition {
  const named = (name: string) => columns.find((c) => c.name.toLowerCase() === name.toLowerCase())!.name;
  const date = spec.year === 'imported-year' ? null : `t.${quoteIdent(named(spec.year.dateColumn))}`;
  const months = spec.year === 'imported-year' ? undefined : spec.year.months;
  // The column a row counts in: its collection year, or its month as yyyymm (202304: April 2023).
  const yearExpr =
    date === null ? 't.return_year' : months ? `(year(${date}) * 100 + month(${date}))` : `(CASE WHEN month(${date}) >= 4 THEN year(${date}) + 1 ELSE year(${date}) END)`;
  const by = spec.by.map(named);
  const key = by.length === 0 ? null : by.map((b) => keyOf(b)).join(` || '${SEP}' || `);
  const where = [`${yearExpr} IS NOT NULL`];
  for (const f of spec.filters) {
    const values = f.values.map((v) => `'${v.trim().replace(/'/g, "''") || BLANK}'`).join(', ');
    where.push(`${f.not ? 'NOT ' : ''}(${keyOf(named(f.column))} IN (${values}))`);
  }
  if (date !== null && months) {
    // The months shown end with the latest month of any row counted (the rows as filtered).
    const last = `(SELECT max(${date}) FROM ${quoteIdent(spec.table)} t WHERE ${where.join(' AND ')})`;
    const first =
      months === 'last-12'
        ? `date_trunc('month', ${last}) - INTERVAL 11 MONTH`
        : `make_date(CASE WHEN month(${last}) >= 4 THEN year(${last}) ELSE year(${last}) - 1 END, 4, 1)`;
    where.push(`${date} >= ${first}`);
  }
  const lower = new Set(columns.map((c) => c.name.toLowerCase()));
  // The drill-down lists the table's own columns; "child" is the counted thing (the distinct
  // column), else the table's own child column, else the row's number in the table.
  const distinct = spec.count === 'rows' ? null : named(spec.count.distinct);
  const ownChild = lower.has('child') ? named('child') : null;
  const childExpr = `CAST(${distinct ? `t.${quoteIdent(distinct)}` : ownChild ? `t.${quoteIdent(ownChild)}` : 't.rowid + 1'} AS VARCHAR)`;
  const rest = ownChild ? `t.* EXCLUDE (return_year, ${quoteIdent(ownChild)})` : 't.* EXCLUDE (return_year)';
  // Each measure's value of the row; the row counts in the measure's figure of its category, and
  // of every row, only when it has one (so a figure's count is the rows it is worked out over).
  const values = spec.measures.map((m) =>
    'column' in m
      ? `CAST(t.${quoteIdent(named(m.column))} AS DOUBLE)`
      : `CAST(CAST(t.${quoteIdent(named(m.daysTo))} AS DATE) - CAST(t.${quoteIdent(named(m.daysFrom))} AS DATE) AS DOUBLE)`,
  );
  const categoryKeys = key ? `[${key}]` : '[]::VARCHAR[]';
  const keys = values.length
    ? `list_concat(${categoryKeys}, ${values
        .map((v, i) => `CASE WHEN ${v} IS NOT NULL THEN [${key ? `${quoteLiteral(measureKey(i + 1, ''))} || ${key}, ` : ''}${quoteLiteral(measureKey(i + 1, OVERALL))}] ELSE []::VARCHAR[] END`)
        .join(', ')})`
    : categoryKeys;
  const measuresStruct = values.length ? `{${values.map((v, i) => `'m${i + 1}': ${v}`).join(', ')}} AS measures, ` : '';
  // The drill-down shows a row's days beside its dates (a number column is there already).
  const taken = new Set(columns.map((c) => c.name.toLowerCase()));
  const dayColumns = spec.measures.flatMap((m, i) => {
    if ('column' in m) return [];
    const name = `days from ${m.daysFrom} to ${m.daysTo}`;
    if (taken.has(name.toLowerCase())) return [];
    taken.add(name.toLowerCase());
    return [`${values[i]} AS ${quoteIdent(name)}`];
  });
  const rowsSql = `SELECT ${yearExpr}::INTEGER AS return_year, ${childExpr} AS child, ${keys} AS keys, ${measuresStruct}${rest}${dayColumns.map((c) => `, ${c}`).join('')}
FROM ${quoteIdent(spec.table)} t
WHERE ${where.join('\n  AND ')}`;
  // Counting distinct values: one member per value and year, in every category any of its rows has.
  const members =
    distinct === null
      ? rowsSql
      : `SELECT return_year, child, list_sort(list_distinct(flatten(list(keys)))) AS keys FROM (${rowsSql}) GROUP BY return_year, child`;

  const unit: Noun = spec.unit;
  const byWords = by.length ? ` by ${by.join(' and ')}` : '';
  const yearWords =
    spec.year === 'imported-year'
      ? 'the year the table was imported for'
      : months
        ? `the month of ${named(spec.year.dateColumn)}, ${months === 'last-12' ? 'over the 12 months to the latest month' : 'from April of the latest collection year to its latest month'}`
        : `the collection year (1 April to 31 March) of ${named(spec.year.dateColumn)}`;
  const filterWords = spec.filters.map((f) => `${f.column} ${f.not ? 'not ' : ''}${f.values.map((v) => v || 'blank').join(' or ')}`);
  const definition = [
    `${unit.many[0]!.toUpperCase()}${unit.many.slice(1)} in the local table ${spec.table}${byWords}, each counted in ${yearWords}`,
    distinct ? `; each ${distinct} counted once a ${months ? 'month' : 'year'} (in every category it has rows in, so categories can add up to more than the total)` : '',
    filterWords.length ? `; only rows where ${filterWords.join(', and ')}` : '',
    '. ',
    spec.measures.length ? `${spec.measures.map((m) => `${measureLabel(m)}: over the ${unit.many} ${'column' in m ? `with a number in ${m.column}` : `with both dates`}`).join('; ')}. ` : '',
    spec.description,
  ]
    .join('')
    .trim();
  return {
    id: spec.id,
    title: spec.title,
    section: LOCAL_SECTION,
    ...localPackShape(spec),
    definition,
    base: `All ${unit.many} counted in the ${months ? 'month' : 'year'}.`,
    unit,
    members: () => members,
    ...(spec.measures.length ? { measures: true, aggregates: () => measureAggregatesSql(members, spec.measures) } : {}),
    rows: [],
    extraRow: (k): RowSpec => {
      const m = parseMeasureKey(k);
      if (!m) return categoryRow(k);
      // A measure's figure of a category (or of every row): in the measure's group, after the categories.
      const over = m.category === OVERALL ? TOTAL : m.category;
      const label = over === TOTAL ? `All ${unit.many}` : categoryRow(m.category).label;
      return { key: k, label, group: measureLabel(spec.measures[m.measure - 1]!), kind: 'statistic', role: 'measure', additive: false, dimension: `measure-${m.measure}`, over };
    },
    total: true,
    totalLabel: `All ${unit.many}`,
    percent: by.length > 0,
    // A value counted once may sit in several categories: then they do not add up to the total.
    additive: distinct === null,
    notes: [`Local data: ${spec.table}, not part of the SSDA903 return.`],
    commentary: ({ result }) => localCommentary(result, localResultInfo(spec)),
    category: by.join(' and ') || undefined,
  };
}

const categoryRow = (k: string): RowSpec => (k === BLANK ? { key: k, label: 'Blank (not recorded)', group: null } : { key: k, label: k, group: null });

const AGGREGATE: Record<LocalStatistic, string> = { sum: 'sum', mean: 'avg', median: 'median' };

/**
 * The aggregate rows of a pack with measures: every key's count (members), and for a measure's key
 * the measure's sum, average or median over the members with a value (given as `mean`).
 */
function measureAggregatesSql(members: string, measures: readonly LocalMeasure[]): string {
  const figures = measures.map((m, i) => `WHEN starts_with(key, ${quoteLiteral(measureKey(i + 1, ''))}) THEN ${AGGREGATE[m.statistic]}(measures.m${i + 1})`);
  return `WITH m AS (
${members}
)
SELECT return_year, key, count(*) AS count, NULL AS sum, CASE ${figures.join(' ')} END AS mean
FROM (SELECT return_year, unnest(list_append(keys, '${TOTAL}')) AS key, measures FROM m)
GROUP BY return_year, key
ORDER BY return_year, key`;
}

/**
 * How a local pack is shown: by collection year, grouped bars (as the built-in flows); by month, a
 * line over the months (bars for a year of months would be too many to read).
 */
export function localPackShape(spec: LocalPackSpec): { timing: 'flow' | 'month'; chart: 'grouped-bar' | 'line' } {
  return spec.year !== 'imported-year' && spec.year.months ? { timing: 'month', chart: 'line' } : { timing: 'flow', chart: 'grouped-bar' };
}

/**
 * The months a pack by month shows, as yyyymm, given the latest month any row counted falls in:
 * April of that month's collection year to it, or the 12 months to it. Months without a row show 0.
 */
export function reportingMonths(months: 'latest-year' | 'last-12', latest: number): number[] {
  const index = (p: number) => Math.floor(p / 100) * 12 + (p % 100) - 1;
  const period = (i: number) => Math.floor(i / 12) * 100 + (i % 12) + 1;
  const end = index(latest);
  const start = months === 'last-12' ? end - 11 : index(Math.floor(latest / 100) * 100 + 4) - ((latest % 100) >= 4 ? 0 : 12);
  return Array.from({ length: end - start + 1 }, (_, k) => period(start + k));
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

/** What a local pack's result counts (PackResult.local), so commentary can be written from the result alone. */
export function localResultInfo(spec: LocalPackSpec): LocalResultInfo {
  return {
    unit: spec.unit,
    by: spec.by,
    ...(spec.measures.length ? { measures: spec.measures.map(measureLabel), measureUnits: spec.measures.map((m) => ('column' in m ? m.column : 'days')) } : {}),
    ...(localPackShape(spec).timing === 'month' ? { months: true } : {}),
    ...(spec.count === 'rows' ? {} : { overlapping: true as const }),
  };
}

/** The commentary of a local pack's result, from the result alone (the screen, for the years it shows). */
export function localResultCommentary(result: PackResult): string[] {
  return result.local ? localCommentary(result, result.local) : [];
}

/** A total sentence with its change, then the largest category and any notable shift, then each measure over every row. */
function localCommentary(result: PackResult, local: LocalResultInfo): string[] {
  const year = latestYear(result);
  if (year === null) return [];
  const { unit, by } = local;
  const timing = local.months ? 'month' : 'flow';
  const out: string[] = [];
  const total = result.total[String(year)];
  if (total && typeof total.count === 'number') {
    out.push(sentence(`${atPeriod(timing, year)} there ${total.count === 1 ? 'was' : 'were'} ${countOf(total.count, unit)}${countChange(yearOnYear(result, null, year), timing)}`));
  }
  if (local.months) out.push(...busiestMonth(result, unit));
  if (result.rows.length > 1 && by.length > 0) {
    const phrase = (r: PackRow) => `${unit.many} with ${by.join(' and ')} ${r.label}`;
    out.push(...describeDistribution(result, { timing, phrase, largest: 'the most common' }));
  }
  (local.measures ?? []).forEach((label, i) => {
    // The figure as the table shows it (hidden when its rows are few), and its change as the change column does.
    const yoy = yearOnYear(result, measureKey(i + 1, OVERALL), year);
    const cell = result.rows.find((r) => r.key === measureKey(i + 1, OVERALL))?.values[String(year)];
    if (yoy.value === null || cell?.suppressed) return;
    out.push(sentence(`${atPeriod(timing, year)} the ${label.charAt(0).toLowerCase()}${label.slice(1)} was ${formatDecimal(yoy.value)}${valueChange(yoy, timing)}`));
  });
  return [...out, ...suppressionNote(result)];
}

/** "The most escalations in one month were 12, in November 2023": when every month's total is shown (a hidden one could be larger) and one or two stand out. */
function busiestMonth(result: PackResult, unit: Noun): string[] {
  if (result.years.length < 2) return [];
  const totals = result.years.map((y) => result.total[String(y)]?.count);
  if (totals.some((n) => typeof n !== 'number')) return [];
  const top = Math.max(...(totals as number[]));
  if (top === 0) return [];
  const months = result.years.filter((_, i) => totals[i] === top).map((y) => periodLabel('month', y));
  if (months.length > 2) return []; // no month stands out
  const when = months.join(' and ');
  return [sentence(`The most ${unit.many} in one month ${top === 1 ? 'was' : 'were'} ${formatInteger(top)}, in ${when}`)];
}
