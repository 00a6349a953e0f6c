/** The comparison arithmetic and words, on small hand-made figures. */
import { describe, expect, it } from 'vitest';
import { benchmarkCsv, benchmarkTable, compareYearLabel, comparisonSentence } from '../../../shared/ees/benchmarkTable.js';
import { buildBenchmarks, median, ownDiffers, rankAmong, yearOf, type MeasureValue } from '../../../shared/ees/benchmarks.js';

const v = (level: MeasureValue['level'], areaCode: string, year: number, text: string): MeasureValue => ({
  measure: 'cla-rate',
  year,
  level,
  areaCode,
  valueText: text,
  valueNum: /^\d/.test(text) ? Number(text) : null,
  source: 'cla.csv',
});

const input: Parameters<typeof buildBenchmarks>[0] = {
  authority: { code: 'A', name: 'Ayton' },
  region: { code: 'R', name: 'North East' },
  neighbours: [
    { code: 'B', name: 'Beeton' },
    { code: 'C', name: 'Ceeton' },
    { code: 'D', name: 'Deeton' },
  ],
  customComparators: false,
  values: [
    v('la', 'A', 2023, '120'),
    v('la', 'A', 2024, '133'),
    v('la', 'B', 2024, '100'),
    v('la', 'C', 2024, 'c'),
    v('la', 'D', 2024, '141'),
    v('la', 'E', 2024, '60'),
    v('national', 'E92000001', 2024, '70'),
    v('regional', 'R', 2024, '133'),
  ],
  own: { 'cla-rate': { 2023: 119.6, 2024: 131.4 } },
  sampleData: false,
};
const report = buildBenchmarks(input);

describe('comparing an authority', () => {
  const m = report.measures.find((x) => x.id === 'cla-rate')!;
  const y = yearOf(m, 2024)!;

  it('takes neighbours with a number only: a symbol is never a 0', () => {
    expect(y.neighboursWithValue).toBe(2);
    expect(y.neighboursMean).toBe(120.5);
    expect(y.neighboursMedian).toBe(120.5);
  });

  it('ranks among authorities with a published number, 1 the highest, and gives the quarter', () => {
    expect(y.rank).toBe(2);
    expect(y.of).toBe(4);
    expect(y.quartile).toBe(2);
    expect(rankAmong(60, [133, 100, 141, 60])).toEqual({ rank: 4, of: 4, quartile: 4 });
    expect(rankAmong(5, [5, 5, 1])).toEqual({ rank: 1, of: 3, quartile: 1 });
  });

  it('flags an own figure that rounds to something else than the published one', () => {
    expect(y.own).toBe(131.4);
    expect(y.differs).toBe(true);
    expect(ownDiffers(132.6, { text: '133', num: 133 })).toBe(false);
    expect(ownDiffers(10, { text: 'c', num: null })).toBe(false);
    expect(median([3, 1, 2])).toBe(2);
  });

  it('says how it compares, at the figures shown', () => {
    expect(comparisonSentence(m, y, report)).toBe(
      "Looked after on 31 March, per 10,000 children (31 March 2024): Ayton 133 (published), above England (70), the same as North East (133) and above the statistical neighbours' mean (120.5).",
    );
    expect(m.direction).toBe('up');
  });

  it('makes one table row per measure, the own figure marked where it differs, and a CSV of it', () => {
    const table = benchmarkTable(report, 2024);
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]!.cells.own).toEqual({ text: '131', num: 131, flag: true });
    expect(table.rows[0]!.cells.region!.text).toBe('133');
    const csv = benchmarkCsv(table).split('\n');
    expect(csv[1]).toBe('"Looked after on 31 March, per 10,000 children",31 March 2024,131,133,70,133,120.5,120.5,2 of 4,2 (second quarter),Up,yes');
    expect(csv.join('\n')).toMatch(/Open Government Licence/);
  });

  it('gives the direction into the year shown, not always into the latest', () => {
    expect(benchmarkTable(report, 2024).rows[0]!.cells.direction!.text).toBe('Up');
    expect(benchmarkTable(report, 2023).rows[0]!.cells.direction!.text).toBe('-');
  });

  it('withholds the neighbours\' mean and median, and the sentence\'s comparison with them, when half or fewer publish a number', () => {
    // 2023: Beeton, Ceeton and Deeton publish c, c and 90 — one of three has a number.
    const sparse = buildBenchmarks({
      ...input,
      values: [...input.values, v('la', 'B', 2023, 'c'), v('la', 'C', 2023, 'c'), v('la', 'D', 2023, '90'), v('national', 'E92000001', 2023, '70')],
    });
    const s = sparse.measures[0]!;
    const y23 = yearOf(s, 2023)!;
    expect(y23.neighboursWithValue).toBe(1);
    expect(y23.neighboursMean).toBeNull();
    expect(y23.neighboursMedian).toBeNull();
    expect(comparisonSentence(s, y23, sparse)).toBe('Looked after on 31 March, per 10,000 children (31 March 2023): Ayton 120 (published), above England (70).');
    // Two of three (2024) are enough.
    expect(yearOf(s, 2024)!.neighboursMean).toBe(120.5);
  });

  it('falls back to the latest year before the one asked for that has a published figure', () => {
    expect(yearOf(m, 2030)!.year).toBe(2024);
    expect(yearOf(m, 2023)!.year).toBe(2023);
    expect(yearOf(m, 2022)).toBeNull();
  });
});

describe('the year picker of the comparison', () => {
  const at = (measure: string, year: number): MeasureValue => ({ ...v('la', 'A', year, '10'), measure });
  const labels = buildBenchmarks({
    authority: { code: 'A', name: 'Ayton' },
    region: null,
    neighbours: [],
    customComparators: false,
    // 2022: a flow only (missing); 2023: a snapshot (CLA rate) and a flow; 2024: the snapshot only.
    values: [at('missing-percent', 2022), at('cla-rate', 2023), at('started-rate', 2023), at('cla-rate', 2024)],
    own: {},
    sampleData: false,
  });

  it('labels a year by what DfE published for it: the year of flows, 31 March of snapshots, or both', () => {
    expect(compareYearLabel(labels, 2022)).toBe('2021/22');
    expect(compareYearLabel(labels, 2023)).toBe('2022/23 (31 March 2023)');
    expect(compareYearLabel(labels, 2024)).toBe('31 March 2024');
  });
});
