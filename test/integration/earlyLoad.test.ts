/**
 * Plain files start loading while later files are still read (EarlyTransaction). Whatever the
 * later files turn out to be (refused, not plain, not clean, a second file of a kind), the import
 * must end exactly as one that loads only after every file is read and checked: the same
 * reports (messages in order, import ids), progress events, rows and import records, and a
 * refusal changes nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportFileInput } from '../../shared/api.js';
import type { SqlEngine, SqlParams } from '../../shared/engine.js';
import { importReturn, type ImportProgress } from '../../electron/import/importer.js';
import { stagingRootFor, Workspace } from '../../electron/workspace/workspace.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iro-early-load-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = (name: string, text: string | Uint8Array): ImportFileInput => ({ name, data: typeof text === 'string' ? new TextEncoder().encode(text) : text });
const header = (ethnic = 'WBRI', extra = '') =>
  file('header.csv', `CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB${extra ? ',Notes' : ''}\n1,1,01/01/2010,${ethnic},,,${extra ? `,${extra}` : ''}\n2,2,03/02/2011,ZZZZ,,,${extra ? `,${extra}` : ''}\n`);
const episodes = (name = 'episodes.csv', rne = 'S') =>
  file(name, `CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n1,01/05/2022,${rne},C2,N1,U1,PR1,,,,,,\n2,01/06/2022,S,C2,N1,U9,PR1,01/07/2022,E3,,,,\n`);
const reviews = (date = '02/02/2023') => file('reviews.csv', `CHILD,DOB,REVIEW,REVIEW_CODE\n1,01/01/2010,${date},PN9\n`);
const ragged = file('reviews.csv', 'CHILD,DOB,REVIEW,REVIEW_CODE\n1,01/01/2010,02/02/2023\n');
/** A value the staged check must word: found only as the rows load (31 February). */
const unclean = file('reviews.csv', 'CHILD,DOB,REVIEW,REVIEW_CODE\n1,01/01/2010,31/02/2023,PN1\n');
const windows1252 = file('uasc.csv', new Uint8Array([...new TextEncoder().encode('CHILD,SEX,DOB,DUC,Note\n1,1,01/01/2010,,'), 0xa3, ...new TextEncoder().encode('\n')]));

async function workbook(): Promise<ImportFileInput> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('missing');
  sheet.addRow(['CHILD', 'SEX', 'DOB', 'MISSING', 'MIS_START', 'MIS_END']);
  sheet.addRow(['1', '1', '01/01/2010', 'M', '01/06/2022', '02/06/2022']);
  return file('return.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
}

/** A sequence of imports: files of one year each, the last ones after others. */
type Scenario = { name: string; imports: { year: number; files: ImportFileInput[] }[]; /** The import (by index) held before reading its last file until the files before it have loaded early (all must be plain). */ holdLast?: number };

async function scenarios(): Promise<Scenario[]> {
  const good = { year: 2023, files: [header(), episodes(), reviews()] };
  return [
    { name: 'all plain', imports: [good] },
    { name: 'the last file refused, then a good import', imports: [good, { year: 2022, files: [header(), episodes(), ragged] }, { year: 2022, files: [header(), episodes(), reviews()] }], holdLast: 1 },
    { name: 'a middle file refused over a year already there', imports: [good, { year: 2023, files: [header('XXXX'), ragged, episodes('w_episodes.csv')] }, good] },
    { name: 'a file not clean, last', imports: [good, { year: 2022, files: [header(), episodes(), unclean] }, good], holdLast: 1 },
    { name: 'a file not clean, then one refused', imports: [{ year: 2022, files: [header(), unclean, file('uasc.csv', 'CHILD,SEX\n')] }, good], holdLast: 0 },
    { name: 'a workbook after plain files', imports: [{ year: 2022, files: [header(), episodes(), await workbook()] }, good], holdLast: 0 },
    { name: 'a file with blank lines after plain files', imports: [{ year: 2022, files: [header(), file('reviews.csv', 'CHILD,DOB,REVIEW,REVIEW_CODE\n1,01/01/2010,02/02/2023,PN1\n\n2,01/01/2011,03/02/2023,PN9\n')] }, good], holdLast: 0 },
    { name: 'a local table after plain files', imports: [{ year: 2022, files: [header(), episodes(), file('zz_caseloads.csv', 'team,cases\nA,12\n')] }, good], holdLast: 0 },
    { name: 'an empty file after plain files', imports: [{ year: 2022, files: [header(), episodes(), file('reviews.csv', 'CHILD,DOB,REVIEW,REVIEW_CODE\n')] }, good], holdLast: 0 },
    // Not plain before plain files: the early load is given up before it starts; the plain files after it must not wait for it.
    { name: 'an empty file before plain files', imports: [{ year: 2022, files: [file('ad1.csv', 'CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\n'), header(), episodes()] }, good] },
    { name: 'a local table before plain files', imports: [{ year: 2022, files: [file('zz_caseloads.csv', 'team,cases\nA,12\n'), header(), episodes()] }, good] },
    { name: 'a workbook before plain files', imports: [{ year: 2022, files: [await workbook(), header(), episodes()] }, good] },
    { name: 'two episodes files', imports: [{ year: 2022, files: [episodes(), episodes('episodes2.csv')] }, good], holdLast: 0 },
    {
      name: 'warnings of staging and loading interleaved',
      imports: [{ year: 2022, files: [header('XXXX', 'a'), episodes('episodes.csv', 'Q'), windows1252, reviews()] }, good],
      holdLast: 0,
    },
  ];
}

const TABLES = ['header', 'episodes', 'reviews', 'uasc', 'missing', 'import_files', 'import_findings'];

/**
 * One import, telling whether a row was loaded into a 903 table before every file was read. With
 * hold, its last file is read only once the files before it (all plain) have loaded early, or
 * after 10 s when they never do (the test then fails).
 */
async function importWatched(ws: Workspace, path: string, imp: { year: number; files: ImportFileInput[] }, loadEarly: boolean, hold: boolean, events: ImportProgress[] = []) {
  let reading = true;
  let loaded = 0;
  let wake = () => undefined as void;
  /** A statement of the engine's, counting the loads (finished, or found not clean as they ran) before every file is read. */
  const counted =
    <A extends unknown[], R>(call: (sql: string, ...rest: A) => Promise<R>) =>
    async (sql: string, ...rest: A): Promise<R> => {
      try {
        return await call(sql, ...rest);
      } finally {
        if (reading && sql.startsWith('INSERT INTO "')) loaded++;
        wake();
      }
    };
  const watched: SqlEngine = Object.create(ws.engine, {
    run: { value: counted((sql: string, params?: SqlParams) => ws.engine.run(sql, params)) },
    all: { value: counted((sql: string, params?: SqlParams) => ws.engine.all(sql, params)) },
  });
  const onProgress = async (p: ImportProgress) => {
    events.push(p);
    if (p.stage === 'checking') reading = false;
    if (hold && p.stage === 'reading' && p.done === imp.files.length - 1) {
      const deadline = Date.now() + 10_000;
      while (loaded < imp.files.length - 1 && Date.now() < deadline) await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, 100)));
    }
  };
  const report = await importReturn(watched, imp, { now: '2025-05-01T10:00:00Z', stagingRoot: stagingRootFor(path), loadEarly, onProgress });
  return { report, loadedEarly: loaded > 0 };
}

/** Run a scenario in a workspace of its own; everything it leaves and says. */
async function run(s: Scenario, loadEarly: boolean, tag: string) {
  const path = join(dir, `${tag}-${loadEarly}.duckdb`);
  const ws = await Workspace.open({ path });
  try {
    const reports = [];
    const events: ImportProgress[] = [];
    const early: boolean[] = [];
    for (const [k, imp] of s.imports.entries()) {
      const { report, loadedEarly } = await importWatched(ws, path, imp, loadEarly, loadEarly && k === s.holdLast, events);
      reports.push(report);
      early.push(loadedEarly);
    }
    const tables: Record<string, unknown> = {};
    for (const t of TABLES) tables[t] = await ws.engine.all(`SELECT * FROM ${t} ORDER BY ALL`);
    tables.imports = await ws.engine.all('SELECT import_id, return_year, messages::VARCHAR AS messages FROM imports ORDER BY ALL');
    tables.activity = await ws.engine.all("SELECT detail::VARCHAR AS detail FROM activity_log WHERE action = 'import' ORDER BY ALL");
    tables.local = await ws.engine.all("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'local_%' ORDER BY ALL");
    tables.staged = await ws.engine.all("SELECT table_name FROM duckdb_tables() WHERE temporary AND starts_with(table_name, 'stg_')");
    return { reports, events, tables, early };
  } finally {
    await ws.close();
  }
}

describe('loading plain files while later ones are read', () => {
  it('ends every import as loading after reading and checking all files does: reports, ids, progress, rows', async () => {
    const list = await scenarios();
    for (const [i, s] of list.entries()) {
      const late = await run(s, false, `s${i}`);
      const early = await run(s, true, `s${i}`);
      expect(early.reports, s.name).toEqual(late.reports);
      expect(early.events, s.name).toEqual(late.events);
      expect(early.tables, s.name).toEqual(late.tables);
      expect(late.early.some(Boolean), s.name).toBe(false);
      // Where the last file is held back, the early load has loaded the files before it meanwhile.
      if (s.holdLast !== undefined) expect(early.early[s.holdLast], s.name).toBe(true);
    }
  }, 120_000);

  it('a refusal of the last file after earlier files were loaded changes nothing, and the next import takes the next id', async () => {
    const path = join(dir, 'refused.duckdb');
    const ws = await Workspace.open({ path });
    try {
      const first = await importWatched(ws, path, { year: 2023, files: [header(), episodes(), reviews()] }, true, false);
      expect(first.report).toMatchObject({ ok: true, importId: 1 });
      const before = await ws.engine.all('SELECT * FROM episodes ORDER BY ALL');
      // The plain header and episodes files are loaded before the ragged reviews file is read.
      const refused = await importWatched(ws, path, { year: 2023, files: [header('XXXX'), episodes('episodes.csv', 'Q'), ragged] }, true, true);
      expect(refused.loadedEarly).toBe(true);
      expect(refused.report.ok).toBe(false);
      expect(refused.report.messages.filter((m) => m.level === 'error').map((m) => [m.file, m.row])).toEqual([['reviews.csv', 2]]);
      expect(await ws.engine.all('SELECT * FROM episodes ORDER BY ALL')).toEqual(before);
      expect(await ws.engine.all("SELECT count(*)::INTEGER AS n FROM header WHERE ethnic = 'XXXX'")).toEqual([{ n: 0 }]);
      expect(await ws.engine.all('SELECT import_id FROM imports')).toEqual([{ import_id: 1 }]);
      const again = await importWatched(ws, path, { year: 2022, files: [header(), episodes(), reviews()] }, true, false);
      expect(again.report).toMatchObject({ ok: true, importId: 2 });
    } finally {
      await ws.close();
    }
  });
});
