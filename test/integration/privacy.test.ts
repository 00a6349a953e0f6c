/**
 * Privacy of the workspace (issue 7): its file and DuckDB's .wal are the user's alone (0600), a
 * folder made for it is 0700, and the activity log says what was imported, when, from which
 * files (with their sha256), readable through 'workspace.activity'.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppWorkspace } from '../../electron/workspace/appWorkspace.js';
import { Workspace } from '../../electron/workspace/workspace.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iro-privacy-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const mode = async (path: string) => (await stat(path)).mode & 0o777;
const HEADER = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n0012,1,31/03/2010,WBRI,,,\n';

describe.runIf(process.platform !== 'win32')('file permissions (POSIX)', () => {
  it('makes a new workspace 0600, its .wal 0600 and the folder it made 0700', async () => {
    const folder = join(dir, 'made-for-it', 'workspace');
    const path = join(folder, 'w.duckdb');
    const ws = await Workspace.open({ path });
    try {
      expect((await mode(folder)).toString(8)).toBe('700');
      expect((await mode(join(dir, 'made-for-it'))).toString(8)).toBe('700');
      expect((await mode(path)).toString(8)).toBe('600');
      // A write without a checkpoint leaves DuckDB's write-ahead log on disk (it is re-created after each checkpoint).
      await ws.logActivity('test', { note: 'no checkpoint yet' });
      expect(existsSync(`${path}.wal`)).toBe(true);
      expect((await mode(`${path}.wal`)).toString(8)).toBe('600');
      // An import checkpoints (the .wal goes), and the next write makes a new one: private again.
      const report = await ws['workspace.import']({ year: 2023, files: [{ name: 'header.csv', data: new TextEncoder().encode(HEADER) }] });
      expect(report.ok).toBe(true);
      await ws.logActivity('test', { note: 'after the import' });
      expect((await mode(`${path}.wal`)).toString(8)).toBe('600');
      expect((await mode(path)).toString(8)).toBe('600');
    } finally {
      await ws.close();
    }
  });

  it('leaves a folder the user already had as it was', async () => {
    const folder = join(dir, 'documents');
    await mkdir(folder);
    await chmod(folder, 0o755); // set outright: an earlier workspace in this process made the umask 077

    const ws = await Workspace.open({ path: join(folder, 'w.duckdb') });
    await ws.close();
    expect((await mode(folder)).toString(8)).toBe('755');
    expect((await mode(join(folder, 'w.duckdb'))).toString(8)).toBe('600');
  });
});

describe('activity log', () => {
  it('records each import (when, year, files with kind, table, rows and sha256), and not a refused one', async () => {
    const ws = await Workspace.open({ path: join(dir, 'w.duckdb') });
    try {
      const header = new TextEncoder().encode(HEADER);
      const local = new TextEncoder().encode('team,cases\nNorth,12\n');
      const started = Date.now();
      const ok = await ws['workspace.import']({ year: 2023, files: [{ name: 'header.csv', data: header }, { name: 'caseloads.csv', data: local }] });
      expect(ok.ok).toBe(true);
      const refused = await ws['workspace.import']({ year: 2024, files: [{ name: 'bad.csv', data: new TextEncoder().encode('CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n1,1,31/02/2010,WBRI,,,\n') }] });
      expect(refused.ok).toBe(false);
      const again = await ws['workspace.import']({ year: 2023, files: [{ name: 'header.csv', data: header }] });
      expect(again.ok).toBe(true);

      const activity = await ws['workspace.activity']({});
      expect(activity.map((a) => a.action)).toEqual(['import', 'import']);
      const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
      const [latest, first] = activity;
      expect(first!.detail).toEqual({
        year: 2023,
        importId: ok.importId,
        replaced: false,
        // Who: the operating-system account that ran the import.
        user: userInfo().username,
        files: [
          { name: 'header.csv', kind: 'header', table: 'header', sha256: sha(header), rows: 1 },
          { name: 'caseloads.csv', kind: 'local', table: 'local_caseloads', sha256: sha(local), rows: 1 },
        ],
      });
      expect(latest!.detail).toMatchObject({ year: 2023, importId: again.importId, replaced: true, files: [{ name: 'header.csv', sha256: sha(header) }] });
      // 'at' is the time of the import in UTC, as "YYYY-MM-DD HH:MM:SS[.ffffff]".
      for (const a of activity) {
        expect(a.at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/);
        const at = Date.parse(`${a.at.replace(' ', 'T')}Z`);
        expect(at).toBeGreaterThanOrEqual(started - 1000);
        expect(at).toBeLessThanOrEqual(Date.now() + 1000);
      }

      await ws['workspace.removeYear']({ year: 2023 });
      const afterRemove = await ws['workspace.activity']({});
      expect(afterRemove[0]).toMatchObject({ action: 'remove-year', detail: { year: 2023 } });
    } finally {
      await ws.close();
    }
  });
});

describe('activity log of child-level exports', () => {
  it('records a drill-down fetched for export (pack, year, key, masked, rows), and not one only shown', async () => {
    const ws = await openAppWorkspace({ path: ':memory:' });
    try {
      const report = await ws['workspace.import']({ year: 2024, files: [{ name: '2024', path: join(__dirname, '..', '..', 'sample-data', 'returns', '2024') }] });
      expect(report.ok).toBe(true);
      const exports = async () => (await ws['workspace.activity']({})).filter((a) => a.action === 'export');
      const shown = await ws['pack.drill']({ pack: 'age', year: 2024, key: '10-15' });
      expect(await exports()).toEqual([]);
      await ws['pack.drill']({ pack: 'age', year: 2024, key: '10-15', maskIds: true, forExport: true });
      const logged = await exports();
      expect(logged).toHaveLength(1);
      expect(logged[0]!.detail).toEqual({ format: 'csv', childLevel: true, pack: 'age', year: 2024, key: '10-15', masked: true, rows: shown.rowCount, user: userInfo().username });
    } finally {
      await ws.close();
    }
  });
});

describe('no network from Explore', () => {
  it('installs no extension and fetches no URL, from Explore or the app: no request reaches a listening server', async () => {
    const { createServer } = await import('node:net');
    let connections = 0;
    const server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const url = `http://127.0.0.1:${port}`;
    const ws = await openAppWorkspace({ path: join(dir, 'w.duckdb') });
    try {
      const attempts: [string, boolean][] = [
        [`SET custom_extension_repository = '${url}'`, true],
        [`INSTALL httpfs FROM '${url}'`, true],
        ['INSTALL httpfs', true],
        ['LOAD httpfs', true],
        [`SELECT * FROM read_csv('${url}/x.csv')`, false],
        [`SELECT * FROM read_csv('${url}/x.csv')`, true],
        [`SELECT * FROM '${url}/x.parquet'`, false],
        [`CREATE TABLE fetched AS SELECT * FROM read_text('${url}/x')`, true],
      ];
      for (const [sql, allowWrite] of attempts) {
        await expect(ws['query.run']({ sql, allowWrite }), sql).rejects.toMatchObject({ code: expect.stringMatching(/^(refused|read-only)$/) });
      }
      // Not even the app's own connection can: DuckDB has external access off.
      await expect(ws.engine.run(`INSTALL httpfs FROM '${url}'`)).rejects.toThrow(/disabled/);
      await expect(ws.engine.all(`SELECT * FROM read_text('${url}/x')`)).rejects.toThrow(/disabled/);
      await new Promise((r) => setTimeout(r, 100));
      expect(connections).toBe(0);
    } finally {
      await ws.close();
      await new Promise((r) => server.close(r));
    }
  });
});
