/**
 * Running a pack: one SQL query over the pack's members for every loaded year at once, then the
 * result shape of packs.md (counts, percentages of the stated base to one decimal, totals, every
 * loaded year), optional small-number suppression, and commentary made from the final numbers.
 */
import type { PackRunResult, PackSummary } from '../api.js';
import { quoteIdent, quoteLiteral, type SqlEngine, type SqlValue } from '../engine.js';
import { comparatorSentences } from '../ees/packComparators.js';
import { codeInUse } from '../domain/codes.js';
import { monthLabel } from '../domain/years.js';
import { PACKS } from './index.js';
import type { CellValue, PackResult, PackRow } from './result.js';
import { keyCountsSql, lit } from './define.js';
import { historyCounts, historySql, incompleteYears, leftOutSentence, markHistory, withoutIncompleteYears } from './history.js';
import { percentOf } from './percent.js';
import { hiddenCells, suppressResult, type SuppressionSpec } from './suppression.js';
import { ViewSnapshotCache, withViewSnapshot } from './snapshot.js';
import { localResultCommentary } from './local.js';
import { TOTAL, type PackDefinition, type PackOptions, type RowSpec, type SuppressionSet } from './types.js';
import { ALL_KEY, BREAKDOWNS, BREAKDOWN_OPTION, breakdownHistorySql, breakdownOf, breakdownSql, buildBreakdown, findBreakdown, membersWithPart, ownTable, splitPartKey, syncAllRow, type Breakdown, type BuiltBreakdown } from './breakdown.js';
import { PUBLISHED_SPLITS, breakdownMargin, mergeHidden, type Margin, type SplitPublisher } from './margins.js';
import { breakdownCommentary } from './breakdownCommentary.js';
import { joinAnd, periodLabel } from './commentary.js';
import { cellOf } from './yearOnYear.js';

export { yearOnYear, yearOnYearSeries, type YearOnYear } from './yearOnYear.js';
export { DEFAULT_SUPPRESSION_THRESHOLD } from './suppression.js';
export { MEMORY_SNAPSHOT_STORE, ViewSnapshotCache, withViewSnapshot, type SnapshotStore, type ViewTiming } from './snapshot.js';

export class PackError extends Error {
  constructor(
    message: string,
    readonly code: 'not-found' | 'invalid-request',
  ) {
    super(message);
    this.name = 'PackError';
  }
}

export function listPacks(): PackSummary[] {
  return PACKS.map(({ id, title, section, timing, chart, history, options, ownBreakdowns }) => ({
    id,
    title,
    section,
    timing,
    chart,
    ...(history ? { historyDependent: true } : {}),
    ...(options?.length ? { options: options.map((o) => ({ id: o.id, label: o.label, choices: o.choices.map((c) => ({ ...c })), default: o.default })) } : {}),
    ...(ownBreakdowns?.length ? { ownBreakdowns: [...ownBreakdowns] } : {}),
  }));
}

export function getPack(id: string): PackDefinition {
  const pack = PACKS.find((p) => p.id === id);
  if (!pack) throw new PackError(`There is no query pack called "${id}".`, 'not-found');
  return pack;
}

/** The pack's options with defaults filled in; an unknown option or value is refused. */
export function resolveOptions(pack: PackDefinition, given: Record<string, string> = {}): PackOptions {
  const out: PackOptions = {};
  for (const o of pack.options ?? []) out[o.id] = o.default;
  for (const [id, value] of Object.entries(given)) {
    if (id === BREAKDOWN_OPTION) {
      if (value === 'none') continue;
      if (!findBreakdown(value)) {
        const allowed = ['none', ...BREAKDOWNS.map((b) => b.id)].join(', ');
        throw new PackError(`A pack can be broken down by one of: ${allowed} (got "${value}").`, 'invalid-request');
      }
      out[id] = value;
      continue;
    }
    const option = pack.options?.find((o) => o.id === id);
    if (!option) throw new PackError(`The "${pack.title}" pack has no option "${id}".`, 'invalid-request');
    if (!option.choices.some((c) => c.value === value)) {
      const allowed = option.choices.map((c) => c.value).join(', ');
      throw new PackError(`Option "${id}" of the "${pack.title}" pack must be one of: ${allowed} (got "${value}").`, 'invalid-request');
    }
    out[id] = value;
  }
  return out;
}

/**
 * The aggregate SQL of a pack: rows (return_year, key, count, sum, mean) for every loaded year in
 * one GROUP BY; key '__total' is the number of members (the pack total). Every member counts once
 * under '__total' and once under each of its keys; a 'sum'/'mean' row aggregates the member's
 * measure of the same key. A pack's counts() query, when it has one, gives the same numbers faster;
 * viaMembers counts the members themselves (to check the two agree).
 */
export function packSql(pack: PackDefinition, options: PackOptions, how: { viaMembers?: boolean } = {}): string {
  if (pack.aggregates) return pack.aggregates(options);
  const byKey = (aggregates: string, rows: string) => `SELECT return_year, key, CAST(sum(n) AS BIGINT) AS count, ${aggregates}
  FROM (
${rows}
  )
  GROUP BY return_year, key
  ORDER BY return_year, key`;
  if (!pack.measures) {
    // Members with the same keys are counted together first: far fewer lists to unnest.
    const counts =
      pack.counts && !how.viaMembers
        ? pack.counts(options)
        : keyCountsSql('keys', `SELECT return_year, keys, count(*) AS n FROM (\n${pack.members(options)}\n  ) GROUP BY ALL`);
    return byKey('NULL AS sum, NULL AS mean', counts);
  }
  if (pack.counts && !how.viaMembers) return byKey('sum(total) AS sum, sum(total) / nullif(sum(valued), 0) AS mean', pack.counts(options));
  const members = `WITH m AS (
${pack.members(options)}
  )`;
  const value = measureValueSql(pack);
  return `${members}
  SELECT return_year, key, count(*) AS count, sum(${value}) AS sum, avg(${value}) AS mean
  FROM (SELECT return_year, unnest(list_append(keys, '${TOTAL}')) AS key, measures FROM m)
  GROUP BY return_year, key
  ORDER BY return_year, key`;
}

/** SQL of a member's measure of the row `key` (NULL for a key without one, or a pack without measures). */
function measureValueSql(pack: PackDefinition): string {
  const measureKeys = pack.measures ? pack.rows.filter((r) => r.kind === 'sum' || r.kind === 'mean').map((r) => r.key) : [];
  return measureKeys.length ? `CASE key ${measureKeys.map((k) => `WHEN ${quoteLiteral(k)} THEN measures.${quoteIdent(k)}`).join(' ')} END` : 'NULL';
}

interface Agg {
  count: number;
  sum: number | null;
  mean: number | null;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

export { percentOf };

/** The rows of the result: declared rows (optional ones only when non-zero) and rows for unexpected keys. */
export function resultRows(pack: PackDefinition, data: Map<number, Map<string, Agg>>): RowSpec[] {
  const seen = new Set<string>();
  for (const byKey of data.values()) for (const [k, a] of byKey) if (k !== TOTAL && a.count !== 0) seen.add(k);
  const declared = new Set(pack.rows.map((r) => r.key));
  const rows = pack.rows.filter((r) => !r.optional || seen.has(r.key));
  const extras = [...seen].filter((k) => !declared.has(k)).sort();
  for (const key of extras) {
    const spec = pack.extraRow?.(key) ?? { key, label: key, group: null };
    const dim = spec.dimension ?? '';
    // After the last row of its dimension, so an unknown activity code sits with the activities.
    let at = -1;
    rows.forEach((r, i) => {
      if ((r.dimension ?? '') === dim && (r.additive ?? true)) at = i;
    });
    rows.splice(at === -1 ? rows.length : at + 1, 0, spec);
  }
  return rows;
}

/** The key whose count is the row's percentage base (TOTAL or a row key), or null for no percentage. */
export function baseOf(pack: PackDefinition, row: RowSpec): string | null {
  if ((row.kind ?? 'count') !== 'count') return null;
  const base = row.base ?? (pack.percent ? 'total' : 'none');
  if (base === 'none') return null;
  if (base === 'total') return TOTAL;
  return base.key;
}

/** Sets of rows that add up to a parent, from dimensions and subtotals, for secondary suppression. */
export function suppressionSets(pack: PackDefinition, rows: RowSpec[]): SuppressionSet[] {
  const sets: SuppressionSet[] = [];
  if (pack.additive) {
    const additive = rows.filter((r) => (r.additive ?? true) && (r.kind ?? 'count') === 'count');
    const dims = [...new Set(additive.map((r) => r.dimension ?? ''))];
    for (const d of dims) {
      const inDim = additive.filter((r) => (r.dimension ?? '') === d);
      const subtotalOf = new Map(inDim.filter((r) => r.subtotal).map((r) => [r.group ?? '', r.key]));
      const top = inDim.filter((r) => r.subtotal || !subtotalOf.has(r.group ?? '')).map((r) => r.key);
      sets.push({ parent: pack.total ? TOTAL : null, members: top });
      for (const [group, key] of subtotalOf) {
        sets.push({ parent: key, members: inDim.filter((r) => !r.subtotal && (r.group ?? '') === group).map((r) => r.key) });
      }
    }
  }
  return [...sets, ...(pack.extraSuppressionSets?.(rows.map((r) => r.key)) ?? [])];
}

/**
 * A pack result with counts 1..threshold suppressed, by the one suppression engine (suppression.ts)
 * over the pack's relations; a threshold of 0 or less gives it unchanged. rows: the result's RowSpecs.
 */
export function suppressPack(pack: PackDefinition, result: PackResult, rows: RowSpec[], threshold: number, linked?: LinkedCells): PackResult {
  if (!(threshold > 0)) return result;
  const bases: Record<string, string | null> = {};
  for (const r of rows) bases[r.key] = baseOf(pack, r);
  const over = Object.fromEntries(rows.filter((r) => r.over !== undefined).map((r) => [r.key, r.over!]));
  const spec: SuppressionSpec = {
    threshold,
    sets: suppressionSets(pack, rows),
    bases,
    publishedElsewhere: [...(pack.publishedElsewhere ?? []), ...(linked?.keys ?? [])],
    ...(linked ? { alreadyHidden: linked.hidden } : {}),
    ...(Object.keys(over).length ? { over } : {}),
    ...(pack.timing === 'month' ? { periodLabel: (y: number) => monthLabel(y) } : {}),
  };
  return suppressResult(result, spec);
}

/** Every figure of the given years as not collected (x): the return of those years has no such file. */
export function markNotCollected(result: PackResult, years: readonly number[]): PackResult {
  if (years.length === 0) return result;
  const mark = (values: Record<string, CellValue>) => {
    const out = { ...values };
    for (const y of years) if (out[String(y)]) out[String(y)] = { count: null, notCollected: true };
    return out;
  };
  return { ...result, total: mark(result.total), rows: result.rows.map((r) => ({ ...r, values: mark(r.values) })) };
}

/**
 * The rows of codes outside their code list's years (RowSpec.codeYears), where nothing is recorded
 * under them, as not collected (x), and so a breakdown's parts of them (as their heading is): on 31
 * March 2022 no child could be in K3, which came in 2023/24, so that 0 is no figure and no change
 * from it is one. A snapshot takes the code list on 31 March (H5 and P2 were superseded by then in
 * 2023/24). The counts of every other cell are as they were.
 */
export function markCodesNotInUse(result: PackResult, specs: readonly RowSpec[], timing: PackSummary['timing']): PackResult {
  const years = new Map(specs.filter((r) => r.codeYears).map((r) => [r.key, r.codeYears!]));
  if (years.size === 0) return result;
  const on31March = timing === 'snapshot';
  const own = new Map(result.rows.map((r) => [r.key, r]));
  const outOfUse = (key: string, y: string): boolean => {
    const codeYears = years.get(key);
    const cell = own.get(key)?.values[y];
    // (A breakdown's heading comes from the plain table, marked already.)
    return !!codeYears && !codeInUse(codeYears, Number(y), on31March) && (cell?.count === 0 || cell?.notCollected === true);
  };
  let changed = false;
  // The pack's own rows marked, and in which years, for the note saying why (a breakdown's headings come marked, with it).
  const said: string[] = [];
  const rows = result.rows.map((r) => {
    const heading = splitPartKey(r.key)?.row ?? r.key;
    if (!years.has(heading)) return r;
    const values = { ...r.values };
    const marked: number[] = [];
    for (const y of Object.keys(values)) {
      if (!outOfUse(heading, y) || values[y]!.count !== 0) continue;
      values[y] = { count: null, notCollected: true };
      marked.push(Number(y));
      changed = true;
    }
    if (marked.length > 0 && heading === r.key) said.push(`${r.label} (${yearsInWords(marked.sort((a, b) => a - b), timing)})`);
    return { ...r, values };
  });
  if (!changed) return result;
  const note = said.length > 0 ? [`Shown as x where the code was not in that year's code list: ${joinAnd(said)}.`] : [];
  return { ...result, rows, notes: [...result.notes, ...note] };
}

/** "31 March 2019 to 31 March 2023", "2023/24", "2019/20 and 2021/22": years in words, a run of three or more as a span. */
function yearsInWords(years: readonly number[], timing: PackSummary['timing']): string {
  const label = (y: number) => periodLabel(timing, y);
  const run = years.length > 2 && years.every((y, i) => i === 0 || y === years[i - 1]! + 1);
  return run ? `${label(years[0]!)} to ${label(years.at(-1)!)}` : joinAnd(years.map(label));
}

/** Build the (unsuppressed) PackResult from the aggregate rows. */
export function buildResult(pack: PackDefinition, options: PackOptions, years: number[], raw: Record<string, SqlValue>[]): { result: PackResult; rows: RowSpec[] } {
  const data = new Map<number, Map<string, Agg>>();
  for (const y of years) data.set(y, new Map());
  for (const r of raw) {
    const y = Number(r.return_year);
    const byKey = data.get(y);
    if (!byKey) continue; // not a loaded year (cannot happen: years_loaded covers every table)
    byKey.set(String(r.key), {
      count: Number(r.count ?? 0),
      sum: r.sum === null || r.sum === undefined ? null : Number(r.sum),
      mean: r.mean === null || r.mean === undefined ? null : Number(r.mean),
    });
  }
  const specs = resultRows(pack, data);
  const get = (y: number, key: string): Agg | undefined => data.get(y)?.get(key);

  const rows: PackRow[] = specs.map((spec) => {
    const values: Record<string, CellValue> = {};
    const baseKey = baseOf(pack, spec);
    for (const y of years) {
      const a = get(y, spec.key);
      const kind = spec.kind ?? 'count';
      let cell: CellValue;
      if (kind === 'sum') cell = { count: Math.round(a?.sum ?? 0) };
      else if (kind === 'mean') cell = { count: a?.count ?? 0, value: a?.mean === null || a?.mean === undefined ? null : round1(a.mean) };
      else if (kind === 'statistic') cell = a && a.count > 0 && a.mean !== null ? { count: a.count, value: round1(a.mean) } : { value: null };
      else cell = { count: a?.count ?? 0 };
      if (baseKey !== null) cell.percent = percentOf(cell.count!, get(y, baseKey)?.count ?? 0);
      values[String(y)] = cell;
    }
    const row: PackRow = { key: spec.key, label: pack.rowLabel?.(spec.key, options) ?? spec.label, group: spec.group ?? null, values };
    if (spec.subtotal) row.subtotal = true;
    if (spec.role) row.role = spec.role;
    return row;
  });

  const total: Record<string, CellValue> = {};
  if (pack.total) for (const y of years) total[String(y)] = { count: get(y, TOTAL)?.count ?? 0 };

  const notes = [...(pack.notes ?? [])];
  for (const o of pack.options ?? []) {
    const choice = o.choices.find((c) => c.value === options[o.id]);
    if (choice) notes.push(`${o.label}: ${choice.label}.`);
  }
  const result: PackResult = { pack: pack.id, title: pack.title, definition: pack.definition, years: [...years], rows, total, notes };
  if (pack.totalLabel !== undefined) result.totalLabel = pack.totalLabel;
  if (pack.chartLevel) result.chartLevel = pack.chartLevel;
  if (pack.category) result.category = pack.category;
  return {
    result,
    rows: specs,
  };
}

export interface RunPackOptions {
  /** Suppress counts 1..N; null, 0 or absent: no suppression. */
  suppress?: number | null;
  options?: Record<string, string>;
  /** Commentary speaks of years whose figures depend on missing history too (default: it leaves them out). */
  includeIncompleteHistory?: boolean;
}

export async function loadedYears(engine: SqlEngine): Promise<number[]> {
  const rows = await engine.all('SELECT return_year FROM years_loaded ORDER BY return_year');
  return rows.map((r) => Number(r.return_year));
}

export async function runPack(engine: SqlEngine, id: string, opts: RunPackOptions = {}): Promise<PackRunResult> {
  return runPackForYears(engine, id, await loadedYears(engine), opts);
}

async function runPackForYears(engine: SqlEngine, id: string, years: number[], opts: RunPackOptions, kept?: ViewSnapshotCache): Promise<PackRunResult> {
  return runPackDefinition(engine, getPack(id), years, opts, kept);
}

/** A pack's figures before suppression (x where not collected), and its row specs. */
export async function plainResult(engine: SqlEngine, pack: PackDefinition, years: number[], options: PackOptions, kept?: ViewSnapshotCache): Promise<{ result: PackResult; rows: RowSpec[]; notCollected: number[] }> {
  const sql = packSql(pack, options);
  const raw = kept ? await kept.aggregates(sql, () => engine.all(sql)) : await engine.all(sql);
  const built = buildResult(pack, options, years, raw);
  const rows = built.rows;
  // Years whose return does not collect what the pack counts: x, not 0 (and no change from them).
  let notCollected: number[] = [];
  if (pack.collectedIn) {
    const csql = pack.collectedIn;
    const collected = new Set((kept ? await kept.aggregates(csql, () => engine.all(csql)) : await engine.all(csql)).map((r) => Number(r.return_year)));
    notCollected = years.filter((y) => !collected.has(y));
  }
  return { result: markCodesNotInUse(markNotCollected(built.result, notCollected), rows, pack.timing), rows, notCollected };
}

/** A pack's rows that another pack publishes as its own (PackDefinition.sameAs): never hidden to protect another cell, and hidden where that one is. */
export interface LinkedCells {
  keys: string[];
  hidden: Record<string, string[]>;
}

/**
 * The rows of the pack that are another pack's rows (sameAs), in the years where the figures are
 * equal: hidden where that pack, under the same options, hides them.
 */
async function linkedCells(engine: SqlEngine, pack: PackDefinition, options: PackOptions, years: number[], result: PackResult, threshold: number, kept?: ViewSnapshotCache): Promise<LinkedCells | undefined> {
  if (!pack.sameAs || !(threshold > 0)) return undefined;
  const keys: string[] = [];
  const hidden: Record<string, string[]> = {};
  for (const link of pack.sameAs) {
    const other = getPack(link.pack);
    const shared = Object.fromEntries(Object.entries(options).filter(([id]) => other.options?.some((o) => o.id === id)));
    const their = await asPublished(engine, other, years, resolveOptions(other, shared), threshold, kept);
    for (const [mine, theirs] of Object.entries(link.rows)) {
      const count = (r: PackResult, key: string, y: string) => cellOf(r, key, Number(y))?.count;
      const same = years.map(String).filter((y) => typeof count(result, mine, y) === 'number' && count(result, mine, y) === count(their.plain, theirs, y));
      if (same.length === 0) continue;
      keys.push(mine);
      for (const y of same) if (their.hidden[y]?.includes(theirs)) (hidden[y] ??= []).push(mine);
    }
  }
  return keys.length > 0 ? { keys, hidden } : undefined;
}

/** The packs that publish the split of a breakdown (margins.ts), as they show it at the threshold. */
async function splitPublishers(engine: SqlEngine, by: string, years: number[], threshold: number, kept?: ViewSnapshotCache): Promise<SplitPublisher[]> {
  const out: SplitPublisher[] = [];
  for (const { pack: id, options } of PUBLISHED_SPLITS[by] ?? []) {
    const q = getPack(id);
    out.push(await asPublished(engine, q, years, resolveOptions(q, options), threshold, kept));
  }
  return out;
}

/** Another pack as the report publishes it at the threshold: its figures unsuppressed, and the cells it hides by year. */
async function asPublished(engine: SqlEngine, pack: PackDefinition, years: number[], options: PackOptions, threshold: number, kept?: ViewSnapshotCache): Promise<SplitPublisher> {
  const plain = await plainResult(engine, pack, years, options, kept);
  return { plain: plain.result, hidden: hiddenCells(suppressPack(pack, plain.result, plain.rows, threshold)) };
}

/**
 * A cross-table suppressed: the pack's own figures (its headings) hidden exactly as the plain table
 * `shown` hides them, and its "All" parts as the margin says (margins.ts: as every table that prints
 * them hides them); both taken as published (never hidden to protect another cell), and protected
 * with the small parts through every relation. Without a margin, as before the margin was known
 * (the reviewer's walk: kept for the attacker's comparison).
 */
export function suppressCrossTable(pack: PackDefinition, table: BuiltBreakdown, rows: readonly RowSpec[], shown: PackResult, threshold: number, margin: Margin | null): PackResult {
  return suppressResult(table.result, {
    threshold,
    sets: table.sets,
    bases: table.bases,
    publishedElsewhere: [...(pack.publishedElsewhere ?? []), ...rows.map((r) => r.key), ...(margin?.keys ?? [])],
    alreadyHidden: margin ? mergeHidden(hiddenCells(shown), margin.hidden) : hiddenCells(shown),
    over: table.over,
    ...(margin ? { exact: true } : {}),
  });
}

/** The (unsuppressed) cross-table of a pack by a breakdown, built on the pack's own figures. */
export async function crossTable(
  engine: SqlEngine,
  pack: PackDefinition,
  options: PackOptions,
  by: Breakdown,
  plain: { result: PackResult; rows: RowSpec[]; notCollected: number[] },
  kept?: ViewSnapshotCache,
): Promise<BuiltBreakdown> {
  const { result, rows, notCollected } = plain;
  const own = { result, specs: rows, sets: suppressionSets(pack, rows), bases: Object.fromEntries(rows.map((r) => [r.key, baseOf(pack, r)])) };
  const bsql = breakdownSql(pack, options, by, measureValueSql(pack));
  const table = buildBreakdown(pack, by, own, kept ? await kept.aggregates(bsql, () => engine.all(bsql)) : await engine.all(bsql));
  table.result = markCodesNotInUse(markNotCollected(table.result, notCollected), rows, pack.timing);
  return table;
}

/** Run a pack given by its definition (a local pack, compiled from the workspace's spec) for the given years. */
export async function runPackDefinition(engine: SqlEngine, pack: PackDefinition, years: number[], opts: RunPackOptions, kept?: ViewSnapshotCache): Promise<PackRunResult> {
  const options = resolveOptions(pack, opts.options);
  const plain = await plainResult(engine, pack, years, options, kept);
  const { result, rows } = plain;
  const threshold = opts.suppress ?? 0;
  const by = breakdownOf(options);
  let final = suppressPack(pack, result, rows, threshold, await linkedCells(engine, pack, options, years, result, threshold, kept));
  if (by) {
    const table = await crossTable(engine, pack, options, by, plain, kept);
    // The pack's own figures are published as the plain table shows them, and the "All" parts as
    // every table that prints them shows them: the cross-table hides exactly the same ones (never
    // fewer, or the tables together would give a hidden cell away).
    final =
      threshold > 0
        ? suppressCrossTable(pack, table, rows, final, threshold, breakdownMargin(table.result, threshold, await splitPublishers(engine, by.id, years, threshold, kept)))
        : table.result;
  }
  if (pack.history) {
    const hsql = historySql(pack.history.members(options));
    const hraw = kept ? await kept.aggregates(hsql, () => engine.all(hsql)) : await engine.all(hsql);
    // A breakdown's parts are marked as the pack's rows are, from the same members in each category.
    const psql = by ? breakdownHistorySql(pack, pack.history.members(options), by) : null;
    const praw = psql ? (kept ? await kept.aggregates(psql, () => engine.all(psql)) : await engine.all(psql)) : [];
    final = markHistory(final, historyCounts([...hraw, ...praw]), threshold);
    // The rule in the notes; the legend of u is added by each output that shows the mark.
    if (incompleteYears(final).length > 0) final.notes = [...final.notes, pack.history.rule];
  }
  final = withoutFigures(final, pack.notApplicable?.(options) ?? null);
  if (by) final = syncAllRow(final);
  return { result: final, commentary: commentaryFor(pack, final, options, opts.includeIncompleteHistory ?? false) };
}

/** The rows not applicable under the options chosen (and their parts in a breakdown) with no figure in any year, and the note why. */
function withoutFigures(result: PackResult, na: { keys: readonly string[]; note: string } | null): PackResult {
  if (!na) return result;
  const blank = (key: string) => na.keys.includes(splitPartKey(key)?.row ?? key);
  const rows = result.rows.map((r) => (blank(r.key) ? { ...r, values: Object.fromEntries(result.years.map((y) => [String(y), { count: null, percent: null }])) } : r));
  return { ...result, rows, notes: [...result.notes, na.note] };
}

/**
 * The commentary of a result: by default written from the years no figure of which depends on
 * missing history, saying which years it leaves out; includeIncomplete speaks of every year.
 */
export function commentaryFor(pack: PackDefinition, result: PackResult, options: PackOptions, includeIncomplete: boolean): string[] {
  // A breakdown: the pack's own sentences on its headings, then what the breakdown shows.
  if (result.breakdown) return [...commentaryFor(pack, ownTable(pack, result), options, includeIncomplete), ...breakdownCommentary(pack, result)];
  if (includeIncomplete) return pack.commentary({ pack, result, options });
  const reliable = withoutIncompleteYears(result);
  const said = reliable.years.length > 0 ? pack.commentary({ pack, result: reliable, options }) : [];
  return [...said, ...leftOutSentence(result, pack.timing)];
}

/**
 * The commentary of a pack's table for the years it shows (default: every year of the result):
 * the pack's sentences written from the result cut to those years, so every figure quoted is one
 * the table shows and a change is the one its change column shows (the last two years shown);
 * years resting on missing history are left out unless includeIncomplete (commentaryFor).
 * The screen calls it for the range chosen.
 */
export function packCommentary(id: string, result: PackResult, options: Record<string, string> = {}, years: readonly number[] = result.years, includeIncomplete = false): string[] {
  const shown = result.years.filter((y) => years.includes(y));
  if (result.local) return localResultCommentary({ ...result, years: shown });
  const pack = getPack(id);
  // DfE's comparators, when the result carries them, get their sentences after the pack's own.
  return [...commentaryFor(pack, { ...result, years: shown }, resolveOptions(pack, options), includeIncomplete), ...comparatorSentences(result, shown)];
}

/** The pack's options as defaults, then with each choice of each option in turn. */
export function optionVariants(pack: PackDefinition): PackOptions[] {
  const variants = [resolveOptions(pack)];
  for (const o of pack.options ?? []) for (const c of o.choices) variants.push(resolveOptions(pack, { [o.id]: c.value }));
  return variants;
}

/** Run several packs (an export, the CLI) over one snapshot of the views: a cached one if given, else one made for the call. */
export async function runPacks(
  engine: SqlEngine,
  ids: readonly string[],
  opts: RunPackOptions & { optionsByPack?: Record<string, Record<string, string>>; snapshot?: ViewSnapshotCache } = {},
): Promise<Record<string, PackRunResult>> {
  // Refuse unknown ids and options before doing any work; the kept snapshot builds only the views this SQL reads.
  const sql = ids.map((id) => {
    const pack = getPack(id);
    return packSql(pack, resolveOptions(pack, opts.optionsByPack?.[id] ?? opts.options));
  });
  const over = <T>(fn: () => Promise<T>) => (opts.snapshot ? opts.snapshot.run(fn, sql) : withViewSnapshot(engine, fn));
  return over(async () => {
    const out: Record<string, PackRunResult> = {};
    const years = await loadedYears(engine);
    for (const id of ids) {
      const options = opts.optionsByPack?.[id] ?? opts.options;
      const run: RunPackOptions = { suppress: opts.suppress ?? null, ...(options ? { options } : {}) };
      if (opts.includeIncompleteHistory) run.includeIncompleteHistory = true;
      out[id] = await runPackForYears(engine, id, years, run, opts.snapshot);
    }
    return out;
  });
}

/**
 * SQL and parameters listing the units (children, reviews) behind one count of a pack: the
 * members of `year` having row `key`, or every member of the pack's base when key is omitted.
 * Columns: child first, then the pack's details (age, sex, legal status, placement, dates).
 */
export function drillSql(id: string, year: number, key?: string | null, options?: Record<string, string>): { sql: string; params: SqlValue[] } {
  return drillSqlFor(getPack(id), year, key, options);
}

export function drillSqlFor(pack: PackDefinition, year: number, key?: string | null, options?: Record<string, string>): { sql: string; params: SqlValue[] } {
  const opts = resolveOptions(pack, options);
  const exclude = pack.measures ? 'return_year, keys, measures' : 'return_year, keys';
  const by = breakdownOf(opts);
  const part = by && key ? splitPartKey(key) : null;
  if (by && part) {
    // A part of a breakdown: the members of the row (or all of them) whose child is in the category.
    const byRow = part.row !== TOTAL;
    const sql = `SELECT * EXCLUDE (${exclude}) FROM (
${membersWithPart(pack, pack.members(opts), by, lit(part.row))}
) m WHERE return_year = ?${byRow ? ' AND list_contains(keys, ?)' : ''} AND part = ? ORDER BY ALL`;
    return { sql, params: byRow ? [year, part.row, part.category] : [year, part.category] };
  }
  const rowKey = key === ALL_KEY ? TOTAL : key;
  const byKey = rowKey !== undefined && rowKey !== null && rowKey !== TOTAL;
  const sql = `SELECT * EXCLUDE (${exclude}) FROM (
${pack.members(opts)}
) m WHERE return_year = ?${byKey ? ' AND list_contains(keys, ?)' : ''} ORDER BY ALL`;
  return { sql, params: byKey ? [year, rowKey] : [year] };
}
