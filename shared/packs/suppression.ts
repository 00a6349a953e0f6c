/**
 * Small-number suppression of a pack result: the one engine behind the screen, the clipboard, the
 * Excel and Word exports, the charts, the commentary and the CLI (they all read the result it gives).
 *
 * The method (GSS/ONS cell suppression with protection intervals, as DfE applies it in its own
 * tables; written out for users in SUPPRESSION_METHOD below and in the README):
 * - primary: every count from 1 to N is suppressed (count null, `suppressed`, shown as `c`);
 * - zeros are shown, so a reader knows every `c` is at least 1;
 * - secondary: a reader who knows how the table is built (each group is the sum of its members,
 *   the total the sum of the rows of each dimension, complementary rows such as "recorded" and
 *   "not recorded") can bound each `c` by the published figures. For each year column, the engine
 *   works out those bounds (interval propagation over the table's relations and their
 *   combinations, integers >= 1) and suppresses further cells, the one that protects most and is
 *   smallest first, until every `c` could be any of at least N values and every small count could
 *   be as large as N (so nothing shows it is 1, or below N; from 1 to N whenever it has no hidden
 *   parts). Merely "two cells per relation" is not enough: c + c = 2 with zeros shown gives both
 *   away, so the hidden total of a relation must be large enough as well;
 * - where no non-zero cell can protect a cell (a zero beside it gives it away), zeros in that year
 *   may be suppressed too, and the notes say that a c there may stand for 0;
 * - a year whose cells cannot be protected even so (a total of N+1 spread one child per row) is
 *   withheld whole: every row is `c`, zeros included (then a `c` may be 0), and a note says so; a
 *   total of 1 to N withholds the year likewise;
 * - the pack total, and rows declared as published in another pack, are never suppressed to protect
 *   another cell: the reader has them anyway;
 * - percentages (and averages) of suppressed cells, and percentages of a suppressed base, are
 *   suppressed too, and so is any change from last year that involves a suppressed cell
 *   (yearOnYear, the export model).
 * Each year column is protected on its own: the only figure across years is the change, which is
 * shown only between two visible cells.
 */
import type { CellValue, PackResult, PackRow, SuppressionSummary } from './result.js';
import { TOTAL, type SuppressionSet } from './types.js';

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/** The method in words: shown under every suppressed table (notes) and in the exports. */
export function suppressionMethodNote(threshold: number): string {
  return (
    `Counts from 1 to ${threshold} are suppressed and shown as c. Further cells are suppressed (secondary suppression) so that no c ` +
    `can be worked out, or narrowed to fewer than ${threshold} possible values, from the totals, subtotals, other rows, percentages or ` +
    `changes shown: every small count could be as large as ${threshold}. Zeros are shown as 0, except in a year noted below.`
  );
}

/** Every given year (default: all) withheld whole: say so instead of showing a table of c. */
export function tooFewToPublish(result: PackResult, years: readonly number[] = result.years): boolean {
  const withheld = result.suppression?.withheldYears ?? [];
  return years.length > 0 && years.every((y) => withheld.includes(y));
}

/** What a screen or document says in place of a pack's table when tooFewToPublish. */
export function tooFewMessage(threshold: number): string {
  return (
    `Too few to publish safely: with counts from 1 to ${threshold} suppressed, showing any figure of this table would give others ` +
    'away, so it is not shown.'
  );
}

export interface SuppressionSpec {
  /** Counts 1..threshold are suppressed. */
  threshold: number;
  /** Relations between cells: each set's members add up to its parent (see SuppressionSet). */
  sets: readonly SuppressionSet[];
  /** Row key -> key of its percentage base (TOTAL or a row key), or null when it has no percentage. */
  bases: Readonly<Record<string, string | null>>;
  /** Row key -> the row (or TOTAL) whose members its figure is worked out over: hidden wherever that one is (RowSpec.over). */
  over?: Readonly<Record<string, string>>;
  /** How the notes name a column (default: the year as a number; a local pack by month: "Apr 2023"). */
  periodLabel?: (year: number) => string;
  /** Row keys published in another pack (never hidden to protect another cell). TOTAL always is. */
  publishedElsewhere?: readonly string[];
  /**
   * Cells hidden in a table published beside this one (a breakdown's headings, as the plain pack
   * hides them), by year: hidden here too, and protected like any other hidden cell.
   */
  alreadyHidden?: Readonly<Record<string, readonly string[]>>;
}

export interface ColumnSuppression {
  /** Every suppressed cell (row keys and TOTAL). */
  hidden: Set<string>;
  /** Suppressed for being 1..N. */
  primary: Set<string>;
  /** Suppressed to protect another cell (includes zeros of a withheld year). */
  secondary: Set<string>;
  /** The whole column is suppressed, zeros included. */
  withheld: boolean;
  /** Some zeros may be suppressed too (a c may be 0): when nothing else could protect a cell, and when withheld. */
  zerosHidden: boolean;
}

export interface Interval {
  lo: number;
  hi: number;
}

interface Equation {
  terms: { key: string; coef: number }[];
  constant: number;
}

/**
 * The relations combined (reduced row echelon form over the hidden cells): where relations overlap
 * (recorded ethnicity and the groups both add up to the total), a cell can be fixed by combining
 * them although no single relation fixes it; each combined row shows that directly.
 */
function reducedRows(eqs: readonly Equation[], keys: readonly string[]): Equation[] {
  const col = new Map(keys.map((k, i) => [k, i]));
  const rows = eqs
    .filter((e) => e.terms.length > 0)
    .map((e) => {
      const r = new Array<number>(keys.length + 1).fill(0);
      for (const t of e.terms) r[col.get(t.key)!] += t.coef;
      r[keys.length] = e.constant;
      return r;
    });
  let rank = 0;
  for (let c = 0; c < keys.length && rank < rows.length; c++) {
    const p = rows.findIndex((r, i) => i >= rank && Math.abs(r[c]!) > 1e-9);
    if (p === -1) continue;
    [rows[rank], rows[p]] = [rows[p]!, rows[rank]!];
    const pr = rows[rank]!;
    const pv = pr[c]!;
    for (let j = 0; j <= keys.length; j++) pr[j]! /= pv;
    for (let i = 0; i < rows.length; i++) {
      const f = rows[i]![c]!;
      if (i !== rank && Math.abs(f) > 1e-12) for (let j = 0; j <= keys.length; j++) rows[i]![j]! -= f * pr[j]!;
    }
    rank++;
  }
  return rows.slice(0, rank).map((r) => ({
    terms: keys.map((key, i) => ({ key, coef: r[i]! })).filter((t) => Math.abs(t.coef) > 1e-9),
    constant: r[keys.length]!,
  }));
}

/**
 * What a reader can work out of each hidden cell: the smallest and largest value consistent with
 * the visible cells and the relations (integers, at least `floor`), by interval propagation over
 * the relations and their combinations. Exact on the tree-shaped relations of most packs (groups
 * within a total); on other shapes it may be wider than the truth, which the attacker test (an
 * exact linear programme over relations found in the data) checks.
 */
export function feasibleRanges(
  counts: ReadonlyMap<string, number | null | undefined>,
  hidden: ReadonlySet<string>,
  sets: readonly SuppressionSet[],
  floor: number,
): Map<string, Interval> {
  const range = new Map<string, Interval>();
  for (const k of hidden) range.set(k, { lo: floor, hi: Infinity });
  const value = (k: string) => counts.get(k) ?? 0;
  // Each relation as sum(coef * x) = constant over its hidden cells.
  const eqs: Equation[] = sets.map((s) => {
    const terms: Equation['terms'] = [];
    let constant = 0;
    const add = (k: string, coef: number) => {
      if (hidden.has(k)) terms.push({ key: k, coef });
      else constant -= coef * value(k);
    };
    for (const m of s.members) add(m, 1);
    // A parent published elsewhere (null) is known: the sum of its members.
    if (s.parent === null) constant += s.members.reduce((a, m) => a + value(m), 0);
    else add(s.parent, -1);
    return { terms, constant };
  });
  eqs.push(...reducedRows(eqs, [...hidden]));
  for (let round = 0, changed = true; changed && round < 200; round++) {
    changed = false;
    for (const { terms, constant } of eqs) {
      if (terms.length === 0) continue;
      for (const t of terms) {
        // coef * x_t = constant - sum of the others: its range from the others' ranges.
        let lo = constant;
        let hi = constant;
        for (const o of terms) {
          if (o === t) continue;
          const r = range.get(o.key)!;
          const a = o.coef > 0 ? [-o.coef * r.hi, -o.coef * r.lo] : [-o.coef * r.lo, -o.coef * r.hi];
          lo += a[0]!;
          hi += a[1]!;
        }
        const [xlo, xhi] = t.coef > 0 ? [lo / t.coef, hi / t.coef] : [hi / t.coef, lo / t.coef];
        const r = range.get(t.key)!;
        const nlo = Math.max(r.lo, Math.ceil(xlo - 1e-9));
        const nhi = Math.min(r.hi, Math.floor(xhi + 1e-9));
        if (nlo !== r.lo || nhi !== r.hi) {
          range.set(t.key, { lo: nlo, hi: nhi });
          changed = true;
        }
      }
    }
  }
  return range;
}

/** Which cells of one year column are suppressed, and why (keys: row keys and TOTAL). */
export function suppressColumn(
  counts: ReadonlyMap<string, number | null | undefined>,
  threshold: number,
  sets: readonly SuppressionSet[],
  publishedElsewhere: readonly string[] = [],
  alreadyHidden: readonly string[] = [],
): ColumnSuppression {
  const countOf = (key: string): number => counts.get(key) ?? 0;
  const isSmall = (key: string) => {
    const n = counts.get(key);
    return typeof n === 'number' && n >= 1 && n <= threshold;
  };
  const primary = new Set([...counts.keys()].filter(isSmall));
  const fixed = new Set([TOTAL, ...publishedElsewhere]);
  const hidden = new Set([...primary, ...alreadyHidden.filter((k) => counts.has(k))]);
  const withheld = (): ColumnSuppression => {
    // The total and rows published elsewhere stay shown unless small: the reader has them anyway.
    const all = new Set([...counts.keys()].filter((k) => (fixed.has(k) ? isSmall(k) : counts.get(k) != null)));
    return { hidden: all, primary, secondary: new Set([...all].filter((k) => !primary.has(k))), withheld: true, zerosHidden: true };
  };
  if (isSmall(TOTAL)) return withheld();

  const present = new Set(counts.keys());
  // Rows left out of the result count 0; a parent missing from the column counts as published. A
  // relation the data does not keep (a code recorded against the guidance) tells a reader nothing
  // true, so it is left out rather than trusted.
  const relations = sets
    .map((s) => ({ parent: s.parent !== null && present.has(s.parent) ? s.parent : null, members: s.members.filter((m) => present.has(m)) }))
    .filter((s) => s.members.length > 0)
    .filter((s) => s.parent === null || s.members.reduce((a, m) => a + countOf(m), 0) === countOf(s.parent));
  // A sum published in another pack is known to the reader, unless it is 1 to N: then that pack
  // suppresses it, and here it is an unknown like any c (never shown, never checked).
  const values = new Map(counts);
  const external = new Set<string>();
  relations.forEach((s, i) => {
    const sum = s.members.reduce((a, m) => a + countOf(m), 0);
    if (s.parent !== null || sum < 1 || sum > threshold) return;
    s.parent = `__published-elsewhere-${i}`;
    values.set(s.parent, sum);
    external.add(s.parent);
    hidden.add(s.parent);
    fixed.add(s.parent);
  });
  const order = new Map([...counts.keys()].map((k, i) => [k, i]));
  const inRelations = new Set(relations.flatMap((s) => [...s.members, ...(s.parent === null ? [] : [s.parent])]));
  // Zeros are shown (a c is at least 1) unless no other cell can protect one: then zeros may be c
  // too in this column (a c is at least 0), which the notes say.
  let floor = 1;
  const candidates = () => [...inRelations].filter((k) => !hidden.has(k) && !fixed.has(k) && (floor === 0 ? counts.get(k) != null : countOf(k) > 0));

  // How far a hidden cell's range falls short of the promise (0 = protected).
  const shortfall = (key: string, r: Interval): number => {
    // At least N possible values; and a small count could be as large as N (its lower bound may be
    // above 1 only when it has hidden parts, each at least 1: "refused" = REFU + NOBT >= 2).
    const width = Math.max(0, threshold - 1 - (r.hi - r.lo));
    return primary.has(key) ? width + Math.max(0, threshold - r.hi) : width;
  };
  const failing = (ranges: Map<string, Interval>) => [...hidden].filter((k) => !external.has(k) && shortfall(k, ranges.get(k)!) > 0);

  // How far the cells hidden so far, then all of them, fall short with `extra` hidden as well.
  const scoreWith = (extra: readonly string[]): [number, number] => {
    const all = new Set([...hidden, ...extra]);
    const r = feasibleRanges(values, all, relations, floor);
    const before = [...hidden].filter((h) => !external.has(h)).reduce((a, h) => a + shortfall(h, r.get(h)!), 0);
    return [before, before + extra.reduce((a, h) => a + shortfall(h, r.get(h)!), 0)];
  };
  // Lexicographic: the least shortfall left for the cells already hidden, then for all; then a cell
  // in a relation with the failing one; then the smallest counts (the least information lost);
  // then the first rows.
  const better = (a: number[], b: number[]) => {
    const i = a.findIndex((v, j) => v !== b[j]);
    return i !== -1 && a[i]! < b[i]!;
  };

  for (;;) {
    const ranges = feasibleRanges(values, hidden, relations, floor);
    const bad = failing(ranges);
    if (bad.length === 0) break;
    const now = bad.reduce((a, h) => a + shortfall(h, ranges.get(h)!), 0);
    const target = bad.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))[0]!;
    const near = new Set(relations.filter((s) => s.parent === target || s.members.includes(target)).flatMap((s) => [...s.members, ...(s.parent === null ? [] : [s.parent])]));
    const pool = candidates();
    if (pool.length === 0 && floor === 1) {
      // Hide a zero (beside the cell if one is), so that a c there may truly be 0.
      floor = 0;
      const zeros = candidates();
      const zero = zeros.find((k) => near.has(k)) ?? zeros[0];
      if (zero === undefined) return withheld();
      hidden.add(zero);
      continue;
    }
    if (pool.length === 0) return withheld();
    const rank = (keys: string[]) => [...scoreWith(keys), keys.some((k) => near.has(k)) ? 0 : 1, keys.reduce((a, k) => a + countOf(k), 0), Math.min(...keys.map((k) => order.get(k) ?? 0))];
    let best: { keys: string[]; rank: number[] } | null = null;
    for (const k of pool) {
      const mine = rank([k]);
      if (!best || better(mine, best.rank)) best = { keys: [k], rank: mine };
    }
    // No single cell helps (a cell fixed by two relations at once needs two more hidden): try pairs.
    if (best!.rank[0]! >= now) {
      for (let a = 0; a < pool.length; a++) {
        for (let b = a + 1; b < pool.length; b++) {
          const mine = rank([pool[a]!, pool[b]!]);
          if (mine[0]! < now && better(mine, best!.rank)) best = { keys: [pool[a]!, pool[b]!], rank: mine };
        }
      }
    }
    // Still nothing helps (a cell fixed by several relations at once): hide the smallest cell in a
    // relation with it, which opens one of them; the next rounds open the others.
    if (best!.rank[0]! >= now) {
      const open = pool.filter((k) => near.has(k));
      const pick = (open.length ? open : pool).sort((a, b) => countOf(a) - countOf(b) || (order.get(a) ?? 0) - (order.get(b) ?? 0))[0]!;
      best = { keys: [pick], rank: [] };
    }
    for (const k of best!.keys) hidden.add(k);
  }
  for (const k of external) hidden.delete(k);
  return { hidden, primary, secondary: new Set([...hidden].filter((k) => !primary.has(k))), withheld: false, zerosHidden: floor === 0 };
}

/** The suppressed cells of one year column (see suppressColumn). */
export function suppressedCells(
  counts: ReadonlyMap<string, number | null | undefined>,
  threshold: number,
  sets: readonly SuppressionSet[],
  publishedElsewhere: readonly string[] = [],
): Set<string> {
  return suppressColumn(counts, threshold, sets, publishedElsewhere).hidden;
}

/** The result with small numbers suppressed. A threshold of 0 or less returns it unchanged. */
export function suppressResult(result: PackResult, spec: SuppressionSpec): PackResult {
  if (!(spec.threshold > 0)) return result;
  const byYear = new Map<string, ColumnSuppression>();
  for (const year of result.years) {
    const y = String(year);
    const counts = new Map<string, number | null | undefined>();
    const total = result.total[y];
    if (total && total.count !== undefined) counts.set(TOTAL, total.count);
    for (const row of result.rows) counts.set(row.key, row.values[y]?.count);
    byYear.set(y, suppressColumn(counts, spec.threshold, spec.sets, spec.publishedElsewhere, spec.alreadyHidden?.[y]));
  }
  const hiddenIn = (y: string, key: string) => byYear.get(y)?.hidden.has(key) ?? false;

  const rows: PackRow[] = result.rows.map((row) => {
    const values: Record<string, CellValue> = {};
    for (const [y, cell] of Object.entries(row.values)) {
      const base = spec.bases[row.key] ?? null;
      const over = spec.over?.[row.key];
      if (hiddenIn(y, row.key) || (over !== undefined && hiddenIn(y, over))) values[y] = hide(cell);
      else if (base !== null && hiddenIn(y, base) && cell.percent !== undefined) values[y] = { ...cell, percent: null };
      else values[y] = { ...cell };
    }
    return { ...row, values };
  });
  const total: Record<string, CellValue> = {};
  for (const [y, cell] of Object.entries(result.total)) total[y] = hiddenIn(y, TOTAL) ? hide(cell) : { ...cell };

  const summary: SuppressionSummary = { threshold: spec.threshold, primary: 0, secondary: 0, withheldYears: [], zeroYears: [] };
  for (const year of result.years) {
    const s = byYear.get(String(year))!;
    summary.primary += s.primary.size;
    summary.secondary += s.secondary.size;
    if (s.withheld) summary.withheldYears.push(year);
    else if (s.zerosHidden) summary.zeroYears.push(year);
  }
  const notes = [...result.notes, suppressionMethodNote(spec.threshold)];
  const label = spec.periodLabel ?? String;
  if (summary.withheldYears.length > 0) notes.push(withheldNote(result.years, summary.withheldYears, label));
  if (summary.zeroYears.length > 0) {
    notes.push(
      `In ${summary.zeroYears.map(label).join(', ')} some zeros are suppressed too (a c there may stand for 0): nothing else could protect ` +
        'a small count that the zeros around it would have given away.',
    );
  }
  return { ...result, rows, total, notes, suppression: summary };
}

function withheldNote(years: readonly number[], withheld: readonly number[], label: (year: number) => string): string {
  const which = withheld.length === years.length ? 'any year' : withheld.map(label).join(', ');
  return (
    `Too few to publish safely in ${which}: the numbers are so small that showing any of them would reveal others, so every ` +
    'figure of that year is withheld (c, zeros included); a total above the threshold is still shown.'
  );
}

function hide(cell: CellValue): CellValue {
  const out: CellValue = { count: null, suppressed: true };
  if (cell.percent !== undefined) out.percent = null;
  if (cell.value !== undefined) out.value = null;
  return out;
}

/** The suppressed cells of a result by year (row keys, and TOTAL for the total): see alreadyHidden. */
export function hiddenCells(result: PackResult): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const year of result.years) {
    const y = String(year);
    out[y] = [...(result.total[y]?.suppressed ? [TOTAL] : []), ...result.rows.filter((r) => r.values[y]?.suppressed).map((r) => r.key)];
  }
  return out;
}
