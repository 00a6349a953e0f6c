/**
 * The kept views after an import that adds a year: only that year and the later ones (whose
 * history reads it) are computed again, and every pack (each option) and every view's rows are
 * then exactly what a workspace computing its views from scratch gives. After a removal or a year
 * imported again the views are made again whole (no row of removed data stays in them).
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppWorkspace } from '../../../electron/workspace/appWorkspace.js';
import { openAppWorkspace } from '../../../electron/workspace/appWorkspace.js';
import { openDuckDbEngine } from '../../../electron/engine/duckdbEngine.js';
import { viewsFolderFor } from '../../../electron/workspace/viewStore.js';
import { quoteLiteral } from '../../../shared/engine.js';
import { getPack, listPacks, optionVariants, runPacks } from '../../../shared/packs/run.js';
import { CANONICAL_VIEW_NAMES } from '../../../shared/sql/views.js';
import { withAppWorkspace } from '../helpers/appWorkspace.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const SAMPLE = join(ROOT, 'sample-data', 'returns');
let dir: string;
/** The workspace whose views are kept and brought up to date as years are added. */
let ws: AppWorkspace;
let fresh = 0;

async function importYear(w: AppWorkspace, year: number): Promise<void> {
  const r = await w['workspace.import']({ year, files: [{ name: String(year), path: join(SAMPLE, String(year)) }] });
  expect(r.ok).toBe(true);
}

/** Each view's rows (a count and an order-free hash per year), and every pack under each of its options unless viewsOnly. */
async function everything(w: AppWorkspace, viewsOnly = false): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { id } of viewsOnly ? [] : listPacks()) {
    for (const options of optionVariants(getPack(id))) {
      const r = await runPacks(w.engine, [id], { options, snapshot: w.views });
      out[`${id} ${JSON.stringify(options)}`] = JSON.stringify(r[id]);
    }
  }
  await w.views.run(async () => {
    for (const v of CANONICAL_VIEW_NAMES) {
      if (v === 'bank_holidays' || v === 'working_days') continue;
      // import_id differs between workspaces; every other column is compared.
      const columns = (await w.engine.all<{ name: string }>(`SELECT column_name AS name FROM (DESCRIBE ${v}) WHERE column_name <> 'import_id'`)).map((c) => c.name);
      const rows = await w.engine.all(
        `SELECT return_year, count(*)::INTEGER AS n, bit_xor(hash(struct_pack(${columns.join(', ')})))::VARCHAR AS h FROM ${v} GROUP BY ALL ORDER BY 1`,
      );
      out[`view ${v}`] = JSON.stringify(rows);
    }
  });
  return out;
}

/** The same, from a new workspace that imports the years and computes its views from scratch. */
async function fromScratch(years: number[], viewsOnly = false): Promise<Record<string, string>> {
  return withAppWorkspace(join(dir, `fresh-${fresh++}.duckdb`), async (w) => {
    for (const y of years) await importYear(w, y);
    return everything(w, viewsOnly);
  });
}

/** The years each view kept in the store was computed for in the last build: 'whole' or from a year on. */
function rebuilt(w: AppWorkspace): Record<string, string> {
  return Object.fromEntries(w.views.lastBuild.map((v) => [v.name, v.fromYear === undefined ? 'whole' : `from ${v.fromYear}`]));
}

/** Views computed whole whatever changed (tiny, or not by year). */
const WHOLE = new Set(['years_loaded', 'bank_holidays', 'working_days']);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iro-incremental-'));
  ws = await openAppWorkspace({ path: join(dir, 'kept.duckdb') });
  for (const y of [2020, 2022]) await importYear(ws, y);
  await everything(ws); // every view computed and kept
}, 120_000);
afterAll(async () => {
  await ws.close();
  await rm(dir, { recursive: true, force: true });
});

describe('kept views after an import adds a year', () => {
  for (const [added, years] of [
    [2023, [2020, 2022, 2023]], // a later year: only its own rows
    [2021, [2020, 2021, 2022, 2023]], // a gap filled: 2022 and 2023's history reads it
    [2019, [2019, 2020, 2021, 2022, 2023]], // an earlier year: every year
  ] as const) {
    it(`adding ${added} computes only ${added} on, and every pack and view equals a from-scratch build`, async () => {
      await importYear(ws, added);
      ws.views.timeBuilds = true;
      const kept = await everything(ws);
      const built = rebuilt(ws);
      for (const [name, how] of Object.entries(built)) expect(how, name).toBe(WHOLE.has(name) ? 'whole' : `from ${added}`);
      expect(built.episode_history).toBe(`from ${added}`);
      expect(built.review_timeliness).toBe(`from ${added}`);
      expect(kept).toEqual(await fromScratch([...years]));
    }, 120_000);
  }

  it('a new process brings views kept by the last one up to date the same way', async () => {
    await ws.close();
    await withAppWorkspace(join(dir, 'kept.duckdb'), async (w) => {
      await importYear(w, 2024);
    });
    ws = await openAppWorkspace({ path: join(dir, 'kept.duckdb') });
    ws.views.timeBuilds = true;
    const kept = await everything(ws);
    expect(rebuilt(ws).episode_history).toBe('from 2024');
    expect(kept).toEqual(await fromScratch([2019, 2020, 2021, 2022, 2023, 2024]));
  }, 120_000);

  it('removing a year makes the views again whole, equal to a from-scratch build', async () => {
    await ws['workspace.removeYear']({ year: 2021 });
    ws.views.timeBuilds = true;
    const kept = await everything(ws);
    expect(Object.values(rebuilt(ws)).every((how) => how === 'whole')).toBe(true);
    expect(rebuilt(ws).episode_history).toBe('whole');
    expect(kept).toEqual(await fromScratch([2019, 2020, 2022, 2023, 2024]));
  }, 120_000);

  it('a year imported again makes the views again whole, equal to a from-scratch build', async () => {
    await importYear(ws, 2020);
    ws.views.timeBuilds = true;
    const kept = await everything(ws);
    expect(rebuilt(ws).episode_history).toBe('whole');
    expect(kept).toEqual(await fromScratch([2019, 2020, 2022, 2023, 2024]));
  }, 120_000);
});

describe('a process killed while it brings the kept views up to date', () => {
  /** How many different imports lists the kept views were made from (2: some brought up to date, some not yet). */
  async function madeFromLists(path: string): Promise<number> {
    const engine = await openDuckDbEngine({ path: ':memory:' });
    try {
      await engine.run(`ATTACH ${quoteLiteral(join(viewsFolderFor(path), 'snapshot.duckdb'))} AS peek (READ_ONLY)`);
      return (await engine.all<{ n: number }>('SELECT count(DISTINCT made_from)::INTEGER AS n FROM peek.main.snapshot_views'))[0]!.n;
    } finally {
      await engine.close();
    }
  }

  it('leaves them usable: the next process gives every view (so every pack) as a from-scratch build does', async () => {
    // The state to kill in: views kept for 2021-2023, then 2024 imported (not yet brought up to date).
    const template = join(dir, 'template.duckdb');
    await withAppWorkspace(template, async (w) => {
      for (const y of [2021, 2022, 2023]) await importYear(w, y);
      await w.views.run(async () => undefined);
      await importYear(w, 2024);
    });
    const expected = await fromScratch([2021, 2022, 2023, 2024], true);
    const path = join(dir, 'killed.duckdb');
    const cli = (...args: string[]) => spawn(process.execPath, [join(ROOT, 'scripts', 'cli.mjs'), ...args, '--workspace', path], { cwd: ROOT, stdio: 'ignore' });
    const fromTemplate = async () => {
      for (const suffix of ['', '.views']) {
        await rm(path + suffix, { recursive: true, force: true });
        await cp(template + suffix, path + suffix, { recursive: true });
      }
    };
    /** Runs the command, killed after killAfterMs unless null; how long it ran. */
    const run = (args: string[], killAfterMs: number | null) =>
      new Promise<number>((done, fail) => {
        const t0 = performance.now();
        const child = cli(...args);
        const timer = killAfterMs === null ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        child.on('error', fail);
        child.on('exit', () => {
          clearTimeout(timer);
          done(performance.now() - t0);
        });
      });
    await fromTemplate();
    await run(['status'], null); // builds the CLI bundle first, so no run below pays for it
    // Kills spread over the work as long as it takes on this machine: from the end of a call that does nothing to the end of an unkilled one.
    const start = await run(['status'], null);
    const whole = await run(['pack', 'review-timeliness'], null);
    let cutShort = 0;
    for (let k = 0; k < 6; k++) {
      await fromTemplate();
      await run(['pack', 'review-timeliness'], start + ((whole - start) * k) / 6);
      cutShort += (await madeFromLists(path)) > 1 ? 1 : 0;
      expect(await withAppWorkspace(path, (w) => everything(w, true))).toEqual(expected);
    }
    expect(cutShort, 'no kill landed while the views were being brought up to date').toBeGreaterThan(0);
  }, 300_000);
});
