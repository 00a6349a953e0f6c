import { describe, expect, it } from 'vitest';
import type { PackResult } from '../../../shared/packs/result.js';
import { yearOnYear, yearOnYearSeries } from '../../../shared/packs/yearOnYear.js';

const result: PackResult = {
  pack: 'x',
  title: 'X',
  definition: '',
  years: [2020, 2022, 2023],
  rows: [
    {
      key: 'k',
      label: 'K',
      group: null,
      values: {
        '2020': { count: 0, percent: 0 },
        '2022': { count: 197, percent: 33.1 },
        '2023': { count: 206, percent: 35.2 },
      },
    },
    { key: 's', label: 'S', group: null, values: { '2020': { count: 7 }, '2022': { count: null, suppressed: true }, '2023': { count: 9 } } },
  ],
  total: { '2020': { count: 10 }, '2022': { count: 595 }, '2023': { count: 585 } },
  notes: [],
};

describe('yearOnYear', () => {
  it('compares with the previous loaded year: change, relative change and percentage points', () => {
    expect(yearOnYear(result, 'k', 2023)).toEqual({
      year: 2023, previousYear: 2022, count: 206, previousCount: 197, change: 9, changePercent: 4.6,
      percent: 35.2, previousPercent: 33.1, changePoints: 2.1, value: null, previousValue: null, valueChange: null,
    });
  });

  it('skips a missing year, and has no relative change from zero', () => {
    expect(yearOnYear(result, 'k', 2022)).toMatchObject({ previousYear: 2020, change: 197, changePercent: null, changePoints: 33.1 });
  });

  it('gives nulls for the first year and for suppressed values', () => {
    expect(yearOnYear(result, 'k', 2020)).toMatchObject({ previousYear: null, change: null, changePoints: null });
    expect(yearOnYear(result, 's', 2023)).toMatchObject({ count: 9, previousCount: null, change: null });
  });

  it('works on the total and as a series', () => {
    expect(yearOnYear(result, null, 2023)).toMatchObject({ change: -10, changePercent: -1.7 });
    expect(yearOnYearSeries(result, null).map((y) => y.change)).toEqual([null, 585, -10]);
  });
});
