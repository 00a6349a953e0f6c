import { describe, expect, it } from 'vitest';
import { ALL_KEY } from '../../../shared/packs/breakdown.js';
import { breakdownCommentary } from '../../../shared/packs/breakdownCommentary.js';
import type { CellValue, PackResult, PackRow } from '../../../shared/packs/result.js';
import { getPack } from '../../../shared/packs/run.js';

const BANDS = ['1 to 4', '5 to 9', '10 to 15', '16 and over'];

/**
 * Reviews (2022/23, 2023/24) broken down by age band: the "All reviews" heading and its parts, each
 * part's count per year (null: suppressed, shown c), as breakdown.ts lays a cross-table out.
 */
function byAgeBand(all: [number, number], parts: (number | null)[][]): PackResult {
  const years = [2023, 2024];
  const cell = (n: number | null, whole: number): CellValue => (n === null ? { count: null, percent: null, suppressed: true } : { count: n, percent: Math.round((n * 1000) / whole) / 10 });
  const row = (key: string, label: string, counts: (number | null)[]): PackRow => ({
    key,
    label,
    group: 'All reviews',
    values: Object.fromEntries(years.map((y, i) => [String(y), cell(counts[i]!, all[i]!)])),
  });
  const keys = BANDS.map((_, i) => `${ALL_KEY}|b${i}`);
  return {
    pack: 'review-participation',
    title: 'Participation in reviews',
    definition: '',
    years,
    rows: [{ key: ALL_KEY, label: 'All reviews', group: null, values: { '2023': { count: all[0] }, '2024': { count: all[1] } } }, ...parts.map((p, i) => row(keys[i]!, BANDS[i]!, p))],
    total: { '2023': { count: all[0] }, '2024': { count: all[1] } },
    notes: [],
    breakdown: { by: 'age-band', label: 'Age band', categories: BANDS.map((b, i) => ({ key: `b${i}`, label: b })), chartKeys: keys },
  };
}

const said = (r: PackResult) => breakdownCommentary(getPack('review-participation'), r);

describe('breakdown commentary ranks only what no suppressed part could contradict', () => {
  it('names the largest part and the biggest change when every part is shown', () => {
    expect(said(byAgeBand([1277, 1280], [[217, 221], [166, 177], [574, 591], [320, 291]]))).toEqual([
      'In 2023/24, "10 to 15" was the largest age band category of the 1,280 reviews (46.2% of them).',
      'The biggest change by age band was in "16 and over": down to 291 from 320 in 2022/23.',
    ]);
  });

  it('says neither when a hidden part could be larger or have changed more (the sample at 5: 10 to 15 had 480, 16 and over fell by 29)', () => {
    // The hidden parts hold 1,280 - 398 = 882 between them in 2023/24: 10 to 15 could be far above 221.
    expect(said(byAgeBand([1277, 1280], [[217, 221], [166, 177], [null, null], [null, null]]))).toEqual([]);
    // Only 16 and over hidden, in 2023/24 alone: it holds 1,280 - 989 = 291, more than 221, and could have moved by up to 320.
    expect(said(byAgeBand([1277, 1280], [[217, 221], [166, 177], [574, 591], [320, null]]))).toEqual([
      'In 2023/24, "10 to 15" was the largest age band category of the 1,280 reviews (46.2% of them).',
    ]);
  });

  it('still says what the figures shown prove: a hidden part holding less than the leader, or able to move less than the biggest change', () => {
    // 1 to 4 is hidden both years and holds exactly 3 in each (the heading less the rest): it moved by 3 at most.
    expect(said(byAgeBand([60, 50], [[null, null], [20, 10], [37, 37], [0, 0]]))).toEqual([
      'In 2023/24, "10 to 15" was the largest age band category of the 50 reviews (74.0% of them).',
      'The biggest change by age band was in "5 to 9": down to 10 from 20 in 2022/23.',
    ]);
    // With 12 hidden in 2022/23 it could have moved by 12, more than 10: no biggest change.
    expect(said(byAgeBand([69, 50], [[null, null], [20, 10], [37, 37], [0, 0]]))).toEqual([
      'In 2023/24, "10 to 15" was the largest age band category of the 50 reviews (74.0% of them).',
    ]);
  });

  it('never names one of a tie as the biggest change or the largest part', () => {
    // Placement order and section 20 both down by 6 (the sample's children missing more than once by legal status).
    expect(said(byAgeBand([100, 88], [[30, 24], [40, 34], [20, 20], [10, 10]]))).toEqual([
      'In 2023/24, "5 to 9" was the largest age band category of the 88 reviews (38.6% of them).',
    ]);
    // Up 6 and down 6 are as big a change, and two parts of 34 are joint largest.
    expect(said(byAgeBand([100, 100], [[30, 24], [28, 34], [34, 34], [8, 8]]))).toEqual([]);
  });
});
