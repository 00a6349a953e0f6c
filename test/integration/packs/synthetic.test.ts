/**
 * Every pack on six years of local-authority-sized synthetic returns: structural checks that must
 * hold whatever the data (parts add up to totals, suppression leaves nothing to work back, the
 * snapshot batch gives the same numbers as single runs), and the time all packs take.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlEngine } from '../../../shared/engine.js';
import { PACKS } from '../../../shared/packs/index.js';
import type { PackResult } from '../../../shared/packs/result.js';
import { getPack, runPack, runPacks, suppressionSets } from '../../../shared/packs/run.js';
import { TOTAL } from '../../../shared/packs/types.js';
import { expectCountsMatchMembers, openWorkspace } from './fixtures.js';
import { loadSynthetic } from './synthetic.js';

const YEARS = [2020, 2021, 2022, 2023, 2024, 2025];
let engine: SqlEngine;
let results: Record<string, PackResult>;

beforeAll(async () => {
  engine = await openWorkspace();
  await loadSynthetic(engine, { children: 2200, fromYear: 2020, toYear: 2025 });
  const all = await runPacks(engine, PACKS.map((p) => p.id));
  results = Object.fromEntries(Object.entries(all).map(([id, r]) => [id, r.result]));
});
afterAll(async () => engine.close());

const count = (r: PackResult, key: string, y: number): number => {
  if (key === TOTAL) return r.total[String(y)]!.count!;
  return r.rows.find((x) => x.key === key)!.values[String(y)]!.count!;
};

describe('packs on six synthetic years', () => {
  it('has local-authority-sized data and all six years in every pack', () => {
    const cla = results.cla!;
    for (const y of YEARS) expect(count(cla, 'at-31-march', y)).toBeGreaterThan(400);
    for (const p of PACKS) expect(results[p.id]!.years, p.id).toEqual(YEARS);
  });

  it('parts add up: every suppression set sums to its parent (rows of a dimension to the total, a group to its subtotal); nested rows to at most it', () => {
    for (const p of PACKS) {
      const r = results[p.id]!;
      const specs = r.rows.map((row) => p.rows.find((s) => s.key === row.key) ?? p.extraRow?.(row.key) ?? { key: row.key, label: row.key });
      for (const set of suppressionSets(p, specs)) {
        if (set.parent === null || set.byGuidance) continue; // published in another pack; a guidance rule data may break
        for (const y of YEARS) {
          if (r.total[String(y)]?.notCollected) continue; // x: the year's return has no such file
          const sum = set.members.filter((k) => r.rows.some((x) => x.key === k)).reduce((a, k) => a + count(r, k, y), 0);
          if (set.remainder) expect(sum, `${p.id} ${y} ${set.members.join('+')} within ${set.parent}`).toBeLessThanOrEqual(count(r, set.parent, y));
          else expect(sum, `${p.id} ${y} ${set.parent}`).toBe(count(r, set.parent, y));
        }
      }
    }
  });

  it('age, gender, legal status, placements, duration and UASC all describe the same children looked after at 31 March', () => {
    for (const y of YEARS) {
      const cla = count(results.cla!, 'at-31-march', y);
      for (const id of ['age', 'gender', 'age-gender', 'ethnicity', 'legal-status', 'placement-type', 'placement-provider', 'duration', 'uasc', 'placement-stability']) {
        expect(count(results[id]!, TOTAL, y), `${id} ${y}`).toBe(cla);
      }
      expect(count(results.starters!, TOTAL, y)).toBe(count(results.cla!, 'started', y));
      expect(count(results['reasons-ceased']!, TOTAL, y)).toBe(count(results.cla!, 'ceased', y));
      expect(count(results.missing!, TOTAL, y)).toBe(count(results.cla!, 'during-year', y));
      expect(count(results.health!, TOTAL, y)).toBeLessThanOrEqual(cla);
    }
  });

  it('the snapshot batch gives exactly the numbers of single runs', async () => {
    for (const id of ['cla', 'placement-stability', 'review-timeliness', 'health', 'duration']) {
      expect((await runPack(engine, id)).result, id).toEqual(results[id]);
    }
  });

  it("each pack's quick counts query gives the numbers of counting its members, under every option", async () => {
    expect(await expectCountsMatchMembers(engine)).toBeGreaterThanOrEqual(29);
  });

  it('suppression leaves no lone suppressed cell under a visible parent', async () => {
    const all = await runPacks(engine, PACKS.map((p) => p.id), { suppress: 5 });
    let suppressed = 0;
    for (const p of PACKS) {
      const r = all[p.id]!.result;
      const specs = r.rows.map((row) => p.rows.find((s) => s.key === row.key) ?? p.extraRow?.(row.key) ?? { key: row.key, label: row.key });
      const hidden = (k: string, y: number) => (k === TOTAL ? !!r.total[String(y)]?.suppressed : !!r.rows.find((x) => x.key === k)?.values[String(y)]?.suppressed);
      for (const y of YEARS) {
        for (const row of r.rows) {
          const c = row.values[String(y)]!;
          if (c.suppressed) suppressed++;
          else if ((getPack(p.id).rows.find((s) => s.key === row.key)?.kind ?? 'count') === 'count') {
            expect(c.count === 0 || (c.count ?? 99) > 5, `${p.id} ${y} ${row.key} = ${c.count}`).toBe(true);
          }
        }
        // Nested rows (remainder sets) are not sums: a lone hidden one is protected by the unshown rest.
        for (const set of suppressionSets(p, specs).filter((x) => !x.byGuidance && !x.remainder)) {
          const present = set.members.filter((k) => r.rows.some((x) => x.key === k));
          const parentVisible = set.parent === null || !hidden(set.parent, y);
          const lone = present.filter((k) => hidden(k, y)).length === 1;
          const others = present.filter((k) => !hidden(k, y) && count(r, k, y) > 0).length;
          // A lone hidden cell is only allowed when nothing else can be hidden and the parent is external.
          if (parentVisible && lone) expect(set.parent === null && others === 0, `${p.id} ${y} ${set.parent}`).toBe(true);
        }
      }
    }
    expect(suppressed).toBeGreaterThan(0);
  });
});
