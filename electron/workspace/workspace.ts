/**
 * A workspace: one DuckDB file holding every imported return, and the WorkbenchApi over it.
 * The CLI, the Electron main process and the browser-mode bridge all use this one implementation.
 */
import { chmod, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type {
  ImportFileInput,
  ImportMessage,
  ImportReport,
  ImportedFile,
  LoadedYear,
  QueryRequest,
  TabularResult,
  WorkbenchApi,
  WorkspaceStatus,
} from '../../shared/api.js';
import { FILE_KINDS } from '../../shared/domain/fileKinds.js';
import { quoteIdent, type SqlEngine } from '../../shared/engine.js';
import { WORKSPACE_DDL } from '../../shared/sql/schema.js';
import { openDuckDbEngine } from '../engine/duckdbEngine.js';
import { importReturn, removeYearRows, type ImportProgress } from '../import/importer.js';
import { toArrowIpc } from './arrow.js';

export interface WorkspaceOptions {
  /** DuckDB file path, or ':memory:'. */
  path: string;
  /** Extra setup statements run after the schema (canonical views). */
  setupSql?: readonly string[];
  onImportProgress?: (p: ImportProgress) => void;
  /**
   * Most memory DuckDB may use (DuckDB's form: '512MB', '2GB'); past it, work spills to
   * `<workspace>.tmp`. Default for a workspace file: IRO_MEMORY_LIMIT, else DEFAULT_MEMORY_LIMIT.
   * An in-memory workspace (tests) has DuckDB's own default.
   */
  memoryLimit?: string;
}

/**
 * Council laptops run the workbench beside Outlook, Teams and a browser. At national scale DuckDB
 * would otherwise take 3-4 GB while computing the views; within 512 MB it spills to disk instead
 * (slower first tables at that scale, no difference at an authority's). IRO_MEMORY_LIMIT raises it.
 */
export const DEFAULT_MEMORY_LIMIT = '512MB';

function memoryLimitFor(options: WorkspaceOptions): string | undefined {
  if (options.memoryLimit) return options.memoryLimit;
  if (options.path === ':memory:') return undefined;
  const fromEnv = process.env.IRO_MEMORY_LIMIT?.trim();
  if (fromEnv && !/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(fromEnv)) {
    throw new Error(`IRO_MEMORY_LIMIT must be an amount such as 512MB or 4GB (got "${fromEnv}").`);
  }
  return fromEnv || DEFAULT_MEMORY_LIMIT;
}

export type WorkspaceCore = Pick<WorkbenchApi, 'workspace.status' | 'workspace.import' | 'workspace.removeYear' | 'workspace.activity' | 'query.run'>;

export class QueryRefused extends Error {
  constructor(
    message: string,
    readonly code: 'read-only' | 'sql-error',
  ) {
    super(message);
  }
}

const DEFAULT_QUERY_LIMIT = 100_000;
const IMPORTABLE = new Set(['.csv', '.tsv', '.txt', '.xlsx', '.xlsm', '.xls']);

export class Workspace implements WorkspaceCore {
  constructor(
    readonly path: string,
    readonly engine: SqlEngine,
    protected readonly options: WorkspaceOptions,
  ) {}

  static async open(options: WorkspaceOptions, As: new (path: string, engine: SqlEngine, options: WorkspaceOptions) => Workspace = Workspace): Promise<Workspace> {
    const inMemory = options.path === ':memory:';
    if (!inMemory) {
      keepNewFilesPrivate();
      // A folder we make is the user's alone; a folder the user chose (Documents) is left as it is.
      const made = await mkdir(dirname(options.path), { recursive: true, mode: 0o700 });
      if (made !== undefined) await chmod(dirname(options.path), 0o700).catch(() => undefined);
    }
    const memoryLimit = memoryLimitFor(options);
    const engine = await openDuckDbEngine({ path: options.path, ...(memoryLimit ? { memoryLimit } : {}) });
    // DuckDB's file lock makes this process the workspace's only user, so any staging folder left
    // by an import that was killed, or spill files left by a killed query, hold nothing anyone
    // needs: remove those child-level copies.
    if (!inMemory) {
      for (const leftover of [stagingRootFor(options.path), spillFolderFor(options.path)]) await rm(leftover, { recursive: true, force: true }).catch(() => undefined);
    }
    try {
      for (const ddl of WORKSPACE_DDL) await engine.run(ddl);
      for (const sql of options.setupSql ?? []) await engine.run(sql);
      await engine.run('CHECKPOINT');
    } catch (err) {
      await engine.close();
      throw err;
    }
    // Special-category personal data: the file is for this user only.
    if (!inMemory) await chmod(options.path, 0o600).catch(() => undefined);
    return new As(options.path, engine, options);
  }

  async close(): Promise<void> {
    await this.engine.close();
  }

  async 'workspace.status'(_req: Record<string, never> = {}): Promise<WorkspaceStatus> {
    const imports = await this.engine.all<{ import_id: number; return_year: number; imported_at: string }>(
      'SELECT import_id, return_year, imported_at::VARCHAR AS imported_at FROM imports ORDER BY return_year',
    );
    const files = await this.engine.all<{ import_id: number; file_name: string; kind: string; table_name: string; sha256: string; row_count: number; extra_columns: string }>(
      'SELECT import_id, file_name, kind, table_name, sha256, row_count, extra_columns::VARCHAR AS extra_columns FROM import_files ORDER BY import_id, file_name',
    );
    const years: LoadedYear[] = imports.map((i) => ({
      year: i.return_year,
      importId: i.import_id,
      importedAt: i.imported_at,
      files: files
        .filter((f) => f.import_id === i.import_id)
        .map(
          (f): ImportedFile => ({
            name: f.file_name,
            kind: f.kind as ImportedFile['kind'],
            table: f.table_name,
            sha256: f.sha256,
            rows: f.row_count,
            extraColumns: JSON.parse(f.extra_columns ?? '[]') as string[],
          }),
        ),
    }));
    const tables: Record<string, Record<string, number>> = {};
    const counts = FILE_KINDS.map((k) => `SELECT '${k.id}' AS t, return_year, count(*)::INTEGER AS n FROM ${quoteIdent(k.id)} GROUP BY ALL`);
    for (const r of await this.engine.all<{ t: string; return_year: number; n: number }>(counts.join(' UNION ALL '))) {
      (tables[r.t] ??= {})[String(r.return_year)] = r.n;
    }
    return { path: this.path, years, tables };
  }

  async 'workspace.import'(req: { year: number; files: ImportFileInput[] }): Promise<ImportReport> {
    const expanded: ImportFileInput[] = [];
    const skipped: ImportMessage[] = [];
    for (const f of req.files) {
      if (f.path && !f.data && (await stat(f.path).catch(() => null))?.isDirectory()) {
        for (const name of (await readdir(f.path)).sort()) {
          if (name.startsWith('.')) continue;
          const full = join(f.path, name);
          if (!(await stat(full)).isFile()) continue;
          if (IMPORTABLE.has(extname(name).toLowerCase())) expanded.push({ name, path: full });
          else skipped.push({ level: 'warning', file: name, text: `Skipped: ${name} in ${basename(f.path)} is not a CSV or Excel file.` });
        }
      } else {
        expanded.push(f);
      }
    }
    const report = await importReturn(
      this.engine,
      { year: req.year, files: expanded },
      {
        ...(this.options.onImportProgress ? { onProgress: this.options.onImportProgress } : {}),
        ...(this.path !== ':memory:' ? { stagingRoot: stagingRootFor(this.path) } : {}),
      },
    );
    report.messages.unshift(...skipped);
    // Checkpoint at once, so the import is in the workspace file itself, not only in DuckDB's log.
    // Leaving it to the close was tried (checkpoints cost more the more years are loaded), but a
    // kill while DuckDB wrote a large import to its log could then leave part of the import on
    // reopening: crashSafety.test.ts.
    if (report.ok) await this.engine.run('CHECKPOINT');
    return report;
  }

  async 'workspace.removeYear'(req: { year: number }): Promise<WorkspaceStatus> {
    await this.engine.transaction(async () => {
      await removeYearRows(this.engine, req.year);
      await this.logActivity('remove-year', { year: req.year });
    });
    await this.engine.run('CHECKPOINT');
    return this['workspace.status']();
  }

  async 'workspace.activity'(_req: Record<string, never> = {}): Promise<{ at: string; action: string; detail: unknown }[]> {
    const rows = await this.engine.all<{ at: string; action: string; detail: string }>(
      'SELECT "at"::VARCHAR AS "at", action, detail::VARCHAR AS detail FROM activity_log ORDER BY "at" DESC',
    );
    return rows.map((r) => ({ at: r.at, action: r.action, detail: JSON.parse(r.detail) as unknown }));
  }

  async logActivity(action: string, detail: unknown): Promise<void> {
    await this.engine.run(`INSERT INTO activity_log VALUES (now()::TIMESTAMP, $action, $detail::JSON)`, { action, detail: JSON.stringify(detail) });
  }

  /** Ad-hoc SQL. Read-only unless the user switched writing on: only one SELECT statement passes. */
  async 'query.run'(req: QueryRequest): Promise<TabularResult> {
    const sql = req.sql.trim().replace(/;\s*$/, '');
    if (!req.allowWrite) await this.assertReadOnly(sql);
    const limit = Math.min(req.limit ?? DEFAULT_QUERY_LIMIT, DEFAULT_QUERY_LIMIT);
    try {
      const result = await this.engine.columnar(sql, undefined, limit + 1);
      const truncated = result.rows.length > limit;
      const rows = truncated ? result.rows.slice(0, limit) : result.rows;
      return {
        columns: result.names.map((name, i) => ({ name, type: result.types[i] ?? 'VARCHAR' })),
        arrow: toArrowIpc({ ...result, rows }),
        rowCount: rows.length,
        truncated,
      };
    } catch (err) {
      throw new QueryRefused((err as Error).message, 'sql-error');
    }
  }

  private async assertReadOnly(sql: string): Promise<void> {
    if (sql === '') throw new QueryRefused('There is no query to run.', 'sql-error');
    const parsed = await this.engine.all<{ j: string }>('SELECT json_serialize_sql($sql::VARCHAR) AS j', { sql });
    const ast = JSON.parse(parsed[0]!.j) as { error: boolean; error_message?: string; statements?: unknown[] };
    if (ast.error) {
      // json_serialize_sql only takes SELECT statements: anything else (or a SELECT followed by anything else) lands here.
      const notSelect = /Only SELECT|SELECT INTO|A CTE needs a SELECT/.test(ast.error_message ?? '');
      throw new QueryRefused(
        notSelect
          ? 'The SQL editor is read-only: only a single SELECT query can run (no DROP, DELETE, UPDATE, INSERT, CREATE, COPY, ATTACH, SET, PRAGMA...). Switch on "Allow changes" to run other statements.'
          : (ast.error_message ?? 'The query could not be read.'),
        notSelect ? 'read-only' : 'sql-error',
      );
    }
    if ((ast.statements?.length ?? 0) !== 1) {
      throw new QueryRefused('Run one query at a time in read-only mode.', 'read-only');
    }
    const called = new Set<string>();
    collectFunctionNames(ast.statements, called);
    const barred = [...called].filter((f) => SIDE_EFFECT_FUNCTIONS.has(f));
    if (barred.length > 0) {
      throw new QueryRefused(
        `The SQL editor is read-only, and ${barred.join(', ')} ${barred.length > 1 ? 'change' : 'changes'} the database, its settings or files (or ${barred.length > 1 ? 'run' : 'runs'} SQL given as text). Switch on "Allow changes" to use ${barred.length > 1 ? 'them' : 'it'}.`,
        'read-only',
      );
    }
  }
}

/**
 * Functions a SELECT may call that change state: checkpoint; logging and profiling, which can
 * write files (SELECT * FROM enable_logging(storage = 'file', storage_path = ...) does);
 * sequences; and query() / json_execute_serialized_sql(), which run SQL held in a string the
 * read-only check cannot see. Checked against this DuckDB's functions in test/integration/query.test.ts.
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
 * Special-category personal data: every file this process creates from now on (the workspace,
 * DuckDB's .wal, which it deletes and re-creates at each checkpoint, its temp files, import
 * staging, exports) is readable by this user only. The umask is the one way to reach files DuckDB
 * creates itself. Not on Windows (no umask; files there inherit the user's profile ACLs), and not
 * in worker threads, where Node cannot set it (the workspace file is still chmod-ed).
 */
function keepNewFilesPrivate(): void {
  if (process.platform === 'win32') return;
  try {
    const old = process.umask(0o077);
    process.umask(old | 0o077);
  } catch {
    // Worker thread: see above.
  }
}

export function createWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  return Workspace.open(options);
}

/** Where DuckDB spills work that does not fit its memory limit: its default, `<workspace>.tmp`. */
export function spillFolderFor(path: string): string {
  return `${path}.tmp`;
}

/** Where imports into the workspace at `path` stage their decoded files: beside it, private. */
export function stagingRootFor(path: string): string {
  return `${path}.staging`;
}
