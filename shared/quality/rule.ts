/**
 * A data-quality rule as data: which table's rows it reports, the fields it concerns, and the
 * condition (SQL over the workspace tables) a row of that table breaks it by. DuckDB runs every
 * rule over every loaded year at once (see run.ts); a rule that needs the previous year runs for a
 * year only when the year before it is loaded too.
 *
 * Rule codes and what they catch follow DfE's SSDA903 validation rules (the DfE code, e.g. 103);
 * checks the workbench adds itself (a value the import used to refuse) have codes starting "W".
 */
import type { FileKindId } from '../domain/fileKinds.js';

/** One table's rows in a fixture: upper-case column names, dates as yyyy-mm-dd. */
export type FixtureRow = Record<string, string | number | null>;
export type FixtureTables = Partial<Record<FileKindId, FixtureRow[]>>;

/**
 * A tiny hand-written case: the tables named replace the clean base child's (rules/fixtures.ts)
 * rows of that table (each row on top of the base row), in the collection year FIXTURE_YEAR;
 * `previous` holds the year before's tables (only those named), loaded only when given.
 */
export interface Fixture {
  tables: FixtureTables;
  /** The collection year the tables are loaded as (FIXTURE_YEAR when absent), for rules of later years. */
  year?: number;
  previous?: FixtureTables;
}

export interface QualityRule {
  /** DfE's rule code (e.g. '103', '392c', 'INT01', 'SW01STG1'), or the workbench's own ('W01'...). */
  code: string;
  /** What the rule catches, in plain English. */
  message: string;
  /** The table whose rows break the rule (`t` in `when`). */
  table: FileKindId;
  /**
   * A shared query (run.ts SHARED_QUERIES) the rows are read from instead of the table: the
   * table's rows with more columns (episode_sequence: each episode's neighbours).
   */
  source?: string;
  /** The fields it concerns (upper-case 903 names; those of `table` are shown with each finding). */
  fields: string[];
  /**
   * SQL condition, true for a row `t` of `table` that breaks the rule. It may use the workspace's
   * macros (year_start(t.return_year), year_end, age_on), its canonical views (oc2_cohort...)
   * and any table, e.g. the previous year's: `p.return_year = t.return_year - 1`.
   */
  when: string;
  /** Collection years the rule applies to (inclusive); open-ended when absent. */
  from?: number;
  to?: number;
  /** Needs the previous year's return: checked only where the year before is loaded. */
  previousYear?: boolean;
  /**
   * Files of the row's year the rule compares with, checked only where they were loaded (as DfE's
   * checks run only on the files given): without them "no such row" would be every row.
   */
  needs?: FileKindId[];
  /** One case that passes and one that breaks the rule (test/unit/qualityRules.test.ts). */
  pass: Fixture;
  fail: Fixture;
}

/** A rule of DfE's that the files cannot check, and why. */
export interface UncheckedRule {
  code: string;
  message: string;
  why: string;
}
