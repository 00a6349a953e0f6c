/**
 * DfE's published figures in the workspace: EES data files as one long table (`published`, one row
 * per file row and indicator, symbols kept as text) and DfE's statistical-neighbour model
 * (`statistical_neighbours`). Loading is all or nothing: one unreadable file refuses the lot. A file
 * loaded again under the same name replaces its earlier rows, so newer EES downloads load the same way.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ImportFileInput, ImportMessage, PublishedFileInfo, PublishedImportReport } from '../../shared/api.js';
import { quoteLiteral, type SqlEngine } from '../../shared/engine.js';
import { MEASURES, measureOf } from '../../shared/ees/measures.js';
import { isEesHeader, isNeighbourHeader, parseEesCsv, parseNeighbourCsv } from '../../shared/ees/parse.js';
import { csvQuote, detectDelimiter, scanCsv } from '../../shared/import/csv.js';
import { decodeText } from './decode.js';

export const PUBLISHED_DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS published_files (
     source VARCHAR PRIMARY KEY,
     kind VARCHAR NOT NULL,
     sha256 VARCHAR NOT NULL,
     row_count INTEGER NOT NULL,
     value_count INTEGER NOT NULL,
     first_year INTEGER,
     last_year INTEGER,
     measures JSON,
     columns JSON,
     bundled BOOLEAN NOT NULL,
     loaded_at TIMESTAMP NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS published (
     source VARCHAR NOT NULL,
     source_row INTEGER NOT NULL,
     time_period INTEGER NOT NULL,
     geographic_level VARCHAR NOT NULL,
     area_code VARCHAR NOT NULL,
     area_name VARCHAR,
     old_la_code VARCHAR,
     region_code VARCHAR,
     region_name VARCHAR,
     filters JSON,
     indicator VARCHAR NOT NULL,
     value_text VARCHAR NOT NULL,
     value_num DOUBLE,
     measure VARCHAR
   )`,
  `CREATE TABLE IF NOT EXISTS statistical_neighbours (
     source VARCHAR NOT NULL,
     old_la_code VARCHAR NOT NULL,
     la_name VARCHAR,
     rank INTEGER NOT NULL,
     neighbour_old_la_code VARCHAR NOT NULL,
     closeness VARCHAR
   )`,
];

export async function ensurePublishedTables(engine: SqlEngine): Promise<void> {
  for (const ddl of PUBLISHED_DDL) await engine.run(ddl);
}

interface Prepared {
  info: PublishedFileInfo;
  columns: unknown;
  insert: (engine: SqlEngine) => Promise<void>;
}

/**
 * Rows go in through a CSV that DuckDB reads (seconds faster than any statement with parameters at
 * 260,000 rows), written as soon as a file is read so its rows are not all held at once. The
 * figures are DfE's public data: nothing private is written. Staged inside the import staging
 * folder: the one place the workspace's DuckDB may read files from.
 */
async function stageRows(path: string, structure: Record<string, string>, rows: Record<string, unknown>[]): Promise<void> {
  const cols = Object.keys(structure);
  const cell = (v: unknown) => (v === null || v === undefined ? '' : csvQuote(typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v)));
  const lines = rows.map((r) => cols.map((c) => cell(r[c])).join(','));
  await writeFile(path, `${cols.join(',')}\n${lines.join('\n')}\n`);
}

async function insertStaged(engine: SqlEngine, table: string, structure: Record<string, string>, path: string): Promise<void> {
  const cols = Object.keys(structure);
  const declared = cols.map((c) => `${quoteLiteral(c)}: ${quoteLiteral(structure[c] === 'JSON' ? 'VARCHAR' : structure[c]!)}`).join(', ');
  const select = cols.map((c) => (structure[c] === 'JSON' ? `${c}::JSON` : c)).join(', ');
  await engine.run(
    `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${select} FROM read_csv($path, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', nullstr = '', columns = {${declared}})`,
    { path },
  );
}

/** A private folder for one load's staged rows, removed by the caller. */
async function stagingFolder(stagingRoot: string): Promise<string> {
  await mkdir(stagingRoot, { recursive: true, mode: 0o700 });
  return mkdtemp(join(stagingRoot, 'published-'));
}

const NEIGHBOURS_TABLE = { source: 'VARCHAR', old_la_code: 'VARCHAR', la_name: 'VARCHAR', rank: 'INTEGER', neighbour_old_la_code: 'VARCHAR', closeness: 'VARCHAR' };
const PUBLISHED_TABLE = {
  source: 'VARCHAR',
  source_row: 'INTEGER',
  time_period: 'INTEGER',
  geographic_level: 'VARCHAR',
  area_code: 'VARCHAR',
  area_name: 'VARCHAR',
  old_la_code: 'VARCHAR',
  region_code: 'VARCHAR',
  region_name: 'VARCHAR',
  filters: 'JSON',
  indicator: 'VARCHAR',
  value_text: 'VARCHAR',
  value_num: 'DOUBLE',
  measure: 'VARCHAR',
};

async function prepare(name: string, bytes: Uint8Array, bundled: boolean, messages: ImportMessage[], staged: string): Promise<Prepared | null> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const text = decodeText(bytes).text.replace(/^\uFEFF/, '');
  const header = scanCsv(text, detectDelimiter(text), { raw: true, limit: 1 }).rows?.[0]?.fields ?? [];
  const loadedAt = new Date().toISOString();
  const fail = (p: { row?: number; column?: string; value?: string; text: string }) =>
    messages.push({ level: 'error', file: name, text: p.text, ...(p.row !== undefined ? { row: p.row } : {}), ...(p.column ? { column: p.column } : {}), ...(p.value !== undefined ? { value: p.value } : {}) });
  if (isNeighbourHeader(header)) {
    const parsed = parseNeighbourCsv(text);
    parsed.problems.forEach(fail);
    if (parsed.problems.length) return null;
    const owners = new Set(parsed.rows.map((r) => r.oldLaCode));
    await stageRows(
      staged,
      NEIGHBOURS_TABLE,
      parsed.rows.map((r) => ({ source: name, old_la_code: r.oldLaCode, la_name: r.laName, rank: r.rank, neighbour_old_la_code: r.neighbourOldLaCode, closeness: r.closeness })),
    );
    return {
      info: { source: name, kind: 'neighbours', sha256, rows: owners.size, values: parsed.rows.length, firstYear: null, lastYear: null, measures: [], bundled, loadedAt },
      columns: header,
      insert: (engine) => insertStaged(engine, 'statistical_neighbours', NEIGHBOURS_TABLE, staged),
    };
  }
  if (!isEesHeader(header)) {
    fail({ text: 'Not a DfE published-figures file: an explore-education-statistics data file has time_period and geographic_level columns (or, for the statistical-neighbour model, old_la_code and SN_1 ... SN_10).' });
    return null;
  }
  const parsed = parseEesCsv(text);
  parsed.problems.forEach(fail);
  if (parsed.problems.length) return null;
  // A file repeats a few hundred filter combinations over thousands of rows: classify each once.
  const known = new Map<string, string | null>();
  const measure = (filters: Record<string, string>, indicator: string) => {
    const key = `${indicator}\u0000${Object.values(filters).join('\u0000')}`;
    if (!known.has(key)) known.set(key, measureOf(filters, indicator));
    return known.get(key)!;
  };
  const rows = parsed.values.map((v) => ({
    source: name,
    source_row: v.sourceRow,
    time_period: v.timePeriod,
    geographic_level: v.geographicLevel,
    area_code: v.areaCode,
    area_name: v.areaName,
    old_la_code: v.oldLaCode || null,
    region_code: v.regionCode || null,
    region_name: v.regionName || null,
    filters: v.filters,
    indicator: v.indicator,
    value_text: v.valueText,
    value_num: v.valueNum,
    measure: measure(v.filters, v.indicator),
  }));
  await stageRows(staged, PUBLISHED_TABLE, rows);
  const years = parsed.values.map((v) => v.timePeriod);
  const measures = [...new Set(rows.map((r) => r.measure).filter((m): m is string => m !== null))].sort();
  return {
    info: {
      source: name,
      kind: 'ees',
      sha256,
      rows: parsed.rows,
      values: rows.length,
      firstYear: years.length ? Math.min(...years) : null,
      lastYear: years.length ? Math.max(...years) : null,
      measures,
      bundled,
      loadedAt,
    },
    columns: parsed.columns,
    insert: (engine) => insertStaged(engine, 'published', PUBLISHED_TABLE, staged),
  };
}

/** Load EES files (and the neighbour model) into the workspace: every file or none. */
export interface PublishedLoadOptions {
  /** The workspace's import staging folder (the only folder its DuckDB reads files from). */
  stagingRoot: string;
  bundled?: boolean;
}

export async function importPublished(engine: SqlEngine, files: ImportFileInput[], opts: PublishedLoadOptions): Promise<PublishedImportReport> {
  const messages: ImportMessage[] = [];
  const prepared: Prepared[] = [];
  const dir = await stagingFolder(opts.stagingRoot);
  try {
    for (const [n, f] of files.entries()) {
      const name = basename(f.name);
      const bytes = f.data ?? (f.path ? new Uint8Array(await readFile(f.path)) : null);
      if (!bytes) {
        messages.push({ level: 'error', file: name, text: 'The file has no contents.' });
        continue;
      }
      const p = await prepare(name, bytes, opts.bundled === true, messages, join(dir, `${n}.csv`));
      if (p) prepared.push(p);
    }
    if (messages.some((m) => m.level === 'error')) return { ok: false, files: [], messages };
    await ensurePublishedTables(engine);
    await engine.transaction(async () => {
      for (const p of prepared) {
        for (const table of ['published', 'statistical_neighbours', 'published_files']) await engine.run(`DELETE FROM ${table} WHERE source = $s`, { s: p.info.source });
        await p.insert(engine);
        const i = p.info;
        await engine.run(
          `INSERT INTO published_files VALUES ($source, $kind, $sha, $rows, $values, $first, $last, $measures::JSON, $columns::JSON, $bundled, now()::TIMESTAMP)`,
          { source: i.source, kind: i.kind, sha: i.sha256, rows: i.rows, values: i.values, first: i.firstYear, last: i.lastYear, measures: JSON.stringify(i.measures), columns: JSON.stringify(p.columns), bundled: i.bundled },
        );
      }
      await engine.run(`INSERT INTO activity_log VALUES (now()::TIMESTAMP, 'load-published', $detail::JSON)`, {
        detail: JSON.stringify({ files: prepared.map((p) => p.info.source), bundled: opts.bundled === true }),
      });
    });
    await engine.run('CHECKPOINT');
    return { ok: true, files: prepared.map((p) => p.info), messages };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The catalogue as text: when it changes (a new release of the app), the published rows are classified again. */
export function catalogueStamp(): string {
  return JSON.stringify(MEASURES.map((m) => [m.id, m.indicators, m.filters.map((f) => f.source)]));
}

/**
 * Classify the published rows again by the current catalogue, when it differs from the one they
 * were loaded with: each distinct (filters, indicator) once, then one UPDATE.
 */
export async function refreshMeasures(engine: SqlEngine, stagingRoot: string): Promise<boolean> {
  await ensurePublishedTables(engine);
  const stamp = catalogueStamp();
  const stored = await engine.all<{ value: string }>("SELECT value FROM workspace_meta WHERE key = 'published.catalogue'");
  if (stored[0]?.value === stamp) return false;
  const combos = await engine.all<{ filters: string; indicator: string }>('SELECT DISTINCT filters::VARCHAR AS filters, indicator FROM published');
  const mapping = combos.map((c) => ({ filters: c.filters, indicator: c.indicator, measure: measureOf(JSON.parse(c.filters) as Record<string, string>, c.indicator) }));
  await engine.transaction(async () => {
    await engine.run('CREATE OR REPLACE TEMP TABLE published_measures (filters VARCHAR, indicator VARCHAR, measure VARCHAR)');
    if (mapping.length) {
      const dir = await stagingFolder(stagingRoot);
      try {
        const table = { filters: 'VARCHAR', indicator: 'VARCHAR', measure: 'VARCHAR' };
        await stageRows(join(dir, 'measures.csv'), table, mapping);
        await insertStaged(engine, 'published_measures', table, join(dir, 'measures.csv'));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
    await engine.run(
      `UPDATE published SET measure = m.measure FROM published_measures m WHERE published.filters::VARCHAR = m.filters AND published.indicator = m.indicator AND published.measure IS DISTINCT FROM m.measure`,
    );
    await engine.run('DROP TABLE published_measures');
    await engine.run("DELETE FROM workspace_meta WHERE key = 'published.catalogue'");
    await engine.run("INSERT INTO workspace_meta VALUES ('published.catalogue', $stamp)", { stamp });
  });
  return true;
}

/** The CSV files of the bundled snapshot, by name. */
export async function bundledFiles(dir: string): Promise<ImportFileInput[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => /\.csv$/i.test(n)).sort().map((n) => ({ name: n, path: join(dir, n) }));
}

/** Load the bundled snapshot when the workspace holds no published figures yet (first start). */
export async function loadBundledIfEmpty(engine: SqlEngine, dir: string | undefined, stagingRoot: string): Promise<PublishedImportReport | null> {
  await ensurePublishedTables(engine);
  const n = await engine.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM published_files');
  if (!dir || n[0]!.n > 0) return null;
  const files = await bundledFiles(dir);
  if (!files.length) return null;
  return importPublished(engine, files, { bundled: true, stagingRoot });
}

export async function publishedFiles(engine: SqlEngine): Promise<PublishedFileInfo[]> {
  await ensurePublishedTables(engine);
  const rows = await engine.all<{ source: string; kind: string; sha256: string; row_count: number; value_count: number; first_year: number | null; last_year: number | null; measures: string; bundled: boolean; loaded_at: string }>(
    'SELECT source, kind, sha256, row_count, value_count, first_year, last_year, measures::VARCHAR AS measures, bundled, loaded_at::VARCHAR AS loaded_at FROM published_files ORDER BY source',
  );
  return rows.map((r) => ({
    source: r.source,
    kind: r.kind as PublishedFileInfo['kind'],
    sha256: r.sha256,
    rows: r.row_count,
    values: r.value_count,
    firstYear: r.first_year,
    lastYear: r.last_year,
    measures: JSON.parse(r.measures ?? '[]') as string[],
    bundled: r.bundled,
    loadedAt: r.loaded_at,
  }));
}
