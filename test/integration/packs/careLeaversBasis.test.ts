/**
 * Care leavers on DfE's basis (the option its published figures are set beside): aged 19 to 21 on
 * 31 March, those who died or returned home left out. Every number is worked out by hand from the
 * rows below (year 2024: 1 April 2023 to 31 March 2024; a birthday in the year makes that age on 31 March).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlEngine } from '../../../shared/engine.js';
import { drillSql, runPack } from '../../../shared/packs/run.js';
import { cell, insertRows, openWorkspace, pack } from './fixtures.js';

const DFE = { basis: 'dfe-19-21' };
const SUITABILITY = { basis: 'dfe-19-21-suitability' };
let engine: SqlEngine;

beforeAll(async () => {
  engine = await openWorkspace();
  await insertRows(engine, 'oc3', 2024, [
    // 19th birthday on 1 April 2024, the day after the year: 18 on 31 March. Out.
    { child: 'T18', dob: '2005-04-01', in_touch: 'YES', activ: 'F2', accom: 'U1' },
    // 19th birthday on 31 March 2024, the last day of the year: 19. In.
    { child: 'B19', dob: '2005-03-31', in_touch: 'YES', activ: 'F1', accom: 'U1' },
    // Born 29 February 2004: 20 on 29 February 2024 (a leap year). In.
    { child: 'L20', dob: '2004-02-29', in_touch: 'REFU', activ: '0', accom: '0' },
    // 22nd birthday on 1 April 2024: still 21 on 31 March. In.
    { child: 'D21', dob: '2002-04-01', in_touch: 'NO', activ: '0', accom: '0' },
    // 22nd birthday on 31 March 2024: 22. Out.
    { child: 'O22', dob: '2002-03-31', in_touch: 'YES', activ: 'F5', accom: 'U1' },
    // Aged 19 and 20, but died / returned home: DfE leaves them out.
    { child: 'DIED', dob: '2004-06-01', in_touch: 'DIED', activ: '0', accom: '0' },
    { child: 'HOME', dob: '2003-06-01', in_touch: 'RHOM', activ: '0', accom: '0' },
    // Aged 20, in touch, not in education, employment or training. In.
    { child: 'E20', dob: '2003-10-10', in_touch: 'YES', activ: 'G5', accom: 'K2' },
    // Aged 20, gone abroad (G1), and aged 19, residence not known (R2): in, but not in DfE's suitability base.
    { child: 'ABR', dob: '2003-11-11', in_touch: 'YES', activ: 'F2', accom: 'G1' },
    { child: 'RNK', dob: '2004-12-12', in_touch: 'NO', activ: '0', accom: 'R2' },
  ]);
});
afterAll(async () => engine.close());

describe('care leavers on DfE basis', () => {
  it('counts everyone in the OC3 file by default, figures unchanged', async () => {
    const r = await pack(engine, 'care-leavers');
    expect(cell(r, null, 2024)).toEqual({ count: 10 });
    // T18, B19, O22, E20, ABR.
    expect(cell(r, 'in-touch:YES', 2024)).toEqual({ count: 5, percent: 50 });
    expect(r.notes).toContain('Care leavers counted: everyone in the OC3 file.');
  });

  it('counts those aged 19 to 21 on 31 March, less those who died or returned home', async () => {
    const r = await pack(engine, 'care-leavers', { options: DFE });
    // B19, L20, D21, E20, ABR, RNK.
    expect(cell(r, null, 2024)).toEqual({ count: 6 });
    // In touch: B19, E20, ABR = 3 of 6.
    expect(cell(r, 'in-touch:YES', 2024)).toEqual({ count: 3, percent: 50 });
    // Those who died or returned home are left out by the basis: no figure (–), not a 0 read as a finding.
    expect(cell(r, 'in-touch:DIED', 2024)).toEqual({ count: null, percent: null });
    expect(cell(r, 'in-touch:RHOM', 2024)).toEqual({ count: null, percent: null });
    expect(r.notes).toContain("Died and Returned home: not applicable on DfE's basis, which leaves those young people out (shown as –, not 0).");
    // In education, employment or training: B19 (F1), ABR (F2) = 2 of 6; not: E20 (G5); not known: L20, D21, RNK.
    expect(cell(r, 'activity:eet', 2024)).toEqual({ count: 2, percent: 33.3 });
    expect(cell(r, 'activity:neet', 2024)).toEqual({ count: 1, percent: 16.7 });
    expect(cell(r, 'activity:0', 2024)).toEqual({ count: 3, percent: 50 });
    expect(r.notes).toContain('Care leavers counted: aged 19 to 21, less those who died or returned home (as DfE publishes).');
    const d = drillSql('care-leavers', 2024, null, DFE);
    expect((await engine.all(d.sql, d.params)).map((x) => String(x.child)).sort()).toEqual(['ABR', 'B19', 'D21', 'E20', 'L20', 'RNK']);
  });

  it('shows died and returned home as figures on the default basis, and as not applicable on the suitability basis and in a breakdown', async () => {
    const all = await pack(engine, 'care-leavers');
    expect(cell(all, 'in-touch:DIED', 2024)).toEqual({ count: 1, percent: 10 });
    expect(all.notes.some((n) => n.includes('not applicable'))).toBe(false);
    const suit = await pack(engine, 'care-leavers', { options: SUITABILITY });
    expect(cell(suit, 'in-touch:RHOM', 2024)).toEqual({ count: null, percent: null });
    const parts = await pack(engine, 'care-leavers', { options: { ...DFE, by: 'gender' } });
    const died = parts.rows.filter((r) => r.key.startsWith('in-touch:DIED'));
    expect(died.length).toBeGreaterThan(0);
    for (const r of died) expect(Object.values(r.values)).toEqual([{ count: null, percent: null }]);
  });

  it("leaves out those gone abroad, deported or whose residence is not known on DfE's basis for suitable accommodation", async () => {
    const r = await pack(engine, 'care-leavers', { options: SUITABILITY });
    // B19, L20, D21, E20 (ABR's G1 and RNK's R2 are out).
    expect(cell(r, null, 2024)).toEqual({ count: 4 });
    // Suitable: B19 (U1) = 1 of 4; not suitable: E20 (K2); not known (0): L20, D21.
    expect(cell(r, 'accommodation:suitable', 2024)).toEqual({ count: 1, percent: 25 });
    expect(cell(r, 'accommodation:not-suitable', 2024)).toEqual({ count: 1, percent: 25 });
    expect(cell(r, 'accommodation:0', 2024)).toEqual({ count: 2, percent: 50 });
  });

  it('says in its commentary which care leavers it counts', async () => {
    const { commentary } = await runPack(engine, 'care-leavers', { options: DFE });
    expect(commentary[0]).toMatch(/^Of the 6 care leavers aged 19 to 21 \(DfE's basis\) in the OC3 return for 2023\/24, 3 were in touch/);
  });
});
