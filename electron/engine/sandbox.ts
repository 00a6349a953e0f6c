/**
 * What user SQL (Explore) may do, checked with DuckDB's own parser and planner on the connection
 * the SQL will run on. DuckDB itself is the first wall: after the app's setup the database has
 * external access off (only the import staging folder is readable) and its configuration locked,
 * so files, extensions, ATTACH and SET are refused by DuckDB (see DuckDbEngine.lockDown). These
 * checks are the second: they close what DuckDB still allows (reading the workspace file itself
 * with read_blob, the pseudonym secret, the app's own records, statements that reach past one
 * query), and give a person a clear reason.
 */
import { StatementType, type DuckDBConnection } from '@duckdb/node-api';

export type SandboxCode = 'read-only' | 'sql-error' | 'refused' | 'cancelled' | 'limit';

export class SandboxRefusal extends Error {
  constructor(
    message: string,
    readonly code: SandboxCode,
  ) {
    super(message);
  }
}

/** Tables user SQL never reads: the pseudonym secret would let masked exports be reversed. */
export const HIDDEN_TABLES: ReadonlySet<string> = new Set(['workspace_meta']);

/**
 * The workspace's own records, and the packs' snapshot databases: readable (Activity, imports),
 * never changed from Explore, so the audit trail and the published figures stay the app's.
 */
export const PROTECTED_NAMES: ReadonlySet<string> = new Set(['workspace_meta', 'activity_log', 'imports', 'import_files', 'iro_views', 'iro_views_once']);

/**
 * Table functions user SQL may call: generators and catalog listings. Everything else (read_csv,
 * read_blob, glob, parquet, checkpoint, enable_logging, query...) is refused: with external
 * access off DuckDB still lets read_blob read the workspace file itself.
 */
export const SANDBOX_TABLE_FUNCTIONS: ReadonlySet<string> = new Set([
  'range', 'generate_series', 'unnest', 'repeat', 'repeat_row', 'json_each', 'json_tree', 'summary', 'icu_calendar_names', 'pg_timezone_names',
  'duckdb_columns', 'duckdb_constraints', 'duckdb_databases', 'duckdb_dependencies', 'duckdb_functions', 'duckdb_indexes', 'duckdb_keywords',
  'duckdb_schemas', 'duckdb_sequences', 'duckdb_tables', 'duckdb_types', 'duckdb_views', 'duckdb_settings', 'duckdb_memory', 'duckdb_extensions',
  'pragma_table_info', 'pragma_show', 'pragma_version', 'pragma_database_size', 'pragma_collations', 'pragma_platform',
]);

/**
 * Functions a SELECT may call that change state: checkpoint; logging and profiling, which can
 * write files (SELECT * FROM enable_logging(storage = 'file', storage_path = ...) does, and with
 * external access off it aborts the process); sequences; and query() / json_execute_serialized_sql(),
 * which run SQL held in a string. Checked against this DuckDB's functions in test/integration/query.test.ts.
 */
export const SIDE_EFFECT_FUNCTIONS: ReadonlySet<string> = new Set([
  'checkpoint',
  'force_checkpoint',
  'enable_logging',
  'disable_logging',
  'truncate_duckdb_logs',
  'write_log',
  'enable_profiling',
  'disable_profiling',
  'enable_peg_parser',
  'disable_peg_parser',
  'nextval',
  'setseed',
  'query',
  'json_execute_serialized_sql',
]);

/** Statement kinds "Allow changes" runs: data and the user's own tables, views and macros; nothing that reaches files, settings or other databases. */
const WRITE_STATEMENTS: ReadonlySet<StatementType> = new Set([
  StatementType.SELECT,
  StatementType.INSERT,
  StatementType.UPDATE,
  StatementType.DELETE,
  StatementType.CREATE,
  StatementType.DROP,
  StatementType.ALTER,
]);

/** DuckDB's statement kinds as the SQL a person typed says them. */
const STATEMENT_WORDS: Partial<Record<StatementType, string>> = {
  [StatementType.LOAD]: 'INSTALL and LOAD',
  [StatementType.VARIABLE_SET]: 'SET VARIABLE',
  [StatementType.TRANSACTION]: 'Transaction (BEGIN, COMMIT, ROLLBACK)',
  [StatementType.COPY_DATABASE]: 'COPY FROM DATABASE',
};

const READ_ONLY_MESSAGE =
  'The SQL editor is read-only: only a single SELECT query can run (no DROP, DELETE, UPDATE, INSERT, CREATE, COPY, ATTACH, SET, PRAGMA...). Switch on "Allow changes" to run other statements.';

/** Refuse user SQL that may not run; otherwise return it ready to run (trimmed, one statement). */
export async function checkUserSql(connection: DuckDBConnection, text: string, allowWrite: boolean): Promise<string> {
  const sql = text.trim().replace(/;\s*$/, '');
  if (sql === '') throw new SandboxRefusal('There is no query to run.', 'sql-error');
  const hidden = [...HIDDEN_TABLES].find((name) => new RegExp(name, 'i').test(sql));
  if (hidden) throw hiddenRefusal(hidden);
  if (!allowWrite) await assertSingleSelect(connection, sql);

  const statements = await connection.extractStatements(sql).catch((err: unknown) => {
    throw refusalFor(err);
  });
  if (statements.count !== 1) {
    throw new SandboxRefusal(allowWrite ? 'Run one statement at a time.' : 'Run one query at a time in read-only mode.', allowWrite ? 'refused' : 'read-only');
  }
  const prepared = await statements.prepare(0).catch((err: unknown) => {
    throw refusalFor(err);
  });
  const type = prepared.statementType;
  prepared.destroySync();
  if (!allowWrite && type !== StatementType.SELECT) throw new SandboxRefusal(READ_ONLY_MESSAGE, 'read-only');
  if (!WRITE_STATEMENTS.has(type)) {
    throw new SandboxRefusal(
      `${STATEMENT_WORDS[type] ?? StatementType[type] ?? 'These'} statements cannot run in Explore: it changes only the workspace's own tables and views (SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER), never files, settings, extensions or other databases.`,
      'refused',
    );
  }
  if (type !== StatementType.SELECT) {
    // A statement that changes something names what it changes in its text (DuckDB has no
    // computed table names in DML or DDL), so a mention is enough to keep it off the app's records.
    const named = [...PROTECTED_NAMES].find((name) => new RegExp(`\\b${name}\\b`, 'i').test(sql));
    if (named) throw new SandboxRefusal(`${named} is the workspace's own record and cannot be changed from Explore.`, 'refused');
  }
  if (type !== StatementType.DROP && type !== StatementType.ALTER) await assertPlanAllowed(connection, sql);
  return sql;
}

/** json_serialize_sql takes only SELECT statements, so anything else (or a SELECT followed by anything else) is refused here. */
async function assertSingleSelect(connection: DuckDBConnection, sql: string): Promise<void> {
  const reader = await connection.runAndReadAll('SELECT json_serialize_sql($sql::VARCHAR) AS j', { sql });
  const ast = JSON.parse(String(reader.getRowObjectsJS()[0]!.j)) as { error: boolean; error_message?: string; statements?: unknown[] };
  if (ast.error) {
    const notSelect = /Only SELECT|SELECT INTO|A CTE needs a SELECT/.test(ast.error_message ?? '');
    throw new SandboxRefusal(notSelect ? READ_ONLY_MESSAGE : (ast.error_message ?? 'The query could not be read.'), notSelect ? 'read-only' : 'sql-error');
  }
  if ((ast.statements?.length ?? 0) !== 1) throw new SandboxRefusal('Run one query at a time in read-only mode.', 'read-only');
  const called = new Set<string>();
  collectFunctionNames(ast.statements, called);
  const barred = [...called].filter((f) => SIDE_EFFECT_FUNCTIONS.has(f));
  if (barred.length > 0) {
    const many = barred.length > 1;
    throw new SandboxRefusal(
      `The SQL editor is read-only, and ${barred.join(', ')} ${many ? 'change' : 'changes'} the database, its settings or files (or ${many ? 'run' : 'runs'} SQL given as text). Switch on "Allow changes" to use ${many ? 'them' : 'it'}.`,
      'read-only',
    );
  }
}

/**
 * DuckDB's plan names every table the statement scans and every table function it calls, after
 * views, macros and query() are expanded: refuse a scan of a hidden table and any table function
 * not on the list.
 */
async function assertPlanAllowed(connection: DuckDBConnection, sql: string): Promise<void> {
  let plan: unknown;
  try {
    const reader = await connection.runAndReadAll(`EXPLAIN (FORMAT JSON) ${sql}`);
    plan = reader.getRowObjectsJS().map((r) => JSON.parse(String(r.explain_value)) as unknown);
  } catch (err) {
    throw refusalFor(err);
  }
  const functions = new Set<string>();
  const tables = new Set<string>();
  collectPlan(plan, functions, tables);
  for (const t of tables) {
    const name = t.split('.').at(-1)!.toLowerCase();
    if (HIDDEN_TABLES.has(name)) throw hiddenRefusal(name);
  }
  const barred = [...functions].filter((f) => !SANDBOX_TABLE_FUNCTIONS.has(f));
  if (barred.length > 0) {
    throw new SandboxRefusal(
      `${barred.join(', ')} cannot run in Explore: it reads files or changes the workspace's settings. Explore reads the workspace's tables only; import files on the Data page.`,
      'refused',
    );
  }
}

function hiddenRefusal(name: string): SandboxRefusal {
  return new SandboxRefusal(`${name} holds the workspace's own settings (its pseudonym secret) and cannot be read from Explore.`, 'refused');
}

function collectPlan(node: unknown, functions: Set<string>, tables: Set<string>): void {
  if (Array.isArray(node)) {
    for (const x of node) collectPlan(x, functions, tables);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const n = node as { extra_info?: { Function?: unknown; Table?: unknown }; children?: unknown };
  if (typeof n.extra_info?.Function === 'string') functions.add(n.extra_info.Function.toLowerCase());
  if (typeof n.extra_info?.Table === 'string') tables.add(n.extra_info.Table);
  collectPlan(n.children, functions, tables);
}

/** Every function named anywhere in a serialized statement (select list, FROM, subqueries, CTEs). */
function collectFunctionNames(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const x of node) collectFunctionNames(x, into);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'function_name' && typeof value === 'string') into.add(value.toLowerCase());
    else collectFunctionNames(value, into);
  }
}

/**
 * DuckDB's own refusal (external access off, configuration locked) in words a person can act on;
 * any other error as DuckDB gave it.
 */
export function refusalFor(err: unknown): SandboxRefusal {
  if (err instanceof SandboxRefusal) return err;
  const message = firstLine(err);
  if (/disabled by configuration|disabled through configuration|configuration has been locked/.test(message)) {
    return new SandboxRefusal(
      `Explore works on the workspace's own tables only: it cannot read or write files, load extensions, attach databases or change settings (DuckDB said: ${message}). Import files on the Data page; export from Packs or Export.`,
      'refused',
    );
  }
  return new SandboxRefusal(err instanceof Error ? err.message : message, 'sql-error');
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'The query could not be read.';
}
