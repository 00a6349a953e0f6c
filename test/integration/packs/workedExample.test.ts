/**
 * The worked example of reference.md 3.15, year 2025 (S = 1 April 2024, E = 31 March 2025).
 * Every expected number below is worked out by hand from the episodes, as the reference does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlEngine } from '../../../shared/engine.js';
import { drillSql } from '../../../shared/packs/run.js';
import { cell, counts, ep, insertEpisodes, insertHeaders, openWorkspace, pack } from './fixtures.js';

const Y = 2025;
let engine: SqlEngine;

beforeAll(async () => {
  engine = await openWorkspace();
  await insertHeaders(engine, Y, [
    { child: 'A', sex: '1', dob: '2015-05-10' },
    { child: 'B', sex: '2', dob: '2008-03-20' },
    { child: 'C', sex: '2', dob: '2024-01-01' },
    { child: 'D', sex: '1', dob: '2012-07-15' },
    { child: 'E', sex: '1', dob: '2007-03-03' },
    { child: 'F', sex: '1', dob: '2015-12-12' },
  ]);
  await insertEpisodes(engine, Y, [
    ep('A', '2022-02-01', '2022-06-15', 'S', 'C1', 'U6', 'X1'),
    ep('A', '2022-06-15', null, 'L', 'C2', 'U6'),
    ep('B', '2024-10-10', '2024-11-01', 'S', 'V2', 'U6', 'X1'),
    ep('B', '2024-11-01', '2024-12-15', 'P', 'V2', 'K2', 'X1'),
    ep('B', '2024-12-15', '2025-03-20', 'P', 'V2', 'K3', 'E5'),
    ep('C', '2024-01-05', '2024-01-12', 'S', 'L2', 'U3', 'X1'),
    ep('C', '2024-01-12', '2024-05-20', 'B', 'C1', 'U6', 'X1'),
    ep('C', '2024-05-20', '2024-09-01', 'P', 'C1', 'U5', 'X1'),
    ep('C', '2024-09-01', '2025-01-15', 'L', 'E1', 'U5', 'X1'),
    ep('C', '2025-01-15', null, 'U', 'E1', 'A5'),
    ep('D', '2024-06-01', '2024-06-05', 'S', 'V3', 'K2', 'E4A'),
    ep('E', '2020-01-01', '2025-03-03', 'S', 'C2', 'U4', 'E17'),
    ep('F', '2023-04-01', '2024-05-20', 'S', 'V2', 'U6', 'E4A'),
    ep('F', '2024-08-01', '2025-01-10', 'S', 'V2', 'U6', 'E4B'),
    ep('F', '2025-03-01', null, 'S', 'C1', 'U6'),
  ]);
});
afterAll(async () => engine.close());

describe('reference.md 3.15 worked example', () => {
  it('counts children looked after, starters, leavers and children looked after during the year', async () => {
    const r = await pack(engine, 'cla');
    expect(r.years).toEqual([2025]);
    // Open at 31 March: A (L C2 open), C (U E1 A5 open), F (third period open). B and E ceased, D short break.
    // During the year: A, B, C, E, F (D's only episode is a V3 short break).
    // Started: B (10/10/2024) and F (first RNE S in the year 01/08/2024; also 01/03/2025, counted once).
    // Ceased: B (E5), E (E17), F (E4A 20/05/2024 and E4B 10/01/2025: once).
    expect(counts(r, Y)).toEqual({ 'at-31-march': 3, started: 2, ceased: 3, 'during-year': 5 });
  });

  it('ages at 31 March: A 9, C 1, F 9', async () => {
    const r = await pack(engine, 'age');
    expect(counts(r, Y)).toEqual({ 'under-1': 0, '1-4': 1, '5-9': 2, '10-15': 0, '16-over': 0 });
    expect(cell(r, null, Y)).toEqual({ count: 3 });
    expect(cell(r, '1-4', Y).percent).toBe(33.3); // 1 of 3
    expect(cell(r, '5-9', Y).percent).toBe(66.7); // 2 of 3
  });

  it('legal status: care orders 2 (A C2, F C1), placement order 1 (C E1)', async () => {
    const r = await pack(engine, 'legal-status');
    const c = counts(r, Y);
    expect(c['care-orders']).toBe(2);
    expect(c.C1).toBe(1);
    expect(c.C2).toBe(1);
    expect(c['placement-order']).toBe(1);
    expect(c.E1).toBe(1);
    expect(c.V2).toBe(0);
  });

  it('placements: foster 2 (A, F in U6), placed for adoption with current foster carer under a placement order 1 (C in A5)', async () => {
    const r = await pack(engine, 'placement-type');
    const c = counts(r, Y);
    expect(c.foster).toBe(2);
    expect(c.U6).toBe(2);
    expect(c.adoption).toBe(1);
    expect(c.A5).toBe(1);
  });

  it('starters by age on starting: B aged 16 on 10/10/2024, F aged 8 on 01/08/2024', async () => {
    const r = await pack(engine, 'starters');
    expect(counts(r, Y)).toEqual({ 'under-1': 0, '1-4': 0, '5-9': 1, '10-15': 0, '16-over': 1 });
  });

  it('reasons ceased: B E5, E E17, F E4B (the last of its two ceasings)', async () => {
    const r = await pack(engine, 'reasons-ceased');
    const c = counts(r, Y);
    expect(cell(r, null, Y).count).toBe(3);
    expect(c.E5).toBe(1);
    expect(c.E17).toBe(1);
    expect(c.E4B).toBe(1);
    expect(c.E4A).toBeUndefined(); // optional code row, zero in every year, left out
    expect(c['independent-living']).toBe(1);
    expect(c['returned-home']).toBe(1);
    expect(c.other).toBe(1);
    expect(c.adoption).toBe(0);
  });

  it('OC2 cohort = A and C (in care since before 1 April 2024); development-assessment cohort = C (aged 1)', async () => {
    const r = await pack(engine, 'health');
    expect(cell(r, 'cohort', Y).count).toBe(2);
    expect(cell(r, 'cohort-under-5', Y).count).toBe(1);
    // Neither has an OC2 row, so both count in the base and none has had a check.
    expect(cell(r, 'no-oc2', Y).count).toBe(2);
    expect(cell(r, 'HEALTH_ASSESSMENT', Y)).toEqual({ count: 0, percent: 0 });
  });

  it('SDQ cohort aged 5-16 = A only (C is 1); the same with ages 4-16', async () => {
    expect(cell(await pack(engine, 'sdq', { options: { basis: '5-16' } }), 'eligible', Y).count).toBe(1);
    expect(cell(await pack(engine, 'sdq'), 'eligible', Y).count).toBe(1);
  });

  it('placement stability: A 1, C 2, F 3 placements => 1 of 3 with three or more; long-term 1 of 1 (A)', async () => {
    const r = await pack(engine, 'placement-stability');
    expect(cell(r, 'three-or-more', Y)).toEqual({ count: 1, percent: 33.3 });
    // Long-term cohort: under 16 and in care since <= 30/09/2022: A only (C since 2024, F since 2025).
    // A has had the same carer since 01/02/2022 (the L episode keeps the carer) <= 31/03/2023.
    expect(cell(r, 'long-term-cohort', Y).count).toBe(1);
    expect(cell(r, 'long-term', Y)).toEqual({ count: 1, percent: 100 });
    const drill = drillSql('placement-stability', Y, 'three-or-more');
    const rows = await engine.all(drill.sql, drill.params);
    expect(rows.map((x) => [x.child, x.placements_in_year])).toEqual([['F', 3]]);
  });

  it('duration: A 37 months (2-5 years), C 14 months (1-2 years), F 0 months (under 1 month)', async () => {
    const r = await pack(engine, 'duration');
    expect(counts(r, Y)).toEqual({ 'under-1m': 1, '1-6m': 0, '7-12m': 0, '1-2y': 1, '2-5y': 1, '5-10y': 0, '10y-over': 0 });
  });

  it('drill-down lists exactly the children behind a count', async () => {
    const at = drillSql('cla', Y, 'at-31-march');
    expect((await engine.all(at.sql, at.params)).map((r) => r.child)).toEqual(['A', 'C', 'F']);
    const during = drillSql('cla', Y);
    expect((await engine.all(during.sql, during.params)).map((r) => r.child)).toEqual(['A', 'B', 'C', 'E', 'F']);
    const starters = drillSql('starters', Y, '16-over');
    const s = await engine.all(starters.sql, starters.params);
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ child: 'B', started: '2024-10-10', age_at_start: 16, legal_status: 'V2', placement: 'U6' });
  });
});
