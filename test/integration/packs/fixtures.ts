/**
 * Fixture helpers for pack tests: an in-memory DuckDB workspace with the schema and canonical
 * views, and plain INSERTs of 903 rows written compactly. Dates are ISO strings.
 */
import { openDuckDbEngine } from '../../../electron/engine/duckdbEngine.js';
import type { SqlEngine, SqlValue } from '../../../shared/engine.js';
import { expect } from 'vitest';
import { quoteIdent } from '../../../shared/engine.js';
import { PACKS } from '../../../shared/packs/index.js';
import { optionVariants, packSql, runPack, withViewSnapshot } from '../../../shared/packs/run.js';
import type { CellValue, PackResult } from '../../../shared/packs/result.js';
import { WORKSPACE_DDL } from '../../../shared/sql/schema.js';
import { CANONICAL_VIEWS } from '../../../shared/sql/views.js';

export async function openWorkspace(): Promise<SqlEngine> {
  const engine = await openDuckDbEngine({ path: ':memory:' });
  for (const sql of WORKSPACE_DDL) await engine.run(sql);
  for (const sql of CANONICAL_VIEWS) await engine.run(sql);
  return engine;
}

let sourceRow = 0;

/** Insert rows into a 903 table for one return year (provenance columns filled in). */
export async function insertRows(engine: SqlEngine, table: string, year: number, rows: Record<string, SqlValue | undefined>[]): Promise<void> {
  for (const row of rows) {
    const entries = Object.entries(row).filter(([, v]) => v !== undefined) as [string, SqlValue][];
    const cols = ['return_year', 'import_id', 'source_file', 'source_row', ...entries.map(([k]) => k)];
    const values: SqlValue[] = [year, year, `${table}.csv`, ++sourceRow, ...entries.map(([, v]) => v)];
    await engine.run(
      `INSERT INTO ${quoteIdent(table)} (${cols.map(quoteIdent).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      values,
    );
  }
}

export interface Episode {
  child: string;
  decom: string;
  dec: string | null;
  rne: string;
  ls: string;
  place: string;
  rec: string | null;
  cin?: string | null;
  place_provider?: string | null;
  reason_place_change?: string | null;
}

/** ep('A', '2022-02-01', '2022-06-15', 'S', 'C1', 'U6', 'X1') - an episode in the order of the 903 columns. */
export function ep(child: string, decom: string, dec: string | null, rne: string, ls: string, place: string, rec: string | null = null, extra: Partial<Episode> = {}): Episode {
  return { child, decom, dec, rne, ls, place, rec, cin: 'N1', place_provider: place.startsWith('T') || place.startsWith('Z') ? null : 'PR1', ...extra };
}

export async function insertEpisodes(engine: SqlEngine, year: number, episodes: Episode[]): Promise<void> {
  await insertRows(engine, 'episodes', year, episodes.map((e) => ({ ...e })));
}

export interface Child {
  child: string;
  sex: string;
  dob: string;
  ethnic?: string;
  uasc?: string;
}

export async function insertHeaders(engine: SqlEngine, year: number, children: Child[]): Promise<void> {
  await insertRows(engine, 'header', year, children.map((c) => ({ ethnic: 'WBRI', ...c })));
}

export async function pack(engine: SqlEngine, id: string, opts: { suppress?: number | null; options?: Record<string, string> } = {}): Promise<PackResult> {
  return (await runPack(engine, id, opts)).result;
}

/** The cell of a row key (null = total) in a year; throws if the row is not in the result. */
export function cell(result: PackResult, key: string | null, year: number): CellValue {
  if (key === null) return result.total[String(year)] ?? {};
  const row = result.rows.find((r) => r.key === key);
  if (!row) throw new Error(`No row "${key}" in pack ${result.pack}; rows: ${result.rows.map((r) => r.key).join(', ')}`);
  return row.values[String(year)]!;
}

/** Counts of every row in a year, as { key: count }. */
export function counts(result: PackResult, year: number): Record<string, number | null | undefined> {
  return Object.fromEntries(result.rows.map((r) => [r.key, r.values[String(year)]?.count]));
}

/**
 * For every pack with a counts() query and every choice of each of its options: the counts query
 * gives exactly the numbers of counting the pack's members (the drill-down rows). Returns how many
 * comparisons were made, so a caller can check the check ran.
 */
export async function expectCountsMatchMembers(engine: SqlEngine): Promise<number> {
  let compared = 0;
  await withViewSnapshot(engine, async () => {
    for (const p of PACKS.filter((x) => x.counts)) {
      for (const options of optionVariants(p)) {
        const fast = await engine.all(packSql(p, options));
        const slow = await engine.all(packSql(p, options, { viaMembers: true }));
        expect(fast.length, `${p.id} ${JSON.stringify(options)}: no rows`).toBeGreaterThan(0);
        expect(fast, `${p.id} ${JSON.stringify(options)}`).toEqual(slow);
        compared++;
      }
    }
  });
  return compared;
}
