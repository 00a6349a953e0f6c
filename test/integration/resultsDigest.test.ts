/**
 * scripts/results-digest.ts, the proof that a speed-up leaves results as they were (issue 18): the
 * same files imported twice digest the same; one value changed shows in its table's line for its year
 * and in results, not in other years' tables; rows stored out of file order are counted.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppWorkspace } from '../../electron/workspace/appWorkspace.js';
import { digestWorkspace } from '../../scripts/results-digest.js';

const RETURNS = resolve(import.meta.dirname, '../../sample-data/returns');
const YEARS = [2023, 2024];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iro-digest-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Digest lines of a new workspace holding the given folders (year -> folder). */
async function digestOfImport(name: string, folders: Record<number, string>, change?: (sql: (q: string) => Promise<void>) => Promise<void>): Promise<string[]> {
  const ws = await openAppWorkspace({ path: join(dir, `${name}.duckdb`) });
  try {
    for (const [year, path] of Object.entries(folders)) {
      const report = await ws['workspace.import']({ year: Number(year), files: [{ name: year, path }] });
      expect(report.ok).toBe(true);
    }
    if (change) await change((q) => ws.engine.run(q));
    return await digestWorkspace(ws);
  } finally {
    await ws.close();
  }
}

const folders = () => Object.fromEntries(YEARS.map((y) => [y, join(RETURNS, String(y))]));
const differing = (a: string[], b: string[]) => a.filter((line) => !b.includes(line));

describe('results digest', () => {
  let first: string[];
  beforeAll(async () => {
    first = await digestOfImport('first', folders());
  }, 120_000);

  it('is the same for the same files imported again, and covers tables, views and every pack at each threshold', async () => {
    const again = await digestOfImport('again', folders());
    expect(again).toEqual(first);
    expect(first.filter((l) => l.startsWith('table episodes ')).map((l) => l.split(' ')[2])).toEqual(['2023', '2024']);
    expect(first.some((l) => l.startsWith('view cla_31_march 2024 '))).toBe(true);
    expect(first.filter((l) => l.startsWith('pack age ')).map((l) => l.split(' ').at(-2))).toEqual(['suppress=10', 'suppress=5', 'suppress=none']);
  }, 120_000);

  it("one changed episode shows in its year's episodes line and in results, and in no other year's tables", async () => {
    const copy = join(dir, 'changed-2024');
    cpSync(join(RETURNS, '2024'), copy, { recursive: true });
    const episodes = join(copy, 'episodes.csv');
    const lines = readFileSync(episodes, 'utf8').split('\n');
    // The first episode's legal status, C2 <-> E1: a value of the file, read the same way either side.
    const cells = lines[1]!.split(',');
    const ls = cells[3]!;
    cells[3] = ls === 'C2' ? 'E1' : 'C2';
    lines[1] = cells.join(',');
    writeFileSync(episodes, lines.join('\n'));
    const changed = await digestOfImport('changed', { 2023: join(RETURNS, '2023'), 2024: copy });
    const gone = differing(first, changed);
    expect(gone.filter((l) => l.startsWith('table ')).map((l) => l.split(' ').slice(1, 3).join(' '))).toEqual(['episodes 2024', 'import_files 2024']); // and the file's sha256
    expect(gone.some((l) => l.startsWith('pack legal-status '))).toBe(true);
    expect(gone.some((l) => l.startsWith('table ') && l.includes(' 2023 '))).toBe(false);
  }, 120_000);

  it('counts rows stored out of file order', async () => {
    const reordered = await digestOfImport('reordered', folders(), async (sql) => {
      await sql('CREATE TEMP TABLE moved AS SELECT * FROM reviews WHERE return_year = 2024 ORDER BY source_row DESC');
      await sql('DELETE FROM reviews WHERE return_year = 2024');
      await sql('INSERT INTO reviews SELECT * FROM moved ORDER BY source_row DESC');
    });
    const line = (lines: string[]) => lines.find((l) => l.startsWith('table reviews 2024 '))!.split(' ');
    // Same rows, same order-free digest; only the count of rows out of order tells.
    expect(line(reordered).slice(0, 5)).toEqual(line(first).slice(0, 5));
    expect(Number(line(first)[5])).toBe(0);
    expect(Number(line(reordered)[5])).toBeGreaterThan(0);
  }, 120_000);
});
