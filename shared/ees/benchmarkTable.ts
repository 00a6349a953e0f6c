/**
 * The "How we compare" table: one row per measure for the chosen year, the same cells in the view,
 * the Excel and Word exports and the CLI's CSV. Words about the comparison live here too.
 */
import { flowLabel, snapshotLabel } from '../domain/years.js';
import { yearLabelOf, type MeasureUnit } from './measures.js';
import { defaultYear, directionOf, formatFigure, formatPublished, yearOf, type BenchmarkMeasure, type BenchmarkReport, type BenchmarkYear } from './benchmarks.js';

export interface BenchmarkColumn {
  key: string;
  label: string;
  numeric: boolean;
}

export interface BenchmarkCell {
  text: string;
  /** The number behind the text, for spreadsheets (null for symbols and blanks). */
  num: number | null;
  /** Shown emphasised with a marker: the own figure differs from the published one. */
  flag?: boolean;
}

export interface BenchmarkTableRow {
  measure: string;
  cells: Record<string, BenchmarkCell>;
}

export interface BenchmarkTable {
  title: string;
  columns: BenchmarkColumn[];
  rows: BenchmarkTableRow[];
  notes: string[];
}

const QUARTILE_WORDS = ['', 'highest quarter', 'second quarter', 'third quarter', 'lowest quarter'] as const;
export const DIRECTION_WORDS = { up: 'Up', down: 'Down', same: 'No change' } as const;

/** Whole numbers for counts and rates, as DfE publishes them; one decimal for percentages. */
function ownDecimals(m: BenchmarkMeasure): number {
  return m.unit === 'percent' ? 1 : 0;
}

function directionText(d: BenchmarkMeasure['direction']): string {
  return d ? DIRECTION_WORDS[d] : '-';
}

export function comparatorGroupLabel(report: BenchmarkReport): string {
  return report.customComparators ? 'comparators' : 'statistical neighbours';
}

export function sampleDataNote(report: BenchmarkReport): string | null {
  return report.sampleData
    ? `The authority's own figures come from the bundled synthetic sample returns, not from ${report.authority.name}'s data: they are sample data, shown beside real published figures only to demonstrate the comparison.`
    : null;
}

function numCell(value: number | null, m: BenchmarkMeasure, decimals = 0): BenchmarkCell {
  return { text: formatFigure(value, m.unit, decimals), num: value === null ? null : Number(value.toFixed(decimals)) };
}

export function benchmarkRow(m: BenchmarkMeasure, y: BenchmarkYear): BenchmarkTableRow {
  const own = numCell(y.own, m, ownDecimals(m));
  if (y.differs) own.flag = true;
  return {
    measure: m.id,
    cells: {
      measure: { text: m.label, num: null },
      year: { text: yearLabelOf(m, y.year), num: y.year },
      own,
      published: { text: formatPublished(y.published, m.unit), num: y.published?.num ?? null },
      england: { text: formatPublished(y.england, m.unit), num: y.england?.num ?? null },
      region: { text: formatPublished(y.region, m.unit), num: y.region?.num ?? null },
      neighboursMean: numCell(y.neighboursMean, m, 1),
      neighboursMedian: numCell(y.neighboursMedian, m, 1),
      rank: { text: y.rank === null ? '-' : `${y.rank} of ${y.of}`, num: y.rank },
      quartile: { text: y.quartile === null ? '-' : `${y.quartile} (${QUARTILE_WORDS[y.quartile]})`, num: y.quartile },
      direction: { text: directionText(directionOf(m.years, y.year)), num: null },
    },
  };
}

/**
 * The label of a collection year in the year picker, honest for the measures DfE published for it:
 * a year's flows are of the year ("2023/24"), its snapshots of its last day ("31 March 2024"); a
 * year with both says both ("2023/24 (31 March 2024)").
 */
export function compareYearLabel(report: BenchmarkReport, year: number): string {
  const timings = new Set(report.measures.filter((m) => m.years.some((y) => y.year === year && y.published)).map((m) => m.timing));
  if (timings.size === 1 && timings.has('snapshot')) return snapshotLabel(year);
  if (timings.size === 1 && timings.has('flow')) return flowLabel(year);
  return `${flowLabel(year)} (${snapshotLabel(year)})`;
}

export function benchmarkTable(report: BenchmarkReport, chosen?: number | null): BenchmarkTable {
  const year = chosen ?? defaultYear(report);
  const group = comparatorGroupLabel(report);
  const columns: BenchmarkColumn[] = [
    { key: 'measure', label: 'Measure', numeric: false },
    { key: 'year', label: 'Year', numeric: false },
    { key: 'own', label: report.sampleData ? 'Own (from returns, sample data)' : 'Own (from returns)', numeric: true },
    { key: 'published', label: `${report.authority.name} (published)`, numeric: true },
    { key: 'england', label: 'England', numeric: true },
    { key: 'region', label: report.region?.name ?? 'Region', numeric: true },
    { key: 'neighboursMean', label: `${group[0]!.toUpperCase()}${group.slice(1)} (mean)`, numeric: true },
    { key: 'neighboursMedian', label: `${group[0]!.toUpperCase()}${group.slice(1)} (median)`, numeric: true },
    // No-break spaces: the header wraps after "Rank", never inside "(1 = highest)".
    { key: 'rank', label: 'Rank (1\u00a0=\u00a0highest)', numeric: true },
    { key: 'quartile', label: 'Quartile', numeric: true },
    { key: 'direction', label: 'Since the year before', numeric: false },
  ];
  const rows: BenchmarkTableRow[] = [];
  for (const m of report.measures) {
    const y = yearOf(m, year);
    if (y) rows.push(benchmarkRow(m, y));
  }
  return { title: `How ${report.authority.name} compares`, columns, rows, notes: benchmarkNotes(report) };
}

export function benchmarkNotes(report: BenchmarkReport): string[] {
  const group = comparatorGroupLabel(report);
  const names = report.neighbours.map((n) => n.name).join(', ');
  return [
    ...(sampleDataNote(report) ? [sampleDataNote(report)!] : []),
    `Published figures: ${report.attribution}`,
    `Files: ${report.sources.join(', ')}.`,
    `${group[0]!.toUpperCase()}${group.slice(1)}: ${names || 'none'}${report.customComparators ? '' : " (DfE's statistical-neighbour model, 2025)"}. Mean and median are of those with a published figure, and shown (otherwise -) only where more than half of them have one.`,
    "Symbols: c suppressed (small number), x not available, z not applicable, low and k round to 0, u low reliability; - no figure. A symbol is never read as 0.",
    "Own figures are worked out from the authority's returns to DfE's definitions; rates are per 10,000 children aged 0 to 17 (ONS mid-year estimate). ! marks an own figure that differs from DfE's published one at DfE's precision (whole numbers): a check on the extract.",
    'Rank is among all authorities with a published figure (1 = highest); quartile 1 is the highest quarter. Direction compares the own figure (or, without one, the published figure) of the year shown with the year before.',
  ];
}

/** What a comparison sentence needs of a year: the published figures beside the authority's. */
export type ComparedYear = Pick<BenchmarkYear, 'published' | 'england' | 'region' | 'neighboursMean'>;

/** Who is compared: the authority, its region and the comparison group's name. */
export interface ComparedNames {
  authority: string;
  region: string | null;
  group: string;
}

/**
 * A sentence comparing the authority's published figure with England, the region and its
 * comparators' mean, each at the precision shown in the tables: "Looked after on 31 March, per
 * 10,000 children (31 March 2024): Gateshead 132 (published), above England (69), above North East
 * (113) and above the statistical neighbours' mean (111.1)."
 */
export function compareSentence(m: { id: string; label: string; unit: MeasureUnit }, year: number, y: ComparedYear, names: ComparedNames): string | null {
  const value = y.published?.num ?? null;
  // A number of children says nothing set beside England's or a region's: rates and percentages only.
  if (value === null || m.unit === 'count') return null;
  const parts: string[] = [];
  const against = (label: string, other: number | null | undefined, decimals: number) => {
    if (other === null || other === undefined) return;
    const shown = Number(other.toFixed(decimals));
    const rel = value > shown ? 'above' : value < shown ? 'below' : 'the same as';
    parts.push(`${rel} ${label} (${formatFigure(other, m.unit, decimals)})`);
  };
  against('England', y.england?.num, 0);
  if (names.region) against(names.region, y.region?.num, 0);
  against(`the ${names.group}' mean`, y.neighboursMean, 1);
  if (!parts.length) return null;
  return `${m.label} (${yearLabelOf(m, year)}): ${names.authority} ${formatFigure(value, m.unit)} (published), ${joinWords(parts)}.`;
}

export function comparisonSentence(m: BenchmarkMeasure, y: BenchmarkYear, report: BenchmarkReport): string | null {
  return compareSentence(m, y.year, y, { authority: report.authority.name, region: report.region?.name ?? null, group: comparatorGroupLabel(report) });
}

function joinWords(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** One comparison sentence per measure, for the year shown. */
export function benchmarkSentences(report: BenchmarkReport, chosen?: number | null): string[] {
  const year = chosen ?? defaultYear(report);
  return report.measures.flatMap((m) => {
    const y = yearOf(m, year);
    const s = y ? comparisonSentence(m, y, report) : null;
    return s ? [s] : [];
  });
}

/** The table as CSV (numbers plain, symbols as DfE's, a marker column for own figures that differ), notes after a blank line. */
export function benchmarkCsv(table: BenchmarkTable): string {
  const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [[...table.columns.map((c) => c.label), 'Own differs from published'].map(q).join(',')];
  for (const r of table.rows) {
    const cells = table.columns.map((c) => {
      const cell = r.cells[c.key]!;
      return c.numeric && cell.num !== null && c.key !== 'rank' && c.key !== 'quartile' ? String(cell.num) : cell.text;
    });
    lines.push([...cells, r.cells.own?.flag ? 'yes' : ''].map(q).join(','));
  }
  return [...lines, '', ...table.notes.map(q)].join('\n');
}
