/**
 * The seeded synthetic 903 sample (sample-data/generate.ts): determinism, file layout, dates,
 * episode chains, and the deliberate hard cases in the bundled sample (sample-data/returns).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSample, type GenerateOptions } from '../../sample-data/generator/index.js';
import { FILE_KINDS, fileKind, type FileKindId } from '../../shared/domain/fileKinds.js';

const BUNDLED = resolve('sample-data/returns');
const BUNDLED_XLSX = resolve('sample-data/returns-xlsx/2024.xlsx');
const BUNDLED_YEARS = [2019, 2020, 2021, 2022, 2023, 2024];

type Rec = Record<string, string>;

/** Our CSVs never quote (no commas in any value); a quote would be a generator bug. */
function readCsv(path: string): { header: string[]; rows: Rec[] } {
  const text = readFileSync(path, 'utf8');
  expect(text.includes('"')).toBe(false);
  const lines = text.split('\n');
  expect(lines.pop()).toBe(''); // ends with a newline
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => {
    const cells = l.split(',');
    expect(cells.length).toBe(header.length);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]!]));
  });
  return { header, rows };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

/** dd/mm/yyyy -> ISO, or null when it is not a real calendar date. */
function iso(ddmmyyyy: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(ddmmyyyy);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${m[3]}-${m[2]}-${m[1]}`;
}

const isoOrThrow = (s: string): string => {
  const v = iso(s);
  if (!v) throw new Error(`not a date: ${s}`);
  return v;
};

interface YearData {
  year: number;
  files: Map<FileKindId, Rec[]>;
}

function loadYears(root: string, years: number[]): YearData[] {
  return years.map((year) => {
    const files = new Map<FileKindId, Rec[]>();
    for (const name of readdirSync(join(root, String(year)))) {
      const kind = name.replace(/\.csv$/, '') as FileKindId;
      files.set(kind, readCsv(join(root, String(year), name)).rows);
    }
    return { year, files };
  });
}

const rowsOf = (y: YearData, k: FileKindId): Rec[] => y.files.get(k) ?? [];
const sb = (r: Rec) => ['V3', 'V4'].includes(r.LS!.toUpperCase());
const yearBounds = (year: number) => ({ S: `${year - 1}-04-01`, E: `${year}-03-31` });

function baseOptions(out: string): GenerateOptions {
  return {
    out,
    seed: 7,
    children: 40,
    las: null,
    firstYear: 2022,
    lastYear: 2024,
    xlsxYear: 2024,
    xlsxOut: join(out, 'xlsx'),
  };
}

// ------------------------------------------------------------------------------------------------
// Checks shared by the small generated runs and the bundled sample.

/** Checks collect problems instead of calling expect per cell: one readable failure, and fast. */
function checkHeaders(root: string, years: number[]): string[] {
  const problems: string[] = [];
  for (const year of years) {
    const names = readdirSync(join(root, String(year))).sort();
    const expected = FILE_KINDS.filter((k) => k.id !== 'sw_episodes' || year >= 2024).map((k) => `${k.id}.csv`).sort();
    if (names.join() !== expected.join()) problems.push(`${year}: files ${names.join()}`);
    for (const name of names) {
      const kind = fileKind(name.replace(/\.csv$/, '') as FileKindId);
      const firstLine = readFileSync(join(root, String(year), name), 'utf8').split('\n')[0];
      if (firstLine !== kind.columns.map((c) => c.name).join(',')) problems.push(`${year}/${name}: header ${firstLine}`);
    }
  }
  return problems;
}

function checkDates(data: YearData[]): string[] {
  const problems: string[] = [];
  const bad = (cond: boolean, what: string) => {
    if (!cond) problems.push(what);
  };
  for (const y of data) {
    const { S, E } = yearBounds(y.year);
    for (const [kindId, rows] of y.files) {
      const kind = fileKind(kindId);
      for (const r of rows) {
        const where = `${y.year} ${kindId} ${r.CHILD}`;
        for (const c of kind.columns) {
          const v = r[c.name]!;
          if (c.required) bad(v !== '', `${where} ${c.name} blank`);
          if (c.type !== 'date' || v === '') continue;
          const d = iso(v);
          bad(d !== null, `${where} ${c.name} = ${v} is not a dd/mm/yyyy date`);
          if (c.notAfterYearEnd && d) bad(d <= E, `${where} ${c.name} = ${v} after 31 March`);
        }
        for (const [a, b] of kind.dateOrder ?? []) {
          if (r[a] && r[b]) bad(isoOrThrow(r[a]!) <= isoOrThrow(r[b]!), `${where} ${a} after ${b}`);
        }
      }
    }
    // Everything in the year's files belongs to the year.
    for (const e of rowsOf(y, 'episodes')) if (e.DEC) bad(isoOrThrow(e.DEC) >= S, `${y.year} episode ${e.CHILD} ended before the year`);
    for (const r of rowsOf(y, 'reviews')) bad(isoOrThrow(r.REVIEW!) >= S, `${y.year} review ${r.CHILD} before the year`);
    for (const m of rowsOf(y, 'missing')) if (m.MIS_END) bad(isoOrThrow(m.MIS_END) >= S, `${y.year} missing ${m.CHILD} ended before`);
    for (const w of rowsOf(y, 'sw_episodes')) if (w.SW_DEC) bad(isoOrThrow(w.SW_DEC) >= S, `${y.year} sw ${w.CHILD} ended before`);
    // DOB agrees with the header wherever the child has a header row.
    const dob = new Map(rowsOf(y, 'header').map((h) => [h.CHILD!, h.DOB!]));
    for (const [kindId, rows] of y.files) {
      if (kindId === 'header' || kindId === 'episodes') continue;
      for (const r of rows) if (dob.has(r.CHILD!)) bad(r.DOB === dob.get(r.CHILD!), `${y.year} ${kindId} ${r.CHILD} DOB differs`);
    }
  }
  return problems;
}

function byChild(rows: Rec[]): Map<string, Rec[]> {
  const m = new Map<string, Rec[]>();
  for (const r of rows) {
    const list = m.get(r.CHILD!) ?? [];
    list.push(r);
    m.set(r.CHILD!, list);
  }
  return m;
}

function checkChains(data: YearData[]): string[] {
  const problems: string[] = [];
  const bad = (cond: boolean, what: string) => {
    if (!cond) problems.push(what);
  };
  for (const y of data) {
    const { S } = yearBounds(y.year);
    const headerIds = rowsOf(y, 'header').map((h) => h.CHILD!);
    const episodeChildren = byChild(rowsOf(y, 'episodes'));
    bad(new Set(headerIds).size === headerIds.length, `${y.year} header has a child twice`);
    bad([...episodeChildren.keys()].sort().join() === [...headerIds].sort().join(), `${y.year} header children != episode children`);
    for (const [child, list] of episodeChildren) {
      const eps = [...list].sort((a, b) => isoOrThrow(a.DECOM!).localeCompare(isoOrThrow(b.DECOM!)));
      bad(new Set(eps.map((e) => e.DECOM)).size === eps.length, `${y.year} ${child} duplicate DECOM`);
      eps.forEach((e, i) => {
        const next = eps[i + 1];
        const where = `${y.year} ${child} ${e.DECOM}`;
        if (!e.DEC) {
          // Open at 31 March: no reason, and nothing after it.
          bad(e.REC === '' && e.REASON_PLACE_CHANGE === '', `${where} open with a REC`);
          bad(next === undefined, `${where} open episode is not the last`);
          return;
        }
        bad(isoOrThrow(e.DECOM!) < isoOrThrow(e.DEC), `${where} DEC not after DECOM`);
        bad(e.REC !== '', `${where} closed without REC`);
        if (e.REC === 'X1') {
          bad(next?.DECOM === e.DEC, `${where} X1 not followed by an episode starting the same day`);
          bad(next?.RNE !== 'S', `${where} X1 followed by RNE S`);
        } else if (next) {
          bad(isoOrThrow(next.DECOM!) > isoOrThrow(e.DEC), `${where} next period starts on the ceasing day`);
          bad(next.RNE === 'S', `${where} new period does not start with S`);
        }
      });
      // The first episode in the file starts a period unless it began before the year.
      if (isoOrThrow(eps[0]!.DECOM!) >= S) bad(eps[0]!.RNE === 'S', `${y.year} ${child} first episode is not a start`);
    }
  }
  // An episode open at 31 March reappears in the next return with the same start and codes.
  for (let i = 0; i + 1 < data.length; i++) {
    const next = new Map(rowsOf(data[i + 1]!, 'episodes').map((e) => [`${e.CHILD}|${e.DECOM}`, e]));
    for (const e of rowsOf(data[i]!, 'episodes').filter((x) => !x.DEC)) {
      const later = next.get(`${e.CHILD}|${e.DECOM}`);
      bad(
        later !== undefined && later.RNE === e.RNE && later.LS === e.LS && later.PLACE === e.PLACE,
        `${data[i]!.year} open episode ${e.CHILD} ${e.DECOM} not carried into the next return`,
      );
    }
  }
  return problems;
}

// ------------------------------------------------------------------------------------------------

// Generous timeouts: these write and read whole returns, and CI machines are often shared.
describe('sample-data generator (small runs)', { timeout: 60_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sample903-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes byte-identical files for the same seed, and different ones for another seed', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const c = join(dir, 'c');
    await generateSample(baseOptions(a));
    await generateSample(baseOptions(b));
    await generateSample({ ...baseOptions(c), seed: 8 });
    const filesA = listFiles(a).map((p) => relative(a, p));
    expect(filesA).toContain(join('xlsx', '2024.xlsx'));
    expect(listFiles(b).map((p) => relative(b, p))).toEqual(filesA);
    for (const f of filesA) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
    expect(readFileSync(join(c, '2024', 'episodes.csv')).equals(readFileSync(join(a, '2024', 'episodes.csv')))).toBe(false);
  });

  it('writes the fileKinds columns, real dates and consistent episode chains', async () => {
    const out = join(dir, 'checks');
    await generateSample({ ...baseOptions(out), xlsxYear: null, firstYear: 2021, seed: 11, children: 60 });
    expect(checkHeaders(out, [2021, 2022, 2023, 2024])).toEqual([]);
    const data = loadYears(out, [2021, 2022, 2023, 2024]);
    expect(checkDates(data)).toEqual([]);
    expect(checkChains(data)).toEqual([]);
  });

  it('writes one folder per LA with prefixed, distinct child ids', async () => {
    const out = join(dir, 'multi');
    const summary = await generateSample({ ...baseOptions(out), las: 2, xlsxYear: null, firstYear: 2024 });
    expect(summary.map((s) => s.la)).toEqual(['la-01', 'la-02']);
    expect(readdirSync(out).sort()).toEqual(['la-01', 'la-02']);
    const ids1 = readCsv(join(out, 'la-01', '2024', 'header.csv')).rows.map((r) => r.CHILD!);
    const ids2 = readCsv(join(out, 'la-02', '2024', 'header.csv')).rows.map((r) => r.CHILD!);
    expect(ids1.every((id) => /^L001\d{6}$/.test(id))).toBe(true);
    expect(ids2.every((id) => /^L002\d{6}$/.test(id))).toBe(true);
    expect(checkHeaders(join(out, 'la-02'), [2024])).toEqual([]);
  });

  it('--combined writes every LA into one set of year files: the per-LA files one after the other', async () => {
    const apart = join(dir, 'apart');
    const together = join(dir, 'together');
    await generateSample({ ...baseOptions(apart), las: 2, xlsxYear: null, firstYear: 2024 });
    await generateSample({ ...baseOptions(together), las: 2, combined: true, xlsxYear: null, firstYear: 2024 });
    expect(readdirSync(together)).toEqual(['2024']);
    expect(checkHeaders(together, [2024])).toEqual([]);
    for (const f of readdirSync(join(together, '2024'))) {
      const [head, ...rows1] = readFileSync(join(apart, 'la-01', '2024', f), 'utf8').split('\n').filter(Boolean);
      const [, ...rows2] = readFileSync(join(apart, 'la-02', '2024', f), 'utf8').split('\n').filter(Boolean);
      expect(readFileSync(join(together, '2024', f), 'utf8'), f).toBe([head, ...rows1, ...rows2].map((l) => `${l}\n`).join(''));
    }
  });

  it('uses the codes of the return year: M/F from 2025, F4/F5/P4/P5 from 2022, no E45-E48 before 2019', async () => {
    const out = join(dir, 'codes');
    await generateSample({ ...baseOptions(out), xlsxYear: null, firstYear: 2017, lastYear: 2025, children: 150 });
    const data = loadYears(out, [2017, 2018, 2019, 2021, 2022, 2024, 2025]);
    for (const y of data) {
      const sexes = new Set(rowsOf(y, 'header').map((h) => h.SEX));
      expect([...sexes].sort()).toEqual(y.year >= 2025 ? ['F', 'M'] : ['1', '2']);
      const activ = new Set(rowsOf(y, 'oc3').map((r) => r.ACTIV));
      if (y.year >= 2022) expect([...activ].some((a) => a === 'F3' || a === 'P3')).toBe(false);
      else expect([...activ].some((a) => /^[FP][45]$/.test(a!))).toBe(false);
      const recs = new Set(rowsOf(y, 'episodes').map((e) => e.REC));
      if (y.year <= 2018) expect(['E45', 'E46', 'E47', 'E48'].some((r) => recs.has(r))).toBe(false);
      if (y.year >= 2020) expect(['E43', 'E44'].some((r) => recs.has(r))).toBe(false);
      const places = new Set(rowsOf(y, 'episodes').map((e) => e.PLACE));
      if (y.year < 2024) expect(places.has('K3')).toBe(false);
      // No H5 placement is open at 31 March 2024 or later.
      if (y.year >= 2024) expect(rowsOf(y, 'episodes').some((e) => e.PLACE === 'H5' && !e.DEC)).toBe(false);
    }
  });
});

describe('bundled sample (sample-data/returns)', { timeout: 60_000 }, () => {
  let data: YearData[];
  const year = (y: number) => data.find((d) => d.year === y)!;
  const episodesOf = (y: number, child: string) => rowsOf(year(y), 'episodes').filter((e) => e.CHILD === child);

  beforeAll(() => {
    data = loadYears(BUNDLED, BUNDLED_YEARS);
  }, 60_000);

  it('has every file with the fileKinds columns, real dates and consistent chains', () => {
    expect(readdirSync(BUNDLED).sort()).toEqual(BUNDLED_YEARS.map(String));
    expect(checkHeaders(BUNDLED, BUNDLED_YEARS)).toEqual([]);
    expect(checkDates(data)).toEqual([]);
    expect(checkChains(data)).toEqual([]);
  });

  it('looks like a mid-size LA: 400-500 looked after at 31 March, ~180-250 starters and leavers', () => {
    for (const y of data) {
      const { S } = yearBounds(y.year);
      const eps = rowsOf(y, 'episodes').filter((e) => !sb(e));
      const cla = new Set(eps.filter((e) => !e.DEC).map((e) => e.CHILD));
      const started = new Set(eps.filter((e) => e.RNE === 'S' && isoOrThrow(e.DECOM!) >= S).map((e) => e.CHILD));
      const ceased = new Set(eps.filter((e) => e.DEC && e.REC !== 'X1').map((e) => e.CHILD));
      expect(cla.size, `${y.year} CLA`).toBeGreaterThanOrEqual(400);
      expect(cla.size, `${y.year} CLA`).toBeLessThanOrEqual(500);
      for (const n of [started.size, ceased.size]) {
        expect(n).toBeGreaterThanOrEqual(170);
        expect(n).toBeLessThanOrEqual(260);
      }
      // Shape checks on the 31 March cohort.
      const open = eps.filter((e) => !e.DEC);
      const share = (f: (e: Rec) => boolean) => open.filter(f).length / open.length;
      expect(share((e) => e.LS === 'C2')).toBeGreaterThan(0.5);
      expect(share((e) => /^U[1-6]$/.test(e.PLACE!))).toBeGreaterThan(0.6);
      expect(share((e) => e.CIN === 'N1')).toBeGreaterThan(0.5);
      const header = new Map(rowsOf(y, 'header').map((h) => [h.CHILD!, h]));
      const wbri = [...cla].filter((c) => header.get(c!)!.ETHNIC === 'WBRI').length / cla.size;
      expect(wbri).toBeGreaterThan(0.68);
      expect(wbri).toBeLessThan(0.86);
    }
  });

  it('900101 starts twice in 2022/23', () => {
    const starts = episodesOf(2023, '900101').filter((e) => e.RNE === 'S');
    expect(starts.map((e) => [e.DECOM, e.LS, e.DEC, e.REC])).toEqual([
      ['10/05/2022', 'V2', '20/07/2022', 'E4A'],
      ['02/11/2022', 'C1', '', ''],
    ]);
  });

  it('900102 ceases twice in 2021/22', () => {
    const ceasings = episodesOf(2022, '900102').filter((e) => e.DEC && e.REC !== 'X1');
    expect(ceasings.map((e) => [e.DEC, e.REC])).toEqual([
      ['15/06/2021', 'E4A'],
      ['10/02/2022', 'E13'],
    ]);
  });

  it('900103, born 31 March 2005, leaves on the 18th birthday (31 March 2023) and then has OC3 rows', () => {
    expect(rowsOf(year(2023), 'header').find((h) => h.CHILD === '900103')?.DOB).toBe('31/03/2005');
    const last = episodesOf(2023, '900103').at(-1)!;
    expect([last.DEC, last.REC, last.PLACE]).toEqual(['31/03/2023', 'E17', 'U4']);
    expect(episodesOf(2024, '900103')).toEqual([]);
    expect(rowsOf(year(2023), 'oc3').some((r) => r.CHILD === '900103')).toBe(true);
    expect(rowsOf(year(2024), 'oc3').some((r) => r.CHILD === '900103')).toBe(true);
  });

  it('900104, born 31 March 2012, changes legal status on 31 March 2022', () => {
    expect(rowsOf(year(2024), 'header').find((h) => h.CHILD === '900104')?.DOB).toBe('31/03/2012');
    expect(episodesOf(2022, '900104').map((e) => [e.DECOM, e.RNE, e.LS, e.DEC, e.REC])).toEqual([
      ['01/06/2021', 'S', 'C1', '31/03/2022', 'X1'],
      ['31/03/2022', 'L', 'C2', '', ''],
    ]);
    expect(episodesOf(2023, '900104').map((e) => e.DECOM)).toEqual(['31/03/2022']);
  });

  it('children born on 29 February: 900105 (2008) in care, 900106 (2020) adopted by the foster carers', () => {
    expect(rowsOf(year(2024), 'header').find((h) => h.CHILD === '900105')?.DOB).toBe('29/02/2008');
    expect(episodesOf(2022, '900105').map((e) => e.RNE)).toEqual(['P', 'U', 'L']);
    expect(rowsOf(year(2022), 'header').find((h) => h.CHILD === '900106')?.DOB).toBe('29/02/2020');
    // The placement order episode ended in 2021/22, so it is in that return too.
    expect(episodesOf(2022, '900106').map((e) => [e.DECOM, e.RNE, e.LS, e.PLACE, e.DEC, e.REC])).toEqual([
      ['01/02/2021', 'L', 'E1', 'U5', '14/06/2021', 'X1'],
      ['14/06/2021', 'T', 'E1', 'A5', '14/01/2022', 'E11'],
    ]);
    expect(rowsOf(year(2022), 'ad1').find((r) => r.CHILD === '900106')).toMatchObject({
      DATE_INT: '10/12/2020',
      DATE_MATCH: '20/05/2021',
      FOSTER_CARE: '1',
    });
    expect(rowsOf(year(2021), 'placed_for_adoption').find((r) => r.CHILD === '900106')).toMatchObject({
      DATE_PLACED: '10/12/2020',
      DATE_PLACED_CEASED: '',
    });
  });

  it('has short-break-only children (900107 and simulated ones) with no reviews, oc2 or sw rows', () => {
    const y = year(2024);
    const byC = byChild(rowsOf(y, 'episodes'));
    const sbOnly = [...byC].filter(([, eps]) => eps.every(sb)).map(([c]) => c);
    expect(sbOnly).toContain('900107');
    expect(sbOnly.length).toBeGreaterThanOrEqual(4);
    for (const c of sbOnly) {
      for (const k of ['reviews', 'oc2', 'sw_episodes', 'missing'] as const) expect(rowsOf(y, k).some((r) => r.CHILD === c)).toBe(false);
      // Each V3 break is its own episode starting with RNE S.
      for (const e of byC.get(c)!) if (e.LS === 'V3') expect(e.RNE).toBe('S');
      expect(rowsOf(y, 'header').find((h) => h.CHILD === c)?.MOTHER).toBe('');
    }
  });

  it('900108 has an X1 chain through a temporary placement and back to the same carers', () => {
    expect(episodesOf(2023, '900108').map((e) => [e.DECOM, e.RNE, e.PLACE, e.REC])).toEqual([
      ['04/10/2021', 'L', 'U6', 'X1'],
      ['25/07/2022', 'P', 'T3', 'X1'],
      ['03/08/2022', 'P', 'U6', 'X1'],
      ['16/01/2023', 'T', 'U4', ''],
    ]);
    const [before, temp, back] = episodesOf(2023, '900108');
    expect([back!.PLACE_PROVIDER, back!.PL_POST, back!.URN]).toEqual([before!.PLACE_PROVIDER, before!.PL_POST, before!.URN]);
    expect([temp!.PLACE_PROVIDER, temp!.URN]).toEqual(['', '']);
  });

  it('simulated temporary placements return to the placement they interrupted', () => {
    let seen = 0;
    for (const y of data) {
      for (const [, list] of byChild(rowsOf(y, 'episodes'))) {
        for (let i = 1; i + 1 < list.length; i++) {
          if (!/^T[0-4]$/.test(list[i]!.PLACE!)) continue;
          const [a, b] = [list[i - 1]!, list[i + 1]!];
          if (a.REC !== 'X1' || list[i]!.REC !== 'X1' || a.LS !== b.LS) continue;
          seen++;
          expect([b.RNE, b.PLACE, b.PLACE_PROVIDER, b.URN]).toEqual(['P', a.PLACE, a.PLACE_PROVIDER, a.URN]);
        }
      }
    }
    expect(seen).toBeGreaterThan(5);
  });

  it('900109 has been looked after since 2010: none of its episodes in the returns is a start', () => {
    expect(episodesOf(2019, '900109').map((e) => [e.DECOM, e.RNE, e.DEC, e.REC])).toEqual([
      ['02/05/2012', 'P', '09/09/2018', 'X1'],
      ['09/09/2018', 'P', '', ''],
    ]);
    expect(episodesOf(2024, '900109').map((e) => [e.DECOM, e.RNE, e.DEC])).toEqual([['09/09/2018', 'P', '']]);
    const starts = data.flatMap((y) => episodesOf(y.year, '900109')).filter((e) => e.RNE === 'S');
    expect(starts).toEqual([]);
  });

  it('900110 has an oc2 row in 2023/24 although it started care in June 2023; other oc2 rows are the cohort', () => {
    for (const y of data) {
      const { S } = yearBounds(y.year);
      const eps = byChild(rowsOf(y, 'episodes'));
      const outside = rowsOf(y, 'oc2')
        .map((r) => r.CHILD!)
        .filter((c) => {
          const list = eps.get(c) ?? [];
          const open = list.some((e) => !e.DEC && !sb(e));
          const startedInYear = list.some((e) => e.RNE === 'S' && isoOrThrow(e.DECOM!) > S);
          const ceasedInYear = list.some((e) => e.DEC && e.REC !== 'X1');
          return !open || startedInYear || ceasedInYear || list.some(sb);
        });
      expect(outside, String(y.year)).toEqual(y.year === 2024 ? ['900110'] : []);
    }
    expect(episodesOf(2024, '900110').map((e) => [e.DECOM, e.RNE])).toEqual([['01/06/2023', 'S']]);
  });

  it('has lower-case codes (900111) and one unknown placement code Z9', () => {
    const e = episodesOf(2023, '900111');
    expect(e.map((x) => [x.LS, x.PLACE, x.CIN])).toEqual([['c1', 'u6', 'n1']]);
    expect(rowsOf(year(2024), 'header').find((h) => h.CHILD === '900111')?.ETHNIC).toBe('wbri');
    expect(rowsOf(year(2024), 'reviews').some((r) => r.CHILD === '900111' && /^pn\d$/.test(r.REVIEW_CODE!))).toBe(true);
    const z9 = data.flatMap((y) => rowsOf(y, 'episodes').filter((x) => x.PLACE === 'Z9').map((x) => `${y.year}:${x.CHILD}`));
    expect(z9).toEqual(['2024:900111']);
  });

  it('keeps child ids as text with leading zeros (000417 and simulated ids)', () => {
    expect(rowsOf(year(2024), 'header').some((h) => h.CHILD === '000417')).toBe(true);
    const zeros = rowsOf(year(2019), 'header').filter((h) => /^0\d{5}$/.test(h.CHILD!));
    expect(zeros.length).toBeGreaterThan(10);
  });

  it('has UASC, missing and away incidents, reviews by the PN0 rule and sw_episodes in 2024 only', () => {
    for (const y of data) {
      const header = new Map(rowsOf(y, 'header').map((h) => [h.CHILD!, h]));
      const uasc = rowsOf(y, 'uasc');
      expect(uasc.length).toBeGreaterThan(5);
      for (const u of uasc) {
        expect(header.get(u.CHILD!)?.UASC).toBe('1');
        if (u.DUC) {
          // DUC is the 18th birthday (29 February birthdays fall on 1 March).
          const [d, m, yr] = u.DOB!.split('/');
          expect(isoOrThrow(u.DUC)).toBe(iso(`${d}/${m}/${Number(yr) + 18}`) ?? `${Number(yr) + 18}-03-01`);
        }
      }
      expect(new Set(rowsOf(y, 'missing').map((m) => m.MISSING))).toEqual(new Set(['M', 'A']));
      for (const r of rowsOf(y, 'reviews')) {
        const h = header.get(r.CHILD!)!;
        const [d, m, yr] = h.DOB!.split('/').map(Number) as [number, number, number];
        const [rd, rm, ry] = r.REVIEW!.split('/').map(Number) as [number, number, number];
        const age = ry - yr - (rm < m || (rm === m && rd < d) ? 1 : 0);
        if (r.REVIEW_CODE === '') continue;
        expect(r.REVIEW_CODE!.toUpperCase() === 'PN0', `${r.CHILD} ${r.REVIEW} age ${age}`).toBe(age < 4);
      }
      expect(rowsOf(y, 'sw_episodes').length > 0).toBe(y.year >= 2024);
    }
  });

  it('has the 2024 return as an XLSX workbook with one sheet per kind and real Excel dates', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(BUNDLED_XLSX);
    const y = year(2024);
    expect(wb.worksheets.map((w) => w.name).sort()).toEqual([...y.files.keys()].sort());
    for (const ws of wb.worksheets) {
      const kind = fileKind(ws.name as FileKindId);
      const rows = rowsOf(y, kind.id);
      expect(ws.getRow(1).values).toEqual([undefined, ...kind.columns.map((c) => c.name)]);
      expect(ws.actualRowCount, ws.name).toBe(rows.length + 1);
      // Spot-check the first data row's date cells against the CSV.
      if (rows.length === 0) continue;
      kind.columns.forEach((c, i) => {
        if (c.type !== 'date') return;
        const v = ws.getRow(2).getCell(i + 1).value;
        const csv = rows[0]![c.name]!;
        if (csv === '') expect(v ?? null).toBeNull();
        else {
          expect(v).toBeInstanceOf(Date);
          expect((v as Date).toISOString().slice(0, 10)).toBe(isoOrThrow(csv));
        }
      });
    }
  });
});
