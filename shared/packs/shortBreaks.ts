/** Children looked after under an agreed series of short-term breaks: the one pack that counts them. */
import { flowLabel } from '../domain/years.js';
import { CHILD, countOf, isShown, latestYear, sentence, suppressionNote } from './commentary.js';
import { keyedBy, nestedIn } from './define.js';
import { TOTAL, type PackDefinition } from './types.js';
import { cellOf } from './yearOnYear.js';

const EPISODE = { one: 'short-break episode', many: 'short-break episodes' };

/** Each child with a short break in the year: their breaks, the first, whether one was open on 31 March, and whether they were also looked after otherwise. */
const ON_BREAKS = `(
      SELECT s.*, coalesce(o.other_care, FALSE) AS other_care
      FROM (
        SELECT return_year, child, count(DISTINCT decom) AS breaks, min(decom) AS first_break,
          bool_or(dec IS NULL OR dec > year_end(return_year)) AS on_31_march
        FROM episodes
        WHERE ls IN ('V3', 'V4') AND decom <= year_end(return_year) AND (dec IS NULL OR dec >= year_start(return_year))
        GROUP BY ALL
      ) s
      LEFT JOIN (
        -- Only children with a short break can match: the semi join keeps the grouping to them (not every child's episodes).
        SELECT e.return_year, e.child, TRUE AS other_care FROM episodes_nsb e
        SEMI JOIN (SELECT return_year, child FROM episodes WHERE ls IN ('V3', 'V4')) v ON v.return_year = e.return_year AND v.child = e.child
        WHERE e.decom <= year_end(e.return_year) AND (e.dec IS NULL OR e.dec >= year_start(e.return_year))
        GROUP BY ALL
      ) o ON o.return_year = s.return_year AND o.child = s.child)`;

export const shortBreaksPack: PackDefinition = {
  id: 'short-breaks',
  title: 'Children on short breaks',
  section: 'Children looked after',
  timing: 'flow',
  chart: 'grouped-bar',
  definition:
    'Children with at least one short-break episode (legal status V3 or V4) open at any time in the year: the children every other ' +
    'table leaves out. Split into those whose only episodes in the year were short breaks and those also looked after otherwise, with ' +
    'the children on a short break on 31 March (an episode open that day) and the number of short-break episodes (the same start ' +
    'recorded twice counts once).',
  base: 'Children with a short-break episode during the year.',
  unit: CHILD,
  measures: true,
  ...keyedBy(() => ({
    from: `(
      SELECT s.*, hd.dob, sex_key(hd.sex) AS sex, age_on(hd.dob, year_end(s.return_year)) AS age
      FROM ${ON_BREAKS} s
      LEFT JOIN child_header hd ON hd.return_year = s.return_year AND hd.child = s.child) s`,
    countFrom: `${ON_BREAKS} s`,
    keys: `key_list([CASE WHEN other_care THEN 'also-looked-after' ELSE 'short-breaks-only' END,
        CASE WHEN on_31_march THEN 'at-31-march' END, 'episodes'])`,
    keyColumns: ['other_care', 'on_31_march', 'breaks'],
    measures: { episodes: 'breaks' },
    details: 's.child, s.dob, s.age AS age_31_march, s.sex, s.breaks AS short_break_episodes, s.first_break, s.on_31_march, s.other_care AS also_looked_after',
  })),
  rows: [
    { key: 'short-breaks-only', label: 'Only short breaks in the year', group: null },
    { key: 'also-looked-after', label: 'Also looked after other than on short breaks', group: null },
    { key: 'at-31-march', label: 'On a short break on 31 March', group: null, additive: false, role: 'measure' },
    { key: 'episodes', label: 'Short-break episodes in the year', group: null, kind: 'sum', additive: false },
  ],
  total: true,
  // The first two rows add up to it; the others are beside them.
  totalLabel: 'Children with a short break during the year (base)',
  percent: true,
  additive: true,
  // Those on a short break on 31 March are within the children: the rest (their breaks ended) is a count.
  extraSuppressionSets: () => [nestedIn(TOTAL, 'at-31-march')],
  commentary: ({ result }) => {
    const year = latestYear(result);
    if (year === null) return [];
    const total = cellOf(result, null, year);
    const episodes = cellOf(result, 'episodes', year);
    if (!isShown(total)) return suppressionNote(result);
    const ep = isShown(episodes) && total.count > 0 ? `, in ${countOf(episodes.count, EPISODE)}` : '';
    return [
      sentence(`During ${flowLabel(year)}, ${countOf(total.count, CHILD)} ${total.count === 1 ? 'was' : 'were'} looked after on short breaks${ep}`),
      ...suppressionNote(result),
    ];
  },
};
