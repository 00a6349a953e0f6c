/** Timeliness of statutory reviews held in the year. */
import { flowLabel } from '../domain/years.js';
import { CHILD, MIN_BASE_FOR_PERCENT, REVIEW, amountOf, baseCount, bracket, countOf, isShown, latestYear, pct, sentence, shareChange, suppressionNote } from './commentary.js';
import { keyedBy } from './define.js';
import type { PackDefinition, PackOption, PackOptions } from './types.js';
import { cellOf, yearOnYear } from './yearOnYear.js';

function columns(o: PackOptions): { status: string; due: string } {
  return o.firstReview === '28-days' ? { status: 'timeliness_28d', due: 'due_date_28d' } : { status: 'timeliness', due: 'due_date' };
}

const HISTORY_RULE =
  'Incomplete history (u): a review whose timeliness is not known because its period of care began before the run of loaded ' +
  'returns that holds the earlier reviews (it could have been on time or late). Reviews judged on time or late whatever came ' +
  'before are not affected. The returns from the year the period began would help.';

/** Counting children (as some seed reports do) rather than reviews (the default). */
export function byChild(o: PackOptions): boolean {
  return o.count === 'children';
}

/** The option every review pack has: count reviews (default), or the children who had them. */
export function countOption(children: string): PackOption {
  return {
    id: 'count',
    label: 'Counted',
    choices: [
      { value: 'reviews', label: 'reviews' },
      { value: 'children', label: children },
    ],
    default: 'reviews',
  };
}

/** One row per child with a review in the year: all on time, any late, else not known. */
function childTimeliness(status: string): string {
  return `(
      SELECT return_year, child, any_value(dob) AS dob, any_value(sex) AS sex, count(*) AS reviews_in_year,
        count(*) FILTER (WHERE ${status} = 'late') AS late_reviews,
        CASE WHEN bool_or(${status} = 'late') THEN 'late' WHEN bool_and(${status} = 'on-time') THEN 'on-time' ELSE 'not-known' END AS status,
        bool_and(coalesce(history_complete, TRUE)) AS history_complete, min(period_start) AS period_start
      FROM review_timeliness GROUP BY return_year, child) t`;
}

/** A review (or a child) not known for want of earlier reviews could be on time or late. */
function historyOf(status: string): { uncertain: string; needYear: string } {
  return {
    uncertain: `CASE WHEN ${status} = 'not-known' AND NOT coalesce(history_complete, TRUE) THEN ['on-time', 'late', 'not-known'] END`,
    needYear: 'collection_year(period_start)',
  };
}

export const reviewTimelinessPack: PackDefinition = {
  id: 'review-timeliness',
  title: 'Timeliness of reviews',
  section: 'Reviews and participation',
  timing: 'flow',
  chart: 'stacked-100',
  definition:
    'Statutory reviews held in the year (children whose only episodes are short breaks left out), on time or late against the Care ' +
    'Planning, Placement and Case Review (England) Regulations 2010: in each period of care the first review within 20 working days of ' +
    'the day the period began (England and Wales bank holidays), the second within 3 months of the first, and later reviews within 6 ' +
    'months of the previous one. Earlier reviews come from the earlier returns loaded. Where a period of care began before the earliest ' +
    'loaded return, a review is on time or late only where that is certain whatever reviews were held before; otherwise it is "not known".',
  base: 'Reviews held in the year.',
  unit: REVIEW,
  options: [
    {
      id: 'firstReview',
      label: 'First review due',
      choices: [
        { value: '20-working-days', label: 'within 20 working days of becoming looked after (2010 Regulations)' },
        { value: '28-days', label: 'within 28 days of becoming looked after (older procedures)' },
      ],
      default: '20-working-days',
    },
    countOption('children with a review in the year: on time when every review they had in the year was on time, late when any was late'),
  ],
  ...keyedBy((o) => {
    const c = columns(o);
    if (byChild(o)) {
      return {
        from: childTimeliness(c.status),
        keys: '[status]',
        keyColumns: ['status'],
        details: 'child, dob, sex_key(sex) AS sex, reviews_in_year, late_reviews, status AS timeliness',
        history: historyOf('status'),
      };
    }
    return {
      from: 'review_timeliness',
      keys: `[${c.status}]`,
      keyColumns: [c.status],
      details: `child, review, review_no AS review_in_period, period_start, prev_review AS previous_review, ${c.due} AS due_by,
      ${c.status} AS timeliness, review_code, age_at_review, sex_key(sex) AS sex, ls_at_review AS legal_status, place_at_review AS placement`,
      history: historyOf(c.status),
    };
  }, HISTORY_RULE),
  rows: [
    { key: 'on-time', label: 'Held on time', group: null },
    { key: 'late', label: 'Held late', group: null },
    { key: 'not-known', label: 'Timeliness not known (earlier reviews not loaded, or review outside a period of care)', group: null, optional: true },
  ],
  total: true,
  category: 'outcome',
  percent: true,
  additive: true,
  notes: [
    'Reviews of children placed for adoption follow the same timescales here; the Adoption Agencies Regulations timescales are not applied.',
  ],
  commentary: ({ result, options }) => {
    const year = latestYear(result);
    if (year === null) return [];
    const out: string[] = [];
    const total = baseCount(result, null, year);
    const onTime = cellOf(result, 'on-time', year);
    if (total === 0) return [sentence(`No reviews were held in ${flowLabel(year)}`)];
    if (byChild(options)) {
      const share = total === null ? null : amountOf(onTime, total);
      if (total !== null && share !== null) {
        out.push(sentence(`In ${flowLabel(year)}, ${share} of the ${countOf(total, CHILD)} with a review had every review on time`));
      }
      return [...out, ...suppressionNote(result)];
    }
    if (total !== null && total > 0 && isShown(onTime)) {
      if (total >= MIN_BASE_FOR_PERCENT && onTime.percent != null) {
        const yoy = yearOnYear(result, 'on-time', year);
        const prevBase = yoy.previousYear === null ? null : baseCount(result, null, yoy.previousYear);
        out.push(sentence(`In ${flowLabel(year)}, ${pct(onTime.percent)} of the ${countOf(total, REVIEW)} held were on time${bracket(shareChange(yoy, 'flow', prevBase))}`));
      } else out.push(sentence(`In ${flowLabel(year)}, ${onTime.count} of the ${countOf(total, REVIEW)} held ${onTime.count === 1 ? 'was' : 'were'} on time`));
    }
    const unknown = cellOf(result, 'not-known', year);
    if (isShown(unknown) && unknown.count > 0) {
      out.push(sentence(`For ${countOf(unknown.count, REVIEW)} timeliness cannot be worked out from the returns loaded (the earlier reviews of the period of care are not loaded)`));
    }
    return [...out, ...suppressionNote(result)];
  },
};
