/**
 * Local packs, as a person builds them in the app: the pivot's SQL against hand-worked counts,
 * kept in the workspace and found again by the next process, shared as a file, and a table
 * re-imported with other columns giving a message that names the pack and the column.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppWorkspace } from '../../../electron/workspace/appWorkspace.js';
import { withAppWorkspace } from '../helpers/appWorkspace.js';
import type { PackResult } from '../../../shared/packs/result.js';
import { buildTableModel } from '../../../shared/export/model.js';

let dir: string;
let path: string;

// Ten escalations over two collection years (2022/23: 1 Apr 2022 - 31 Mar 2023; 2023/24).
// Hand-worked, by the collection year of `raised`:
//   2023: stage 1 x3 (E1, E2, E4), stage 2 x2 (E3, E5); E2 and E4 are child 7 (one child, twice)
//   2024: stage 1 x2 (E6 on 1 April 2023, E9), stage 2 x1 (E7), stage 3 x1 (E8); E10 (raised 31 March
//         2024) is in 2024 too: stage 1 -> 2024 stage 1 = 3
const ESCALATIONS = `ref,child,raised,stage,outcome
E1,5,2022-04-01,1 Informal,Resolved
E2,7,2022-06-10,1 Informal,Resolved
E3,8,2022-09-30,2 Formal,Escalated
E4,7,2023-01-15,1 Informal,Withdrawn
E5,9,2023-03-31,2 Formal,Resolved
E6,5,2023-04-01,1 Informal,Resolved
E7,11,2023-07-07,2 Formal,Open
E8,12,2023-11-11,3 Head of service,Resolved
E9,13,2024-02-29,1 Informal,Resolved
E10,14,2024-03-31,1 Informal,Open
`;

const byStage = {
  id: 'local-escalations-stage',
  title: 'Escalations by stage',
  table: 'local_escalations',
  year: { dateColumn: 'raised' },
  by: ['stage'],
  unit: { one: 'escalation', many: 'escalations' },
};

function counts(result: PackResult, year: number): Record<string, number | null | undefined> {
  return Object.fromEntries([...result.rows.map((r) => [r.key, r.values[String(year)]?.count] as const), ['total', result.total[String(year)]?.count] as const]);
}

const withWorkspace = <T>(fn: (ws: AppWorkspace) => Promise<T>): Promise<T> => withAppWorkspace(path, fn);

async function importEscalations(ws: AppWorkspace, text: string, name = 'escalations.csv') {
  const file = join(dir, name);
  writeFileSync(file, text);
  const report = await ws['workspace.import']({ year: 2024, files: [{ name, path: file }] });
  expect(report.ok, JSON.stringify(report.messages)).toBe(true);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iro-local-'));
  path = join(dir, 'w.duckdb');
  await withWorkspace((ws) => importEscalations(ws, ESCALATIONS));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('local packs', () => {
  it('count rows by a column, in the collection year of a date (1 April and 31 March inside, a leap day)', async () => {
    await withWorkspace(async (ws) => {
      await ws['localPacks.save']({ spec: byStage });
      const { result, commentary } = await ws['pack.run']({ id: byStage.id });
      expect(result.years).toEqual([2023, 2024]);
      expect(counts(result, 2023)).toEqual({ '1 Informal': 3, '2 Formal': 2, '3 Head of service': 0, total: 5 });
      expect(counts(result, 2024)).toEqual({ '1 Informal': 3, '2 Formal': 1, '3 Head of service': 1, total: 5 });
      expect(result.rows.find((r) => r.key === '1 Informal')!.values['2024']!.percent).toBe(60);
      expect(commentary[0]).toBe('In 2023/24 there were 5 escalations, the same as in 2022/23.');
      // The row labels are stages: the table (and every export, through the one model) says so.
      expect(buildTableModel({ result, commentary, timing: 'flow', chart: 'grouped-bar', section: 'The IRO service' }).rowHeading).toBe('Stage');
    });
  });

  it('count each child once, with filters, and by the year the table was imported for', async () => {
    await withWorkspace(async (ws) => {
      await ws['localPacks.save']({
        spec: { id: 'local-children', title: 'Children with an escalation not withdrawn', table: 'local_escalations', year: { dateColumn: 'raised' }, count: { distinct: 'child' }, filters: [{ column: 'outcome', values: ['Withdrawn'], not: true }] },
      });
      const { result } = await ws['pack.run']({ id: 'local-children' });
      // 2023: children 5, 7 (E2; E4 withdrawn), 8, 9 -> 4. 2024: 5, 11, 12, 13, 14 -> 5.
      expect(counts(result, 2023)).toEqual({ total: 4 });
      expect(counts(result, 2024)).toEqual({ total: 5 });
      await ws['localPacks.save']({ spec: { id: 'local-all', title: 'All escalations', table: 'local_escalations', year: 'imported-year', by: ['outcome'] } });
      const all = (await ws['pack.run']({ id: 'local-all' })).result;
      expect(all.years).toEqual([2024]);
      expect(counts(all, 2024)).toEqual({ Escalated: 1, Open: 2, Resolved: 6, Withdrawn: 1, total: 10 });
    });
  });

  it('drill into a count lists the rows behind it', async () => {
    await withWorkspace(async (ws) => {
      const rows = await ws['pack.drill']({ pack: byStage.id, year: 2024, key: '1 Informal' });
      expect(rows.rowCount).toBe(3);
    });
  });

  it('are kept in the workspace: the next process lists and runs them; suppression applies', async () => {
    await withWorkspace(async (ws) => {
      expect((await ws['localPacks.list']({})).map((p) => p.spec.id)).toEqual([byStage.id, 'local-children', 'local-all']);
      expect((await ws['packs.list']({})).find((p) => p.id === byStage.id)).toMatchObject({ title: 'Escalations by stage', section: 'The IRO service' });
      const { result } = await ws['pack.run']({ id: byStage.id, suppress: 5 });
      expect(result.total['2024']).toMatchObject({ suppressed: true });
    });
  });

  it('a spec that cannot run is refused, naming the pack and the column', async () => {
    await withWorkspace(async (ws) => {
      await expect(ws['localPacks.save']({ spec: { ...byStage, id: 'local-bad', by: ['team'] } })).rejects.toThrow(/"Escalations by stage" uses the column team/);
      await expect(ws['localPacks.save']({ spec: { ...byStage, id: 'local-text', year: { dateColumn: 'outcome' } } })).rejects.toThrow(/column outcome, which holds text, not dates/);
      await expect(ws['localPacks.save']({ spec: { ...byStage, id: 'Not an id' } })).rejects.toThrow(/id: A local pack id/);
    });
  });

  it('after the table is re-imported with other columns, the pack is kept and says what needs attention', async () => {
    await withWorkspace(async (ws) => {
      await importEscalations(ws, ESCALATIONS.replace('stage', 'level'));
      const listed = (await ws['localPacks.list']({})).find((p) => p.spec.id === byStage.id)!;
      expect(listed.problems.join(' ')).toMatch(/"Escalations by stage" uses the column stage \(counted by\), which the table local_escalations no longer has/);
      await expect(ws['pack.run']({ id: byStage.id })).rejects.toThrow(/column stage/);
      await importEscalations(ws, ESCALATIONS);
      expect((await ws['pack.run']({ id: byStage.id })).result.total['2024']!.count).toBe(5);
    });
  });

  it('go into the Word and Excel exports beside the built-in packs', async () => {
    await withWorkspace(async (ws) => {
      const docx = await ws['export.docx']({ packs: [byStage.id], includeCharts: false });
      expect(docx.data.byteLength).toBeGreaterThan(1000);
      const xlsx = await ws['export.xlsx']({ packs: [byStage.id], includeCharts: false });
      expect(xlsx.data.byteLength).toBeGreaterThan(1000);
    });
  });
});
