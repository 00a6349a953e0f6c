/**
 * The command line as people and scripts run it: `npm run cli` is `node scripts/cli.mjs`, which
 * runs the bundled build (built here if stale). Its JSON must arrive whole through a pipe to a
 * reader slower than the command: process.exit() used to cut stdout at the pipe's buffer (64 KiB),
 * leaving invalid JSON.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
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
