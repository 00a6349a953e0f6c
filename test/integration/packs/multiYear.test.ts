/**
 * Every pack on the hand-built scenario of scenario.ts (returns 2021, 2023, 2024; 2022 missing).
 * Expected numbers are worked out by hand in the comments from the episodes listed there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlEngine } from '../../../shared/engine.js';
import { drillSql, runPack, withViewSnapshot, yearOnYear } from '../../../shared/packs/run.js';
import { cell, counts, expectCountsMatchMembers, openWorkspace, pack } from './fixtures.js';
import { loadScenario } from './scenario.js';

let engine: SqlEngine;
beforeAll(async () => {
  engine = await openWorkspace();
  await loadScenario(engine);
});
afterAll(async () => engine.close());

async function drillChildren(id: string, year: number, key?: string, options?: Record<string, string>): Promise<string[]> {
  const d = drillSql(id, year, key, options);
  return [...new Set((await engine.all(d.sql, d.params)).map((r) => String(r.child)))].sort();
}

describe('children looked after (cla)', () => {
  it('has every loaded year and no other (2022 was not loaded)', async () => {
    expect((await pack(engine, 'cla')).years).toEqual([2021, 2023, 2024]);
  });

  it('counts each year from its own return', async () => {
    const r = await pack(engine, 'cla');
    // 2021: P, M1, M2 looked after at 31 March; M1, M2 started; nobody ceased (P's X1 is not a ceasing).
    expect(counts(r, 2021)).toEqual({ 'at-31-march': 3, started: 2, ceased: 0, 'during-year': 3 });
    // 2023: CLA P, Q (episode starting 31 March), Q2, SB, TM. Not R (episode ended 31 March), not SBO
    // (short breaks only), not ADO (adopted). Started: Q, R, SB (first non-short-break S). Ceased: R, ADO.
    // During the year: P, Q, Q2, R, SB, TM, ADO.
    expect(counts(r, 2023)).toEqual({ 'at-31-march': 5, started: 3, ceased: 2, 'during-year': 7 });
    // 2024: CLA P, SB, TM, NEW1, NEW2, NEW3 (Q ceased, Q2 ceased on 31 March). Started: NEW1, NEW2 (twice,
    // counted once), NEW3. Ceased: Q, Q2, NEW2 (ceased then started again). During: those 8.
    expect(counts(r, 2024)).toEqual({ 'at-31-march': 6, started: 3, ceased: 3, 'during-year': 8 });
    expect(r.total).toEqual({});
  });

  it('gives year-on-year change from the previous loaded year', async () => {
    const r = await pack(engine, 'cla');
    // 2023 is compared with 2021 (2022 is not loaded): 3 -> 5, +2, +66.7%.
    expect(yearOnYear(r, 'at-31-march', 2023)).toMatchObject({ previousYear: 2021, count: 5, previousCount: 3, change: 2, changePercent: 66.7 });
    // 2024: 5 -> 6, +1, +20.0%.
    expect(yearOnYear(r, 'at-31-march', 2024)).toMatchObject({ previousYear: 2023, count: 6, previousCount: 5, change: 1, changePercent: 20 });
    expect(yearOnYear(r, 'at-31-march', 2021)).toMatchObject({ previousYear: null, change: null });
  });

  it('writes commentary from the figures the table shows (the change, not a relative change)', async () => {
    const { commentary } = await runPack(engine, 'cla');
    expect(commentary).toEqual([
      'On 31 March 2024 there were 6 children looked after, up 1 from 5 a year earlier; this is the highest of the years shown.',
      'During 2023/24, 3 children started to be looked after, the same as in 2022/23; 3 children ceased to be looked after, up 1 from 2 in 2022/23.',
      'In 2023/24, 8 children were looked after at some point during the year.',
    ]);
  });

  it('never puts a suppressed number into words', async () => {
    const { result, commentary } = await runPack(engine, 'cla', { suppress: 5 });
    // 2024: started 3 and ceased 3 are suppressed. Looked after on 31 March (6) is within looked after
    // during the year (8): their difference, 2 children looked after in the year but not on 31 March,
    // is a count of 1 to 5 no row shows, so the smaller row, 6, is suppressed too; 8 stays.
    expect(cell(result, 'at-31-march', 2024)).toEqual({ count: null, suppressed: true });
    expect(cell(result, 'during-year', 2024)).toEqual({ count: 8 });
    expect(cell(result, 'started', 2024)).toEqual({ count: null, suppressed: true });
    expect(commentary).toEqual([
      'The number of children looked after on 31 March 2024 is not shown, to protect confidentiality.',
      'The number of children who started to be looked after in 2023/24 is not shown, to protect confidentiality.',
      'The number of children who ceased to be looked after in 2023/24 is not shown, to protect confidentiality.',
      'In 2023/24, 8 children were looked after at some point during the year.',
    ]);
    expect(commentary.join(' ')).not.toMatch(/\b[36] children\b/);
  });
});

describe('starters', () => {
  it('age on the day of starting: a 29 February birthday falls on 1 March in other years', async () => {
    const r = await pack(engine, 'starters');
    // 2021: M1 (born 29/02/2016) starts 28/02/2021 aged 4; M2 (same birthday) starts 01/03/2021 aged 5.
    expect(counts(r, 2021)).toEqual({ 'under-1': 0, '1-4': 1, '5-9': 1, '10-15': 0, '16-over': 0 });
    // 2023: Q 14 on 01/06/2022, R 10 on 01/09/2022, SB 8 on 01/10/2022 (its earlier V3 breaks are not starts).
    expect(counts(r, 2023)).toEqual({ 'under-1': 0, '1-4': 0, '5-9': 1, '10-15': 2, '16-over': 0 });
    // 2024: NEW1 0; NEW2 11 on its first start 01/05/2023 (counted once); NEW3 13.
    expect(counts(r, 2024)).toEqual({ 'under-1': 1, '1-4': 0, '5-9': 0, '10-15': 2, '16-over': 0 });
    const d = drillSql('starters', 2024, '10-15');
    expect((await engine.all(d.sql, d.params)).map((x) => [x.child, x.started])).toEqual([['NEW2', '2023-05-01'], ['NEW3', '2023-06-01']]);
  });
});

describe('characteristics at 31 March', () => {
  it('age: a child born on 31 March has had the birthday; the oldest band is 16 and over', async () => {
    const r = await pack(engine, 'age');
    // 2021: P 10; M1 and M2 (born 29/02/2016) are 5 on 31/03/2021.
    expect(counts(r, 2021)).toEqual({ 'under-1': 0, '1-4': 0, '5-9': 2, '10-15': 1, '16-over': 0 });
    // 2023: SB 9; P 12, Q 15 (born 31/03/2008), TM 10; Q2 born 31/03/2007 is 16 on 31/03/2023.
    expect(counts(r, 2023)).toEqual({ 'under-1': 0, '1-4': 0, '5-9': 1, '10-15': 3, '16-over': 1 });
    // 2024: NEW1 0; P 13, SB 10, TM 11, NEW2 12, NEW3 14.
    expect(counts(r, 2024)).toEqual({ 'under-1': 1, '1-4': 0, '5-9': 0, '10-15': 5, '16-over': 0 });
    expect(cell(r, '10-15', 2024)).toEqual({ count: 5, percent: 83.3 }); // 5 of 6
    expect(cell(r, null, 2023)).toEqual({ count: 5 });
    expect(await drillChildren('age', 2023, '16-over')).toEqual(['Q2']);
  });

  it('gender: 1/2 and M/F codes, anything else unknown', async () => {
    const r = await pack(engine, 'gender');
    expect(counts(r, 2021)).toEqual({ male: 1, female: 2, unknown: 0 });
    expect(counts(r, 2023)).toEqual({ male: 4, female: 1, unknown: 0 });
    expect(counts(r, 2024)).toEqual({ male: 4, female: 1, unknown: 1 }); // NEW2 has SEX U
  });

  it('age-gender: each sex has a subtotal and age rows', async () => {
    const r = await pack(engine, 'age-gender');
    const c = counts(r, 2024);
    expect(c.male).toBe(4);
    expect(c['male:10-15']).toBe(4); // P, SB, TM, NEW3
    expect(c['female:under-1']).toBe(1); // NEW1
    expect(c.unknown).toBe(1);
    expect(c['unknown:10-15']).toBe(1); // NEW2
    expect(r.rows.find((x) => x.key === 'male')?.subtotal).toBe(true);
  });

  it('ethnicity: unknown code and blank are rows of their own; groups and BME share', async () => {
    const r = await pack(engine, 'ethnicity');
    const c21 = counts(r, 2021);
    expect(c21.WBRI).toBe(2);
    expect(c21.XXXX).toBe(1); // M1's unknown code, kept as itself
    expect(r.rows.find((x) => x.key === 'XXXX')?.label).toBe('XXXX');
    expect(r.rows.find((x) => x.key === 'blank')?.label).toBe('Not recorded (blank)');
    const c23 = counts(r, 2023);
    expect([c23.white, c23.black, c23.mixed, c23.BAFR, c23.MWBC]).toEqual([3, 1, 1, 1, 1]);
    // BME = recorded ethnicity other than WBRI, of recorded: 2023 Q2 and TM of 5 = 40%; 2024 TM of 5 (NEW2 blank) = 20%.
    expect(cell(r, 'bme', 2023)).toEqual({ count: 2, percent: 40 });
    expect(cell(r, 'ethnicity-known', 2024).count).toBe(5);
    expect(cell(r, 'bme', 2024)).toEqual({ count: 1, percent: 20 });
    expect(counts(r, 2024).blank).toBe(1);
    expect(cell(r, 'bme', 2021)).toEqual({ count: 0, percent: 0 });
  });

  it('uasc: the UASC file with DUC after 31 March, or the header flag', async () => {
    const r = await pack(engine, 'uasc');
    // 2023: Q2 (UASC row, DUC blank) and TM (header flag 1). P's DUC is 31/03/2023, so not UASC on 31 March.
    expect(cell(r, 'uasc', 2023)).toEqual({ count: 2, percent: 40 });
    expect(cell(r, 'uasc', 2024)).toEqual({ count: 1, percent: 16.7 }); // TM of 6
    expect(await drillChildren('uasc', 2023, 'uasc')).toEqual(['Q2', 'TM']);
  });
});

describe('legal status and placements', () => {
  it('legal status: unknown code C3 is a row of its own; groups add up', async () => {
    const r = await pack(engine, 'legal-status');
    const c = counts(r, 2024);
    expect(c['care-orders']).toBe(2); // P, TM (C2)
    expect(c.V2).toBe(2); // SB, NEW3
    expect(c['child-protection']).toBe(1); // NEW1 L2
    expect(c.L2).toBe(1);
    expect(c.C3).toBe(1); // NEW2
    expect(r.rows.find((x) => x.key === 'C3')).toMatchObject({ label: 'C3', group: null });
    expect(r.rows.some((x) => x.key === 'V3' || x.key === 'V4')).toBe(false);
    expect(counts(r, 2023)).toMatchObject({ 'care-orders': 3, C2: 3, V2: 2 });
  });

  it('placement type: a temporary placement on 31 March counts as the placement before it (option: as recorded)', async () => {
    const r = await pack(engine, 'placement-type');
    // 2023: P U6, Q K2, Q2 U4, SB U6, TM T3 after U6 -> U6.
    expect(counts(r, 2023)).toMatchObject({ foster: 4, U6: 3, U4: 1, homes: 1, K2: 1 });
    expect(r.rows.some((x) => x.key === 'T3')).toBe(false);
    const asRecorded = await pack(engine, 'placement-type', { options: { temporary: 'as-recorded' } });
    expect(counts(asRecorded, 2023)).toMatchObject({ foster: 3, U6: 2, temporary: 1, T3: 1 });
    expect(await drillChildren('placement-type', 2023, 'T3', { temporary: 'as-recorded' })).toEqual(['TM']);
    expect(asRecorded.notes).toContain('Children in a temporary placement (T0-T4) on 31 March: counted as temporary placements.');
  });

  it('placement provider, with the same temporary-placement option', async () => {
    const r = await pack(engine, 'placement-provider');
    expect(counts(r, 2023)).toMatchObject({ PR1: 4, PR4: 1 }); // TM's provider before the temporary move
    const asRecorded = await pack(engine, 'placement-provider', { options: { temporary: 'as-recorded' } });
    expect(counts(asRecorded, 2023)).toMatchObject({ PR1: 4, PR4: 0, blank: 1 });
  });

  it('placement stability: short breaks and temporary moves are not placements; long-term needs 2.5 years in care', async () => {
    const r = await pack(engine, 'placement-stability');
    // 2023 placements: P 1, Q 2 (S and P in the year), Q2 1, SB 1 (short breaks not counted), TM 1 (T3 is no change).
    // 2024: NEW2 2 (two periods), TM 1 (return from T3 is no change): nobody has 3.
    expect(cell(r, 'three-or-more', 2023)).toEqual({ count: 0, percent: 0 });
    expect(cell(r, 'three-or-more', 2024)).toEqual({ count: 0, percent: 0 });
    // Long-term cohort 2023: under 16 and in care since <= 30/09/2020: P only (its period began 01/11/2017,
    // known from the 2021 return). Same carer since 01/11/2017 (the L episode keeps the carer).
    expect(cell(r, 'long-term-cohort', 2023).count).toBe(1);
    expect(cell(r, 'long-term', 2023)).toEqual({ count: 1, percent: 100 });
    const d = drillSql('placement-stability', 2023);
    const rows = await engine.all(d.sql, d.params);
    expect(Object.fromEntries(rows.map((x) => [x.child, x.placements_in_year]))).toEqual({ P: 1, Q: 2, Q2: 1, SB: 1, TM: 1 });
    const d24 = drillSql('placement-stability', 2024);
    expect(Object.fromEntries((await engine.all(d24.sql, d24.params)).map((x) => [x.child, x.placements_in_year]))).toEqual({
      P: 1, SB: 1, TM: 1, NEW1: 1, NEW2: 2, NEW3: 1,
    });
  });

  it('duration: a period of care that began before the return is dated from the earlier return', async () => {
    const r = await pack(engine, 'duration');
    // 2023: P 64 months (from 01/11/2017, in the 2021 return), Q 9, Q2 17, SB 5, TM 14.
    expect(counts(r, 2023)).toEqual({ 'under-1m': 0, '1-6m': 1, '7-12m': 1, '1-2y': 2, '2-5y': 0, '5-10y': 1, '10y-over': 0 });
    // 2024: P 76, SB 17, TM 26 (T3/U6 episodes chain back to 01/01/2022 in the 2023 return), NEW1 2, NEW2 6, NEW3 9.
    expect(counts(r, 2024)).toEqual({ 'under-1m': 0, '1-6m': 2, '7-12m': 1, '1-2y': 1, '2-5y': 1, '5-10y': 1, '10y-over': 0 });
    // 2021: P 40, M1 1 (28/02 -> 31/03), M2 0.
    expect(counts(r, 2021)).toEqual({ 'under-1m': 1, '1-6m': 1, '7-12m': 0, '1-2y': 0, '2-5y': 1, '5-10y': 0, '10y-over': 0 });
  });

  it('without the earlier return, a period is dated from the earliest episode found, and flagged', async () => {
    const only2023 = await openWorkspace();
    try {
      await loadScenario(only2023);
      for (const t of ['episodes', 'header', 'reviews', 'sw_episodes']) await only2023.run(`DELETE FROM ${t} WHERE return_year <> 2023`);
      const r = await pack(only2023, 'duration');
      expect(r.years).toEqual([2023]);
      // P's only episode now is L C2 U6 from 01/09/2020: 30 months (2 to 5 years), and its start is not loaded.
      expect(counts(r, 2023)).toMatchObject({ '2-5y': 1, '5-10y': 0, 'start-not-loaded': 1 });
      expect(cell(await pack(only2023, 'placement-stability'), 'long-term-cohort', 2023).count).toBe(1); // 01/09/2020 <= 30/09/2020
    } finally {
      await only2023.close();
    }
  });

  it('loading a later year never changes an earlier year', async () => {
    const early = await openWorkspace();
    try {
      // Only the 2021 and 2023 rows of the scenario: 2023 must come out exactly as with 2024 loaded.
      await loadScenario(early);
      await early.run('DELETE FROM episodes WHERE return_year = 2024');
      await early.run('DELETE FROM header WHERE return_year = 2024');
      for (const id of ['cla', 'duration', 'placement-stability', 'review-timeliness', 'health']) {
        const a = await pack(engine, id);
        const b = await pack(early, id);
        for (const row of a.rows) {
          const other = b.rows.find((x) => x.key === row.key);
          if (row.values['2023']!.count === 0 && !other) continue; // optional rows only shown where non-zero
          expect(other?.values['2023'], `${id} ${row.key}`).toEqual(row.values['2023']);
        }
      }
    } finally {
      await early.close();
    }
  });
});

describe('leaving care', () => {
  it('reasons ceased: the last ceasing of each child; unknown E99 in other reasons', async () => {
    const r = await pack(engine, 'reasons-ceased');
    expect(counts(r, 2023)).toMatchObject({ 'returned-home': 1, E4A: 1, adoption: 1, E11: 1, other: 0 });
    const c24 = counts(r, 2024);
    expect(c24).toMatchObject({ 'independent-living': 1, E5: 1, 'returned-home': 1, E4A: 1, other: 1, E99: 1 });
    expect(r.rows.find((x) => x.key === 'E99')).toMatchObject({ label: 'E99', group: 'Other reasons' });
    expect(cell(r, null, 2024)).toEqual({ count: 3 });
  });

  it('adoption: stages in days from the episodes and AD1', async () => {
    const r = await pack(engine, 'adoption');
    expect(cell(r, null, 2023)).toEqual({ count: 1 });
    expect(cell(r, 'foster-carer', 2023)).toEqual({ count: 1, percent: 100 });
    expect(cell(r, 'placed-within-12m', 2023)).toEqual({ count: 1, percent: 100 }); // placed 01/09/2022 <= 01/03/2023
    // Entered care 01/06/2021, decision 01/03/2022, matched 01/08/2022, placed (first A5) 01/09/2022, adopted 01/02/2023.
    expect(cell(r, 'entry-to-decision', 2023)).toEqual({ count: 1, value: 273 });
    expect(cell(r, 'decision-to-match', 2023)).toEqual({ count: 1, value: 153 });
    expect(cell(r, 'match-to-placed', 2023)).toEqual({ count: 1, value: 31 });
    expect(cell(r, 'entry-to-placed', 2023)).toEqual({ count: 1, value: 457 });
    expect(cell(r, 'placed-to-adopted', 2023)).toEqual({ count: 1, value: 153 });
    expect(cell(r, 'entry-to-adopted', 2023)).toEqual({ count: 1, value: 610 });
    expect(cell(r, 'entry-to-adopted', 2024)).toEqual({ count: 0, value: null });
  });

  it('care leavers: three parts each adding up to everyone in OC3; unknown activity code kept', async () => {
    const r = await pack(engine, 'care-leavers');
    const c = counts(r, 2023);
    expect(cell(r, null, 2023)).toEqual({ count: 4 });
    expect([c['in-touch:YES'], c['in-touch:NO']]).toEqual([3, 1]);
    expect([c['activity:eet'], c['activity:F2'], c['activity:neet'], c['activity:G5'], c['activity:0'], c['activity:Q7']]).toEqual([1, 1, 1, 1, 1, 1]);
    expect([c['accommodation:suitable'], c['accommodation:not-suitable'], c['accommodation:0']]).toEqual([2, 1, 1]);
    expect(cell(r, 'in-touch:YES', 2023).percent).toBe(75);
    // The unknown activity sits with the activity rows, before the accommodation rows.
    const keys = r.rows.map((x) => x.key);
    expect(keys.indexOf('activity:Q7')).toBeLessThan(keys.indexOf('accommodation:suitable'));
    expect(keys.indexOf('activity:Q7')).toBeGreaterThan(keys.indexOf('activity:0'));
  });
});

describe('health and wellbeing', () => {
  it('health: OC2 cohort joined to OC2; rows of children outside the cohort are not counted', async () => {
    const r = await pack(engine, 'health');
    // Cohort 2023: P, Q2, TM (in care since before 01/04/2022 and still on 31/03/2023). R (ceased) and SBO
    // (short breaks) have OC2 rows with every flag 1: not counted. TM has no OC2 row: base only.
    expect(counts(r, 2023)).toEqual({ cohort: 3, HEALTH_ASSESSMENT: 2, TEETH_CHECK: 1, IMMUNISATIONS: 1, 'cohort-under-5': 0, HEALTH_CHECK: 0, 'no-oc2': 1 });
    expect(cell(r, 'HEALTH_ASSESSMENT', 2023).percent).toBe(66.7);
    expect(cell(r, 'HEALTH_CHECK', 2023).percent).toBeNull(); // no child under 5: no base
    // 2024 cohort: P, SB, TM (TM's period dated from the 2023 return); no OC2 file.
    expect(cell(r, 'cohort', 2024).count).toBe(3);
    expect(await drillChildren('health', 2024, 'cohort')).toEqual(['P', 'SB', 'TM']);
  });

  it('sdq: eligible 4-16 (or 5-16), bands of the scores received, average', async () => {
    const r = await pack(engine, 'sdq');
    // Eligible 2023: P 12, Q2 16, TM 10. Scores: P 12 (normal), Q2 20 (concern); TM none. Average 16.
    expect(counts(r, 2023)).toMatchObject({ eligible: 3, submitted: 2, 'band-normal': 1, 'band-borderline': 0, 'band-concern': 1 });
    expect(cell(r, 'submitted', 2023).percent).toBe(66.7);
    expect(cell(r, 'band-concern', 2023).percent).toBe(50);
    expect(cell(r, 'average', 2023)).toEqual({ count: 2, value: 16 });
    expect(r.notes).toContain('Ages counted: aged 4 to 16 on 31 March (as collected).');
  });

  it('missing: incidents starting in the year or open on 1 April, for children looked after during the year', async () => {
    const r = await pack(engine, 'missing');
    // 2023: Q two M incidents and one A; P one M open on 01/04/2022 (the 2021 one ended long before);
    // SBO's incident is not counted (short breaks only). Base: 7 children looked after during 2022/23.
    expect(counts(r, 2023)).toEqual({ 'children-missing': 2, 'missing-episodes': 3, 'children-away': 1, 'away-episodes': 1 });
    expect(cell(r, 'children-missing', 2023).percent).toBe(28.6);
    expect(cell(r, 'missing-episodes', 2023)).toEqual({ count: 3 });
    expect(counts(r, 2024)).toEqual({ 'children-missing': 0, 'missing-episodes': 0, 'children-away': 0, 'away-episodes': 0 });
  });
});

describe('reviews', () => {
  it('participation: short-break-only children left out; participation of PN1-PN7', async () => {
    const r = await pack(engine, 'review-participation');
    // 2023: 12 reviews (SBO's left out). PN0 ADO; PN1 P, Q, SB, TM, R, R; PN2 TM; PN3 Q; PN4 Q2; PN5 Q; PN7 P.
    expect(counts(r, 2023)).toEqual({ PN0: 1, PN1: 6, PN2: 1, PN3: 1, PN4: 1, PN5: 1, PN6: 0, PN7: 1, eligible: 11, participated: 10 });
    expect(cell(r, null, 2023)).toEqual({ count: 12 });
    expect(cell(r, 'participated', 2023).percent).toBe(90.9); // 10 of 11
    expect(cell(r, 'PN1', 2023).percent).toBe(50); // 6 of 12
  });

  it('timeliness: 20 working days with bank holidays, then 3 and 6 months; not known before the loaded history', async () => {
    const r = await pack(engine, 'review-timeliness');
    // On time: Q 30/06/2022 (due 01/07/2022: 2 and 3 June 2022 were bank holidays), Q 31/03/2023 (due 01/04/2023),
    //   SB 20/10/2022 (due 28/10/2022), TM 10/06/2022 (within 3 months of 05/04/2022, certain either way),
    //   R 20/09/2022 (due 30/09/2022; 19/09/2022 was a bank holiday).
    // Late: P 01/12/2022 (> 6 months after 10/05/2022), Q 01/10/2022 (> 3 months after 30/06/2022),
    //   Q2 15/10/2022 and ADO 01/12/2022 (first review seen, more than 6 months after the history starts).
    // Not known: P 10/05/2022, TM 05/04/2022 (earlier reviews not loaded), R 15/08/2022 (outside any period).
    expect(counts(r, 2023)).toEqual({ 'on-time': 5, late: 4, 'not-known': 3 });
    expect(cell(r, 'on-time', 2023).percent).toBe(41.7);
    // 2021: P's review 20/11/2020 is the first seen, more than 6 months after 01/04/2020: late.
    expect(counts(r, 2021)).toEqual({ 'on-time': 0, late: 1, 'not-known': 0 });
    const d = drillSql('review-timeliness', 2023, 'on-time');
    const rows = await engine.all(d.sql, d.params);
    expect(rows.map((x) => [x.child, x.review, x.due_by])).toEqual([
      ['Q', '2022-06-30', '2022-07-01'],
      ['Q', '2023-03-31', '2023-04-01'],
      ['R', '2022-09-20', '2022-09-30'],
      ['SB', '2022-10-20', '2022-10-28'],
      ['TM', '2022-06-10', null], // 2nd review of a period begun before the history: due in 3 or 6 months, not known
    ]);
  });

  it('timeliness with the 28-day first review: Q 30/06/2022 becomes late (due 29/06/2022)', async () => {
    const r = await pack(engine, 'review-timeliness', { options: { firstReview: '28-days' } });
    expect(counts(r, 2023)).toEqual({ 'on-time': 4, late: 5, 'not-known': 3 });
  });
});

describe('quick counts', () => {
  it("each pack's counts query agrees with counting its members on the hard cases (short breaks, X1 chains, starting twice, 31 March)", async () => {
    expect(await expectCountsMatchMembers(engine)).toBeGreaterThanOrEqual(29);
  });
});

describe('drill-down', () => {
  it('lists the children behind every count of every pack, for every year', async () => {
    const { PACKS } = await import('../../../shared/packs/index.js');
    // One snapshot of the views keeps the hundreds of drill queries quick.
    await withViewSnapshot(engine, async () => {
      for (const p of PACKS) {
        const r = await pack(engine, p.id);
        for (const year of r.years) {
          // x (not collected: no such file that year): no figure, and no child behind one.
          if (r.total[String(year)]?.notCollected) {
            expect((await engine.all(drillSql(p.id, year).sql, drillSql(p.id, year).params)).length, `${p.id} ${year} total`).toBe(0);
            continue;
          }
          for (const row of r.rows) {
            const kind = p.rows.find((s) => s.key === row.key)?.kind ?? 'count';
            if (kind === 'sum') continue; // a sum of incidents, not a count of units
            if (row.values[String(year)]!.count === 0 && year !== 2023) continue; // zeros: one year is enough
            const d = drillSql(p.id, year, row.key);
            const units = await engine.all(d.sql, d.params);
            expect(units.length, `${p.id} ${year} ${row.key}`).toBe(row.values[String(year)]!.count);
          }
          if (p.total) {
            const d = drillSql(p.id, year);
            expect((await engine.all(d.sql, d.params)).length, `${p.id} ${year} total`).toBe(r.total[String(year)]!.count);
          }
        }
      }
    });
  });
});
