/**
 * What a reader can work out of the hidden cells of one year column (see suppression.ts for the
 * method): the column's relations as equations over whichever cells are hidden, combined (reduced
 * row echelon form) and propagated as intervals.
 *
 * Hidden cells linked by no relation cannot tell a reader anything about each other, so the work is
 * done per group of linked hidden cells (the echelon form and the propagation of a group are exactly
 * its part of the whole column's). That keeps a breakdown's cross-table, with hundreds of cells,
 * cheap where its groups are small; and where one group is large, the secondary search's question
 * "what if this cell (or these two) were hidden as well?" is answered from the group's echelon form,
 * computed once with every cell that could be hidden next carried along as an extra column, rather
 * than from scratch for each candidate. For the hundreds of candidates weighed against one group,
 * its equations and reduced rows are kept over the positions of its cells: only the relations and
 * rows an extra cell is in are worked out again, and the propagation reads ranges by position (the
 * same arithmetic in the same order as by key, so the same ranges to the last bit).
 */
import type { SuppressionSet } from './types.js';

export interface Interval {
  lo: number;
  hi: number;
}

interface Term {
  key: string;
  coef: number;
}

/** A relation as sum(coef * x) = constant over its hidden cells (the visible ones moved to the constant). */
interface Equation {
  terms: Term[];
  constant: number;
}

const PIVOT = 1e-9;
const ZERO = 1e-12;

/** A relation over the hidden cells: members add up to the parent (null: published elsewhere, known). */
function equationOf(s: SuppressionSet, hidden: { has(key: string): boolean }, value: (k: string) => number): Equation {
  const terms: Term[] = [];
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
}

/**
 * Gauss-Jordan elimination of dense rows, pivoting on the first `n` columns only (the others are
 * carried along): the relations combined, so that where they overlap (recorded ethnicity and the
 * groups both add up to the total) a cell fixed by no single relation shows in a combined row.
 * Returns the rank (rows before it are the reduced rows, in pivot order) and each one's pivot column.
 */
function eliminate(rows: Float64Array[], n: number): { rank: number; pivots: number[] } {
  const width = rows[0]?.length ?? 0;
  const pivots: number[] = [];
  let rank = 0;
  for (let c = 0; c < n && rank < rows.length; c++) {
    const p = rows.findIndex((r, i) => i >= rank && Math.abs(r[c]!) > PIVOT);
    if (p === -1) continue;
    [rows[rank], rows[p]] = [rows[p]!, rows[rank]!];
    const pr = rows[rank]!;
    const pv = pr[c]!;
    for (let j = 0; j < width; j++) pr[j]! /= pv;
    // Only the pivot row's non-zero columns change another row (a wide table's rows are mostly 0).
    const nonZero: number[] = [];
    for (let j = 0; j < width; j++) if (pr[j] !== 0) nonZero.push(j);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const f = row[c]!;
      if (i !== rank && Math.abs(f) > ZERO) for (const j of nonZero) row[j]! -= f * pr[j]!;
    }
    pivots.push(c);
    rank++;
  }
  return { rank, pivots };
}

/** An equation over positions in a list of cells (the hot loop's form: no lookups by key). */
interface Indexed {
  at: Int32Array;
  coefs: Float64Array;
  constant: number;
}

/** The equation with each term's cell as its position (`position(key)`). */
function indexed(terms: readonly Term[], constant: number, position: (key: string) => number): Indexed {
  const at = new Int32Array(terms.length);
  const coefs = new Float64Array(terms.length);
  for (let i = 0; i < terms.length; i++) {
    at[i] = position(terms[i]!.key);
    coefs[i] = terms[i]!.coef;
  }
  return { at, coefs, constant };
}

// Each term's part of -sum(coef * x) in propagate, [partLo, partHi] from its range: kept between calls.
let partLo = new Float64Array(64);
let partHi = new Float64Array(64);

/**
 * Interval propagation to a fixed point: each term's range from the others' in every equation,
 * integers, until nothing narrows. Each equation's bounds are summed once and each term's own part
 * taken out (an infinite bound counted apart), rather than re-summed per term. Ranges by position
 * (`lo`, `hi`), narrowed in place.
 */
function propagate(eqs: readonly Indexed[], lo: Float64Array, hi: Float64Array): void {
  // No closures: this is the hot loop.
  for (let round = 0, changed = true; changed && round < 200; round++) {
    changed = false;
    for (const { at, coefs, constant } of eqs) {
      const n = at.length;
      if (n === 0) continue;
      if (partLo.length < n) {
        partLo = new Float64Array(2 * n);
        partHi = new Float64Array(2 * n);
      }
      let loSum = 0;
      let hiSum = 0;
      let loInf = 0;
      let hiInf = 0;
      for (let i = 0; i < n; i++) {
        const c = coefs[i]!;
        const x = at[i]!;
        const l = c > 0 ? -c * hi[x]! : -c * lo[x]!;
        const h = c > 0 ? -c * lo[x]! : -c * hi[x]!;
        partLo[i] = l;
        partHi[i] = h;
        if (l === -Infinity) loInf++;
        else loSum += l;
        if (h === Infinity) hiInf++;
        else hiSum += h;
      }
      for (let i = 0; i < n; i++) {
        const c = coefs[i]!;
        const x = at[i]!;
        // coef * x = constant - sum of the others: its range from the others' ranges.
        const li = partLo[i]!;
        const hv = partHi[i]!;
        const l = loInf - (li === -Infinity ? 1 : 0) > 0 ? -Infinity : constant + loSum - (li === -Infinity ? 0 : li);
        const h = hiInf - (hv === Infinity ? 1 : 0) > 0 ? Infinity : constant + hiSum - (hv === Infinity ? 0 : hv);
        const xlo = c > 0 ? l / c : h / c;
        const xhi = c > 0 ? h / c : l / c;
        const nlo = Math.max(lo[x]!, Math.ceil(xlo - 1e-9));
        const nhi = Math.min(hi[x]!, Math.floor(xhi + 1e-9));
        if (nlo === lo[x] && nhi === hi[x]) continue;
        lo[x] = nlo;
        hi[x] = nhi;
        changed = true;
        // The cell's part changed for the terms after it (and for any other term of the same cell).
        for (let j = 0; j < n; j++) {
          if (at[j] !== x) continue;
          const o = coefs[j]!;
          if (partLo[j] === -Infinity) loInf--;
          else loSum -= partLo[j]!;
          if (partHi[j] === Infinity) hiInf--;
          else hiSum -= partHi[j]!;
          const l2 = o > 0 ? -o * nhi : -o * nlo;
          const h2 = o > 0 ? -o * nlo : -o * nhi;
          partLo[j] = l2;
          partHi[j] = h2;
          if (l2 === -Infinity) loInf++;
          else loSum += l2;
          if (h2 === Infinity) hiInf++;
          else hiSum += h2;
        }
      }
    }
  }
}

/** A reduced row: its terms over a group's cells, its carried cells' coefficients, its constant. */
interface ReducedRow {
  /** Position of its pivot cell in the hidden order (-1: a row with no group cell left). */
  pivot: number;
  terms: Term[];
  carried: Map<string, number>;
  constant: number;
}

/** Hidden cells linked by relations, solved together. */
interface Group {
  cells: string[];
  /** Indices of the relations with a cell of the group, ascending. */
  relations: number[];
  /** The reduced rows (pivot order), and the rows left with no group cell but some carried cell. */
  reduced: ReducedRow[];
  rest: ReducedRow[];
  ranges: Map<string, Interval>;
  /** Its relations' equations over its cells alone, and its reduced rows, by position in `cells`. */
  eqs: Indexed[];
  reducedAt: Indexed[];
  restAt: Indexed[];
}

/** A reduced row of some groups joined (see ColumnRelations.joined), over positions in their cells. */
interface JoinedRow {
  r: ReducedRow;
  row: Indexed;
  /** Position of its pivot cell (-1: a row with no group cell left). */
  pivot: number;
  /** The row as it stands where no extra cell is in it (its constant less nothing). */
  plain: Indexed;
}

function joinedRow(r: ReducedRow, row: Indexed, pivot: number): JoinedRow {
  return { r, row, pivot, plain: { at: row.at, coefs: row.coefs, constant: r.constant + 0 } };
}

/** Groups joined: their cells in hidden order, their equations by relation and reduced rows over positions in it. */
interface Joined {
  cells: string[];
  position: Map<string, number>;
  eqs: Map<number, Indexed>;
  relations: number[];
  reduced: JoinedRow[];
  rest: JoinedRow[];
}

/**
 * One column's relations over changing sets of hidden cells. `carry(key)` says which visible cells
 * the secondary search may hide next (their columns are carried through each group's elimination).
 */
export class ColumnRelations {
  private readonly relationsOf = new Map<string, number[]>();
  private readonly groups = new Map<string, Group>();
  private readonly joinedOne = new WeakMap<readonly string[], Joined>();
  private readonly value: (k: string) => number;

  constructor(
    counts: ReadonlyMap<string, number | null | undefined>,
    private readonly sets: readonly SuppressionSet[],
    private readonly floor: number,
    private readonly carry: (key: string) => boolean = () => false,
    /** Cells at least 0 whatever the floor: the remainders of nested rows (a band may be empty, and no zero shows it). */
    private readonly fromZero: ReadonlySet<string> = new Set(),
  ) {
    this.value = (k) => counts.get(k) ?? 0;
    sets.forEach((s, i) => {
      for (const k of cellsOf(s)) {
        const list = this.relationsOf.get(k) ?? [];
        if (list.at(-1) !== i) list.push(i);
        this.relationsOf.set(k, list);
      }
    });
  }

  /** The relations a cell is in, ascending. */
  relations(key: string): readonly number[] {
    return this.relationsOf.get(key) ?? [];
  }

  cellsOfRelation(i: number): readonly string[] {
    return cellsOf(this.sets[i]!);
  }

  /** The hidden cells in groups linked by relations (each in the given order), groups by first cell. */
  partition(hidden: readonly string[]): string[][] {
    const at = new Map(hidden.map((k, i) => [k, i]));
    const parent = hidden.map((_, i) => i);
    const find = (i: number): number => {
      while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
      return i;
    };
    for (const s of this.sets) {
      let first = -1;
      for (const k of cellsOf(s)) {
        const i = at.get(k);
        if (i === undefined) continue;
        const r = find(i);
        if (first === -1 || r === first) first = r;
        else {
          // The root of a group is its first cell.
          parent[Math.max(r, first)] = Math.min(r, first);
          first = Math.min(r, first);
        }
      }
    }
    const out = new Map<number, string[]>();
    hidden.forEach((k, i) => {
      const r = find(i);
      const list = out.get(r) ?? [];
      list.push(k);
      out.set(r, list);
    });
    return [...out.values()];
  }

  /** The ranges of every hidden cell (see feasibleRanges in suppression.ts). */
  ranges(hidden: readonly string[]): Map<string, Interval> {
    const out = new Map<string, Interval>();
    for (const cells of this.partition(hidden)) for (const [k, r] of this.group(cells).ranges) out.set(k, r);
    return out;
  }

  /**
   * The hidden cells that the relations fix exactly (a combination of them leaves the cell alone):
   * whatever values the hidden cells have, those are known from the visible ones.
   */
  fixedExactly(hidden: readonly string[]): Set<string> {
    const out = new Set<string>();
    for (const cells of this.partition(hidden)) for (const r of this.group(cells).reduced) if (r.terms.length === 1) out.add(r.terms[0]!.key);
    return out;
  }

  /** The ranges of a group of linked hidden cells (in hidden order): computed once per group. */
  groupRanges(cells: readonly string[]): Map<string, Interval> {
    return this.group(cells).ranges;
  }

  private group(cells: readonly string[]): Group {
    const id = cells.join('\u0000');
    const kept = this.groups.get(id);
    if (kept) return kept;
    const inGroup = new Set(cells);
    const relations = [...new Set(cells.flatMap((k) => this.relations(k)))].sort((a, b) => a - b);
    const eqs = relations.map((i) => equationOf(this.sets[i]!, inGroup, this.value));
    // The cells of its relations that could be hidden next, each once, in the order they come.
    const carried: string[] = [];
    const seen = new Set<string>();
    for (const i of relations) {
      for (const k of cellsOf(this.sets[i]!)) {
        if (seen.has(k)) continue;
        seen.add(k);
        if (!inGroup.has(k) && this.carry(k)) carried.push(k);
      }
    }
    const col = new Map(cells.map((k, i) => [k, i]));
    const n = cells.length;
    const carriedAt = new Map(carried.map((k, j) => [k, n + j]));
    const rows = eqs.map((e, r) => {
      const row = new Float64Array(n + carried.length + 1);
      for (const t of e.terms) row[col.get(t.key)!] += t.coef;
      const s = this.sets[relations[r]!]!;
      for (const k of cellsOf(s)) {
        const j = carriedAt.get(k);
        if (j !== undefined) row[j] = coefficientIn(s, k);
      }
      row[n + carried.length] = e.constant;
      return row;
    });
    const { rank, pivots } = eliminate(rows, n);
    const toRow = (row: Float64Array, pivot: number): ReducedRow => {
      const carriedCoefs = new Map<string, number>();
      carried.forEach((k, j) => {
        if (Math.abs(row[n + j]!) > ZERO) carriedCoefs.set(k, row[n + j]!);
      });
      const terms: Term[] = [];
      for (let i = 0; i < n; i++) if (Math.abs(row[i]!) > PIVOT) terms.push({ key: cells[i]!, coef: row[i]! });
      return { pivot, terms, carried: carriedCoefs, constant: row[n + carried.length]! };
    };
    const reduced = rows.slice(0, rank).map((row, i) => toRow(row, pivots[i]!));
    const rest = rows.slice(rank).map((row) => toRow(row, -1)).filter((r) => r.carried.size > 0);
    const at = (k: string) => col.get(k)!;
    const eqsAt = eqs.map((e) => indexed(e.terms, e.constant, at));
    const reducedAt = reduced.map((r) => indexed(r.terms, r.constant, at));
    const restAt = rest.map((r) => indexed(r.terms, r.constant, at));
    const { lo, hi } = this.unknown(cells);
    propagate([...eqsAt, ...reducedAt], lo, hi);
    const group: Group = { cells: [...cells], relations, reduced, rest, ranges: asRanges(cells, lo, hi), eqs: eqsAt, reducedAt, restAt };
    this.groups.set(id, group);
    return group;
  }

  /**
   * What rangesWith needs of some groups whatever the extra cells: their cells in hidden order, and
   * their equations and reduced rows over positions in that order. Kept for the groups given as the
   * same arrays (the secondary search asks about one set of groups for many candidates in turn).
   */
  private joined(groups: readonly (readonly string[])[], before: (a: string, b: string) => number): Joined {
    const one = groups.length === 1 ? this.joinedOne.get(groups[0]!) : undefined;
    if (one) return one;
    const solved = groups.map((cells) => this.group(cells));
    const cells = solved.flatMap((g) => g.cells).sort(before);
    const position = new Map(cells.map((k, i) => [k, i]));
    const eqs = new Map<number, Indexed>();
    const reduced: JoinedRow[] = [];
    const rest: JoinedRow[] = [];
    for (const g of solved) {
      const to = Int32Array.from(g.cells, (k) => position.get(k)!);
      // Usually one group, its cells already in hidden order: nothing moves.
      const moved = to.every((p, i) => p === i) ? null : to;
      g.relations.forEach((i, j) => eqs.set(i, movedTo(g.eqs[j]!, moved)));
      g.reduced.forEach((r, j) => reduced.push(joinedRow(r, movedTo(g.reducedAt[j]!, moved), moved?.[r.pivot] ?? r.pivot)));
      g.rest.forEach((r, j) => rest.push(joinedRow(r, movedTo(g.restAt[j]!, moved), -1)));
    }
    reduced.sort((a, b) => a.pivot - b.pivot);
    const out: Joined = { cells, position, eqs, relations: [...eqs.keys()].sort((a, b) => a - b), reduced, rest };
    if (groups.length === 1) this.joinedOne.set(groups[0]!, out);
    return out;
  }

  /**
   * The ranges of the cells of the given groups (each in hidden order, `before` telling hidden
   * order between groups) and of `extra` visible cells, were those hidden as well (after every
   * hidden cell, in the order given): the groups' reduced rows extended by the extra cells' columns.
   */
  rangesWith(groups: readonly (readonly string[])[], extra: readonly string[], before: (a: string, b: string) => number): Map<string, Interval> {
    const { cells, position, eqs: own, relations: ownRelations, reduced: baseRows, rest: restRows } = this.joined(groups, before);
    const n = cells.length;
    const all = [...cells, ...extra];
    // Positions in `all`: the groups' cells, then the extra cells.
    const positionOf = (k: string) => position.get(k) ?? n + extra.indexOf(k);
    const hidden = { has: (k: string) => position.has(k) || extra.includes(k) };
    const withExtra = new Set(extra.flatMap((k) => this.relations(k)));
    const relations = withExtra.size === 0 ? ownRelations : mergeAscending(ownRelations, [...withExtra].sort((a, b) => a - b));
    // A group's relation with no extra cell in it is the group's own equation (no other hidden cell
    // is in a relation of a group's); the others are worked out with the extra cells hidden.
    const fresh = new Map<number, Equation>();
    const eqs = relations.map((i) => {
      const mine = own.get(i);
      if (mine && !withExtra.has(i)) return mine;
      const e = equationOf(this.sets[i]!, hidden, this.value);
      fresh.set(i, e);
      return indexed(e.terms, e.constant, positionOf);
    });

    // Each reduced row with the extra cells' coefficients; the extra cells' own relations (those
    // with no hidden cell before) as rows with no group cell. Most rows have no extra cell: they
    // stay as they are (their constant less nothing), and only the others are worked on.
    interface Row {
      pivot: number;
      row: Indexed | null;
      x: number[];
      constant: number;
    }
    const withCoefs = ({ r, row, pivot }: JoinedRow): Row | null => {
      let x: number[] | null = null;
      for (let j = 0; j < extra.length; j++) {
        const c = r.carried.get(extra[j]!);
        if (c === undefined) continue;
        x ??= extra.map(() => 0);
        x[j] = c;
      }
      if (x === null) return null;
      // The constant was worked out with the extra cells visible: they move to the left-hand side.
      let moves = 0;
      for (let j = 0; j < extra.length; j++) moves = moves + this.value(extra[j]!) * x[j]!;
      return { pivot, row, x, constant: r.constant + moves };
    };
    const reduced: Row[] = [];
    const rows: (Row | Indexed)[] = baseRows.map((b) => {
      const r = withCoefs(b);
      if (r === null) return b.plain;
      reduced.push(r);
      return r;
    });
    const rest: Row[] = restRows.flatMap((b) => withCoefs(b) ?? []);
    for (const i of relations) {
      if (own.has(i)) continue;
      const e = fresh.get(i)!;
      rest.push({ pivot: -1, row: null, x: extra.map((k) => e.terms.filter((t) => t.key === k).reduce((a, t) => a + t.coef, 0)), constant: e.constant });
    }
    // The extra cells' pivots come after every group cell's, in order.
    extra.forEach((_, j) => {
      const p = rest.findIndex((r) => Math.abs(r.x[j]!) > PIVOT);
      if (p === -1) return;
      const [pr] = rest.splice(p, 1);
      const pv = pr!.x[j]!;
      pr!.x = pr!.x.map((v) => v / pv);
      pr!.constant /= pv;
      pr!.pivot = n + j;
      for (const r of [...reduced, ...rest]) {
        const f = r.x[j]!;
        if (Math.abs(f) <= ZERO) continue;
        r.x = r.x.map((v, i) => v - f * pr!.x[i]!);
        r.constant -= f * pr!.constant;
      }
      reduced.push(pr!);
      rows.push(pr!);
    });
    // Each row's group terms, then its extra cells' (those left in it).
    const combined = rows.map((r): Indexed => {
      if (!('x' in r)) return r;
      const { row, x, constant } = r;
      const mine = row?.at.length ?? 0;
      let size = mine;
      for (let j = 0; j < x.length; j++) if (Math.abs(x[j]!) > PIVOT) size++;
      if (row && size === mine) return { at: row.at, coefs: row.coefs, constant };
      const at = new Int32Array(size);
      const coefs = new Float64Array(size);
      if (row) {
        at.set(row.at);
        coefs.set(row.coefs);
      }
      for (let j = 0, t = mine; j < x.length; j++) {
        if (Math.abs(x[j]!) <= PIVOT) continue;
        at[t] = n + j;
        coefs[t++] = x[j]!;
      }
      return { at, coefs, constant };
    });
    const { lo, hi } = this.unknown(all);
    propagate([...eqs, ...combined], lo, hi);
    return asRanges(all, lo, hi);
  }

  /** Ranges before anything is known: from the floor (0 for the remainders) up. */
  private unknown(cells: readonly string[]): { lo: Float64Array; hi: Float64Array } {
    const lo = new Float64Array(cells.length);
    for (let i = 0; i < cells.length; i++) lo[i] = this.lowest(cells[i]!);
    return { lo, hi: new Float64Array(cells.length).fill(Infinity) };
  }

  private lowest(key: string): number {
    return this.fromZero.has(key) ? 0 : this.floor;
  }
}

function cellsOf(s: SuppressionSet): string[] {
  return s.parent === null ? s.members : [...s.members, s.parent];
}

/** A cell's coefficient in a relation (members +1, the parent -1). */
function coefficientIn(s: SuppressionSet, key: string): number {
  return s.members.reduce((a, m) => a + (m === key ? 1 : 0), 0) - (s.parent === key ? 1 : 0);
}

/** Two ascending lists of relations as one, each once. */
function mergeAscending(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (out.at(-1) !== next) out.push(next);
  }
  return out;
}

/** The equation with its positions carried over (`to[i]`: where position i now is). */
function movedTo(e: Indexed, to: Int32Array | null): Indexed {
  if (to === null) return e;
  const at = new Int32Array(e.at.length);
  for (let i = 0; i < at.length; i++) at[i] = to[e.at[i]!]!;
  return { at, coefs: e.coefs, constant: e.constant };
}

function asRanges(cells: readonly string[], lo: Float64Array, hi: Float64Array): Map<string, Interval> {
  const out = new Map<string, Interval>();
  cells.forEach((k, i) => out.set(k, { lo: lo[i]!, hi: hi[i]! }));
  return out;
}
