/**
 * npm run bench [-- --scale la|national|all] [--national-dir DIR] [--json FILE]
 *
 * For LA scale (the bundled six years) and national scale (a generated 10-year set of about
 * 2 million episodes, written once outside the repo): import time per year and in total beside two
 * floors (a plain DuckDB count(*) scan of the same CSV files, and DuckDB loading them into tables
 * itself, unchecked), the time of each canonical view, the first pack after importing every year
 * but the last (which computes the views), the first pack after importing the last year too (which
 * brings the kept views up to date for that year only), each pack and all packs over the computed views (their kept results
 * forgotten first, so they are computed), an Excel export of all packs (computing them, then again
 * with their results kept, as in the app after viewing them; three times each, the median
 * reported), and peak memory, under the workspace's DuckDB memory limit (IRO_MEMORY_LIMIT,
 * default 512MB). Each scale runs in its own process, so peak memory is that scale's.
 * Targets are printed beside the figures; this is a benchmark, not a test: it reports, it does
 * not fail. --scale la takes about 10 s; national about 3 minutes (plus a minute, once, to write
 * the data). */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { quoteLiteral } from '../../shared/engine.js';
import { pandasTables, plainDuckDbTables, type PlainTables } from './plainTables.js';
import { runPacks } from '../../shared/packs/run.js';
import { openDuckDbEngine } from '../../electron/engine/duckdbEngine.js';
import { openAppWorkspace, type AppWorkspace } from '../../electron/workspace/appWorkspace.js';

const ROOT = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'all' },
    'national-dir': { type: 'string', default: join(tmpdir(), 'iro-bench-national') },
    json: { type: 'string', default: join(ROOT, 'test-output', 'bench.json') },
    /** Internal: run one scale in this process and write its result here. */
    'child-out': { type: 'string' },
  },
});

interface YearResult {
  year: number;
  files: number;
  bytes: number;
  rows: number;
  /** SELECT count(*) FROM read_csv(file) for each file: DuckDB reading the files, nothing else. */
  scanMs: number;
  /** CREATE TABLE AS SELECT * FROM read_csv(file): DuckDB loading them into tables its own way (no checks). */
  loadMs: number;
  importMs: number;
}

interface ScaleResult {
  scale: string;
  years: YearResult[];
  scanTotalMs: number;
  loadTotalMs: number;
  importTotalMs: number;
  /** Each canonical view the snapshot computes into a table, in order (each reading the ones before), as the packs needed them. */
  views: { name: string; rows: number; ms: number }[];
  /** The first pack after importing every year but the last: computes the views it reads, then the pack. */
  firstPackMs: number;
  /** The first pack after importing one more year (the last): the kept views brought up to date for it. */
  firstPackOneMoreYearMs: number;
  /** The views that brought up to date, as firstPackOneMoreYearMs's build made them. */
  viewsOneMoreYear: { name: string; rows: number; ms: number; fromYear?: number }[];
  /** Each pack alone over the computed views (a pack switch in the app). */
  packs: { id: string; ms: number }[];
  /** All packs in one batch over the computed views (median of 3): an export's or the CLI's share. */
  allPacksMs: number;
  /** Every data-quality rule over every year, over the computed views (median of 3), and the findings it gave; null when it failed (qualityError). */
  qualityMs: number | null;
  /**
   * Suppressed at 5 and at 10 (LA scale only): every pack broken down by single year of age, the
   * largest cross-tables the secondary suppression protects (up to ~1000 rows, a shortlist search);
   * and the cross-tables of 90 to 120 rows that the full search weighs cell by cell, the slowest of
   * the sample's. Their time, and the slowest one.
   */
  suppressedBreakdowns: { what: string; threshold: number; totalMs: number; slowest: { id: string; rows: number; ms: number } }[] | null;
  qualityFindings: number;
  qualityError: string | null;
  /** Excel export of all packs, computing every pack (median of 3, as allPacksMs). */
  exportXlsxMs: number | null;
  /** The first of those three: the first export in the process also warms up exceljs's code. */
  exportFirstMs: number | null;
  /** The same export with the packs' results kept (the app after viewing them; median of 3). */
  exportKeptMs: number | null;
  exportBytes: number | null;
  peakRssMb: number;
  /** Peak RSS by the end of import, views, packs and export: where the peak was reached. */
  peakByPhase: Record<string, number>;
  /** The command line in a new process each time (node scripts/cli.mjs, as `npm run cli`), after the workspace was closed. */
  cli: { statusMs: number; firstPackMs: number; runs: number };
  /**
   * The three tables (CLA at 31 March by age, starters by age on starting, ceased by reason) for
   * every year: by the app in new processes on the imported workspace (three CLI calls), beside a
   * plain DuckDB script and pandas reading the CSVs; agree = all three give the same counts.
   */
  threeTables: { appMs: number; plainDuckDbMs: number; pandasMs: number | null; agree: boolean; disagreements: string[] };
  /** DuckDB's memory limit in the workspace (IRO_MEMORY_LIMIT or the default). */
  memoryLimit: string;
  targets: { what: string; target: string; value: string; met: boolean }[];
}

const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function yearFolders(dir: string): { year: number; path: string }[] {
  return readdirSync(dir)
    .filter((n) => /^\d{4}$/.test(n))
    .map((n) => ({ year: Number(n), path: join(dir, n) }))
    .sort((a, b) => a.year - b.year);
}

function csvFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.toLowerCase().endsWith('.csv'))
    .sort()
    .map((n) => join(dir, n));
}

async function benchScale(scale: string, dataDir: string): Promise<ScaleResult> {
  const work = join(tmpdir(), `iro-bench-${scale}-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const ws: AppWorkspace = await openAppWorkspace({ path: join(work, 'bench.duckdb') });
  const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
  const peakByPhase: Record<string, number> = {};
  const log = (s: string) => process.stderr.write(`  ${scale}: ${s}\n`);
  const years: YearResult[] = [];
  let closed = false;
  try {
    // The floors run on a plain DuckDB of their own: the workspace's reads no file but its staging folder.
    const floor = await openDuckDbEngine({ path: join(work, 'floor.duckdb') });
    const folders = yearFolders(dataDir);
    const ids = (await ws['packs.list']({})).map((p) => p.id);
    let firstPackMs = 0;
    let views: ScaleResult['views'] = [];
    for (const [i, { year, path }] of folders.entries()) {
      if (i === folders.length - 1) {
        // The app: the first pack after importing every year but the last computes the views (each
        // timed, as the snapshot makes them); the last year is then imported as one more year.
        ws.views.timeBuilds = true;
        const t0 = performance.now();
        await ws['pack.run']({ id: ids[0]! });
        firstPackMs = ms(t0);
        views = ws.views.lastBuild;
        peakByPhase.views = peakMb();
        log(`first pack ${firstPackMs} ms (its views: ${views.map((v) => v.name).join(', ')})`);
      }
      const files = csvFiles(path);
      const bytes = files.reduce((s, f) => s + statSync(f).size, 0);
      let t0 = performance.now();
      for (const f of files) await floor.all(`SELECT count(*) AS n FROM read_csv(${quoteLiteral(f)})`);
      const scanMs = ms(t0);
      t0 = performance.now();
      for (const [i, f] of files.entries()) await floor.run(`CREATE OR REPLACE TABLE t${i} AS SELECT * FROM read_csv(${quoteLiteral(f)})`);
      const loadMs = ms(t0);
      t0 = performance.now();
      const report = await ws['workspace.import']({ year, files: [{ name: String(year), path }] });
      const importMs = ms(t0);
      if (!report.ok) throw new Error(`import of ${year} refused: ${report.messages.filter((m) => m.level === 'error').slice(0, 3).map((m) => m.text).join('; ')}`);
      years.push({ year, files: files.length, bytes, rows: report.files.reduce((s, f) => s + f.rows, 0), scanMs, loadMs, importMs });
      log(`${year}: scan ${scanMs} ms, DuckDB load ${loadMs} ms, import ${importMs} ms`);
    }
    await floor.close();
    peakByPhase.import = peakMb();

    // One more year imported: the kept views are brought up to date for it.
    ws.views.timeBuilds = true;
    let t0 = performance.now();
    await ws['pack.run']({ id: ids[0]! });
    const firstPackOneMoreYearMs = ms(t0);
    const viewsOneMoreYear = ws.views.lastBuild;
    log(`first pack after one more year ${firstPackOneMoreYearMs} ms (${viewsOneMoreYear.map((v) => `${v.name}${v.fromYear ? ` from ${v.fromYear}` : ''} ${v.ms} ms`).join(', ')})`);

    // Each pack alone.
    const packs: ScaleResult['packs'] = [];
    for (const id of ids) {
      ws.views.forgetAggregates(); // time computing the pack, not the kept result
      t0 = performance.now();
      await ws['pack.run']({ id });
      packs.push({ id, ms: ms(t0) });
    }
    log(`each pack ${packs.map((p) => p.ms).join(', ')}; views computed in all ${Math.round(views.reduce((s, v) => s + v.ms, 0))} ms`);

    // All packs in one batch over the kept views, as the export and the CLI run them.
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) {
      ws.views.forgetAggregates();
      t0 = performance.now();
      await runPacks(ws.engine, ids, { snapshot: ws.views });
      warm.push(ms(t0));
    }
    const allPacksMs = median(warm);
    log(`all packs ${warm.join(', ')} ms`);
    peakByPhase.packs = peakMb();

    // Every data-quality rule over every year, as the Data quality view and the import message make them.
    const qualityRuns: number[] = [];
    let qualityFindings = 0;
    let qualityError: string | null = null;
    try {
      for (let i = 0; i < 3; i++) {
        ws.quality.invalidate();
        t0 = performance.now();
        await ws.quality.ensure();
        qualityRuns.push(ms(t0));
      }
      qualityFindings = (await ws['quality.summary']({})).counts.reduce((n, c) => n + c.n, 0);
      log(`all quality rules ${qualityRuns.join(', ')} ms (${qualityFindings} findings)`);
    } catch (err) {
      // Reported, not fatal: the rest of the figures still count.
      qualityError = (err as Error).message.split('\n')[0]!;
      log(`quality rules failed: ${qualityError}`);
    }
    const qualityMs = qualityError === null ? median(qualityRuns) : null;
    peakByPhase.quality = peakMb();

    // The largest suppressed cross-tables: every pack by single year of age (LA scale: national
    // tables have fewer small cells, and the sample's six years are what a user's LA looks like).
    let suppressedBreakdowns: ScaleResult['suppressedBreakdowns'] = null;
    if (scale === 'la') {
      suppressedBreakdowns = [];
      const crossTables: [string, string][] = [
        ['age-gender', 'legal-status'],
        ['age-gender', 'category-of-need'],
        ['age-gender', 'placement-provider'],
        ['age-gender', 'ethnicity'],
        ['starters-legal-status', 'placement-provider'],
      ];
      const runs = [
        { what: 'all packs by single year of age', tables: ids.map((id): [string, string] => [id, 'age']) },
        { what: 'cross-tables of 90 to 120 rows (age and gender by legal status and 3 more, starters by legal status by provider)', tables: crossTables },
      ];
      for (const { what, tables } of runs) {
        for (const threshold of [5, 10]) {
          let totalMs = 0;
          let slowest = { id: '', rows: 0, ms: -1 };
          for (const [id, by] of tables) {
            t0 = performance.now();
            const { result } = (await runPacks(ws.engine, [id], { snapshot: ws.views, suppress: threshold, optionsByPack: { [id]: { by } } }))[id]!;
            const took = ms(t0);
            totalMs += took;
            if (took > slowest.ms) slowest = { id: by === 'age' ? id : `${id} by ${by}`, rows: result.rows.length, ms: took };
          }
          suppressedBreakdowns.push({ what, threshold, totalMs, slowest });
          log(`${what}, suppressed at ${threshold}: ${totalMs} ms (slowest ${slowest.id}, ${slowest.rows} rows, ${slowest.ms} ms)`);
        }
      }
      peakByPhase.breakdowns = peakMb();
    }

    let exportXlsxMs: number | null = null;
    let exportFirstMs: number | null = null;
    let exportKeptMs: number | null = null;
    let exportBytes: number | null = null;
    try {
      const cold: number[] = [];
      const kept: number[] = [];
      for (let i = 0; i < 3; i++) {
        // Every pack computed for the export...
        ws.views.forgetAggregates();
        t0 = performance.now();
        const out = await ws['export.xlsx']({ packs: ids });
        cold.push(ms(t0));
        exportBytes = out.data.byteLength;
        // ...then, as in the app after looking at the packs, their results kept: only the file is made.
        t0 = performance.now();
        await ws['export.xlsx']({ packs: ids });
        kept.push(ms(t0));
      }
      [exportXlsxMs, exportFirstMs, exportKeptMs] = [median(cold), cold[0]!, median(kept)];
      log(`Excel export ${cold.join(', ')} ms (${kept.join(', ')} ms with the packs' results kept)`);
    } catch (err) {
      log(`export not measured: ${(err as Error).message}`);
    }

    const scanTotalMs = Math.round(years.reduce((s, y) => s + y.scanMs, 0));
    const loadTotalMs = Math.round(years.reduce((s, y) => s + y.loadMs, 0));
    const importTotalMs = Math.round(years.reduce((s, y) => s + y.importMs, 0));
    peakByPhase.export = peakMb();
    const peakRssMb = peakMb();
    log(`peak RSS by the end of each step (MB): ${JSON.stringify(peakByPhase)}`);
    const memoryLimit = (await ws.engine.all<{ v: string }>("SELECT current_setting('memory_limit') AS v"))[0]!.v;
    // The CLI opens the workspace in a process of its own, so this one lets it go first.
    await ws.close();
    closed = true;
    const cli = benchCli(join(work, 'bench.duckdb'), scale === 'national' ? 1 : 3);
    log(`CLI: status ${cli.statusMs} ms, pack age in a new process ${cli.firstPackMs} ms (median of ${cli.runs})`);
    const threeTables = await benchThreeTables(join(work, 'bench.duckdb'), dataDir);
    log(`three tables: app ${threeTables.appMs} ms, plain DuckDB ${threeTables.plainDuckDbMs} ms, pandas ${threeTables.pandasMs ?? 'not installed'} ms; agree: ${threeTables.agree}`);
    const targets: ScaleResult['targets'] = [];
    if (scale === 'la') {
      targets.push({ what: 'CLI status, end to end', target: '< 500 ms', value: `${cli.statusMs} ms`, met: cli.statusMs < 500 });
      targets.push({ what: 'CLI pack age, end to end (first table in a new process)', target: '< 1000 ms', value: `${cli.firstPackMs} ms`, met: cli.firstPackMs < 1000 });
    } else {
      targets.push({ what: 'first table in a new process (CLI pack age)', target: '< 5000 ms', value: `${cli.firstPackMs} ms`, met: cli.firstPackMs < 5000 });
      targets.push({ what: 'first table after importing one more year', target: '< 15000 ms', value: `${firstPackOneMoreYearMs} ms`, met: firstPackOneMoreYearMs < 15000 });
    }
    // Issue 18's targets for the three tables are at national scale. At LA scale the files are small
    // enough that the three new processes' start (about 0.2 s each) outweighs any script reading
    // them: the comparison is still printed above (threeTables), not held to a target.
    if (scale === 'national') {
      targets.push({
        what: 'three tables, new processes on the imported workspace vs a plain DuckDB script from the CSVs',
        target: 'faster',
        value: `${threeTables.appMs} vs ${threeTables.plainDuckDbMs} ms`,
        met: threeTables.appMs < threeTables.plainDuckDbMs,
      });
      if (threeTables.pandasMs !== null) {
        targets.push({ what: 'three tables vs pandas from the CSVs', target: '>= 5x faster', value: `${(threeTables.pandasMs / threeTables.appMs).toFixed(1)}x`, met: threeTables.pandasMs >= 5 * threeTables.appMs });
      }
    }
    if (scale === 'national') {
      targets.push({ what: "import vs DuckDB's own load of the same files", target: '<= 1.5x', value: `${(importTotalMs / loadTotalMs).toFixed(2)}x`, met: importTotalMs <= 1.5 * loadTotalMs });
      targets.push({ what: 'all packs, all years', target: '< 3000 ms', value: `${allPacksMs} ms`, met: allPacksMs < 3000 });
      targets.push({ what: 'all data-quality rules, all years', target: '< 60000 ms', value: qualityMs === null ? `failed: ${qualityError}` : `${qualityMs} ms`, met: qualityMs !== null && qualityMs < 60000 });
    } else {
      targets.push({ what: 'all packs, all years', target: '< 200 ms', value: `${allPacksMs} ms`, met: allPacksMs < 200 });
      targets.push({ what: 'all data-quality rules, all years', target: '< 2000 ms', value: qualityMs === null ? `failed: ${qualityError}` : `${qualityMs} ms`, met: qualityMs !== null && qualityMs < 2000 });
    }
    if (exportXlsxMs !== null) {
      targets.push({
        what: 'Excel export of all packs (computing them; median of 3)',
        target: '< 2000 ms',
        value: `${exportXlsxMs} ms (the first in the process ${exportFirstMs} ms)`,
        met: exportXlsxMs < 2000,
      });
    }
    if (exportKeptMs !== null) targets.push({ what: 'Excel export of all packs (results kept, as after viewing them; median of 3)', target: '< 2000 ms', value: `${exportKeptMs} ms`, met: exportKeptMs < 2000 });
    for (const b of suppressedBreakdowns ?? []) {
      targets.push({ what: `slowest of ${b.what}, suppressed at ${b.threshold} (${b.slowest.id}, ${b.slowest.rows} rows)`, target: '< 5000 ms', value: `${b.slowest.ms} ms`, met: b.slowest.ms < 5000 });
    }
    targets.push({ what: 'peak memory (RSS)', target: '< 1024 MB', value: `${peakRssMb} MB`, met: peakRssMb < 1024 });
    return { scale, years, scanTotalMs, loadTotalMs, importTotalMs, views, firstPackMs, firstPackOneMoreYearMs, viewsOneMoreYear, packs, allPacksMs, qualityMs, qualityFindings, qualityError, suppressedBreakdowns, exportXlsxMs, exportFirstMs, exportKeptMs, exportBytes, peakRssMb, peakByPhase, cli, threeTables, memoryLimit, targets };
  } finally {
    if (!closed) await ws.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Wall-clock time of CLI calls, each a new process as a user or script runs it (median of `runs`). */
function benchCli(workspace: string, runs: number): ScaleResult['cli'] {
  const time = (args: string[]): number => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'cli.mjs'), ...args, '--workspace', workspace], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed: ${r.stderr}`);
    return ms(t0);
  };
  time(['status']); // builds the CLI bundle if the sources changed, so no run below pays for it
  const statusMs = median(Array.from({ length: 3 }, () => time(['status'])));
  const firstPackMs = median(Array.from({ length: runs }, () => time(['pack', 'age'])));
  return { statusMs, firstPackMs, runs };
}

const THREE_TABLES = ['age', 'starters', 'reasons-ceased'] as const;

/** The three tables by the app (each pack a CLI call: a new process on the imported workspace) and by the plain scripts, compared. */
async function benchThreeTables(workspace: string, dataDir: string): Promise<ScaleResult['threeTables']> {
  let appMs = 0;
  const app: PlainTables = {};
  for (const id of THREE_TABLES) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'cli.mjs'), 'pack', id, '--workspace', workspace], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    appMs += ms(t0);
    if (r.status !== 0) throw new Error(`cli pack ${id} failed: ${r.stderr}`);
    const result = JSON.parse(r.stdout) as { years: number[]; rows: { key: string; subtotal?: boolean; group: string | null; values: Record<string, { count?: number | null }> }[] };
    for (const y of result.years) {
      // reasons-ceased has group subtotal rows (adoption = E11 + E12...): compare the codes only.
      for (const row of result.rows) {
        const n = row.values[String(y)]?.count ?? 0;
        if (n > 0 && !row.subtotal) ((app[String(y)] ??= {})[id] ??= {})[row.key] = n;
      }
    }
  }
  const plain = await plainDuckDbTables(dataDir);
  const pandas = pandasTables(dataDir);
  const disagreements: string[] = [];
  const compare = (name: string, other: PlainTables) => {
    for (const y of new Set([...Object.keys(app), ...Object.keys(other)])) {
      for (const t of THREE_TABLES) {
        const a = JSON.stringify(Object.entries(app[y]?.[t] ?? {}).sort());
        const b = JSON.stringify(Object.entries(other[y]?.[t] ?? {}).sort());
        if (a !== b) disagreements.push(`${name} ${y} ${t}: app ${a}, ${name} ${b}`);
      }
    }
  };
  compare('duckdb', plain.tables);
  if (pandas) compare('pandas', pandas.tables);
  return { appMs: Math.round(appMs), plainDuckDbMs: plain.ms, pandasMs: pandas?.ms ?? null, agree: disagreements.length === 0, disagreements: disagreements.slice(0, 5) };
}

/** The national-scale set: 150 LAs of about 530 children each, 10 years, one combined return per year. */
function ensureNational(dir: string): void {
  if (existsSync(dir) && yearFolders(dir).length >= 10) return;
  process.stderr.write(`Writing the national-scale set to ${dir} (once, about a minute)...\n`);
  const t0 = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'sample-data/generate.ts'), '--out', dir, '--las', '150', '--children', '530', '--years', '2016-2025', '--combined'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    cwd: ROOT,
  });
  process.stderr.write(`  written in ${Math.round(ms(t0) / 1000)} s\n`);
}

function dataDirOf(scale: string): string {
  return scale === 'national' ? values['national-dir']! : join(ROOT, 'sample-data/returns');
}

/** One scale in a child process of its own, so its peak memory is its own. */
function runChild(scale: string): ScaleResult {
  const out = join(tmpdir(), `iro-bench-${scale}-${process.pid}.json`);
  execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--scale', scale, '--national-dir', values['national-dir']!, '--child-out', out], {
    stdio: ['ignore', 'inherit', 'inherit'],
    cwd: ROOT,
  });
  const result = JSON.parse(readFileSync(out, 'utf8')) as ScaleResult;
  rmSync(out, { force: true });
  return result;
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

function print(s: ScaleResult): void {
  const total = (f: (v: ScaleResult['views'][number]) => number) => Math.round(s.views.reduce((a, v) => a + f(v), 0));
  console.log(`\n## ${s.scale} scale\n`);
  console.log('| year | files | MB | rows | plain scan ms | DuckDB load ms | import ms |\n|---|---|---|---|---|---|---|');
  for (const y of s.years) console.log(`| ${y.year} | ${y.files} | ${(y.bytes / 1e6).toFixed(1)} | ${y.rows} | ${y.scanMs} | ${y.loadMs} | ${y.importMs} |`);
  console.log(`| total | | ${(s.years.reduce((a, y) => a + y.bytes, 0) / 1e6).toFixed(1)} | ${s.years.reduce((a, y) => a + y.rows, 0)} | ${s.scanTotalMs} | ${s.loadTotalMs} | ${s.importTotalMs} |`);
  console.log('\n| canonical view | rows | ms |\n|---|---|---|');
  for (const v of s.views) console.log(`| ${v.name} | ${v.rows} | ${v.ms} |`);
  console.log(`| **all views** | | **${total((v) => v.ms)}** |`);
  console.log('\n| pack (alone, its kept result forgotten; the first to read a view computes it) | ms |\n|---|---|');
  for (const p of s.packs) console.log(`| ${p.id} | ${p.ms} |`);
  console.log(`| **all packs, one batch** | **${s.allPacksMs}** |`);
  console.log(`| all data-quality rules, every year (${s.qualityError === null ? `${s.qualityFindings} findings` : `failed: ${s.qualityError}`}) | ${s.qualityMs ?? '-'} |`);
  for (const b of s.suppressedBreakdowns ?? []) {
    console.log(`| ${b.what}, suppressed at ${b.threshold} (slowest: ${b.slowest.id}, ${b.slowest.rows} rows, ${b.slowest.ms} ms) | ${b.totalMs} |`);
  }
  console.log(`| first pack after importing every year but the last (computes the views it reads) | ${s.firstPackMs} |`);
  console.log(`| first pack after importing the last year too (its views brought up to date for it) | ${s.firstPackOneMoreYearMs} |`);
  console.log(`| CLI: status / pack age, each a new process (median of ${s.cli.runs}) | ${s.cli.statusMs} / ${s.cli.firstPackMs} |`);
  const t = s.threeTables;
  console.log(`\nThree tables for every year (CLA by age, starters by age, ceased by reason): the app in new processes ${t.appMs} ms; a plain DuckDB script from the CSVs ${t.plainDuckDbMs} ms; pandas ${t.pandasMs === null ? 'not installed (apt-get install python3-pandas)' : `${t.pandasMs} ms`}. Same counts: ${t.agree ? 'yes' : `NO (${t.disagreements.join('; ')})`}.`);
  console.log(`\nDuckDB memory limit: ${s.memoryLimit}. Peak RSS by the end of each step (MB): ${Object.entries(s.peakByPhase).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  console.log(`\n| target | wanted | measured | met |\n|---|---|---|---|`);
  for (const t of s.targets) console.log(`| ${t.what} | ${t.target} | ${t.value} | ${t.met ? 'yes' : 'NO'} |`);
}

async function main() {
  const scales = values.scale === 'all' ? ['la', 'national'] : [values.scale!];
  for (const s of scales) if (s !== 'la' && s !== 'national') throw new Error(`--scale must be la, national or all (got ${s})`);

  if (values['child-out']) {
    const result = await benchScale(scales[0]!, dataDirOf(scales[0]!));
    writeFileSync(values['child-out'], JSON.stringify(result));
    return;
  }

  const t0 = performance.now();
  if (scales.includes('national')) ensureNational(values['national-dir']!);
  const results = scales.map(runChild);
  const duckdb = await (async () => {
    const ws = await openAppWorkspace({ path: ':memory:' });
    const v = await ws.engine.all<{ v: string }>('SELECT version() AS v');
    await ws.close();
    return v[0]!.v;
  })();
  const machine = {
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    duckdb,
    duckdbNodeApi: packageVersion('@duckdb/node-api'),
    exceljs: packageVersion('exceljs'),
  };
  console.log(
    `Machine: ${machine.cpu} x${machine.cores}, ${machine.memoryGb} GiB, ${machine.os}; Node ${machine.node}, DuckDB ${machine.duckdb} (@duckdb/node-api ${machine.duckdbNodeApi}), exceljs ${machine.exceljs}`,
  );
  for (const s of results) print(s);
  const json = { machine, benchSeconds: Math.round(ms(t0) / 1000), scales: results };
  mkdirSync(resolve(values.json!, '..'), { recursive: true });
  writeFileSync(values.json!, JSON.stringify(json, null, 2));
  console.log(`\nBench took ${json.benchSeconds} s. JSON: ${values.json}`);
}

await main();
