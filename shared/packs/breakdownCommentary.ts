/**
 * Commentary of a breakdown: which category is the largest part of the figure split, and where the
 * number changed most since the previous loaded year that has figures (as the change column). Every number is a cell of the cross-table as
 * published (suppressed cells are never put into words); years marked as depending on missing
 * history are left out, as the packs' own commentary leaves them.
 */
import { MIN_BASE_FOR_PERCENT, atPeriod, countOf, earlier, isShown, latestYear, pct, sentence } from './commentary.js';
import { ALL_KEY, PART_SEPARATOR, labelInSentence } from './breakdown.js';
import { withoutIncompleteYears } from './history.js';
import type { PackResult } from './result.js';
import type { PackDefinition } from './types.js';
import { previousWithFigures } from './yearOnYear.js';

export function breakdownCommentary(pack: PackDefinition, full: PackResult): string[] {
  const result = withoutIncompleteYears(full);
  const b = result.breakdown;
  const year = latestYear(result);
  if (!b || year === null) return [];
  const parts = result.rows.filter((r) => b.chartKeys.includes(r.key));
  const heading = result.rows.find((r) => r.key === (b.chartKeys[0] ?? '').split(PART_SEPARATOR)[0]);
  const whole = heading && heading.key !== ALL_KEY ? ` counted in "${heading.label}"` : '';
  const y = String(year);
  const out: string[] = [];
  const base = heading?.values[y];
  const shown = parts.filter((r) => isShown(r.values[y]) && r.values[y]!.count! > 0);
  if (isShown(base) && base.count > 0 && shown.length > 0) {
    const top = Math.max(...shown.map((r) => r.values[y]!.count!));
    const leaders = shown.filter((r) => r.values[y]!.count === top);
    if (leaders.length === 1) {
      const lead = leaders[0]!;
      // The part's percentage is its share of the heading (breakdown.ts), so "of them" is true.
      const share = base.count >= MIN_BASE_FOR_PERCENT && typeof lead.values[y]!.percent === 'number' ? `${pct(lead.values[y]!.percent!)} of them` : `${top} of ${base.count}`;
      out.push(sentence(`${atPeriod(pack.timing, year)}, "${lead.label}" was the largest ${labelInSentence(b.label)} category of the ${countOf(base.count, pack.unit)}${whole} (${share})`));
    }
  }
  const previous = previousWithFigures(result, year);
  if (previous !== null) {
    const p = String(previous);
    let best: { label: string; from: number; to: number } | null = null;
    for (const r of parts) {
      const now = r.values[y];
      const then = r.values[p];
      if (!isShown(now) || !isShown(then) || now.count === then.count) continue;
      if (!best || Math.abs(now.count - then.count) > Math.abs(best.to - best.from)) best = { label: r.label, from: then.count, to: now.count };
    }
    if (best) {
      out.push(sentence(`The biggest change by ${labelInSentence(b.label)} was in "${best.label}": ${best.to > best.from ? 'up' : 'down'} to ${best.to} from ${best.from} ${earlier(pack.timing, year, previous)}`));
    }
  }
  return out;
}
