/**
 * First run: when the workspace holds no year yet, load the bundled synthetic returns
 * (sample-data/returns/<year>/*.csv) so a new user sees real tables at once.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ImportReport, WorkbenchApi } from '../../shared/api.js';
import { isReturnYear } from '../../shared/domain/years.js';

export interface SampleYear {
  year: number;
  files: string[];
}

/** The year folders under `returnsDir`, oldest first, each with its CSV/XLSX files sorted by name. */
export async function findSampleYears(returnsDir: string): Promise<SampleYear[]> {
  let entries;
  try {
    entries = await readdir(returnsDir, { withFileTypes: true });
  } catch {
    return [];
  }
  const years: SampleYear[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !/^\d{4}$/.test(entry.name) || !isReturnYear(Number(entry.name))) continue;
    const dir = path.join(returnsDir, entry.name);
    const files = (await readdir(dir, { withFileTypes: true }))
      .filter((f) => f.isFile() && /\.(csv|xlsx)$/i.test(f.name))
      .map((f) => path.join(dir, f.name))
      .sort();
    if (files.length) years.push({ year: Number(entry.name), files });
  }
  return years.sort((a, b) => a.year - b.year);
}

/** Import every sample year if (and only if) the workspace is empty. Returns the import reports. */
export async function importSampleYearsIfEmpty(api: WorkbenchApi, returnsDir: string): Promise<ImportReport[]> {
  const status = await api['workspace.status']({});
  if (status.years.length > 0) return [];
  const reports: ImportReport[] = [];
  for (const sample of await findSampleYears(returnsDir)) {
    reports.push(
      await api['workspace.import']({ year: sample.year, files: sample.files.map((f) => ({ name: path.basename(f), path: f })) }),
    );
  }
  return reports;
}
