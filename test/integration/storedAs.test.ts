/**
 * A new workspace stores code columns and the file name as dictionaries, children's identifiers
 * as FSST, and other text as its column spec says (UPN: FSST), whatever DuckDB would have guessed
 * from the rows (shared/sql/schema.ts, storedAs), and keeps doing so after it is reopened and after its file is rewritten by a removal.
 * The rows are chosen so that DuckDB's own guess would differ: twenty children (and UPNs) over
 * 2,000 rows (DuckDB picks a dictionary) and 1,500 distinct ethnicity codes (DuckDB leaves them uncompressed).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppWorkspace, type AppWorkspace } from '../../electron/workspace/appWorkspace.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iro-stored-as-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ROWS = 2000;

function header(prefix: string): Uint8Array {
  const lines = ['CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB'];
  for (let i = 0; i < ROWS; i++) {
    const child = `${prefix}${String(i % 20).padStart(6, '0')}`;
    lines.push(`${child},${(i % 2) + 1},01/02/2010,Z${String(i % 1500).padStart(5, '0')},UPN${child},,`);
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

/** The compressions of each text column's stored segments, by column. */
async function storedAs(ws: AppWorkspace): Promise<Record<string, string>> {
  const rows = await ws.engine.all<{ column_name: string; c: string }>(
    `SELECT column_name, string_agg(DISTINCT compression, ',' ORDER BY compression) AS c
     FROM pragma_storage_info('header') WHERE segment_type = 'VARCHAR' AND column_name IN ('child', 'ethnic', 'source_file', 'upn') GROUP BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.column_name, r.c]));
}

const EXPECTED = { child: 'FSST', ethnic: 'Dictionary', source_file: 'Dictionary', upn: 'FSST' };

describe('how a workspace stores its text columns', () => {
  it('codes and file names as dictionaries, children and UPNs as FSST, after reopening and after a removal rewrote the file', async () => {
    const path = join(dir, 'w.duckdb');
    let ws = await openAppWorkspace({ path });
    try {
      expect((await ws['workspace.import']({ year: 2023, files: [{ name: 'header.csv', data: header('AA') }] })).ok).toBe(true);
      expect(await storedAs(ws)).toEqual(EXPECTED);
    } finally {
      await ws.close();
    }
    ws = await openAppWorkspace({ path });
    try {
      expect((await ws['workspace.import']({ year: 2024, files: [{ name: 'header.csv', data: header('BB') }] })).ok).toBe(true);
      expect(await storedAs(ws)).toEqual(EXPECTED);
      await ws['workspace.removeYear']({ year: 2023 });
      expect((await ws['workspace.import']({ year: 2022, files: [{ name: 'header.csv', data: header('CC') }] })).ok).toBe(true);
      expect(await storedAs(ws)).toEqual(EXPECTED);
      // The values are the rows as written.
      const back = await ws.engine.all<{ n: number; children: number; codes: number }>(
        `SELECT count(*)::INTEGER AS n, count(DISTINCT child)::INTEGER AS children, count(DISTINCT ethnic)::INTEGER AS codes FROM header`,
      );
      expect(back).toEqual([{ n: 2 * ROWS, children: 40, codes: 1500 }]);
    } finally {
      await ws.close();
    }
  });
});
