/**
 * SqlEngine over DuckDB (@duckdb/node-api). One instance per workspace file, one connection,
 * calls serialised so a transaction is never interleaved with another caller's statements.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { DuckDBConnection, DuckDBInstance, JSDuckDBValueConverter, type DuckDBValue } from '@duckdb/node-api';
import type { ColumnarResult, Row, SqlEngine, SqlParams, SqlValue } from '../../shared/engine.js';

export interface DuckDbEngineOptions {
  /** Database file, or ':memory:'. */
  path: string;
  readOnly?: boolean;
  threads?: number;
  memoryLimit?: string;
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

export async function openDuckDbEngine(options: DuckDbEngineOptions): Promise<DuckDbEngine> {
  const instance = await DuckDBInstance.create(options.path, {
    ...OFFLINE_OPTIONS,
    ...RETURN_FREED_MEMORY,
    threads: String(options.threads ?? 2),
    ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
    ...(options.readOnly ? { access_mode: 'READ_ONLY' } : {}),
  });
  const connection = await instance.connect();
  return new DuckDbEngine(instance, connection);
}

export class DuckDbEngine implements SqlEngine {
  private queue: Promise<unknown> = Promise.resolve();
  /** Marks the async context of the transaction or exclusive section that holds the connection. */
  private readonly holder = new AsyncLocalStorage<DuckDbEngine>();

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
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

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    this.connection.closeSync();
    this.instance.closeSync();
  }
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
