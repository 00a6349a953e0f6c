/**
 * Reading DfE's open-data CSVs as explore-education-statistics (EES) publishes them: tidy files with
 * time_period, geographic_level, area columns, filter columns, then indicator columns. Columns are
 * told apart by their names and values, never by position, because layouts change between releases.
 * DfE's symbols (c, x, z, low, k, u) stay symbols: value_text keeps them and value_num is null.
 */
import { scanCsv, detectDelimiter } from '../import/csv.js';

/** DfE's symbols for values that are not numbers, and what each means. */
export const DFE_SYMBOLS: Readonly<Record<string, string>> = {
  c: 'suppressed to protect confidentiality (small number)',
  x: 'not available',
  z: 'not applicable',
  low: 'rounds to 0 but is not 0',
  k: 'fewer than 0.5 (rounds to 0)',
  u: 'low reliability',
};

export const OGL_ATTRIBUTION =
  'Contains public sector information licensed under the Open Government Licence v3.0. Source: Department for Education, Children looked after in England including adoptions.';

/** One published value: one indicator of one row of an EES file. */
export interface PublishedValue {
  sourceRow: number;
  /** The collection year the period ends in (2024 for time_period 2024 or 202324). */
  timePeriod: number;
  geographicLevel: string;
  /** The area's code at its level: new_la_code, region_code or country_code. */
  areaCode: string;
  areaName: string;
  oldLaCode: string;
  regionCode: string;
  regionName: string;
  /** Filter column -> label, e.g. { cla_group: 'Legal status', characteristic: 'Full care order' }. */
  filters: Record<string, string>;
  indicator: string;
  /** As published: a number or a DfE symbol. */
  valueText: string;
  /** The number, or null for a symbol. Never 0 for a symbol. */
  valueNum: number | null;
}

export interface EesColumns {
  time: string[];
  geography: string[];
  filters: string[];
  indicators: string[];
}

export interface EesProblem {
  row?: number;
  column?: string;
  value?: string;
  text: string;
}

export interface ParsedEesFile {
  columns: EesColumns;
  values: PublishedValue[];
  /** Data rows read. */
  rows: number;
  problems: EesProblem[];
}

const TIME_COLUMNS = new Set(['time_period', 'time_identifier']);
/** EES's standard geography columns (area codes and names at every level it publishes). */
const GEOGRAPHY_COLUMN =
  /^(geographic_level|country_(code|name)|region_(code|name)|old_la_code|new_la_code|la_(code|name)|lad_(code|name)|pcon_(code|name)|lsip_(code|name)|english_devolved_area_(code|name)|local_enterprise_partnership_(code|name)|opportunity_area_(code|name)|rsc_region_lead_name|ward_(code|name)|mat_(id|name)|trust_(id|name)|sponsor_(id|name)|school_(urn|laestab|name)|provider_(ukprn|name)|institution_(id|name)|planning_area_(code|name))$/;
/** Names DfE gives indicators: counts, percentages, rates, estimates, averages. */
const INDICATOR_NAME = /(^|_)(count|number|percent|percentage|pct|rate|rate_per_10000|estimate|average|mean|median|total|value)$/;
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

export function isDfeSymbol(text: string): boolean {
  return Object.prototype.hasOwnProperty.call(DFE_SYMBOLS, text.trim().toLowerCase());
}

function isValue(text: string): boolean {
  const t = text.trim();
  return t === '' || NUMBER.test(t.replace(/,/g, '')) || isDfeSymbol(t);
}

/** The collection year a time_period stands for: 2024, or the year it ends for 202324. */
export function periodYear(text: string): number | null {
  const t = text.trim();
  if (/^\d{4}$/.test(t)) return Number(t);
  if (/^\d{6}$/.test(t)) {
    const start = Number(t.slice(0, 4));
    const end = Number(t.slice(4));
    if ((start + 1) % 100 === end) return start + 1;
  }
  return null;
}

/**
 * Tell the columns apart by meaning: time and geography by their standard names; indicators by an
 * indicator's name, or as the trailing columns holding only numbers and symbols (EES puts them last);
 * everything else is a filter.
 */
export function classifyColumns(header: string[], records: string[][]): EesColumns {
  const time = header.filter((c) => TIME_COLUMNS.has(c));
  const geography = header.filter((c) => GEOGRAPHY_COLUMN.test(c));
  const rest = header.map((c, i) => ({ c, i })).filter(({ c }) => !TIME_COLUMNS.has(c) && !GEOGRAPHY_COLUMN.test(c));
  const allValues = (i: number) => records.every((r) => isValue(r[i] ?? ''));
  const indicator = new Set<string>();
  // The trailing run of value-only columns.
  for (let k = rest.length - 1; k >= 0; k--) {
    const { c, i } = rest[k]!;
    if (!allValues(i)) break;
    indicator.add(c);
  }
  for (const { c } of rest) if (INDICATOR_NAME.test(c)) indicator.add(c);
  return {
    time,
    geography,
    filters: rest.filter(({ c }) => !indicator.has(c)).map(({ c }) => c),
    indicators: rest.filter(({ c }) => indicator.has(c)).map(({ c }) => c),
  };
}

/** Whether the header is an EES tidy file (time_period and geographic_level present). */
export function isEesHeader(header: string[]): boolean {
  const h = header.map(normaliseHeader);
  return h.includes('time_period') && h.includes('geographic_level');
}

function normaliseHeader(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().toLowerCase();
}

/** Parse one EES CSV (text already decoded). Problems name the row (1-based, header = 1) and column. */
export function parseEesCsv(text: string): ParsedEesFile {
  const body = text.replace(/^\uFEFF/, '');
  const scan = scanCsv(body, detectDelimiter(body), true);
  const header = scan.header.map(normaliseHeader);
  const problems: EesProblem[] = scan.problems.map((p) => ({ row: p.line, text: p.text }));
  const empty: ParsedEesFile = { columns: { time: [], geography: [], filters: [], indicators: [] }, values: [], rows: 0, problems };
  for (const required of ['time_period', 'geographic_level']) {
    if (!header.includes(required)) problems.push({ column: required, text: `This is not an explore-education-statistics data file: it has no ${required} column.` });
  }
  if (problems.length) return empty;
  const records = (scan.rows ?? []).map((r) => r.fields);
  const columns = classifyColumns(header, records);
  if (columns.indicators.length === 0) {
    problems.push({ text: 'No indicator columns were found: the last columns of an EES file hold numbers or DfE symbols (c, x, z, low, k, u).' });
    return { ...empty, columns };
  }
  const at = (name: string) => header.indexOf(name);
  const col = Object.fromEntries(
    ['time_period', 'geographic_level', 'country_code', 'country_name', 'region_code', 'region_name', 'old_la_code', 'new_la_code', 'la_name'].map((c) => [c, at(c)]),
  );
  const filterAt = columns.filters.map((f) => [f, at(f)] as const);
  const indicatorAt = columns.indicators.map((f) => [f, at(f)] as const);
  const values: PublishedValue[] = [];
  for (const record of scan.rows ?? []) {
    const row = record.line;
    const get = (i: number | undefined) => (i === undefined || i < 0 ? '' : (record.fields[i] ?? '').trim());
    const timeText = get(col.time_period);
    const timePeriod = periodYear(timeText);
    if (timePeriod === null) {
      problems.push({ row, column: 'time_period', value: timeText, text: 'time_period must be a year (2024) or a pair of years (202324).' });
      continue;
    }
    const level = get(col.geographic_level);
    const lower = level.toLowerCase();
    const areaCode =
      lower === 'national' ? get(col.country_code) : lower === 'regional' ? get(col.region_code) : get(col.new_la_code) || get(col.region_code) || get(col.country_code);
    const areaName = lower === 'national' ? get(col.country_name) : lower === 'regional' ? get(col.region_name) : get(col.la_name) || get(col.region_name);
    if (!level || !areaCode) {
      problems.push({ row, column: level ? 'new_la_code' : 'geographic_level', text: 'Each row needs its geographic level and the code of its area.' });
      continue;
    }
    const filters: Record<string, string> = {};
    for (const [f, i] of filterAt) filters[f] = get(i);
    for (const [indicator, i] of indicatorAt) {
      const raw = get(i);
      if (!isValue(raw)) {
        problems.push({ row, column: indicator, value: raw, text: `An indicator holds a number or one of DfE's symbols (${Object.keys(DFE_SYMBOLS).join(', ')}).` });
        continue;
      }
      const symbol = isDfeSymbol(raw);
      values.push({
        sourceRow: row,
        timePeriod,
        geographicLevel: level,
        areaCode,
        areaName,
        oldLaCode: get(col.old_la_code),
        regionCode: get(col.region_code),
        regionName: get(col.region_name),
        filters,
        indicator,
        valueText: symbol ? raw.toLowerCase() : raw,
        valueNum: symbol || raw === '' ? null : Number(raw.replace(/,/g, '')),
      });
    }
  }
  return { columns, values, rows: records.length, problems: problems.slice(0, 200) };
}

/** One authority's statistical neighbours, as DfE's model lists them (old three-digit LA codes). */
export interface NeighbourRow {
  oldLaCode: string;
  laName: string;
  rank: number;
  neighbourOldLaCode: string;
  closeness: string;
}

/** Whether the header is DfE's statistical-neighbour model (wide: SN_1 .. SN_10). */
export function isNeighbourHeader(header: string[]): boolean {
  const h = header.map(normaliseHeader);
  return h.includes('old_la_code') && h.includes('sn_1') && !h.includes('time_period');
}

/** Parse DfE's statistical-neighbour model (wide: old_la_code, la_name, SN_1, SN_1P ... SN_10, SN_10P). */
export function parseNeighbourCsv(text: string): { rows: NeighbourRow[]; problems: EesProblem[] } {
  const body = text.replace(/^\uFEFF/, '');
  const scan = scanCsv(body, detectDelimiter(body), true);
  const header = scan.header.map(normaliseHeader);
  const problems: EesProblem[] = scan.problems.map((p) => ({ row: p.line, text: p.text }));
  const code = header.indexOf('old_la_code');
  const name = header.indexOf('la_name');
  const ranks = header.map((h, i) => ({ m: /^sn_(\d+)$/.exec(h), i })).filter((x) => x.m).map((x) => ({ rank: Number(x.m![1]), i: x.i, p: header.indexOf(`sn_${x.m![1]}p`) }));
  const rows: NeighbourRow[] = [];
  for (const record of scan.rows ?? []) {
    const f = record.fields;
    const own = (f[code] ?? '').trim();
    if (!/^\d{3}$/.test(own)) {
      problems.push({ row: record.line, column: 'old_la_code', value: own, text: 'An authority is named by its three-digit DfE code.' });
      continue;
    }
    for (const r of ranks) {
      const n = (f[r.i] ?? '').trim();
      if (n === '') continue;
      if (!/^\d{3}$/.test(n)) {
        problems.push({ row: record.line, column: header[r.i]!, value: n, text: 'A neighbour is named by its three-digit DfE code.' });
        continue;
      }
      rows.push({ oldLaCode: own, laName: (f[name] ?? '').trim(), rank: r.rank, neighbourOldLaCode: n, closeness: r.p >= 0 ? (f[r.p] ?? '').trim() : '' });
    }
  }
  return { rows, problems: problems.slice(0, 200) };
}
