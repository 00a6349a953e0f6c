/**
 * The canonical views every query pack builds on, defined once. The workspace runs CANONICAL_VIEWS
 * on open, after WORKSPACE_DDL (CREATE OR REPLACE, so re-running is harmless).
 *
 * Conventions (packs.md is the rule; reference.md 3 the long version):
 * - Figures for collection year Y come from return Y. Window W = year_start(Y) .. year_end(Y).
 * - Short breaks (LS V3/V4) are left out of every view except where a view says otherwise.
 * - Other returns are used only to reconstruct history BEFORE return Y (when a period of care
 *   began, previous reviews), and only returns EARLIER than Y: loading next year's return never
 *   changes this year's figures.
 * - Every view has return_year as its first column; packs GROUP BY return_year, so all loaded
 *   years come out of one query.
 * - Set-based SQL only.
 */
import { bankHolidaysBetween } from '../domain/bankHolidays.js';
import { TEMPORARY_PLACEMENTS, sqlCodes } from '../domain/codes.js';
import { FILE_KINDS } from '../domain/fileKinds.js';
import { MAX_RETURN_YEAR, MIN_RETURN_YEAR } from '../domain/years.js';

const TEMP = sqlCodes(TEMPORARY_PLACEMENTS);
const SHORT_BREAKS = sqlCodes(['V3', 'V4']);

/** Years for which bank holidays (and so working days) are generated. */
export const CALENDAR_FROM_YEAR = MIN_RETURN_YEAR - 20;
export const CALENDAR_TO_YEAR = MAX_RETURN_YEAR;

const MACROS: readonly string[] = [
  `CREATE OR REPLACE MACRO year_start(y) AS make_date(CAST(y AS INTEGER) - 1, 4, 1)`,
  `CREATE OR REPLACE MACRO year_end(y) AS make_date(CAST(y AS INTEGER), 3, 31)`,
  // Whole years from dob to d. Comparing month*100+day gives both conventions for free: a
  // 29 February birthday (229) is not reached on 28 February (228) but is on 1 March (301) in a
  // non-leap year, and a child born on 31 March has had the birthday on 31 March.
  `CREATE OR REPLACE MACRO age_on(dob, d) AS
     (year(d) - year(dob) - CASE WHEN month(d) * 100 + day(d) < month(dob) * 100 + day(dob) THEN 1 ELSE 0 END)`,
  // Completed calendar months from a to b (same day-of-month rule as age_on).
  `CREATE OR REPLACE MACRO months_between(a, b) AS
     ((year(b) - year(a)) * 12 + month(b) - month(a) - CASE WHEN day(b) < day(a) THEN 1 ELSE 0 END)`,
  // DfE age bands. An unknown date of birth is a band of its own, never dropped.
  `CREATE OR REPLACE MACRO age_band(age) AS
     CASE WHEN age IS NULL THEN 'unknown' WHEN age < 1 THEN 'under-1' WHEN age < 5 THEN '1-4'
          WHEN age < 10 THEN '5-9' WHEN age < 16 THEN '10-15' ELSE '16-over' END`,
  // SEX is 1/2 to 2023/24 and M/F/U from 2024/25.
  `CREATE OR REPLACE MACRO sex_key(sex) AS
     CASE WHEN sex IN ('1', 'M') THEN 'male' WHEN sex IN ('2', 'F') THEN 'female' ELSE 'unknown' END`,
  // Row key of a code: the code as found, or 'blank'.
  `CREATE OR REPLACE MACRO code_key(c) AS coalesce(nullif(trim(c), ''), 'blank')`,
  // Calendar months later; the end of a shorter month clamps (30 Nov + 3 months = 28/29 Feb).
  `CREATE OR REPLACE MACRO plus_months(d, n) AS CAST(d + to_months(CAST(n AS INTEGER)) AS DATE)`,
  // The collection year whose return covers day d (1 April to 31 March).
  `CREATE OR REPLACE MACRO collection_year(d) AS (year(d) + CASE WHEN month(d) >= 4 THEN 1 ELSE 0 END)`,
  `CREATE OR REPLACE MACRO key_list(l) AS list_filter(l, k -> k IS NOT NULL)`,
];

function bankHolidaysView(): string {
  const values = bankHolidaysBetween(CALENDAR_FROM_YEAR, CALENDAR_TO_YEAR)
    .map((h) => `('${h.date}', '${h.name.replace(/'/g, "''")}')`)
    .join(',\n    ');
  return `CREATE OR REPLACE VIEW bank_holidays AS
  SELECT CAST(d AS DATE) AS holiday, name FROM (VALUES
    ${values}
  ) v(d, name)`;
}

/** One row per (return_year, child) of a child-level file; a duplicated child keeps its first row. */
function oneRowPerChild(view: string, table: string): string {
  return `CREATE OR REPLACE VIEW ${view} AS
  SELECT * FROM ${table}
  QUALIFY row_number() OVER (PARTITION BY return_year, child ORDER BY source_row, import_id) = 1`;
}

const VIEWS: readonly string[] = [
  // Collection years with a return loaded (any 903 table has rows for the year).
  `CREATE OR REPLACE VIEW years_loaded AS
  SELECT DISTINCT return_year FROM (
    ${FILE_KINDS.map((k) => `SELECT return_year FROM ${k.id}`).join('\n    UNION ALL ')}
  ) ORDER BY return_year`,

  bankHolidaysView(),

  // Mondays to Fridays that are not bank holidays, numbered so "n working days later" is a join.
  // Only the years that matter: from three years before the first loaded return to the year after
  // the last (due dates of periods that began earlier are never needed: see review_timeliness).
  `CREATE OR REPLACE VIEW working_days AS
  SELECT CAST(d AS DATE) AS wday, row_number() OVER (ORDER BY d) AS wd_no
  FROM range(
    (SELECT make_date(CAST(greatest(min(return_year) - 3, ${CALENDAR_FROM_YEAR}) AS INTEGER), 1, 1) FROM years_loaded),
    (SELECT make_date(CAST(least(max(return_year) + 2, ${CALENDAR_TO_YEAR + 1}) AS INTEGER), 1, 1) FROM years_loaded),
    INTERVAL 1 DAY) r(d)
  WHERE isodow(d) <= 5 AND CAST(d AS DATE) NOT IN (SELECT holiday FROM bank_holidays)`,

  oneRowPerChild('child_header', 'header'),
  oneRowPerChild('child_uasc', 'uasc'),
  oneRowPerChild('child_oc2', 'oc2'),
  oneRowPerChild('child_oc3', 'oc3'),
  oneRowPerChild('child_ad1', 'ad1'),

  // Episodes that are not short breaks.
  `CREATE OR REPLACE VIEW episodes_nsb AS
  SELECT * FROM episodes WHERE coalesce(ls, '') NOT IN ${SHORT_BREAKS}`,

  episodeHistoryView(),

  // Children looked after at 31 March: the non-short-break episode of return Y open at 31 March
  // (DECOM <= 31 March and DEC blank or later). If several, the latest DECOM.
  `CREATE OR REPLACE VIEW cla_31_march AS
  SELECT h.return_year, h.child, hd.sex, hd.dob, hd.ethnic, hd.uasc AS header_uasc,
    age_on(hd.dob, year_end(h.return_year)) AS age,
    h.decom, h.dec, h.rne, h.ls, h.cin, h.place, h.place_provider, h.place_substantive, h.provider_substantive,
    h.period_id, h.period_start, h.period_first_rne, h.carer_start, h.prev_carer_start
  FROM episode_history h
  LEFT JOIN child_header hd ON hd.return_year = h.return_year AND hd.child = h.child
  WHERE h.in_return AND h.decom <= year_end(h.return_year) AND (h.dec IS NULL OR h.dec > year_end(h.return_year))
  QUALIFY row_number() OVER (PARTITION BY h.return_year, h.child ORDER BY h.decom DESC) = 1`,

  // Children looked after at any time in the year (one row per child, details of their latest
  // episode in the year). Children whose only episodes are short breaks are not here.
  `CREATE OR REPLACE VIEW cla_during_year AS
  SELECT e.return_year, e.child, hd.sex, hd.dob, hd.ethnic, age_on(hd.dob, year_end(e.return_year)) AS age,
    e.decom, e.dec, e.rne, e.ls, e.place, e.place_provider, e.rec
  FROM episodes_nsb e
  LEFT JOIN child_header hd ON hd.return_year = e.return_year AND hd.child = e.child
  WHERE e.decom <= year_end(e.return_year) AND (e.dec IS NULL OR e.dec >= year_start(e.return_year))
  QUALIFY row_number() OVER (PARTITION BY e.return_year, e.child ORDER BY e.decom DESC, e.source_row) = 1`,

  // Started to be looked after in the year: the first RNE S episode with DECOM in the window.
  `CREATE OR REPLACE VIEW started_in_year AS
  SELECT e.return_year, e.child, hd.sex, hd.dob, hd.ethnic, e.decom AS started, age_on(hd.dob, e.decom) AS age_at_start,
    e.rne, e.ls, e.cin, e.place, e.place_provider
  FROM episodes_nsb e
  LEFT JOIN child_header hd ON hd.return_year = e.return_year AND hd.child = e.child
  WHERE e.rne = 'S' AND e.decom BETWEEN year_start(e.return_year) AND year_end(e.return_year)
  QUALIFY row_number() OVER (PARTITION BY e.return_year, e.child ORDER BY e.decom, e.source_row) = 1`,

  // Ceased to be looked after in the year: the LAST episode with DEC in the window and REC other
  // than X1 (a blank REC with a DEC counts, under reason 'blank'). placed_for_adoption: the DECOM
  // of the first episode of the period of care that ended with placement A3-A6, if any.
  `CREATE OR REPLACE VIEW ceased_in_year AS
  WITH ceased AS (
    SELECT h.return_year, h.child, hd.sex, hd.dob, hd.ethnic, h.dec AS ceased, age_on(hd.dob, h.dec) AS age_at_ceasing,
      h.rec, h.decom, h.rne, h.ls, h.cin, h.place, h.place_provider, h.period_id, h.period_start, h.period_first_rne
    FROM episode_history h
    LEFT JOIN child_header hd ON hd.return_year = h.return_year AND hd.child = h.child
    WHERE h.in_return AND h.dec BETWEEN year_start(h.return_year) AND year_end(h.return_year)
      AND h.rec IS DISTINCT FROM 'X1'
    QUALIFY row_number() OVER (PARTITION BY h.return_year, h.child ORDER BY h.dec DESC, h.decom DESC) = 1
  ),
  placed AS (
    SELECT return_year, child, period_id, min(decom) AS placed_for_adoption
    FROM episode_history WHERE place IN ('A3', 'A4', 'A5', 'A6') GROUP BY ALL
  )
  SELECT c.*, p.placed_for_adoption
  FROM ceased c
  LEFT JOIN placed p ON p.return_year = c.return_year AND p.child = c.child AND p.period_id = c.period_id`,

  // OC2 cohort: looked after at 31 March, period of care begun on or before 1 April of the year
  // (so looked after on every day of it), no short break in the year; joined to the child's oc2
  // row of return Y (a cohort child without one stays in the cohort with has_oc2 false).
  `CREATE OR REPLACE VIEW oc2_cohort AS
  SELECT c.*, o.child IS NOT NULL AS has_oc2, o.sdq_score, o.sdq_reason, o.convicted, o.health_check,
    o.immunisations, o.teeth_check, o.health_assessment, o.substance_misuse, o.intervention_received,
    o.intervention_offered
  FROM cla_31_march c
  LEFT JOIN child_oc2 o ON o.return_year = c.return_year AND o.child = c.child
  WHERE c.period_start <= year_start(c.return_year)
    AND NOT EXISTS (
      SELECT 1 FROM episodes sb
      WHERE sb.return_year = c.return_year AND sb.child = c.child AND sb.ls IN ${SHORT_BREAKS}
        AND sb.decom <= year_end(c.return_year) AND (sb.dec IS NULL OR sb.dec >= year_start(c.return_year)))`,

  // Placements during the year of each child looked after at 31 March: 1 for the placement the
  // child was in when the year began (an episode begun before 1 April and open that day), plus
  // each episode beginning in the year with RNE S, P, T, U or B, except temporary placements
  // (T0-T4) and the return from one, and a move to adoption with the same carers (A3/A5 with RNE
  // T or U). placements_carer counts only new carers (RNE S, P, B) - an option of the pack.
  `CREATE OR REPLACE VIEW placements_in_year AS
  SELECT c.return_year, c.child,
    max(CASE WHEN h.decom < year_start(h.return_year) AND (h.dec IS NULL OR h.dec > year_start(h.return_year)) THEN 1 ELSE 0 END)
      + count(*) FILTER (WHERE h.decom BETWEEN year_start(h.return_year) AND year_end(h.return_year)
          AND h.rne IN ('S', 'P', 'T', 'U', 'B')
          AND coalesce(h.place, '') NOT IN ${TEMP} AND coalesce(h.prev_place, '') NOT IN ${TEMP}
          AND NOT (h.place IN ('A3', 'A5') AND h.rne IN ('T', 'U'))) AS placements,
    max(CASE WHEN h.decom < year_start(h.return_year) AND (h.dec IS NULL OR h.dec > year_start(h.return_year)) THEN 1 ELSE 0 END)
      + count(*) FILTER (WHERE h.decom BETWEEN year_start(h.return_year) AND year_end(h.return_year)
          AND h.rne IN ('S', 'P', 'B')
          AND coalesce(h.place, '') NOT IN ${TEMP} AND coalesce(h.prev_place, '') NOT IN ${TEMP}) AS placements_carer
  FROM cla_31_march c
  JOIN episode_history h ON h.return_year = c.return_year AND h.child = c.child AND h.in_return
  GROUP BY c.return_year, c.child`,

  // Missing / away incidents of year Y: starting in the window, or open on 1 April.
  `CREATE OR REPLACE VIEW missing_in_year AS
  SELECT return_year, child, missing, mis_start, mis_end FROM missing
  WHERE mis_start BETWEEN year_start(return_year) AND year_end(return_year)
     OR (mis_start < year_start(return_year) AND (mis_end IS NULL OR mis_end >= year_start(return_year)))
  QUALIFY row_number() OVER (PARTITION BY return_year, child, missing, mis_start ORDER BY source_row) = 1`,

  // Reviews held in the year (one per child and date), leaving out children whose only episodes
  // in return Y are short breaks.
  `CREATE OR REPLACE VIEW reviews_in_year AS
  WITH kinds AS (
    SELECT return_year, child, bool_or(coalesce(ls, '') NOT IN ${SHORT_BREAKS}) AS has_nsb FROM episodes GROUP BY ALL
  )
  SELECT r.return_year, r.child, r.review, r.review_code, hd.sex, hd.dob, age_on(hd.dob, r.review) AS age_at_review,
    e.ls AS ls_at_review, e.place AS place_at_review
  FROM reviews r
  LEFT JOIN kinds k ON k.return_year = r.return_year AND k.child = r.child
  LEFT JOIN child_header hd ON hd.return_year = r.return_year AND hd.child = r.child
  -- the latest non-short-break episode begun by the review date (for drill-downs)
  ASOF LEFT JOIN episodes_nsb e ON e.return_year = r.return_year AND e.child = r.child AND r.review >= e.decom
  WHERE r.review BETWEEN year_start(r.return_year) AND year_end(r.return_year)
    AND (k.child IS NULL OR k.has_nsb)
  QUALIFY row_number() OVER (PARTITION BY r.return_year, r.child, r.review ORDER BY r.source_row) = 1`,

  reviewTimelinessView(),
];

// The non-short-break episodes of each child as known at return Y (return_year = Y): all of
// return Y's episodes, plus episodes from EARLIER returns that began before the child's first
// episode in return Y (each taken from the latest earlier return holding that CHILD+DECOM).
// Window functions then chain them into periods of care: a period starts at the first episode,
// at RNE S, or where the previous episode's REC is not X1 or its DEC is not this DECOM. So a
// period that began years before return Y is dated from the earlier returns.
// Carer spells (for long-term stability): a new carer at RNE S, P or B; L, T and U keep the
// carer; a temporary placement (T0-T4) and the return from it keep the carer.
// period_id and carer_id number a child's periods and carers within return Y (1, 2, ...): use
// them together with return_year and child.
// Every window is over (return_year, child) in DECOM order, which is unique there, and the
// running ones share one sort; national data has millions of rows, so passes count.
// fromYear: only returns from it on (own is a CTE read twice, which DuckDB does not filter by the
// outer WHERE); the earlier returns their history reads are all still read.
function episodeHistoryView(fromYear?: number): string {
  const since = (column: string) => (fromYear === undefined ? '' : ` WHERE ${column} >= ${fromYear}`);
  return `CREATE OR REPLACE VIEW episode_history AS
  WITH own AS (
    SELECT return_year, return_year AS source_year, TRUE AS in_return, child, decom, dec, rne, ls, cin,
           place, place_provider, rec, reason_place_change, source_row
    FROM episodes_nsb${since('return_year')}
    QUALIFY row_number() OVER (PARTITION BY return_year, child, decom ORDER BY source_row) = 1
  ),
  first_own AS (SELECT return_year, child, min(decom) AS first_decom FROM own GROUP BY ALL),
  earlier AS (
    SELECT f.return_year, e.return_year AS source_year, FALSE AS in_return, e.child, e.decom, e.dec, e.rne,
           e.ls, e.cin, e.place, e.place_provider, e.rec, e.reason_place_change, e.source_row
    FROM first_own f
    JOIN episodes_nsb e ON e.child = f.child AND e.return_year < f.return_year AND e.decom < f.first_decom
    QUALIFY row_number() OVER (PARTITION BY f.return_year, e.child, e.decom ORDER BY e.return_year DESC, e.source_row) = 1
  ),
  eps AS (SELECT * FROM own UNION ALL SELECT * FROM earlier),
  -- new_period: this episode starts a period; ends_period: the next one does (or there is none).
  a AS (
    SELECT *,
      rne = 'S' OR coalesce(lag(rec) OVER w, '') <> 'X1' OR lag(dec) OVER w IS DISTINCT FROM decom AS new_period,
      lead(TRUE) OVER w IS NULL OR lead(rne) OVER w = 'S' OR coalesce(rec, '') <> 'X1' OR dec IS DISTINCT FROM lead(decom) OVER w AS ends_period,
      lag(place) OVER w AS lag_place,
      -- The reason the episode before ended (in any period, unlike prev_place): the placements-started
      -- pack's reason for a move, here in the window this view sorts for anyway (a pass over millions of rows).
      lag(reason_place_change) OVER w AS prev_reason_place_change
    FROM eps WINDOW w AS (PARTITION BY return_year, child ORDER BY decom)
  ),
  b AS (
    SELECT * EXCLUDE (lag_place),
      CASE WHEN new_period THEN NULL ELSE lag_place END AS prev_place
    FROM a
  ),
  b2 AS (
    SELECT *,
      new_period OR (rne IN ('S', 'P', 'B') AND coalesce(place, '') NOT IN ${TEMP} AND coalesce(prev_place, '') NOT IN ${TEMP}) AS new_carer
    FROM b
  ),
  c AS (
    SELECT *,
      sum(CASE WHEN new_period THEN 1 ELSE 0 END) OVER w AS period_id,
      sum(CASE WHEN new_carer THEN 1 ELSE 0 END) OVER w AS carer_id,
      last_value(CASE WHEN new_period THEN {'start': decom, 'rne': rne} END IGNORE NULLS) OVER w AS period,
      first_value(CASE WHEN ends_period THEN {'dec': dec} END IGNORE NULLS)
        OVER (PARTITION BY return_year, child ORDER BY decom ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS period_last,
      last_value(CASE WHEN new_carer THEN decom END IGNORE NULLS) OVER w AS carer_start,
      last_value(CASE WHEN coalesce(place, '') NOT IN ${TEMP} THEN {'place': place, 'provider': place_provider, 'decom': decom} END IGNORE NULLS)
        OVER w AS substantive
    FROM b2 WINDOW w AS (PARTITION BY return_year, child ORDER BY decom ROWS UNBOUNDED PRECEDING)
  ),
  -- The start of the carer before, within the same period (one row per carer: its first episode).
  carers_prev AS (
    SELECT return_year, child, carer_id,
      CASE WHEN lag(period_id) OVER w = period_id THEN lag(carer_start) OVER w END AS prev_carer_start
    FROM c WHERE new_carer
    WINDOW w AS (PARTITION BY return_year, child ORDER BY carer_id)
  )
  SELECT c.return_year, c.child, c.decom, c.dec, c.rne, c.ls, c.cin, c.place, c.place_provider, c.rec, c.reason_place_change,
    c.in_return, c.source_year, c.source_row, c.period_id, c.period.start AS period_start, c.period.rne AS period_first_rne,
    c.period_last.dec AS period_end, c.prev_place, c.prev_reason_place_change,
    -- the latest episode in a substantive placement, if it is in this period
    CASE WHEN c.substantive.decom >= c.period.start THEN c.substantive.place ELSE c.place END AS place_substantive,
    CASE WHEN c.substantive.decom >= c.period.start THEN c.substantive.provider ELSE c.place_provider END AS provider_substantive,
    c.carer_id, c.carer_start, k.prev_carer_start
  FROM c
  JOIN carers_prev k ON k.return_year = c.return_year AND k.child = c.child AND k.carer_id = c.carer_id`;
}

// Timeliness of each review in reviews_in_year. Within a period of care: the 1st review is due
// 20 working days after the period began (or 28 days, an option), the 2nd within 3 months of
// the 1st, later ones within 6 months of the previous. Previous reviews come from earlier
// returns, but only from an unbroken run of loaded years ending at Y (history_from = start of
// that run). Where the period began before history_from, the review's number in the period is
// not known: it is on time or late only where every possible numbering agrees, else not-known.
// fromYear: only years from it on (the snapshot's rebuild of the years an import changed). The
// window over the years (runs of loaded years) stays over all of them; each year's rows are then
// computed from its own and earlier years' only, so they equal the whole view's rows of that year.
function reviewTimelinessView(fromYear?: number): string {
  const since = (column: string) => (fromYear === undefined ? '' : ` WHERE ${column} >= ${fromYear}`);
  return `CREATE OR REPLACE VIEW review_timeliness AS
  WITH review_years AS (SELECT DISTINCT return_year FROM reviews),
  runs AS (SELECT return_year, return_year - row_number() OVER (ORDER BY return_year) AS run FROM review_years),
  hist AS (
    SELECT * FROM (SELECT return_year, year_start(min(return_year) OVER (PARTITION BY run)) AS history_from FROM runs)${since('return_year')}
  ),
  -- Reviews known at return Y: its own, and earlier returns' since history_from, of children with
  -- a review in return Y only. A review date may be known twice: placed counts it once.
  known AS (
    SELECT y.return_year, y.history_from, r.child, r.review
    FROM hist y JOIN reviews r ON r.return_year = y.return_year
    WHERE r.review IS NOT NULL
    UNION ALL
    SELECT y.return_year, y.history_from, r.child, r.review
    FROM hist y
    JOIN (SELECT DISTINCT return_year, child FROM reviews) c ON c.return_year = y.return_year
    JOIN reviews r ON r.child = c.child AND r.return_year < y.return_year
      AND r.review >= y.history_from AND r.review < year_start(y.return_year)
    WHERE r.review IS NOT NULL
  ),
  periods AS (SELECT DISTINCT return_year, child, period_id, period_start, period_end FROM episode_history${since('return_year')}),
  -- Each known review in the period of care holding it (the latest-begun, if several do).
  placed AS (
    SELECT k.return_year, any_value(k.history_from) AS history_from, k.child, k.review,
      arg_max(p.period_id, p.period_start) AS period_id, max(p.period_start) AS period_start
    FROM known k
    LEFT JOIN periods p ON p.return_year = k.return_year AND p.child = k.child
      AND k.review >= p.period_start AND k.review <= coalesce(p.period_end, DATE '9999-12-31')
    GROUP BY k.return_year, k.child, k.review
  ),
  seq AS (
    SELECT *,
      CASE WHEN period_id IS NULL THEN NULL ELSE row_number() OVER w END AS review_no,
      CASE WHEN period_id IS NULL THEN NULL ELSE lag(review) OVER w END AS prev_review
    FROM placed WINDOW w AS (PARTITION BY return_year, child, period_id ORDER BY review)
  ),
  -- Judged only where it is reported: the reviews held in year Y.
  held AS (
    SELECT r.*, s.history_from, s.period_id, s.period_start, s.review_no, s.prev_review
    FROM reviews_in_year r
    LEFT JOIN seq s ON s.return_year = r.return_year AND s.child = r.child AND s.review = r.review${since('r.return_year')}
  ),
  starts AS (SELECT DISTINCT period_start FROM held WHERE period_start IS NOT NULL),
  first_due AS (
    SELECT s.period_start, w1.wday AS due_20wd
    FROM starts s
    ASOF JOIN working_days w0 ON s.period_start >= w0.wday
    JOIN working_days w1 ON w1.wd_no = w0.wd_no + 20
  ),
  due AS (
    SELECT h.*, f.due_20wd, CAST(h.period_start + INTERVAL 28 DAY AS DATE) AS due_28d,
      h.period_start >= h.history_from AS history_complete
    FROM held h LEFT JOIN first_due f ON f.period_start = h.period_start
  ),
  judged AS (
    SELECT *,
      ${timelinessCase('due_20wd')} AS timeliness,
      ${timelinessCase('due_28d')} AS timeliness_28d,
      ${dueDateCase('due_20wd')} AS due_date,
      ${dueDateCase('due_28d')} AS due_date_28d
    FROM due
  )
  SELECT return_year, child, review, review_code, sex, dob, age_at_review, ls_at_review, place_at_review,
    period_start, review_no, prev_review, history_from, history_complete,
    due_date, coalesce(timeliness, 'not-known') AS timeliness,
    due_date_28d, coalesce(timeliness_28d, 'not-known') AS timeliness_28d
  FROM judged`;
}

/** On time / late / not-known for one review, given the column holding the first review's due date. */
function timelinessCase(firstDue: string): string {
  const ok = (cond: string) => `CASE WHEN ${cond} THEN 'on-time' ELSE 'late' END`;
  return `CASE
      WHEN period_id IS NULL THEN 'not-known'
      WHEN history_complete THEN CASE
        WHEN review_no = 1 THEN ${ok(`review <= ${firstDue}`)}
        WHEN review_no = 2 THEN ${ok('review <= plus_months(prev_review, 3)')}
        ELSE ${ok('review <= plus_months(prev_review, 6)')} END
      ELSE CASE
        WHEN review_no = 1 THEN CASE WHEN review <= ${firstDue} THEN 'on-time'
                                     WHEN review > plus_months(history_from, 6) THEN 'late' ELSE 'not-known' END
        WHEN review_no = 2 THEN CASE WHEN review <= plus_months(prev_review, 3) THEN 'on-time'
                                     WHEN review > plus_months(prev_review, 6) THEN 'late' ELSE 'not-known' END
        ELSE ${ok('review <= plus_months(prev_review, 6)')} END
    END`;
}

/** The date a review was due by, where it is known. */
function dueDateCase(firstDue: string): string {
  return `CASE
      WHEN period_id IS NULL THEN NULL
      WHEN review_no = 1 THEN CASE WHEN history_complete THEN ${firstDue} END
      WHEN review_no = 2 THEN CASE WHEN history_complete THEN plus_months(prev_review, 3) END
      ELSE plus_months(prev_review, 6) END`;
}

/** Every statement to run on open, in dependency order. */
export const CANONICAL_VIEWS: readonly string[] = [...MACROS, ...VIEWS];

export interface ViewDefinition {
  name: string;
  /** The SELECT of the view. */
  body: string;
  /**
   * The SELECT of the view's rows for collection years from fromYear on: the same rows as the
   * whole view's for those years (a year's rows read only its own and earlier returns).
   */
  since(fromYear: number): string;
}

const VIEW_STATEMENT = /^CREATE OR REPLACE VIEW (\w+) AS\s*([\s\S]*)$/;

/** The name of the view a setup statement makes; null for any other statement (a macro). */
export const viewMadeBy = (sql: string): string | null => VIEW_STATEMENT.exec(sql)?.[1] ?? null;

const bodyOf = (sql: string) => {
  const m = VIEW_STATEMENT.exec(sql);
  if (!m) throw new Error(`Not a view definition: ${sql.slice(0, 60)}`);
  return { name: m[1]!, body: m[2]! };
};

/**
 * Views whose rows for some years are computed faster by a SELECT of their own than by filtering
 * the whole view (DuckDB pushes the filter neither into a CTE read twice nor through a window
 * over the years).
 */
const SINCE: Readonly<Record<string, (fromYear: number) => string>> = {
  episode_history: (fromYear) => bodyOf(episodeHistoryView(fromYear)).body,
  review_timeliness: (fromYear) => bodyOf(reviewTimelinessView(fromYear)).body,
};

/** Each canonical view as name + SELECT, in dependency order. */
export const CANONICAL_VIEW_DEFINITIONS: readonly ViewDefinition[] = VIEWS.map((sql) => {
  const { name, body } = bodyOf(sql);
  return { name, body, since: SINCE[name] ?? ((fromYear) => `SELECT * FROM (${body}) WHERE return_year >= ${fromYear}`) };
});

/** Names of the canonical views (for the SQL editor's schema list). */
export const CANONICAL_VIEW_NAMES: readonly string[] = CANONICAL_VIEW_DEFINITIONS.map((v) => v.name);
