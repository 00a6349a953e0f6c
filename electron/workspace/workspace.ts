/**
 * A workspace: one DuckDB file holding every imported return, and the WorkbenchApi over it.
 * The CLI, the Electron main process and the browser-mode bridge all use this one implementation.
 */
import { chmod, lstat, mkdir, mkdtemp, readdir, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, sep } from 'node:path';
import type {
  CallContext,
  ImportFileInput,
  ImportMessage,
  ImportRequest,
  ImportReport,
  ImportedFile,
  LoadedYear,
  QueryRequest,
  TabularResult,
  WorkbenchApi,
  WorkspaceStatus,
} from '../../shared/api.js';
import { FILE_KINDS } from '../../shared/domain/fileKinds.js';
import { quoteIdent, type SqlEngine, type UserQueryResult } from '../../shared/engine.js';
import { csvText } from '../../shared/export/csvText.js';
import { WORKSPACE_DDL } from '../../shared/sql/schema.js';
import { openDuckDbEngine } from '../engine/duckdbEngine.js';
import { SandboxRefusal, type SandboxCode } from '../engine/sandbox.js';
import { activityUser, importReturn, removeYearRows, type ImportProgress } from '../import/importer.js';
import { forgetSetup, runSetup } from './setupStamp.js';
import { viewsFolderFor } from './viewStore.js';

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
  /** Where imports stage decoded files: beside a workspace file; a private temp folder (removed on close) for an in-memory one. */
  stagingRoot?: string;
  /** The bundled snapshot of DfE's published figures (sample-data/ees), loaded when the workspace has none. */
  publishedDir?: string;
  /** The bundled synthetic returns: years imported from here are marked as sample data in comparisons. */
  sampleReturnsDir?: string;
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

export type WorkspaceCore = Pick<WorkbenchApi, 'workspace.status' | 'workspace.import' | 'workspace.removeYear' | 'workspace.activity' | 'query.run' | 'query.cancel' | 'query.exportCsv'>;

export class QueryRefused extends Error {
  constructor(
    message: string,
    readonly code: SandboxCode,
  ) {
    super(message);
  }
}

/** The workspace file is open in another window or process: DuckDB lets one process have it. */
export class WorkspaceInUse extends Error {
  readonly code = 'workspace-in-use';
  constructor(
    readonly path: string,
    readonly pid: number | null,
    readonly program: string | null,
  ) {
    super(
      `The workspace ${path} is already open in another window or process${pid ? ` (PID ${pid}${program ? `, ${basename(program)}` : ''})` : ''}. ` +
        'Close the workbench there (or wait for that command to finish), then try again; or use another workspace with --workspace.',
    );
  }

  /** DuckDB's lock conflict ("Conflicting lock is held in /usr/bin/node (PID 1234)"), or null for any other error. */
  static from(err: unknown, path: string): WorkspaceInUse | null {
    const message = err instanceof Error ? err.message : String(err);
    if (!/Could not set lock on file/.test(message)) return null;
    const held = /Conflicting lock is held in (.*?) \(PID (\d+)\)/.exec(message);
    return new WorkspaceInUse(path, held ? Number(held[2]) : null, held?.[1] ?? null);
  }
}

const DEFAULT_QUERY_LIMIT = 100_000;
/** Explore's default limits: a minute, and 64 MB of results (a page holds that comfortably; the process far more). */
export const DEFAULT_QUERY_SECONDS = 60;
export const DEFAULT_QUERY_MEGABYTES = 64;
const IMPORTABLE = new Set(['.csv', '.tsv', '.txt', '.xlsx', '.xlsm', '.xls']);

export class Workspace implements WorkspaceCore {
  constructor(
    readonly path: string,
    readonly engine: SqlEngine,
    protected readonly options: WorkspaceOptions,
  ) {}

  static async open(given: WorkspaceOptions, As: new (path: string, engine: SqlEngine, options: WorkspaceOptions) => Workspace = Workspace): Promise<Workspace> {
    const inMemory = given.path === ':memory:';
    const options = { ...given, stagingRoot: inMemory ? await mkdtemp(join(tmpdir(), 'iro-staging-')) : stagingRootFor(given.path) };
    if (!inMemory) {
      keepNewFilesPrivate();
      // A folder we make is the user's alone; a folder the user chose (Documents) is left as it is.
      const made = await mkdir(dirname(options.path), { recursive: true, mode: 0o700 });
      if (made !== undefined) await chmod(dirname(options.path), 0o700).catch(() => undefined);
    }
    const memoryLimit = memoryLimitFor(options);
    const engine = await openDuckDbEngine({ path: options.path, keepRowGroups: true, ...(memoryLimit ? { memoryLimit } : {}) }).catch((err: unknown) => {
      throw WorkspaceInUse.from(err, options.path) ?? err;
    });
    // DuckDB's file lock makes this process the workspace's only user, so any staging folder left
    // by an import that was killed, or spill files left by a killed query, hold nothing anyone
    // needs: remove those child-level copies.
    if (!inMemory) {
      for (const leftover of [stagingRootFor(options.path), spillFolderFor(options.path)]) await rm(leftover, { recursive: true, force: true }).catch(() => undefined);
    }
    try {
      for (const ddl of WORKSPACE_DDL) await engine.run(ddl);
      await runSetup(engine, options.setupSql ?? []);
      await engine.run('CHECKPOINT');
      // From here on DuckDB reads no file but the import staging folder (made by each import) and
      // the packs' kept views (viewStore.ts), and no setting changes.
      await engine.lockDown(inMemory ? [options.stagingRoot] : [options.stagingRoot, viewsFolderFor(options.path)]);
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
    if (this.path === ':memory:' && this.options.stagingRoot) await rm(this.options.stagingRoot, { recursive: true, force: true });
  }

  async 'workspace.status'(_req: Record<string, never> = {}): Promise<WorkspaceStatus> {
    const years = await this.loadedYears();
    const tables: Record<string, Record<string, number>> = {};
    const counts = FILE_KINDS.map((k) => `SELECT '${k.id}' AS t, return_year, count(*)::INTEGER AS n FROM ${quoteIdent(k.id)} GROUP BY ALL`);
    for (const r of await this.engine.all<{ t: string; return_year: number; n: number }>(counts.join(' UNION ALL '))) {
      (tables[r.t] ??= {})[String(r.return_year)] = r.n;
    }
    return { path: this.path, years, tables };
  }

  /** The years imported and their files: the status without the row count of every table (a scan of each at national scale). */
  protected async loadedYears(): Promise<LoadedYear[]> {
    const imports = await this.engine.all<{ import_id: number; return_year: number; imported_at: string }>(
      'SELECT import_id, return_year, imported_at::VARCHAR AS imported_at FROM imports ORDER BY return_year',
    );
    const files = await this.engine.all<{ import_id: number; file_name: string; kind: string; table_name: string; sha256: string; row_count: number; extra_columns: string }>(
      'SELECT import_id, file_name, kind, table_name, sha256, row_count, extra_columns::VARCHAR AS extra_columns FROM import_files ORDER BY import_id, file_name',
    );
    return imports.map((i) => ({
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
  }

  async 'workspace.import'(req: ImportRequest): Promise<ImportReport> {
    const { files: expanded, messages: listed } = await expandFolders(req.files);
    if (listed.some((m) => m.level === 'error')) return { ok: false, year: req.year, importId: null, files: [], messages: listed, replaced: false };
    const report = await importReturn(
      this.engine,
      { year: req.year, files: expanded, ...(req.blankUnreadable ? { blankUnreadable: true } : {}) },
      {
        ...(this.options.onImportProgress ? { onProgress: this.options.onImportProgress } : {}),
        ...(this.options.stagingRoot ? { stagingRoot: this.options.stagingRoot } : {}),
      },
    );
    report.messages.unshift(...listed);
    // Checkpoint at once, so the import is in the workspace file itself, not only in DuckDB's log.
    // Leaving it to the close was tried (checkpoints cost more the more years are loaded), but a
    // kill while DuckDB wrote a large import to its log could then leave part of the import on
    // reopening: crashSafety.test.ts.
    if (report.ok) await this.engine.run('CHECKPOINT');
    // The year it replaced leaves no trace in the file (see rewriteFile).
    if (report.ok && report.replaced) await this.rewriteFile();
    return report;
  }

  /** Rewrite the workspace file with only its live rows: removed ones leave no readable trace. */
  private async rewriteFile(): Promise<void> {
    if (this.path === ':memory:' || !this.options.stagingRoot) return;
    await mkdir(this.options.stagingRoot, { recursive: true, mode: 0o700 });
    await this.engine.rewriteFile(join(this.options.stagingRoot, `rewrite-${process.pid}-${Date.now()}.duckdb`));
    await chmod(this.path, 0o600).catch(() => undefined);
  }

  async 'workspace.removeYear'(req: { year: number }): Promise<WorkspaceStatus> {
    await this.engine.transaction(async () => {
      await removeYearRows(this.engine, req.year);
      await this.logActivity('remove-year', { year: req.year });
    });
    await this.engine.run('CHECKPOINT');
    await this.rewriteFile();
    return this['workspace.status']();
  }

  async 'workspace.activity'(_req: Record<string, never> = {}): Promise<{ at: string; action: string; detail: unknown }[]> {
    const rows = await this.engine.all<{ at: string; action: string; detail: string }>(
      'SELECT "at"::VARCHAR AS "at", action, detail::VARCHAR AS detail FROM activity_log ORDER BY "at" DESC',
    );
    return rows.map((r) => ({ at: r.at, action: r.action, detail: JSON.parse(r.detail) as unknown }));
  }

  async logActivity(action: string, detail: Record<string, unknown>): Promise<void> {
    const record = { ...detail, user: activityUser() };
    await this.engine.run(`INSERT INTO activity_log VALUES (now()::TIMESTAMP, $action, $detail::JSON)`, { action, detail: JSON.stringify(record) });
  }

  /**
   * Ad-hoc SQL a person typed, in DuckDB's sandbox (see electron/engine/sandbox.ts): read-only
   * unless they switched changes on, one statement, within the time, row and size limits, and
   * cancelled when `signal` aborts (Cancel, the page closing).
   */
  async 'query.run'(req: QueryRequest, context: CallContext = {}): Promise<TabularResult> {
    const result = await this.userQuery(req, context);
    const { toArrowIpc } = await import('./arrow.js');
    return {
      columns: result.names.map((name, i) => ({ name, type: result.types[i] ?? 'VARCHAR' })),
      arrow: toArrowIpc(result),
      rowCount: result.rows.length,
      truncated: result.truncated,
    };
  }

  /**
   * Explore's results as CSV: run again here, read-only whatever the page says, and recorded in
   * Activity, because a query's rows can be about individual children.
   */
  async 'query.exportCsv'(req: QueryRequest, context: CallContext = {}): Promise<{ fileName: string; data: Uint8Array; rows: number; truncated: boolean }> {
    const result = await this.userQuery({ ...req, allowWrite: false }, context);
    const data = new TextEncoder().encode(csvText(result.names, result.rows));
    await this.logActivity('export', { format: 'csv', source: 'explore', childLevel: true, sql: req.sql.slice(0, 2000), columns: result.names, rows: result.rows.length, truncated: result.truncated });
    return { fileName: 'query-results.csv', data, rows: result.rows.length, truncated: result.truncated };
  }

  private async userQuery(req: QueryRequest, context: CallContext): Promise<UserQueryResult> {
    if (req.allowWrite) await forgetSetup(this.engine, this.options.setupSql ?? []);
    try {
      return await this.engine.userQuery(req.sql, {
        allowWrite: req.allowWrite === true,
        maxRows: Math.min(req.limit ?? DEFAULT_QUERY_LIMIT, DEFAULT_QUERY_LIMIT),
        maxBytes: (req.maxMegabytes ?? DEFAULT_QUERY_MEGABYTES) * 1024 * 1024,
        timeoutMs: (req.timeLimitSeconds ?? DEFAULT_QUERY_SECONDS) * 1000,
        ...(context.signal ? { signal: context.signal } : {}),
      });
    } catch (err) {
      if (err instanceof SandboxRefusal) throw new QueryRefused(err.message, err.code);
      throw err;
    }
  }

  /** Stop every Explore query running now. */
  async 'query.cancel'(_req: Record<string, never> = {}): Promise<void> {
    this.engine.cancelUserQueries();
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

/** The most files one import takes (as the app's request schema): a year is a dozen or so. */
export const MAX_IMPORT_FILES = 500;

/**
 * Folders given to an import become their CSV and Excel files (hidden files skipped, others
 * skipped with a warning). A link is followed only to a file inside the chosen folder; a link
 * elsewhere, or to nothing, refuses the import with a message, as too many files do.
 */
async function expandFolders(inputs: readonly ImportFileInput[]): Promise<{ files: ImportFileInput[]; messages: ImportMessage[] }> {
  const files: ImportFileInput[] = [];
  const messages: ImportMessage[] = [];
  for (const f of inputs) {
    if (!(f.path && !f.data && (await stat(f.path).catch(() => null))?.isDirectory())) {
      files.push(f);
      continue;
    }
    const folder = await realpath(f.path);
    for (const name of (await readdir(f.path)).sort()) {
      if (name.startsWith('.')) continue;
      const full = join(f.path, name);
      const info = await lstat(full);
      if (info.isSymbolicLink()) {
        const target = await realpath(full).catch(() => null);
        const inside = target !== null && (target.startsWith(folder + sep) || dirname(target) === folder);
        if (!target || !inside) {
          messages.push({
            level: 'error',
            file: name,
            text: target
              ? `${name} in ${basename(f.path)} is a link to a file outside the folder; copy the file into the folder, or choose it on its own.`
              : `${name} in ${basename(f.path)} is a link to a file that does not exist.`,
          });
          continue;
        }
        if (!(await stat(target)).isFile()) continue;
      } else if (!info.isFile()) {
        continue;
      }
      if (IMPORTABLE.has(extname(name).toLowerCase())) files.push({ name, path: full });
      else messages.push({ level: 'warning', file: name, text: `Skipped: ${name} in ${basename(f.path)} is not a CSV or Excel file.` });
    }
  }
  if (files.length > MAX_IMPORT_FILES) {
    messages.push({ level: 'error', file: '', text: `${files.length} files were given; one import takes at most ${MAX_IMPORT_FILES}. Choose the folder of one year's return.` });
  }
  return { files, messages };
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
