/**
 * Opening a workspace makes its canonical views and macros only when the workspace does not
 * already hold exactly them (electron/workspace/setupStamp.ts): an unchanged workspace is opened
 * without writing to it, and whatever changed a view or a macro since (SQL with changes allowed,
 * an older version of the app, a newer setup) is put right at the next opening.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDuckDbEngine } from '../../electron/engine/duckdbEngine.js';
import { openAppWorkspace } from '../../electron/workspace/appWorkspace.js';
import { Workspace } from '../../electron/workspace/workspace.js';
import type { SqlEngine } from '../../shared/engine.js';
import { CANONICAL_VIEWS } from '../../shared/sql/views.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iro-setup-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** What the canonical definitions give: a view's stored SQL and a macro's value. */
async function definitions(engine: SqlEngine): Promise<{ view: string; yearEnd: string }> {
  const [view] = await engine.all<{ sql: string }>("SELECT sql FROM duckdb_views() WHERE view_name = 'cla_31_march'");
  const [macro] = await engine.all<{ d: string }>('SELECT year_end(2024)::VARCHAR AS d');
  return { view: view!.sql, yearEnd: macro!.d };
}

const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('the setup made on opening', () => {
  it('an unchanged workspace is opened again without a write to its file', async () => {
    const path = join(dir, 'w.duckdb');
    await (await openAppWorkspace({ path })).close();
    const before = fileHash(path);
    const ws = await openAppWorkspace({ path });
    expect((await definitions(ws.engine)).yearEnd).toBe('2024-03-31');
    await ws.close();
    expect(fileHash(path)).toBe(before);
  });

  it("Explore's changes to a view or a macro are undone at the next opening", async () => {
    const path = join(dir, 'w.duckdb');
    let ws = await openAppWorkspace({ path });
    const canonical = await definitions(ws.engine);
    await ws['query.run']({ sql: 'CREATE OR REPLACE VIEW cla_31_march AS SELECT 1 AS x', allowWrite: true });
    await ws['query.run']({ sql: "CREATE OR REPLACE MACRO year_end(y) AS DATE '1999-01-01'", allowWrite: true });
    expect(await definitions(ws.engine)).not.toEqual(canonical);
    await ws.close();
    ws = await openAppWorkspace({ path });
    expect(await definitions(ws.engine)).toEqual(canonical);
    await ws.close();
  });

  it('an older version of the app that made the views again, with a macro of its own, is undone', async () => {
    const path = join(dir, 'w.duckdb');
    let ws = await openAppWorkspace({ path });
    const canonical = await definitions(ws.engine);
    await ws.close();
    // As the app did before the stamp: every statement again on opening (here with another year_end).
    const older = await openDuckDbEngine({ path });
    for (const sql of CANONICAL_VIEWS) await older.run(sql.startsWith('CREATE OR REPLACE MACRO year_end(') ? "CREATE OR REPLACE MACRO year_end(y) AS DATE '1999-01-01'" : sql);
    expect((await definitions(older)).yearEnd).toBe('1999-01-01');
    await older.close();
    ws = await openAppWorkspace({ path });
    expect(await definitions(ws.engine)).toEqual(canonical);
    await ws.close();
  });

  it('a workspace opened with a changed setup gets the new one', async () => {
    const path = join(dir, 'w.duckdb');
    const setup = (n: number) => [`CREATE OR REPLACE MACRO probe_value() AS ${n}`, 'CREATE OR REPLACE VIEW probe AS SELECT probe_value() AS v'];
    for (const n of [1, 1, 2]) {
      const ws = await Workspace.open({ path, setupSql: setup(n) });
      expect(await ws.engine.all('SELECT v FROM probe')).toEqual([{ v: n }]);
      await ws.close();
    }
  });
});
