/**
 * DuckDB's memory limit (issue 6): a workspace file keeps DuckDB within 512 MB unless
 * IRO_MEMORY_LIMIT says otherwise; work past the limit spills to `<workspace>.tmp`, a private
 * folder that is emptied on close and cleared on open if a killed process left it.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spillFolderFor, Workspace } from '../../electron/workspace/workspace.js';

let dir: string;
const saved = process.env.IRO_MEMORY_LIMIT;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iro-memory-'));
  delete process.env.IRO_MEMORY_LIMIT;
});
afterEach(async () => {
  if (saved === undefined) delete process.env.IRO_MEMORY_LIMIT;
  else process.env.IRO_MEMORY_LIMIT = saved;
  await rm(dir, { recursive: true, force: true });
});

async function setting(ws: Workspace, name: string): Promise<string> {
  const rows = await ws.engine.all<{ v: string }>(`SELECT current_setting('${name}') AS v`);
  return rows[0]!.v;
}

describe('memory limit', () => {
  it('is 512 MB by default for a workspace file, spilling beside it', async () => {
    const path = join(dir, 'w.duckdb');
    const ws = await Workspace.open({ path });
    try {
      expect(await setting(ws, 'memory_limit')).toBe('488.2 MiB'); // 512 MB = 512,000,000 bytes
      expect(await setting(ws, 'temp_directory')).toBe(spillFolderFor(path));
    } finally {
      await ws.close();
    }
  });

  it('follows IRO_MEMORY_LIMIT, and refuses a value that is not an amount', async () => {
    process.env.IRO_MEMORY_LIMIT = '2GB';
    const ws = await Workspace.open({ path: join(dir, 'a.duckdb') });
    try {
      expect(await setting(ws, 'memory_limit')).toBe('1.8 GiB');
    } finally {
      await ws.close();
    }
    process.env.IRO_MEMORY_LIMIT = 'plenty';
    await expect(Workspace.open({ path: join(dir, 'b.duckdb') })).rejects.toThrow(/IRO_MEMORY_LIMIT must be an amount such as 512MB/);
    expect(existsSync(join(dir, 'b.duckdb'))).toBe(false);
  });

  it('spills work that does not fit to a private folder, emptied on close; a killed process\'s spill files are cleared on open', async () => {
    const path = join(dir, 'w.duckdb');
    await mkdir(spillFolderFor(path));
    await writeFile(join(spillFolderFor(path), 'duckdb_temp_storage_S32K-0.tmp'), 'left by a killed process');
    const ws = await Workspace.open({ path, memoryLimit: '64MB' });
    try {
      expect(existsSync(spillFolderFor(path))).toBe(false);
      // Sorting 20 million strings needs far more than 64 MB: it only completes by spilling.
      const rows = await ws.engine.all<{ n: number }>(
        `SELECT count(*)::INTEGER AS n FROM (SELECT i::VARCHAR || 'abcdefghijklmnop' AS x FROM range(20000000) t(i) ORDER BY x DESC)`,
      );
      expect(rows[0]!.n).toBe(20_000_000);
      if (process.platform !== 'win32') expect(((await stat(spillFolderFor(path))).mode & 0o777).toString(8)).toBe('700');
    } finally {
      await ws.close();
    }
    expect(existsSync(spillFolderFor(path)) ? await readdir(spillFolderFor(path)) : []).toEqual([]);
  });
});
