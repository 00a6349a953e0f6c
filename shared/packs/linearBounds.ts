/**
 * Exact bounds of unknowns under linear constraints, by the simplex method: the least and greatest
 * value of each unknown (integers: the relations of a table are sums, whose programmes have integer
 * corners). The suppression engine checks a cross-table's hidden cells with it (interval
 * propagation alone misses what a reader gets by adding rows and columns of a two-way table up);
 * the attacker test reads tables with it.
 */

export type Vec = Map<string, number>;

/** A linear constraint over unknowns: sum(coef * x) (= or <=) rhs. */
export interface Constraint {
  coefs: Vec;
  kind: '=' | '<=';
  rhs: number;
}

const EPS = 1e-9;

/**
 * min and max of each unknown subject to the constraints and x >= lower bound, by the simplex method
 * (two phases, Bland's rule). Returns null when the constraints cannot all hold (a table that
 * contradicts itself, which the caller reports).
 */
export function ranges(unknowns: readonly string[], lower: ReadonlyMap<string, number>, constraints: readonly Constraint[]): Map<string, { lo: number; hi: number }> | null {
  const n = unknowns.length;
  const idx = new Map(unknowns.map((u, i) => [u, i]));
  // Shift x = lower + y, y >= 0; a slack for each inequality; then every row gets an artificial.
  const ineq = constraints.filter((c) => c.kind === '<=').length;
  const m = constraints.length;
  const width = n + ineq + m + 1; // last column: right-hand side
  const T: number[][] = [];
  let s = 0;
  for (const c of constraints) {
    const row = new Array<number>(width).fill(0);
    let rhs = c.rhs;
    for (const [k, a] of c.coefs) {
      const j = idx.get(k);
      if (j === undefined) throw new Error(`unknown ${k}`);
      row[j] += a;
      rhs -= a * (lower.get(k) ?? 0);
    }
    if (c.kind === '<=') row[n + s++] = 1;
    if (rhs < 0) {
      for (let j = 0; j < width; j++) row[j] = -row[j]!;
      rhs = -rhs;
    }
    row[width - 1] = rhs;
    T.push(row);
  }
  T.forEach((row, i) => (row[n + ineq + i] = 1));
  const basis = T.map((_, i) => n + ineq + i);
  const isArtificial = (j: number) => j >= n + ineq && j < width - 1;

  const pivot = (rows: number[][], obj: number[], r: number, c: number) => {
    const pr = rows[r]!;
    const pv = pr[c]!;
    for (let j = 0; j < width; j++) pr[j]! /= pv;
    for (const row of [...rows, obj]) {
      if (row === pr) continue;
      const f = row[c]!;
      if (Math.abs(f) < 1e-15) continue;
      for (let j = 0; j < width; j++) row[j]! -= f * pr[j]!;
    }
  };
  // Minimise obj (reduced costs in obj[0..width-2], -value in obj[width-1]); false when unbounded.
  const solve = (rows: number[][], obj: number[], bas: number[], allowed: (j: number) => boolean): boolean => {
    for (let iter = 0; iter < 5000; iter++) {
      let c = -1;
      for (let j = 0; j < width - 1; j++) {
        if (allowed(j) && obj[j]! < -EPS) {
          c = j;
          break;
        }
      }
      if (c === -1) return true;
      let r = -1;
      let best = Infinity;
      for (let i = 0; i < rows.length; i++) {
        const a = rows[i]![c]!;
        if (a > EPS) {
          const ratio = rows[i]![width - 1]! / a;
          if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && bas[i]! < bas[r]!)) {
            best = ratio;
            r = i;
          }
        }
      }
      if (r === -1) return false;
      pivot(rows, obj, r, c);
      bas[r] = c;
    }
    throw new Error('simplex did not finish');
  };

  // Phase 1: minimise the sum of the artificials.
  const obj1 = new Array<number>(width).fill(0);
  for (let j = n + ineq; j < width - 1; j++) obj1[j] = 1;
  for (const row of T) for (let j = 0; j < width; j++) obj1[j]! -= row[j]!;
  solve(T, obj1, basis, () => true);
  if (-obj1[width - 1]! > 1e-6) return null;
  // Drive artificials out of the basis; drop rows that are redundant.
  for (let i = T.length - 1; i >= 0; i--) {
    if (!isArtificial(basis[i]!)) continue;
    let c = -1;
    for (let j = 0; j < n + ineq; j++) if (Math.abs(T[i]![j]!) > 1e-7) c = j;
    if (c === -1) {
      T.splice(i, 1);
      basis.splice(i, 1);
    } else {
      pivot(T, obj1, i, c);
      basis[i] = c;
    }
  }

  const optimum = (target: number, sign: 1 | -1): number => {
    const rows = T.map((r) => [...r]);
    const bas = [...basis];
    const obj = new Array<number>(width).fill(0);
    obj[target] = sign;
    // Price out the basic variables.
    bas.forEach((b, i) => {
      const f = obj[b]!;
      if (f !== 0) for (let j = 0; j < width; j++) obj[j]! -= f * rows[i]![j]!;
    });
    if (!solve(rows, obj, bas, (j) => !isArtificial(j))) return sign === 1 ? -Infinity : Infinity;
    const value = -obj[width - 1]!; // the minimum of sign * y
    return sign * value;
  };

  const out = new Map<string, { lo: number; hi: number }>();
  unknowns.forEach((u, j) => {
    const base = lower.get(u) ?? 0;
    const lo = optimum(j, 1);
    const hi = optimum(j, -1);
    out.set(u, { lo: base + Math.ceil(lo - 1e-6), hi: hi === Infinity ? Infinity : base + Math.floor(hi + 1e-6) });
  });
  return out;
}
