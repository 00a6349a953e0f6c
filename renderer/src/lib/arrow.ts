/** Decode a TabularResult's Arrow IPC bytes into grid-ready rows (plain JS values). */
import { tableFromIPC } from 'apache-arrow';
import type { TabularResult } from '../../../shared/api.js';

export interface DecodedTable {
  /** Column names as they are in the Arrow table (unique, even when SQL repeated a name). */
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value;
}

export function decodeTabular(result: TabularResult): DecodedTable {
  const table = tableFromIPC(result.arrow);
  const names = table.schema.fields.map((f) => f.name);
  const columns = names.map((name, i) => ({ name, type: result.columns[i]?.type ?? String(table.schema.fields[i]!.type) }));
  const vectors = names.map((_, i) => table.getChildAt(i));
  const rows: Record<string, unknown>[] = [];
  for (let r = 0; r < table.numRows; r++) {
    const row: Record<string, unknown> = {};
    names.forEach((name, i) => {
      row[name] = plain(vectors[i]?.get(r) ?? null);
    });
    rows.push(row);
  }
  return { columns, rows };
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|REAL|DOUBLE|DECIMAL.*|Int.*|Uint.*|Float.*)$/i;
export function isNumericType(type: string): boolean {
  return NUMERIC.test(type);
}
