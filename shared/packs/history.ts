/**
 * "Incomplete history": figures whose definition needs records from before the earliest loaded
 * return (how long a period of care has lasted, the number of a review in its period, how long a
 * child has been with the same carers, the day care began). Each pack that has such figures
 * declares how an affected member is detected (PackDefinition.history); this module counts them
 * per cell, marks the cells and gives the helpers every output uses.
 *
 * The rule (also in the README and each pack's notes): a cell is marked `u` (DfE's symbol for low
 * reliability) when at least one member counted in it, or that could be counted in it with the
 * earlier records, depends on those records. The share is those members as a percentage of the
 * members counted in the cell or that could be. Loading the earlier returns removes the mark.
 */
import { flowLabel } from '../domain/years.js';
import { periodLabel, sentence, type Timing } from './commentary.js';
import { percentOf } from './percent.js';
import type { CellValue, PackResult } from './result.js';
import { TOTAL } from './types.js';

/** DfE's symbol for a figure of low reliability. */
export const HISTORY_SYMBOL = 'u';

export const HISTORY_LEGEND =
  'u = incomplete history: the figure depends on records from before the earliest return loaded (low reliability); ' +
  'the share is of the children (or reviews) counted in the cell, or that could be, whose records are incomplete. ' +
  'Loading earlier returns removes the mark. Charts and commentary leave these figures out unless asked to show them.';

/** Key of the per-year count of affected members in the history aggregate. */
const ANY = '__any';

/**
 * The history aggregate of a pack: (return_year, key, affected, affected_in, need_year) from the
 * pack's history members (return_year, keys, uncertain, need_year): per row key, how many members
 * make it uncertain and how many of those are counted in it; under ANY, the affected members of
 * the year and the earliest return that would help.
 */
export function historySql(members: string): string {
  return `SELECT return_year, key, count(*) AS affected, count(*) FILTER (WHERE list_contains(keys, key)) AS affected_in,
    min(need_year) AS need_year
  FROM (SELECT return_year, keys, need_year, unnest(list_append(uncertain, '${ANY}')) AS key
        FROM (
${members}
        ) WHERE len(uncertain) > 0)
  GROUP BY return_year, key
  ORDER BY return_year, key`;
}

interface Affected {
  affected: number;
  affectedIn: number;
  needYear: number | null;
}

/** The history aggregate rows by year and key. */
export type HistoryCounts = Map<number, Map<string, Affected>>;

export function historyCounts(raw: readonly Record<string, unknown>[]): HistoryCounts {
  const out: HistoryCounts = new Map();
  for (const r of raw) {
    const y = Number(r.return_year);
    if (!out.has(y)) out.set(y, new Map());
    out.get(y)!.set(String(r.key), {
      affected: Number(r.affected ?? 0),
      affectedIn: Number(r.affected_in ?? 0),
      needYear: r.need_year === null || r.need_year === undefined ? null : Number(r.need_year),
    });
  }
  return out;
}

/**
 * The result with each cell made uncertain by missing history marked (history: affected, share),
 * and result.history listing the earliest return that would complete each marked year. With
 * suppression (threshold > 0), a suppressed cell keeps only the mark, and so does a cell whose
 * affected count is itself a small number: neither number may reveal a hidden count.
 */
export function markHistory(result: PackResult, counts: HistoryCounts, threshold = 0): PackResult {
  if (counts.size === 0) return result;
  const mark = (cell: CellValue | undefined, year: string, key: string): CellValue | undefined => {
    const a = counts.get(Number(year))?.get(key);
    // A figure not collected (x: a code not in that year's list) is no figure a child could be missing from.
    if (!cell || !a || a.affected === 0 || cell.notCollected) return cell;
    const own = typeof cell.count === 'number' ? cell.count : null;
    const hidden = cell.suppressed === true || (threshold > 0 && a.affected <= threshold);
    if (hidden || own === null) return { ...cell, history: {} };
    const share = percentOf(a.affected, own + a.affected - a.affectedIn) ?? 100;
    return { ...cell, history: threshold > 0 ? { share } : { affected: a.affected, share } };
  };
  const rows = result.rows.map((row) => ({
    ...row,
    values: Object.fromEntries(Object.entries(row.values).map(([y, c]) => [y, mark(c, y, row.key)!])),
  }));
  const total = Object.fromEntries(Object.entries(result.total).map(([y, c]) => [y, mark(c, y, TOTAL)!]));
  const earliestNeeded: Record<string, number> = {};
  const affected: Record<string, number> = {};
  for (const [y, byKey] of counts) {
    const any = byKey.get(ANY);
    if (!any || any.affected === 0 || !result.years.includes(y)) continue;
    if (any.needYear !== null) earliestNeeded[String(y)] = any.needYear;
    affected[String(y)] = any.affected;
  }
  if (Object.keys(earliestNeeded).length === 0) return { ...result, rows, total };
  return { ...result, rows, total, history: { earliestNeeded } };
}

export function isHistoryMarked(cell: CellValue | undefined): boolean {
  return !!cell?.history;
}

/** A figure as shown, with " u" after it when any of the cells it comes from is marked (a suppressed "c" stays as it is). */
export function withHistoryMark(text: string, ...cells: (CellValue | undefined)[]): string {
  if (text === 'c' || !cells.some(isHistoryMarked)) return text;
  return `${text} ${HISTORY_SYMBOL}`;
}

/**
 * The years whose figures do not depend on missing history: of one row (rowKey; null = the
 * total), or, with no rowKey, of the whole table (no cell of the year is marked).
 */
export function reliableYears(result: PackResult, rowKey?: string | null): number[] {
  return result.years.filter((y) => {
    const k = String(y);
    if (rowKey === null) return !isHistoryMarked(result.total[k]);
    if (rowKey !== undefined) return !isHistoryMarked(result.rows.find((r) => r.key === rowKey)?.values[k]);
    return !isHistoryMarked(result.total[k]) && !result.rows.some((r) => isHistoryMarked(r.values[k]));
  });
}

/** The result keeping only the years no cell of which is marked (what commentary speaks of by default). */
export function withoutIncompleteYears(result: PackResult): PackResult {
  const keep = new Set(reliableYears(result).map(String));
  if (keep.size === result.years.length) return result;
  const pick = (values: Record<string, CellValue>) => Object.fromEntries(Object.entries(values).filter(([y]) => keep.has(y)));
  return {
    ...result,
    years: result.years.filter((y) => keep.has(String(y))),
    rows: result.rows.map((r) => ({ ...r, values: pick(r.values) })),
    total: pick(result.total),
  };
}

/** Years of the result with a marked cell, oldest first. */
export function incompleteYears(result: PackResult): number[] {
  const reliable = new Set(reliableYears(result));
  return result.years.filter((y) => !reliable.has(y));
}

/** The note of a change made from a figure marked u. */
export const CHANGE_HISTORY_NOTE = 'Incomplete history (u): this change is made from a figure that depends on records from before the earliest return loaded.';

/** A marked cell's note: "Incomplete history (u): for 60.9% of those counted in this figure (or that could be), it depends on ...". */
export function historyNote(cell: CellValue | undefined): string | null {
  const h = cell?.history;
  if (!h) return null;
  const share = typeof h.share === 'number' ? `${h.share.toFixed(1)}% of those counted in this figure (or that could be)` : `some of those counted in this figure (or that could be)`;
  return `Incomplete history (u): for ${share}, it depends on records from before the earliest return loaded.`;
}

/**
 * What would complete a pack, for the Data view: "load 2016/17 to 2017/18 to complete 2018/19"
 * (every marked year, and the returns from the earliest that would help up to the year before
 * the marked year that are not loaded). null when no year is marked.
 */
export function completionAdvice(result: PackResult, loaded: readonly number[]): { years: number[]; load: number[]; loadText: string; text: string } | null {
  const marked = incompleteYears(result);
  if (marked.length === 0) return null;
  const needed = result.history?.earliestNeeded ?? {};
  const have = new Set(loaded);
  const load = new Set<number>();
  for (const y of marked) {
    const from = needed[String(y)];
    if (from === undefined) continue;
    for (let z = from; z < y; z++) if (!have.has(z)) load.add(z);
  }
  const list = [...load].sort((a, b) => a - b);
  const span = list.length === 0 ? 'earlier returns' : list.length === 1 ? flowLabel(list[0]!) : `${flowLabel(list[0]!)} to ${flowLabel(list[list.length - 1]!)}${list.length !== list[list.length - 1]! - list[0]! + 1 ? ' (the years missing)' : ''}`;
  const years = marked.map(flowLabel).join(', ');
  return { years: marked, load: list, loadText: `load ${span}`, text: `load ${span} to complete ${years}` };
}

/** "Figures for 31 March 2019 depend on records ... (marked u)": the commentary's word on the years it leaves out. */
export function leftOutSentence(result: PackResult, timing: Timing): string[] {
  const years = incompleteYears(result);
  if (years.length === 0) return [];
  const labels = years.map((y) => periodLabel(timing, y));
  const list = labels.length === 1 ? labels[0]! : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
  return [
    sentence(
      `Some figures for ${list} depend on records from before the earliest return loaded (marked ${HISTORY_SYMBOL} in the table), so ` +
        `${years.length === 1 ? 'that year is' : 'those years are'} not described here`,
    ),
  ];
}

/**
 * What a chart draws by default: the figures that do not depend on missing history. A 100% stack
 * leaves out every year with a marked figure (a stack with a part missing would mislead); bars and
 * lines leave out the marked figures only, and a year left with none. `left` lists the years
 * something was left out of, for the chart's note.
 */
export function chartableResult(result: PackResult, kind: 'grouped-bar' | 'line' | 'stacked-100'): { result: PackResult; left: number[] } {
  const left = incompleteYears(result);
  if (left.length === 0) return { result, left };
  if (kind === 'stacked-100') return { result: withoutIncompleteYears(result), left };
  const unmarked = (values: Record<string, CellValue>) => Object.fromEntries(Object.entries(values).filter(([, c]) => !isHistoryMarked(c)));
  const rows = result.rows.map((r) => ({ ...r, values: unmarked(r.values) }));
  const years = result.years.filter((y) => rows.some((r) => r.values[String(y)] !== undefined));
  return { result: { ...result, years, rows, total: unmarked(result.total) }, left };
}

/** The chart's note on what it leaves out: "Figures marked u (incomplete history) are not drawn: 31 March 2019." */
export function chartLeftOutNote(left: readonly number[], label: (year: number) => string): string | null {
  if (left.length === 0) return null;
  return `Figures marked ${HISTORY_SYMBOL} (incomplete history) are not drawn: ${left.map(label).join(', ')}.`;
}

/**
 * The legend line under a table on screen, when some figure of the years shown is marked:
 * "incomplete history: ... 2018/19 (up to 100% of a figure's children). To complete it, load 2010/11 to 2017/18."
 */
export function historyOnScreen(result: PackResult, years: readonly number[], timing: Timing): string | null {
  const shown = incompleteYears(result).filter((y) => years.includes(y));
  if (shown.length === 0) return null;
  let worst: number | null = null;
  for (const y of shown) {
    for (const c of [...result.rows.map((r) => r.values[String(y)]), result.total[String(y)]]) {
      const share = c?.history?.share;
      if (typeof share === 'number' && (worst === null || share > worst)) worst = share;
    }
  }
  const advice = completionAdvice({ ...result, years: shown }, result.years);
  const list = shown.map((y) => periodLabel(timing, y)).join(', ');
  const extent = worst === null ? '' : ` (up to ${worst.toFixed(1)}% of those counted in a figure; each figure's share is in its tooltip)`;
  return (
    `incomplete history: the figure rests on records from before the earliest return loaded, in ${list}${extent}; ` +
    `chart and commentary leave such figures out unless shown.${advice ? ` To complete it, ${advice.loadText}.` : ''}`
  );
}
