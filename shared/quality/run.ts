/**
 * Runs the data-quality rules: each rule a SELECT of the rows that break it, UNION ALL'd in parts
 * over every loaded year (or one year at a time for a national-scale workspace), plus the values
 * "import anyway" left blank. The findings are kept in a temp table while the data stays the same
 * (QualityCache), so the Data quality view, the pack notes and exports all read one consistent
 * set, made again after any change.
 */
import { FILE_KINDS, type FileKind, type FileKindId } from '../domain/fileKinds.js';
import { quoteIdent, quoteLiteral, type SqlEngine } from '../engine.js';
import type { QualityRuleInfo } from '../api.js';
import type { QualityRule } from './rule.js';
import { SHARED_QUERIES } from './rules/episodeSql.js';
import { BLANKED_RULE, QUALITY_RULES } from './rules/index.js';

/** The temp table the findings are kept in (rule_index -1 is a blanked value), by name and qualified. */
const FINDINGS_NAME = 'quality_findings';
export const FINDINGS_TABLE = `temp.${FINDINGS_NAME}`;

function kindOf(id: FileKindId): FileKind {
  return FILE_KINDS.find((k) => k.id === id)!;
}

/** The row's own values of the rule's fields, as text the way the file had them (dates dd/mm/yyyy), in a JSON object. */
function valuesSql(rule: QualityRule): string {
  const kind = kindOf(rule.table);
  const own = rule.fields.map((f) => kind.columns.find((c) => c.name === f)).filter((c) => c !== undefined);
  if (own.length === 0) return `'{}'`;
  const pairs = own.map((c) => {
    const col = `t.${quoteIdent(c.name.toLowerCase())}`;
    return `${quoteLiteral(c.name)}, ${c.type === 'date' ? `strftime(${col}, '%d/%m/%Y')` : `CAST(${col} AS VARCHAR)`}`;
  });
  return `CAST(json_object(${pairs.join(', ')}) AS VARCHAR)`;
}

/** The shared queries (SHARED_QUERIES) the given SQL names. */
function sharedNamedIn(sql: string): string[] {
  return Object.keys(SHARED_QUERIES).filter((name) => new RegExp(`\\b${name}\\b`).test(sql));
}

/** The WITH that defines the shared queries the given SQL names, or nothing; of one year's rows when a year is given. */
function withShared(sql: string, year?: number): string {
  const used = sharedNamedIn(sql);
  if (used.length === 0) return '';
  return `WITH ${used.map((name) => `${name} AS MATERIALIZED (${SHARED_QUERIES[name]!(year)})`).join(',\n')}\n`;
}

/**
 * A rule's condition for the rows of collection year `year` only: the row's year (t.return_year)
 * written as that year, so that every table the condition reads for the same or last year
 * (a.return_year = t.return_year...) is filtered by a constant DuckDB pushes into the scan, even
 * in nested subqueries, where a correlation reads every year. `t` is the row in every rule.
 */
function ofYear(when: string, year: number): string {
  return when.replace(/\bt\.return_year\b/g, String(Math.trunc(year)));
}

/** The SELECT of one rule's findings: (rule_index, year, file, row, child, vals, note); `shared` false leaves out the WITH of the queries it shares. */
export function ruleSql(rule: QualityRule, index: number, year?: number, shared = true): string {
  const where = [
    ...(year !== undefined ? [`t.return_year = ${Math.trunc(year)}`] : []),
    ...(rule.from !== undefined ? [`t.return_year >= ${rule.from}`] : []),
    ...(rule.to !== undefined ? [`t.return_year <= ${rule.to}`] : []),
    ...(rule.previousYear ? ['t.return_year - 1 IN (SELECT return_year FROM imports)'] : []),
    ...(rule.needs ?? []).map((kind) => `t.return_year IN (SELECT return_year FROM import_files WHERE kind = ${quoteLiteral(kind)})`),
    `(${year === undefined ? rule.when : ofYear(rule.when, year)})`,
  ];
  const select = `SELECT ${index} AS rule_index, t.return_year AS year, t.source_file AS file, t.source_row AS row, t.child AS child,
    ${valuesSql(rule)} AS vals, CAST(NULL AS VARCHAR) AS note
  FROM ${rule.source ?? quoteIdent(rule.table)} t WHERE ${where.join('\n    AND ')}`;
  return shared ? withShared(select, year) + select : select;
}

/** The values "import anyway" left blank, as findings (rule_index -1); of one year if given. */
function blankedSql(year?: number): string {
  return `SELECT -1 AS rule_index, return_year AS year, source_file AS file, source_row AS row, child,
    CAST(json_object(column_name, value) AS VARCHAR) AS vals,
    column_name || ' "' || coalesce(value, '') || '" ' || problem AS note
  FROM import_findings${year !== undefined ? ` WHERE return_year = ${Math.trunc(year)}` : ''}`;
}

/** One statement of the given SELECTs, with the shared queries they name (of one year if given). */
function unionSql(selects: readonly string[], year?: number): string {
  const union = selects.join('\nUNION ALL\n');
  return withShared(union, year) + union;
}

/** Every finding of the given rules (default all), and every blanked value; of one year if given. */
export function findingsSql(rules: readonly QualityRule[] = QUALITY_RULES, year?: number): string {
  return unionSql([...rules.map((r, i) => ruleSql(r, i, year, false)), blankedSql(year)], year);
}

/** The rule applies to collection year `year` (its from/to, as ruleSql's conditions say in SQL). */
export function appliesIn(rule: QualityRule, year: number): boolean {
  return (rule.from === undefined || year >= rule.from) && (rule.to === undefined || year <= rule.to);
}

/**
 * Rules per statement when the findings are built: a UNION holds every one of its rules' join
 * tables in memory at once. Every year at once in parts of 40 rules is fastest for an authority's
 * returns (six sample years: 0.9 s CPU; one year at a time 3.4 s) but ran out of DuckDB's 488 MB
 * at national scale (150 authorities x 10 years). There, one year at a time in parts of 10 runs
 * within a 250 MB limit (parts of 40: no faster in CPU, and out of memory at 250 MB), so it keeps
 * twice its need in hand, and adds nothing to the bench's peak RSS.
 */
const RULES_PER_STATEMENT = { allYears: 40, perYear: 10 };

/** Above this many episodes in the workspace, the findings are built one year at a time. */
const PER_YEAR_ABOVE_EPISODES = 200_000;

/**
 * Builds findingsSql's rows into temp table `table` (made again), rule indexes as in `rules`: every
 * year at once, or one year at a time when `years` is given (a rule then only in the years it
 * applies to), in parts of RULES_PER_STATEMENT. The shared queries the rules read are made once per
 * year (or once) into temp tables of the same name, which the parts read instead of a WITH each
 * (temp tables come first in DuckDB's search path), and dropped when that year is done.
 */
export async function buildFindings(engine: SqlEngine, table: string, rules: readonly QualityRule[] = QUALITY_RULES, years?: readonly number[]): Promise<void> {
  await engine.run(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(table)} AS ${blankedSql()}`);
  const size = years === undefined ? RULES_PER_STATEMENT.allYears : RULES_PER_STATEMENT.perYear;
  for (const year of years ?? [undefined]) {
    const selects = [...rules.entries()].filter(([, r]) => year === undefined || appliesIn(r, year)).map(([index, r]) => ruleSql(r, index, year, false));
    const shared = sharedNamedIn(selects.join('\n'));
    try {
      for (const name of shared) await engine.run(`CREATE OR REPLACE TEMP TABLE ${name} AS ${SHARED_QUERIES[name]!(year)}`);
      for (let from = 0; from < selects.length; from += size)
        await engine.run(`INSERT INTO temp.${quoteIdent(table)} ${selects.slice(from, from + size).join('\nUNION ALL\n')}`);
    } finally {
      for (const name of shared) await engine.run(`DROP TABLE IF EXISTS temp.${name}`);
    }
  }
}

/** One entry per rule code (a rule checked on two tables, such as 187, is one entry), the blanked-value code first. */
export function ruleInfos(rules: readonly QualityRule[] = QUALITY_RULES): QualityRuleInfo[] {
  const byCode = new Map<string, QualityRuleInfo>();
  byCode.set(BLANKED_RULE.code, { code: BLANKED_RULE.code, message: BLANKED_RULE.message, fields: [], tables: [], previousYear: false, dfe: false });
  for (const r of rules) {
    const seen = byCode.get(r.code);
    if (!seen) {
      byCode.set(r.code, { code: r.code, message: r.message, fields: [...r.fields], tables: [r.table], previousYear: r.previousYear === true, dfe: !r.code.startsWith('W') });
      continue;
    }
    for (const f of r.fields) if (!seen.fields.includes(f)) seen.fields.push(f);
    if (!seen.tables.includes(r.table)) seen.tables.push(r.table);
  }
  return [...byCode.values()];
}

/** The code of a finding's rule index (-1: a blanked value). */
export function codeOf(index: number, rules: readonly QualityRule[] = QUALITY_RULES): string {
  return index < 0 ? BLANKED_RULE.code : rules[index]!.code;
}

/**
 * The findings of the data as it is now, kept in FINDINGS_TABLE until invalidate() (called on
 * every change of data). `over` runs the build where the canonical views are at hand (the pack
 * snapshot), so rules that read them (oc2_cohort) do not compute them again.
 */
export class QualityCache {
  private generation = 0;
  private built = -1;
  /** How long the last build took (ms), for the benchmark. */
  lastBuildMs = 0;

  constructor(
    private readonly engine: SqlEngine,
    private readonly over: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn(),
  ) {}

  invalidate(): void {
    this.generation++;
  }

  /** Make sure FINDINGS_TABLE holds the findings of the current data. */
  async ensure(): Promise<void> {
    if (this.built === this.generation) return;
    const generation = this.generation;
    const t0 = performance.now();
    await this.over(async () => {
      const [{ n }] = await this.engine.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM episodes');
      const years = n! > PER_YEAR_ABOVE_EPISODES ? (await this.engine.all<{ y: number }>('SELECT DISTINCT return_year AS y FROM imports ORDER BY 1')).map((r) => r.y) : undefined;
      await buildFindings(this.engine, FINDINGS_NAME, QUALITY_RULES, years);
    });
    this.lastBuildMs = performance.now() - t0;
    this.built = generation;
  }
}
