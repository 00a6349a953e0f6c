/** Columnar SQL results to Arrow IPC bytes, the wire format for large results to the renderer. Its callers import it when
 * they need it (await import): apache-arrow is large, and a CLI call or a pack never needs it. */
import { Bool, Float64, Int32, Table, Utf8, vectorFromArray, tableToIPC, type DataType, type Vector } from 'apache-arrow';
import type { ColumnarResult } from '../../shared/engine.js';

function arrowType(duckType: string): DataType {
  const t = duckType.toUpperCase();
  if (t === 'BOOLEAN') return new Bool();
  if (['TINYINT', 'SMALLINT', 'INTEGER', 'UTINYINT', 'USMALLINT'].includes(t)) return new Int32();
  if (['BIGINT', 'HUGEINT', 'UINTEGER', 'UBIGINT', 'DOUBLE', 'FLOAT', 'REAL'].includes(t) || t.startsWith('DECIMAL')) return new Float64();
  // Dates, timestamps, text, nested values: as text, already formatted by the engine.
  return new Utf8();
}

export function toArrowIpc(result: ColumnarResult): Uint8Array {
  const vectors: Record<string, Vector> = {};
  const used = new Set<string>();
  result.names.forEach((rawName, i) => {
    // Arrow tables need unique names; SQL allows "SELECT 1, 1".
    let name = rawName;
    for (let k = 2; used.has(name); k++) name = `${rawName}_${k}`;
    used.add(name);
    const type = arrowType(result.types[i] ?? 'VARCHAR');
    const values = result.rows.map((r) => {
      const v = r[i] ?? null;
      if (v === null) return null;
      return type instanceof Utf8 ? String(v) : v;
    });
    vectors[name] = vectorFromArray(values, type);
  });
  return tableToIPC(new Table(vectors), 'stream');
}
