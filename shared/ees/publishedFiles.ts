/**
 * The files of DfE's published figures in a workspace, as a person reads the list (the How-we-compare
 * view and the CLI's `published` command): each file, what it holds, its years, rows, where it came
 * from and under what licence.
 */
import type { PublishedFileInfo } from '../api.js';
import { getMeasure } from './measures.js';
import { OGL_ATTRIBUTION } from './parse.js';

export interface PublishedFileRow {
  file: string;
  /** The catalogue measures found in it, by label; or what else it is for. */
  measures: string[];
  years: string;
  rows: number;
  values: number;
  /** "shipped with the app" or "loaded 2026-12-04". */
  from: string;
  licence: string;
  sha256: string;
}

/** "2021 to 2025", "2025", or "model 2025" for the statistical-neighbour model (no years). */
export function publishedYears(f: Pick<PublishedFileInfo, 'firstYear' | 'lastYear'>): string {
  if (f.firstYear === null || f.lastYear === null) return 'model 2025';
  return f.firstYear === f.lastYear ? String(f.firstYear) : `${f.firstYear} to ${f.lastYear}`;
}

export function publishedFrom(f: Pick<PublishedFileInfo, 'bundled' | 'loadedAt'>): string {
  return f.bundled ? 'shipped with the app' : `loaded ${f.loadedAt.slice(0, 10)}`;
}

/** What a file is used for: its compared measures, else the population of rates or the neighbour model. */
export function publishedMeasures(f: Pick<PublishedFileInfo, 'kind' | 'measures'>): string[] {
  if (f.kind === 'neighbours') return ['statistical neighbours'];
  const compared = f.measures.filter((m) => m !== 'population').map((m) => getMeasure(m)?.label ?? m);
  if (compared.length) return compared;
  return f.measures.includes('population') ? ['population aged 0 to 17 (for rates)'] : [];
}

export function publishedFileRows(files: readonly PublishedFileInfo[]): PublishedFileRow[] {
  return files.map((f) => ({
    file: f.source,
    measures: publishedMeasures(f),
    years: publishedYears(f),
    rows: f.rows,
    values: f.values,
    from: publishedFrom(f),
    licence: OGL_ATTRIBUTION,
    sha256: f.sha256,
  }));
}

export const PUBLISHED_FILE_COLUMNS = ['file', 'measures', 'years', 'rows', 'values', 'from', 'licence', 'sha256'] as const;

/** The rows as CSV cells: measures joined with "; ". */
export function publishedFileCsvRows(rows: readonly PublishedFileRow[]): (string | number)[][] {
  return rows.map((r) => [r.file, r.measures.join('; '), r.years, r.rows, r.values, r.from, r.licence, r.sha256]);
}
