/**
 * Removing a year, or importing it again, leaves no readable trace of its rows in the workspace
 * file (issue 19 item 3): DuckDB left a removed year's 681 marker child ids readable with grep -a
 * until later imports reused the space. Marker ids are grepped in every file the workspace keeps.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppWorkspace } from '../../electron/workspace/appWorkspace.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iro-removal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const MARKER = /MK\d{8}/g;

/**
 * Each child's marker id is its ethnicity code too (an unknown code, kept as it is): children's ids
 * are stored FSST-compressed (shared/sql/schema.ts), which grep cannot read, and codes as
 * dictionaries, which hold each distinct value as written.
 */
function header(prefix: string, n: number): Uint8Array {
  const lines = ['CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB'];
  for (let i = 0; i < n; i++) {
    const id = `${prefix}${String(i).padStart(8, '0')}`;
    lines.push(`${id},${(i % 2) + 1},01/02/2010,${id},,,`);
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

/** Marker ids readable in the workspace file, its log and every file beside it that the workspace keeps. */
function markersOnDisk(path: string): number {
  const files = [path, `${path}.wal`].filter((f) => existsSync(f));
  for (const folder of [`${path}.views`, `${path}.staging`, `${path}.tmp`]) {
    if (existsSync(folder)) files.push(...readdirSync(folder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)));
  }
  return new Set(files.flatMap((f) => readFileSync(f).toString('latin1').match(MARKER) ?? [])).size;
}

describe('no trace of removed rows', () => {
  it('remove-year leaves none of the year\'s child ids in the file; the other years stay', async () => {
    const path = join(dir, 'w.duckdb');
    const ws = await openAppWorkspace({ path });
    try {
      expect((await ws['workspace.import']({ year: 2023, files: [{ name: 'header.csv', data: header('MK', 681) }] })).ok).toBe(true);
      expect((await ws['workspace.import']({ year: 2024, files: [{ name: 'header.csv', data: header('KP', 500) }] })).ok).toBe(true);
      await ws['pack.run']({ id: 'gender' }); // the kept views hold the year's children too
      expect(markersOnDisk(path)).toBe(681); // the check can see them
      const status = await ws['workspace.removeYear']({ year: 2023 });
      expect(status.years.map((y) => y.year)).toEqual([2024]);
      expect(status.tables.header).toEqual({ '2024': 500 });
      expect(markersOnDisk(path)).toBe(0);
      // The workspace goes on working after its file was rewritten: queries, packs, imports.
      expect((await ws['query.run']({ sql: 'SELECT count(*) AS n FROM header' })).rowCount).toBe(1);
      expect((await ws['pack.run']({ id: 'gender' })).result.years).toEqual([2024]);
      expect((await ws['workspace.import']({ year: 2022, files: [{ name: 'header.csv', data: header('ZZ', 10) }] })).importId).toBeGreaterThan(2);
      expect((await stat(path)).mode & 0o777).toBe(process.platform === 'win32' ? (await stat(path)).mode & 0o777 : 0o600);
    } finally {
      await ws.close();
    }
    expect(markersOnDisk(path)).toBe(0);
    const again = await openAppWorkspace({ path });
    try {
      expect((await again['workspace.status']({})).years.map((y) => y.year)).toEqual([2022, 2024]);
      expect((await again['workspace.activity']({})).map((a) => a.action)).toContain('remove-year');
    } finally {
      await again.close();
    }
  });

  it('importing a year again leaves none of the replaced rows in the file', async () => {
    const path = join(dir, 'w.duckdb');
    const ws = await openAppWorkspace({ path });
    try {
      expect((await ws['workspace.import']({ year: 2023, files: [{ name: 'header.csv', data: header('MK', 681) }] })).ok).toBe(true);
      expect(markersOnDisk(path)).toBe(681);
      const report = await ws['workspace.import']({ year: 2023, files: [{ name: 'header.csv', data: header('KP', 681) }] });
      expect([report.ok, report.replaced]).toEqual([true, true]);
      expect(markersOnDisk(path)).toBe(0);
      expect((await ws['workspace.status']({})).tables.header).toEqual({ '2023': 681 });
    } finally {
      await ws.close();
    }
  });
});
