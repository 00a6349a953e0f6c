import { describe, expect, it } from 'vitest';
import type { PackResult } from '../../../shared/packs/result.js';
import { comparedYears, comparisonNote, hasFigures, yearOnYear, yearOnYearSeries } from '../../../shared/packs/yearOnYear.js';

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
      percent: 35.2, previousPercent: 33.1, changePoints: 2.1, value: null, previousValue: null, valueChange: null, withheld: false, pointsWithheld: false, notCollected: false,
    });
  });

  it('skips a missing year, and has no relative change from zero', () => {
    expect(yearOnYear(result, 'k', 2022)).toMatchObject({ previousYear: 2020, change: 197, changePercent: null, changePoints: 33.1 });
  });

  it('gives nulls for the first year and for suppressed values', () => {
    expect(yearOnYear(result, 'k', 2020)).toMatchObject({ previousYear: null, change: null, changePoints: null });
    // Worked from a suppressed 2022, the change is withheld (c in every table), not merely missing (–).
    expect(yearOnYear(result, 's', 2023)).toMatchObject({ count: 9, previousCount: null, change: null, withheld: true });
    expect(yearOnYear(result, 's', 2022)).toMatchObject({ previousYear: 2020, change: null, withheld: true });
  });

  it('works on the total and as a series', () => {
    expect(yearOnYear(result, null, 2023)).toMatchObject({ change: -10, changePercent: -1.7 });
    expect(yearOnYearSeries(result, null).map((y) => y.change)).toEqual([null, 585, -10]);
  });
});

/** Age-like result over 2021-2024: 2023 has no figures (not collected, or withheld with its total too). */
function withEmpty2023(empty: 'x' | 'withheld'): PackResult {
  const none = empty === 'x' ? { count: null, notCollected: true as const } : { count: null, percent: null, suppressed: true };
  return {
    pack: 'age',
    title: 'Age',
    definition: '',
    years: [2021, 2022, 2023, 2024],
    rows: [
      { key: 'a', label: 'A', group: null, values: { 2021: { count: 40, percent: 40 }, 2022: { count: 50, percent: 50 }, 2023: none, 2024: { count: 58, percent: 58 } } },
      { key: 'b', label: 'B', group: null, values: { 2021: { count: 60, percent: 60 }, 2022: { count: 50, percent: 50 }, 2023: none, 2024: { count: 42, percent: 42 } } },
    ],
    total: { 2021: { count: 100 }, 2022: { count: 100 }, 2023: empty === 'x' ? { count: null, notCollected: true } : { count: null, suppressed: true }, 2024: { count: 100 } },
    notes: [],
    ...(empty === 'withheld' ? { suppression: { threshold: 5, primary: 1, secondary: 2, withheldYears: [2023], zeroYears: [] } } : {}),
  };
}

const label = (y: number) => `31 March ${y}`;

describe('the years a change compares: never a year with no figures', () => {
  it('passes over a year not collected (x), or withheld with its total, to the latest earlier year with figures, and says so', () => {
    for (const empty of ['x', 'withheld'] as const) {
      const r = withEmpty2023(empty);
      expect(hasFigures(r, 2023)).toBe(false);
      expect(comparedYears(r)).toEqual({ year: 2024, since: 2022, skipped: [2023] });
      expect(yearOnYear(r, 'a', 2024)).toMatchObject({ previousYear: 2022, count: 58, previousCount: 50, change: 8, changePoints: 8 });
      const why = empty === 'x' ? 'not collected (x)' : 'withheld (c), too few to publish';
      expect(comparisonNote(r, r.years, label)).toBe(`The change compares 31 March 2024 with 31 March 2022, as 31 March 2023 has no figures: ${why}.`);
      // Shown 2023-2024 only: no earlier year with figures, so no change at all.
      expect(comparedYears(r, [2023, 2024])).toBeNull();
      // The latest year without figures: no change either.
      expect(comparedYears(r, [2021, 2022, 2023])).toBeNull();
      expect(comparisonNote(r, [2021, 2022, 2023], label)).toBe(`No change is shown, as 31 March 2023 has no figures: ${why}.`);
    }
  });

  it('a year withheld whole is said to be withheld even with a row of a code not yet in its list (x) in it', () => {
    const r = withEmpty2023('withheld');
    r.rows.push({ key: 'K3', label: 'K3', group: null, values: { 2021: { count: null, notCollected: true }, 2022: { count: null, notCollected: true }, 2023: { count: null, notCollected: true }, 2024: { count: 0, percent: 0 } } });
    expect(comparisonNote(r, r.years, label)).toBe('The change compares 31 March 2024 with 31 March 2022, as 31 March 2023 has no figures: withheld (c), too few to publish.');
  });

  it('a file collected in the latest year only: no change, and the note says no earlier year collected it', () => {
    const r = withEmpty2023('x');
    const only2024 = { ...r, years: [2023, 2024] };
    expect(comparedYears(only2024)).toBeNull();
    expect(yearOnYear(only2024, null, 2024)).toMatchObject({ previousYear: null, change: null });
    expect(comparisonNote(only2024, only2024.years, label)).toBe("No change is shown, as no earlier year's return collected this (x): only 31 March 2024's did.");
  });

  it('a year withheld whose total is still shown has figures: the change is from it (rows c, the total a number)', () => {
    const r = withEmpty2023('withheld');
    r.total['2023'] = { count: 100 };
    expect(comparedYears(r)).toEqual({ year: 2024, since: 2023, skipped: [] });
    expect(comparisonNote(r, r.years, label)).toBeNull();
    expect(yearOnYear(r, null, 2024).change).toBe(0);
    expect(yearOnYear(r, 'a', 2024).change).toBeNull();
  });

  it('a year missing from the workspace is simply not there: the change is from the year before it, named', () => {
    expect(comparedYears(result)).toEqual({ year: 2023, since: 2022, skipped: [] });
    expect(comparedYears(result, [2020, 2022])).toEqual({ year: 2022, since: 2020, skipped: [] });
    expect(comparisonNote(result, [2020, 2022], label)).toBeNull();
  });
});
