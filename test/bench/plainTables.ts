/**
 * The benchmark's yardsticks for what a user would do without the workbench: the same three report
 * tables (children looked after at 31 March by age band, starters by age band on starting, ceased
 * by reason of the last ceasing; short breaks left out) computed straight from the CSV files, by a
 * plain DuckDB script (here) and by pandas (plain_tables.py, where Debian's python3-pandas is
 * installed). Both return the tables, so the bench can check they agree with the app's packs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { quoteLiteral } from '../../shared/engine.js';

/** year -> table -> key -> children */
export type PlainTables = Record<string, Record<string, Record<string, number>>>;

const BAND = (age: string) => `CASE WHEN ${age} < 1 THEN 'under-1' WHEN ${age} < 5 THEN '1-4' WHEN ${age} < 10 THEN '5-9' WHEN ${age} < 16 THEN '10-15' ELSE '16-over' END`;
/** Whole years from dob to day (a birthday on the day counts). */
const AGE = (dob: string, day: string) => `(year(${day}) - year(${dob}) - CASE WHEN (month(${dob}), day(${dob})) > (month(${day}), day(${day})) THEN 1 ELSE 0 END)`;

function yearSql(folder: string, year: number): string {
  const csv = (name: string) => `read_csv(${quoteLiteral(join(folder, name))}, header = true, all_varchar = true)`;
  const end = `DATE '${year}-03-31'`;
  const start = `DATE '${year - 1}-04-01'`;
  return `
WITH ep AS (
  SELECT CHILD AS child, strptime(DECOM, '%d/%m/%Y')::DATE AS decom, CASE WHEN DEC <> '' THEN strptime(DEC, '%d/%m/%Y')::DATE END AS dec, RNE AS rne, REC AS rec
  FROM ${csv('episodes.csv')} WHERE LS NOT IN ('V3', 'V4')),
hd AS (SELECT CHILD AS child, any_value(strptime(DOB, '%d/%m/%Y')::DATE) AS dob FROM ${csv('header.csv')} GROUP BY ALL),
cla AS (SELECT DISTINCT child FROM ep WHERE decom <= ${end} AND (dec IS NULL OR dec > ${end})),
st AS (SELECT child, min(decom) AS decom FROM ep WHERE rne = 'S' AND decom BETWEEN ${start} AND ${end} GROUP BY ALL),
ce AS (SELECT child, arg_max(rec, dec) AS rec FROM ep WHERE dec BETWEEN ${start} AND ${end} AND rec <> 'X1' GROUP BY ALL)
SELECT 'age' AS t, ${BAND(AGE('dob', end))} AS k, count(*)::INTEGER AS n FROM cla JOIN hd USING (child) GROUP BY ALL
UNION ALL SELECT 'starters', ${BAND(AGE('dob', 'decom'))}, count(*)::INTEGER FROM st JOIN hd USING (child) GROUP BY ALL
UNION ALL SELECT 'reasons-ceased', rec, count(*)::INTEGER FROM ce GROUP BY ALL`;
}

function yearFolders(dataDir: string): { year: number; folder: string }[] {
  return readdirSync(dataDir)
    .filter((n) => /^\d{4}$/.test(n))
    .sort()
    .map((n) => ({ year: Number(n), folder: join(dataDir, n) }));
}

/** The three tables by a plain DuckDB script from the CSVs (a DuckDB of its own, in memory, default settings). */
export async function plainDuckDbTables(dataDir: string): Promise<{ ms: number; tables: PlainTables }> {
  const t0 = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const tables: PlainTables = {};
  try {
    for (const { year, folder } of yearFolders(dataDir)) {
      const reader = await connection.runAndReadAll(yearSql(folder, year));
      for (const [t, k, n] of reader.getRowsJS() as [string, string, number][]) ((tables[String(year)] ??= {})[t] ??= {})[k] = n;
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return { ms: Math.round((performance.now() - t0) * 10) / 10, tables };
}

/** The three tables by pandas, or null where python3 has no pandas (Debian: apt-get install python3-pandas). */
export function pandasTables(dataDir: string): { ms: number; tables: PlainTables } | null {
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const r = spawnSync(python, [join(import.meta.dirname, 'plain_tables.py'), dataDir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) return null;
  return JSON.parse(r.stdout) as { ms: number; tables: PlainTables };
}
