/**
 * The SQL editor's query.run (issue 7 item 5): read-only unless the user switches writing on,
 * one statement at a time, results as Arrow IPC with the right types, truncated at the limit.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC, Type } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_TABLE_FUNCTIONS, SIDE_EFFECT_FUNCTIONS } from '../../electron/engine/sandbox.js';
import { QueryRefused, Workspace } from '../../electron/workspace/workspace.js';

let dir: string;
let ws: Workspace;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iro-query-'));
  ws = await Workspace.open({ path: join(dir, 'w.duckdb') });
  const header = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n0012,1,31/03/2010,WBRI,,,\n0034,2,29/02/2012,BAFR,,1,\n';
  const report = await ws['workspace.import']({ year: 2023, files: [{ name: 'header.csv', data: new TextEncoder().encode(header) }] });
  expect(report.ok).toBe(true);
});

afterAll(async () => {
  await ws.close();
  await rm(dir, { recursive: true, force: true });
});

/** Everything the workspace holds, to show a refused statement changed nothing. */
async function fingerprint(): Promise<string> {
  const tables = await ws.engine.all<{ t: string }>(`SELECT table_name AS t FROM duckdb_tables() ORDER BY 1`);
  const parts: unknown[] = [tables];
  for (const { t } of tables) parts.push(await ws.engine.all(`SELECT count(*)::INTEGER AS n, bit_xor(hash(x))::VARCHAR AS h FROM "${t}" x`));
  parts.push(await ws.engine.all(`SELECT database_name FROM duckdb_databases() ORDER BY 1`));
  parts.push(await ws.engine.all(`SELECT name, value FROM duckdb_settings() WHERE name IN ('threads', 'memory_limit', 'enable_logging', 'enable_profiling') ORDER BY 1`));
  return JSON.stringify(parts);
}

async function refusal(sql: string): Promise<QueryRefused> {
  try {
    await ws['query.run']({ sql, allowWrite: false });
  } catch (err) {
    expect(err, sql).toBeInstanceOf(QueryRefused);
    return err as QueryRefused;
  }
  throw new Error(`not refused: ${sql}`);
}

describe('read-only mode', () => {
  it('refuses every kind of writing statement with a clear message, and nothing changes', async () => {
    const file = (name: string) => join(dir, name).replace(/'/g, "''");
    const statements = [
      'DROP TABLE header',
      'DELETE FROM header',
      "UPDATE header SET sex = '2'",
      "INSERT INTO header (return_year, import_id, source_file, source_row, child) VALUES (2023, 1, 'x', 9, '9')",
      'CREATE TABLE scratch AS SELECT 1 AS x',
      'CREATE VIEW v AS SELECT 1 AS x',
      `COPY (SELECT * FROM header) TO '${file('copy.csv')}'`,
      `COPY header TO '${file('copy2.csv')}'`,
      `COPY header FROM '${file('in.csv')}'`,
      `ATTACH '${file('other.duckdb')}' AS other`,
      'DETACH other',
      'INSTALL httpfs',
      'LOAD httpfs',
      'SET threads = 1',
      'RESET threads',
      'PRAGMA threads = 1',
      'PRAGMA show_tables',
      `EXPORT DATABASE '${file('export')}'`,
      `IMPORT DATABASE '${file('export')}'`,
      'CHECKPOINT',
      'VACUUM',
      'BEGIN TRANSACTION',
      'USE memory',
      'CREATE MACRO m() AS 1',
      "SET VARIABLE x = 1",
      'SELECT 1; DROP TABLE header',
      'SELECT * FROM header; DELETE FROM header',
      'WITH gone AS (DELETE FROM header RETURNING *) SELECT * FROM gone',
      "UPDATE header SET sex = '2' RETURNING *",
      'SELECT 1 INTO scratch',
    ];
    const before = await fingerprint();
    for (const sql of statements) {
      const err = await refusal(sql);
      expect(err.code, sql).toBe('read-only');
      expect(err.message, sql).toMatch(/^The SQL editor is read-only: only a single SELECT query can run .* Switch on "Allow changes" to run other statements\.$/);
    }
    expect(await fingerprint()).toEqual(before);
    for (const name of ['copy.csv', 'copy2.csv', 'other.duckdb', 'export']) expect(existsSync(join(dir, name)), name).toBe(false);
  });

  it('refuses more than one statement, even when all are SELECTs', async () => {
    const err = await refusal('SELECT 1; SELECT 2');
    expect(err.code).toBe('read-only');
    expect(err.message).toBe('Run one query at a time in read-only mode.');
  });

  it('refuses SELECTs that call functions with side effects: files written, settings, sequences, SQL in strings', async () => {
    const logs = join(dir, 'logs');
    const cases: [string, RegExp][] = [
      // This one writes CSV files from a plain SELECT in DuckDB 1.5 when allowed (see below).
      [`SELECT * FROM enable_logging(storage = 'file', storage_path = '${logs}')`, /enable_logging changes the database, its settings or files/],
      ['SELECT * FROM main.ENABLE_LOGGING()', /enable_logging/],
      ['SELECT * FROM checkpoint()', /checkpoint changes/],
      ['SELECT * FROM force_checkpoint()', /force_checkpoint/],
      ['SELECT * FROM enable_profiling()', /enable_profiling/],
      ["SELECT nextval('import_id_seq')", /nextval/],
      ["SELECT * FROM query('DROP TABLE header')", /query changes the database, its settings or files \(or runs SQL given as text\)/],
      ["SELECT * FROM json_execute_serialized_sql(json_serialize_sql('SELECT 1'))", /json_execute_serialized_sql/],
      ["SELECT x FROM (SELECT 1 AS x) WHERE x IN (SELECT count(*) FROM truncate_duckdb_logs())", /truncate_duckdb_logs/],
      ["WITH w AS (SELECT write_log('x')) SELECT * FROM w", /write_log/],
    ];
    const before = await fingerprint();
    for (const [sql, message] of cases) {
      const err = await refusal(sql);
      expect(err.code, sql).toBe('read-only');
      expect(err.message, sql).toMatch(message);
      expect(err.message, sql).toMatch(/Switch on "Allow changes"/);
    }
    expect(await fingerprint()).toEqual(before);
    expect(existsSync(logs)).toBe(false);
  });

  it('knows every table function of this DuckDB: side effects barred, the rest read-only (a new DuckDB must be reviewed here)', async () => {
    const READ_ONLY_TABLE_FUNCTIONS = new Set([
      'arrow_scan', 'arrow_scan_dumb', 'check_peg_parser', 'duckdb_approx_database_count', 'duckdb_columns', 'duckdb_connection_count',
      'duckdb_constraints', 'duckdb_coordinate_systems', 'duckdb_databases', 'duckdb_dependencies', 'duckdb_extensions', 'duckdb_external_file_cache',
      'duckdb_functions', 'duckdb_indexes', 'duckdb_keywords', 'duckdb_log_contexts', 'duckdb_logs', 'duckdb_memory', 'duckdb_optimizers',
      'duckdb_prepared_statements', 'duckdb_schemas', 'duckdb_secret_types', 'duckdb_secrets', 'duckdb_sequences', 'duckdb_settings',
      'duckdb_table_sample', 'duckdb_tables', 'duckdb_temporary_files', 'duckdb_types', 'duckdb_variables', 'duckdb_views', 'generate_series',
      'glob', 'icu_calendar_names', 'json_each', 'json_tree', 'parquet_bloom_probe', 'parquet_file_metadata', 'parquet_full_metadata',
      'parquet_kv_metadata', 'parquet_metadata', 'parquet_scan', 'parquet_schema', 'pg_timezone_names', 'pragma_collations',
      'pragma_database_size', 'pragma_metadata_info', 'pragma_platform', 'pragma_show', 'pragma_storage_info', 'pragma_table_info',
      'pragma_user_agent', 'pragma_version', 'query_table', 'range', 'read_blob', 'read_csv', 'read_csv_auto', 'read_duckdb', 'read_json',
      'read_json_auto', 'read_json_objects', 'read_json_objects_auto', 'read_ndjson', 'read_ndjson_auto', 'read_ndjson_objects', 'read_parquet',
      'read_text', 'repeat', 'repeat_row', 'seq_scan', 'sniff_csv', 'sql_auto_complete', 'summary', 'test_all_types', 'test_vector_types',
      'unnest', 'which_secret',
    ]);
    const tableFunctions = await ws.engine.all<{ f: string }>(`SELECT DISTINCT function_name AS f FROM duckdb_functions() WHERE function_type = 'table' ORDER BY 1`);
    const unreviewed = tableFunctions.map((r) => r.f).filter((f) => !READ_ONLY_TABLE_FUNCTIONS.has(f) && !SIDE_EFFECT_FUNCTIONS.has(f));
    expect(unreviewed).toEqual([]);
    // Scalar functions whose names say they write, log, configure or step state.
    const scalars = await ws.engine.all<{ f: string }>(
      `SELECT DISTINCT function_name AS f FROM duckdb_functions() WHERE function_type = 'scalar'
       AND regexp_matches(function_name, '(^write|_log$|log_|checkpoint|profil|nextval|setseed|config|^set_|variable)') ORDER BY 1`,
    );
    const READ_ONLY_SCALARS = new Set(['getvariable', 'set_bit', 'parse_duckdb_log_message']);
    expect(scalars.map((r) => r.f).filter((f) => !READ_ONLY_SCALARS.has(f) && !SIDE_EFFECT_FUNCTIONS.has(f))).toEqual([]);
    // Nothing barred is stale: each exists in this DuckDB.
    const all = new Set((await ws.engine.all<{ f: string }>(`SELECT DISTINCT function_name AS f FROM duckdb_functions()`)).map((r) => r.f));
    expect([...SIDE_EFFECT_FUNCTIONS].filter((f) => !all.has(f))).toEqual([]);
  });

  it('refuses the logging function with changes allowed too: it writes files, and with external access off it would abort the process', async () => {
    const logs = join(dir, 'logs-allowed');
    await expect(ws['query.run']({ sql: `SELECT * FROM enable_logging(storage = 'file', storage_path = '${logs}')`, allowWrite: true })).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringMatching(/^enable_logging cannot run in Explore/),
    });
    expect(existsSync(logs)).toBe(false);
  });

  it('lets Explore call only table functions that exist in this DuckDB', async () => {
    const all = new Set((await ws.engine.all<{ f: string }>(`SELECT DISTINCT function_name AS f FROM duckdb_functions() WHERE function_type = 'table'`)).map((r) => r.f));
    expect([...SANDBOX_TABLE_FUNCTIONS].filter((f) => !all.has(f))).toEqual([]);
    expect([...SANDBOX_TABLE_FUNCTIONS].filter((f) => SIDE_EFFECT_FUNCTIONS.has(f) || /^(read_|parquet|glob|sniff)/.test(f))).toEqual([]);
  });

  it('says what is wrong with SQL that does not parse, and with no SQL', async () => {
    const bad = await refusal('SELEC 1');
    expect(bad.code).toBe('sql-error');
    expect(bad.message).toMatch(/syntax error at or near "SELEC"/);
    const empty = await refusal('   ;  ');
    expect(empty.message).toBe('There is no query to run.');
  });

  it('runs a query that fails at run time as an sql-error, with DuckDB\'s message', async () => {
    await expect(ws['query.run']({ sql: 'SELECT * FROM no_such_table' })).rejects.toMatchObject({ code: 'sql-error', message: expect.stringMatching(/no_such_table does not exist/) });
  });
});

describe('queries that read', () => {
  it('runs SELECT and WITH, a trailing semicolon allowed, and decodes the Arrow IPC with the right types', async () => {
    const result = await ws['query.run']({
      sql: `WITH kids AS (SELECT child, dob, sex, mother FROM header WHERE return_year = 2023)
            SELECT child, dob, 7::INTEGER AS n_int, count(*) OVER () AS n_big, 1.5::DOUBLE AS d, sex = '1' AS male, mother
            FROM kids ORDER BY child;`,
    });
    expect(result.columns).toEqual([
      { name: 'child', type: 'VARCHAR' },
      { name: 'dob', type: 'DATE' },
      { name: 'n_int', type: 'INTEGER' },
      { name: 'n_big', type: 'BIGINT' },
      { name: 'd', type: 'DOUBLE' },
      { name: 'male', type: 'BOOLEAN' },
      { name: 'mother', type: 'VARCHAR' },
    ]);
    expect(result.rowCount).toBe(2);
    expect(result.truncated).toBe(false);
    const table = tableFromIPC(result.arrow);
    expect(table.schema.fields.map((f) => [f.name, Type[f.type.typeId]])).toEqual([
      ['child', 'Utf8'],
      ['dob', 'Utf8'],
      ['n_int', 'Int'],
      ['n_big', 'Float'],
      ['d', 'Float'],
      ['male', 'Bool'],
      ['mother', 'Utf8'],
    ]);
    expect(table.toArray().map((r) => r.toJSON())).toEqual([
      { child: '0012', dob: '2010-03-31', n_int: 7, n_big: 2, d: 1.5, male: true, mother: null },
      { child: '0034', dob: '2012-02-29', n_int: 7, n_big: 2, d: 1.5, male: false, mother: '1' },
    ]);
  });

  it('runs FROM-first, VALUES, DESCRIBE and SHOW, which are reads', async () => {
    expect((await ws['query.run']({ sql: 'FROM header SELECT count(*) AS n' })).rowCount).toBe(1);
    expect((await ws['query.run']({ sql: 'VALUES (1), (2)' })).rowCount).toBe(2);
    expect((await ws['query.run']({ sql: 'DESCRIBE header' })).rowCount).toBeGreaterThan(5);
    expect((await ws['query.run']({ sql: 'SHOW TABLES' })).rowCount).toBeGreaterThan(5);
  });

  it('truncates at the limit and says so', async () => {
    const cut = await ws['query.run']({ sql: 'SELECT range AS i FROM range(250)', limit: 100 });
    expect(cut.rowCount).toBe(100);
    expect(cut.truncated).toBe(true);
    const ids = tableFromIPC(cut.arrow).getChild('i')!.toArray() as Float64Array;
    expect(Array.from(ids)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const whole = await ws['query.run']({ sql: 'SELECT range AS i FROM range(250)', limit: 250 });
    expect([whole.rowCount, whole.truncated]).toEqual([250, false]);
  });

  it('runs writing statements only when changes are allowed', async () => {
    await ws['query.run']({ sql: 'CREATE TABLE scratch AS SELECT 42 AS answer', allowWrite: true });
    const back = await ws['query.run']({ sql: 'SELECT answer FROM scratch' });
    expect(tableFromIPC(back.arrow).toArray().map((r) => r.toJSON())).toEqual([{ answer: 42 }]);
    await ws['query.run']({ sql: 'DROP TABLE scratch', allowWrite: true });
  });
});
