/**
 * The "incomplete history" mark (u): it appears exactly on the figures that need records from
 * before the earliest loaded return, with the share worked out by hand below, and goes when the
 * earlier return is loaded. Small hand-built returns; dates in the comments.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SqlEngine } from '../../../shared/engine.js';
import { completionAdvice, incompleteYears, reliableYears, withoutIncompleteYears } from '../../../shared/packs/history.js';
import type { PackResult } from '../../../shared/packs/result.js';
import { runPack } from '../../../shared/packs/run.js';
import { buildTableModel, displayText } from '../../../shared/export/model.js';
import { ep, insertEpisodes, insertHeaders, insertRows, openWorkspace, pack } from './fixtures.js';

let engines: SqlEngine[] = [];
afterEach(async () => {
  for (const e of engines) await e.close();
  engines = [];
});

async function workspace(): Promise<SqlEngine> {
  const e = await openWorkspace();
  engines.push(e);
  return e;
}

/** { rowKey: history } of the marked cells of a year (TOTAL as 'total'). */
function marks(r: PackResult, year: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const row of r.rows) if (row.values[year]?.history) out[row.key] = row.values[year]!.history;
  if (r.total[year]?.history) out.total = r.total[year]!.history;
  return out;
}

describe('length of time looked after', () => {
  /**
   * D (born 01/06/2012): S C1 U6 01/02/2019 -> 01/09/2020 X1 (2020/21 return), then P C2 U4 from
   * 01/09/2020, open (in the 2023 return too). E (born 01/01/2015): S C2 U6 from 01/06/2022.
   */
  async function load(e: SqlEngine, years: number[]): Promise<void> {
    if (years.includes(2021)) {
      await insertHeaders(e, 2021, [{ child: 'D', sex: '1', dob: '2012-06-01' }]);
      await insertEpisodes(e, 2021, [ep('D', '2019-02-01', '2020-09-01', 'S', 'C1', 'U6', 'X1'), ep('D', '2020-09-01', null, 'P', 'C2', 'U4')]);
    }
    await insertHeaders(e, 2023, [
      { child: 'D', sex: '1', dob: '2012-06-01' },
      { child: 'E', sex: '2', dob: '2015-01-01' },
    ]);
    await insertEpisodes(e, 2023, [ep('D', '2020-09-01', null, 'P', 'C2', 'U4'), ep('E', '2022-06-01', null, 'S', 'C2', 'U6')]);
  }

  it('marks the band found and every longer band, not the shorter bands or the total, until the earlier return is loaded', async () => {
    const e = await workspace();
    await load(e, [2023]);
    const r = await pack(e, 'duration');
    // D is dated from 01/09/2020: 30 months, 2 to 5 years, but the period may have begun earlier.
    // 2-5y: D counted and affected: 1 of 1 = 100%; 5-10y and 10y-over: D could be there: 1 of 0 + 1.
    // E (9 months, begun with RNE S) is certain: 7-12m is not marked.
    expect(marks(r, 2023)).toEqual({
      '2-5y': { affected: 1, share: 100 },
      '5-10y': { affected: 1, share: 100 },
      '10y-over': { affected: 1, share: 100 },
    });
    // The episode found began on 01/09/2020: the 2020/21 return would show what came before.
    expect(r.history).toEqual({ earliestNeeded: { '2023': 2021 } });
    expect(completionAdvice(r, [2023])?.text).toBe('load 2020/21 to 2021/22 to complete 2022/23');
    expect(r.notes.some((n) => n.startsWith('Incomplete history (u)'))).toBe(true);

    const full = await workspace();
    await load(full, [2021, 2023]);
    const complete = await pack(full, 'duration');
    // With the 2021 return D's period began 01/02/2019 (RNE S): 49 months, 2 to 5 years, certain.
    expect(complete.rows.find((x) => x.key === '2-5y')!.values['2023']).toEqual({ count: 1, percent: 50 });
    expect(marks(complete, 2023)).toEqual({});
    expect(marks(complete, 2021)).toEqual({});
    expect(complete.history).toBeUndefined();
    expect(complete.notes.some((n) => n.startsWith('Incomplete history'))).toBe(false);
  });

  it('marks the parts of a breakdown as the pack marks its rows: only the category of the affected child', async () => {
    const e = await workspace();
    await load(e, [2023]);
    const r = await pack(e, 'duration', { options: { by: 'gender' } });
    // D (male) is the affected child: his parts of the marked bands, as the bands themselves; E (female) is certain.
    expect(marks(r, 2023)).toEqual({
      '2-5y': { affected: 1, share: 100 },
      '5-10y': { affected: 1, share: 100 },
      '10y-over': { affected: 1, share: 100 },
      '2-5y|male': { affected: 1, share: 100 },
      '5-10y|male': { affected: 1, share: 100 },
      '10y-over|male': { affected: 1, share: 100 },
    });
    // Exports show the mark (u) on the part too.
    const model = buildTableModel({ result: r, commentary: [], timing: 'snapshot', chart: 'grouped-bar', section: '' });
    const count = model.columns.findIndex((c) => c.role === 'count' && c.year === 2023);
    expect(displayText(model.rows.find((x) => x.key === '2-5y|male')!.cells[count]!)).toBe('1 u');
    expect(displayText(model.rows.find((x) => x.key === '7-12m|female')!.cells[count]!)).toBe('1');
    // With suppression the mark stays, with no number.
    const hidden = await pack(e, 'duration', { options: { by: 'gender' }, suppress: 5 });
    expect(hidden.rows.find((x) => x.key === '2-5y|male')!.values['2023']!.history).toEqual({});
  });

  it('a child known to have been looked after 10 years or more is certain', async () => {
    const e = await workspace();
    await insertHeaders(e, 2023, [{ child: 'L', sex: '1', dob: '2008-01-01' }]);
    await insertEpisodes(e, 2023, [ep('L', '2012-05-01', null, 'P', 'C2', 'U4')]); // 130 months, start not loaded
    const r = await pack(e, 'duration');
    expect(r.rows.find((x) => x.key === '10y-over')!.values['2023']!.count).toBe(1);
    expect(marks(r, 2023)).toEqual({});
  });
});

describe('timeliness of reviews', () => {
  /**
   * F (born 01/01/2012): S C2 U6 from 01/01/2021, open. Reviews 20/01/2021 (2020/21 return),
   * 15/07/2021 (2021/22), 01/06/2022 and 15/12/2022 (2022/23).
   */
  async function load(e: SqlEngine, years: number[]): Promise<void> {
    const reviews: Record<number, string[]> = { 2021: ['2021-01-20'], 2022: ['2021-07-15'], 2023: ['2022-06-01', '2022-12-15'] };
    for (const y of years) {
      await insertHeaders(e, y, [{ child: 'F', sex: '1', dob: '2012-01-01' }]);
      await insertEpisodes(e, y, [ep('F', '2021-01-01', null, 'S', 'C2', 'U6')]);
      await insertRows(e, 'reviews', y, reviews[y]!.map((review) => ({ child: 'F', dob: '2012-01-01', review, review_code: 'PN1' })));
    }
  }

  it('a review not known for want of earlier reviews marks every timeliness figure of its year; the share is per cell', async () => {
    const e = await workspace();
    await load(e, [2023]);
    const r = await pack(e, 'review-timeliness');
    // Only 2022/23 loaded: the earlier reviews are not known. 01/06/2022 is the first review known: not known (not after
    // 01/10/2022, 6 months from the start of the history). 15/12/2022: over 6 months after 01/06/2022, so late whatever came before.
    expect(r.rows.map((x) => [x.key, x.values['2023']!.count])).toEqual([['on-time', 0], ['late', 1], ['not-known', 1]]);
    // The not-known review could be on time or late: on-time 1 of 0 + 1; late 1 of 1 + 1 (50%); not-known 1 of 1.
    expect(marks(r, 2023)).toEqual({
      'on-time': { affected: 1, share: 100 },
      late: { affected: 1, share: 50 },
      'not-known': { affected: 1, share: 100 },
    });
    expect(r.history).toEqual({ earliestNeeded: { '2023': 2021 } });
    expect(completionAdvice(r, [2023])?.text).toBe('load 2020/21 to 2021/22 to complete 2022/23');

    const full = await workspace();
    await load(full, [2021, 2022, 2023]);
    const complete = await pack(full, 'review-timeliness');
    // 20/01/2021 on time (due 29/01/2021), 15/07/2021 late (due 20/04/2021), 01/06/2022 late (due 15/01/2022), 15/12/2022 late.
    expect(complete.rows.map((x) => [x.key, x.values['2023']?.count])).toEqual([['on-time', 0], ['late', 2]]);
    expect(incompleteYears(complete)).toEqual([]);
    expect(complete.history).toBeUndefined();
  });

  it('commentary leaves the marked year out by default, and speaks of it when asked', async () => {
    const e = await workspace();
    await load(e, [2023]);
    const byDefault = await runPack(e, 'review-timeliness');
    expect(byDefault.commentary).toEqual([
      'Some figures for 2022/23 depend on records from before the earliest return loaded (marked u in the table), so that year is not described here.',
    ]);
    const all = await runPack(e, 'review-timeliness', { includeIncompleteHistory: true });
    expect(all.commentary.join(' ')).toMatch(/In 2022\/23, 0 of the 2 reviews held were on time/);
  });

  it('with suppression, the mark stays and no number that could reveal a small count is given', async () => {
    const e = await workspace();
    await load(e, [2023]);
    const r = await pack(e, 'review-timeliness', { suppress: 5 });
    for (const key of ['on-time', 'late', 'not-known']) {
      const c = r.rows.find((x) => x.key === key)?.values['2023'];
      if (c) expect(c.history, key).toEqual({});
    }
  });
});

describe('placement stability', () => {
  /**
   * G (born 01/01/2012): S C2 U6 01/06/2019 -> 01/06/2021 X1 (2020/21 and 2021/22 returns), then P C2 U4
   * from 01/06/2021, open. H (born 01/01/2011): S C2 U6 from 01/01/2020, open. 31/03/2023: 2.5 years
   * before is 30/09/2020.
   */
  async function load(e: SqlEngine, years: number[]): Promise<void> {
    for (const y of years) {
      await insertHeaders(e, y, [
        { child: 'G', sex: '1', dob: '2012-01-01' },
        { child: 'H', sex: '2', dob: '2011-01-01' },
      ]);
      const g = y < 2023 ? [ep('G', '2019-06-01', '2021-06-01', 'S', 'C2', 'U6', 'X1')] : [];
      await insertEpisodes(e, y, [...g, ep('G', '2021-06-01', null, 'P', 'C2', 'U4'), ep('H', '2020-01-01', null, 'S', 'C2', 'U6')]);
    }
  }

  it('long-term figures are marked while a child under 16 may have been looked after 2.5 years; three or more is not', async () => {
    const e = await workspace();
    await load(e, [2023]);
    const r = await pack(e, 'placement-stability');
    // G is dated from 01/06/2021 (P): not known to be in the long-term cohort, could be. H is (since 01/01/2020).
    // cohort: 1 counted (H) + G could be: 1 of 2 = 50%. long-term (H, same carer since 01/01/2020): 1 of 1 + 1 = 50%.
    expect(marks(r, 2023)).toEqual({
      'long-term-cohort': { affected: 1, share: 50 },
      'long-term': { affected: 1, share: 50 },
    });
    // 2.5 years before 31/03/2023 is 30/09/2020, in the 2020/21 return.
    expect(r.history).toEqual({ earliestNeeded: { '2023': 2021 } });
    expect(reliableYears(r, 'three-or-more')).toEqual([2023]);
    expect(reliableYears(r, 'long-term')).toEqual([]);
    expect(reliableYears(r)).toEqual([]);

    const full = await workspace();
    await load(full, [2022, 2023]);
    const complete = await pack(full, 'placement-stability');
    // With 2021/22 G's period began 01/06/2019: in the cohort; with the same carer only since 01/06/2021 (RNE P).
    expect(complete.rows.find((x) => x.key === 'long-term-cohort')!.values['2023']!.count).toBe(2);
    expect(complete.rows.find((x) => x.key === 'long-term')!.values['2023']).toEqual({ count: 1, percent: 50 });
    expect(marks(complete, 2023)).toEqual({});
    // 2021/22 itself: 31/03/2022 less 2.5 years is 30/09/2019; G and H are under 16 and their periods began with RNE S.
    expect(marks(complete, 2022)).toEqual({});
  });
});

describe('adoption', () => {
  /**
   * K (born 01/03/2019): S C1 U6 01/01/2020 -> 01/06/2021 X1 (2020/21, 2021/22 returns); P E1 U6 01/06/2021
   * -> 01/09/2022 X1; T E1 A5 01/09/2022 -> 01/02/2023 E11. AD1: decision 01/03/2022, matched 01/08/2022.
   */
  async function load(e: SqlEngine, years: number[]): Promise<void> {
    for (const y of years) {
      await insertHeaders(e, y, [{ child: 'K', sex: '2', dob: '2019-03-01' }]);
      const first = y < 2023 ? [ep('K', '2020-01-01', '2021-06-01', 'S', 'C1', 'U6', 'X1')] : [];
      const later = y >= 2022 ? [ep('K', '2021-06-01', '2022-09-01', 'P', 'E1', 'U6', 'X1')] : [];
      const adopted = y === 2023 ? [ep('K', '2022-09-01', '2023-02-01', 'T', 'E1', 'A5', 'E11')] : [];
      await insertEpisodes(e, y, [...first, ...later, ...adopted]);
    }
    await insertRows(e, 'ad1', 2023, [{ child: 'K', dob: '2019-03-01', date_int: '2022-03-01', date_match: '2022-08-01', foster_care: '0', nb_adoptr: '2' }]);
  }

  it('the averages from entering care are marked; those from the decision are not; the placement is found after the first episode', async () => {
    const e = await workspace();
    await load(e, [2023]);
    const r = await pack(e, 'adoption');
    // Dated from 01/06/2021 (P): the day care began is not known, so K is left out of the three averages from entering care.
    expect(marks(r, 2023)).toEqual({
      'entry-to-decision': { affected: 1, share: 100 },
      'entry-to-placed': { affected: 1, share: 100 },
      'entry-to-adopted': { affected: 1, share: 100 },
    });
    expect(r.rows.find((x) => x.key === 'decision-to-match')!.values['2023']).toEqual({ count: 1, value: 153 });
    expect(r.history).toEqual({ earliestNeeded: { '2023': 2022 } });

    const full = await workspace();
    await load(full, [2021, 2022, 2023]);
    const complete = await pack(full, 'adoption');
    // From 01/01/2020 to the placement on 01/09/2022: 974 days.
    expect(complete.rows.find((x) => x.key === 'entry-to-placed')!.values['2023']).toEqual({ count: 1, value: 974 });
    expect(incompleteYears(complete)).toEqual([]);
  });
});

describe('placement type and provider', () => {
  /**
   * T (born 01/01/2012): S C2 U4 01/06/2021 -> 01/01/2022 X1 (2021/22 return), then P C2 T3 temporary from
   * 01/01/2022, open on 31/03/2023. V (born 01/01/2013): S C2 U6 from 01/06/2022 (certain).
   */
  async function load(e: SqlEngine, years: number[]): Promise<void> {
    for (const y of years) {
      await insertHeaders(e, y, [
        { child: 'T', sex: '1', dob: '2012-01-01' },
        { child: 'V', sex: '2', dob: '2013-01-01' },
      ]);
      const before = y === 2022 ? [ep('T', '2021-06-01', '2022-01-01', 'S', 'C2', 'U4', 'X1')] : [];
      await insertEpisodes(e, y, [...before, ep('T', '2022-01-01', null, 'P', 'C2', 'T3'), ...(y === 2023 ? [ep('V', '2022-06-01', null, 'S', 'C2', 'U6')] : [])]);
    }
  }

  it('a temporary placement whose placement before is not loaded marks every row; as recorded, nothing', async () => {
    const e = await workspace();
    await load(e, [2023]);
    const r = await pack(e, 'placement-type');
    // T is counted as T3 (no placement before found): it could be in any row. V is in U6 (foster).
    const marked = marks(r, 2023);
    expect(Object.keys(marked).sort()).toEqual(r.rows.map((x) => x.key).sort());
    expect(marked.T3).toEqual({ affected: 1, share: 100 });
    expect(marked.foster).toEqual({ affected: 1, share: 50 }); // V counted, T could be: 1 of 2
    expect(r.history).toEqual({ earliestNeeded: { '2023': 2022 } });
    expect(incompleteYears(await pack(e, 'placement-type', { options: { temporary: 'as-recorded' } }))).toEqual([]);
    expect(incompleteYears(await pack(e, 'placement-provider'))).toEqual([2023]);

    const full = await workspace();
    await load(full, [2022, 2023]);
    // With 2021/22, T is counted in U4 (foster): nothing is uncertain.
    const complete = await pack(full, 'placement-type');
    expect(complete.rows.find((x) => x.key === 'foster')!.values['2023']!.count).toBe(2);
    expect(incompleteYears(complete)).toEqual([]);
    expect(incompleteYears(await pack(full, 'placement-provider'))).toEqual([]);
  });
});

describe('helpers', () => {
  it('withoutIncompleteYears keeps only the years no cell of which is marked', () => {
    const r: PackResult = {
      pack: 'x',
      title: 'X',
      definition: '',
      years: [2019, 2020],
      rows: [{ key: 'a', label: 'A', group: null, values: { '2019': { count: 3, history: { affected: 1, share: 33.3 } }, '2020': { count: 4 } } }],
      total: { '2019': { count: 3 }, '2020': { count: 4 } },
      notes: [],
    };
    expect(reliableYears(r)).toEqual([2020]);
    expect(reliableYears(r, null)).toEqual([2019, 2020]);
    const kept = withoutIncompleteYears(r);
    expect(kept.years).toEqual([2020]);
    expect(Object.keys(kept.rows[0]!.values)).toEqual(['2020']);
    expect(Object.keys(kept.total)).toEqual(['2020']);
  });
});
