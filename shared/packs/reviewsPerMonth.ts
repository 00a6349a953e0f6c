/** Statutory reviews held in each month of the year. */
import { flowLabel } from '../domain/years.js';
import { REVIEW, countOf, isShown, latestYear, leadersOf, sentence, suppressionNote } from './commentary.js';
import { keyedBy } from './define.js';
import type { PackDefinition, RowSpec } from './types.js';
import { cellOf } from './yearOnYear.js';

const MONTHS = ['April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'January', 'February', 'March'];
/** Row key of a month: its number in the calendar, two digits ('04' April ... '03' March). */
const monthKey = (i: number): string => String(((i + 3) % 12) + 1).padStart(2, '0');

export const reviewsPerMonthPack: PackDefinition = {
  id: 'reviews-per-month',
  title: 'Reviews held each month',
  section: 'Reviews and participation',
  timing: 'flow',
  chart: 'grouped-bar',
  definition:
    'Statutory reviews held in the year (REVIEW date in the year; children whose only episodes are short breaks left out; a child\'s ' +
    'review on one date counts once), by the calendar month of the review, April to March.',
  base: 'Reviews held in the year.',
  unit: REVIEW,
  ageOn: [{ date: 'm.review', words: 'the day of the review' }],
  ...keyedBy(() => ({
    from: 'reviews_in_year',
    keys: `[strftime(review, '%m')]`,
    keyColumns: ['review'],
    details: 'child, review, review_code, age_at_review, dob, sex_key(sex) AS sex, ls_at_review AS legal_status, place_at_review AS placement',
  })),
  rows: MONTHS.map((label, i): RowSpec => ({ key: monthKey(i), label, group: null })),
  total: true,
  percent: true,
  additive: true,
  commentary: ({ result }) => {
    const year = latestYear(result);
    if (year === null) return [];
    const total = cellOf(result, null, year);
    if (!isShown(total)) return suppressionNote(result);
    const out = [sentence(`In ${flowLabel(year)}, ${countOf(total.count, REVIEW)} ${total.count === 1 ? 'was' : 'were'} held`)];
    // The busiest month only when no suppressed month could be as busy (leadersOf decides, as for every pack).
    const busiest = leadersOf(result, year);
    if (busiest?.length === 1) out.push(sentence(`The most were held in ${busiest[0]!.label} (${countOf(busiest[0]!.values[String(year)]!.count!, REVIEW)})`));
    return [...out, ...suppressionNote(result)];
  },
};
