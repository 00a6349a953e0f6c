/**
 * npm run bench [-- --scale la|national|all] [--national-dir DIR] [--json FILE]
 *
 * Prints, for LA scale (the bundled six years) and national scale (a generated 10-year set, about
 * 2 million episodes, written outside the repo): import time per year and in total, the floor for
 * import (a plain DuckDB count(*) scan of the same CSV files), each pack and all packs for all
 * years, an Excel export of all packs, and peak memory. Targets are printed beside the figures;
 * this is a benchmark, not a test: it reports, it does not fail.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { quoteLiteral } from '../../shared/engine.js';
import { openAppWorkspace, type AppWorkspace } from '../../electron/workspace/appWorkspace.js';

const ROOT = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'all' },
    'national-dir': { type: 'string', default: join(tmpdir(), 'iro-bench-national') },
    json: { type: 'string', default: join(ROOT, 'test-output', 'bench.json') },
  },
});

interface ScaleResult {
  scale: string;
  years: { year: number; files: number; bytes: number; scanMs: number; importMs: number; rows: number }[];
  scanTotalMs: number;
  importTotalMs: number;
  packs: { id: string; ms: number }[];
  allPacksMs: number;
  exportXlsxMs: number | null;
  peakRssMb: number;
  targets: { what: string; target: string; value: string; met: boolean }[];
}

const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

function yearFolders(dir: string): { year: number; path: string }[] {
  return readdirSync(dir)
    .filter((n) => /^\d{4}$/.test(n))
    .map((n) => ({ year: Number(n), path: join(dir, n) }))
    .sort((a, b) => a.year - b.year);
}

function csvFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.toLowerCase().endsWith('.csv'))
    .map((n) => join(dir, n));
}

async function benchScale(scale: string, dataDir: string): Promise<ScaleResult> {
  const work = join(tmpdir(), `iro-bench-${scale}-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const ws: AppWorkspace = await openAppWorkspace({ path: join(work, 'bench.duckdb') });
  const years: ScaleResult['years'] = [];
  try {
    for (const { year, path } of yearFolders(dataDir)) {
      const files = csvFiles(path);
      const bytes = files.reduce((s, f) => s + statSync(f).size, 0);
      // The floor: DuckDB scanning the same files with its own sniffer, nothing else.
      let t0 = performance.now();
      for (const f of files) await ws.engine.all(`SELECT count(*) AS n FROM read_csv(${quoteLiteral(f)})`);
      const scanMs = ms(t0);
      t0 = performance.now();
      const report = await ws['workspace.import']({ year, files: [{ name: String(year), path }] });
      const importMs = ms(t0);
      if (!report.ok) throw new Error(`import of ${year} refused: ${report.messages.filter((m) => m.level === 'error').slice(0, 3).map((m) => m.text).join('; ')}`);
      years.push({ year, files: files.length, bytes, scanMs, importMs, rows: report.files.reduce((s, f) => s + f.rows, 0) });
      process.stderr.write(`  ${scale} ${year}: scan ${scanMs} ms, import ${importMs} ms\n`);
    }
    const packs: { id: string; ms: number }[] = [];
    let allPacksMs = 0;
    let exportXlsxMs: number | null = null;
    try {
      const list = await ws['packs.list']({});
      // Warm once (first-run planning and caches), then time all packs for all years.
      for (const p of list) await ws['pack.run']({ id: p.id });
      const tAll = performance.now();
      for (const p of list) {
        const t0 = performance.now();
        await ws['pack.run']({ id: p.id });
        packs.push({ id: p.id, ms: ms(t0) });
      }
      allPacksMs = ms(tAll);
      const t0 = performance.now();
      await ws['export.xlsx']({ packs: list.map((p) => p.id) });
      exportXlsxMs = ms(t0);
    } catch (err) {
      process.stderr.write(`  packs/export not measured: ${(err as Error).message}\n`);
    }
    const scanTotalMs = Math.round(years.reduce((s, y) => s + y.scanMs, 0));
    const importTotalMs = Math.round(years.reduce((s, y) => s + y.importMs, 0));
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const targets: ScaleResult['targets'] =
      scale === 'national'
        ? [
            { what: 'import vs plain scan', target: '<= 1.5x', value: `${(importTotalMs / scanTotalMs).toFixed(2)}x`, met: importTotalMs <= 1.5 * scanTotalMs },
            { what: 'all packs, all years', target: '< 3000 ms', value: `${allPacksMs} ms`, met: allPacksMs > 0 && allPacksMs < 3000 },
          ]
        : [{ what: 'all packs, all years', target: '< 200 ms', value: `${allPacksMs} ms`, met: allPacksMs > 0 && allPacksMs < 200 }];
    if (exportXlsxMs !== null) targets.push({ what: 'Excel export of all packs', target: '< 2000 ms', value: `${exportXlsxMs} ms`, met: exportXlsxMs < 2000 });
    targets.push({ what: 'peak memory (RSS)', target: '< 1024 MB', value: `${peakRssMb} MB`, met: peakRssMb < 1024 });
    return { scale, years, scanTotalMs, importTotalMs, packs, allPacksMs, exportXlsxMs, peakRssMb, targets };
  } finally {
    await ws.close();
    rmSync(work, { recursive: true, force: true });
  }
}

function ensureNational(dir: string): void {
  if (existsSync(dir) && yearFolders(dir).length >= 10) return;
  process.stderr.write(`Writing the national-scale set to ${dir} (once)...\n`);
  const t0 = performance.now();
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'sample-data/generate.ts'), '--out', dir, '--las', '150', '--children', '530', '--years', '2016-2025', '--combined'], {
    stdio: 'inherit',
    cwd: ROOT,
  });
  process.stderr.write(`  written in ${ms(t0)} ms\n`);
}

async function main() {
  const scales: ScaleResult[] = [];
  const duck = await (async () => {
    const ws = await openAppWorkspace({ path: ':memory:' });
    const v = await ws.engine.all<{ v: string }>('SELECT version() AS v');
    await ws.close();
    return v[0]!.v;
  })();
  if (values.scale === 'la' || values.scale === 'all') scales.push(await benchScale('la', join(ROOT, 'sample-data/returns')));
  if (values.scale === 'national' || values.scale === 'all') {
    ensureNational(values['national-dir']!);
    scales.push(await benchScale('national', values['national-dir']!));
  }
  const machine = { cpu: cpus()[0]?.model, cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), os: `${platform()} ${release()}`, node: process.version, duckdb: duck };
  console.log(`Machine: ${machine.cpu} x${machine.cores}, ${machine.memoryGb} GiB, ${machine.os}, Node ${machine.node}, DuckDB ${machine.duckdb}`);
  for (const s of scales) {
    console.log(`\n## ${s.scale} scale`);
    console.log('| year | files | MB | plain scan ms | import ms | rows |\n|---|---|---|---|---|---|');
    for (const y of s.years) console.log(`| ${y.year} | ${y.files} | ${(y.bytes / 1e6).toFixed(1)} | ${y.scanMs} | ${y.importMs} | ${y.rows} |`);
    console.log(`| total | | | ${s.scanTotalMs} | ${s.importTotalMs} | ${s.years.reduce((a, y) => a + y.rows, 0)} |`);
    if (s.packs.length) {
      console.log(`\n| pack | ms |\n|---|---|`);
      for (const p of s.packs) console.log(`| ${p.id} | ${p.ms} |`);
      console.log(`| **all packs** | **${s.allPacksMs}** |`);
    }
    console.log(`\n| target | wanted | measured | met |\n|---|---|---|---|`);
    for (const t of s.targets) console.log(`| ${t.what} | ${t.target} | ${t.value} | ${t.met ? 'yes' : 'NO'} |`);
  }
  const json = { machine, scales };
  mkdirSync(resolve(values.json!, '..'), { recursive: true });
  writeFileSync(values.json!, JSON.stringify(json, null, 2));
  console.log(`\nJSON: ${values.json}`);
  console.log(JSON.stringify(json));
}

await main();
