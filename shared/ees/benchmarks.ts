/**
 * How an authority compares: for each published measure and year, its own figure (from its
 * returns), its published figure, England, its region, its statistical neighbours' mean and median,
 * and its rank and quartile among all authorities. Pure: the published values and the own figures
 * come in, the comparison goes out.
 */
import { MEASURES, type MeasureSpec, type MeasureUnit } from './measures.js';
import { OGL_ATTRIBUTION } from './parse.js';

export interface Area {
  code: string;
  name: string;
  oldLaCode?: string;
  regionCode?: string;
  regionName?: string;
}

/** A published value of one measure for one area and year, as the workspace's published table holds it. */
export interface MeasureValue {
  measure: string;
  year: number;
  level: 'national' | 'regional' | 'la';
  areaCode: string;
  valueText: string;
  valueNum: number | null;
  source: string;
}

export interface Published {
  text: string;
  num: number | null;
}

export interface BenchmarkYear {
  year: number;
  /** From the authority's own returns (null when not loaded or not computable). */
  own: number | null;
  /** DfE's published figure for the authority. */
  published: Published | null;
  /** The own figure differs from the published one (both numbers, compared at the published precision). */
  differs: boolean;
  england: Published | null;
  region: Published | null;
  neighboursMean: number | null;
  neighboursMedian: number | null;
  /** How many neighbours had a number. */
  neighboursWithValue: number;
  /** 1 = the highest published figure among authorities. */
  rank: number | null;
  of: number;
  /** 1 = the highest quarter of authorities, 4 = the lowest. */
  quartile: 1 | 2 | 3 | 4 | null;
  source: string | null;
}

export interface BenchmarkMeasure {
  id: string;
  label: string;
  unit: MeasureUnit;
  timing: 'snapshot' | 'flow';
  higherIs?: 'better' | 'worse';
  /** Where the own figure comes from, when the returns give one. */
  own?: MeasureSpec['own'];
  years: BenchmarkYear[];
  /** Of the authority's figure (own where there is one, else published), latest year against the one before. */
  direction: 'up' | 'down' | 'same' | null;
}

export interface BenchmarkReport {
  authority: Area;
  region: Area | null;
  neighbours: Area[];
  /** The comparison group is a custom list, not DfE's statistical neighbours. */
  customComparators: boolean;
  measures: BenchmarkMeasure[];
  /** The own figures come from the bundled synthetic returns: not the authority's real data. */
  sampleData: boolean;
  /** Children aged 0 to 17 in the authority by year (ONS mid-year estimate): the denominator of own rates. */
  population: Record<string, number>;
  /** The latest year of the authority's own returns (the year shown by default), or null. */
  latestOwnYear: number | null;
  attribution: string;
  sources: string[];
}

export interface BenchmarkInput {
  authority: Area;
  region: Area | null;
  neighbours: Area[];
  customComparators: boolean;
  values: MeasureValue[];
  /** Own figures: own[measureId][year]. */
  own: Record<string, Record<number, number | null>>;
  population?: Record<string, number>;
  sampleData: boolean;
}

/**
 * Whether the comparators' mean and median can be shown: only when more than half of them publish a
 * number. The others are symbols (c hides 1 to 5 children, never 0), so a mean of the few left
 * would be read as the group's — 0.0% "taken over" 1 of 10 neighbours when 9 are c.
 */
export function enoughToAverage(withValue: number, comparators: number): boolean {
  return withValue * 2 > comparators;
}

export function mean(xs: number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Competition rank (1 = highest) and quartile of value among values. */
export function rankAmong(value: number, values: number[]): { rank: number; of: number; quartile: 1 | 2 | 3 | 4 } {
  const rank = values.filter((v) => v > value).length + 1;
  const of = values.length;
  const quartile = Math.min(4, Math.floor(((rank - 1) * 4) / of) + 1) as 1 | 2 | 3 | 4;
  return { rank, of, quartile };
}

/** Whether the own figure rounds to something other than the published one (DfE publishes whole numbers). */
export function ownDiffers(own: number | null, published: Published | null): boolean {
  if (own === null || published?.num === null || published === null) return false;
  return Math.round(own) !== Math.round(published.num);
}

function toPublished(v: MeasureValue | undefined): Published | null {
  return v ? { text: v.valueText, num: v.valueNum } : null;
}

export function buildBenchmarks(input: BenchmarkInput): BenchmarkReport {
  const byMeasure = new Map<string, MeasureValue[]>();
  for (const v of input.values) {
    const list = byMeasure.get(v.measure) ?? [];
    list.push(v);
    byMeasure.set(v.measure, list);
  }
  const neighbourCodes = new Set(input.neighbours.map((n) => n.code));
  const measures: BenchmarkMeasure[] = [];
  for (const spec of MEASURES) {
    const values = byMeasure.get(spec.id) ?? [];
    const own = input.own[spec.id] ?? {};
    const years = [...new Set([...values.map((v) => v.year), ...Object.keys(own).map(Number)])].sort((a, b) => a - b);
    if (!values.some((v) => v.level === 'la' && v.areaCode === input.authority.code)) continue;
    const rows: BenchmarkYear[] = years.map((year) => {
      const inYear = values.filter((v) => v.year === year);
      const find = (level: MeasureValue['level'], code: string | undefined) => inYear.find((v) => v.level === level && v.areaCode === code);
      const published = toPublished(find('la', input.authority.code));
      const las = inYear.filter((v) => v.level === 'la' && v.valueNum !== null);
      const neighbourValues = las.filter((v) => neighbourCodes.has(v.areaCode)).map((v) => v.valueNum!);
      const grouped = enoughToAverage(neighbourValues.length, input.neighbours.length) ? neighbourValues : [];
      const placed = published?.num !== null && published !== null ? rankAmong(published.num!, las.map((v) => v.valueNum!)) : null;
      const ownValue = own[year] ?? null;
      return {
        year,
        own: ownValue,
        published,
        differs: ownDiffers(ownValue, published),
        england: toPublished(inYear.find((v) => v.level === 'national')),
        region: toPublished(find('regional', input.region?.code)),
        neighboursMean: mean(grouped),
        neighboursMedian: median(grouped),
        neighboursWithValue: neighbourValues.length,
        rank: placed?.rank ?? null,
        of: las.length,
        quartile: placed?.quartile ?? null,
        source: inYear[0]?.source ?? null,
      };
    });
    measures.push({ id: spec.id, label: spec.label, unit: spec.unit, timing: spec.timing ?? 'flow', ...(spec.higherIs ? { higherIs: spec.higherIs } : {}), ...(spec.own ? { own: spec.own } : {}), years: rows, direction: directionOf(rows) });
  }
  return {
    authority: input.authority,
    region: input.region,
    neighbours: input.neighbours,
    customComparators: input.customComparators,
    measures,
    sampleData: input.sampleData,
    population: input.population ?? {},
    latestOwnYear: latest(Object.values(input.own).flatMap((byYear) => Object.keys(byYear).map(Number))),
    attribution: OGL_ATTRIBUTION,
    sources: [...new Set(input.values.map((v) => v.source))].sort(),
  };
}

/** The authority's figure of a year: its own where it has one, else the published number. */
export function figureOf(y: BenchmarkYear): number | null {
  return y.own ?? y.published?.num ?? null;
}

/** The direction of the authority's figure into a year (by default the latest), from the year before with a figure. */
export function directionOf(rows: BenchmarkYear[], upTo?: number): BenchmarkMeasure['direction'] {
  const known = rows.filter((r) => upTo === undefined || r.year <= upTo).map((r) => ({ r, v: figureOf(r) })).filter((x) => x.v !== null);
  if (known.length < 2) return null;
  const last = Math.round(known.at(-1)!.v! * 10);
  const before = Math.round(known.at(-2)!.v! * 10);
  return last > before ? 'up' : last < before ? 'down' : 'same';
}

/**
 * The row a comparison of `year` shows for a measure: that year, or the latest year before it with a
 * published figure for the authority (DfE's files end in different years). Without a year: the latest.
 */
export function yearOf(m: BenchmarkMeasure, year?: number | null): BenchmarkYear | null {
  const candidates = m.years.filter((y) => (year === undefined || year === null || y.year <= year) && y.published !== null);
  return candidates.at(-1) ?? null;
}

/** The year a comparison shows unless another is chosen: the latest year of the own returns, else the latest published. */
export function defaultYear(report: BenchmarkReport): number | null {
  return report.latestOwnYear ?? latest(report.measures.flatMap((m) => m.years.map((y) => y.year)));
}

function latest(years: number[]): number | null {
  return years.length ? Math.max(...years) : null;
}

/** A figure at the measure's precision: whole numbers for counts and rates, one decimal for own percentages. */
export function formatFigure(value: number | null, unit: MeasureUnit, decimals = 0): string {
  if (value === null) return '-';
  const text = value.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return unit === 'percent' ? `${text}%` : text;
}

/** A published value as DfE shows it: the number with its unit, or the symbol. */
export function formatPublished(p: Published | null, unit: MeasureUnit): string {
  if (!p) return '-';
  if (p.num === null) return p.text || '-';
  return formatFigure(p.num, unit);
}
