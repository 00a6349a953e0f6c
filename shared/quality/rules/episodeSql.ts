/**
 * SQL the Header, UASC and Episodes rules share: a child's episodes in order (each with its
 * neighbours), the child's header row, and unbroken runs of one legal status. Each is a condition
 * on the rule's row `t`, so a rule stays one readable line of what it catches.
 */
import type { FileKindId } from '../../domain/fileKinds.js';
import type { FixtureRow, QualityRule } from '../rule.js';
import { birthday } from './sql.js';

/** Within one return, a child's episodes in order of start (file order breaking ties), as DfE's checks read them. */
const BY_START = 'PARTITION BY e.return_year, e.child ORDER BY e.decom, e.dec, e.source_row';

/** The rows of `alias` of collection year `year` (every year when undefined), as a WHERE or nothing. */
const ofYear = (alias: string, year?: number) => (year === undefined ? '' : ` WHERE ${alias}.return_year = ${Math.trunc(year)}`);

/**
 * Every episode with its place in the child's sequence and its neighbours: prev_* the episode
 * before it, next_* the one after (NULL at either end), seq from 1, the child's count n and the
 * start of their first episode first_decom; of one return when a year is given (each window is
 * within a return, so that is a filter of the whole).
 */
const episodeSequence = (year?: number) => `SELECT e.*,
    row_number() OVER w AS seq,
    count(*) OVER (PARTITION BY e.return_year, e.child) AS n,
    min(e.decom) OVER (PARTITION BY e.return_year, e.child) AS first_decom,
    lag(e.decom) OVER w AS prev_decom, lag(e.dec) OVER w AS prev_dec, lag(e.rec) OVER w AS prev_rec,
    lag(e.place) OVER w AS prev_place, lag(e.ls) OVER w AS prev_ls, lag(e.reason_place_change) OVER w AS prev_reason_place_change,
    lag(e.cin) OVER w AS prev_cin, lag(e.place_provider) OVER w AS prev_place_provider, lag(e.pl_post) OVER w AS prev_pl_post, lag(e.urn) OVER w AS prev_urn,
    lead(e.decom) OVER w AS next_decom, lead(e.rne) OVER w AS next_rne, lead(e.place) OVER w AS next_place
  FROM episodes e${ofYear('e', year)} WINDOW w AS (${BY_START})`;

/**
 * The child's latest episodes of each return (latest start; every one of them on a tie): the
 * rules of year Y read last year's (the episode the child was in when the year before ended), so
 * for a year those of the year before it are given.
 */
const latestEpisodeLastYear = (year?: number) => `SELECT * FROM (
    SELECT e.*, max(e.decom) OVER (PARTITION BY e.return_year, e.child) AS latest_decom FROM episodes e${ofYear('e', year === undefined ? undefined : year - 1)}
  ) WHERE decom = latest_decom`;

/**
 * Every child's periods of care in each year as DfE's check builds them (return_year, child,
 * poc_decom, poc_dec): episodes in start order, a new period where an episode starts after the
 * previous one ended; a period ends with its last episode's end (blank while open).
 */
const periodsOfCare = (year?: number) => `SELECT x.return_year, x.child, min(x.decom) AS poc_decom, arg_max_null(x.dec, x.decom) AS poc_dec
  FROM (
    SELECT y.return_year, y.child, y.decom, y.dec, sum(y.new) OVER (PARTITION BY y.return_year, y.child ORDER BY y.decom, y.source_row) AS period
    FROM (
      SELECT e.return_year, e.child, e.decom, e.dec, e.source_row,
        CASE WHEN lag(e.source_row) OVER w IS NULL OR e.decom > lag(e.dec) OVER w THEN 1 ELSE 0 END AS new
      FROM episodes e WHERE e.decom IS NOT NULL${year === undefined ? '' : ` AND e.return_year = ${Math.trunc(year)}`}
      WINDOW w AS (PARTITION BY e.return_year, e.child ORDER BY e.decom, e.source_row)
    ) y
  ) x GROUP BY x.return_year, x.child, x.period`;

/**
 * Named queries several rules read, computed once per run of the rules (run.ts makes those a
 * rule's SQL names once, as a temp table or a WITH), rather than once per rule: each gives the
 * rows the rules of collection year `year` read (those of every year when it is undefined).
 */
export const SHARED_QUERIES: Readonly<Record<string, (year?: number) => string>> = {
  episode_sequence: episodeSequence,
  latest_episode_last_year: latestEpisodeLastYear,
  periods_of_care: periodsOfCare,
};

/** The name of the shared query of episodes in sequence, which the Episodes rules read their rows from. */
export const EPISODE_SEQUENCE_SOURCE = 'episode_sequence';

/**
 * The episode `t` seen in its child's sequence meets cond, written over alias s (see
 * EPISODE_SEQUENCE): the Episodes rules read their rows from that query, so s is `t` itself.
 */
export function inSequence(cond: string): string {
  return `(${cond.replace(/\bs\./g, 't.')})`;
}

/** Last year's latest episode of the child (alias p) was still open at its end and meets cond. */
export function openAtLastYearEnd(cond: string): string {
  return `EXISTS (SELECT 1 FROM latest_episode_last_year p WHERE p.return_year = t.return_year - 1 AND p.child = t.child AND p.dec IS NULL AND (${cond}))`;
}

/** The child's header row of the same return (alias h) meets cond. */
export function header(cond: string): string {
  return `EXISTS (SELECT 1 FROM header h WHERE h.return_year = t.return_year AND h.child = t.child AND (${cond}))`;
}

/** One of the child's episodes of the same return (alias e) meets cond. */
export function anyEpisode(cond: string): string {
  return `EXISTS (SELECT 1 FROM episodes e WHERE e.return_year = t.return_year AND e.child = t.child AND (${cond}))`;
}

/** The child's first episode of the return (earliest DECOM) meets cond (alias f). */
export function firstEpisode(cond: string): string {
  return `EXISTS (SELECT 1 FROM episodes f WHERE f.return_year = t.return_year AND f.child = t.child
    AND f.decom = (SELECT min(m.decom) FROM episodes m WHERE m.return_year = t.return_year AND m.child = t.child) AND (${cond}))`;
}

/** The end of episode alias a, or the year's end while it is open. */
export const endOrYearEnd = (a: string) => `coalesce(${a}.dec, year_end(${a}.return_year))`;

/** The episode `t` starts before the child's n-th birthday. */
export function startsUnder(n: number): string {
  return header(`t.decom < ${birthday('h.dob', n)}`);
}

/**
 * Unbroken runs of a legal status: consecutive episodes of status ls where each one's end (the
 * year's end while open) is the start of the episode after it, as DfE reads "lasted longer than";
 * true when the run `t` belongs to spans more than maxDays days from first start to last end.
 */
export function lsRunLongerThan(ls: string, maxDays: number): string {
  return `EXISTS (
    WITH ordered AS (
      SELECT e.return_year, e.source_file, e.source_row, e.child, e.ls, e.decom, ${endOrYearEnd('e')} AS dec_f,
        lead(e.decom) OVER (${BY_START}) AS next_decom, row_number() OVER (${BY_START}) AS seq
      FROM episodes e WHERE e.return_year = t.return_year AND e.child = t.child),
    starts AS (
      SELECT *, CASE WHEN coalesce(lag(dec_f = next_decom) OVER (ORDER BY seq), false) THEN 0 ELSE 1 END AS starts_run
      FROM ordered WHERE ls = '${ls}'),
    runs AS (SELECT *, sum(starts_run) OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING) AS run FROM starts),
    spans AS (SELECT *, max(dec_f) OVER (PARTITION BY run) - min(decom) OVER (PARTITION BY run) AS days FROM runs)
    SELECT 1 FROM spans WHERE spans.source_file = t.source_file AND spans.source_row = t.source_row AND spans.days > ${maxDays})`;
}

/** A rule on rows of one table whose pass and fail differ only in the named table's rows. */
export function simpleRule(
  code: string,
  table: FileKindId,
  fields: string[],
  message: string,
  when: string,
  pass: FixtureRow[],
  fail: FixtureRow[],
  extra: Partial<QualityRule> = {},
): QualityRule {
  return { code, message, table, fields, when, pass: { tables: { [table]: pass } }, fail: { tables: { [table]: fail } }, ...extra };
}
