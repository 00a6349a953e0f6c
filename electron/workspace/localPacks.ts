/**
 * Local packs in a workspace: their specs kept in the local_packs table, checked against the local
 * tables as they are now, and run through the same result builder as the built-in packs.
 */
import type { PackRunResult, PackSummary } from '../../shared/api.js';
import type { SqlEngine } from '../../shared/engine.js';
import { compileLocalPack, localPackProblems, localPackShape, localResultInfo, reportingMonths, localPackSpecSchema, LOCAL_SECTION, typedColumnsOf, type LocalPackSpec, type TableColumn, type TextExample } from '../../shared/packs/local.js';
import { quoteIdent } from '../../shared/engine.js';
import { fitsTypeSql } from '../import/localTypes.js';
import { PackError, runPackDefinition, type RunPackOptions } from '../../shared/packs/run.js';
import type { PackDefinition } from '../../shared/packs/types.js';

export { isLocalPackId } from '../../shared/packs/local.js';

export interface LocalTable {
  table: string;
  rows: number;
  columns: TableColumn[];
}

export interface SavedLocalPack {
  spec: LocalPackSpec;
  /** Empty when it runs; otherwise what needs attention (a column gone, a date column now text). */
  problems: string[];
}

/** The local tables imports made (escalations, caseloads...), with their columns. */
export async function localTables(engine: SqlEngine): Promise<LocalTable[]> {
  const names = await engine.all<{ t: string }>("SELECT DISTINCT table_name AS t FROM import_files WHERE kind = 'local' ORDER BY 1");
  const out: LocalTable[] = [];
  for (const { t } of names) {
    const columns = await engine.all<{ name: string; type: string }>(
      `SELECT column_name AS name, data_type AS type FROM duckdb_columns()
       WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $t AND column_name <> 'return_year' ORDER BY column_index`,
      { t },
    );
    if (columns.length === 0) continue; // removed with its last year
    const rows = await engine.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM "${t.replace(/"/g, '""')}"`);
    out.push({ table: t, rows: rows[0]!.n, columns });
  }
  return out;
}

async function columnsOf(engine: SqlEngine, table: string): Promise<TableColumn[] | null> {
  return (await localTables(engine)).find((t) => t.table === table)?.columns ?? null;
}

export async function listLocalPacks(engine: SqlEngine): Promise<SavedLocalPack[]> {
  const rows = await engine.all<{ spec: string }>('SELECT spec::VARCHAR AS spec FROM local_packs ORDER BY saved_at, id');
  const tables = await localTables(engine);
  const out: SavedLocalPack[] = [];
  for (const r of rows) {
    const spec = localPackSpecSchema.parse(JSON.parse(r.spec));
    out.push({ spec, problems: await problemsOf(engine, spec, tables.find((t) => t.table === spec.table)?.columns ?? null) });
  }
  return out;
}

/** localPackProblems, with a value that keeps each date or number column it needs as text. */
async function problemsOf(engine: SqlEngine, spec: LocalPackSpec, columns: TableColumn[] | null): Promise<string[]> {
  const examples = new Map<string, TextExample>();
  for (const { column, want } of typedColumnsOf(spec)) {
    const c = columns?.find((x) => x.name.toLowerCase() === column.toLowerCase());
    if (!c || c.type !== 'VARCHAR' || examples.has(c.name.toLowerCase())) continue;
    const [first] = await engine.all<{ value: string; year: number }>(
      `SELECT ${quoteIdent(c.name)} AS value, return_year AS year FROM ${quoteIdent(spec.table)}
       WHERE nullif(trim(${quoteIdent(c.name)}), '') IS NOT NULL AND NOT ${fitsTypeSql(quoteIdent(c.name), want === 'date' ? 'DATE' : 'DOUBLE')}
       ORDER BY return_year, rowid LIMIT 1`,
    );
    if (first) examples.set(c.name.toLowerCase(), { value: first.value, year: Number(first.year) });
  }
  return localPackProblems(spec, columns, examples);
}

export function localPackSummary(p: SavedLocalPack): PackSummary {
  return { id: p.spec.id, title: p.spec.title, section: LOCAL_SECTION, ...localPackShape(p.spec), ...(p.problems.length ? { problems: p.problems } : {}) };
}

/** Check and keep a spec (a new pack, an edit, or one loaded from a shared file). A spec that cannot run on the table as it is now is refused. */
export async function saveLocalPack(engine: SqlEngine, input: unknown): Promise<SavedLocalPack> {
  const parsed = localPackSpecSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PackError(`This local pack definition cannot be used: ${issue.path.join('.') || 'the file'}: ${issue.message}`, 'invalid-request');
  }
  const spec = parsed.data;
  const problems = await problemsOf(engine, spec, await columnsOf(engine, spec.table));
  if (problems.length > 0) throw new PackError(problems.join(' '), 'invalid-request');
  await engine.run('INSERT OR REPLACE INTO local_packs VALUES ($id, $spec, now())', { id: spec.id, spec: JSON.stringify(spec) });
  return { spec, problems };
}

export async function removeLocalPack(engine: SqlEngine, id: string): Promise<void> {
  await engine.run('DELETE FROM local_packs WHERE id = $id', { id });
}

/** The pack over its table as it is now; a message naming the pack and column when it cannot run. */
export async function compiledLocalPack(engine: SqlEngine, id: string): Promise<PackDefinition> {
  return (await compiled(engine, id)).pack;
}

async function compiled(engine: SqlEngine, id: string): Promise<{ spec: LocalPackSpec; pack: PackDefinition }> {
  const saved = (await listLocalPacks(engine)).find((p) => p.spec.id === id);
  if (!saved) throw new PackError(`There is no local pack called "${id}".`, 'not-found');
  if (saved.problems.length > 0) throw new PackError(saved.problems.join(' '), 'invalid-request');
  return { spec: saved.spec, pack: compileLocalPack(saved.spec, (await columnsOf(engine, saved.spec.table))!) };
}

/** Run a local pack over every year its rows fall in. */
export async function runLocalPack(engine: SqlEngine, id: string, opts: RunPackOptions): Promise<PackRunResult> {
  const { spec, pack } = await compiled(engine, id);
  const found = (await engine.all<{ y: number }>(`SELECT DISTINCT return_year AS y FROM (${pack.members({})}) ORDER BY 1`)).map((r) => Number(r.y));
  // By month: every month of the window, a month without a row as 0.
  const months = spec.year !== 'imported-year' ? spec.year.months : undefined;
  const years = months && found.length ? reportingMonths(months, found.at(-1)!) : found;
  const run = await runPackDefinition(engine, pack, years, opts);
  run.result.local = localResultInfo(spec);
  return run;
}
