/**
 * DfE rules on missing and away-from-placement episodes: their dates against each other, the
 * collection year, the child's birth, last year's open episodes, and the child's periods of care
 * (from the episodes). 570 and 567 are the workbench's generic date checks under DfE's code
 * (workbench.ts); 1006 is in adoptionMissing.ts.
 */
import type { FixtureRow, QualityRule } from '../rule.js';
import { birthday, END, lastYear, sameChild, START } from './sql.js';

const AWAY: FixtureRow = { MISSING: 'M', MIS_START: '2022-08-01', MIS_END: '2022-08-02' };
const fx = (missing: FixtureRow[], episodes?: FixtureRow[]) => ({ tables: { missing, ...(episodes ? { episodes } : {}) } });

/** Whether the missing row t falls outside every period of care of the child (who has episodes; the shared query periods_of_care), by the condition given on pc. */
const outsideEveryPeriod = (outside: string) =>
  `${sameChild('episodes', 'e')} AND NOT EXISTS (SELECT 1 FROM periods_of_care pc WHERE pc.return_year = t.return_year AND pc.child = t.child AND NOT coalesce(${outside}, false))`;

export const MISSING_RULES: QualityRule[] = [
  {
    code: '571',
    message: 'The date the child stopped being missing or away is before the start or after the end of the collection year.',
    table: 'missing',
    fields: ['MIS_END'],
    when: `t.mis_end < ${START} OR t.mis_end > ${END}`,
    pass: fx([{ ...AWAY, MIS_START: '2022-03-31', MIS_END: '2022-04-01' }]),
    fail: fx([{ ...AWAY, MIS_START: '2022-03-30', MIS_END: '2022-03-31' }]),
  },
  {
    code: '574',
    message: 'A missing or away episode starts while the previous one is still open, or before it ended (episodes overlap).',
    table: 'missing',
    fields: ['MIS_START', 'MIS_END'],
    when: `EXISTS (SELECT 1 FROM (
        SELECT m.return_year, m.child, m.source_row, lag(m.source_row) OVER w AS prev_row, lag(m.mis_end) OVER w AS prev_end
        FROM missing m WINDOW w AS (PARTITION BY m.return_year, m.child ORDER BY coalesce(m.mis_end, m.mis_start), m.mis_start, m.source_row)
      ) x WHERE x.return_year = t.return_year AND x.child = t.child AND x.source_row = t.source_row
        AND x.prev_row IS NOT NULL AND (x.prev_end IS NULL OR t.mis_start < x.prev_end))`,
    pass: fx([AWAY, { ...AWAY, MIS_START: '2022-08-02', MIS_END: '2022-08-03' }]),
    fail: fx([AWAY, { ...AWAY, MIS_START: '2022-08-01', MIS_END: '2022-08-03' }]),
  },
  {
    code: '575',
    message: 'The placement the child went missing or away from has ended, so the missing or away episode must have an end date.',
    table: 'missing',
    fields: ['MIS_END'],
    when: `t.mis_end IS NULL AND ${sameChild('episodes', 'e', 'e.dec IS NOT NULL AND t.mis_start BETWEEN e.decom AND e.dec')}`,
    pass: fx([{ ...AWAY, MIS_END: null }]),
    fail: fx([{ ...AWAY, MIS_END: null }], [{ DECOM: '2022-06-01', DEC: '2022-09-01', REC: 'X1' }, { DECOM: '2022-09-01', RNE: 'P' }]),
  },
  {
    code: '576',
    message: "Last year's return has a missing or away episode still open at 31 March, but this year's first episode for the child does not start on the same date.",
    table: 'missing',
    fields: ['CHILD', 'MIS_START'],
    previousYear: true,
    when: `NOT EXISTS (SELECT 1 FROM missing m WHERE m.return_year = t.return_year AND m.child = t.child
        AND (coalesce(m.mis_start, DATE '2099-01-01') < coalesce(t.mis_start, DATE '2099-01-01')
          OR (m.mis_start IS NOT DISTINCT FROM t.mis_start AND m.source_row < t.source_row)))
      AND ${lastYear('missing', 'p.mis_end IS NULL AND p.mis_start IS DISTINCT FROM t.mis_start')}`,
    pass: { ...fx([{ ...AWAY, MIS_START: '2022-03-20', MIS_END: '2022-04-02' }]), previous: { missing: [{ ...AWAY, MIS_START: '2022-03-20', MIS_END: null }] } },
    fail: { ...fx([{ ...AWAY, MIS_START: '2022-04-01', MIS_END: '2022-04-02' }]), previous: { missing: [{ ...AWAY, MIS_START: '2022-03-20', MIS_END: null }] } },
  },
  {
    code: '577',
    message: 'The child ceased to be looked after, but a missing or away episode has no end date (or does not fit within a period of care).',
    table: 'missing',
    fields: ['MIS_END'],
    when: `t.mis_start IS NOT NULL AND ${outsideEveryPeriod(`(t.mis_end IS NULL AND pc.poc_dec IS NOT NULL) OR (t.mis_end IS NULL AND t.mis_start < pc.poc_decom)
      OR t.mis_end > pc.poc_dec OR t.mis_end < pc.poc_decom`)}`,
    pass: fx([{ ...AWAY, MIS_END: null }]),
    fail: fx([{ ...AWAY, MIS_END: null }], [{ DECOM: '2022-06-01', DEC: '2022-09-01', REC: 'E8' }]),
  },
  {
    code: '578',
    message: 'The child went missing or away after they ceased to be looked after (outside every period of care).',
    table: 'missing',
    fields: ['MIS_START'],
    when: outsideEveryPeriod('t.mis_start < pc.poc_decom OR (t.mis_start > pc.poc_dec AND pc.poc_dec IS NOT NULL)'),
    pass: fx([{ ...AWAY, MIS_START: '2022-09-01', MIS_END: '2022-09-01' }], [{ DECOM: '2022-06-01', DEC: '2022-09-01', REC: 'E8' }]),
    fail: fx([{ ...AWAY, MIS_START: '2022-09-02', MIS_END: '2022-09-02' }], [{ DECOM: '2022-06-01', DEC: '2022-09-01', REC: 'E8' }]),
  },
  {
    code: '580',
    message: 'The child was missing when they ceased to be looked after on their 18th birthday, but the reason the episode ceased is not E8.',
    table: 'episodes',
    fields: ['REC'],
    when: `t.dec IS NOT NULL AND t.rec IS DISTINCT FROM 'E8' AND ${sameChild('missing', 'm', `m.mis_end = t.dec AND m.mis_end = ${birthday('m.dob', 18)}`)}`,
    pass: fx([{ ...AWAY, DOB: '2004-08-02' }], [{ DECOM: '2022-06-01', DEC: '2022-08-02', REC: 'E8' }]),
    fail: fx([{ ...AWAY, DOB: '2004-08-02' }], [{ DECOM: '2022-06-01', DEC: '2022-08-02', REC: 'E4A' }]),
  },
  {
    code: '581',
    message: 'The child was missing or away on a day they were not looked after (before or between their episodes).',
    table: 'missing',
    fields: ['MIS_START'],
    when: `${sameChild('episodes', 'e')} AND NOT ${sameChild('episodes', 'e', 't.mis_start >= e.decom AND (t.mis_start <= e.dec OR e.dec IS NULL)')}`,
    pass: fx([{ ...AWAY, MIS_START: '2022-06-01' }]),
    fail: fx([{ ...AWAY, MIS_START: '2022-05-31', MIS_END: '2022-06-01' }]),
  },
  {
    code: '586',
    message: 'The missing or away episode starts on or before the child\'s date of birth.',
    table: 'missing',
    fields: ['MIS_START', 'DOB'],
    when: 't.mis_start <= t.dob',
    pass: fx([{ ...AWAY, DOB: '2022-07-31' }]),
    fail: fx([{ ...AWAY, DOB: '2022-08-01' }]),
  },
];
