/**
 * Published comparators inside a pack: each catalogue measure names the pack row it matches
 * (measures.ts: own.pack / own.row), so a pack's result carries, for each such row and year, the
 * authority's published figure, England, its region and its neighbours' mean and median. The own
 * figure is read from the pack's final (possibly suppressed) cells, so a comparator never shows what
 * suppression hid; a rate is worked out only from a count the table shows.
 */
import type { PackResult } from '../packs/result.js';
import { compareSentence, comparatorGroupLabel } from './benchmarkTable.js';
import type { BenchmarkReport, BenchmarkYear, Published } from './benchmarks.js';
import { ownMatchesOptions, type MeasureUnit } from './measures.js';

/** One year of a compared row: the own figure read from the pack's final (possibly suppressed) cell. */
export type ComparatorYear = Pick<BenchmarkYear, 'own' | 'published' | 'differs' | 'england' | 'region' | 'neighboursMean' | 'neighboursMedian'>;

export interface ComparatorSeries {
  measure: string;
  label: string;
  unit: MeasureUnit;
  /** The pack row it compares. */
  rowKey: string;
  byYear: Record<string, ComparatorYear>;
}

export interface PackComparators {
  authority: string;
  region: string | null;
  /** 'statistical neighbours' or 'comparators' (a custom list). */
  group: string;
  sampleData: boolean;
  attribution: string;
  series: ComparatorSeries[];
}

/**
 * The comparators of one pack's result, or null when no published measure matches it. population:
 * children aged 0 to 17 by year, for own rates; options: those the pack ran with, defaults filled in
 * (a measure that needs other choices is not set beside the row).
 */
export function packComparators(result: PackResult, report: BenchmarkReport, population: Record<string, number>, options: Readonly<Record<string, string>> = {}): PackComparators | null {
  const series: ComparatorSeries[] = [];
  for (const m of report.measures) {
    if (m.own?.pack !== result.pack || !ownMatchesOptions(m.own, options)) continue;
    const row = result.rows.find((r) => r.key === m.own!.row);
    if (!row) continue;
    const byYear: Record<string, ComparatorYear> = {};
    for (const year of result.years) {
      const b = m.years.find((y) => y.year === year);
      const cell = row.values[String(year)];
      const count = cell?.suppressed ? null : (cell?.count ?? null);
      const pop = population[String(year)];
      const own = m.own.value === 'count' ? count : m.own.value === 'percent' ? (cell?.suppressed ? null : (cell?.percent ?? null)) : count !== null && pop ? (count * 10000) / pop : null;
      const published = b?.published ?? null;
      byYear[String(year)] = {
        own,
        published,
        differs: own !== null && published?.num != null && Math.round(own) !== Math.round(published.num),
        england: b?.england ?? null,
        region: b?.region ?? null,
        neighboursMean: b?.neighboursMean ?? null,
        neighboursMedian: b?.neighboursMedian ?? null,
      };
    }
    if (Object.values(byYear).some((y) => y.published || y.england || y.region || y.neighboursMean !== null)) {
      series.push({ measure: m.id, label: m.label, unit: m.unit, rowKey: m.own.row, byYear });
    }
  }
  if (!series.length) return null;
  return {
    authority: report.authority.name,
    region: report.region?.name ?? null,
    group: comparatorGroupLabel(report),
    sampleData: report.sampleData,
    attribution: report.attribution,
    series,
  };
}

/**
 * One sentence per compared measure, for the latest year shown that DfE has published, at the
 * comparator table's precision; and a reminder when the own figures are sample data.
 */
export function comparatorSentences(result: PackResult, years: readonly number[] = result.years): string[] {
  const c = result.comparators;
  if (!c) return [];
  const out: string[] = [];
  for (const s of c.series) {
    const year = [...years].sort((a, b) => b - a).find((y) => s.byYear[String(y)]?.published?.num != null);
    const sentence = year === undefined ? null : compareSentence({ id: s.measure, label: s.label, unit: s.unit }, year, s.byYear[String(year)]!, c);
    if (sentence) out.push(sentence);
  }
  if (out.length && c.sampleData) out.push(`The figures in this table are sample data, not ${c.authority}'s: the comparison only demonstrates the method.`);
  return out;
}

/** The comparator rows of a series as they appear under the pack's table and in exports; decimals: the places each row shows. */
export function comparatorRows(c: PackComparators, s: ComparatorSeries): { label: string; decimals: number; pick: (y: ComparatorYear) => { text: string; num: number | null; flag?: boolean } }[] {
  const fmt = (n: number | null, decimals: number) => ({ text: n === null ? '-' : `${n.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })}${s.unit === 'percent' ? '%' : ''}`, num: n === null ? null : Number(n.toFixed(decimals)) });
  const pub = (p: Published | null) => (p === null ? { text: '-', num: null } : p.num === null ? { text: p.text, num: null } : fmt(p.num, 0));
  const group = `${c.group[0]!.toUpperCase()}${c.group.slice(1)}`;
  const ownDecimals = s.unit === 'percent' ? 1 : 0;
  return [
    { label: `${c.authority}, from the returns${c.sampleData ? ' (sample data)' : ''}`, decimals: ownDecimals, pick: (y) => ({ ...fmt(y.own, ownDecimals), ...(y.differs ? { flag: true } : {}) }) },
    { label: `${c.authority}, published by DfE`, decimals: 0, pick: (y) => pub(y.published) },
    { label: 'England', decimals: 0, pick: (y) => pub(y.england) },
    ...(c.region ? [{ label: c.region, decimals: 0, pick: (y: ComparatorYear) => pub(y.region) }] : []),
    { label: `${group} (mean)`, decimals: 1, pick: (y) => fmt(y.neighboursMean, 1) },
    { label: `${group} (median)`, decimals: 1, pick: (y) => fmt(y.neighboursMedian, 1) },
  ];
}

export function comparatorSource(c: PackComparators): string {
  return `Comparators: ${c.attribution}${c.sampleData ? ` The figures from the returns are sample data, not ${c.authority}'s.` : ''} ! marks a figure from the returns that differs from DfE's published one. The ${c.group}' mean and median are of those with a published figure, shown (otherwise -) only where more than half of them have one.`;
}

/** The comparators as CSV rows after the pack's own table: measure, source, one column per year, then the source line. */
export function comparatorCsvRows(result: PackResult): (string | number)[][] {
  const c = result.comparators;
  if (!c) return [];
  const rows: (string | number)[][] = [[], ['How we compare'], ['measure', 'source', ...result.years.map(String)]];
  for (const s of c.series) {
    for (const r of comparatorRows(c, s)) {
      rows.push([s.label, r.label, ...result.years.map((y) => {
        const v = s.byYear[String(y)];
        const shown = v ? r.pick(v) : { text: '', num: null };
        return shown.num !== null && !shown.flag ? shown.num : shown.text === '-' ? '' : shown.text;
      })]);
    }
  }
  rows.push([comparatorSource(c)]);
  return rows;
}
