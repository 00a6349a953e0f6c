/**
 * A code that is in its code list only in some years (K3 from 2023/24; H5 and P2 superseded during
 * 2023/24, so on no 31 March after 2023; care leavers' F3 up to 2020/21): in the other years, where
 * nothing is recorded under it, the table shows x (not collected), the change from or to such a year
 * is x too, and the note says why. A code recorded outside its years is counted as it is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlEngine } from '../../../shared/engine.js';
import { codeInUse } from '../../../shared/domain/codes.js';
import { buildTableModel, displayText, tableLegend } from '../../../shared/export/model.js';
import { ALL_KEY } from '../../../shared/packs/breakdown.js';
import type { PackResult } from '../../../shared/packs/result.js';
import { runPack } from '../../../shared/packs/run.js';
import { cell, ep, insertEpisodes, insertHeaders, openWorkspace, pack } from './fixtures.js';

const CHILDREN = [
  { child: 'A', sex: '1', dob: '2006-05-01' },
  { child: 'B', sex: '2', dob: '2010-05-01' },
];

/**
 * 31 March 2023: A in H5 (semi-independent living), B in U6. During 2023/24 A moves to K3
 * (supported accommodation), so on 31 March 2024: A in K3, B in U6. `k3In2023`: B is recorded in
 * K3 on 31 March 2023 instead, before the code was in the list.
 */
async function load(k3In2023 = false): Promise<SqlEngine> {
  const e = await openWorkspace();
  for (const y of [2023, 2024]) await insertHeaders(e, y, CHILDREN);
  const a = ep('A', '2022-06-01', null, 'S', 'C2', 'H5');
  const b = ep('B', '2021-06-01', null, 'S', 'C2', k3In2023 ? 'K3' : 'U6');
  await insertEpisodes(e, 2023, [a, b]);
  await insertEpisodes(e, 2024, [
    { ...a, dec: '2023-11-01', rec: 'X1' },
    ep('A', '2023-11-01', null, 'P', 'C2', 'K3'),
    ...(k3In2023 ? [{ ...b, dec: '2023-05-01', rec: 'X1' }, ep('B', '2023-05-01', null, 'P', 'C2', 'U6')] : [b]),
  ]);
  return e;
}

const table = (result: PackResult) => buildTableModel({ result, commentary: [], timing: 'snapshot', chart: 'grouped-bar', section: '' });
/** A row's cells as the exports write them: 2023 number, %, 2024 number, %, change number, points. */
const shown = (result: PackResult, key: string) => table(result).rows.find((r) => r.key === key)!.cells.map(displayText);

let engine: SqlEngine;
beforeAll(async () => {
  engine = await load();
});
afterAll(async () => {
  await engine.close();
});

describe('codes outside their code list years', () => {
  it('placement type: K3 before 2023/24 and H5 on 31 March 2024 are x, and so is their change; the counts are as they were', async () => {
    const r = await pack(engine, 'placement-type');
    expect(cell(r, 'K3', 2023)).toEqual({ count: null, notCollected: true });
    expect(cell(r, 'K3', 2024)).toEqual({ count: 1, percent: 50 });
    expect(cell(r, 'H5', 2023)).toEqual({ count: 1, percent: 50 });
    expect(cell(r, 'H5', 2024)).toEqual({ count: null, notCollected: true });
    // Codes in the list every year keep their zeros, and the group is counted as ever (1 to 1).
    expect(cell(r, 'independent', 2024)).toEqual({ count: 1, percent: 50 });
    expect(shown(r, 'K3')).toEqual(['x', 'x', '1', '50.0%', 'x', 'x']);
    expect(shown(r, 'H5')).toEqual(['1', '50.0%', 'x', 'x', 'x', 'x']);
    expect(shown(r, 'independent')).toEqual(['1', '50.0%', '1', '50.0%', '0', '0.0']);
    expect(r.notes).toContain(
      "Shown as x where the code was not in that year's code list: Semi-independent living accommodation not subject to children's homes regulations (31 March 2024) and Supported accommodation (Ofsted-registered) (31 March 2023).",
    );
    expect(tableLegend(table(r), {}).join(' ')).toContain("x = not collected: that year's return has no such file or code, so there is no figure and no change.");
    // Commentary never speaks of a move from or to x (by gender: "the biggest change ... was in").
    const { commentary } = await runPack(engine, 'placement-type', { options: { by: 'gender' } });
    expect(commentary.join(' ')).not.toMatch(/Ofsted-registered|not subject to children's homes regulations/);
  });

  it('a breakdown marks the parts of such a code as its heading; suppression keeps x (no c stands for a code that did not exist)', async () => {
    const r = await pack(engine, 'placement-type', { options: { by: 'gender' } });
    expect(cell(r, 'K3|male', 2023)).toEqual({ count: null, notCollected: true });
    expect(cell(r, 'K3|female', 2023)).toEqual({ count: null, notCollected: true });
    expect(cell(r, 'K3|male', 2024)).toMatchObject({ count: 1 });
    expect(cell(r, 'H5|male', 2024)).toEqual({ count: null, notCollected: true });
    expect(cell(r, `${ALL_KEY}|male`, 2024)).toMatchObject({ count: 1 });
    const hidden = await pack(engine, 'placement-type', { suppress: 5 });
    expect(cell(hidden, 'K3', 2023)).toEqual({ count: null, notCollected: true });
    expect(cell(hidden, 'K3', 2024)).toMatchObject({ suppressed: true });
    // (Two children: each year is withheld whole, so there is no change column.)
    expect(shown(hidden, 'K3')).toEqual(['x', 'x', 'c', 'c']);
  });

  it('a code recorded outside its years is counted and shown as it is, never blanked', async () => {
    const e = await load(true);
    try {
      const r = await pack(e, 'placement-type');
      expect(cell(r, 'K3', 2023)).toEqual({ count: 1, percent: 50 });
      expect(shown(r, 'K3')).toEqual(['1', '50.0%', '1', '50.0%', '0', '0.0']);
      expect(r.notes.join(' ')).not.toContain('Supported accommodation (Ofsted-registered) (');
    } finally {
      await e.close();
    }
  });

  it('a code superseded during a year is in use during that year, not on its 31 March', () => {
    const h5 = { to: 2024, lastOn31March: 2023 };
    expect(codeInUse(h5, 2024)).toBe(true);
    expect(codeInUse(h5, 2024, true)).toBe(false);
    expect(codeInUse(h5, 2023, true)).toBe(true);
    expect(codeInUse({ from: 2024 }, 2023, true)).toBe(false);
    expect(codeInUse({ from: 2024 }, 2024)).toBe(true);
  });
});
