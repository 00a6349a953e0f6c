/**
 * Generate synthetic SSDA903 returns: one or many LAs, any run of years, as CSV folders
 * (DIR/YEAR/*.csv, or DIR/la-NN/YEAR/*.csv) and optionally one year as an XLSX workbook.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_KIND_IDS, type FileKindId } from '../../shared/domain/fileKinds.js';
import { emitChildYear, kindsForYear, type Cell } from './emit.js';
import { mixSeed } from './prng.js';
import { simulateLa } from './simulate.js';
import { CsvSink, writeXlsx } from './write.js';

export interface GenerateOptions {
  out: string;
  seed: number;
  /** Approximate number looked after at 31 March, per LA. */
  children: number;
  /** null: one LA written straight into out/YEAR; n: out/la-NN/YEAR with per-LA id prefixes. */
  las: number | null;
  /** With las: write every LA's rows into the same out/YEAR files (a national-scale single set). */
  combined?: boolean;
  firstYear: number;
  lastYear: number;
  /** Also write this year as one workbook (null: none). */
  xlsxYear: number | null;
  /** Folder for the workbook(s). */
  xlsxOut: string;
  hardCases?: boolean;
  log?: (line: string) => void;
}

export interface YearSummary {
  year: number;
  rows: Record<string, number>;
  /** Children with a non-short-break episode open at 31 March. */
  cla31March: number;
  started: number;
  ceased: number;
  inReturn: number;
}

export interface LaSummary {
  la: string;
  children: number;
  years: YearSummary[];
}

export function laFolderName(i: number, count: number): string {
  return `la-${String(i + 1).padStart(Math.max(2, String(count).length), '0')}`;
}

/** Open one year's files (removing kinds the year should not have, left by an earlier run). */
function openYear(dir: string, year: number): Map<FileKindId, CsvSink> {
  mkdirSync(dir, { recursive: true });
  const kinds = kindsForYear(year);
  for (const k of FILE_KIND_IDS) if (!kinds.includes(k) && existsSync(join(dir, `${k}.csv`))) rmSync(join(dir, `${k}.csv`));
  return new Map<FileKindId, CsvSink>(kinds.map((k) => [k, new CsvSink(join(dir, `${k}.csv`), k)]));
}

export async function generateSample(options: GenerateOptions): Promise<LaSummary[]> {
  const laCount = options.las ?? 1;
  const combined = options.las !== null && options.combined === true;
  // Combined: one set of files per year shared by all LAs, kept open while the LAs are simulated in turn.
  const shared = new Map<number, Map<FileKindId, CsvSink>>();
  const summaries: LaSummary[] = [];
  try {
    for (let la = 0; la < laCount; la++) {
      const laName = options.las === null ? '' : laFolderName(la, laCount);
      const laDir = laName && !combined ? join(options.out, laName) : options.out;
      const prefix = options.las === null ? '' : `L${String(la + 1).padStart(3, '0')}`;
      const children = simulateLa({
        seed: options.seed,
        laIndex: la,
        idPrefix: prefix,
        children: options.children,
        firstYear: options.firstYear,
        lastYear: options.lastYear,
        hardCases: options.hardCases ?? true,
      });
      const laSeed = mixSeed(options.seed, la + 1, 7);
      const years: YearSummary[] = [];
      for (let year = options.firstYear; year <= options.lastYear; year++) {
        let sinks = combined ? shared.get(year) : undefined;
        if (!sinks) {
          sinks = openYear(join(laDir, String(year)), year);
          if (combined) shared.set(year, sinks);
        }
        const kinds = kindsForYear(year);
        const keep = options.xlsxYear === year ? new Map<FileKindId, Cell[][]>(kinds.map((k) => [k, []])) : null;
        const summary: YearSummary = { year, rows: Object.fromEntries(kinds.map((k) => [k, 0])), cla31March: 0, started: 0, ceased: 0, inReturn: 0 };
        const open = sinks;
        const sink = (kind: FileKindId, row: Cell[]) => {
          open.get(kind)!.add(row);
          summary.rows[kind]! += 1;
          keep?.get(kind)!.push(row);
        };
        for (const child of children) {
          const f = emitChildYear(child, year, laSeed, sink);
          if (f.inReturn) summary.inReturn++;
          if (f.cla31) summary.cla31March++;
          if (f.started) summary.started++;
          if (f.ceased) summary.ceased++;
        }
        if (!combined) for (const s of sinks.values()) s.close();
        years.push(summary);
        if (keep) {
          mkdirSync(options.xlsxOut, { recursive: true });
          const file = join(options.xlsxOut, laName ? `${laName}-${year}.xlsx` : `${year}.xlsx`);
          await writeXlsx(file, [...keep]);
        }
      }
      summaries.push({ la: laName || 'la', children: children.length, years });
      options.log?.(`${laName || 'LA'}: ${children.length} children simulated`);
    }
  } finally {
    for (const sinks of shared.values()) for (const s of sinks.values()) s.close();
  }
  return summaries;
}
