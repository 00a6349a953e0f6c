/**
 * The canonical views kept in a file beside the workspace: a new process reads them instead of
 * computing them; they are built only as far as the pack at hand needs; whatever they were made
 * from (other data, other definitions, a build cut short) is never taken for the data as it is;
 * and removing a year deletes every trace of its children from them.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppWorkspace } from '../../../electron/workspace/appWorkspace.js';
import { withAppWorkspace } from '../helpers/appWorkspace.js';
import { viewsFolderFor } from '../../../electron/workspace/viewStore.js';
import { openDuckDbEngine } from '../../../electron/engine/duckdbEngine.js';
import { quoteLiteral } from '../../../shared/engine.js';
import { getPack, listPacks, packSql, resolveOptions } from '../../../shared/packs/run.js';
import { viewsNeededBy } from '../../../shared/packs/snapshot.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const SAMPLE = join(ROOT, 'sample-data', 'returns');
let dir: string;
let path: string;
/** Every pack's result as computed in the process that imported the data (views computed afresh). */
let expected: Record<string, string>;

const withWorkspace = <T>(fn: (ws: AppWorkspace) => Promise<T>): Promise<T> => withAppWorkspace(path, fn);

async function allPacks(ws: AppWorkspace): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { id } of listPacks()) out[id] = JSON.stringify(await ws['pack.run']({ id, suppress: 5 }));
  return out;
}

/** The bytes of every file of the kept views, as one string to search (the WAL too). */
function viewFilesText(): string {
  const folder = viewsFolderFor(path);
  return readdirSync(folder)
    .map((f) => readFileSync(join(folder, f)).toString('latin1'))
    .join('\n');
}

const durationSql = [packSql(getPack('duration'), resolveOptions(getPack('duration')))];

/** How many views the kept store marks done, read by a DuckDB of its own (the workspace closed). */
async function viewsMarkedDone(): Promise<number> {
  const engine = await openDuckDbEngine({ path: ':memory:' });
  try {
    const file = join(viewsFolderFor(path), 'snapshot.duckdb');
    if (!existsSync(file)) return 0;
    await engine.run(`ATTACH ${quoteLiteral(file)} AS peek`);
    const tables = await engine.all<{ n: number }>("SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE database_name = 'peek' AND table_name = 'snapshot_views'");
    if (tables[0]!.n === 0) return 0;
    return (await engine.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM peek.main.snapshot_views'))[0]!.n;
  } finally {
    await engine.close();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iro-views-'));
  path = join(dir, 'w.duckdb');
  expected = await withWorkspace(async (ws) => {
    for (const year of [2022, 2023, 2024]) {
      const r = await ws['workspace.import']({ year, files: [{ name: String(year), path: join(SAMPLE, String(year)) }] });
      expect(r.ok).toBe(true);
    }
    return allPacks(ws);
  });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('views kept beside the workspace', () => {
  it('a new process computes no view, and every pack is the same', async () => {
    await withWorkspace(async (ws) => {
      ws.views.timeBuilds = true;
      expect(await allPacks(ws)).toEqual(expected);
      expect(ws.views.lastBuild).toEqual([]);
    });
  });

  it('are built only as far as the pack needs: starters does not wait for review timeliness', async () => {
    await withWorkspace(async (ws) => {
      await ws.views.invalidate();
      ws.views.timeBuilds = true;
      await ws['pack.run']({ id: 'starters' });
      const forStarters = ws.views.lastBuild.map((v) => v.name);
      expect(forStarters).toContain('started_in_year');
      expect(forStarters).not.toContain('review_timeliness');
      await ws['pack.run']({ id: 'review-timeliness' });
      const more = ws.views.lastBuild.map((v) => v.name).slice(forStarters.length);
      expect(more).toContain('review_timeliness');
      expect(more.filter((v) => forStarters.includes(v))).toEqual([]); // nothing built twice
      expect(JSON.stringify(await ws['pack.run']({ id: 'review-timeliness', suppress: 5 }))).toBe(expected['review-timeliness']);
    });
  });

  it('a view left half-made (its table there, not marked done) is made again', async () => {
    await withWorkspace(async (ws) => {
      await ws['pack.run']({ id: 'age' });
      // As a process killed after writing part of the table, before marking it done, would leave it.
      await ws.engine.run("DELETE FROM iro_views.main.cla_31_march WHERE child IN (SELECT child FROM iro_views.main.cla_31_march LIMIT 50)");
      await ws.engine.run("DELETE FROM iro_views.main.snapshot_views WHERE name = 'cla_31_march'");
    });
    await withWorkspace(async (ws) => {
      ws.views.forgetAggregates();
      expect(JSON.stringify(await ws['pack.run']({ id: 'age', suppress: 5 }))).toBe(expected.age);
    });
  });

  it('views made from other data or other definitions are thrown away', async () => {
    await withWorkspace(async (ws) => {
      await ws['pack.run']({ id: 'age' });
      await ws.engine.run('DELETE FROM iro_views.main.cla_31_march');
      await ws.engine.run("UPDATE iro_views.main.snapshot_made_from SET data = 'an older version|1@2020-01-01'");
    });
    await withWorkspace(async (ws) => {
      ws.views.timeBuilds = true;
      expect(JSON.stringify(await ws['pack.run']({ id: 'age', suppress: 5 }))).toBe(expected.age);
      expect(ws.views.lastBuild.map((v) => v.name)).toContain('cla_31_march');
    });
  });

  it('a process killed while it computes the views leaves them usable: the next one gives the same figures', async () => {
    const cli = (...args: string[]) => spawn(process.execPath, [join(ROOT, 'scripts', 'cli.mjs'), ...args, '--workspace', path], { cwd: ROOT, stdio: 'ignore' });
    await new Promise((done) => cli('status').on('exit', done)); // builds the CLI bundle first, so the kills land in the work
    let cutShort = 0;
    for (const killAfterMs of [150, 300, 450, 600, 750]) {
      await withWorkspace((ws) => ws.views.invalidate());
      await new Promise<void>((done, fail) => {
        const child = cli('pack', 'duration');
        const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        child.on('error', fail);
        child.on('exit', () => {
          clearTimeout(timer);
          done();
        });
      });
      cutShort += (await viewsMarkedDone()) < viewsNeededBy(durationSql).length ? 1 : 0;
      await withWorkspace(async (ws) => {
        expect(JSON.stringify(await ws['pack.run']({ id: 'duration', suppress: 5 }))).toBe(expected.duration);
      });
    }
    expect(cutShort, 'no kill landed while the views were being computed').toBeGreaterThan(0);
  }, 120_000);

  it('removing a year deletes its children from the kept views', async () => {
    const onlyIn2022 = await withWorkspace(async (ws) => {
      await allPacks(ws);
      const rows = await ws.engine.all<{ child: string }>(
        // Children of the 2022 return only (most children are in several returns).
        'SELECT DISTINCT child FROM iro_views.main.cla_during_year WHERE return_year = 2022 AND child NOT IN (SELECT child FROM iro_views.main.cla_during_year WHERE return_year > 2022) ORDER BY child LIMIT 5',
      );
      return rows.map((r) => r.child);
    });
    expect(onlyIn2022.length).toBe(5);
    const before = viewFilesText();
    for (const child of onlyIn2022) expect(before).toContain(child); // the search can find them

    await withWorkspace(async (ws) => {
      await ws['workspace.removeYear']({ year: 2022 });
    });
    const after = existsSync(viewsFolderFor(path)) ? viewFilesText() : '';
    for (const child of onlyIn2022) expect(after).not.toContain(child);
  });
});
