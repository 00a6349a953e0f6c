/**
 * Data quality end to end through the workspace API and the CLI: a return shaped like a real
 * extract before cleaning (an episode ending on 1 April, a review after 31 March, overlapping
 * episodes, a child twice, a review recorded twice, a bad code) imports, every fault is a finding
 * (file, row, child, values), findings follow the data as it changes, and leave only on export.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli.js';
import { openAppWorkspace, type AppWorkspace } from '../../electron/workspace/appWorkspace.js';
import { buildFindings, findingsSql } from '../../shared/quality/run.js';

const MESSY = join(import.meta.dirname, '../fixtures/quality/messy-2018');
const GOOD = join(import.meta.dirname, '../fixtures/import/good-2023');
let dir: string;
let path: string;

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
  return { code, out, err };
}

const EXPECTED = [
  { rule: 'INT32', file: 'header.csv', row: 4, child: '103', values: { CHILD: '103' } },
  { rule: '103', file: 'header.csv', row: 5, child: '104', values: { ETHNIC: 'WBR' } },
  { rule: 'INT32', file: 'header.csv', row: 7, child: '103', values: { CHILD: '103' } },
  { rule: '385', file: 'episodes.csv', row: 2, child: '101', values: { DEC: '01/04/2018' } },
  // Overlapping episodes, as DfE's rules see them: the first ends (X1) after the next starts.
  { rule: '388', file: 'episodes.csv', row: 3, child: '102', values: { DEC: '01/09/2017', REC: 'X1' } },
  { rule: '433', file: 'episodes.csv', row: 4, child: '102', values: { DECOM: '01/08/2017', RNE: 'P' } },
  { rule: '501', file: 'episodes.csv', row: 4, child: '102', values: { DECOM: '01/08/2017', DEC: null } },
  { rule: '356', file: 'episodes.csv', row: 7, child: '105', values: { DECOM: '20/06/2017', DEC: '15/05/2017' } },
  { rule: 'W01', file: 'reviews.csv', row: 3, child: '101', values: { REVIEW: '15/04/2018' } },
  { rule: 'W06', file: 'reviews.csv', row: 5, child: '102', values: { REVIEW: '20/10/2017' } },
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'iro-quality-'));
  path = join(dir, 'w.duckdb');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a messy 2018 return', () => {
  it('imports from the command line "with N findings", exit 0', async () => {
    const run = await cli('import', '--workspace', path, '--year', '2018', MESSY);
    expect(run.code).toBe(0);
    expect(run.err).toContain(`Imported 2018 with ${EXPECTED.length} findings (see: quality --year 2018).`);
  });

  it('lists every fault as a finding: rule, year, file, row, child, fields, message', async () => {
    const run = await cli('quality', '--workspace', path, '--year', '2018');
    expect(run.code).toBe(0);
    const listed = JSON.parse(run.out) as { rule: string; year: number; file: string; row: number; child: string; fields: string[]; message: string }[];
    const order = (f: { file: string; row: number; rule: string }) => `${['header.csv', 'episodes.csv', 'reviews.csv'].indexOf(f.file)}|${String(f.row).padStart(4)}|${f.rule}`;
    expect(listed.map(({ rule, file, row, child }) => ({ rule, file, row, child })).sort((a, b) => order(a).localeCompare(order(b)))).toEqual(
      EXPECTED.map(({ rule, file, row, child }) => ({ rule, file, row, child })),
    );
    for (const f of listed) {
      expect(f.year).toBe(2018);
      expect(f.fields.length).toBeGreaterThan(0);
      expect(f.message).toMatch(/^[A-Z].*\.$/);
    }
    const csv = await cli('quality', '--workspace', path, '--format', 'csv', '--mask-ids');
    const lines = csv.out.trim().split('\r\n');
    expect(lines[0]).toBe('rule,year,file,row,child,fields,message,values');
    expect(lines).toHaveLength(EXPECTED.length + 1);
    expect(csv.out).not.toMatch(/,10[1-5],/); // child ids masked
  });
});

describe('the workspace API', () => {
  let ws: AppWorkspace;
  beforeAll(async () => {
    ws = await openAppWorkspace({ path });
  });
  afterAll(async () => {
    await ws.close();
  });

  it('summarises by year and rule, and drills to the rows with their values', async () => {
    const summary = await ws['quality.summary']({});
    expect(summary.years).toEqual([2018]);
    const byRule = new Map<string, number>();
    for (const e of EXPECTED) byRule.set(e.rule, (byRule.get(e.rule) ?? 0) + 1);
    expect(summary.counts.sort((a, b) => a.rule.localeCompare(b.rule))).toEqual(
      [...byRule].map(([rule, n]) => ({ year: 2018, rule, n })).sort((a, b) => a.rule.localeCompare(b.rule)),
    );
    expect(summary.rules.find((r) => r.code === 'W01')!.tables).toContain('reviews');
    expect(summary.notChecked.map((n) => n.code)).toContain('392c');
    const w01 = await ws['quality.findings']({ year: 2018, rule: 'W01' });
    expect(w01.total).toBe(1);
    expect(w01.findings.map((f) => ({ file: f.file, row: f.row, child: f.child, values: f.values }))).toEqual(
      EXPECTED.filter((e) => e.rule === 'W01').map(({ file, row, child, values }) => ({ file, row, child, values })),
    );
    const masked = await ws['quality.findings']({ rule: 'INT32', maskIds: true });
    expect(masked.findings.map((f) => f.child)).toEqual([expect.stringMatching(/^P[0-9A-F]{10}$/), expect.stringMatching(/^P[0-9A-F]{10}$/)]);
    // Both are child 103: one stable pseudonym.
    expect(masked.findings[0]!.child).toBe(masked.findings[1]!.child);
    // The rule's values name the child too: the same pseudonym there, not the id.
    expect(masked.findings.map((f) => f.values)).toEqual([{ CHILD: masked.findings[0]!.child }, { CHILD: masked.findings[0]!.child }]);
    const maskedAll = await ws['quality.findings']({ maskIds: true });
    expect(maskedAll.findings.filter((f) => JSON.stringify(f.values).includes('"103"'))).toEqual([]);
    const limited = await ws['quality.findings']({ limit: 3 });
    expect(limited.findings).toHaveLength(3);
    expect(limited.total).toBe(EXPECTED.length);
  });

  it('finds the same rows built one year at a time (as for a national workspace) as every year at once, and as one plain statement', async () => {
    await ws['workspace.import']({ year: 2023, files: [{ name: 'good-2023', path: GOOD }] });
    const rows = (table: string) => ws.engine.all<{ r: string }>(`SELECT concat_ws('|', rule_index, year, file, row, child, vals, note) AS r FROM temp.${table} ORDER BY r`);
    const built = async (years?: number[]) => ws.views.run(async () => (await buildFindings(ws.engine, 'modes', undefined, years), rows('modes')));
    const allYears = await built();
    const perYear = await built([2018, 2023]);
    // The reference: every rule in one statement, each shared query a WITH of its own (no temp tables).
    const plain = await ws.views.run(async () => (await ws.engine.run(`CREATE OR REPLACE TEMP TABLE plain AS ${findingsSql()}`), rows('plain')));
    expect(allYears.length).toBeGreaterThan(EXPECTED.length);
    expect(perYear).toEqual(allYears);
    expect(allYears).toEqual(plain);
    // The shared queries' temp tables are dropped once the findings are built.
    expect(await ws.engine.all("SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name = 'episode_sequence'")).toEqual([]);
    await ws['workspace.removeYear']({ year: 2023 });
  });

  it('recomputes the findings whenever the data changes, never stale', async () => {
    await ws['workspace.import']({ year: 2023, files: [{ name: 'good-2023', path: GOOD }] });
    const both = await ws['quality.summary']({});
    expect(both.years).toEqual([2018, 2023]);
    await ws['workspace.removeYear']({ year: 2018 });
    const after = await ws['quality.summary']({});
    expect(after.counts.filter((c) => c.year === 2018)).toEqual([]);
    await ws['query.run']({ sql: "UPDATE header SET ethnic = 'XXXX' WHERE return_year = 2023", allowWrite: true });
    const edited = await ws['quality.summary']({});
    const n103 = edited.counts.find((c) => c.year === 2023 && c.rule === '103')?.n ?? 0;
    const header = await ws.engine.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM header WHERE return_year = 2023');
    expect(n103).toBe(header[0]!.n);
    await ws['workspace.import']({ year: 2018, files: [{ name: 'messy', path: MESSY }] });
  });

  it('exports every finding to CSV and Excel, masked if asked, and records the export', async () => {
    const csv = await ws['quality.export']({ format: 'csv', maskIds: true });
    expect(csv.fileName).toMatch(/^data-quality-findings-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = new TextDecoder().decode(csv.data);
    expect(text).toContain('501,2018,episodes.csv,4,P');
    // The child's id is masked in the values too (a child twice in the Header: CHILD=103).
    expect(text).toContain(',CHILD=P');
    expect(text).not.toMatch(/CHILD=\d/);
    const xlsx = await ws['quality.export']({ format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.data as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['By rule', 'Findings', 'Not checked']);
    const findings = wb.getWorksheet('Findings')!;
    const rows = findings.getSheetValues().slice(2) as unknown[][];
    // The year as the screen says it.
    expect(rows.some((r) => r[1] === 'W06' && r[2] === '2017/18' && r[5] === '102')).toBe(true);
    expect((wb.getWorksheet('By rule')!.getRow(1).values as unknown[]).slice(4, 5)).toEqual(['2017/18']);
    const activity = await ws['workspace.activity']({});
    expect(activity.filter((a) => a.action === 'export').map((a) => a.detail)).toEqual([
      expect.objectContaining({ format: 'xlsx', childLevel: true, findings: true, masked: false }),
      expect.objectContaining({ format: 'csv', childLevel: true, findings: true, masked: true }),
    ]);
  });
});

/**
 * A return shaped like the public DfE-rule validator's test return (our own small files): every
 * file of the year, files whose children do not match the Header, a float-written mother status
 * ("1.0"), codes outside DfE's lists, independent living (P2) with a URN, a freeing order (D1)
 * ending in care left. It imports with warnings that name file, row and
 * column, and the findings are the rows that validator's rules flag.
 */
const VALIDATOR_SHAPED = join(import.meta.dirname, '../fixtures/quality/validator-shaped-2018');
const VALIDATOR_SHAPED_EXPECTED = [
  'EPI header.csv 4', '165 header.csv 3',
  '222 episodes.csv 3', '445 episodes.csv 4', '555 episodes.csv 4', '557 episodes.csv 4', 'INT03 episodes.csv 5',
  '133 oc3.csv 2', '133 oc3.csv 3', '345 oc3.csv 2',
  '120 placed_for_adoption.csv 2', '1012 placed_for_adoption.csv 2',
  '511 ad1.csv 2', '519 ad1.csv 2', '602 ad1.csv 2',
  '1012 missing.csv 2', 'INT04 missing.csv 2', 'INT09 uasc.csv 2',
];

describe("a return shaped like the public validator's test return", () => {
  const at = () => join(dir, 'validator-shaped.duckdb');

  it('imports as 2017/18, warning of each unknown code by file, row and column', async () => {
    const run = await cli('import', '--workspace', at(), '--year', '2018', VALIDATOR_SHAPED);
    expect(run.code).toBe(0);
    expect(run.err).toContain('warning: header.csv, row 3, column MOTHER: MOTHER "1.0" is not a code we know');
    expect(run.err).toContain('warning: oc3.csv, row 2, column ACCOM: ACCOM "02" is not a code we know');
    expect(run.err).toContain('warning: placed_for_adoption.csv, row 2, column REASON_PLACED_CEASED: REASON_PLACED_CEASED "XXX" is not a code we know');
    expect(run.err).toContain(`Imported 2018 with ${VALIDATOR_SHAPED_EXPECTED.length} findings`);
  });

  it("reports the rows DfE's rules flag, rule by rule", async () => {
    const run = await cli('quality', '--workspace', at(), '--year', '2018');
    expect(run.code).toBe(0);
    const listed = JSON.parse(run.out) as { rule: string; file: string; row: number }[];
    expect(listed.map((f) => `${f.rule} ${f.file} ${f.row}`).sort()).toEqual([...VALIDATOR_SHAPED_EXPECTED].sort());
  });
});

// The fixture files are the spec of the messy return: keep them as a real extract has them.
it('the messy fixture has the 2018 faults the issue names', () => {
  expect(readFileSync(join(MESSY, 'episodes.csv'), 'utf8')).toContain('01/04/2018');
});
