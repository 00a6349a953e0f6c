/**
 * Helpers for declaring packs: rows from a code list (with DfE group subtotals), the SQL CASE that
 * maps a code to its group key, and common drill-down columns.
 */
import { BLANK, codeInfo, codeLabel, codesInGroup, type CodeList, sqlCodes } from '../domain/codes.js';
import { TOTAL, type AgeOn, type PackDefinition, type PackOptions, type RowSpec, type SuppressionSet } from './types.js';

export interface CodeRowsOptions {
  /** Prefix of every key (e.g. 'activity:' when a pack has several code lists). */
  prefix?: string;
  dimension?: string;
  /** Groups (ids) that get a subtotal row; default: every group with two or more codes. */
  subtotals?: readonly string[];
  /** Groups (ids) to leave out entirely (e.g. short breaks, excluded by definition). */
  omitGroups?: readonly string[];
  /** Codes shown only when non-zero in some year; default all codes are shown. */
  optionalCode?: (code: string) => boolean;
  /** Label of a group's subtotal row; default the group label. */
  subtotalLabel?: (groupLabel: string) => string;
}

/**
 * Rows nested in a row rather than parts of it (see SuppressionSet.remainder): the members, none
 * counting a child another counts, are within the parent, and the rest is a count a reader works
 * out by subtraction.
 */
export function nestedIn(parent: string, ...members: string[]): SuppressionSet {
  return { parent, members, remainder: true };
}

/**
 * Rows each within the one before (children missing at all, more than once, more than twice...):
 * every row with every row inside it, since the difference of any two is a count a reader can work out.
 */
export function nestedChain(chain: readonly string[]): SuppressionSet[] {
  return chain.flatMap((outer, i) => chain.slice(i + 1).map((inner) => nestedIn(outer, inner)));
}

/** Groups of a list that get a subtotal row by default: those with two or more codes. */
export function defaultSubtotals(list: CodeList, omit: readonly string[] = []): string[] {
  return (list.groups ?? []).map((g) => g.id).filter((g) => !omit.includes(g) && codesInGroup(list, g).length >= 2);
}

/** Rows for every code of a list, grouped as DfE groups them, each group led by its subtotal row. */
export function codeRows(list: CodeList, o: CodeRowsOptions = {}): RowSpec[] {
  const prefix = o.prefix ?? '';
  const omit = o.omitGroups ?? [];
  const subtotals = o.subtotals ?? defaultSubtotals(list, omit);
  const rows: RowSpec[] = [];
  const dim = o.dimension !== undefined ? { dimension: o.dimension } : {};
  for (const g of list.groups ?? []) {
    if (omit.includes(g.id)) continue;
    const codes = codesInGroup(list, g.id);
    if (codes.length === 0) continue;
    if (subtotals.includes(g.id)) {
      rows.push({ key: `${prefix}${g.id}`, label: o.subtotalLabel ? o.subtotalLabel(g.label) : g.label, group: g.label, subtotal: true, ...dim });
    }
    for (const code of codes) {
      rows.push({ key: `${prefix}${code}`, label: codeLabel(list, code), group: g.label, optional: o.optionalCode?.(code) ?? false, ...dim, ...yearsOf(list, code) });
    }
  }
  for (const c of list.codes.filter((c) => !c.group)) {
    rows.push({ key: `${prefix}${c.code}`, label: c.label, group: null, optional: o.optionalCode?.(c.code) ?? false, ...dim, ...yearsOf(list, c.code) });
  }
  return rows;
}

/** A code row's codeYears, when the code is in its list only in some years. */
function yearsOf(list: CodeList, code: string): Pick<RowSpec, 'codeYears'> {
  const info = codeInfo(list, code);
  if (!info || (info.from === undefined && info.to === undefined)) return {};
  const { from, to, lastOn31March } = info;
  return { codeYears: { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}), ...(lastOn31March !== undefined ? { lastOn31March } : {}) } };
}

/** Row for a code found in the data but not declared: labelled as itself (or `blank`), in its list group if it has one. */
export function unknownCodeRow(list: CodeList, key: string, o: { prefix?: string; dimension?: string; group?: string | null } = {}): RowSpec {
  const prefix = o.prefix ?? '';
  const code = key.startsWith(prefix) ? key.slice(prefix.length) : key;
  const row: RowSpec = {
    key,
    label: code === BLANK ? 'Not recorded (blank)' : codeLabel(list, code),
    group: o.group ?? null,
  };
  if (o.dimension !== undefined) row.dimension = o.dimension;
  return row;
}

/**
 * SQL CASE giving the group key of a code expression (prefix + group id), for the groups listed;
 * other codes give `fallback` (a SQL expression, default NULL).
 */
export function groupKeySql(list: CodeList, expr: string, groups: readonly string[], prefix = '', fallback = 'NULL'): string {
  const whens = groups
    .map((g) => ({ g, codes: codesInGroup(list, g) }))
    .filter((x) => x.codes.length > 0)
    .map((x) => `WHEN ${expr} IN ${sqlCodes(x.codes)} THEN '${prefix}${x.g}'`);
  if (whens.length === 0) return fallback;
  return `CASE ${whens.join(' ')} ELSE ${fallback} END`;
}

/** SQL string literal of a fixed value chosen by the program (never user text). */
export function lit(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Drill-down columns of a child looked after at 31 March (cla_31_march and views built on it), from a table alias if given. */
export function claColumns(alias?: string): string {
  const a = alias ? `${alias}.` : '';
  return `${a}child, ${a}dob, ${a}age AS age_31_march, sex_key(${a}sex) AS sex, ${a}ethnic,
  ${a}ls AS legal_status, ${a}place AS placement, ${a}place_provider AS provider,
  ${a}period_start, ${a}decom AS episode_start`;
}

export const CLA_COLUMNS = claColumns();

/** Drill-down columns of a child who started to be looked after (started_in_year). */
export const STARTER_COLUMNS =
  'child, dob, age_at_start, sex_key(sex) AS sex, ethnic, started, ls AS legal_status, place AS placement, cin AS category_of_need';

/** A starter's age (in a breakdown by age) is on the day they started, as the starters pack takes it. */
export const AGE_ON_STARTING: AgeOn = { date: 'm.started', words: 'the day the child started to be looked after' };
/** A child who ceased: age on the day they ceased, as the reasons-ceased pack takes it. */
export const AGE_ON_CEASING: AgeOn = { date: 'm.ceased', words: 'the day the child ceased to be looked after' };

export const AGE_BAND_ROWS: readonly { key: string; label: string; phrase: string }[] = [
  { key: 'under-1', label: 'Under 1', phrase: 'children aged under 1' },
  { key: '1-4', label: '1 to 4', phrase: 'children aged 1 to 4' },
  { key: '5-9', label: '5 to 9', phrase: 'children aged 5 to 9' },
  { key: '10-15', label: '10 to 15', phrase: 'children aged 10 to 15' },
  { key: '16-over', label: '16 and over', phrase: 'young people aged 16 and over' },
];

export const UNKNOWN_AGE_ROW: RowSpec = { key: 'unknown', label: 'Age not known (no date of birth)', group: null, optional: true };

/** How a pack whose keys come from a few columns of one source is declared (see keyedBy). */
export interface KeyedSource {
  /** A view, or a subquery with its alias, having return_year and the key columns. */
  from: string;
  /** The keys list, as SQL over keyColumns and return_year. */
  keys: string;
  /** The columns (of `from`) the keys, and the measures, are worked out from. */
  keyColumns: readonly string[];
  /** A measure pack's measures: for each measured key, its value as SQL over keyColumns (a number, or NULL when unknown). */
  measures?: Readonly<Record<string, string>>;
  /** The drill-down columns of each member. */
  details: string;
  /**
   * The rows of `from` without what only the details read (a join of child_header for the date of
   * birth and sex, which at national scale costs more than the rest): what the counts read. The
   * same rows, so the counts are the members' (a test checks every pack's).
   */
  countFrom?: string;
  /**
   * Members whose figures need records before the earliest loaded return (see PackHistory):
   * uncertain = the rows each one makes uncertain, as a SQL list (empty or NULL for unaffected
   * members), needYear = the earliest collection year whose return would help, both over `from`.
   */
  history?: { uncertain: string; needYear: string };
}

/**
 * members() and counts() of a pack whose keys depend on a few columns of one source: the members
 * are the source's rows; the counts group those rows by the key columns first, so the keys are
 * worked out once per distinct combination rather than once per child (at national scale, a
 * million children come down to a few hundred combinations).
 */
export function keyedBy(source: (options: PackOptions) => KeyedSource, historyRule?: string): Pick<PackDefinition, 'members' | 'counts' | 'history'> {
  const history: PackDefinition['history'] = historyRule
    ? {
        rule: historyRule,
        members: (o) => {
          const s = source(o);
          if (!s.history) return NO_HISTORY;
          return `
    SELECT return_year, child, ${s.keys} AS keys, ${s.history.uncertain} AS uncertain, ${s.history.needYear} AS need_year
    FROM ${s.from}`;
        },
      }
    : undefined;
  return {
    ...(history ? { history } : {}),
    members: (o) => {
      const s = source(o);
      const measures = s.measures ? `${measuresStructSql(s.measures)} AS measures, ` : '';
      return `
    SELECT return_year, ${s.keys} AS keys, ${measures}${s.details}
    FROM ${s.from}`;
    },
    counts: (o) => {
      const s = source(o);
      const grouped = `SELECT return_year, ${s.keyColumns.join(', ')}, count(*) AS n FROM ${s.countFrom ?? s.from} GROUP BY ALL`;
      return s.measures ? keyMeasuresSql(s.keys, s.measures, s.keyColumns, grouped) : keyCountsSql(s.keys, grouped);
    },
  };
}

/** History members of an option under which no figure depends on missing history. */
export const NO_HISTORY = `
    SELECT NULL::INTEGER AS return_year, NULL::VARCHAR AS child, []::VARCHAR[] AS keys, []::VARCHAR[] AS uncertain, NULL::INTEGER AS need_year WHERE false`;

/** The members' measures column: a struct of each measured key's value as a DOUBLE. */
function measuresStructSql(measures: Readonly<Record<string, string>>): string {
  return `{${Object.entries(measures)
    .map(([key, value]) => `${lit(key)}: CAST(${value} AS DOUBLE)`)
    .join(', ')}}`;
}

/**
 * (return_year, key, n) from grouped rows (return_year, the keys' inputs, n members): n under each
 * of the row's keys (worked out from its inputs by the SQL `keys`) and under TOTAL.
 */
export function keyCountsSql(keys: string, grouped: string): string {
  return `
    SELECT return_year, unnest(list_append(${keys}, '${TOTAL}')) AS key, n
    FROM (${grouped})`;
}

/**
 * A measure pack's counts from grouped rows: (return_year, key, n, total, valued), where total is
 * the sum of the key's measure over the n members and valued how many of them have a value, so
 * the mean is sum(total) / sum(valued), as averaging the members' values gives.
 */
function keyMeasuresSql(keys: string, measures: Readonly<Record<string, string>>, keyColumns: readonly string[], grouped: string): string {
  const value = `CASE key ${Object.entries(measures)
    .map(([key, v]) => `WHEN ${lit(key)} THEN CAST(${v} AS DOUBLE)`)
    .join(' ')} END`;
  return `
    SELECT return_year, key, n, value * n AS total, CASE WHEN value IS NULL THEN 0 ELSE n END AS valued
    FROM (SELECT return_year, key, n, ${value} AS value
          FROM (SELECT return_year, unnest(list_append(${keys}, '${TOTAL}')) AS key, n, ${keyColumns.join(', ')} FROM (${grouped})))`;
}
