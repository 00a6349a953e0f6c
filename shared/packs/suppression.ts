/**
 * Small-number suppression of a pack result, as DfE/GSS tables do it:
 * - primary: every count from 1 to N (default 5) becomes suppressed (count null, `suppressed`,
 *   shown as `c`); zeros stay zeros;
 * - secondary: within every set of cells that add up to a visible parent (a year's rows adding up
 *   to its total, a group's rows adding up to the group subtotal), a lone suppressed cell could be
 *   worked back by subtraction, so the next smallest non-zero cell is suppressed too; and a
 *   suppressed parent whose parts are all visible gets its smallest non-zero part suppressed.
 *   Repeated until nothing changes, because each new suppression can expose another set;
 * - percentages (and averages) of suppressed cells, and percentages of a suppressed base, are
 *   suppressed too.
 * Each year column is treated on its own (years are never summed).
 */
import type { CellValue, PackResult, PackRow } from './result.js';
import { TOTAL, type SuppressionSet } from './types.js';

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

export interface SuppressionSpec {
  /** Counts 1..threshold are suppressed. */
  threshold: number;
  /** Sets of rows that add up to a parent (see SuppressionSet). */
  sets: readonly SuppressionSet[];
  /** Row key -> key of its percentage base (TOTAL or a row key), or null when it has no percentage. */
  bases: Readonly<Record<string, string | null>>;
}

/** Which cells of one year column are suppressed (keys: row keys and TOTAL). */
export function suppressedCells(
  counts: ReadonlyMap<string, number | null | undefined>,
  threshold: number,
  sets: readonly SuppressionSet[],
): Set<string> {
  const out = new Set<string>();
  const countOf = (key: string): number => counts.get(key) ?? 0;
  for (const [key, n] of counts) if (typeof n === 'number' && n >= 1 && n <= threshold) out.add(key);

  const order = new Map([...counts.keys()].map((k, i) => [k, i]));
  const smallestVisible = (members: string[]): string | null => {
    const candidates = members.filter((k) => !out.has(k) && countOf(k) > 0);
    candidates.sort((a, b) => countOf(a) - countOf(b) || (order.get(a) ?? 0) - (order.get(b) ?? 0));
    return candidates[0] ?? null;
  };

  for (let changed = true; changed; ) {
    changed = false;
    for (const set of sets) {
      const members = set.members.filter((k) => counts.has(k));
      const parentKnown = set.parent !== null && counts.has(set.parent);
      // A parent published elsewhere (null) is assumed visible: the safe assumption.
      const parentSuppressed = parentKnown && out.has(set.parent!);
      const hidden = members.filter((k) => out.has(k)).length;
      let pick: string | null = null;
      if (!parentSuppressed && hidden === 1) {
        pick = smallestVisible(members);
        // No other part to hide: the lone cell equals parent minus zeros, so hide the parent.
        if (pick === null && parentKnown && countOf(set.parent!) > 0) pick = set.parent;
      } else if (parentSuppressed && hidden === 0) {
        pick = smallestVisible(members);
      }
      if (pick !== null && !out.has(pick)) {
        out.add(pick);
        changed = true;
      }
    }
  }
  return out;
}

/** The result with small numbers suppressed. A threshold of 0 or less returns it unchanged. */
export function suppressResult(result: PackResult, spec: SuppressionSpec): PackResult {
  if (!(spec.threshold > 0)) return result;
  const hiddenByYear = new Map<string, Set<string>>();
  for (const year of result.years) {
    const y = String(year);
    const counts = new Map<string, number | null | undefined>();
    const total = result.total[y];
    if (total && total.count !== undefined) counts.set(TOTAL, total.count);
    for (const row of result.rows) counts.set(row.key, row.values[y]?.count);
    hiddenByYear.set(y, suppressedCells(counts, spec.threshold, spec.sets));
  }

  const rows: PackRow[] = result.rows.map((row) => {
    const values: Record<string, CellValue> = {};
    for (const [y, cell] of Object.entries(row.values)) {
      const hidden = hiddenByYear.get(y) ?? new Set<string>();
      const base = spec.bases[row.key] ?? null;
      if (hidden.has(row.key)) values[y] = hide(cell);
      else if (base !== null && hidden.has(base) && cell.percent !== undefined) values[y] = { ...cell, percent: null };
      else values[y] = { ...cell };
    }
    return { ...row, values };
  });
  const total: Record<string, CellValue> = {};
  for (const [y, cell] of Object.entries(result.total)) {
    total[y] = hiddenByYear.get(y)?.has(TOTAL) ? hide(cell) : { ...cell };
  }
  return { ...result, rows, total };
}

function hide(cell: CellValue): CellValue {
  const out: CellValue = { count: null, suppressed: true };
  if (cell.percent !== undefined) out.percent = null;
  if (cell.value !== undefined) out.value = null;
  return out;
}
