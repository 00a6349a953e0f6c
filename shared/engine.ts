/**
 * The SQL engine the core (import, packs, export) is written against. The DuckDB implementation
 * lives in electron/engine; the core never imports DuckDB's client, so it stays testable and
 * could run on DuckDB-WASM later.
 *
 * Values crossing this interface are plain JSON-safe data: BIGINT/HUGEINT become numbers,
 * DATE becomes 'YYYY-MM-DD', DECIMAL becomes a number.
 */

export type SqlValue = string | number | boolean | null;
export type SqlParams = Record<string, SqlValue> | readonly SqlValue[];
export type Row = Record<string, SqlValue>;

export interface ColumnarResult {
  readonly names: string[];
  /** DuckDB type names, e.g. 'VARCHAR', 'DATE', 'BIGINT'. */
  readonly types: string[];
  readonly rows: SqlValue[][];
}

/** Limits for one query a person typed (Explore). */
export interface UserQueryOptions {
  /** Statements that change the workspace's own tables may run (the page's "Allow changes"). */
  allowWrite: boolean;
  /** Rows returned at most; more rows make the result truncated, not refused. */
  maxRows: number;
  /** Result size at most (about: text counts its characters, numbers 8 bytes); past it the query is stopped and refused. */
  maxBytes: number;
  /** Stopped and refused after this long. */
  timeoutMs: number;
  /** Aborting it cancels the query (the page closed, or its Cancel button). */
  signal?: AbortSignal;
}

export interface UserQueryResult extends ColumnarResult {
  truncated: boolean;
}

export interface SqlEngine {
  /** Run statements; values are always bound as parameters ($name or ?), never pasted in. */
  run(sql: string, params?: SqlParams): Promise<void>;
  all<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]>;
  columnar(sql: string, params?: SqlParams, limit?: number): Promise<ColumnarResult>;
  /** Run fn in one transaction: everything it did is committed, or nothing is. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Run fn with no other caller's statements in between, without a transaction (each statement
   * commits on its own; CHECKPOINT may run). For work too big or too long for one transaction.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * SQL a person typed, checked and run in a sandbox: its own connection (closed after it, so
   * nothing it makes outlives it), within the limits; reads run beside the app's own calls.
   */
  userQuery(sql: string, options: UserQueryOptions): Promise<UserQueryResult>;
  /** Stop every user query running now (Cancel, quitting). */
  cancelUserQueries(): void;
  /**
   * Rewrite the database file so removed rows leave no bytes behind (a no-op in memory); `scratch`
   * is a new file's path in a folder the engine may write to.
   */
  rewriteFile(scratch: string): Promise<void>;
  close(): Promise<void>;
}

/** Quote an identifier (table or column name) for SQL. Identifiers never come from raw user text unchecked. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quote a string literal; only for places DuckDB cannot take a parameter (e.g. read_csv paths in some positions). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
