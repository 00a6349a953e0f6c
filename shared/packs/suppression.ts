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
 * - nested rows (a row within another, not a part of it: children missing more than twice within
 *   those missing more than once; a SuppressionSet with `remainder`) publish their difference by
 *   subtraction. Each difference is a cell of its own, always hidden and at least 0 (it may be 0,
 *   and no zero shows it): one of 1 to N is protected like a primary cell (the cells around it are
 *   hidden until it could be as large as N); one of 0 or above N is held to nothing, as a row is;
 * - where no non-zero cell can protect a cell (a zero beside it gives it away), zeros in that year
 *   may be suppressed too, and the notes say that a c there may stand for 0;
 * - a year whose cells cannot be protected even so (a total of N+1 spread one child per row) is
 *   withheld whole: every row is `c`, zeros included (then a `c` may be 0), and a note says so; a
 *   total of 1 to N withholds the year likewise;
 * - the pack total, and rows declared as published in another pack, are never suppressed to protect
 *   another cell: the reader has them anyway;
 * - percentages (and averages) of suppressed cells, and percentages of a suppressed base, are
 *   suppressed too, and so is any change from last year that involves a suppressed cell
 *   (yearOnYear, the export model);
 * - an average over another row's members (SuppressionSpec.over) is hidden wherever that row is,
 *   and the number it is over is a count like any other (suppressMeasuredColumn).
 * Each year column is protected on its own: the only figure across years is the change, which is
 * shown only between two visible cells.
 */
import type { CellValue, PackResult, PackRow, SuppressionSummary } from './result.js';
import { ColumnRelations, type Interval } from './suppressionRelations.js';
import { ranges as linearRanges, type Constraint } from './linearBounds.js';
import { TOTAL, type SuppressionSet } from './types.js';

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/**
 * The method in words: shown under every suppressed table (notes) and in the exports. The zeros'
 * exception is said only where there is one: `zerosExcept` says where it is noted ("in a year noted
 * below"); without it, zeros are shown as 0 everywhere.
 */
export function suppressionMethodNote(threshold: number, zerosExcept?: string): string {
  return (
    `Counts from 1 to ${threshold} are suppressed and shown as c. Further cells are suppressed (secondary suppression) so that no c ` +
    `can be worked out, or narrowed to fewer than ${threshold} possible values, from the totals, subtotals, other rows, percentages or ` +
    `changes shown: every small count could be as large as ${threshold}. Zeros are shown as 0${zerosExcept ? `, except ${zerosExcept}` : ''}.`
  );
}

/** The method note over a whole export (contents, title page): the zeros' exception said only when a table has one. */
export function exportSuppressionNote(threshold: number, results: readonly PackResult[]): string {
  return suppressionMethodNote(threshold, results.some(zerosHiddenIn) ? 'in a year noted under a table' : undefined);
}

/** Some zeros of the result are suppressed (a year withheld whole, or zeros hidden to protect a count), and its notes say where. */
export function zerosHiddenIn(result: PackResult): boolean {
  const s = result.suppression;
  return !!s && (s.withheldYears.length > 0 || s.zeroYears.length > 0);
}

/** Under a table with nested rows (one within another): their differences are protected too. */
export function nestedRowsNote(threshold: number): string {
  return (
    `Some rows are within others (not parts of them): the difference of two such rows, a count no row shows, is protected the same way ` +
    `(where it is 1 to ${threshold}, it could be anything from 0 to ${threshold} or more).`
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
  /** Check the protection exactly as well (exactCheck): a breakdown's cross-table, a two-way table. */
  exact?: boolean;
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

export type { Interval } from './suppressionRelations.js';

/**
 * What a reader can work out of each hidden cell: the smallest and largest value consistent with
 * the visible cells and the relations (integers, at least `floor`), by interval propagation over
 * the relations and their combinations (reduced row echelon form: where relations overlap, such as
 * recorded ethnicity and the groups both adding up to the total, a cell can be fixed by combining
 * them although no single relation fixes it). Exact on the tree-shaped relations of most packs
 * (groups within a total); on other shapes it may be wider than the truth, which the attacker test
 * (an exact linear programme over relations found in the data) checks.
 */
export function feasibleRanges(
  counts: ReadonlyMap<string, number | null | undefined>,
  hidden: ReadonlySet<string>,
  sets: readonly SuppressionSet[],
  floor: number,
): Map<string, Interval> {
  const values = new Map(counts);
  const { sums, bands } = remaindersAsCells(sets, (k) => counts.get(k) ?? 0);
  for (const [k, v] of bands) values.set(k, v);
  return new ColumnRelations(values, sums, floor, undefined, new Set(bands.keys())).ranges([...hidden, ...bands.keys()]);
}

const REMAINDER = '__remainder:';

/**
 * The hidden cell standing for a remainder set's remainder (parent less members): see
 * SuppressionSet.remainder. Another set may name it as a parent or member (the remainders of a
 * breakdown's parts add up to the heading's).
 */
export function remainderKey(s: Pick<SuppressionSet, 'parent' | 'members'>): string {
  return `${REMAINDER}${s.parent ?? ''}-${s.members.join('+')}`;
}

function isRemainderKey(key: string): boolean {
  return key.startsWith(REMAINDER);
}

/**
 * The relations as sums only: each remainder set with its remainder as one more member, a cell
 * never shown (bands: its key and value, parent less members).
 */
function remaindersAsCells<S extends Pick<SuppressionSet, 'parent' | 'members' | 'remainder'> & { key?: string }>(
  sets: readonly S[],
  value: (key: string) => number,
): { sums: { parent: string | null; members: string[] }[]; bands: Map<string, number> } {
  const bands = new Map<string, number>();
  const sums = sets.map((s) => {
    if (!s.remainder || s.parent === null) return { parent: s.parent, members: s.members };
    // Its key as declared (before rows absent from the column were left out).
    const key = s.key ?? remainderKey(s);
    bands.set(key, value(s.parent) - s.members.reduce((a, m) => a + value(m), 0));
    return { parent: s.parent, members: [...s.members, key] };
  });
  return { sums, bands };
}

/**
 * Above this many cells in a column (a breakdown's cross-table of more than 120 rows), the
 * secondary search weighs a shortlist rather than every cell and every pair of cells of the column,
 * which grows with the square of the table (a 532-row cross-table: minutes a column). The shortlist:
 * the SHORTLIST smallest and LARGEST largest cells that could be hidden in each relation of the
 * failing cell (the smallest lose least; a large subtotal opens several relations at once), and in
 * those of the next FAILING_WEIGHED failing cells; as pairs, two of the failing cell's, or one of
 * them and one of the same sort beside it (the corner of a rectangle). Zeros in a relation of zeros
 * only are not tried (such a zero stays 0 whatever else is hidden). The protection reached is the
 * same either way (the search stops only when every c is protected); a large table may have more
 * cells hidden than the full search would hide (on the sample's cross-tables of 60 to 120 rows,
 * searched this way for comparison: about 15% more). Every plain pack and every cross-table of up
 * to 120 rows is searched in full.
 */
const WIDE_SEARCH = 121;
const SHORTLIST = 4;
const LARGEST = 1;
const FAILING_WEIGHED = 3;

/**
 * Interval propagation over the relations' echelon form is exact on a tree of relations (groups
 * within a total) but can miss what a reader gets by adding up rows and columns of a two-way table
 * (a breakdown's cross-table, once its "All" parts are published: the hidden parts of three age
 * bands less the hidden parts of two legal statuses leave two cells adding up to 3). Where `exact`,
 * once every hidden cell looks protected, each group of linked hidden cells of up to EXACT_LIMIT
 * cells is solved exactly as well (linearBounds: the least and greatest value of each cell), and a
 * cell that falls short there is protected like any other, until none does. Larger groups (a
 * cross-table of hundreds of rows) keep to the intervals: the programmes grow with the cube of the
 * group.
 */
const EXACT_LIMIT = 120;

/** Which cells of one year column are suppressed, and why (keys: row keys and TOTAL). */
export function suppressColumn(
  counts: ReadonlyMap<string, number | null | undefined>,
  threshold: number,
  sets: readonly SuppressionSet[],
  publishedElsewhere: readonly string[] = [],
  alreadyHidden: readonly string[] = [],
  exact = false,
): ColumnSuppression {
  const countOf = (key: string): number => counts.get(key) ?? 0;
  const isSmall = (key: string) => {
    const n = counts.get(key);
    return typeof n === 'number' && n >= 1 && n <= threshold;
  };
  const primary = new Set([...counts.keys()].filter(isSmall));
  const fixed = new Set([TOTAL, ...publishedElsewhere]);
  const besides = new Set(alreadyHidden.filter((k) => counts.has(k)));
  const hidden = new Set([...primary, ...besides]);
  const withheld = (): ColumnSuppression => {
    // The total and rows published elsewhere stay shown unless small (the reader has them anyway),
    // or hidden in the table published beside this one (as it hides them, zeros included).
    const all = new Set([...counts.keys()].filter((k) => (fixed.has(k) ? isSmall(k) || besides.has(k) : counts.get(k) != null)));
    return { hidden: all, primary, secondary: new Set([...all].filter((k) => !primary.has(k))), withheld: true, zerosHidden: true };
  };
  if (isSmall(TOTAL)) return withheld();

  const present = new Set(counts.keys());
  // Rows left out of the result count 0; a parent missing from the column counts as published. A
  // relation the data does not keep (a code recorded against the guidance) tells a reader nothing
  // true, so it is left out rather than trusted.
  // Nested members (a remainder set) add up to at most their parent, which must be in the column:
  // each such remainder is a cell of its own (see below), and a relation may add remainders up (a
  // breakdown's: the parts' remainders make the heading's), kept only if every one of them is.
  const remainderOf = new Map<string, number>();
  for (const s of sets) {
    if (!s.remainder || s.parent === null || !present.has(s.parent)) continue;
    const members = s.members.filter((m) => present.has(m));
    const sum = members.reduce((a, m) => a + countOf(m), 0);
    if (members.length > 0 && sum <= countOf(s.parent)) remainderOf.set(remainderKey(s), countOf(s.parent) - sum);
  }
  const known = (k: string) => present.has(k) || remainderOf.has(k);
  const valueOf = (k: string) => remainderOf.get(k) ?? countOf(k);
  const kept = sets
    .filter((s) => [s.parent, ...s.members].every((k) => k === null || !isRemainderKey(k) || remainderOf.has(k)))
    .map((s) => ({
      parent: s.parent !== null && known(s.parent) ? s.parent : null,
      members: s.members.filter(known),
      ...(s.remainder ? { remainder: true, key: remainderKey(s) } : {}),
    }))
    .filter((s) => s.members.length > 0)
    .filter((s) => (s.remainder ? remainderOf.has(s.key!) : s.parent === null || s.members.reduce((a, m) => a + valueOf(m), 0) === valueOf(s.parent)));
  const { sums: relations, bands } = remaindersAsCells(kept, valueOf);
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
  const smallBands = new Set<string>();
  // Hidden cells held to no promise: sums published elsewhere, and remainders that are 0 or above N.
  const unchecked = new Set(external);
  for (const [k, v] of bands) {
    values.set(k, v);
    hidden.add(k);
    fixed.add(k);
    if (v >= 1 && v <= threshold) smallBands.add(k);
    else unchecked.add(k);
  }
  const order = new Map([...counts.keys(), ...bands.keys()].map((k, i) => [k, i]));
  const inRelations = new Set(relations.flatMap((s) => [...s.members, ...(s.parent === null ? [] : [s.parent])]));
  // Zeros are shown (a c is at least 1) unless no other cell can protect one: then zeros may be c
  // too in this column (a c is at least 0), which the notes say.
  let floor = 1;
  const candidates = () => [...inRelations].filter((k) => !hidden.has(k) && !fixed.has(k) && (floor === 0 ? counts.get(k) != null : countOf(k) > 0));

  // Set below (see there): what published figures give away whatever is hidden.
  let baseline: Map<string, Interval> | null = null;
  // How far a hidden cell's range falls short of the promise (0 = protected).
  const shortfall = (key: string, r: Interval): number => {
    // At least N possible values; and a small count could be as large as N (its lower bound may be
    // above 1 only when it has hidden parts, each at least 1: "refused" = REFU + NOBT >= 2).
    const most = baseline?.get(key);
    const width = Math.max(0, Math.min(threshold - 1, most ? most.hi - most.lo : Infinity) - (r.hi - r.lo));
    return primary.has(key) || smallBands.has(key) ? width + Math.max(0, Math.min(threshold, most?.hi ?? Infinity) - r.hi) : width;
  };
  const failing = (ranges: Map<string, Interval>) => [...hidden].filter((k) => !unchecked.has(k) && shortfall(k, ranges.get(k)!) > 0);

  // Lexicographic: the least shortfall left for the cells already hidden, then for all; then a cell
  // in a relation with the failing one; then the smallest counts (the least information lost);
  // then the first rows.
  const better = (a: number[], b: number[]) => {
    const i = a.findIndex((v, j) => v !== b[j]);
    return i !== -1 && a[i]! < b[i]!;
  };
  // Cells that could be hidden next are carried through the relations' echelon form.
  const carriable = (k: string) => !fixed.has(k) && (floor === 0 ? counts.get(k) != null : countOf(k) > 0);
  const fromZero = new Set(bands.keys());
  let column = new ColumnRelations(values, relations, floor, carriable, fromZero);
  const wide = counts.size > WIDE_SEARCH;
  // A zero in a relation of zeros only (a part of an empty heading, an empty block) stays 0 unless
  // the whole relation is opened: in a large table, hiding it is never tried (it would only need
  // protecting itself, and hiding its zero neighbours after it).
  const pinnedZero = new Set(
    relations
      .filter((s) => s.members.every((m) => countOf(m) === 0) && (s.parent === null || countOf(s.parent) === 0))
      .flatMap((s) => [...s.members, ...(s.parent === null ? [] : [s.parent])]),
  );

  // Where `exact` (a cross-table whose headings and "All" parts other tables print), what those
  // published figures give away whatever is hidden (each cell's range with every cell that could be
  // hidden hidden, zeros too) is theirs, not this table's: a cell is held to the promise only as far
  // as that allows (recorded ethnicity under 1 is the age table's under 1s less the refused
  // codes' few, whatever the cross-table shows), rather than the year withheld for it.
  // (The zeros a large table's search never hides, see pinnedZero, stay shown there too.)
  if (exact) {
    const hideable = [...inRelations].filter((k) => !fixed.has(k) && counts.get(k) != null && !(wide && pinnedZero.has(k)));
    baseline = new ColumnRelations(values, relations, 0, undefined, fromZero).ranges([...new Set([...hidden, ...hideable])]);
  }
  // A cell the relations fix exactly even with every cell that could be hidden hidden is fixed in
  // every column this search could reach (each hides more cells, never fewer). Once such a cell is
  // hidden it falls short for good (its range is one value, narrower than N >= 2 allows, at either
  // floor), so the search could only end by withholding the column, after weighing every other
  // cell and pair in turn (a minute on some cross-tables of 90 to 120 rows): it withholds it at
  // once, hiding the same cells. A large table's shortlist search does not weigh every cell, and
  // solving every cell of it at once costs more than it saves.
  const everHideable = [...inRelations].filter((k) => !fixed.has(k) && counts.get(k) != null);
  const knownWhatever =
    threshold >= 2 && !wide && !baseline ? new ColumnRelations(values, relations, 0).fixedExactly([...new Set([...hidden, ...everHideable])]) : new Set<string>();
  // Once zeros may be hidden (floor 0, for good), a hidden cell is at most its parent less its
  // fellow members, each at least 0. Where that parent and some of those members stay shown
  // whatever is hidden (the total, rows published elsewhere: not carriable), the cell's range is
  // 0 up to at most their difference in every column the search could still reach (the relation's
  // own equation gives that bound), so if that is short of the promise the search could only end by
  // withholding the column, after hiding cell after cell (seconds on starters by legal status by
  // provider: a zero hidden under placement order, 0 and published elsewhere): it withholds it at
  // once, hiding the same cells.
  const stayShown = (k: string) => !hidden.has(k) && !carriable(k);
  const cappedShort = (key: string) =>
    relations.some((s) => {
      if (s.parent === null || !stayShown(s.parent) || !s.members.includes(key) || s.members.some((m) => (values.get(m) ?? 0) < 0)) return false;
      const most = (values.get(s.parent) ?? 0) - s.members.reduce((a, m) => a + (m !== key && stayShown(m) ? values.get(m) ?? 0 : 0), 0);
      return most < (primary.has(key) || smallBands.has(key) ? threshold : threshold - 1);
    });
  // The exact ranges of a group of linked hidden cells (see EXACT_LIMIT), by its cells (a group
  // changes only when a cell joins it).
  const exactMemo = new Map<string, Map<string, Interval> | null>();
  const exactRanges = (g: readonly string[]): Map<string, Interval> | null => {
    const id = `${floor}\u0000${g.join('\u0000')}`;
    if (exactMemo.has(id)) return exactMemo.get(id)!;
    const inGroup = new Set(g);
    const constraints: Constraint[] = [];
    for (const i of new Set(g.flatMap((k) => column.relations(k)))) {
      const s = relations[i]!;
      const coefs = new Map<string, number>();
      // members - parent = 0, the visible cells moved to the right; a parent published elsewhere (null) is their known sum.
      let rhs = s.parent === null ? s.members.reduce((a, m) => a + (values.get(m) ?? 0), 0) : 0;
      const add = (k: string, a: number) => (inGroup.has(k) ? coefs.set(k, (coefs.get(k) ?? 0) + a) : (rhs -= a * (values.get(k) ?? 0)));
      for (const m of s.members) add(m, 1);
      if (s.parent !== null) add(s.parent, -1);
      constraints.push({ coefs, kind: '=', rhs });
    }
    const r = linearRanges(g, new Map(g.map((k) => [k, fromZero.has(k) ? 0 : floor])), constraints);
    exactMemo.set(id, r);
    return r;
  };
  // The cells that fall short when their groups are solved exactly (their ranges set to the exact ones).
  const exactlyFailing = (groups: readonly string[][], ranges: Map<string, Interval>): string[] => {
    const out: string[] = [];
    for (const g of groups) {
      if (g.length < 2 || g.length > EXACT_LIMIT || g.every((k) => unchecked.has(k))) continue;
      const r = exactRanges(g);
      if (!r) continue;
      for (const k of g) {
        ranges.set(k, r.get(k)!);
        if (!unchecked.has(k) && shortfall(k, r.get(k)!) > 0) out.push(k);
      }
    }
    return out;
  };
  for (;;) {
    // The hidden cells in groups linked by relations: hiding one more cell changes only the ranges
    // of the groups it is in a relation with.
    const at = new Map([...hidden].map((k, i) => [k, i]));
    const groups = column.partition([...hidden]);
    const groupOf = new Map(groups.flatMap((g, i) => g.map((k) => [k, i] as const)));
    const ranges = new Map<string, Interval>();
    const short = groups.map((g) => {
      const r = column.groupRanges(g);
      let sum = 0;
      for (const k of g) {
        ranges.set(k, r.get(k)!);
        if (!unchecked.has(k)) sum += shortfall(k, r.get(k)!);
      }
      return sum;
    });
    let bad = failing(ranges);
    if (bad.length === 0 && exact) bad = exactlyFailing(groups, ranges);
    if (bad.length === 0) break;
    // (Against a baseline a cell fixed or capped whatever is hidden is held to no more than that: neither shortcut applies.)
    if (!baseline && bad.some((k) => knownWhatever.has(k) || (floor === 0 && cappedShort(k)))) return withheld();
    const now = bad.reduce((a, h) => a + shortfall(h, ranges.get(h)!), 0);
    const target = bad.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))[0]!;
    const targetRelations = relations.filter((s) => s.parent === target || s.members.includes(target));
    const near = new Set(targetRelations.flatMap((s) => [...s.members, ...(s.parent === null ? [] : [s.parent])]));
    let pool = candidates();
    if (pool.length === 0 && floor === 1) {
      // Hide a zero (beside the cell if one is), so that a c there may truly be 0.
      floor = 0;
      column = new ColumnRelations(values, relations, floor, carriable, fromZero);
      const zeros = candidates().filter((k) => !(wide && pinnedZero.has(k)));
      const zero = zeros.find((k) => near.has(k)) ?? zeros[0];
      if (zero === undefined) return withheld();
      hidden.add(zero);
      continue;
    }
    if (wide) pool = pool.filter((k) => !pinnedZero.has(k));
    if (pool.length === 0) return withheld();
    const fallbackPool = pool;
    const inPool = new Set(pool);
    // The few cells of a relation most worth weighing: its smallest (least lost), and its largest
    // (a subtotal that opens several relations at once).
    const smallestOf = (s: SuppressionSet, except: string) => {
      const sorted = [...s.members, ...(s.parent === null ? [] : [s.parent])]
        .filter((k) => k !== except && inPool.has(k))
        .sort((x, y) => countOf(x) - countOf(y) || (order.get(x) ?? 0) - (order.get(y) ?? 0));
      return sorted.length <= SHORTLIST + LARGEST ? sorted : [...sorted.slice(0, SHORTLIST), ...sorted.slice(-LARGEST)];
    };
    // The pairs weighed when no single cell helps: every two cells of the pool, or in a large table
    // two of the shortlist, or one of it and one of the smallest in a relation with that one (the
    // corner of a rectangle: a cell of the row and one of its column).
    let pairs: () => [string, string][] = () => pool.flatMap((x, i) => pool.slice(i + 1).map((y) => [x, y] as [string, string]));
    if (wide) {
      // A large table (a breakdown's cross-table): the search keeps to the smallest cells in each
      // relation of the failing cell, those most likely to protect it at the least cost, rather than
      // weighing every cell and pair of the column (which grows with the square of the table).
      const shortlist = [...new Set(targetRelations.flatMap((s) => smallestOf(s, target)))];
      // Single cells: beside the first few failing cells too (one may be protected by a cell of
      // another's relation, such as its other part of a heading).
      const relationsWith = (k: string) => relations.filter((s) => s.parent === k || s.members.includes(k));
      pool = [...new Set([...shortlist, ...bad.slice(0, FAILING_WEIGHED).flatMap((f) => relationsWith(f).flatMap((s) => smallestOf(s, f)))])];
      pairs = () =>
        shortlist.flatMap((x, i) => {
          const beside = relationsWith(x).flatMap((s) => smallestOf(s, x));
          return [...new Set([...shortlist.slice(i + 1), ...beside.filter((y) => !shortlist.includes(y))])].map((y) => [x, y] as [string, string]);
        });
    }
    // The groups a cell is in a relation with.
    const touchedMemo = new Map<string, Set<number>>();
    const touched = (k: string) => {
      let t = touchedMemo.get(k);
      if (!t) touchedMemo.set(k, (t = new Set(column.relations(k).flatMap((i) => column.cellsOfRelation(i).flatMap((m) => (groupOf.has(m) ? [groupOf.get(m)!] : []))))));
      return t;
    };
    const helps = (k: string) => [...touched(k)].some((g) => short[g]! > 0);
    // How far the cells hidden so far, then all of them, fall short with `extra` hidden as well.
    const scoreWith = (extra: readonly string[]): [number, number] => {
      const linkedGroups = [...new Set(extra.flatMap((k) => [...touched(k)]))];
      const r = column.rangesWith(
        linkedGroups.map((g) => groups[g]!),
        extra,
        (a, b) => at.get(a)! - at.get(b)!,
      );
      let before = now;
      for (const g of linkedGroups) {
        before -= short[g]!;
        for (const k of groups[g]!) if (!unchecked.has(k)) before += shortfall(k, r.get(k)!);
      }
      return [before, before + extra.reduce((a, h) => a + shortfall(h, r.get(h)!), 0)];
    };
    const rank = (keys: string[]) => [...scoreWith(keys), keys.some((k) => near.has(k)) ? 0 : 1, keys.reduce((a, k) => a + countOf(k), 0), Math.min(...keys.map((k) => order.get(k) ?? 0))];
    // Only a cell in a relation with a failing group can leave less shortfall (the others leave
    // every range as it is, or merely add their own).
    let best: { keys: string[]; rank: number[] } | null = null;
    for (const k of pool) {
      if (!helps(k)) continue;
      const mine = rank([k]);
      if (!best || better(mine, best.rank)) best = { keys: [k], rank: mine };
    }
    // No single cell helps (a cell fixed by two relations at once needs two more hidden): try pairs.
    // Two cells not linked (no group or relation in common) do only what each does alone, which is
    // nothing; nor do two that touch no failing group.
    if (!best || best.rank[0]! >= now) {
      best = null;
      const relationsOf = (k: string) => column.relations(k);
      const linked = (x: string, y: string) => [...touched(x)].some((g) => touched(y).has(g)) || relationsOf(x).some((i) => relationsOf(y).includes(i));
      for (const [x, y] of pairs()) {
        if (!(helps(x) || helps(y)) || !linked(x, y)) continue;
        const mine = rank([x, y]);
        if (mine[0]! < now && (!best || better(mine, best.rank))) best = { keys: [x, y], rank: mine };
      }
    }
    // Still nothing helps (a cell fixed by several relations at once): hide the smallest cell in a
    // relation with it, which opens one of them; the next rounds open the others.
    if (!best) {
      const open = fallbackPool.filter((k) => near.has(k));
      const pick = (open.length ? open : fallbackPool).sort((a, b) => countOf(a) - countOf(b) || (order.get(a) ?? 0) - (order.get(b) ?? 0))[0]!;
      best = { keys: [pick], rank: [] };
    }
    for (const k of best.keys) hidden.add(k);
  }
  for (const k of [...external, ...bands.keys()]) hidden.delete(k);
  // A cell hidden only to protect another, whose value the published figures fix whatever is
  // hidden (recorded ethnicity of the 16s and over, where none refused), tells a reader nothing
  // shown: it is shown rather than a c anyone can work out.
  if (baseline) {
    for (const k of [...hidden]) {
      const most = baseline.get(k);
      if (most && most.lo === most.hi && !primary.has(k) && !besides.has(k)) hidden.delete(k);
    }
  }
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

/**
 * One year column of a result whose rows include figures worked out over another row's members (an
 * average and the number of children it is over: RowSpec.over). That number is a count like any
 * other, published with the average (CLI JSON and CSV), so it is protected as one:
 * - where it equals the count of the row it is over (every child's dates known), it is the same
 *   cell: left out of the search and hidden exactly where that row is;
 * - where it is smaller, it is a count nested in that row (the children whose figure is not known
 *   make the difference), protected as nested rows are;
 * - and an average is hidden wherever the row it is over is (DfE: the average of a suppressed group
 *   is c): its number is then hidden too, as a cell the search protects like any other.
 */
function suppressMeasuredColumn(counts: ReadonlyMap<string, number | null | undefined>, spec: SuppressionSpec, alreadyHidden: readonly string[]): ColumnSuppression {
  const over = Object.entries(spec.over ?? {}).filter(([k, o]) => counts.has(k) && counts.has(o));
  const sameAs = new Map<string, string>();
  for (const [k, o] of over) if (typeof counts.get(k) === 'number' && counts.get(k) === counts.get(o)) sameAs.set(k, o);
  if (over.length === 0) return suppressColumn(counts, spec.threshold, spec.sets, spec.publishedElsewhere, alreadyHidden, spec.exact);
  // A relation naming a cell the same as another names that one; its remainder (a nested set's) is renamed with it.
  const renamed = new Map<string, string>();
  const cellOf = (k: string): string => (sameAs.has(k) ? cellOf(sameAs.get(k)!) : (renamed.get(k) ?? k));
  const rename = (s: SuppressionSet): SuppressionSet => ({ ...s, parent: s.parent === null ? null : cellOf(s.parent), members: [...new Set(s.members.map(cellOf))] });
  for (const s of spec.sets) if (s.remainder && s.parent !== null) renamed.set(remainderKey(s), remainderKey(rename(s)));
  const own = new Map([...counts].filter(([k]) => !sameAs.has(k)));
  // Each relation once (an average's numbers adding up as its row's counts do are the same relation where they are the same cells).
  const seen = new Set<string>();
  const sets: SuppressionSet[] = [
    ...spec.sets.map(rename),
    ...over.filter(([k]) => !sameAs.has(k)).map(([k, o]): SuppressionSet => ({ parent: cellOf(o), members: [k], remainder: true })),
  ].filter((s) => {
    const id = JSON.stringify([s.parent, [...s.members].sort(), !!s.remainder, !!s.byGuidance]);
    const fresh = !seen.has(id) && !(s.members.length === 1 && s.members[0] === s.parent);
    seen.add(id);
    return fresh;
  });
  const published = (spec.publishedElsewhere ?? []).filter((k) => !sameAs.has(k));
  let forced = [...new Set(alreadyHidden.map(cellOf))];
  for (;;) {
    const column = suppressColumn(own, spec.threshold, sets, published, forced, spec.exact);
    // A figure over a hidden row whose own count the search left shown: hidden too, and searched again.
    const more = over.filter(([k, o]) => !sameAs.has(k) && (counts.get(k) ?? 0) > 0 && column.hidden.has(cellOf(o)) && !column.hidden.has(k)).map(([k]) => k);
    if (more.length === 0 || column.withheld) return withSameCells(column, sameAs, cellOf);
    forced = [...forced, ...more];
  }
}

/** The column's suppression with each cell that is the same as another hidden (and counted) where that one is. */
function withSameCells(column: ColumnSuppression, sameAs: ReadonlyMap<string, string>, cellOf: (k: string) => string): ColumnSuppression {
  const also = (set: Set<string>) => new Set([...set, ...[...sameAs.keys()].filter((k) => set.has(cellOf(k)))]);
  return { ...column, hidden: also(column.hidden), primary: also(column.primary), secondary: also(column.secondary) };
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
    byYear.set(y, suppressMeasuredColumn(counts, spec, spec.alreadyHidden?.[y] ?? []));
  }
  const hiddenIn = (y: string, key: string) => byYear.get(y)?.hidden.has(key) ?? false;

  const rows: PackRow[] = result.rows.map((row) => {
    const values: Record<string, CellValue> = {};
    for (const [y, cell] of Object.entries(row.values)) {
      const base = spec.bases[row.key] ?? null;
      const over = spec.over?.[row.key];
      // A figure over none of a hidden row's members (no average, over 0) stays 0: it gives nothing
      // of that row away, and a c there would be read as at least 1.
      if (hiddenIn(y, row.key) || (over !== undefined && hiddenIn(y, over) && cell.count !== 0)) values[y] = hide(cell);
      else if (base !== null && hiddenIn(y, base) && cell.percent !== undefined) values[y] = { ...cell, percent: null, percentWithheld: true };
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
  const zerosNoted = summary.withheldYears.length > 0 || summary.zeroYears.length > 0;
  const notes = [...result.notes, suppressionMethodNote(spec.threshold, zerosNoted ? 'in a year noted below' : undefined)];
  if (spec.sets.some((s) => s.remainder) || overFewer(result, spec)) notes.push(nestedRowsNote(spec.threshold));
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

/** Some figure is over fewer members than the row it is over (an average leaving some out): a nested count, as suppressMeasuredColumn protects it. */
function overFewer(result: PackResult, spec: SuppressionSpec): boolean {
  const count = (y: string, key: string) => (key === TOTAL ? result.total[y] : result.rows.find((r) => r.key === key)?.values[y])?.count;
  return Object.entries(spec.over ?? {}).some(([k, o]) =>
    result.years.some((year) => {
      const [n, g] = [count(String(year), k), count(String(year), o)];
      return typeof n === 'number' && typeof g === 'number' && n !== g;
    }),
  );
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
