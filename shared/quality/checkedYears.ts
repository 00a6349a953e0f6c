/**
 * The loaded years each rule code was checked in. A rule is not checked in a year outside its
 * from/to, without the year before when it needs it, or without the files it reads or compares
 * with (the social-worker file before 2023/24): there its 0 would read as "no faults", so the Data
 * quality view and export show it as not checked instead.
 */
import type { QualityRule } from './rule.js';
import { BLANKED_RULE, QUALITY_RULES } from './rules/index.js';
import { appliesIn } from './run.js';

/** The file kinds loaded in each collection year (import_files). */
export type LoadedFiles = ReadonlyMap<number, ReadonlySet<string>>;

/** Whether one rule definition runs in `year` (run.ts's ruleSql conditions, said in TypeScript). */
export function checkedIn(rule: QualityRule, year: number, loaded: LoadedFiles): boolean {
  const files = loaded.get(year);
  if (!files) return false;
  if (!appliesIn(rule, year)) return false;
  if (rule.previousYear && !loaded.has(year - 1)) return false;
  return files.has(rule.table) && (rule.needs ?? []).every((kind) => files.has(kind));
}

/** Per rule code (a code defined on two tables checked where either is), the loaded years it was checked in, in order. */
export function checkedYears(loaded: LoadedFiles, rules: readonly QualityRule[] = QUALITY_RULES): Record<string, number[]> {
  const years = [...loaded.keys()].sort((a, b) => a - b);
  const out: Record<string, number[]> = { [BLANKED_RULE.code]: years };
  for (const rule of rules) {
    const seen = new Set(out[rule.code] ?? []);
    for (const y of years) if (checkedIn(rule, y, loaded)) seen.add(y);
    out[rule.code] = [...seen].sort((a, b) => a - b);
  }
  return out;
}
