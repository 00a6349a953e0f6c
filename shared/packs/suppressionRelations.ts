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
 * than from scratch for each candidate.
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
function equationOf(s: SuppressionSet, hidden: ReadonlySet<string>, value: (k: string) => number): Equation {
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
function eliminate(rows: number[][], n: number): { rank: number; pivots: number[] } {
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
    for (let i = 0; i < rows.length; i++) {
      const f = rows[i]![c]!;
      if (i !== rank && Math.abs(f) > ZERO) for (let j = 0; j < width; j++) rows[i]![j]! -= f * pr[j]!;
    }
    pivots.push(c);
    rank++;
  }
  return { rank, pivots };
}

/**
 * Interval propagation to a fixed point: each term's range from the others' in every equation,
 * integers, until nothing narrows. Each equation's bounds are summed once and each term's own part
 * taken out (an infinite bound counted apart), rather than re-summed per term.
 */
function propagate(eqs: readonly Equation[], range: Map<string, Interval>): void {
  // Each term's part of -sum(coef * x), [lo, hi] from its range (no closures: this is the hot loop).
  let lo: number[] = [];
  let hi: number[] = [];
  for (let round = 0, changed = true; changed && round < 200; round++) {
    changed = false;
    for (const { terms, constant } of eqs) {
      const n = terms.length;
      if (n === 0) continue;
      if (lo.length < n) {
        lo = new Array<number>(n);
        hi = new Array<number>(n);
      }
      let loSum = 0;
      let hiSum = 0;
      let loInf = 0;
      let hiInf = 0;
      for (let i = 0; i < n; i++) {
        const t = terms[i]!;
        const r = range.get(t.key)!;
        const l = t.coef > 0 ? -t.coef * r.hi : -t.coef * r.lo;
        const h = t.coef > 0 ? -t.coef * r.lo : -t.coef * r.hi;
        lo[i] = l;
        hi[i] = h;
        if (l === -Infinity) loInf++;
        else loSum += l;
        if (h === Infinity) hiInf++;
        else hiSum += h;
      }
      for (let i = 0; i < n; i++) {
        const t = terms[i]!;
        // coef * x_t = constant - sum of the others: its range from the others' ranges.
        const li = lo[i]!;
        const hv = hi[i]!;
        const l = loInf - (li === -Infinity ? 1 : 0) > 0 ? -Infinity : constant + loSum - (li === -Infinity ? 0 : li);
        const h = hiInf - (hv === Infinity ? 1 : 0) > 0 ? Infinity : constant + hiSum - (hv === Infinity ? 0 : hv);
        const xlo = t.coef > 0 ? l / t.coef : h / t.coef;
        const xhi = t.coef > 0 ? h / t.coef : l / t.coef;
        const r = range.get(t.key)!;
        const nlo = Math.max(r.lo, Math.ceil(xlo - 1e-9));
        const nhi = Math.min(r.hi, Math.floor(xhi + 1e-9));
        if (nlo === r.lo && nhi === r.hi) continue;
        range.set(t.key, { lo: nlo, hi: nhi });
        changed = true;
        // The cell's part changed for the terms after it (and for any other term of the same cell).
        for (let j = 0; j < n; j++) {
          const o = terms[j]!;
          if (o.key !== t.key) continue;
          if (lo[j] === -Infinity) loInf--;
          else loSum -= lo[j]!;
          if (hi[j] === Infinity) hiInf--;
          else hiSum -= hi[j]!;
          const l2 = o.coef > 0 ? -o.coef * nhi : -o.coef * nlo;
          const h2 = o.coef > 0 ? -o.coef * nlo : -o.coef * nhi;
          lo[j] = l2;
          hi[j] = h2;
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
}

/**
 * One column's relations over changing sets of hidden cells. `carry(key)` says which visible cells
 * the secondary search may hide next (their columns are carried through each group's elimination).
 */
export class ColumnRelations {
  private readonly relationsOf = new Map<string, number[]>();
  private readonly groups = new Map<string, Group>();
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
    const carried = [...new Set(relations.flatMap((i) => cellsOf(this.sets[i]!)))].filter((k) => !inGroup.has(k) && this.carry(k));
    const col = new Map(cells.map((k, i) => [k, i]));
    const n = cells.length;
    const rows = eqs.map((e, r) => {
      const row = new Array<number>(n + carried.length + 1).fill(0);
      for (const t of e.terms) row[col.get(t.key)!] += t.coef;
      carried.forEach((k, j) => {
        row[n + j] = coefficientIn(this.sets[relations[r]!]!, k);
      });
      row[n + carried.length] = e.constant;
      return row;
    });
    const { rank, pivots } = eliminate(rows, n);
    const toRow = (row: number[], pivot: number): ReducedRow => {
      const carriedCoefs = new Map<string, number>();
      carried.forEach((k, j) => {
        if (Math.abs(row[n + j]!) > ZERO) carriedCoefs.set(k, row[n + j]!);
      });
      const terms = cells.map((key, i) => ({ key, coef: row[i]! })).filter((t) => Math.abs(t.coef) > PIVOT);
      return { pivot, terms, carried: carriedCoefs, constant: row[n + carried.length]! };
    };
    const reduced = rows.slice(0, rank).map((row, i) => toRow(row, pivots[i]!));
    const rest = rows.slice(rank).map((row) => toRow(row, -1)).filter((r) => r.carried.size > 0);
    const range = new Map<string, Interval>();
    for (const k of cells) range.set(k, { lo: this.lowest(k), hi: Infinity });
    propagate([...eqs, ...reduced.map(asEquation)], range);
    const group: Group = { cells: [...cells], relations, reduced, rest, ranges: range };
    this.groups.set(id, group);
    return group;
  }

  /**
   * The ranges of the cells of the given groups (each in hidden order, `before` telling hidden
   * order between groups) and of `extra` visible cells, were those hidden as well (after every
   * hidden cell, in the order given): the groups' reduced rows extended by the extra cells' columns.
   */
  rangesWith(groups: readonly (readonly string[])[], extra: readonly string[], before: (a: string, b: string) => number): Map<string, Interval> {
    const solved = groups.map((cells) => this.group(cells));
    const cells = solved.flatMap((g) => g.cells).sort(before);
    const all = [...cells, ...extra];
    const hidden = new Set(all);
    const fromGroups = new Set(solved.flatMap((g) => g.relations));
    const relations = [...new Set([...fromGroups, ...extra.flatMap((k) => this.relations(k))])].sort((a, b) => a - b);
    const eqs = relations.map((i) => equationOf(this.sets[i]!, hidden, this.value));

    // Each reduced row with the extra cells' coefficients; the extra cells' own relations (those
    // with no hidden cell before) as rows with no group cell.
    interface Row {
      pivot: number;
      terms: Term[];
      x: number[];
      constant: number;
    }
    const rowOf = (r: ReducedRow, pivot: number): Row => {
      const x = extra.map((k) => r.carried.get(k) ?? 0);
      // The constant was worked out with the extra cells visible: they move to the left-hand side.
      return { pivot, terms: r.terms, x, constant: r.constant + extra.reduce((a, k, j) => a + this.value(k) * x[j]!, 0) };
    };
    const pivotPos = new Map(all.map((k, i) => [k, i]));
    const reduced: Row[] = solved.flatMap((g) => g.reduced.map((r) => rowOf(r, pivotPos.get(g.cells[r.pivot]!)!)));
    const rest: Row[] = solved.flatMap((g) => g.rest.map((r) => rowOf(r, -1)));
    for (const i of relations) {
      if (fromGroups.has(i)) continue;
      const e = eqs[relations.indexOf(i)]!;
      rest.push({ pivot: -1, terms: [], x: extra.map((k) => e.terms.filter((t) => t.key === k).reduce((a, t) => a + t.coef, 0)), constant: e.constant });
    }
    extra.forEach((_, j) => {
      const p = rest.findIndex((r) => Math.abs(r.x[j]!) > PIVOT);
      if (p === -1) return;
      const [pr] = rest.splice(p, 1);
      const pv = pr!.x[j]!;
      pr!.x = pr!.x.map((v) => v / pv);
      pr!.constant /= pv;
      pr!.pivot = cells.length + j;
      for (const r of [...reduced, ...rest]) {
        const f = r.x[j]!;
        if (Math.abs(f) <= ZERO) continue;
        r.x = r.x.map((v, i) => v - f * pr!.x[i]!);
        r.constant -= f * pr!.constant;
      }
      reduced.push(pr!);
    });
    reduced.sort((a, b) => a.pivot - b.pivot);
    const combined = reduced.map((r) => ({
      terms: [...r.terms, ...extra.map((key, j) => ({ key, coef: r.x[j]! })).filter((t) => Math.abs(t.coef) > PIVOT)],
      constant: r.constant,
    }));
    const range = new Map<string, Interval>();
    for (const k of all) range.set(k, { lo: this.lowest(k), hi: Infinity });
    propagate([...eqs, ...combined], range);
    return range;
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

function asEquation(r: ReducedRow): Equation {
  return { terms: r.terms, constant: r.constant };
}
