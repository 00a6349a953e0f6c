/**
 * A workspace keeps each pack's aggregate rows until its data changes: going back to a pack, or
 * exporting packs already shown, does not run their queries again, and any change to the data
 * (an import, a year removed, SQL run with changes allowed) makes them be computed afresh.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppWorkspace, type AppWorkspace } from '../../../electron/workspace/appWorkspace.js';
import { loadScenario } from './scenario.js';

let ws: AppWorkspace;
const packQueries: string[] = [];
beforeAll(async () => {
  ws = await openAppWorkspace({ path: ':memory:' });
  await loadScenario(ws.engine);
  const all = ws.engine.all.bind(ws.engine);
  // Count the packs' aggregate queries (every one ends by grouping on return_year and key).
  ws.engine.all = (async (sql: string, params?: never) => {
    if (/GROUP BY return_year, key\s+ORDER BY return_year, key\s*$/.test(sql)) packQueries.push(sql);
    return all(sql, params);
  }) as typeof ws.engine.all;
});
afterAll(async () => ws.close());

const count = async (id: string, key: string, year: number, options?: Record<string, string>) =>
  (await ws['pack.run']({ id, ...(options ? { options } : {}) })).result.rows.find((r) => r.key === key)?.values[String(year)]?.count;

describe('kept pack results', () => {
  it('runs a pack query once, whatever the suppression, and again only for other options', async () => {
    const before = packQueries.length;
    const first = await ws['pack.run']({ id: 'gender' });
    const again = await ws['pack.run']({ id: 'gender' });
    const suppressed = await ws['pack.run']({ id: 'gender', suppress: 5 });
    expect(again).toEqual(first);
    expect(suppressed.result.rows.some((r) => Object.values(r.values).some((c) => c.suppressed))).toBe(true);
    expect(packQueries.length - before).toBe(1);

    // placement-type also has a history query (incomplete-history marks), kept the same way.
    await ws['pack.run']({ id: 'placement-type', options: { temporary: 'as-recorded' } });
    const afterOneOption = packQueries.length;
    expect(afterOneOption - before).toBeGreaterThan(1);
    await ws['pack.run']({ id: 'placement-type' });
    const afterOther = packQueries.length;
    expect(afterOther).toBeGreaterThan(afterOneOption); // another option: computed
    await ws['pack.run']({ id: 'placement-type', options: { temporary: 'as-recorded' } });
    expect(packQueries.length).toBe(afterOther); // the first option again: kept
  });

  it('an export of packs already shown runs no pack query', async () => {
    await ws['pack.run']({ id: 'age' });
    const before = packQueries.length;
    const out = await ws['export.xlsx']({ packs: ['gender', 'age'], includeCharts: false });
    expect(out.data.byteLength).toBeGreaterThan(0);
    expect(packQueries.length).toBe(before);
  });

  it('computes afresh after the data changes (SQL run with changes allowed)', async () => {
    const males = await count('gender', 'male', 2024);
    expect(males).toBeGreaterThan(0);
    const before = packQueries.length;
    await ws['query.run']({
      sql: `DELETE FROM header WHERE return_year = 2024 AND child = (SELECT min(child) FROM cla_31_march WHERE return_year = 2024 AND sex_key(sex) = 'male')`,
      allowWrite: true,
    });
    expect(await count('gender', 'male', 2024)).toBe(males! - 1);
    expect(packQueries.length - before).toBe(1);
  });
});
