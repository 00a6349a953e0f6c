/** Children's participation in their statutory reviews held in the year. */
import { REVIEW_CODE } from '../domain/codes.js';
import { flowLabel } from '../domain/years.js';
import {
  CHILD,
  MIN_BASE_FOR_PERCENT,
  REVIEW,
  amountOf,
  baseCount,
  countChange,
  countOf,
  isShown,
  latestYear,
  notShown,
  pct,
  sentence,
  shareChange,
  suppressionNote,
  describeDistribution,
} from './commentary.js';
import { codeRows, keyedBy, unknownCodeRow } from './define.js';
import { byChild, countOption } from './reviewTimeliness.js';
import { TOTAL, type PackDefinition } from './types.js';
import { cellOf, yearOnYear } from './yearOnYear.js';

const CODES = REVIEW_CODE.codes.map((c) => c.code);
const ELIGIBLE = CODES.filter((c) => c !== 'PN0');
const PARTICIPATED = ELIGIBLE.filter((c) => c !== 'PN7');

export const reviewParticipationPack: PackDefinition = {
  id: 'review-participation',
  title: 'Participation in reviews',
  section: 'Reviews and participation',
  timing: 'flow',
  chart: 'stacked-100',
  definition:
    'Statutory reviews held in the year (REVIEW date in the year; children whose only episodes are short breaks left out), by how the ' +
    'child participated (REVIEW_CODE). Participation is PN1-PN6 as a share of reviews of children aged 4 or over (PN1-PN7); PN0 marks ' +
    'a child under 4.',
  base: 'Reviews held in the year; participation: reviews coded PN1-PN7.',
  unit: REVIEW,
  ageOn: [{ date: 'm.review', words: "the day of the review (the child's latest in the year, when children are counted)" }],
  options: [countOption("children with a review in the year, by how they took part in their latest review of the year")],
  ...keyedBy((o) => ({
    from: byChild(o)
      ? '(SELECT * FROM reviews_in_year QUALIFY row_number() OVER (PARTITION BY return_year, child ORDER BY review DESC) = 1) r'
      : 'reviews_in_year',
    keys: `key_list([code_key(review_code),
        CASE WHEN review_code IN ('${ELIGIBLE.join("', '")}') THEN 'eligible' END,
        CASE WHEN review_code IN ('${PARTICIPATED.join("', '")}') THEN 'participated' END])`,
    keyColumns: ['review_code'],
    details: 'child, review, review_code, age_at_review, dob, sex_key(sex) AS sex, ls_at_review AS legal_status, place_at_review AS placement',
  })),
  rows: [
    ...codeRows(REVIEW_CODE),
    { key: 'blank', label: 'Not recorded (blank)', group: null, optional: true },
    { key: 'eligible', label: 'Reviews of children aged 4 or over (PN1-PN7) (base of participation)', group: null, additive: false, base: 'none', role: 'base' },
    { key: 'participated', label: 'Child participated (PN1-PN6)', group: null, additive: false, base: { key: 'eligible' }, role: 'measure' },
  ],
  extraRow: (key) => unknownCodeRow(REVIEW_CODE, key),
  rowLabel: (key, o) => (key === 'eligible' && byChild(o) ? 'Children aged 4 or over at their latest review (PN1-PN7) (base of participation)' : undefined),
  total: true,
  category: 'way of taking part',
  percent: true,
  additive: true,
  extraSuppressionSets: (keys) => [
    { parent: 'eligible', members: ELIGIBLE },
    { parent: 'participated', members: PARTICIPATED },
    // Couldn't take part (PN7) is eligible less participated.
    { parent: 'eligible', members: ['participated', 'PN7'] },
    { parent: TOTAL, members: keys.filter((k) => !ELIGIBLE.includes(k) && k !== 'participated') },
  ],
  commentary: ({ result, options }) => {
    const year = latestYear(result);
    if (year === null) return [];
    const out: string[] = [];
    const total = cellOf(result, null, year);
    if (byChild(options)) {
      const eligible = baseCount(result, 'eligible', year);
      const part = cellOf(result, 'participated', year);
      if (isShown(total)) out.push(sentence(`In ${flowLabel(year)}, ${countOf(total.count, CHILD)} had a review`));
      const share = eligible === null || eligible === 0 ? null : amountOf(part, eligible);
      if (share !== null) out.push(sentence(`Of the ${countOf(eligible!, CHILD)} aged 4 or over, ${share} took part in their latest review (codes PN1-PN6)`));
      return [...out, ...suppressionNote(result)];
    }
    if (isShown(total)) out.push(sentence(`In ${flowLabel(year)}, ${countOf(total.count, REVIEW)} ${total.count === 1 ? 'was' : 'were'} held${countChange(yearOnYear(result, null, year), 'flow')}`));
    else out.push(notShown(`reviews held in ${flowLabel(year)}`));
    const eligible = baseCount(result, 'eligible', year);
    const part = cellOf(result, 'participated', year);
    if (eligible !== null && eligible > 0 && isShown(part)) {
      if (eligible >= MIN_BASE_FOR_PERCENT && part.percent != null) {
        const yoy = yearOnYear(result, 'participated', year);
        const prevBase = yoy.previousYear === null ? null : baseCount(result, 'eligible', yoy.previousYear);
        out.push(sentence(`Children aged 4 or over took part in ${pct(part.percent)} of their reviews (codes PN1-PN6)${shareChange(yoy, 'flow', prevBase)}`));
      } else out.push(sentence(`Children aged 4 or over took part in ${part.count} of their ${countOf(eligible, REVIEW)}`));
    }
    out.push(
      ...describeDistribution(result, {
        timing: 'flow',
        phrase: (row) => `reviews where the ${row.label.charAt(0).toLowerCase()}${row.label.slice(1)}`,
        largest: 'the most common',
        shareSuffix: ' of all reviews',
      }).slice(0, 1),
    );
    if (isShown(total) && total.count > 0) return [...out, ...suppressionNote(result)];
    return out;
  },
};
