/**
 * Commentary of a breakdown: which category is the largest part of the figure split, and where the
 * number changed most since the previous loaded year that has figures (as the change column). Every number is a cell of the cross-table as
 * published (suppressed cells are never put into words); years marked as depending on missing
 * history are left out, as the packs' own commentary leaves them. A ranking is said only when no
 * suppressed part could contradict it, and never of one of a tie (certainLeaders).
 */
import { MIN_BASE_FOR_PERCENT, atPeriod, certainLeaders, countOf, earlier, isShown, latestYear, pct, sentence } from './commentary.js';
import { ALL_KEY, PART_SEPARATOR, labelInSentence } from './breakdown.js';
import { withoutIncompleteYears } from './history.js';
import type { CellValue, PackResult, PackRow } from './result.js';
import type { PackDefinition } from './types.js';
import { previousWithFigures } from './yearOnYear.js';

/** The parts a breakdown's chart draws (the figure split by category) and the row they split. */
function partsOf(result: PackResult): { parts: PackRow[]; heading: PackRow | undefined } {
  const keys = result.breakdown?.chartKeys ?? [];
  return {
    parts: result.rows.filter((r) => keys.includes(r.key)),
    heading: result.rows.find((r) => r.key === (keys[0] ?? '').split(PART_SEPARATOR)[0]),
  };
}

/**
 * What one suppressed part could hold at most in a year: the parts add up to the row they split,
 * so the hidden ones hold between them that row less the parts shown. Null when that row is hidden.
 */
function hiddenRoom(parts: readonly PackRow[], heading: PackRow | undefined, y: string): number | null {
  const whole = heading?.values[y];
  if (!isShown(whole)) return null;
  return whole.count - parts.reduce((a, r) => a + (isShown(r.values[y]) ? r.values[y]!.count! : 0), 0);
}

/** The part (or tied parts) with the most in a year, when no suppressed part could have as many; null otherwise or when none has any. */
export function certainPartLeaders(result: PackResult, year: number): PackRow[] | null {
  const { parts, heading } = partsOf(result);
  const y = String(year);
  const leaders = certainLeaders(parts, (r) => (isShown(r.values[y]) ? r.values[y]!.count! : 'hidden'), hiddenRoom(parts, heading, y));
  return leaders && leaders[0]!.values[y]!.count! > 0 ? leaders : null;
}

/**
 * The part whose number changed most between two years, when certain: shown in both years, its
 * change larger than every other part's, shown or not (a part hidden in a year could hold from 0 to
 * what the hidden parts hold between them). A part not collected (x) in either year has no change.
 */
function biggestChange(result: PackResult, year: number, previous: number): { label: string; from: number; to: number } | null {
  const { parts, heading } = partsOf(result);
  const y = String(year);
  const p = String(previous);
  const room = { [y]: hiddenRoom(parts, heading, y), [p]: hiddenRoom(parts, heading, p) };
  const range = (c: CellValue | undefined, at: string): [number, number] | null => (isShown(c) ? [c.count, c.count] : room[at] === null ? null : [0, room[at]!]);
  const size = (r: PackRow): number | 'hidden' | null => {
    const now = r.values[y];
    const then = r.values[p];
    if (now?.notCollected || then?.notCollected) return null;
    if (isShown(now) && isShown(then)) return Math.abs(now.count - then.count);
    return 'hidden';
  };
  // The most a part hidden in either year could have changed by.
  let hiddenAtMost: number | null = 0;
  for (const r of parts) {
    if (size(r) !== 'hidden') continue;
    const a = range(r.values[y], y);
    const b = range(r.values[p], p);
    if (!a || !b) hiddenAtMost = null;
    else if (hiddenAtMost !== null) hiddenAtMost = Math.max(hiddenAtMost, a[1] - b[0], b[1] - a[0]);
  }
  const leaders = certainLeaders(parts, size, hiddenAtMost);
  if (!leaders || leaders.length !== 1) return null;
  const now = leaders[0]!.values[y]!.count!;
  const then = leaders[0]!.values[p]!.count!;
  return now === then ? null : { label: leaders[0]!.label, from: then, to: now };
}

export function breakdownCommentary(pack: PackDefinition, full: PackResult): string[] {
  const result = withoutIncompleteYears(full);
  const b = result.breakdown;
  const year = latestYear(result);
  if (!b || year === null) return [];
  const { heading } = partsOf(result);
  const whole = heading && heading.key !== ALL_KEY ? ` counted in "${heading.label}"` : '';
  const y = String(year);
  const out: string[] = [];
  const base = heading?.values[y];
  const leaders = certainPartLeaders(result, year);
  if (isShown(base) && base.count > 0 && leaders?.length === 1) {
    const lead = leaders[0]!;
    const top = lead.values[y]!.count!;
    // The part's percentage is its share of the heading (breakdown.ts), so "of them" is true.
    const share = base.count >= MIN_BASE_FOR_PERCENT && typeof lead.values[y]!.percent === 'number' ? `${pct(lead.values[y]!.percent!)} of them` : `${top} of ${base.count}`;
    out.push(sentence(`${atPeriod(pack.timing, year)}, "${lead.label}" was the largest ${labelInSentence(b.label)} category of the ${countOf(base.count, pack.unit)}${whole} (${share})`));
  }
  const previous = previousWithFigures(result, year);
  if (previous !== null) {
    const best = biggestChange(result, year, previous);
    if (best) {
      out.push(sentence(`The biggest change by ${labelInSentence(b.label)} was in "${best.label}": ${best.to > best.from ? 'up' : 'down'} to ${best.to} from ${best.from} ${earlier(pack.timing, year, previous)}`));
    }
  }
  return out;
}
