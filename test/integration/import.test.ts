import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Workspace } from '../../electron/workspace/workspace.js';

const GOOD = join(import.meta.dirname, '../fixtures/import/good-2023');

let dir: string;
let ws: Workspace;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iro-import-test-'));
  ws = await Workspace.open({ path: join(dir, 'w.duckdb') });
});
afterEach(async () => {
  await ws.close();
  await rm(dir, { recursive: true, force: true });
});

const file = (name: string, text: string | Uint8Array) => ({ name, data: typeof text === 'string' ? new TextEncoder().encode(text) : text });
const rows = (sql: string) => ws.engine.all(sql);

/** Everything a workspace holds, for "unchanged" comparisons. */
async function snapshot() {
  return {
    status: await ws['workspace.status']({}),
    header: await rows('SELECT * EXCLUDE (import_id) FROM header ORDER BY return_year, child'),
    episodes: await rows('SELECT * EXCLUDE (import_id) FROM episodes ORDER BY return_year, child, decom'),
  };
}

describe('importing a good return', () => {
  it('loads every row typed: dd/mm/yyyy dates, upper-cased trimmed codes, text child ids with leading zeros', async () => {
    const report = await ws['workspace.import']({ year: 2023, files: [{ name: 'good-2023', path: GOOD }] });
    expect(report.messages.filter((m) => m.level === 'error')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.files.map((f) => [f.kind, f.rows])).toEqual([
      ['episodes', 4],
      ['header', 3],
      ['reviews', 2],
    ]);
    expect(await rows('SELECT child, sex, dob, ethnic, source_row FROM header ORDER BY child')).toEqual([
      { child: '0012', sex: '1', dob: '2010-03-31', ethnic: 'WBRI', source_row: 2 },
      { child: '0034', sex: '2', dob: '2012-02-29', ethnic: 'BAFR', source_row: 3 },
      // 12/01/2015 is 12 January, never 1 December.
      { child: '0056', sex: '1', dob: '2015-01-12', ethnic: 'WBRI', source_row: 4 },
    ]);
    expect(await rows("SELECT decom, ls, dec, rec FROM episodes WHERE child = '0034' ORDER BY decom")).toEqual([
      { decom: '2022-04-01', ls: 'V2', dec: '2022-06-01', rec: 'X1' },
      { decom: '2022-06-01', ls: 'C1', dec: '2023-03-31', rec: 'E13' },
    ]);
    expect(await rows("SELECT review, review_code FROM reviews WHERE child = '0012'")).toEqual([{ review: '2023-02-02', review_code: 'PN1' }]);
    const status = await ws['workspace.status']({});
    expect(status.years.map((y) => y.year)).toEqual([2023]);
    expect(status.tables.episodes).toEqual({ '2023': 4 });
    const sha = status.years[0]!.files.find((f) => f.kind === 'header')!.sha256;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
  });

  it('recognises files by their columns in any order and case, with a BOM and extra columns kept aside', async () => {
    const text = '\uFEFF Review_Code ,dob,child,REVIEW,Comment\nPN1,01/02/2010,7,03/04/2022,"said ""hi"""\n';
    const report = await ws['workspace.import']({ year: 2023, files: [file('whatever-name.csv', text)] });
    expect(report.ok).toBe(true);
    expect(report.files[0]).toMatchObject({ kind: 'reviews', rows: 1, extraColumns: ['Comment'] });
    expect(report.messages.some((m) => m.level === 'warning' && m.text.includes('Comment'))).toBe(true);
    expect(await rows('SELECT child, dob, review, review_code, extras FROM reviews')).toEqual([
      { child: '7', dob: '2010-02-01', review: '2022-04-03', review_code: 'PN1', extras: '{"Comment":"said \\"hi\\""}' },
    ]);
  });

  it('reads UTF-16 (with BOM) and Windows-1252 files', async () => {
    const csv = 'CHILD,DOB,REVIEW,REVIEW_CODE\r\n1,01/02/2010,03/04/2022,PN1\r\n';
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(csv, 'utf16le'))]);
    const r16 = await ws['workspace.import']({ year: 2023, files: [file('reviews16.csv', utf16)] });
    expect(r16.ok).toBe(true);
    expect(await rows('SELECT child, review FROM reviews')).toEqual([{ child: '1', review: '2022-04-03' }]);

    // "Café £" in Windows-1252: é = 0xE9, £ = 0xA3 (invalid as UTF-8).
    const latin = new Uint8Array([...Buffer.from('CHILD,DOB,IN_TOUCH,ACTIV,ACCOM,NOTE\n9,01/01/2004,YES,F2,B1,Caf'), 0xe9, 0x20, 0xa3, 0x0a]);
    const rl = await ws['workspace.import']({ year: 2023, files: [file('reviews16.csv', utf16), file('oc3.csv', latin)] });
    expect(rl.ok).toBe(true);
    expect(rl.messages.some((m) => m.level === 'warning' && m.text.includes('Windows-1252'))).toBe(true);
    expect(await rows('SELECT extras FROM oc3')).toEqual([{ extras: '{"NOTE":"Café £"}' }]);
  });

  it('skips blank lines and keeps real line numbers in messages', async () => {
    const text = 'CHILD,DOB,REVIEW,REVIEW_CODE\n1,01/02/2010,03/04/2022,PN1\n\n\n2,01/02/2010,31/02/2022,PN1\n';
    const report = await ws['workspace.import']({ year: 2023, files: [file('reviews.csv', text)] });
    expect(report.ok).toBe(false);
    const err = report.messages.find((m) => m.level === 'error')!;
    expect(err).toMatchObject({ file: 'reviews.csv', row: 5, column: 'REVIEW', value: '31/02/2022' });
    expect(err.text).toContain('not a real date');
  });
});

describe('refusing bad input', () => {
  const header = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n';

  it('refuses what cannot be read, naming file, row and column, leaving the workspace exactly as it was; imports what breaks a rule', async () => {
    const first = await ws['workspace.import']({ year: 2023, files: [{ name: 'good-2023', path: GOOD }] });
    expect(first.ok).toBe(true);
    const before = await snapshot();

    const badEpisodes =
      'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n' +
      '1,01/05/2022,S,C2,N1,U4,PR1,,,,,,\n' +
      '2,2022-06-01,S,C2,N1,U4,PR1,05/05/2022,E13,,,,\n' + // DEC before DECOM (ISO DECOM accepted): a finding
      '3,01/05/22,S,C2,N1,U4,PR1,,,,,,\n' + // 2-digit year: cannot be read
      '4,01/05/2024,S,C2,N1,U4,PR1,,,,,,\n'; // after the end of the 2023 collection year: a finding
    const files = [file('header.csv', header + '1,1,01/01/2010,WBRI,,,\n'), file('episodes.csv', badEpisodes)];
    const report = await ws['workspace.import']({ year: 2023, files });
    expect(report.ok).toBe(false);
    expect(report.blankable).toBe(1);
    const errors = report.messages.filter((m) => m.level === 'error').map((m) => [m.file, m.row, m.column, m.text]);
    expect(errors).toEqual([['episodes.csv', 4, 'DECOM', 'Row 4, DECOM: "01/05/22" has a 2-digit year; dates must be dd/mm/yyyy.']]);
    expect(await snapshot()).toEqual(before);

    // "Import anyway": the one value is left blank and kept aside; the rest is imported as it is.
    const anyway = await ws['workspace.import']({ year: 2023, files, blankUnreadable: true });
    expect(anyway.ok).toBe(true);
    expect(anyway.blanked).toBe(1);
    expect(await rows("SELECT child, decom::VARCHAR AS decom, dec::VARCHAR AS dec FROM episodes WHERE return_year = 2023 ORDER BY child")).toEqual([
      { child: '1', decom: '2022-05-01', dec: null },
      { child: '2', decom: '2022-06-01', dec: '2022-05-05' },
      { child: '3', decom: null, dec: null },
      { child: '4', decom: '2024-05-01', dec: null },
    ]);
    expect(await rows('SELECT source_file, source_row, child, column_name, value, problem FROM import_findings')).toEqual([
      { source_file: 'episodes.csv', source_row: 4, child: '3', column_name: 'DECOM', value: '01/05/22', problem: 'has a 2-digit year; dates must be dd/mm/yyyy' },
    ]);
    // Removing the year removes what was kept aside with it.
    await ws['workspace.removeYear']({ year: 2023 });
    expect(await rows('SELECT count(*)::INTEGER AS n FROM import_findings')).toEqual([{ n: 0 }]);
  });

  it('refuses ragged rows, open quotes, duplicate and missing columns, empty files', async () => {
    const cases: [string, string, RegExp][] = [
      ['ragged.csv', header + '1,1,01/01/2010,WBRI,,\n', /Row 2 has 6 values but the header has 7 columns/],
      ['quote.csv', header + '1,1,01/01/2010,"WBRI,,,\n2,1,01/01/2010,WBRI,,,\n', /quote that is never closed/],
      ['dup.csv', 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,DOB\n', /Column DOB appears more than once \(columns 3 and 8\)/],
      ['missing.csv', 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,REC\n', /looks like a 903 Episodes file but it has no DEC, REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN columns/],
      ['empty.csv', '', /empty/],
      ['text.csv', header + '1,1,01/01/2010,WBRI,,,\n', /./], // a good one alongside: the whole import is still refused
    ];
    for (const [name, text, expected] of cases.slice(0, 5)) {
      const report = await ws['workspace.import']({ year: 2023, files: [file(name, text), file(cases[5]![0], cases[5]![1])] });
      expect(report.ok, name).toBe(false);
      const err = report.messages.find((m) => m.level === 'error')!;
      expect(err.file, name).toBe(name);
      expect(err.text, name).toMatch(expected);
    }
    expect((await ws['workspace.status']({})).years).toEqual([]);
    expect(await rows('SELECT count(*)::INTEGER AS n FROM header')).toEqual([{ n: 0 }]);
  });

  it('reports unknown well-formed codes as warnings but keeps them', async () => {
    const report = await ws['workspace.import']({ year: 2023, files: [file('header.csv', header + '1,1,01/01/2010,XXXX,,,\n')] });
    expect(report.ok).toBe(true);
    expect(await rows('SELECT ethnic FROM header')).toEqual([{ ethnic: 'XXXX' }]);
    expect(report.messages.filter((m) => m.level === 'warning' && m.file === 'header.csv')).toEqual([
      expect.objectContaining({ row: 2, column: 'ETHNIC', value: 'XXXX', text: expect.stringContaining('not a code we know') }),
    ]);
  });
});

describe('plain CSV files loaded straight into their tables', () => {
  const OC2_COLUMNS = 'CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED';
  /** The same files imported into a workspace of their own; blankUnreadable takes the staged path (and blanks nothing here). */
  async function importedAlone(files: ReturnType<typeof file>[], blankUnreadable: boolean) {
    const own = await Workspace.open({ path: join(dir, `${blankUnreadable ? 'staged' : 'direct'}.duckdb`) });
    try {
      const report = await own['workspace.import']({ year: 2023, files, ...(blankUnreadable ? { blankUnreadable } : {}) });
      const tables: Record<string, unknown> = {};
      /** Whether the rows are stored in file order (by rowid). */
      const order: Record<string, boolean> = {};
      for (const t of ['header', 'episodes', 'reviews']) {
        tables[t] = await own.engine.all(`SELECT * EXCLUDE (import_id) FROM ${t} ORDER BY source_row`);
        const [{ n }] = await own.engine.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (SELECT source_row, lag(source_row) OVER (ORDER BY rowid) AS prev FROM ${t}) WHERE source_row <= prev`);
        order[t] = n === 0;
      }
      const staged = await own.engine.all("SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE temporary AND starts_with(table_name, 'stg_')");
      return { report: { ...report, importId: null }, tables, order, staged };
    } finally {
      await own.close();
    }
  }

  it('give the same rows and messages (unknown codes of several files in file order) as the staged path', async () => {
    const files = [
      file('header.csv', 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,Notes\n1,1,01/01/2010,XXXX,,,,a\n2,2,2011-02-03,ZZZZ,,,,b\n'),
      file('episodes.csv', 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n1,01/05/2022,Q,C2,N1,U1,PR1,,,,,,\n2,01/06/2022,S,C2,N1,U9,PR1,01/07/2022,E3,,,,\n'),
      file('reviews.csv', 'CHILD,DOB,REVIEW,REVIEW_CODE\n1,01/01/2010,02/02/2023,PN9\n'),
    ];
    const direct = await importedAlone(files, false);
    const staged = await importedAlone(files, true);
    expect(direct.report.ok).toBe(true);
    expect(direct.report.messages.filter((m) => m.level === 'warning').map((m) => [m.file, m.value ?? null])).toEqual([
      ['header.csv', null], // the Notes column kept aside
      ['header.csv', 'XXXX'],
      ['header.csv', 'ZZZZ'],
      ['episodes.csv', 'Q'],
      ['episodes.csv', 'U9'],
      ['reviews.csv', 'PN9'],
    ]);
    expect(direct.report).toEqual(staged.report);
    expect(direct.tables).toEqual(staged.tables);
  });

  it('give each row its line in the file (after title rows or a sep= line, LF or CRLF), kept in file order, as the staged path does', async () => {
    const files = [
      file('header.csv', 'sep=;\r\nSSDA903 Header 2023;;;;;;\r\nCHILD;SEX;DOB;ETHNIC;UPN;MOTHER;MC_DOB\r\n1;1;01/01/2010;WBRI;;;\r\n2;2;01/02/2011;WBRI;;;\r\n'),
      file('episodes.csv', `Episodes\nCHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n${Array.from({ length: 12 }, (_, i) => `${20 - i},01/05/2022,P,C2,N1,U1,PR1,,,,,,`).join('\n')}\n\n\n`),
      file('reviews.csv', 'CHILD,DOB,REVIEW,REVIEW_CODE\n9,01/01/2010,02/02/2023,PN1\n8,01/01/2010,03/02/2023,PN1'),
    ];
    const direct = await importedAlone(files, false);
    const staged = await importedAlone(files, true);
    expect(direct.report.ok).toBe(true);
    expect(direct.report).toEqual(staged.report);
    expect(direct.tables).toEqual(staged.tables);
    const lines = (t: string) => (direct.tables[t] as { source_row: number; child: string }[]).map((r) => [r.source_row, r.child]);
    expect(lines('header')).toEqual([[4, '1'], [5, '2']]);
    expect(lines('episodes')).toEqual(Array.from({ length: 12 }, (_, i) => [3 + i, String(20 - i)]));
    expect(lines('reviews')).toEqual([[2, '9'], [3, '8']]);
    expect(direct.order).toEqual({ header: true, episodes: true, reviews: true });
  });

  it('agree with the staged path on every awkward date and whole number: the same rows when read, refused where the staged path must leave the value blank', async () => {
    const direct = await Workspace.open({ path: ':memory:' });
    const staged = await Workspace.open({ path: ':memory:' });
    // Each value on the second data row, after a plain one (the direct path reads dates as DATE
    // only when the first rows' dates are all dd/mm/yyyy).
    const reviews = (v: string) => file('reviews.csv', `CHILD,DOB,REVIEW,REVIEW_CODE\n1,01/01/2010,01/06/2022,PN1\n2,01/01/2011,${v},PN1\n`);
    const oc2 = (v: string) => file('oc2.csv', `${OC2_COLUMNS}\n1,01/01/2010,12,,0,1,1,1,1,0,,\n2,01/01/2011,${v},,0,1,1,1,1,0,,\n`);
    const dates = ['1/2/2020', '01/02/2020', ' 01/02/2020', '01/02/2020 ', '\t1/2/2020', '1/2/2020\u00a0', '29/02/2020', '31/02/2020', '29/02/2021', '0/1/2020', '1/13/2020',
      '12/31/2020', '2020-01-02', '2020-1-2', '01/02/2020 00:00', '01/02/2020 00:00:00', '1/2/20', '1/2/020', '1/2/02020', '+1/2/2020', '1/2/2020x', '01/01/1900',
      '31/12/1899', '1/1/0000', 'epoch', 'Infinity', '-infinity', '43831', '#N/A', '', '\f01/02/2020', '01/02/2020\v'];
    const ints = ['7', '007', '+1', '1.0', '-0', ' 3', '41', '-1', '1e2', '99999999999', '123456789012345678901234567890', ''];
    const cases = [...dates.map((v) => ({ v, f: reviews(v), table: 'reviews' })), ...ints.map((v) => ({ v, f: oc2(v), table: 'oc2' }))];
    try {
      for (const { v, f, table } of cases) {
        const d = await direct['workspace.import']({ year: 2023, files: [f] });
        const s = await staged['workspace.import']({ year: 2023, files: [f], blankUnreadable: true });
        expect(s.ok, JSON.stringify(v)).toBe(true);
        if (s.blanked) {
          // A value the staged path cannot read: refused, naming it, with nothing loaded.
          expect(d.ok, JSON.stringify(v)).toBe(false);
          expect(d.messages.filter((m) => m.level === 'error').map((m) => [m.row, m.column]), JSON.stringify(v)).toEqual([[3, table === 'reviews' ? 'REVIEW' : 'SDQ_SCORE']]);
        } else {
          expect({ ...d, importId: null }, JSON.stringify(v)).toEqual({ ...s, importId: null });
          const loaded = (w: Workspace) => w.engine.all(`SELECT * EXCLUDE (import_id) FROM ${table} WHERE return_year = 2023 ORDER BY source_row`);
          expect(await loaded(direct), JSON.stringify(v)).toEqual(await loaded(staged));
        }
      }
    } finally {
      await direct.close();
      await staged.close();
    }
  });

  it('agree with the staged path on Excel error values in every kind of column (checked only in files holding a "#") and on other values with a "#"', async () => {
    const direct = await Workspace.open({ path: ':memory:' });
    const staged = await Workspace.open({ path: ':memory:' });
    const episodes = (row: string) => file('episodes.csv', `CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n1,01/05/2022,P,C2,N1,U1,PR1,,,,,,\n${row}\n`);
    const oc2 = (v: string) => file('oc2.csv', `${OC2_COLUMNS}\n1,01/01/2010,12,,0,1,1,1,1,0,,\n2,01/01/2011,${v},,0,1,1,1,1,0,,\n`);
    const values = ['#N/A', '#BUSY!', ' #REF! ', '#n/a', 'A#1', 'PLAIN'];
    const cases = values.flatMap((v) => [
      { v, column: 'CHILD', f: episodes(`${v},01/06/2022,P,C2,N1,U1,PR1,,,,,,`), table: 'episodes' },
      { v, column: 'RNE', f: episodes(`2,01/06/2022,${v},C2,N1,U1,PR1,,,,,,`), table: 'episodes' },
      { v, column: 'REC', f: episodes(`2,01/06/2022,P,C2,N1,U1,PR1,,${v},,,,`), table: 'episodes' },
      { v, column: 'HOME_POST', f: episodes(`2,01/06/2022,P,C2,N1,U1,PR1,,,,${v},,`), table: 'episodes' },
      { v, column: 'DEC', f: episodes(`2,01/06/2022,P,C2,N1,U1,PR1,${v},,,,,`), table: 'episodes' },
      { v, column: 'SDQ_SCORE', f: oc2(v), table: 'oc2' },
    ]);
    try {
      for (const { v, column, f, table } of cases) {
        const what = JSON.stringify([column, v]);
        // Both start without the year (a refusal leaves the direct one without it).
        await direct['workspace.removeYear']({ year: 2023 });
        await staged['workspace.removeYear']({ year: 2023 });
        const d = await direct['workspace.import']({ year: 2023, files: [f] });
        const s = await staged['workspace.import']({ year: 2023, files: [f], blankUnreadable: true });
        expect(s.ok, what).toBe(true);
        if (s.blanked) {
          expect(d.ok, what).toBe(false);
          expect(d.messages.filter((m) => m.level === 'error').map((m) => [m.row, m.column]), what).toEqual([[3, column]]);
        } else {
          expect({ ...d, importId: null }, what).toEqual({ ...s, importId: null });
          const loaded = (w: Workspace) => w.engine.all(`SELECT * EXCLUDE (import_id) FROM ${table} WHERE return_year = 2023 ORDER BY source_row`);
          expect(await loaded(direct), what).toEqual(await loaded(staged));
        }
      }
      // Each Excel error value is refused in each column that is not a date or number (where it is refused as not one).
      const refused = cases.filter((c) => ['#N/A', '#BUSY!', ' #REF! '].includes(c.v) && ['CHILD', 'RNE', 'REC', 'HOME_POST'].includes(c.column));
      for (const { v, column, f } of refused) {
        const d = await direct['workspace.import']({ year: 2023, files: [f] });
        expect(d.messages.find((m) => m.level === 'error')?.text, JSON.stringify([column, v])).toContain('is an Excel error value');
      }
    } finally {
      await direct.close();
      await staged.close();
    }
  });

  it('a plain file with a value that cannot be read is found as its rows load: refused with the staged check\'s messages, nothing changed', async () => {
    const bad = file('header.csv', 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,1,01/01/2010,WBRI,,,\n2,2,31/02/2011,WBRI,,,\n');
    const plain = file('reviews.csv', 'CHILD,DOB,REVIEW,REVIEW_CODE\n1,01/01/2010,02/02/2023,PN9\n');
    const report = await ws['workspace.import']({ year: 2023, files: [plain, bad] });
    expect(report.ok).toBe(false);
    // In file order, as the staged path checks them: the unknown code of reviews.csv, then the date of header.csv.
    expect(report.messages.filter((m) => m.level !== 'info').map((m) => [m.level, m.file, m.row ?? null, m.column ?? null])).toEqual([
      ['warning', 'reviews.csv', 2, 'REVIEW_CODE'],
      ['error', 'header.csv', 3, 'DOB'],
    ]);
    expect((await ws['workspace.status']({})).years).toEqual([]);
  });
});

describe('years', () => {
  it('importing a year again replaces that year and leaves other years alone', async () => {
    const header = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n';
    await ws['workspace.import']({ year: 2022, files: [file('h.csv', header + '1,1,01/01/2010,WBRI,,,\n2,2,01/01/2011,WBRI,,,\n')] });
    await ws['workspace.import']({ year: 2023, files: [file('h.csv', header + '1,1,01/01/2010,WBRI,,,\n')] });
    const again = await ws['workspace.import']({ year: 2023, files: [file('h2.csv', header + '5,1,01/01/2010,WBRI,,,\n6,1,01/01/2010,WBRI,,,\n7,2,01/01/2012,WIRI,,,\n')] });
    expect(again.ok).toBe(true);
    expect(again.replaced).toBe(true);
    expect(await rows('SELECT return_year, list(child ORDER BY child) AS children FROM header GROUP BY 1 ORDER BY 1')).toEqual([
      { return_year: 2022, children: '["1","2"]' },
      { return_year: 2023, children: '["5","6","7"]' },
    ]);
    const status = await ws['workspace.status']({});
    expect(status.years.map((y) => [y.year, y.files.map((f) => f.name)])).toEqual([
      [2022, ['h.csv']],
      [2023, ['h2.csv']],
    ]);
    await ws['workspace.removeYear']({ year: 2022 });
    expect((await ws['workspace.status']({})).years.map((y) => y.year)).toEqual([2023]);
  });

  it('keeps the data after the workspace is closed and reopened', async () => {
    await ws['workspace.import']({ year: 2023, files: [{ name: 'good-2023', path: GOOD }] });
    await ws.close();
    ws = await Workspace.open({ path: join(dir, 'w.duckdb') });
    expect((await ws['workspace.status']({})).tables.episodes).toEqual({ '2023': 4 });
  });

  it('imports files that are not 903 kinds as plain local tables, typed by the sniffer', async () => {
    const report = await ws['workspace.import']({ year: 2023, files: [file('Escalations 2023.csv', 'child,date_raised,stage\n12,2023-01-05,1\n13,2023-02-07,2\n')] });
    expect(report.ok).toBe(true);
    expect(report.files[0]).toMatchObject({ kind: 'local', table: 'local_escalations_2023', rows: 2 });
    expect(await rows('SELECT return_year, child, stage FROM local_escalations_2023 ORDER BY child')).toEqual([
      { return_year: 2023, child: 12, stage: 1 },
      { return_year: 2023, child: 13, stage: 2 },
    ]);
  });
});

describe('XLSX', () => {
  async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    build(wb);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('reads one sheet per file: real dates, serial dates, text dates, numbers as text ids', async () => {
    const bytes = await workbook((wb) => {
      const h = wb.addWorksheet('Header');
      h.addRow(['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB']);
      h.addRow(['0012', 1, new Date(Date.UTC(2010, 2, 31)), 'wbri', null, null, null]);
      h.addRow([34, 2, 40968, 'BAFR', null, 0, null]); // serial 40968 = 29/02/2012
      h.addRow(['56', 1, '12/01/2015', 'WBRI', null, null, null]);
      const e = wb.addWorksheet('Episodes');
      e.addRow(['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN']);
      e.addRow(['0012', new Date(Date.UTC(2023, 0, 12)), 'S', 'C2', 'N1', 'U4', 'PR1']);
      e.addRow([34, { formula: 'DATE(2022,4,1)', result: new Date(Date.UTC(2022, 3, 1)) }, 'S', 'V2', 'N1', 'U6', 'PR1', new Date(Date.UTC(2023, 2, 31)), 'E13']);
      const hidden = wb.addWorksheet('Old');
      hidden.state = 'hidden';
      hidden.addRow(['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE']);
      hidden.addRow(['1', '01/01/2010', '01/01/2023', 'PN1']);
    });
    const report = await ws['workspace.import']({ year: 2023, files: [file('return-2023.xlsx', bytes)] });
    expect(report.messages.filter((m) => m.level === 'error')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.files.map((f) => [f.name, f.kind, f.rows])).toEqual([
      ['return-2023.xlsx › Header', 'header', 3],
      ['return-2023.xlsx › Episodes', 'episodes', 2],
    ]);
    expect(report.messages.some((m) => m.level === 'warning' && m.text.includes('"Old" is hidden'))).toBe(true);
    expect(await rows('SELECT child, dob, ethnic, source_row FROM header ORDER BY source_row')).toEqual([
      { child: '0012', dob: '2010-03-31', ethnic: 'WBRI', source_row: 2 },
      { child: '34', dob: '2012-02-29', ethnic: 'BAFR', source_row: 3 },
      { child: '56', dob: '2015-01-12', ethnic: 'WBRI', source_row: 4 },
    ]);
    expect(await rows('SELECT child, decom, dec FROM episodes ORDER BY decom')).toEqual([
      { child: '34', decom: '2022-04-01', dec: '2023-03-31' },
      { child: '0012', decom: '2023-01-12', dec: null },
    ]);
  });

  it('refuses a bad value in a sheet with the sheet, row and column', async () => {
    const bytes = await workbook((wb) => {
      const r = wb.addWorksheet('Reviews');
      r.addRow(['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE']);
      r.addRow(['1', '01/01/2010', '01/01/2023', 'PN1']);
      r.addRow(['2', '01/01/2010', 'soon', 'PN1']);
    });
    const report = await ws['workspace.import']({ year: 2023, files: [file('r.xlsx', bytes)] });
    expect(report.ok).toBe(false);
    expect(report.messages.find((m) => m.level === 'error')).toMatchObject({ file: 'r.xlsx › Reviews', row: 3, column: 'REVIEW', value: 'soon' });
  });

  it('says what to do with .xls and text files named .xlsx', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const xls = await ws['workspace.import']({ year: 2023, files: [file('old.xls', ole)] });
    expect(xls.ok).toBe(false);
    expect(xls.messages[0]!.text).toMatch(/save it as \.xlsx or CSV/);
    const renamed = await ws['workspace.import']({ year: 2023, files: [file('really.xlsx', 'CHILD,DOB,REVIEW,REVIEW_CODE\n1,01/01/2010,01/01/2023,PN1\n')] });
    expect(renamed.ok).toBe(true);
    expect(renamed.messages.some((m) => m.text.includes('read as CSV'))).toBe(true);
  });
});

void readFile;
void writeFile;
