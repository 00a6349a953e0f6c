import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findSampleYears, importSampleYearsIfEmpty } from '../../../electron/main/sampleData.js';
import { FakeApi } from '../../ui/fakeApi.js';

const HEADER = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n001,1,01/01/2010,WBRI,,,\n002,2,01/01/2011,WBRI,,,\n';

describe('first-run sample data', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'samples-'));
    for (const year of ['2024', '2023']) {
      await mkdir(path.join(dir, year));
      await writeFile(path.join(dir, year, 'header.csv'), HEADER);
      await writeFile(path.join(dir, year, 'README.md'), 'not data');
    }
    await mkdir(path.join(dir, 'notes'));
    await mkdir(path.join(dir, '1850'));
    await writeFile(path.join(dir, '1850', 'header.csv'), HEADER);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('finds the year folders, oldest first, with their data files only', async () => {
    const years = await findSampleYears(dir);
    expect(years).toEqual([
      { year: 2023, files: [path.join(dir, '2023', 'header.csv')] },
      { year: 2024, files: [path.join(dir, '2024', 'header.csv')] },
    ]);
    expect(await findSampleYears(path.join(dir, 'missing'))).toEqual([]);
  });

  it('imports every sample year into an empty workspace, by path', async () => {
    const api = new FakeApi();
    api['workspace.import'] = async (req) => ({ ok: true, year: req.year, importId: 1, files: [], messages: [], replaced: false });
    const reports = await importSampleYearsIfEmpty(api, dir);
    expect(reports.map((r) => r.year)).toEqual([2023, 2024]);
  });

  it('leaves a workspace that already has data alone', async () => {
    const api = new FakeApi({ years: [2020] });
    expect(await importSampleYearsIfEmpty(api, dir)).toEqual([]);
    expect(api.callsTo('workspace.import')).toHaveLength(0);
  });
});
