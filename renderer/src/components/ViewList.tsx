/**
 * Explore's list of the canonical views the packs are built on (cla_31_march, started_in_year...),
 * each with its columns, read from DuckDB's catalogue once; selecting a name starts a query on it.
 */
import { useEffect, useState } from 'react';
import type { WorkbenchApi } from '../../../shared/api.js';
import { quoteLiteral } from '../../../shared/engine.js';
import { CANONICAL_VIEW_NAMES } from '../../../shared/sql/views.js';
import { decodeTabular } from '../lib/arrow.js';

export function ViewList({ api, onPick }: { api: WorkbenchApi; onPick: (sql: string) => void }) {
  const [columns, setColumns] = useState<Record<string, string[]>>({});
  useEffect(() => {
    let live = true;
    const names = CANONICAL_VIEW_NAMES.map(quoteLiteral).join(', ');
    const sql = `SELECT table_name AS v, column_name AS c FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' AND table_name IN (${names}) ORDER BY table_name, column_index`;
    api['query.run']({ sql, limit: 5000 }).then(
      (r) => {
        if (!live) return;
        const byView: Record<string, string[]> = {};
        for (const row of decodeTabular(r).rows) (byView[String(row.v)] ??= []).push(String(row.c));
        setColumns(byView);
      },
      // Without the catalogue the names alone still help.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  return (
    <ul className="plain view-list">
      {CANONICAL_VIEW_NAMES.map((name) => (
        <li key={name}>
          <button type="button" className="button link" onClick={() => onPick(`SELECT *\nFROM ${name}\nLIMIT 100`)}>
            {name}
          </button>
          {columns[name] && <span className="view-columns muted">{columns[name].join(', ')}</span>}
        </li>
      ))}
    </ul>
  );
}
