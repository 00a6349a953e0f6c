/**
 * The attacker of suppressed tables, independent of the suppression engine: it derives the linear
 * relations between a pack's cells from the data (which sets of rows each child or review counts
 * in), reads the table as it is shown (the export model: counts, percentages, changes), and works
 * out each suppressed cell's feasible range with an exact linear programme (integers: the relations
 * are sums, whose programmes have integer corners). The programme (shared/packs/linearBounds.ts) is
 * the one the engine checks a cross-table's hidden cells with; its relations and reading of the
 * tables are the attacker's own, and the programme is checked on its own in attacker.test.ts.
 */

import type { Vec } from '../../../shared/packs/linearBounds.js';

/**
 * A basis of every linear relation sum(coef * count) = 0 that holds for any counts made of the
 * given membership patterns (each pattern: the cells one member counts in). The null space of the
 * pattern matrix: exactly the relations the data obeys, declared or not.
 */
export function relationsOf(patterns: readonly (readonly string[])[], allCells: readonly string[]): Vec[] {
  // A cell no member ever counts in is 0 in every year: that is the data, not how the table is
  // built, and a reader cannot know it, so it is left out (its zeros are shown anyway).
  const seen = new Set(patterns.flat());
  const cells = allCells.filter((c) => seen.has(c));
  const col = new Map(cells.map((c, i) => [c, i]));
  const rows = patterns.map((p) => {
    const r = new Array<number>(cells.length).fill(0);
    for (const k of p) {
      const j = col.get(k);
      if (j !== undefined) r[j] = 1;
    }
    return r;
  });
  // Reduced row echelon form.
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < cells.length && r < rows.length; c++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++) if (Math.abs(rows[i]![c]!) > Math.abs(rows[best]![c]!)) best = i;
    if (Math.abs(rows[best]![c]!) < 1e-9) continue;
    [rows[r], rows[best]] = [rows[best]!, rows[r]!];
    const pr = rows[r]!;
    const pv = pr[c]!;
    for (let j = 0; j < cells.length; j++) pr[j]! /= pv;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const f = rows[i]![c]!;
      if (Math.abs(f) < 1e-12) continue;
      for (let j = 0; j < cells.length; j++) rows[i]![j]! -= f * pr[j]!;
    }
    pivots.push(c);
    r++;
  }
  const pivotSet = new Set(pivots);
  const out: Vec[] = [];
  for (let f = 0; f < cells.length; f++) {
    if (pivotSet.has(f)) continue;
    const v: Vec = new Map([[cells[f]!, 1]]);
    pivots.forEach((c, i) => {
      const x = -rows[i]![f]!;
      if (Math.abs(x) > 1e-9) v.set(cells[c]!, x);
    });
    out.push(v);
  }
  return out;
}

export { ranges, type Constraint, type Vec } from '../../../shared/packs/linearBounds.js';
