/**
 * The command line as people and scripts run it: `npm run cli` is `node scripts/cli.mjs`, which
 * runs the bundled build (built here if stale). Its JSON must arrive whole through a pipe to a
 * reader slower than the command: process.exit() used to cut stdout at the pipe's buffer (64 KiB),
 * leaving invalid JSON.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../electron/workspace/workspace.js';

const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;

/** Runs the CLI with stdout piped to this process, which starts reading only after `readAfterMs`. */
function runPiped(args: string[], readAfterMs: number): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'cli.mjs'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.pause();
    setTimeout(() => {
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stdout.resume();
    }, readAfterMs);
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out: Buffer.concat(out).toString('utf8'), err }));
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'iro-cli-process-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the CLI process', () => {
  it('prints JSON far over 64 KiB whole through a slow pipe, and exits 0', async () => {
    // 1,500 children with 1,500 different unknown ethnicity codes: one warning each in the report.
    const header = ['CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB'];
    for (let i = 0; i < 1500; i++) header.push(`${100000 + i},1,01/02/2010,Q${String(i).padStart(4, '0')},UN1,,`);
    const file = join(dir, 'header.csv');
    writeFileSync(file, header.join('\n') + '\n');

    const { code, out, err } = await runPiped(['import', '--workspace', join(dir, 'w.duckdb'), '--year', '2024', file], 1500);
    expect(code, err).toBe(0);
    expect(out.length).toBeGreaterThan(4 * 65_536);
    const report = JSON.parse(out) as { ok: boolean; messages: { text: string }[] };
    expect(report.ok).toBe(true);
    expect(report.messages.filter((m) => /Q\d{4}/.test(m.text))).toHaveLength(1500);
  }, 120_000);

  it('status answers from the bundle with the workspace JSON', async () => {
    const { code, out, err } = await runPiped(['status', '--workspace', join(dir, 'w.duckdb')], 0);
    expect(code, err).toBe(0);
    expect((JSON.parse(out) as { years: { year: number }[] }).years.map((y) => y.year)).toEqual([2024]);
  }, 120_000);

  it('names a table by its file, not the path typed, and says how far a folder import has got', async () => {
    const sub = join(dir, 'deep', 'folder');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'caseloads.csv'), 'team,cases\nNorth,12\n');
    writeFileSync(join(sub, 'escalations.csv'), 'team,n\nNorth,2\n');
    const { code, out, err } = await runPiped(['import', '--workspace', join(dir, 'w2.duckdb'), '--year', '2024', sub], 0);
    expect(code, err).toBe(0);
    const report = JSON.parse(out) as { files: { name: string; table: string }[] };
    expect(report.files.map((f) => f.name)).toEqual(['caseloads.csv', 'escalations.csv']);
    expect(report.files.every((f) => !f.table.includes('deep') && !f.table.includes('/'))).toBe(true);
    expect(err).toContain('Reading 1 of 2: caseloads.csv');
    expect(err).toContain('Reading 2 of 2: escalations.csv');
    const one = await runPiped(['import', '--workspace', join(dir, 'w2.duckdb'), '--year', '2023', join(sub, '..', 'folder', 'caseloads.csv')], 0);
    expect(one.code, one.err).toBe(0);
    expect((JSON.parse(one.out) as { files: { name: string }[] }).files.map((f) => f.name)).toEqual(['caseloads.csv']);
  }, 120_000);

  // exceljs, docx and resvg are loaded by the bundle only when a command needs them (chunks of their own).
  it('reads an XLSX return, and writes Excel, Word and chart files and findings CSV, loading what each needs', async () => {
    const w = join(dir, 'lazy.duckdb');
    const sample = resolve(ROOT, 'sample-data', 'returns', '2024');
    const csv = await runPiped(['import', '--workspace', w, '--year', '2024', sample], 0);
    expect(csv.code, csv.err).toBe(0);

    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Header');
    for (const line of readFileSync(join(sample, 'header.csv'), 'utf8').trim().split('\n').slice(0, 51)) sheet.addRow(line.split(','));
    const xlsx = join(dir, 'header-2023.xlsx');
    writeFileSync(xlsx, new Uint8Array(await wb.xlsx.writeBuffer()));
    const fromXlsx = await runPiped(['import', '--workspace', w, '--year', '2023', xlsx], 0);
    expect(fromXlsx.code, fromXlsx.err).toBe(0);
    expect((JSON.parse(fromXlsx.out) as { files: { name: string; kind: string; rows: number }[] }).files).toMatchObject([{ name: 'header-2023.xlsx › Header', kind: 'header', rows: 50 }]);

    for (const [out, packs] of [['tables.xlsx', 'age,starters'], ['tables.docx', 'age,starters'], ['age.png', 'age'], ['age.svg', 'age']] as const) {
      const run = await runPiped(['export', '--workspace', w, '--out', join(dir, out), '--packs', packs], 0);
      expect(run.code, `${out}: ${run.err}`).toBe(0);
      expect((JSON.parse(run.out) as { bytes: number }).bytes).toBeGreaterThan(1000);
    }
    const book = await JSZip.loadAsync(readFileSync(join(dir, 'tables.xlsx')));
    expect(Object.keys(book.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f)).length).toBeGreaterThanOrEqual(2);
    expect(Object.keys((await JSZip.loadAsync(readFileSync(join(dir, 'tables.docx')))).files)).toContain('word/document.xml');
    expect(readFileSync(join(dir, 'age.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(join(dir, 'age.svg'), 'utf8')).toContain('<svg xmlns="http://www.w3.org/2000/svg"');

    const findings = await runPiped(['quality', '--workspace', w, '--format', 'csv'], 0);
    expect(findings.code, findings.err).toBe(0);
    expect(findings.out.split('\r\n')[0]).toBe('rule,year,file,row,child,fields,message,values');
  }, 240_000);

  it('says the workspace is open in another process, with its PID, and exits 3', async () => {
    const path = join(dir, 'held.duckdb');
    const ws = await Workspace.open({ path });
    try {
      const { code, out, err } = await runPiped(['status', '--workspace', path], 0);
      expect(code).toBe(3);
      expect(out).toBe('');
      expect(err.trim()).toBe(
        `error: The workspace ${path} is already open in another window or process (PID ${process.pid}, ${basename(process.execPath)}). Close the workbench there (or wait for that command to finish), then try again; or use another workspace with --workspace.`,
      );
    } finally {
      await ws.close();
    }
  }, 120_000);
});
