/**
 * DfE rules on social worker episodes (collected from 2023/24): complete and valid items, the
 * episodes in order (one after another, each closed but the last), within the reporting period, and
 * a child looked after at 31 March having them. Rules DfE added in 2024/25 apply from 2025; where the
 * public validator changed a 2023/24 rule in 2024/25, each version applies to its years.
 * SW06STG2 (start after the year) is the workbench's date check under DfE's code (workbench.ts).
 */
import { SW_REASON } from '../../domain/codes.js';
import type { FixtureRow, QualityRule } from '../rule.js';
import { END, lastYear, sameChild, START, validCode } from './sql.js';

const FIRST_YEAR = 2024;
const SW: FixtureRow = { SW_ID: 'SW1', SW_DECOM: '2023-05-01', SW_DEC: null, SW_REASON: 'MANAGE' };
const fx = (rows: FixtureRow[], year = FIRST_YEAR) => ({ year, tables: { sw_episodes: rows } });

/** The child's social worker episodes of the row's year in order (start, then end, blanks last), with the one before each. */
const ORDERED = `(SELECT s.return_year, s.child, s.source_row, lag(s.source_row) OVER w AS prev_row, lag(s.sw_dec) OVER w AS prev_dec,
    lead(s.source_row) OVER w AS next_row
  FROM sw_episodes s WINDOW w AS (PARTITION BY s.return_year, s.child ORDER BY s.sw_decom NULLS LAST, s.sw_dec NULLS LAST, s.source_row))`;
const inOrder = (cond: string) =>
  `EXISTS (SELECT 1 FROM ${ORDERED} o WHERE o.return_year = t.return_year AND o.child = t.child AND o.source_row = t.source_row AND (${cond}))`;

/** The child's first social worker episode of the year (earliest start; blanks last), or last year's latest. */
const firstOf = (alias: string) => `NOT EXISTS (SELECT 1 FROM sw_episodes f WHERE f.return_year = ${alias}.return_year AND f.child = ${alias}.child
  AND (coalesce(f.sw_decom, DATE '9999-12-31') < coalesce(${alias}.sw_decom, DATE '9999-12-31') OR (f.sw_decom IS NOT DISTINCT FROM ${alias}.sw_decom AND f.source_row < ${alias}.source_row)))`;
const LATEST_LAST_YEAR = `NOT EXISTS (SELECT 1 FROM sw_episodes q WHERE q.return_year = p.return_year AND q.child = p.child
  AND (q.sw_decom > p.sw_decom OR (q.sw_decom = p.sw_decom AND q.source_row < p.source_row)))`;

/** DfE SW16a-c: this year's first episode carries on last year's open latest one (same worker, start, reason). */
function carriesOn(code: string, column: 'sw_id' | 'sw_decom' | 'sw_reason', what: string): QualityRule {
  const field = column.toUpperCase();
  const lastOpen = { sw_episodes: [{ ...SW, SW_DECOM: '2023-05-01' }] };
  return {
    code,
    message: `The child's social worker episode open at the end of last year's return should carry on this year with the same ${what}.`,
    table: 'sw_episodes',
    fields: [field],
    from: 2025,
    previousYear: true,
    when: `${firstOf('t')} AND ${lastYear('sw_episodes', `p.sw_dec IS NULL AND p.sw_decom IS NOT NULL AND ${LATEST_LAST_YEAR} AND p.${column} IS DISTINCT FROM t.${column}`)}`,
    pass: { ...fx([SW], 2025), previous: lastOpen },
    fail: { ...fx([{ ...SW, [field]: column === 'sw_decom' ? '2023-05-02' : column === 'sw_id' ? 'SW2' : 'LEFTRL' }], 2025), previous: lastOpen },
  };
}

export const SOCIAL_WORKER_RULES: QualityRule[] = [
  // 2023/24: every social worker episode of the child needs the worker, start and reason; from 2024/25 worker and start.
  ...[
    { to: 2024, missing: 's.sw_id IS NULL OR s.sw_decom IS NULL OR s.sw_reason IS NULL', what: 'worker, start date and reason' },
    { from: 2025, missing: 's.sw_id IS NULL OR s.sw_decom IS NULL', what: 'worker and start date' },
  ].map(({ from, to, missing, what }): QualityRule => ({
    code: 'SW01STG1',
    message: 'The child is looked after at 31 March, but no complete social worker episode is reported.',
    table: 'episodes',
    fields: ['DEC', 'LS'],
    from: from ?? FIRST_YEAR,
    ...(to !== undefined ? { to } : {}),
    needs: ['sw_episodes'],
    when: `t.dec IS NULL AND coalesce(t.ls, '') NOT IN ('V3', 'V4')
      AND (NOT ${sameChild('sw_episodes', 's')} OR ${sameChild('sw_episodes', 's', missing)})`,
    pass: fx([SW], from ?? FIRST_YEAR),
    fail: fx(what.includes('reason') ? [{ ...SW, SW_REASON: null }] : [{ ...SW, SW_ID: null }], from ?? FIRST_YEAR),
  })),
  {
    code: 'SW01aSTG1',
    message: 'A social worker episode has no start date, or one started before April 2023 has no social worker.',
    table: 'sw_episodes',
    fields: ['SW_DECOM', 'SW_ID'],
    from: 2025,
    when: `(t.sw_decom < DATE '2023-04-01' AND t.sw_id IS NULL) OR t.sw_decom IS NULL`,
    pass: fx([{ ...SW, SW_ID: null }], 2025),
    fail: fx([{ ...SW, SW_ID: null, SW_DECOM: '2023-03-31' }], 2025),
  },
  {
    code: 'SW01bSTG1',
    message: 'A social worker episode has no start date, or one started from April 2023 has no social worker or no reason for the change.',
    table: 'sw_episodes',
    fields: ['SW_DECOM', 'SW_ID', 'SW_REASON'],
    from: 2025,
    when: `(t.sw_decom >= DATE '2023-04-01' AND (t.sw_id IS NULL OR t.sw_reason IS NULL)) OR t.sw_decom IS NULL`,
    pass: fx([{ ...SW, SW_REASON: null, SW_DECOM: '2023-03-31' }], 2025),
    fail: fx([{ ...SW, SW_REASON: null }], 2025),
  },
  {
    code: 'SW02STG1',
    message: "The social worker's id does not begin with SW or XX.",
    table: 'sw_episodes',
    fields: ['SW_ID'],
    from: FIRST_YEAR,
    when: `coalesce(left(t.sw_id, 2), '') NOT IN ('SW', 'XX')`,
    pass: fx([{ ...SW, SW_ID: 'XX12' }]),
    fail: fx([{ ...SW, SW_ID: 'sw12' }]),
  },
  {
    code: 'SW03STG1',
    message: 'A social worker episode must have the social worker, the start date and the reason for the change.',
    table: 'sw_episodes',
    fields: ['SW_ID', 'SW_DECOM', 'SW_REASON'],
    from: FIRST_YEAR,
    when: `t.sw_id IS NULL OR t.sw_decom IS NULL OR t.sw_reason IS NULL`,
    pass: fx([SW]),
    fail: fx([{ ...SW, SW_REASON: null }]),
  },
  // 2023/24: an end within the collection year; from 2024/25 from the year before's start.
  ...[
    { to: 2024, earliest: START, good: '2023-04-01', bad: '2023-03-31' },
    { from: 2025, earliest: `CAST(${START} - INTERVAL 1 YEAR AS DATE)`, good: '2023-04-01', bad: '2023-03-31' },
  ].map(({ from, to, earliest, good, bad }): QualityRule => ({
    code: 'SW07STG2',
    message: 'A social worker episode ends before the start of the reporting period or after 31 March.',
    table: 'sw_episodes',
    fields: ['SW_DEC'],
    from: from ?? FIRST_YEAR,
    ...(to !== undefined ? { to } : {}),
    when: `t.sw_dec < ${earliest} OR t.sw_dec > ${END}`,
    pass: fx([{ ...SW, SW_DECOM: '2022-01-01', SW_DEC: good }], from ?? FIRST_YEAR),
    fail: fx([{ ...SW, SW_DECOM: '2022-01-01', SW_DEC: bad }], from ?? FIRST_YEAR),
  })),
  {
    code: 'SW108STG2',
    message: 'A later social worker episode has started, but this one has not ended.',
    table: 'sw_episodes',
    fields: ['SW_DEC'],
    from: FIRST_YEAR,
    when: `t.sw_dec IS NULL AND t.sw_decom IS NOT NULL AND ${sameChild('sw_episodes', 's', 's.sw_decom > t.sw_decom OR (s.sw_decom = t.sw_decom AND s.source_row > t.source_row)')}`,
    pass: fx([{ ...SW, SW_DEC: '2023-06-01' }, { ...SW, SW_DECOM: '2023-06-01' }]),
    fail: fx([SW, { ...SW, SW_DECOM: '2023-06-01' }]),
  },
  {
    code: 'SW09STG2',
    message: 'The social worker episode appears to have lasted less than 24 hours (it ends the day it starts).',
    table: 'sw_episodes',
    fields: ['SW_DECOM', 'SW_DEC'],
    from: FIRST_YEAR,
    when: 't.sw_dec = t.sw_decom',
    pass: fx([{ ...SW, SW_DEC: '2023-05-02' }]),
    fail: fx([{ ...SW, SW_DEC: '2023-05-01' }]),
  },
  // From 2024/25 a first contact (FCONTA) may start at any time.
  ...[{ to: 2024, exempt: 'true' }, { from: 2025, exempt: "t.sw_reason IS DISTINCT FROM 'FCONTA'" }].map(({ from, to, exempt }): QualityRule => ({
    code: 'SW10STG2',
    message: 'A social worker episode starts more than 7 days before or after the previous one ended (or the previous one has not ended).',
    table: 'sw_episodes',
    fields: ['SW_DECOM', 'SW_REASON'],
    from: from ?? FIRST_YEAR,
    ...(to !== undefined ? { to } : {}),
    when: `${exempt} AND ${inOrder(`o.prev_row IS NOT NULL
      AND NOT coalesce(t.sw_decom BETWEEN CAST(o.prev_dec - INTERVAL 7 DAY AS DATE) AND CAST(o.prev_dec + INTERVAL 7 DAY AS DATE), false)`)}`,
    pass: fx([{ ...SW, SW_DEC: '2023-06-01' }, { ...SW, SW_DECOM: '2023-06-08' }], from ?? FIRST_YEAR),
    fail: fx([{ ...SW, SW_DEC: '2023-06-01' }, { ...SW, SW_DECOM: '2023-06-09' }], from ?? FIRST_YEAR),
  })),
  {
    code: 'SW11aSTG2',
    message: 'A social worker episode ended before 31 March, but the next one does not start within 5 days of it.',
    table: 'sw_episodes',
    fields: ['SW_DECOM', 'SW_DEC'],
    from: FIRST_YEAR,
    when: inOrder(`o.prev_row IS NOT NULL AND o.prev_dec <= CAST(${END} - INTERVAL 5 DAY AS DATE)
      AND NOT coalesce(t.sw_decom BETWEEN CAST(o.prev_dec - INTERVAL 5 DAY AS DATE) AND CAST(o.prev_dec + INTERVAL 5 DAY AS DATE), false)`),
    pass: fx([{ ...SW, SW_DEC: '2023-06-01' }, { ...SW, SW_DECOM: '2023-06-06' }]),
    fail: fx([{ ...SW, SW_DEC: '2023-06-01' }, { ...SW, SW_DECOM: '2023-06-07' }]),
  },
  {
    code: 'SW12STG2',
    message: 'The child started or left care (in the year or the year before), but no social worker episode is reported over that episode of care.',
    table: 'episodes',
    fields: ['DECOM', 'DEC', 'RNE', 'REC'],
    from: FIRST_YEAR,
    needs: ['sw_episodes'],
    // DfE's check (as the public validator writes it) reports an episode when any one of the child's
    // social worker episodes falls outside it, and counts an open episode as leaving care, so nearly
    // every child with two social workers is reported; here an episode that starts (S) or ends care
    // (a REC other than X1) is reported when no social worker episode overlaps it.
    when: `((t.dec BETWEEN CAST(${START} - INTERVAL 1 YEAR AS DATE) AND ${END}) OR t.dec IS NULL) AND coalesce(t.ls, '') NOT IN ('V3', 'V4')
      AND (t.rne = 'S' OR (t.rec IS NOT NULL AND t.rec <> 'X1'))
      AND NOT ${sameChild('sw_episodes', 's', `s.sw_decom <= coalesce(t.dec, ${END}) AND (s.sw_dec IS NULL OR s.sw_dec >= t.decom)`)}`,
    pass: { year: FIRST_YEAR, tables: { episodes: [{ DECOM: '2023-05-01', DEC: '2023-06-01', REC: 'E13' }], sw_episodes: [{ ...SW, SW_DECOM: '2023-06-01' }] } },
    fail: { year: FIRST_YEAR, tables: { episodes: [{ DECOM: '2023-05-01', DEC: '2023-06-01', REC: 'E13' }], sw_episodes: [{ ...SW, SW_DECOM: '2023-06-02' }] } },
  },
  {
    code: 'SW13STG1',
    message: 'The reason for the change of social worker is not valid, or is blank (blank is allowed only on the episode open when the year began, or the first of the year).',
    table: 'sw_episodes',
    fields: ['SW_REASON'],
    from: FIRST_YEAR,
    when: `NOT ${validCode(SW_REASON, 't.sw_reason')} AND NOT (t.sw_reason IS NULL AND t.source_row = (
      SELECT arg_min(c.source_row, c.sw_decom) FROM (
        (SELECT s.source_row, s.sw_decom, s.sw_dec FROM sw_episodes s WHERE s.return_year = t.return_year AND s.child = t.child AND s.sw_decom < ${START}
          ORDER BY s.sw_decom DESC, s.source_row DESC LIMIT 1)
        UNION ALL
        (SELECT s.source_row, s.sw_decom, s.sw_dec FROM sw_episodes s WHERE s.return_year = t.return_year AND s.child = t.child AND s.sw_decom >= ${START}
          ORDER BY s.sw_decom, s.source_row LIMIT 1)
      ) c WHERE c.sw_decom >= ${START} OR c.sw_dec IS NULL OR c.sw_dec >= ${START}))`,
    pass: fx([{ ...SW, SW_DECOM: '2022-05-01', SW_DEC: '2023-05-01', SW_REASON: null }, { ...SW, SW_DECOM: '2023-05-01' }]),
    fail: fx([{ ...SW, SW_DECOM: '2022-05-01', SW_DEC: '2023-05-01' }, { ...SW, SW_DECOM: '2023-05-01', SW_REASON: null }]),
  },
  {
    code: 'SW14STG2',
    message: 'The social worker episode has no end date, but it is not the child\'s latest.',
    table: 'sw_episodes',
    fields: ['SW_DEC'],
    from: FIRST_YEAR,
    when: `t.sw_dec IS NULL AND ${inOrder('o.next_row IS NOT NULL')}`,
    pass: fx([{ ...SW, SW_DEC: '2023-06-01' }, { ...SW, SW_DECOM: '2023-06-01' }]),
    fail: fx([SW, { ...SW, SW_DECOM: '2023-06-01' }]),
  },
  {
    code: 'SW15STG2',
    message: 'The reason for the change of social worker is blank (only an episode starting more than a year before the collection year may have none).',
    table: 'sw_episodes',
    fields: ['SW_REASON', 'SW_DECOM'],
    from: 2025,
    when: `t.sw_reason IS NULL AND NOT coalesce(t.sw_decom < CAST(${START} - INTERVAL 1 YEAR AS DATE), false)`,
    pass: fx([{ ...SW, SW_REASON: null, SW_DECOM: '2023-03-31' }], 2025),
    fail: fx([{ ...SW, SW_REASON: null, SW_DECOM: '2023-04-01' }], 2025),
  },
  carriesOn('SW16aSTG2', 'sw_id', 'social worker'),
  carriesOn('SW16bSTG2', 'sw_decom', 'start date'),
  carriesOn('SW16cSTG2', 'sw_reason', 'reason for the change'),
];
