import { describe, expect, it } from 'vitest';
import {
  CHILD,
  countChange,
  countOf,
  describeDistribution,
  pct,
  sentence,
  shareChange,
  suppressionNote,
} from '../../../shared/packs/commentary.js';
import { claPack } from '../../../shared/packs/cla.js';
import { agePack } from '../../../shared/packs/age.js';
import type { CellValue, PackResult, PackRow } from '../../../shared/packs/result.js';
import { yearOnYear } from '../../../shared/packs/yearOnYear.js';

/** A result with counts per row and year; percents of the total when given. */
function result(years: number[], rows: Record<string, (number | null)[]>, totals?: number[]): PackResult {
  const mk = (key: string, counts: (number | null)[]): PackRow => ({
    key,
    label: key,
    group: null,
    values: Object.fromEntries(
      years.map((y, i) => {
        const n = counts[i]!;
        const c: CellValue = n === null ? { count: null, suppressed: true } : { count: n };
        if (totals) c.percent = n === null ? null : Math.round((n * 1000) / totals[i]!) / 10;
        return [String(y), c];
      }),
    ),
  });
  return {
    pack: 'test',
    title: 'Test',
    definition: '',
    years,
    rows: Object.entries(rows).map(([k, v]) => mk(k, v)),
    total: totals ? Object.fromEntries(years.map((y, i) => [String(y), { count: totals[i]! }])) : {},
    notes: [],
  };
}

describe('wording helpers', () => {
  it('says 1 child, not 1 children, and no children for 0', () => {
    expect(countOf(1, CHILD)).toBe('1 child');
    expect(countOf(0, CHILD)).toBe('no children');
    expect(countOf(1234, CHILD)).toBe('1,234 children');
  });
  it('writes shares as the table does, to one decimal place', () => {
    expect(pct(35.2)).toBe('35.2%');
    expect(pct(0.3)).toBe('0.3%');
    expect(pct(91.5)).toBe('91.5%');
    expect(pct(0)).toBe('0.0%');
  });
  it('capitalises and ends sentences', () => {
    expect(sentence('children aged 10 to 15 remain the largest group')).toBe('Children aged 10 to 15 remain the largest group.');
  });
});

describe('countChange', () => {
  it('up, down and no change, by the change the table shows (no relative change: the table has none)', () => {
    const r = result([2022, 2023], { k: [197, 206], d: [210, 206], s: [8, 8], small: [3, 5] });
    expect(countChange(yearOnYear(r, 'k', 2023), 'snapshot')).toBe(', up 9 from 197 a year earlier');
    expect(countChange(yearOnYear(r, 'd', 2023), 'snapshot')).toBe(', down 4 from 210 a year earlier');
    expect(countChange(yearOnYear(r, 's', 2023), 'flow')).toBe(', the same as in 2021/22');
    expect(countChange(yearOnYear(r, 'small', 2023), 'snapshot')).toBe(', up 2 from 3 a year earlier');
  });
  it('a share: "down 0.6 points", and "the same" only when the change shows as 0.0', () => {
    const r = result([2023, 2024], { a: [921, 915], b: [500, 500] }, [1000, 1000]);
    expect(shareChange(yearOnYear(r, 'a', 2024), 'flow', 1000)).toBe(', down 0.6 points from 92.1% in 2022/23');
    expect(shareChange(yearOnYear(r, 'b', 2024), 'flow', 1000)).toBe(', the same as in 2022/23');
  });
  it('nothing for the first year or a suppressed value; names the year when one is missing', () => {
    const r = result([2020, 2023], { k: [100, 120], c: [null, 120] });
    expect(countChange(yearOnYear(r, 'k', 2020), 'snapshot')).toBe('');
    expect(countChange(yearOnYear(r, 'c', 2023), 'snapshot')).toBe('');
    expect(countChange(yearOnYear(r, 'k', 2023), 'snapshot')).toBe(', up 20 from 100 on 31 March 2020');
  });
});

describe('pack commentary', () => {
  it('children looked after, as in the IRO reports', () => {
    const r = result([2022, 2023], { 'at-31-march': [197, 206], started: [90, 84], ceased: [70, 75], 'during-year': [280, 281] });
    expect(claPack.commentary({ pack: claPack, result: r, options: {} })).toEqual([
      'On 31 March 2023 there were 206 children looked after, up 9 from 197 a year earlier.',
      'During 2022/23, 84 children started to be looked after, down 6 from 90 in 2021/22; 75 children ceased to be looked after, up 5 from 70 in 2021/22.',
      'In 2022/23, 281 children were looked after at some point during the year.',
    ]);
  });

  it('first year: no comparison; one child', () => {
    const r = result([2023], { 'at-31-march': [1], started: [1], ceased: [0], 'during-year': [1] });
    expect(claPack.commentary({ pack: claPack, result: r, options: {} })).toEqual([
      'On 31 March 2023 there was 1 child looked after.',
      'During 2022/23, 1 child started to be looked after; no children ceased to be looked after.',
      'In 2022/23, 1 child was looked after at some point during the year.',
    ]);
  });

  it('age: the largest group remains, with its share, and a notable shift', () => {
    const r = result([2022, 2023], { 'under-1': [20, 20], '1-4': [40, 30], '5-9': [50, 40], '10-15': [70, 72], '16-over': [20, 44] }, [200, 206]);
    expect(agePack.commentary({ pack: agePack, result: r, options: {} })).toEqual([
      'Children aged 10 to 15 remain the largest group (35.0%).',
      'The share of young people aged 16 and over rose from 10.0% to 21.4%.',
    ]);
  });

  it('no shares of a small base, and no words for suppressed cells; "largest" only when no hidden cell could be larger', () => {
    const small = result([2023], { 'under-1': [0], '1-4': [1], '5-9': [4], '10-15': [2], '16-over': [0] }, [7]);
    expect(agePack.commentary({ pack: agePack, result: small, options: {} })).toEqual(['Children aged 5 to 9 are the largest group (4 of 7).']);
    const hidden = result([2023], { 'under-1': [0], '1-4': [null], '5-9': [null], '10-15': [30], '16-over': [12] }, [49]);
    const text = agePack.commentary({ pack: agePack, result: hidden, options: {} });
    expect(text).toEqual([
      'Children aged 10 to 15 are the largest group (61.2%).',
      'Some figures are not shown (c), to protect the confidentiality of small numbers of children.',
    ]);
    // Above, the hidden cells hold 49 - 42 = 7 between them, fewer than 30. Here they hold 60 - 32 = 28: one could exceed 20.
    const unsure = result([2023], { 'under-1': [0], '1-4': [null], '5-9': [null], '10-15': [20], '16-over': [12] }, [60]);
    expect(agePack.commentary({ pack: agePack, result: unsure, options: {} })).toEqual([
      'Some figures are not shown (c), to protect the confidentiality of small numbers of children.',
    ]);
  });

  it('"largest" where a local pack counts a child in every category it has rows in: a hidden category could hold the whole total', () => {
    const r = result([2023], { a: [8], b: [null], c: [1] }, [10]);
    const phrase = (row: PackRow) => `group ${row.key}`;
    // Categories that add up to 10: b holds 10 - 9 = 1, so a is the largest.
    expect(describeDistribution(r, { timing: 'flow', phrase })[0]).toBe('Group a are the largest group (80.0%).');
    // Overlapping ones (a child with rows in a and b is in both): b could be 10.
    const overlapping: PackResult = { ...r, local: { unit: CHILD, by: ['team'], overlapping: true } };
    expect(describeDistribution(overlapping, { timing: 'flow', phrase })).toEqual([]);
  });

  it('joint largest groups', () => {
    const r = result([2023], { a: [10], b: [10], c: [5] }, [25]);
    expect(describeDistribution(r, { timing: 'snapshot', phrase: (row) => `group ${row.key}` })).toEqual(['Group a and group b are jointly the largest group.']);
  });

  it('"largest" is over every category, "other" included (issue 12)', () => {
    const r = result([2023, 2024], { independent: [40, 53], home: [63, 51], other: [60, 63] }, [163, 167]);
    expect(describeDistribution(r, { timing: 'flow', phrase: (row) => `children leaving for ${row.key}` })[0]).toBe('Children leaving for other are now the largest group (37.7%).');
    expect(suppressionNote(r)).toEqual([]);
  });
});

describe('SDQ commentary', () => {
  it('gives averages to one decimal place, this year and last', async () => {
    const { sdqPack } = await import('../../../shared/packs/sdq.js');
    const row = (key: string, values: Record<string, CellValue>): PackRow => ({ key, label: key, group: null, values });
    const r: PackResult = {
      pack: 'sdq',
      title: 'SDQ',
      definition: '',
      years: [2023, 2024],
      rows: [
        row('submitted', { '2023': { count: 200, percent: 89 }, '2024': { count: 195, percent: 83 } }),
        row('band-concern', { '2023': { count: 50, percent: 25 }, '2024': { count: 59, percent: 30.3 } }),
        row('average', { '2023': { count: 200, value: 14 }, '2024': { count: 195, value: 13.62 } }),
      ],
      total: { '2023': { count: 225 }, '2024': { count: 235 } },
      notes: [],
    };
    const lines = sdqPack.commentary({ pack: sdqPack, result: r, options: { ages: '4-16' } as never });
    // 13.62 is shown as 13.6; last year's whole 14 is written 14.0, as the table writes it.
    expect(lines).toContain('The average score was 13.6, down 0.4 from 14.0 a year earlier.');
    expect(lines).toContain('30.3% of the scores received were a cause for concern.');
  });
});
