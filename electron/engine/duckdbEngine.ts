/**
 * SqlEngine over DuckDB (@duckdb/node-api). One instance per workspace file, one connection,
 * calls serialised so a transaction is never interleaved with another caller's statements.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { DuckDBConnection, DuckDBInstance, JSDuckDBValueConverter, type DuckDBValue } from '@duckdb/node-api';
import { rename, rm } from 'node:fs/promises';
import { quoteIdent, quoteLiteral, type ColumnarResult, type Row, type SqlEngine, type SqlParams, type SqlValue, type UserQueryOptions, type UserQueryResult } from '../../shared/engine.js';
import { checkUserSql, refusalFor, SandboxRefusal } from './sandbox.js';

export interface DuckDbEngineOptions {
  /** Database file, or ':memory:'. */
  path: string;
  readOnly?: boolean;
  threads?: number;
  memoryLimit?: string;
  /** See KEEP_ROW_GROUPS: for a database that grows by appends (the workspace). */
  keepRowGroups?: boolean;
}

/** Nothing may wait on the network: extensions we need (json, parquet, icu) are built in. */
const OFFLINE_OPTIONS = {
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
  allow_community_extensions: 'false',
} as const;

/**
 * Memory DuckDB frees goes back to the system at once: by default its allocator keeps up to
 * 512 MB of freed memory for reuse, so what one step (an import) freed stayed in the process
 * while the next (computing the views) took more. Measured at national scale: peak RSS 983 ->
 * 856 MB, times unchanged.
 */
const RETURN_FREED_MEMORY = {
  allocator_flush_threshold: '8MB',
  allocator_bulk_deallocation_flush_threshold: '8MB',
} as const;

/**
 * A checkpoint keeps the row groups as they were written instead of merging neighbours into fewer
 * ("vacuum"). Each import leaves a part-filled last row group per table; appending the next year
 * after it made every checkpoint rewrite and compress that year's rows a second time (merging
 * [2k][123k][123k][2k] rows into three groups): about 0.4 s of CPU per national year, a fifth of
 * DuckDB's own load of the files. Deleted rows are unaffected where it matters: row groups left
 * with no live row are still dropped, and a removed year is rewritten out of the file anyway
 * (rewriteFile).
 */
const KEEP_ROW_GROUPS = { max_vacuum_tasks: '0' } as const;

export async function openDuckDbEngine(options: DuckDbEngineOptions): Promise<DuckDbEngine> {
  const config: Record<string, string> = {
    ...OFFLINE_OPTIONS,
    ...RETURN_FREED_MEMORY,
    threads: String(options.threads ?? 2),
    ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
    ...(options.keepRowGroups ? KEEP_ROW_GROUPS : {}),
    ...(options.readOnly ? { access_mode: 'READ_ONLY' } : {}),
  };
  const instance = await DuckDBInstance.create(options.path, config);
  const connection = await instance.connect();
  return new DuckDbEngine(instance, connection, options.path, config);
}

type StopReason = 'timeout' | 'cancelled' | 'bytes';

const STOPPED: Record<StopReason, (o: UserQueryOptions) => SandboxRefusal> = {
  cancelled: () => new SandboxRefusal('The query was cancelled.', 'cancelled'),
  timeout: (o) =>
    new SandboxRefusal(
      `The query was stopped after ${formatSeconds(o.timeoutMs)}, its time limit. Narrow it (a WHERE, fewer joins) or allow more time.`,
      'limit',
    ),
  bytes: (o) =>
    new SandboxRefusal(
      `The result is larger than ${Math.round(o.maxBytes / (1024 * 1024))} MB, so it was stopped. Select fewer columns or rows (LIMIT), or summarise with GROUP BY.`,
      'limit',
    ),
};

export class DuckDbEngine implements SqlEngine {
  private queue: Promise<unknown> = Promise.resolve();
  /** User queries running now, each with the function that stops it. */
  private readonly running = new Map<Promise<unknown>, (why: StopReason) => void>();
  /** Marks the async context of the transaction or exclusive section that holds the connection. */
  private readonly holder = new AsyncLocalStorage<DuckDbEngine>();

  /** The directories lockDown allowed (kept to lock a reopened database the same way). */
  private allowed: readonly string[] | null = null;

  constructor(
    private instance: DuckDBInstance,
    private connection: DuckDBConnection,
    private readonly path: string,
    private readonly config: Record<string, string>,
  ) {}

  /**
   * Serialise calls. Calls made from inside a transaction or exclusive section run directly (they
   * are already serialised by it); anyone else's wait for it to end.
   */
  private serialised<T>(fn: () => Promise<T>): Promise<T> {
    if (this.holder.getStore() === this) return fn();
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.holder.getStore() === this) return fn();
    return this.serialised(() => this.holder.run(this, fn));
  }

  run(sql: string, params?: SqlParams): Promise<void> {
    return this.serialised(async () => {
      await this.connection.run(sql, toDuckParams(params));
    });
  }

  all<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.serialised(async () => {
      const reader = await this.connection.runAndReadAll(sql, toDuckParams(params));
      return reader.getRowObjectsJS().map((row) => {
        const out: Row = {};
        for (const [k, v] of Object.entries(row)) out[k] = toPlain(v);
        return out as T;
      });
    });
  }

  columnar(sql: string, params?: SqlParams, limit?: number): Promise<ColumnarResult> {
    return this.serialised(async () => {
      const result = await this.connection.stream(sql, toDuckParams(params));
      const names = result.columnNames();
      const types = result.columnTypes().map((t) => t.toString());
      const rows: SqlValue[][] = [];
      const max = limit ?? Number.POSITIVE_INFINITY;
      while (rows.length < max) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        for (let i = 0; i < chunk.rowCount && rows.length < max; i++) {
          rows.push(chunk.convertRowValues(i, JSDuckDBValueConverter).map(toPlain));
        }
      }
      return { names, types, rows };
    });
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      await this.connection.run('BEGIN TRANSACTION');
      try {
        const value = await fn();
        await this.connection.run('COMMIT');
        return value;
      } catch (err) {
        await this.connection.run('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  /**
   * Lock the database down for user SQL, after the app's own setup: no file outside
   * `allowedDirectories` (the import staging folder) can be read or written, no extension
   * installed or loaded, no database attached from disk, and no setting changed again, by anyone
   * (these are database-wide: the app's own statements live within them too).
   */
  async lockDown(allowedDirectories: readonly string[]): Promise<void> {
    this.allowed = allowedDirectories;
    await this.exclusive(() => this.applyLockDown());
  }

  private async applyLockDown(): Promise<void> {
    const dirs = (this.allowed ?? []).map((d) => quoteLiteral(d.endsWith('/') ? d : `${d}/`));
    await this.connection.run(`SET allowed_directories = [${dirs.join(', ')}]`);
    await this.connection.run('SET enable_external_access = false');
    await this.connection.run('SET lock_configuration = true');
  }

  userQuery(sql: string, options: UserQueryOptions): Promise<UserQueryResult> {
    let connection: DuckDBConnection | null = null;
    const state: { stopped: StopReason | null } = { stopped: null };
    const stop = (why: StopReason) => {
      state.stopped ??= why;
      connection?.interrupt();
    };
    // An interrupt reaches only a statement that is running: check between steps too.
    const check = () => {
      if (state.stopped) throw STOPPED[state.stopped](options);
    };
    const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
    const onAbort = () => stop('cancelled');
    options.signal?.addEventListener('abort', onAbort);
    if (options.signal?.aborted) stop('cancelled');

    const work = async (own: DuckDBConnection): Promise<UserQueryResult> => {
      check();
      const ready = await checkUserSql(own, sql, options.allowWrite);
      check();
      const result = await own.stream(ready);
      const names = result.columnNames();
      const types = result.columnTypes().map((t) => t.toString());
      const rows: SqlValue[][] = [];
      let bytes = 0;
      for (;;) {
        check();
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) return { names, types, rows, truncated: false };
        for (let i = 0; i < chunk.rowCount; i++) {
          if (rows.length === options.maxRows) return { names, types, rows, truncated: true };
          const row = chunk.convertRowValues(i, JSDuckDBValueConverter).map(toPlain);
          for (const v of row) bytes += typeof v === 'string' ? v.length : 8;
          if (bytes > options.maxBytes) stop('bytes');
          check();
          rows.push(row);
        }
      }
    };
    const task = (async () => {
      const own = await this.instance.connect();
      connection = own;
      try {
        // Changes wait their turn with the app's own (an import, a checkpoint); reads run beside them.
        return await (options.allowWrite ? this.exclusive(() => work(own)) : work(own));
      } catch (err) {
        if (state.stopped) throw STOPPED[state.stopped](options);
        throw refusalFor(err);
      } finally {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        own.interrupt();
        // Its temporary tables, settings and prepared statements go with it.
        own.closeSync();
      }
    })();
    this.running.set(task, stop);
    const forget = () => this.running.delete(task);
    void task.then(forget, forget);
    return task;
  }

  /**
   * Write the database afresh into a new file and put it in the old one's place. DuckDB marks the
   * blocks of deleted rows free but leaves their bytes in the file until reused, so a removed
   * year's children stayed readable in it (grep -a); a copy holds only what is live. `scratch` is
   * a new file in a folder DuckDB may write to; a kill before the rename leaves the old file, whole.
   */
  async rewriteFile(scratch: string): Promise<void> {
    if (this.path === ':memory:') return;
    await this.exclusive(async () => {
      this.cancelUserQueries();
      await Promise.allSettled([...this.running.keys()]);
      const current = (await this.connection.runAndReadAll('SELECT current_database() AS d')).getRowObjectsJS()[0]!.d as string;
      await this.connection.run(`ATTACH ${quoteLiteral(scratch)} AS iro_rewrite`);
      try {
        await this.connection.run(`COPY FROM DATABASE ${quoteIdent(current)} TO iro_rewrite`);
      } finally {
        await this.connection.run('DETACH iro_rewrite');
      }
      this.connection.closeSync();
      this.instance.closeSync();
      // Closing checkpointed the old file: its log holds nothing, and must not be replayed onto the new one.
      await rm(`${this.path}.wal`, { force: true });
      await rename(scratch, this.path);
      this.instance = await DuckDBInstance.create(this.path, this.config);
      this.connection = await this.instance.connect();
      if (this.allowed) await this.applyLockDown();
    });
  }

  cancelUserQueries(): void {
    for (const stop of this.running.values()) stop('cancelled');
  }

  async close(): Promise<void> {
    this.cancelUserQueries();
    await Promise.allSettled([...this.running.keys()]);
    await this.queue.catch(() => undefined);
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function formatSeconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 120 && s % 60 === 0 ? `${s / 60} minutes` : `${s} second${s === 1 ? '' : 's'}`;
}

function toDuckParams(params?: SqlParams): Record<string, DuckDBValue> | DuckDBValue[] | undefined {
  if (!params) return undefined;
  return params as Record<string, DuckDBValue> | DuckDBValue[];
}

/** DuckDB JS values to JSON-safe values (see SqlEngine). */
export function toPlain(v: unknown): SqlValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) {
    // DATE arrives as UTC midnight; keep timestamps whole.
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x));
}
