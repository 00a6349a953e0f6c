/**
 * A reader's check of commentary against its table: every number in a sentence must be a figure
 * the table shows, written as the table writes it, and every comparison word must agree with the
 * change the table shows. Written from the table model the exports use (shared/export/model.ts),
 * not from the commentary code, so the two are checked against each other.
 */
import { join } from 'node:path';
import { openAppWorkspace, type AppWorkspace } from '../../../electron/workspace/appWorkspace.js';
import { buildTableModel, displayText, type ModelRow, type TableModel } from '../../../shared/export/model.js';
import { categoryRows } from '../../../shared/packs/categories.js';
import type { PackResult } from '../../../shared/packs/result.js';
import { getPack } from '../../../shared/packs/run.js';

export const SAMPLE_YEARS = [2019, 2020, 2021, 2022, 2023, 2024];

/** A workspace in memory holding the six bundled sample returns. */
export async function sampleWorkspace(): Promise<AppWorkspace> {
  const ws = await openAppWorkspace({ path: ':memory:' });
  for (const year of SAMPLE_YEARS) {
    const report = await ws['workspace.import']({ year, files: [{ name: String(year), path: join(__dirname, '..', '..', '..', 'sample-data', 'returns', String(year)) }] });
    if (!report.ok) throw new Error(`sample ${year} did not import`);
  }
  return ws;
}

/** Every contiguous range of the years (what the table's from/to range can show). */
export function yearRanges(years: number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < years.length; i++) for (let j = i; j < years.length; j++) out.push(years.slice(i, j + 1));
  return out;
}

/** Every combination of a pack's option values (one empty combination for a pack with none). */
export function optionSets(id: string): Record<string, string>[] {
  let sets: Record<string, string>[] = [{}];
  for (const o of getPack(id).options ?? []) sets = sets.flatMap((s) => o.choices.map((c) => ({ ...s, [o.id]: c.value })));
  return sets;
}

// Numbers that belong to a definition, not to a cell: dates, ages, periods, review codes, thresholds.
const NOT_FIGURES = [
  /\b\d{1,2} March \d{4}\b/g,
  /\b\d{4}\/\d{2}\b/g,
  /\baged (?:under )?\d+(?: to \d+| or over| and over)?/gi,
  /\bunder \d+\b/gi,
  /\b\d+ (?:to \d+ )?(?:months?|years?)(?: or more)?\b/gi,
  /\bPN\d(?:-PN\d)?\b/g,
  /\bmore than \d+ times\b/g,
  // The Children Act's section 20 (accommodation by agreement), a name, not a count.
  /\bsection 20\b/g,
];

// A number on its own (not the 3 of OC3): digits with grouping commas and a decimal part.
const NUMBER = /(?<![A-Za-z\d.,])(\d[\d,]*(?:\.\d+)?)(%| points)?/g;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Figures {
  model: TableModel;
  /** Texts of count and average cells, of percentages, of changes (signed), by column role. */
  counts: Set<string>;
  percents: Set<string>;
  changeCounts: Set<string>;
  changePoints: Set<string>;
}

function figures(model: TableModel): Figures {
  const f: Figures = { model, counts: new Set(), percents: new Set(), changeCounts: new Set(), changePoints: new Set() };
  for (const row of model.rows) {
    row.cells.forEach((cell, i) => {
      if (cell.kind !== 'number') return;
      const text = displayText(cell);
      const role = model.columns[i]!.role;
      if (role === 'count') f.counts.add(text);
      else if (role === 'percent') f.percents.add(text);
      else if (role === 'change-count') f.changeCounts.add(text);
      else f.changePoints.add(text);
    });
  }
  return f;
}

function cellText(model: TableModel, row: ModelRow, role: string, year?: number): string | null {
  const i = model.columns.findIndex((c) => c.role === role && (year === undefined || c.year === year));
  return i === -1 ? null : displayText(row.cells[i]!);
}

/** The problems found in a pack's sentences against the table of `result` (empty: none). */
export function commentaryProblems(sentences: string[], result: PackResult, timing: 'snapshot' | 'flow' | 'month', chart: 'grouped-bar' | 'line' | 'stacked-100'): string[] {
  const model = buildTableModel({ result, commentary: [], timing, chart, section: '' });
  const f = figures(model);
  const years = [...result.years].sort((a, b) => a - b);
  const latest = years.at(-1);
  const previous = years.at(-2);
  const problems: string[] = [];
  const labels = model.rows.map((r) => r.label).filter((l) => /\d/.test(l));

  for (const sentence of sentences) {
    let text = sentence;
    for (const label of labels) text = text.replace(new RegExp(`\\b${escape(label)}\\b`, 'gi'), ' ');
    for (const re of NOT_FIGURES) text = text.replace(re, ' ');
    const bad = (why: string) => problems.push(`${why} — "${sentence}"`);

    // 1. Every number is a shown figure of the right kind.
    for (const m of text.matchAll(NUMBER)) {
      const [, n, suffix] = m as unknown as [string, string, string | undefined];
      const before = text.slice(0, m.index);
      const signed = [`+${n}`, `−${n}`, n];
      if (suffix === '%') {
        if (!f.percents.has(`${n}%`)) bad(`${n}% is not a percentage the table shows`);
      } else if (suffix === ' points') {
        if (!signed.some((t) => f.changePoints.has(t))) bad(`${n} points is not a change the table shows`);
      } else if (/\b(up|down) $/.test(before)) {
        if (!signed.some((t) => f.changeCounts.has(t) || f.changePoints.has(t))) bad(`a change of ${n} is not one the table shows`);
      } else if (!f.counts.has(n)) bad(`${n} is not a figure the table shows`);
    }

    // 2. "up"/"down" N from B: a row whose previous figure is B and whose change shows as +N / −N.
    for (const m of text.matchAll(/\b(up|down) ([\d.,]+)( points)? from ([\d.,]+%?)/g)) {
      const [, dir, n, points, from] = m as unknown as [string, string, string, string | undefined, string];
      const sign = dir === 'up' ? '+' : '−';
      const percent = !!points || from.endsWith('%');
      const ok = model.rows.some(
        (r) =>
          cellText(model, r, percent ? 'percent' : 'count', previous) === from &&
          cellText(model, r, percent ? 'change-points' : 'change-count') === `${sign}${n}`,
      );
      if (!ok) bad(`"${m[0]}" is not a change the table shows`);
    }

    // 3. "the same as": a figure of its clause (since the previous comparison) shows no change.
    const comparisons = [...text.matchAll(/\b(?:up|down) [\d.,]+(?: points)? from [\d.,]+%?|the same as/g)];
    comparisons.forEach((m, k) => {
      if (m[0] !== 'the same as') return;
      const from = k === 0 ? 0 : comparisons[k - 1]!.index! + comparisons[k - 1]![0].length;
      const figures = [...text.slice(from, m.index).matchAll(/(?<![A-Za-z\d.,])\d[\d,]*(?:\.\d+)?%?/g)].map((x) => x[0]);
      if (figures.length === 0) return bad('"the same as" with no figure before it');
      const ok = figures.some((figure) => {
        const percent = figure.endsWith('%');
        return model.rows.some(
          (r) =>
            cellText(model, r, percent ? 'percent' : 'count', latest) === figure &&
            ['0', '0.0'].includes(cellText(model, r, percent ? 'change-points' : 'change-count') ?? ''),
        );
      });
      if (!ok) bad(`"the same as" after ${figures.join(', ')}, but the table shows a change`);
    });

    // 4. "rose"/"fell" from A to B: a row going from A to B, with the change of that sign.
    for (const m of text.matchAll(/\b(rose|fell) from ([\d.,]+%) to ([\d.,]+%)/g)) {
      const [, dir, from, to] = m as unknown as [string, string, string, string];
      const ok = model.rows.some(
        (r) =>
          cellText(model, r, 'percent', previous) === from &&
          cellText(model, r, 'percent', latest) === to &&
          (cellText(model, r, 'change-points') ?? '').startsWith(dir === 'rose' ? '+' : '−'),
      );
      if (!ok) bad(`"${m[0]}" is not what the table shows`);
    }

    // 5. "largest"/"most common" (share): no category of the table shows more.
    for (const m of text.matchAll(/\b(?:largest|most common)\b[^(]*\((\d[\d.,]*)%/g)) {
      const share = Number(m[1]!.replace(/,/g, ''));
      const y = String(latest);
      const cells = categoryRows(result).map((r) => r.values[y]);
      const shown = cells.filter((c) => c && !c.suppressed && typeof c.percent === 'number').map((c) => c!.percent!);
      if (shown.some((p) => p > share)) bad(`a category shows more than ${share}%`);
      const hidden = cells.filter((c) => c?.suppressed);
      if (hidden.length > 0) {
        // What the categories are shares of (the total, or a base row): the count their percentages fit.
        const lead = cells.find((c) => c && !c.suppressed && c.percent === share);
        const bases = [result.total[y], ...result.rows.filter((r) => r.role === 'base').map((r) => r.values[y])];
        const base = bases.find((b) => b && !b.suppressed && typeof b.count === 'number' && b.count > 0 && Math.round((lead!.count! * 1000) / b.count) / 10 === share);
        const shownCount = cells.reduce((a, c) => a + (c && !c.suppressed ? (c.count ?? 0) : 0), 0);
        if (!base || lead!.count! <= base.count! - shownCount) bad('"largest" although a hidden category could be as large');
      }
    }
  }
  return problems;
}
