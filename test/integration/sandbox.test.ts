/**
 * Explore as a sandbox (issue 19 item 1): user SQL reads no file, changes no setting, sees no
 * secret, leaves nothing behind, and with changes allowed touches only the workspace's own data
 * tables. Each probe from the attack on the app is a case here, run on a real workspace file.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppWorkspace, type AppWorkspace } from '../../electron/workspace/appWorkspace.js';
import { workspaceSecret } from '../../electron/workspace/pseudonym.js';
import { QueryRefused } from '../../electron/workspace/workspace.js';

let dir: string;
let ws: AppWorkspace;
let outside: string;
const path = () => join(dir, 'w.duckdb');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iro-sandbox-'));
  outside = join(dir, 'outside.csv');
  await writeFile(outside, 'CHILD,SEX\n1,2\n');
  ws = await openAppWorkspace({ path: path() });
  const header = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n0012,1,31/03/2010,WBRI,,,\n0034,2,29/02/2012,BAFR,,1,\n';
  const report = await ws['workspace.import']({ year: 2023, files: [{ name: 'header.csv', data: new TextEncoder().encode(header) }] });
  expect(report.ok).toBe(true);
  await workspaceSecret(ws.engine);
});

afterAll(async () => {
  await ws.close();
  await rm(dir, { recursive: true, force: true });
});

async function refusal(sql: string, allowWrite: boolean): Promise<QueryRefused> {
  try {
    await ws['query.run']({ sql, allowWrite });
  } catch (err) {
    expect(err, sql).toBeInstanceOf(QueryRefused);
    return err as QueryRefused;
  }
  throw new Error(`not refused (allowWrite ${allowWrite}): ${sql}`);
}

async function rows(sql: string, allowWrite = false): Promise<unknown[]> {
  const r = await ws['query.run']({ sql, allowWrite });
  return tableFromIPC(r.arrow).toArray().map((x) => x.toJSON());
}

const headerCount = async () => (await rows('SELECT count(*)::INTEGER AS n FROM header'))[0];

describe('files outside the workspace', () => {
  it('refuses every way of reading a file, with or without changes allowed', async () => {
    const sqls = [
      `SELECT * FROM read_text('/etc/passwd')`,
      `SELECT * FROM read_csv('${outside}')`,
      `SELECT * FROM read_csv_auto('${outside}')`,
      `SELECT * FROM '${outside}'`,
      `SELECT * FROM glob('${dir}/*')`,
      `SELECT * FROM read_blob('${path()}')`,
      `SELECT * FROM read_blob('${path()}.wal')`,
      `SELECT * FROM sniff_csv('${outside}')`,
      `SELECT * FROM read_json('${outside}')`,
      `SELECT * FROM read_parquet('${outside}')`,
    ];
    for (const sql of sqls) {
      for (const allowWrite of [false, true]) {
        const err = await refusal(sql, allowWrite);
        expect(err.code, `${sql}: ${err.message}`).toBe('refused');
        expect(err.message, sql).not.toMatch(/root:|CHILD,SEX/);
      }
    }
    const err = await refusal(`CREATE TABLE copied AS SELECT * FROM read_csv('${outside}')`, true);
    expect(err.message).toMatch(/^Explore works on the workspace's own tables only: it cannot read or write files.*Import files on the Data page/);
    expect((await rows(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'copied'`))[0]).toEqual({ n: 0 });
  });

  it('is DuckDB\'s own rule, not only ours: the database refuses files, writes and settings even to the app', async () => {
    await expect(ws.engine.all(`SELECT * FROM read_text('/etc/passwd')`)).rejects.toThrow(/file system operations are disabled by configuration/);
    await expect(ws.engine.run(`COPY (SELECT 1) TO '${join(dir, 'out.csv')}'`)).rejects.toThrow(/disabled by configuration/);
    await expect(ws.engine.run(`ATTACH '${join(dir, 'other.duckdb')}' AS other`)).rejects.toThrow(/disabled by configuration/);
    await expect(ws.engine.run('SET enable_external_access = true')).rejects.toThrow(/configuration has been locked/);
    await expect(ws.engine.run('SET lock_configuration = false')).rejects.toThrow(/configuration has been locked/);
    await expect(ws.engine.run('LOAD httpfs')).rejects.toThrow(/disabled/);
    for (const name of ['out.csv', 'other.duckdb']) expect(existsSync(join(dir, name)), name).toBe(false);
  });

  it('refuses read_csv with store_rejects, which made a temporary table shadowing a real one', async () => {
    const before = await headerCount();
    for (const allowWrite of [false, true]) {
      const err = await refusal(`SELECT * FROM read_csv('${outside}', store_rejects = true, rejects_table = 'header', rejects_scan = 'scan')`, allowWrite);
      expect(err.code).toBe('refused');
    }
    expect(await headerCount()).toEqual(before);
  });

  it('refuses COPY, EXPORT, ATTACH, INSTALL, LOAD, SET and PRAGMA with changes allowed, naming the statement', async () => {
    // DuckDB refuses most of these itself (files, settings); the rest by the kind of statement.
    const byDuckDb = /^Explore works on the workspace's own tables only: it cannot read or write files, load extensions, attach databases or change settings \(DuckDB said: /;
    const cases: [string, RegExp][] = [
      [`COPY header TO '${join(dir, 'copy.csv')}'`, byDuckDb],
      [`COPY (SELECT * FROM header) TO '${join(dir, 'copy2.csv')}'`, byDuckDb],
      [`EXPORT DATABASE '${join(dir, 'export')}'`, byDuckDb],
      [`ATTACH '${join(dir, 'other.duckdb')}' AS other`, /^ATTACH statements cannot run in Explore/],
      [`ATTACH ':memory:' AS other`, /^ATTACH statements cannot run in Explore: it changes only the workspace's own tables and views/],
      ['INSTALL httpfs', /^INSTALL and LOAD statements cannot run in Explore/],
      ['LOAD httpfs', /^INSTALL and LOAD statements cannot run in Explore/],
      ["SET custom_extension_repository = 'http://127.0.0.1:9'", /^SET statements cannot run in Explore/],
      ['SET threads = 1', /^SET statements cannot run in Explore/],
      ['SET search_path = memory', /^SET statements cannot run in Explore/],
      ['PRAGMA enable_profiling', /^PRAGMA statements cannot run/],
      ['CHECKPOINT', /statements cannot run/],
      ['SELECT * FROM checkpoint()', /checkpoint cannot run in Explore/],
      [`SELECT * FROM enable_logging(storage = 'file', storage_path = '${join(dir, 'logs')}')`, /enable_logging cannot run in Explore/],
      ['BEGIN TRANSACTION', /statements cannot run/],
      ['CREATE TABLE a AS SELECT 1; DROP TABLE header', /^Run one statement at a time\.$/],
    ];
    for (const [sql, message] of cases) {
      const err = await refusal(sql, true);
      expect(err.message, sql).toMatch(message);
      expect(err.code, sql).toBe('refused');
    }
    for (const name of ['copy.csv', 'copy2.csv', 'export', 'other.duckdb', 'logs']) expect(existsSync(join(dir, name)), name).toBe(false);
    // Only the workspace and the packs' kept views (attached by the app itself) are attached.
    expect((await rows(`SELECT database_name AS d FROM duckdb_databases() WHERE NOT internal AND database_name <> 'iro_views' ORDER BY 1`)).map((r) => (r as { d: string }).d)).toEqual(['w']);
  });
});

describe('the workspace\'s own records', () => {
  it('never shows workspace_meta (the pseudonym secret), however it is named', async () => {
    const secret = await workspaceSecret(ws.engine);
    const reads = [
      'SELECT * FROM workspace_meta',
      'SELECT * FROM main.WORKSPACE_META',
      'SELECT * FROM "workspace_meta"',
      "SELECT * FROM query_table('workspace' || '_meta')",
      "SELECT * FROM query('SELECT * FROM workspace' || '_meta')",
    ];
    for (const sql of reads) {
      for (const allowWrite of [false, true]) {
        const err = await refusal(sql, allowWrite);
        expect(err.message, sql).not.toContain(secret);
        expect(err.message, sql).toMatch(/workspace_meta holds the workspace's own settings|cannot run in Explore|read-only/);
      }
    }
    // A view made with changes allowed, naming the table only at run time, is refused when read.
    await ws['query.run']({ sql: "CREATE VIEW sneaky AS SELECT * FROM query_table(lower('WORKSPACE') || '_meta')", allowWrite: true });
    const err = await refusal('SELECT * FROM sneaky', false);
    expect(err.message).toMatch(/^workspace_meta holds the workspace's own settings/);
    await expect(refusal("CREATE TABLE copy_of AS SELECT * FROM sneaky", true)).resolves.toMatchObject({ code: 'refused' });
    await ws['query.run']({ sql: 'DROP VIEW sneaky', allowWrite: true });
  });

  it('lets Activity and import records be read but not changed; the packs\' snapshot is not Explore\'s to change', async () => {
    expect((await rows('SELECT count(*)::INTEGER AS n FROM imports'))[0]).toEqual({ n: 1 });
    await ws['pack.run']({ id: 'gender' }); // the packs' snapshot database exists from here
    const activity = await rows('SELECT count(*)::INTEGER AS n FROM activity_log');
    for (const sql of ['DELETE FROM activity_log', "UPDATE imports SET return_year = 2020", 'DROP TABLE import_files', 'ALTER TABLE activity_log RENAME TO old_log', "INSERT INTO activity_log VALUES (now(), 'x', '{}')", 'CREATE OR REPLACE TABLE iro_views.main.cla_31_march AS SELECT 1']) {
      const err = await refusal(sql, true);
      expect(err.message, sql).toMatch(/is the workspace's own record and cannot be changed from Explore\.$/);
    }
    expect(await rows('SELECT count(*)::INTEGER AS n FROM activity_log')).toEqual(activity);
  });

  it('lets changes reach the workspace\'s data tables and the user\'s own tables', async () => {
    await ws['query.run']({ sql: 'CREATE TABLE mine AS SELECT child FROM header', allowWrite: true });
    await ws['query.run']({ sql: "INSERT INTO mine VALUES ('9999')", allowWrite: true });
    expect(await rows('SELECT count(*)::INTEGER AS n FROM mine')).toEqual([{ n: 3 }]);
    await ws['query.run']({ sql: 'DROP TABLE mine', allowWrite: true });
  });
});

describe('nothing outlives the query', () => {
  it('drops temporary tables, macros and variables made by a query when it ends', async () => {
    const before = await headerCount();
    await ws['query.run']({ sql: 'CREATE TEMP TABLE header AS SELECT 42 AS child', allowWrite: true });
    await ws['query.run']({ sql: 'CREATE TEMP MACRO answer() AS 42', allowWrite: true });
    expect(await headerCount()).toEqual(before);
    await expect(ws['query.run']({ sql: 'SELECT answer()' })).rejects.toMatchObject({ code: 'sql-error' });
    expect(await ws.engine.all(`SELECT table_name FROM duckdb_tables() WHERE temporary`)).toEqual([]);
  });
});

describe('Explore\'s CSV download', () => {
  it('runs the query again read-only on the main side, neutralises formulas, and records the export in Activity', async () => {
    const before = (await ws['workspace.activity']({})).length;
    const out = await ws['query.exportCsv']({ sql: "SELECT child, '=1+1' AS f FROM header ORDER BY child", allowWrite: true });
    expect(new TextDecoder().decode(out.data)).toBe("child,f\r\n0012,'=1+1\r\n0034,'=1+1\r\n");
    const activity = await ws['workspace.activity']({});
    expect(activity).toHaveLength(before + 1);
    expect(activity[0]).toMatchObject({ action: 'export', detail: { format: 'csv', source: 'explore', childLevel: true, rows: 2, columns: ['child', 'f'], truncated: false } });
    // The page said changes were allowed; the download runs read-only all the same.
    await expect(ws['query.exportCsv']({ sql: 'DELETE FROM header RETURNING *', allowWrite: true })).rejects.toMatchObject({ code: 'read-only' });
    expect(await headerCount()).toEqual({ n: 2 });
    expect(await ws['workspace.activity']({})).toHaveLength(before + 1);
  });
});
