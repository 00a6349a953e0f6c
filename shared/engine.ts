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
