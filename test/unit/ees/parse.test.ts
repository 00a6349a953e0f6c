/**
 * DfE's published files as shipped in sample-data/ees (unchanged copies of the EES downloads): every
 * one reads with its symbols intact, columns are told apart by meaning, and the catalogue finds the
 * same measure in files that word it differently.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getMeasure, measureOf, MEASURES } from '../../../shared/ees/measures.js';
import { DFE_SYMBOLS, isNeighbourHeader, parseEesCsv, parseNeighbourCsv, periodYear, type PublishedValue } from '../../../shared/ees/parse.js';

const DIR = resolve(import.meta.dirname, '../../../sample-data/ees');
const CSV_FILES = readdirSync(DIR).filter((f) => f.endsWith('.csv')).sort();
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');

/** An independent split of a CSV line (quotes with doubled quotes inside), for counting cells by hand. */
function splitLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') out.push(cur), (cur = '');
    else cur += ch;
  }
  out.push(cur);
  return out;
}

const parsed = new Map<string, ReturnType<typeof parseEesCsv>>();
function ees(file: string) {
  if (!parsed.has(file)) parsed.set(file, parseEesCsv(read(file)));
  return parsed.get(file)!;
}

// Parses every shipped file (tens of MB): seconds, more on a busy machine.
describe('the shipped EES files', { timeout: 60_000 }, () => {
  it('are all there: the twelve data files and the neighbour model', () => {
    expect(CSV_FILES).toHaveLength(12);
    expect(CSV_FILES).toContain('sn_model_2025_wide.csv');
  });

  for (const file of CSV_FILES.filter((f) => !f.startsWith('sn_'))) {
    it(`${file} reads without a problem, every symbol kept as a symbol and every number as itself`, () => {
      const text = read(file);
      const result = ees(file);
      expect(result.problems).toEqual([]);
      const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '');
      const header = splitLine(lines[0]!);
      expect(result.rows).toBe(lines.length - 1);
      expect(result.values).toHaveLength(result.rows * result.columns.indicators.length);
      // Count each symbol in the indicator columns by hand, and compare with what was kept.
      const expected = new Map<string, number>();
      for (const line of lines.slice(1)) {
        const cells = splitLine(line);
        for (const ind of result.columns.indicators) {
          const v = cells[header.indexOf(ind)]!.trim();
          if (!/^-?\d/.test(v)) expected.set(v, (expected.get(v) ?? 0) + 1);
        }
      }
      const kept = new Map<string, number>();
      for (const v of result.values) {
        if (v.valueNum === null) kept.set(v.valueText, (kept.get(v.valueText) ?? 0) + 1);
        else expect(String(v.valueNum)).toBe(v.valueText.replace(/,/g, '').replace(/\.0+$/, ''));
      }
      expect(kept).toEqual(expected);
      for (const symbol of kept.keys()) expect(Object.keys(DFE_SYMBOLS)).toContain(symbol);
    });
  }

  it('finds the columns by meaning, not position', () => {
    expect(ees('cla_number_and_rate_per_10k_children.csv').columns).toEqual({
      time: ['time_period', 'time_identifier'],
      geography: ['geographic_level', 'country_code', 'country_name', 'region_code', 'region_name', 'old_la_code', 'la_name', 'new_la_code'],
      filters: ['population_type'],
      indicators: ['population_estimate', 'children_count', 'rate_per_10000'],
    });
    // The ONS file puts new_la_code before la_name; the parse follows the names.
    const ons = ees('ons_mid-year_population_estimates_2012_to_2024.csv');
    const gateshead = ons.values.find((v) => v.timePeriod === 2024 && v.areaName === 'Gateshead')!;
    expect(gateshead).toMatchObject({ geographicLevel: 'Local authority', areaCode: 'E08000037', oldLaCode: '390', regionName: 'North East' });
  });

  it('reads the 2022 and 2025 stability files, which name the same measures differently, as the same measures', () => {
    const old = ees('la_cla_at_31_march_placement_stability_indicator.csv');
    const now = ees('la_cla_placement_stability.csv');
    expect(old.columns.filters).toEqual(['cla_group', 'characteristic']);
    expect(now.columns.filters).toEqual(['cla_group', 'placement_stability']);
    const pick = (values: PublishedValue[], measure: string, year: number) =>
      values.filter((v) => measureOf(v.filters, v.indicator) === measure && v.timePeriod === year && v.geographicLevel === 'National');
    for (const measure of ['stability-three-plus', 'stability-long-term']) {
      for (const year of [2021, 2022]) {
        const a = pick(old.values, measure, year);
        const b = pick(now.values, measure, year);
        expect(a, `${measure} ${year} in the 2022 file`).toHaveLength(1);
        expect(b, `${measure} ${year} in the 2025 file`).toHaveLength(1);
        expect(a[0]!.indicator).toBe('percentage');
        expect(b[0]!.indicator).toBe('children_percent');
      }
    }
  });

  it('finds every catalogue measure in some shipped file', () => {
    const found = new Set<string>();
    for (const file of CSV_FILES.filter((f) => !f.startsWith('sn_'))) {
      for (const v of ees(file).values) {
        const m = measureOf(v.filters, v.indicator);
        if (m) found.add(m);
      }
    }
    for (const m of MEASURES) expect(found, m.id).toContain(m.id);
    expect(found).toContain('population');
  });

  it('keeps Gateshead\'s published 2024 rate and England\'s as DfE published them', () => {
    const values = ees('cla_number_and_rate_per_10k_children.csv').values.filter((v) => measureOf(v.filters, v.indicator) === 'cla-rate' && v.timePeriod === 2024);
    expect(values.find((v) => v.areaName === 'Gateshead')?.valueNum).toBe(132);
    expect(values.find((v) => v.geographicLevel === 'National')?.valueNum).toBe(69);
    expect(getMeasure('cla-rate')?.unit).toBe('rate');
  });

  it('reads the statistical-neighbour model: ten neighbours for each of the 153 authorities', () => {
    const text = read('sn_model_2025_wide.csv');
    expect(isNeighbourHeader(splitLine(text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!))).toBe(true);
    const { rows, problems } = parseNeighbourCsv(text);
    expect(problems).toEqual([]);
    expect(new Set(rows.map((r) => r.oldLaCode)).size).toBe(153);
    expect(rows).toHaveLength(1530);
    const gateshead = rows.filter((r) => r.oldLaCode === '390').sort((a, b) => a.rank - b.rank);
    expect(gateshead.map((r) => r.neighbourOldLaCode)).toEqual(['841', '357', '393', '372', '808', '840', '807', '394', '332', '384']);
  });
});

describe('reading an EES file', () => {
  const HEAD = 'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code';

  it('takes columns in any order and keeps symbols, never reading them as 0', () => {
    const text = `geographic_level,time_period,new_la_code,la_name,old_la_code,country_code,country_name,region_code,region_name,time_identifier,pct,group\n` +
      `Local authority,2024,E1,Here,100,E92000001,England,E12000001,North East,Reporting year,c,All\n` +
      `Local authority,2024,E2,There,101,E92000001,England,E12000001,North East,Reporting year,0,All\n`;
    const r = parseEesCsv(text);
    expect(r.problems).toEqual([]);
    expect(r.columns.indicators).toEqual(['pct']);
    expect(r.columns.filters).toEqual(['group']);
    expect(r.values.map((v) => [v.areaCode, v.valueText, v.valueNum])).toEqual([
      ['E1', 'c', null],
      ['E2', '0', 0],
    ]);
  });

  it('names the row and column of a value that is neither a number nor a DfE symbol', () => {
    const r = parseEesCsv(`${HEAD},characteristic,number\n2024,Reporting year,National,E92000001,England,,,,,,Total,12a\n`);
    expect(r.problems).toEqual([expect.objectContaining({ row: 2, column: 'number', value: '12a' })]);
  });

  it('refuses a file that is not an EES data file, naming the missing column', () => {
    const r = parseEesCsv('CHILD,SEX,DOB\n1,1,01/01/2010\n');
    expect(r.problems.map((p) => p.column)).toEqual(['time_period', 'geographic_level']);
  });

  it('reads financial-year periods as the year they end in', () => {
    expect(periodYear('2024')).toBe(2024);
    expect(periodYear('202324')).toBe(2024);
    expect(periodYear('202399')).toBeNull();
    expect(periodYear('2024/25')).toBeNull();
  });
});
