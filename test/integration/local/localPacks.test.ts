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
import { tableFromIPC } from 'apache-arrow';
import JSZip from 'jszip';
import { buildTableModel, sourceLine } from '../../../shared/export/model.js';
import { packResultToCsv } from '../../../shared/packs/csv.js';

let dir: string;
let path: string;

// Ten escalations over two collection years (2022/23: 1 Apr 2022 - 31 Mar 2023; 2023/24).
// Hand-worked, by the collection year of `raised`:
//   2023: stage 1 x3 (E1, E2, E4), stage 2 x2 (E3, E5); E2 and E4 are child 7 (one child, twice)
//   2024: stage 1 x2 (E6 on 1 April 2023, E9), stage 2 x1 (E7), stage 3 x1 (E8); E10 (raised 31 March
//         2024) is in 2024 too: stage 1 -> 2024 stage 1 = 3
// Days from raised to resolved (blank while open): E1 10, E2 20, E3 30, E4 6, E5 2 (resolved in the
// next year: counted in the year raised), E6 14, E8 60 (30 to 11 Dec, 30 to 10 Jan), E9 4 (a leap
// day: 1 to 1 March, 3 more). Hours: E1 2, E2 3, E3 5, E4 1.5, E5 4, E6 2, E8 10, E9 1, E10 0.5.
const ESCALATIONS = `ref,child,raised,stage,outcome,resolved,hours
E1,5,2022-04-01,1 Informal,Resolved,2022-04-11,2
E2,7,2022-06-10,1 Informal,Resolved,2022-06-30,3
E3,8,2022-09-30,2 Formal,Escalated,2022-10-30,5
E4,7,2023-01-15,1 Informal,Withdrawn,2023-01-21,1.5
E5,9,2023-03-31,2 Formal,Resolved,2023-04-02,4
E6,5,2023-04-01,1 Informal,Resolved,2023-04-15,2
E7,11,2023-07-07,2 Formal,Open,,
E8,12,2023-11-11,3 Head of service,Resolved,2024-01-10,10
E9,13,2024-02-29,1 Informal,Resolved,2024-03-04,1
E10,14,2024-03-31,1 Informal,Open,,0.5
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
  return Object.fromEntries([...result.rows.filter((r) => !r.role).map((r) => [r.key, r.values[String(year)]?.count] as const), ['total', result.total[String(year)]?.count] as const]);
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
      // Each row with the table's own child id (E6, E9, E10), not the row's number in the table.
      const table = tableFromIPC(rows.arrow);
      expect([...table.getChild('child')!.toArray()]).toEqual(['13', '14', '5']);
      expect([...table.getChild('ref')!.toArray()]).toEqual(['E9', 'E10', 'E6']);
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

  const withMeasures = {
    ...byStage,
    id: 'local-measures',
    title: 'Escalations: days and hours',
    measures: [
      { statistic: 'mean', daysFrom: 'raised', daysTo: 'resolved' },
      { statistic: 'median', daysFrom: 'raised', daysTo: 'resolved' },
      { statistic: 'sum', column: 'hours' },
    ],
  };
  /** Each measure row as "group: label" -> its figure in the year (null: none; 'c': hidden). */
  const figures = (result: PackResult, year: number) =>
    Object.fromEntries(
      result.rows
        .filter((r) => r.role === 'measure')
        .map((r) => {
          const c = r.values[String(year)]!;
          return [`${r.group}: ${r.label}`, c.suppressed ? 'c' : (c.value ?? null)];
        }),
    );

  it('work out sums, averages and medians of a number column and of days between two dates, by category and year', async () => {
    await withWorkspace(async (ws) => {
      await ws['localPacks.save']({ spec: withMeasures });
      const { result, commentary } = await ws['pack.run']({ id: withMeasures.id });
      // The counts are the pack's as before; the measures follow, each a group of rows.
      expect(counts(result, 2024)).toEqual({ '1 Informal': 3, '2 Formal': 1, '3 Head of service': 1, total: 5 });
      expect(figures(result, 2023)).toEqual({
        'Average days from raised to resolved: 1 Informal': 12, // (10 + 20 + 6) / 3
        'Average days from raised to resolved: 2 Formal': 16, // (30 + 2) / 2
        'Average days from raised to resolved: 3 Head of service': null,
        'Average days from raised to resolved: All escalations': 13.6, // 68 / 5
        'Median days from raised to resolved: 1 Informal': 10,
        'Median days from raised to resolved: 2 Formal': 16,
        'Median days from raised to resolved: 3 Head of service': null,
        'Median days from raised to resolved: All escalations': 10, // 2 6 10 20 30
        'Total hours: 1 Informal': 6.5,
        'Total hours: 2 Formal': 9,
        'Total hours: 3 Head of service': null,
        'Total hours: All escalations': 15.5,
      });
      expect(figures(result, 2024)).toEqual({
        'Average days from raised to resolved: 1 Informal': 9, // (14 + 4) / 2: E10 is open
        'Average days from raised to resolved: 2 Formal': null, // E7 is open
        'Average days from raised to resolved: 3 Head of service': 60,
        'Average days from raised to resolved: All escalations': 26, // (14 + 4 + 60) / 3
        'Median days from raised to resolved: 1 Informal': 9,
        'Median days from raised to resolved: 2 Formal': null,
        'Median days from raised to resolved: 3 Head of service': 60,
        'Median days from raised to resolved: All escalations': 14,
        'Total hours: 1 Informal': 3.5, // 2 + 1 + 0.5
        'Total hours: 2 Formal': null, // blank
        'Total hours: 3 Head of service': 10,
        'Total hours: All escalations': 13.5,
      });
      // A figure's count is the rows it is over; the change is in the figure's own unit.
      const allDays = result.rows.find((r) => r.group === 'Average days from raised to resolved' && r.label === 'All escalations')!;
      expect(allDays.values['2024']).toEqual({ count: 3, value: 26 });
      expect(commentary).toEqual([
        'In 2023/24 there were 5 escalations, the same as in 2022/23.',
        ...commentary.slice(1, -3),
        'In 2023/24 the average days from raised to resolved was 26.0, up 12.4 from 13.6 in 2022/23.',
        'In 2023/24 the median days from raised to resolved was 14.0, up 4.0 from 10.0 in 2022/23.',
        'In 2023/24 the total hours was 13.5, down 2.0 from 15.5 in 2022/23.',
      ]);
      // The drill-down lists the rows a figure is over, with each row's days.
      const drill = await ws['pack.drill']({ pack: withMeasures.id, year: 2024, key: allDays.key.replace('\uffff\uffff', '\uffff1 Informal') });
      expect(drill.rowCount).toBe(2);
      // The table and every export show the figures to one decimal place, under the measure's heading.
      const model = buildTableModel({ result, commentary, timing: 'flow', chart: 'grouped-bar', section: 'The IRO service' });
      const row = model.rows.find((r) => r.group === 'Average days from raised to resolved' && r.label === 'All escalations')!;
      expect(row.cells.filter((c) => c.kind === 'number').map((c) => (c.kind === 'number' ? [c.value, c.format] : null))).toEqual([
        [13.6, 'decimal'],
        [26, 'decimal'],
        [12.4, 'change-decimal'],
      ]);
      expect((await ws['export.xlsx']({ packs: [withMeasures.id], includeCharts: false })).data.byteLength).toBeGreaterThan(1000);
      expect((await ws['export.docx']({ packs: [withMeasures.id], includeCharts: false })).data.byteLength).toBeGreaterThan(1000);
    });
  });

  it("the command line's CSV names a figure's row in readable words (no invisible separator), and drilling by its key still works", async () => {
    await withWorkspace(async (ws) => {
      const { result } = await ws['pack.run']({ id: withMeasures.id });
      const keys = packResultToCsv(result)
        .split('\r\n')
        .slice(1, -1)
        .map((line) => line.split(',')[0]);
      expect(keys.join(' ')).not.toMatch(/[\uffff\u0000-\u001f]/);
      expect(keys).toEqual([
        '1 Informal',
        '2 Formal',
        '3 Head of service',
        'stage=1 Informal|measure=1',
        'stage=2 Formal|measure=1',
        'stage=3 Head of service|measure=1',
        'all|measure=1',
        'stage=1 Informal|measure=2',
        'stage=2 Formal|measure=2',
        'stage=3 Head of service|measure=2',
        'all|measure=2',
        'stage=1 Informal|measure=3',
        'stage=2 Formal|measure=3',
        'stage=3 Head of service|measure=3',
        'all|measure=3',
        'total',
      ]);
      const stage1Days = result.rows.find((r) => r.group === 'Average days from raised to resolved' && r.label === '1 Informal')!;
      expect((await ws['pack.drill']({ pack: withMeasures.id, year: 2024, key: stage1Days.key })).rowCount).toBe(2);
    });
  });

  it("an export with the app's chart image captions it with exactly the years that image draws, and takes its alt text", async () => {
    await withWorkspace(async (ws) => {
      const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
      const docXml = async (req: Parameters<AppWorkspace['export.docx']>[0]) =>
        (await JSZip.loadAsync((await ws['export.docx'](req)).data)).file('word/document.xml')!.async('string');
      const alt = 'Bar chart of escalations by stage: the number in each category, one bar per year, 2023/24 to 2023/24.';
      // The app drew only 2023/24 (the range on screen): the caption names that year alone.
      const drawnOne = await docXml({ packs: [byStage.id], charts: { [byStage.id]: png }, chartsDrawn: { [byStage.id]: { years: [2024], alt } } });
      expect(drawnOne).toContain(': Escalations by stage, 2023/24<');
      expect(drawnOne).not.toContain('Escalations by stage, 2022/23 to 2023/24');
      expect(drawnOne).toContain(`descr="${alt}"`);
      // Without word of what it draws, the caption names every year of the table.
      expect(await docXml({ packs: [byStage.id], charts: { [byStage.id]: png } })).toContain(': Escalations by stage, 2022/23 to 2023/24<');
    });
  });

  it('hide a figure over 1 to N rows, and every figure of a category whose count is hidden', async () => {
    await withWorkspace(async (ws) => {
      const { result } = await ws['pack.run']({ id: withMeasures.id, suppress: 2 });
      // 2024: stages 2 and 3 (1 each) are c, so stage 1 is too (else 5 - 3 gives them away). Stage 1's
      // days are over 2 rows and its hours over 3: both hidden, as its count is. Stage 3's 60 days
      // are over one escalation. Every escalation's days are over 3 of the 5 and its hours over 4:
      // with the number each is over (in the JSON and CSV), 5 - 3 = 2 open and 5 - 4 = 1 without
      // hours would be counts of 1 to N given by subtraction, so those figures are hidden too.
      expect(counts(result, 2024)).toEqual({ '1 Informal': null, '2 Formal': null, '3 Head of service': null, total: 5 });
      expect(figures(result, 2024)).toMatchObject({
        'Average days from raised to resolved: 1 Informal': 'c',
        'Average days from raised to resolved: 3 Head of service': 'c',
        'Average days from raised to resolved: All escalations': 'c',
        'Total hours: 1 Informal': 'c',
        'Total hours: 3 Head of service': 'c',
        'Total hours: All escalations': 'c',
      });
      const all = (group: string) => result.rows.find((r) => r.group === group && r.label === 'All escalations')!.values['2024']!;
      expect(all('Average days from raised to resolved')).toEqual({ count: null, value: null, suppressed: true });
      // 2023: stage 2 (2) is c, and stage 1 with it (3 head of service is 0); so are their figures.
      expect(counts(result, 2023)).toEqual({ '1 Informal': null, '2 Formal': null, '3 Head of service': 0, total: 5 });
      expect(figures(result, 2023)).toMatchObject({ 'Total hours: 1 Informal': 'c', 'Total hours: 2 Formal': 'c', 'Total hours: All escalations': 15.5 });
    });
  });

  it('load files of the first format (no measures, no version) and keep them in the current one; refuse a newer format', async () => {
    await withWorkspace(async (ws) => {
      const v1 = { id: 'local-v1', title: 'Old file', table: 'local_escalations', year: { dateColumn: 'raised' }, by: ['outcome'], count: 'rows', filters: [], unit: { one: 'escalation', many: 'escalations' }, description: '' };
      const saved = await ws['localPacks.save']({ spec: v1 });
      expect(saved.spec).toEqual({ ...v1, version: 2, measures: [] });
      expect((await ws['pack.run']({ id: 'local-v1' })).result.total['2023']!.count).toBe(5);
      await expect(ws['localPacks.save']({ spec: { ...v1, version: 3 } })).rejects.toThrow(/version: The file is of a newer local pack format than this workbench reads \(2\)/);
      await expect(ws['localPacks.save']({ spec: { ...withMeasures, count: { distinct: 'child' } } })).rejects.toThrow(/measures: A sum, average or median is worked out over rows: count every row/);
      await ws['localPacks.remove']({ id: 'local-v1' });
    });
  });

  it('a text value in the number column: the pack is kept, marked, and the message names the pack, the column and the value', async () => {
    await withWorkspace(async (ws) => {
      await importEscalations(ws, ESCALATIONS.replace('E10,14,2024-03-31,1 Informal,Open,,0.5', 'E10,14,2024-03-31,1 Informal,Open,,n/a'));
      const listed = (await ws['localPacks.list']({})).find((p) => p.spec.id === withMeasures.id)!;
      expect(listed.problems).toEqual([
        'The local pack "Escalations: days and hours" works out the total hours, but the column hours holds text, not numbers (VARCHAR): every value must be a number (or blank) for the column to be read as numbers. It holds "n/a" (in the rows imported for 2023/24).',
      ]);
      expect((await ws['packs.list']({})).find((p) => p.id === withMeasures.id)!.problems).toEqual(listed.problems);
      await expect(ws['pack.run']({ id: withMeasures.id })).rejects.toThrow(/column hours holds text/);
      await importEscalations(ws, ESCALATIONS);
      expect((await ws['localPacks.list']({})).find((p) => p.spec.id === withMeasures.id)!.problems).toEqual([]);
    });
  });

  // Midway reviews, by month. Latest: 29 February 2024. April 2023 to February 2024: Apr 2 (R1, R2),
  // May 1, Jun-Nov 0, Dec 1 (R4, 31 Dec), Jan 3 (R5 on the 1st, R6, R7 on the 31st), Feb 1 (a leap
  // day). The 12 months to February 2024 add March 2023 (R9 on the 31st); R10 is before either.
  const REVIEWS = `ref,held,iro
R1,2023-04-03,IRO 01
R2,2023-04-20,IRO 02
R3,2023-05-05,IRO 01
R4,2023-12-31,IRO 02
R5,2024-01-01,IRO 01
R6,2024-01-15,IRO 01
R7,2024-01-31,IRO 02
R8,2024-02-29,IRO 01
R9,2023-03-31,IRO 02
R10,2022-06-01,IRO 01
`;
  const monthly = (result: PackResult) => Object.fromEntries(result.years.map((y) => [y, result.total[String(y)]!.count]));

  it('count by reporting month: April to the latest month of the latest year, or the last 12 months', async () => {
    await withWorkspace(async (ws) => {
      await importEscalations(ws, REVIEWS, 'reviews.csv');
      const spec = { id: 'local-reviews-month', title: 'Midway reviews by month', table: 'local_reviews', year: { dateColumn: 'held', months: 'latest-year' }, by: ['iro'], unit: { one: 'review', many: 'reviews' } };
      await ws['localPacks.save']({ spec });
      const { result, commentary } = await ws['pack.run']({ id: spec.id });
      expect(monthly(result)).toEqual({ 202304: 2, 202305: 1, 202306: 0, 202307: 0, 202308: 0, 202309: 0, 202310: 0, 202311: 0, 202312: 1, 202401: 3, 202402: 1 });
      expect(result.rows.find((r) => r.key === 'IRO 01')!.values['202401']).toEqual({ count: 2, percent: 66.7 });
      expect(commentary.slice(0, 2)).toEqual(['In February 2024 there was 1 review, down 2 from 3 in January 2024.', 'The most reviews in one month were 3, in January 2024.']);
      expect((await ws['packs.list']({})).find((p) => p.id === spec.id)).toMatchObject({ timing: 'month', chart: 'line' });
      expect((await ws['pack.drill']({ pack: spec.id, year: 202401 })).rowCount).toBe(3);
      // The columns are months on screen and in every export.
      const model = buildTableModel({ result, commentary, timing: 'month', chart: 'line', section: 'The IRO service' });
      expect(model.columns.filter((c) => c.role === 'count').map((c) => c.yearText)).toEqual(['Apr 2023', 'May 2023', 'Jun 2023', 'Jul 2023', 'Aug 2023', 'Sep 2023', 'Oct 2023', 'Nov 2023', 'Dec 2023', 'Jan 2024', 'Feb 2024']);
      expect(model.period).toBe('During each month: Apr 2023 to Feb 2024');
      expect(sourceLine({ title: '', generatedAt: '', sources: [], suppression: null }, result.years, result.pack)).toBe(
        "Source: the service's own records (a local table, not the SSDA903 return): see the notes.",
      );
      // Suppression's notes name months as the columns do.
      const suppressed = (await ws['pack.run']({ id: spec.id, suppress: 2 })).result;
      expect(suppressed.suppression!.withheldYears).toEqual([202304, 202305, 202312, 202402]);
      expect(suppressed.notes.find((n) => n.startsWith('Too few'))).toMatch(/^Too few to publish safely in Apr 2023, May 2023, Dec 2023, Feb 2024:/);
      expect((await ws['export.docx']({ packs: [spec.id], includeCharts: false })).data.byteLength).toBeGreaterThan(1000);

      await ws['localPacks.save']({ spec: { ...spec, id: 'local-reviews-12', year: { dateColumn: 'held', months: 'last-12' } } });
      const last12 = (await ws['pack.run']({ id: 'local-reviews-12' })).result;
      expect(monthly(last12)).toEqual({ 202303: 1, 202304: 2, 202305: 1, 202306: 0, 202307: 0, 202308: 0, 202309: 0, 202310: 0, 202311: 0, 202312: 1, 202401: 3, 202402: 1 });
    });
  });
});
