/**
 * Year folders as the import lists them (issue 19 item 5): a link is followed only to a file inside
 * the chosen folder; a link elsewhere or to nothing refuses the import with a message naming it (it
 * used to read /etc/passwd as CSV, or stop with a raw ENOENT); too many files are refused up front.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_WORKBOOK_BYTES } from '../../electron/import/zipGuard.js';
import { MAX_IMPORT_FILES, Workspace } from '../../electron/workspace/workspace.js';

const HEADER = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n0012,1,31/03/2010,WBRI,,,\n';
let dir: string;
let ws: Workspace;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iro-folder-'));
  ws = await Workspace.open({ path: ':memory:' });
});
afterEach(async () => {
  await ws.close();
  await rm(dir, { recursive: true, force: true });
});

async function yearFolder(): Promise<string> {
  const folder = join(dir, '2024');
  await mkdir(folder);
  await writeFile(join(folder, 'header.csv'), HEADER);
  return folder;
}

describe.runIf(process.platform !== 'win32')('links in a year folder', () => {
  it('refuses a link to a file outside the folder, naming it, and changes nothing', async () => {
    const folder = await yearFolder();
    await symlink('/etc/passwd', join(folder, 'episodes.csv'));
    const report = await ws['workspace.import']({ year: 2024, files: [{ name: '2024', path: folder }] });
    expect(report.ok).toBe(false);
    expect(report.messages).toEqual([
      { level: 'error', file: 'episodes.csv', text: 'episodes.csv in 2024 is a link to a file outside the folder; copy the file into the folder, or choose it on its own.' },
    ]);
    expect((await ws['workspace.status']({})).years).toEqual([]);
  });

  it('refuses a link to nothing with a message, not a raw ENOENT', async () => {
    const folder = await yearFolder();
    await symlink(join(dir, 'gone.csv'), join(folder, 'episodes.csv'));
    const report = await ws['workspace.import']({ year: 2024, files: [{ name: '2024', path: folder }] });
    expect(report.ok).toBe(false);
    expect(report.messages.map((m) => m.text)).toEqual(['episodes.csv in 2024 is a link to a file that does not exist.']);
  });

  it('follows a link to a file inside the folder', async () => {
    const folder = join(dir, '2024');
    await mkdir(join(folder, 'originals'), { recursive: true });
    await writeFile(join(folder, 'originals', 'header-v2.csv'), HEADER);
    await symlink(join(folder, 'originals', 'header-v2.csv'), join(folder, 'header.csv'));
    const report = await ws['workspace.import']({ year: 2024, files: [{ name: '2024', path: folder }] });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(report.files.map((f) => [f.name, f.rows])).toEqual([['header.csv', 1]]);
  });
});

describe('how many files', () => {
  it(`refuses a folder of more than ${MAX_IMPORT_FILES} files before reading any`, async () => {
    const folder = await yearFolder();
    for (let i = 0; i < MAX_IMPORT_FILES; i++) await writeFile(join(folder, `extra-${String(i).padStart(3, '0')}.csv`), 'a\n1\n');
    const report = await ws['workspace.import']({ year: 2024, files: [{ name: '2024', path: folder }] });
    expect(report.ok).toBe(false);
    expect(report.messages.map((m) => m.text)).toEqual([`${MAX_IMPORT_FILES + 1} files were given; one import takes at most ${MAX_IMPORT_FILES}. Choose the folder of one year's return.`]);
    expect((await ws['workspace.status']({})).years).toEqual([]);
  });
});

describe('encoding, file by file', () => {
  it('keeps the UTF-8 of a file with one stray byte, warns naming the line, and reads its neighbour as Windows-1252', async () => {
    const utf8 = new TextEncoder().encode('team,name\nNorth,Chloé\nEast,José\nSouth,Zo');
    const mixed = new Uint8Array([...utf8, 0xe9, 0x0a]);
    const legacy = new Uint8Array([...new TextEncoder().encode('team,lead\nWest,Ren'), 0xe9, 0x0a]);
    const report = await ws['workspace.import']({ year: 2024, files: [{ name: 'teams.csv', data: mixed }, { name: 'leads.csv', data: legacy }] });
    expect(report.ok, JSON.stringify(report.messages)).toBe(true);
    expect(report.messages.filter((m) => m.file === 'teams.csv')).toContainEqual({
      level: 'warning',
      file: 'teams.csv',
      row: 4,
      text: 'The file is UTF-8 but holds 1 byte that is not (the first on line 4); it shows as \uFFFD. Check that line and save the file as UTF-8 again.',
    });
    const teams = report.files.find((f) => f.name === 'teams.csv')!;
    const leads = report.files.find((f) => f.name === 'leads.csv')!;
    expect(await ws.engine.all(`SELECT name FROM "${teams.table}" ORDER BY name`)).toEqual([{ name: 'Chloé' }, { name: 'José' }, { name: 'Zo\uFFFD' }]);
    expect(await ws.engine.all(`SELECT lead FROM "${leads.table}"`)).toEqual([{ lead: 'René' }]);
  });
});

describe('workbook size', () => {
  it(`refuses a workbook that unpacks to more than ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB before reading it, keeping the import well under 1 GiB`, async () => {
    const { default: ExcelJS } = await import('exceljs');
    const file = join(dir, 'big.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const sheet = wb.addWorksheet('episodes');
    sheet.addRow(['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN']).commit();
    for (let i = 0; i < 100_000; i++) sheet.addRow([String(100000 + i), '01/04/2020', 'S', 'C2', 'N1', 'U1', 'PR1', '01/06/2020', 'E11', 'CARPL', 'AB1 2C', 'AB3 4D', 'SC123456']).commit();
    await sheet.commit();
    await wb.commit();
    const rssBefore = process.memoryUsage().rss;
    const report = await ws['workspace.import']({ year: 2024, files: [{ name: 'big.xlsx', path: file }] });
    expect(report.ok).toBe(false);
    expect(report.messages.map((m) => m.text)).toEqual([
      'This workbook was not opened: it unpacks to more than 50 MB, more than one workbook can be read in within 1 GB of memory. Save its sheets as CSV (in Excel: File, Save As, CSV UTF-8) and import those.',
    ]);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(512 * 1024 * 1024);
  }, 120_000);
});
