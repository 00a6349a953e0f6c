/**
 * The packs for the tables the seed reports print beyond DfE's, on the hand-built workspace of
 * seedTables.scenario.ts. Every expected number is worked out in the comments from its rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlEngine } from '../../../shared/engine.js';
import { drillSql, runPack, yearOnYear } from '../../../shared/packs/run.js';
import { buildTableModel, displayText, NOT_COLLECTED_LEGEND, tableLegend } from '../../../shared/export/model.js';
import { cell, counts, openWorkspace, pack } from './fixtures.js';
import { loadSeedTablesScenario } from './seedTables.scenario.js';

let engine: SqlEngine;
beforeAll(async () => {
  engine = await openWorkspace();
  await loadSeedTablesScenario(engine);
});
afterAll(async () => engine.close());

async function drillChildren(id: string, year: number, key?: string, options?: Record<string, string>): Promise<string[]> {
  const d = drillSql(id, year, key, options);
  return (await engine.all(d.sql, d.params)).map((r) => String(r.child)).sort();
}

describe('category of need', () => {
  it('children looked after on 31 March by the CIN of the open episode; a blank CIN is a row of its own', async () => {
    const r = await pack(engine, 'category-of-need');
    // 2024 CLA: A (N2), B (N4, its second start), D (N1), E (blank). C has short breaks only.
    expect(counts(r, 2024)).toMatchObject({ N1: 1, N2: 1, N3: 0, N4: 1, N5: 0, blank: 1 });
    expect(cell(r, null, 2024)).toEqual({ count: 4 });
    expect(cell(r, 'N2', 2024)).toEqual({ count: 1, percent: 25 });
    // 2023: E only (C's short break ended on 31 March and is a short break anyway).
    expect(cell(r, null, 2023)).toEqual({ count: 1 });
    expect(cell(r, 'blank', 2023)).toEqual({ count: 1, percent: 100 });
  });

  it('starters by the CIN of the episode they first started with in the year', async () => {
    const r = await pack(engine, 'starters-category-of-need');
    // A N2 (01/05/2023); B's first start N3 (not its second, N4); D N1 (its 1 April short break is no start).
    expect(counts(r, 2024)).toMatchObject({ N1: 1, N2: 1, N3: 1, N4: 0 });
    expect(cell(r, null, 2024)).toEqual({ count: 3 });
    expect(cell(r, null, 2023)).toEqual({ count: 0 });
    expect(await drillChildren('starters-category-of-need', 2024, 'N3')).toEqual(['B']);
  });
});

describe('legal status of starters', () => {
  it('starters by the LS of the episode they first started with in the year, grouped as DfE groups them', async () => {
    const r = await pack(engine, 'starters-legal-status');
    // A C2 (01/05/2023); B V2 (its first start, 01/06/2023); D C1 (01/10/2023: its V3 on 1 April is a short break, no start).
    expect(counts(r, 2024)).toMatchObject({ C1: 1, C2: 1, E1: 0, V2: 1, L1: 0, J1: 0, 'care-orders': 2 });
    expect(cell(r, null, 2024)).toEqual({ count: 3 });
    expect(cell(r, 'V2', 2024)).toEqual({ count: 1, percent: 33.3 });
    expect(cell(r, null, 2023)).toEqual({ count: 0 });
    expect(await drillChildren('starters-legal-status', 2024, 'care-orders')).toEqual(['A', 'D']);
  });
});

describe('occasions of starting', () => {
  it('counts every start in the year once, however often it is recorded, against the children who started', async () => {
    const r = await pack(engine, 'starting-occasions');
    // Children A, B, D; occasions A 1, B 2 (its second start recorded twice counts once), D 1.
    expect(cell(r, null, 2024)).toEqual({ count: 3 });
    expect(cell(r, 'occasions', 2024)).toEqual({ count: 4 });
    expect(cell(r, 'more-than-once', 2024)).toEqual({ count: 1, percent: 33.3 });
    expect(await drillChildren('starting-occasions', 2024, 'more-than-once')).toEqual(['B']);
  });
});

describe('placements started and moves', () => {
  it('counts placements, leaving out temporary placements, the return from them, and adoption by the same carers', async () => {
    const r = await pack(engine, 'placements-started');
    // First placements: A 01/05, B 01/06 and 01/09 (two periods), D 01/10. Moves: A to K2 on 01/08
    // (previous ended CREQB), E to K2 on 31/03/2024 (CHILD). Not: A's T3 and the return from it, D's A5 (T).
    expect(cell(r, null, 2024)).toEqual({ count: 6 });
    expect(cell(r, 'first-placement', 2024)).toEqual({ count: 4, percent: 66.7 });
    expect(cell(r, 'moves', 2024)).toEqual({ count: 2, percent: 33.3 });
    // Reasons are shares of the moves.
    expect(cell(r, 'reason:CREQB', 2024)).toEqual({ count: 1, percent: 50 });
    expect(cell(r, 'reason:CHILD', 2024)).toEqual({ count: 1, percent: 50 });
    expect(r.rows.some((x) => x.key === 'reason:ALLEG')).toBe(false);
    expect(cell(r, null, 2023)).toEqual({ count: 0 });
    const d = drillSql('placements-started', 2024, 'moves');
    const rows = await engine.all(d.sql, d.params);
    expect(rows.map((x) => [x.child, String(x.placement_start)])).toEqual([
      ['A', '2023-08-01'],
      ['E', '2024-03-31'],
    ]);
  });
});

describe('social workers', () => {
  it('counts distinct social workers of episodes open in the year, for children looked after on 31 March', async () => {
    const r = await pack(engine, 'social-workers');
    // A: SW1, SW2, SW3 and SW1 again = 3. B: SW4 ended 31/03/2023 (before the year) so 1. E: SW6 ended
    // on 1 April 2023 (in the year) and SW7 = 2. D: none recorded.
    expect(counts(r, 2024)).toEqual({ one: 1, two: 1, 'three-or-more': 1, 'none-recorded': 1 });
    expect(cell(r, 'three-or-more', 2024)).toEqual({ count: 1, percent: 25 });
    expect(await drillChildren('social-workers', 2024, 'none-recorded')).toEqual(['D']);
  });

  it('shows a year whose return has no social worker episodes file as not collected (x), with no change from it', async () => {
    for (const options of [{}, { by: 'gender' }] as Record<string, string>[]) {
      for (const suppress of [null, 5]) {
        const { result: r, commentary } = await runPack(engine, 'social-workers', { options, suppress, includeIncompleteHistory: true });
        // 2023 has no social worker episodes file: not collected, never 0 (the change would read +4).
        expect(cell(r, null, 2023)).toEqual({ count: null, notCollected: true });
        for (const row of r.rows) expect(row.values['2023'], `${row.key} ${JSON.stringify(options)} ${suppress}`).toEqual({ count: null, notCollected: true });
        expect(yearOnYear(r, null, 2024).change).toBeNull();
        expect(commentary.join(' ')).not.toMatch(/\b(up|down|rose|fell|the same as)\b/);
        // Excel, Word and the clipboard show x with its legend, and no change.
        const model = buildTableModel({ result: r, commentary, timing: 'snapshot', chart: 'stacked-100', section: '' });
        const at = (role: string, year: number) => model.columns.findIndex((c) => c.role === role && c.year === year);
        const total = model.rows.find((x) => x.isTotal)!;
        expect(displayText(total.cells[at('count', 2023)]!)).toBe('x');
        // No earlier year collected it: no change column at all (never one "since" a year of x), and a line says why.
        expect(model.columns.filter((c) => c.role.startsWith('change'))).toEqual([]);
        const legend = tableLegend(model, { suppression: suppress });
        expect(legend).toContain(NOT_COLLECTED_LEGEND);
        // At 5, 2024 (4 children) is itself withheld whole.
        expect(legend).toContain(
          suppress
            ? 'No change is shown, as 31 March 2024 has no figures: withheld (c), too few to publish.'
            : "No change is shown, as no earlier year's return collected this (x): only 31 March 2024's did.",
        );
      }
    }
  });
});

describe('children missing more than N times', () => {
  it('counts incidents as the missing pack does (an incident open on 1 April counts), rows nested', async () => {
    const r = await pack(engine, 'missing-repeat');
    // A: 5 missing incidents (one open on 1 April 2023, four in the year); B: 1 missing (and 2 away);
    // E's only incident ended before the year. Children looked after in the year: A, B, D, E.
    expect(counts(r, 2024)).toEqual({ 'went-missing': 2, 'more-than-1': 1, 'more-than-2': 1, 'more-than-3': 1, 'more-than-5': 0, 'more-than-10': 0 });
    expect(cell(r, 'more-than-3', 2024)).toEqual({ count: 1, percent: 25 });
  });

  it('with away incidents counted too', async () => {
    const r = await pack(engine, 'missing-repeat', { options: { incidents: 'missing-or-away' } });
    // B: 3 incidents now.
    expect(counts(r, 2024)).toEqual({ 'went-missing': 2, 'more-than-1': 2, 'more-than-2': 2, 'more-than-3': 1, 'more-than-5': 0, 'more-than-10': 0 });
  });
});

describe('reviews per month', () => {
  it('counts reviews by calendar month, April to March, leaving out short-break-only children', async () => {
    const r = await pack(engine, 'reviews-per-month');
    expect(r.rows.map((x) => x.label)).toEqual([
      'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'January', 'February', 'March',
    ]);
    // May: A; June: E; September: A and B; March: D on 31 March. C's review is left out.
    expect(counts(r, 2024)).toEqual({ '04': 0, '05': 1, '06': 1, '07': 0, '08': 0, '09': 2, '10': 0, '11': 0, '12': 0, '01': 0, '02': 0, '03': 1 });
    expect(cell(r, null, 2024)).toEqual({ count: 5 });
    expect(cell(r, '01', 2023)).toEqual({ count: 1, percent: 100 });
  });
});

describe('review timeliness and participation by child', () => {
  it('by review (the default): each review on time, late or not known', async () => {
    const r = await pack(engine, 'review-timeliness');
    // A: 20/05 on time (due 31/05/2023: 20 working days from 01/05 skipping the 1, 8 and 29 May bank
    // holidays), 01/09 late (due 20/08). B: 20/09 on time (due 29/09). D: 31/03/2024 late (due 27/10).
    // E: its period began before the reviews loaded, and 01/06 is neither surely on time nor surely late.
    expect(counts(r, 2024)).toEqual({ 'on-time': 2, late: 2, 'not-known': 1 });
    expect(r.notes).toContain('Counted: reviews.');
  });

  it('by child: on time only when every review in the year was; late when any was', async () => {
    // E's child-level status is not known for want of earlier reviews: 2024 is marked, so the
    // commentary speaks of it only when asked to.
    const { result: r, commentary } = await runPack(engine, 'review-timeliness', { options: { count: 'children' }, includeIncompleteHistory: true });
    expect(counts(r, 2024)).toEqual({ 'on-time': 1, late: 2, 'not-known': 1 });
    expect(cell(r, null, 2024)).toEqual({ count: 4 });
    expect(r.notes.some((n) => n.startsWith('Counted: children with a review in the year'))).toBe(true);
    expect(commentary[0]).toBe('In 2023/24, 1 of the 4 children with a review had every review on time.');
    expect(await drillChildren('review-timeliness', 2024, 'late', { count: 'children' })).toEqual(['A', 'D']);
    expect(cell(r, 'not-known', 2024).history).toMatchObject({ affected: 1 });
  });

  it('participation by review and by child (the latest review of the year)', async () => {
    const byReview = await pack(engine, 'review-participation');
    // Reviews: A PN1 and PN7, B PN5, D PN0, E PN4.
    expect(counts(byReview, 2024)).toMatchObject({ PN0: 1, PN1: 1, PN4: 1, PN5: 1, PN7: 1, eligible: 4, participated: 3 });
    const byChild = await pack(engine, 'review-participation', { options: { count: 'children' } });
    // Latest review: A PN7, B PN5, D PN0, E PN4.
    expect(counts(byChild, 2024)).toMatchObject({ PN0: 1, PN1: 0, PN4: 1, PN5: 1, PN7: 1, eligible: 3, participated: 2 });
    expect(cell(byChild, 'participated', 2024)).toEqual({ count: 2, percent: 66.7 });
    expect(cell(byChild, null, 2024)).toEqual({ count: 4 });
    // The base row says what it counts under each option, in the cross-table's headings too.
    const label = (r: typeof byChild) => r.rows.find((x) => x.key === 'eligible')!.label;
    expect(label(byReview)).toMatch(/^Reviews of children aged 4 or over/);
    expect(label(byChild)).toMatch(/^Children aged 4 or over at their latest review/);
    expect(label(await pack(engine, 'review-participation', { options: { count: 'children', by: 'gender' } }))).toMatch(/^Children aged 4/);
  });
});

describe('short breaks', () => {
  it('counts the children every other pack leaves out', async () => {
    const r = await pack(engine, 'short-breaks');
    // C: short breaks only, V4 open on 31 March, 2 episodes. D: a V3 on 1 April, then looked after.
    expect(counts(r, 2024)).toEqual({ 'short-breaks-only': 1, 'also-looked-after': 1, 'at-31-march': 1, episodes: 3 });
    expect(cell(r, null, 2024)).toEqual({ count: 2 });
    // 2023: C's break ending on 31 March is in the year but not open on 31 March.
    expect(counts(r, 2023)).toEqual({ 'short-breaks-only': 1, 'also-looked-after': 0, 'at-31-march': 0, episodes: 1 });
    expect(await drillChildren('short-breaks', 2024, 'at-31-march')).toEqual(['C']);
  });
});

