/**
 * Breakdowns: any pack split by a characteristic of its children. Hand-worked cross-tables on the
 * scenarios of seedTables.scenario.ts and scenario.ts, and the invariant that each block of parts
 * adds up to the figure it splits, for every pack and every breakdown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlEngine } from '../../../shared/engine.js';
import { ALL_KEY, BREAKDOWNS, splitPartKey } from '../../../shared/packs/breakdown.js';
import { PACKS } from '../../../shared/packs/index.js';
import type { PackResult } from '../../../shared/packs/result.js';
import { drillSql, getPack, listPacks, packCommentary, resolveOptions, runPack, runPacks } from '../../../shared/packs/run.js';
import { buildTableModel, tableLegend } from '../../../shared/export/model.js';
import { tableToHtml, tableToTsv } from '../../../shared/export/clipboard.js';
import { breakdownCommentary } from '../../../shared/packs/breakdownCommentary.js';
import { packResultToCsv } from '../../../shared/packs/csv.js';
import { TOTAL } from '../../../shared/packs/types.js';
import { cell, ep, insertEpisodes, insertHeaders, openWorkspace, pack } from './fixtures.js';
import { loadScenario } from './scenario.js';
import { loadSeedTablesScenario } from './seedTables.scenario.js';

let seed: SqlEngine;
let multi: SqlEngine;
beforeAll(async () => {
  seed = await openWorkspace();
  await loadSeedTablesScenario(seed);
  multi = await openWorkspace();
  await loadScenario(multi);
});
afterAll(async () => {
  await seed.close();
  await multi.close();
});

const by = (id: string) => ({ options: { by: id } });

async function drill(engine: SqlEngine, id: string, year: number, key: string, options: Record<string, string>): Promise<string[]> {
  const d = drillSql(id, year, key, options);
  return (await engine.all(d.sql, d.params)).map((r) => String(r.child)).sort();
}

describe('hand-worked breakdowns', () => {
  it('category of need by gender: the parts of each heading are shares of that heading (of the total, of a row), and the note says so', async () => {
    const r = await pack(seed, 'category-of-need', by('gender'));
    // CLA on 31 March 2024: A (female, N2), B (male, N4), D (female, N1), E (male, CIN blank).
    expect(cell(r, ALL_KEY, 2024)).toEqual({ count: 4 });
    expect(cell(r, `${ALL_KEY}|male`, 2024)).toEqual({ count: 2, percent: 50 });
    expect(cell(r, `${ALL_KEY}|female`, 2024)).toEqual({ count: 2, percent: 50 });
    // N2 is A alone: under the heading N2 (1 child, 25% of all), the girl is 100% of it and the boys 0%.
    expect(cell(r, 'N2', 2024)).toEqual({ count: 1, percent: 25 });
    expect(cell(r, 'N2|female', 2024)).toEqual({ count: 1, percent: 100 });
    expect(cell(r, 'N2|male', 2024)).toEqual({ count: 0, percent: 0 });
    // Blank CIN is E alone (a boy): 100% of the heading, not 50% of the boys.
    expect(cell(r, 'blank|male', 2024)).toEqual({ count: 1, percent: 100 });
    expect(r.breakdown?.percentNote).toBe(`Under each heading, a part's % is its share of that heading: "Male" under "${r.rows.find((x) => x.key === 'N1')!.label}" is Male as a % of ${r.rows.find((x) => x.key === 'N1')!.label}, so a heading's parts add up to 100%.`);
    expect(r.rows.some((x) => x.key.endsWith('|unknown'))).toBe(false); // optional, never seen
    expect(await drill(seed, 'category-of-need', 2024, 'N2|female', { by: 'gender' })).toEqual(['A']);
    expect(await drill(seed, 'category-of-need', 2024, `${ALL_KEY}|male`, { by: 'gender' })).toEqual(['B', 'E']);
    expect(r.notes.some((n) => n.startsWith('Broken down by gender'))).toBe(true);
  });

  it("what a part's percentage is of is said beside the table in every export, and by the commentary", async () => {
    const { result, commentary } = await runPack(seed, 'category-of-need', { options: { by: 'gender' } });
    const note = result.breakdown!.percentNote!;
    const table = { result, commentary, timing: 'snapshot' as const, chart: 'grouped-bar' as const, section: '' };
    const model = buildTableModel(table);
    expect(model.percentNote).toBe(note);
    // Word and Excel print tableLegend under the table; the clipboard carries it in HTML and TSV.
    expect(tableLegend(model, {})).toContain(note);
    expect(tableToHtml(table)).toContain(note.replace(/"/g, '&quot;'));
    expect(tableToTsv(table)).toContain(note);
    // The commentary's share of the largest part says what it is of (the same table with 12 boys of 20).
    const grown = structuredClone(result);
    grown.total['2024'] = { count: 20 };
    for (const r of grown.rows) {
      if (r.key === ALL_KEY) r.values['2024'] = { count: 20 };
      if (r.key === `${ALL_KEY}|male`) r.values['2024'] = { count: 12, percent: 60 };
      if (r.key === `${ALL_KEY}|female`) r.values['2024'] = { count: 8, percent: 40 };
    }
    expect(breakdownCommentary(getPack('category-of-need'), grown)[0]).toBe('On 31 March 2024, "Male" was the largest gender category of the 20 children (60.0% of them).');
  });

  it("the screen writes the same commentary as the run, the breakdown's sentences included (it left them out)", async () => {
    let said = 0;
    for (const id of ['cla', 'age', 'starters', 'legal-status', 'review-timeliness']) {
      for (const suppress of [null, 5]) {
        const { result, commentary } = await runPack(multi, id, { options: { by: 'gender' }, suppress });
        expect(packCommentary(id, result, { by: 'gender' }), `${id} ${suppress}`).toEqual(commentary);
        said += commentary.filter((c) => / gender category of | change by gender /.test(c)).length;
      }
    }
    expect(said).toBeGreaterThan(0);
  });

  it('short breaks by age band: the only pack counting short-break children splits them too, sums included', async () => {
    const r = await pack(seed, 'short-breaks', by('age-band'));
    // C is 12 on 31 March 2024 (10 to 15), D is 2 (1 to 4).
    expect(cell(r, 'short-breaks-only|10-15', 2024)).toEqual({ count: 1, percent: 100 });
    expect(cell(r, 'also-looked-after|1-4', 2024)).toEqual({ count: 1, percent: 100 });
    expect(cell(r, 'at-31-march|10-15', 2024)).toEqual({ count: 1, percent: 100 });
    // Short-break episodes (a sum): C 2, D 1.
    expect(cell(r, 'episodes|10-15', 2024)).toEqual({ count: 2 });
    expect(cell(r, 'episodes|1-4', 2024)).toEqual({ count: 1 });
  });

  it('placements started by legal status: placements counted, each by its child', async () => {
    const r = await pack(seed, 'placements-started', by('legal-status'));
    // Latest legal status: A C2 and E C2 (care orders), B V2 (voluntary), D E1 (placement order).
    // Placements: A 2, E 1 -> care orders 3 (moves: A's and E's); B 2; D 1.
    expect(cell(r, `${ALL_KEY}|care-orders`, 2024)).toEqual({ count: 3, percent: 50 });
    expect(cell(r, `${ALL_KEY}|voluntary`, 2024)).toEqual({ count: 2, percent: 33.3 });
    expect(cell(r, `${ALL_KEY}|placement-order`, 2024)).toEqual({ count: 1, percent: 16.7 });
    // Both moves (A's and E's) are of children on care orders: 100% of the heading "moves".
    expect(cell(r, 'moves|care-orders', 2024)).toEqual({ count: 2, percent: 100 });
    // A reason is a rate (a % of the moves): within the category, CREQB is 1 of the 2 moves of children on care orders.
    expect(cell(r, 'reason:CREQB|care-orders', 2024)).toEqual({ count: 1, percent: 50 });
    // First placements: A, B twice, D = 4; B's 2 are 50% of them.
    expect(cell(r, 'first-placement|voluntary', 2024)).toEqual({ count: 2, percent: 50 });
    const moves = r.rows.find((x) => x.key === 'moves')!.label;
    const note = r.breakdown!.percentNote!;
    expect(note).toContain(`Under each heading, a part's % is its share of that heading: "Care orders" under "${r.rows.find((x) => x.key === 'first-placement')!.label}"`);
    expect(note).toContain(`(a % of "${moves}"), a part's % is of the same category under "${moves}": "Care orders" under "${r.rows.find((x) => x.key.startsWith('reason:'))!.label}" is a % of "Care orders" under "${moves}".`);
  });

  it('review timeliness by single year of age (a birthday on 31 March counts)', async () => {
    const r = await pack(seed, 'review-timeliness', by('age'));
    // Ages on 31 March 2024: A 14 (born 31/03/2010), B 9, D 2, E 15. Reviews: A on time and late; B on
    // time; D late; E not known.
    // On time: A and B (2); late: A and D (2). Each age is its share of the heading.
    expect(cell(r, 'on-time|14', 2024)).toEqual({ count: 1, percent: 50 });
    expect(cell(r, 'late|14', 2024)).toEqual({ count: 1, percent: 50 });
    expect(cell(r, 'on-time|9', 2024)).toEqual({ count: 1, percent: 50 });
    expect(cell(r, 'late|2', 2024)).toEqual({ count: 1, percent: 50 });
    expect(cell(r, 'not-known|15', 2024).count).toBe(1);
    expect(cell(r, `${ALL_KEY}|14`, 2024)).toEqual({ count: 2, percent: 40 });
  });

  it('social workers by disability (N2)', async () => {
    const r = await pack(seed, 'social-workers', by('disability'));
    // One child under each heading (A 3 workers, disabled; B 1, E 2, D none): each is all of its heading.
    expect(cell(r, 'three-or-more|disabled', 2024)).toEqual({ count: 1, percent: 100 });
    expect(cell(r, 'one|not-disabled', 2024)).toEqual({ count: 1, percent: 100 });
    expect(cell(r, 'two|not-disabled', 2024)).toEqual({ count: 1, percent: 100 });
    expect(cell(r, 'none-recorded|not-disabled', 2024)).toEqual({ count: 1, percent: 100 });
    expect(cell(r, `${ALL_KEY}|not-disabled`, 2024)).toEqual({ count: 3, percent: 75 });
  });

  it('occasions of starting by gender', async () => {
    const r = await pack(seed, 'starting-occasions', by('gender'));
    // Starters A (F), B (M, started twice), D (F).
    expect(cell(r, `${ALL_KEY}|female`, 2024)).toEqual({ count: 2, percent: 66.7 });
    expect(cell(r, 'occasions|male', 2024)).toEqual({ count: 2 });
    expect(cell(r, 'occasions|female', 2024)).toEqual({ count: 2 });
    expect(cell(r, 'more-than-once|male', 2024)).toEqual({ count: 1, percent: 100 });
  });

  it('gender by UASC at any time in the year (a status ceasing on 31 March still counts in that year)', async () => {
    const r = await pack(multi, 'gender', by('uasc'));
    // 2023 CLA: P (M; UASC, ceased 31/03/2023), Q (M), Q2 (F; UASC, not ceased), SB (M), TM (M; header flag).
    expect(cell(r, `${ALL_KEY}|uasc`, 2023)).toEqual({ count: 3, percent: 60 });
    // Boys: P, Q, SB, TM (4), of whom P and TM are UASC (50%); the one girl, Q2, is (100%).
    expect(cell(r, 'male|uasc', 2023)).toEqual({ count: 2, percent: 50 });
    expect(cell(r, 'female|uasc', 2023)).toEqual({ count: 1, percent: 100 });
    expect(cell(r, 'male|not-uasc', 2023)).toEqual({ count: 2, percent: 50 });
  });

  it('a child with no header row is counted as not known, never dropped', async () => {
    const r = await pack(multi, 'care-leavers', by('gender'));
    // The care leavers of 2023 (OLD1-OLD4) have no header row in any return.
    expect(cell(r, `${ALL_KEY}|unknown`, 2023)).toEqual({ count: 4, percent: 100 });
  });
});

describe("a breakdown by age takes the child's age on the date the pack counts them", () => {
  // Return 2024 (1 April 2023 to 31 March 2024), hand-worked:
  // K5 born 10/01/2019 starts 09/01/2024, the day before turning 5: 4 on starting, 5 on 31 March.
  // L29 born 29/02/2012 starts 28/02/2024: not yet 12 (the leap-day birthday is the 29th), 12 on 31 March.
  // M31 born 31/03/2023 starts 01/04/2023: under 1 on starting, 1 on 31 March (the birthday counts that day).
  // N18 born 01/03/2006, looked after since 2020, ceases (E13) on 29/02/2024 aged 17, 18 by 31 March.
  let ages: SqlEngine;
  beforeAll(async () => {
    ages = await openWorkspace();
    await insertHeaders(ages, 2024, [
      { child: 'K5', sex: '1', dob: '2019-01-10' },
      { child: 'L29', sex: '2', dob: '2012-02-29' },
      { child: 'M31', sex: '1', dob: '2023-03-31' },
      { child: 'N18', sex: '2', dob: '2006-03-01' },
    ]);
    await insertEpisodes(ages, 2024, [
      ep('K5', '2024-01-09', null, 'S', 'C2', 'U1'),
      ep('L29', '2024-02-28', null, 'S', 'V2', 'U1'),
      ep('M31', '2023-04-01', null, 'S', 'C2', 'U1'),
      ep('N18', '2020-01-01', '2024-02-29', 'S', 'C2', 'U1', 'E13'),
    ]);
  });
  afterAll(async () => {
    await ages.close();
  });

  it('starters by single year of age: the age on starting, under the age heading it agrees with', async () => {
    const r = await pack(ages, 'starters', by('age'));
    expect(cell(r, `${ALL_KEY}|4`, 2024).count).toBe(1); // K5, not 5
    expect(cell(r, `${ALL_KEY}|5`, 2024).count).toBe(0);
    expect(cell(r, `${ALL_KEY}|11`, 2024).count).toBe(1); // L29, not 12
    expect(cell(r, `${ALL_KEY}|0`, 2024).count).toBe(1); // M31, not 1
    expect(cell(r, '1-4|4', 2024)).toEqual({ count: 1, percent: 100 });
    expect(cell(r, '1-4|5', 2024)).toEqual({ count: 0, percent: 0 });
    expect(cell(r, '10-15|11', 2024)).toEqual({ count: 1, percent: 100 });
    expect(cell(r, 'under-1|0', 2024)).toEqual({ count: 1, percent: 100 });
    expect(cell(r, 'under-1|1', 2024)).toEqual({ count: 0, percent: 0 });
    expect(await drill(ages, 'starters', 2024, '1-4|4', { by: 'age' })).toEqual(['K5']);
    expect(await drill(ages, 'starters', 2024, `${ALL_KEY}|0`, { by: 'age' })).toEqual(['M31']);
    expect(r.notes).toContain('Broken down by single year of age: age in whole years, taken on the day the child started to be looked after. Each block adds up to the figure it splits.');
    // The same children in the other packs of starters.
    const cin = await pack(ages, 'starters-category-of-need', by('age-band'));
    expect(cell(cin, `${ALL_KEY}|under-1`, 2024).count).toBe(1);
    expect(cell(cin, `${ALL_KEY}|5-9`, 2024).count).toBe(0);
  });

  it('children looked after by age: started and ceased at their date, on 31 March and during the year on 31 March', async () => {
    const band = await pack(ages, 'cla', by('age-band'));
    // Started under 1: M31 (as the starters pack counts); on 31 March M31 is 1.
    expect(cell(band, 'started|under-1', 2024).count).toBe(1);
    expect(cell(band, 'at-31-march|under-1', 2024).count).toBe(0);
    expect(cell(band, 'at-31-march|1-4', 2024).count).toBe(1);
    // K5: 1 to 4 on starting, 5 to 9 on 31 March.
    expect(cell(band, 'started|1-4', 2024).count).toBe(1);
    expect(cell(band, 'at-31-march|5-9', 2024).count).toBe(1);
    const single = await pack(ages, 'cla', by('age'));
    expect(cell(single, 'ceased|17', 2024).count).toBe(1); // N18
    expect(cell(single, 'ceased|18-over', 2024).count).toBe(0);
    expect(cell(single, 'during-year|18-over', 2024).count).toBe(1);
    expect(await drill(ages, 'cla', 2024, 'ceased|17', { by: 'age' })).toEqual(['N18']);
    expect(await drill(ages, 'cla', 2024, 'during-year|18-over', { by: 'age' })).toEqual(['N18']);
    expect(single.notes.at(-1)).toBe(
      'Broken down by single year of age: age in whole years, taken on the day the child started to be looked after under "Started to be looked after during the year", ' +
        'on the day the child ceased to be looked after under "Ceased to be looked after during the year", and on 31 March of the year otherwise. Each block adds up to the figure it splits.',
    );
    const ceased = await pack(ages, 'reasons-ceased', by('age'));
    expect(cell(ceased, `${ALL_KEY}|17`, 2024).count).toBe(1);
  });

  it('every block still adds up to the pack, and the pack keeps its figures', async () => {
    const ids = PACKS.map((p) => p.id);
    const plainRuns = await runPacks(ages, ids);
    let checked = 0;
    for (const b of ['age', 'age-band']) {
      const runs = await runPacks(ages, ids, { optionsByPack: Object.fromEntries(ids.map((id) => [id, { by: b }])) });
      for (const id of ids) {
        for (const row of plainRuns[id]!.result.rows) expect(runs[id]!.result.rows.find((x) => x.key === row.key)?.values, `${id} by ${b}: ${row.key}`).toEqual(row.values);
        checked += expectBlocksAddUp(runs[id]!.result, `${id} by ${b}`);
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

/** Every block of parts adds up to its heading (counts and sums), in every year. */
function expectBlocksAddUp(r: PackResult, label: string): number {
  let checked = 0;
  const heads = new Map(r.rows.filter((x) => splitPartKey(x.key) === null).map((x) => [x.key, x]));
  for (const y of r.years.map(String)) {
    const sums = new Map<string, number>();
    for (const row of r.rows) {
      const part = splitPartKey(row.key);
      if (!part) continue;
      const head = part.row === TOTAL ? ALL_KEY : part.row;
      sums.set(head, (sums.get(head) ?? 0) + (row.values[y]?.count ?? 0));
    }
    for (const [head, sum] of sums) {
      const cellOfHead = heads.get(head)!.values[y]!;
      if (cellOfHead.value !== undefined) continue; // a mean: its parts are means too
      if (cellOfHead.notCollected) {
        // A year the return does not collect: its parts are not collected either (x, not 0).
        for (const row of r.rows) if (splitPartKey(row.key) && (splitPartKey(row.key)!.row === TOTAL ? ALL_KEY : splitPartKey(row.key)!.row) === head) expect(row.values[y], `${label} ${row.key} ${y}`).toEqual({ count: null, notCollected: true });
        checked++;
        continue;
      }
      expect(sum, `${label} ${head} ${y}`).toBe(cellOfHead.count);
      checked++;
    }
    if (r.total[y]) expect(heads.get(ALL_KEY)?.values[y], `${label} all = total ${y}`).toEqual(r.total[y]);
  }
  return checked;
}

describe('invariant: a breakdown adds up to the pack', () => {
  for (const [name, engine] of [['seed tables', () => seed], ['multi-year scenario', () => multi]] as const) {
    it(`on the ${name}, for every pack and every breakdown`, async () => {
      let checked = 0;
      const ids = PACKS.map((p) => p.id);
      const plainRuns = await runPacks(engine(), ids);
      for (const b of BREAKDOWNS) {
        const runs = await runPacks(engine(), ids, { optionsByPack: Object.fromEntries(ids.map((id) => [id, { by: b.id }])) });
        for (const id of ids) {
          const plain = plainRuns[id]!.result;
          const split = runs[id]!.result;
          // The pack's own rows keep their figures.
          for (const row of plain.rows) expect(split.rows.find((x) => x.key === row.key)?.values, `${id} by ${b.id}: ${row.key}`).toEqual(row.values);
          checked += expectBlocksAddUp(split, `${id} by ${b.id}`);
        }
      }
      expect(checked).toBeGreaterThan(1000);
    });
  }
});

describe('suppression of a cross-table', () => {
  it('protects a cross-table of hundreds of rows too, hiding in its headings exactly what the plain pack hides', async () => {
    const plain = (await runPacks(multi, ['ethnicity'], { suppress: 5 })).ethnicity!.result;
    const split = (await runPacks(multi, ['ethnicity'], { suppress: 5, optionsByPack: { ethnicity: { by: 'age' } } })).ethnicity!.result;
    expect(split.rows.length).toBeGreaterThan(120);
    expect(split.suppression!.primary).toBeGreaterThan(0);
    for (const row of plain.rows) expect(split.rows.find((x) => x.key === row.key)!.values, row.key).toEqual(row.values);
    expect(split.total).toEqual(plain.total);
  });

  it('never leaves one suppressed part in a block whose heading is shown, and the All row is the total', async () => {
    let blocks = 0;
    // Packs of every shape: groups with subtotals, nested and base rows, sums, placements, reviews.
    const ids = ['age', 'gender', 'legal-status', 'placement-type', 'placement-stability', 'review-participation', 'placements-started', 'starting-occasions', 'missing'];
    for (const b of ['gender', 'age-band']) {
      const runs = await runPacks(multi, ids, { suppress: 2, optionsByPack: Object.fromEntries(ids.map((id) => [id, { by: b }])) });
      for (const id of ids) {
        const r = runs[id]!.result;
        for (const y of r.years.map(String)) {
          if (r.total[y]) expect(r.rows.find((x) => x.key === ALL_KEY)!.values[y]).toEqual(r.total[y]);
          const byHead = new Map<string, { hidden: number; visibleNonZero: number }>();
          for (const row of r.rows) {
            const part = splitPartKey(row.key);
            if (!part) continue;
            const c = row.values[y]!;
            const s = byHead.get(part.row) ?? { hidden: 0, visibleNonZero: 0 };
            if (c.suppressed) s.hidden++;
            else if ((c.count ?? 0) > 0) s.visibleNonZero++;
            byHead.set(part.row, s);
          }
          for (const [head, s] of byHead) {
            const headCell = head === TOTAL ? r.total[y] : r.rows.find((x) => x.key === head)!.values[y];
            if (headCell?.value !== undefined || headCell?.suppressed || s.hidden === 0) continue;
            // A lone hidden part under a shown heading could be worked out by subtraction.
            expect(s.hidden, `${id} by ${b} ${head} ${y}`).toBeGreaterThanOrEqual(2);
            blocks++;
          }
        }
      }
    }
    expect(blocks).toBeGreaterThan(10);
  });

  it('hides an average wherever the group it is over is hidden, and no output carries the hidden counts (adoption by gender)', async () => {
    // Six children adopted in 2023/24, all dates in the returns: five boys and one girl. The girl is
    // 1 (c at N = 2), so the boys' 5 is hidden too (6 - 5 would give her away). Before, the boys'
    // averages showed their number (5) in the JSON and CSV: 6 - 5 = 1 gave her back.
    const w = await openWorkspace();
    try {
      const kids = ['A', 'B', 'C', 'D', 'E', 'F'];
      await insertHeaders(w, 2024, kids.map((child, i) => ({ child, sex: i === 5 ? '2' : '1', dob: '2019-05-01' })));
      await insertEpisodes(
        w,
        2024,
        kids.flatMap((child, i) => [
          ep(child, '2023-04-03', `2023-06-${10 + i}`, 'S', 'C2', 'U1', 'X1'),
          ep(child, `2023-06-${10 + i}`, `2024-0${1 + (i % 3)}-1${i}`, 'P', 'E1', 'A5', 'E11'),
        ]),
      );
      const { result, commentary } = await runPack(w, 'adoption', { suppress: 2, options: { by: 'gender' } });
      const hiddenCounts = [5, 1];
      expect(cell(result, 'adopted|male', 2024)).toEqual({ count: null, suppressed: true });
      expect(cell(result, 'adopted|female', 2024)).toEqual({ count: null, suppressed: true });
      for (const stage of ['entry-to-placed', 'placed-to-adopted', 'entry-to-adopted']) {
        expect(cell(result, stage, 2024)).toMatchObject({ count: 6, value: expect.any(Number) });
        expect(cell(result, `${stage}|male`, 2024), stage).toEqual({ count: null, value: null, suppressed: true });
        expect(cell(result, `${stage}|female`, 2024), stage).toEqual({ count: null, value: null, suppressed: true });
      }
      // No count field of the result (CLI JSON), nor any figure of the CSV or of the table every
      // export and the clipboard are made from, is a hidden count.
      const counts: number[] = [];
      JSON.stringify(result, (k, v: unknown) => (k === 'count' && typeof v === 'number' && counts.push(v), v));
      expect(counts.filter((v) => hiddenCounts.includes(v))).toEqual([]);
      const csvFigures = packResultToCsv(result).split(/\r\n/).flatMap((line) => line.split(',').slice(3)).map(Number);
      expect(csvFigures.filter((v) => hiddenCounts.includes(v))).toEqual([]);
      const model = buildTableModel({ result, commentary, timing: 'flow', chart: 'grouped-bar', section: '' });
      const shown = model.rows.flatMap((r) => r.cells.flatMap((c) => (c.kind === 'number' && c.format === 'count' ? [c.value] : [])));
      expect(shown.filter((v) => hiddenCounts.includes(v))).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('commentary speaks only of shown figures', async () => {
    const { commentary, result } = (await runPacks(multi, ['gender'], { suppress: 5, optionsByPack: { gender: { by: 'uasc' } } })).gender!;
    // 2024 (6 children): every part is 0 or 1-5, so nothing about the parts is said.
    expect(result.rows.find((x) => x.key === `${ALL_KEY}|uasc`)!.values['2024']!.suppressed).toBe(true);
    expect(commentary.join(' ')).not.toMatch(/UASC|asylum/i);
  });
});

describe('the by option', () => {
  it("is not offered where it is the pack's own rows: each heading would be one category, the pack again", async () => {
    const declared = PACKS.filter((p) => p.ownBreakdowns?.length);
    expect(declared.map((p) => p.id)).toEqual(expect.arrayContaining(['category-of-need', 'gender', 'age']));
    expect(listPacks().find((p) => p.id === 'category-of-need')?.ownBreakdowns).toEqual(['category-of-need', 'disability']);
    for (const engine of [seed, multi]) {
      for (const p of declared) {
        for (const id of p.ownBreakdowns!) {
          const r = await pack(engine, p.id, by(id));
          // (A subtotal, "All boys" of age and gender, or a row adding codes up, "ethnicity recorded",
          // splits into the pack's own rows under it.)
          const leaves = new Set(p.rows.filter((x) => !x.subtotal && x.additive !== false).map((x) => x.key));
          for (const head of r.rows.filter((x) => leaves.has(x.key))) {
            for (const y of r.years.map(String)) {
              const nonZero = r.rows.filter((x) => splitPartKey(x.key)?.row === head.key && (x.values[y]?.count ?? 0) > 0);
              expect(nonZero.length, `${p.id} by ${id}: ${head.key} ${y}`).toBeLessThanOrEqual(1);
            }
          }
        }
      }
    }
  });

  it('keeps the case of a code in its label: "disability (N2)", "UASC"', async () => {
    const { commentary, result } = await runPack(seed, 'social-workers', by('disability'));
    expect(result.title).toMatch(/, by disability \(N2\)$/);
    expect(commentary.join(' ')).toContain('was the largest disability (N2) category');
    expect((await pack(multi, 'gender', by('uasc'))).title).toMatch(/, by UASC$/);
  });

  it('is taken by every pack and refused when unknown', () => {
    expect(resolveOptions(getPack('age'), { by: 'gender' })).toEqual({ by: 'gender' });
    expect(resolveOptions(getPack('age'), { by: 'none' })).toEqual({});
    expect(() => resolveOptions(getPack('age'), { by: 'postcode' })).toThrow(/broken down by one of: none, gender/);
  });
});
