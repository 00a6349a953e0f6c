/**
 * DfE rules on the decisions that a child should (or should no longer) be placed for adoption:
 * against each other, against last year's return, and against the episodes (placement order E1,
 * freeing order D1, placed for adoption A3-A6, adopted E11/E12). Where DfE's check reports the
 * episode as well, so does the rule. Rules 117-120 and 184 are in adoptionMissing.ts; 522 is the
 * workbench's dates-in-order check under DfE's code (workbench.ts); 523 and 525 are in adoptions.ts.
 */
import type { FixtureRow, QualityRule } from '../rule.js';
import { lastYear, sameChild, START } from './sql.js';
import { firstEpisode, type OnEpisode, withEpisode } from './withEpisode.js';

const PLACED_FOR_ADOPTION = `('A3', 'A4', 'A5', 'A6')`;
const DECISION: FixtureRow = { DATE_PLACED: '2022-07-01' };
const REVERSED: FixtureRow = { DATE_PLACED: '2022-07-01', DATE_PLACED_CEASED: '2022-10-01', REASON_PLACED_CEASED: 'RD1' };

/** Fixture tables: the decisions (placed_for_adoption rows) and, where given, the episodes. */
const fx = (decisions: FixtureRow[], episodes?: FixtureRow[]) => ({ tables: { placed_for_adoption: decisions, ...(episodes ? { episodes } : {}) } });
/** In care from June 2022 under a placement order (E1), placed for adoption (A4) in September. */
const ORDER_THEN_PLACED: FixtureRow[] = [
  { DECOM: '2022-06-01', LS: 'E1', DEC: '2022-09-01', REC: 'X1' },
  { DECOM: '2022-09-01', RNE: 'P', LS: 'E1', PLACE: 'A4' },
];

const placedForAdoption: OnEpisode = (e) => `${e}.place IN ${PLACED_FOR_ADOPTION}`;
const anyDecision = (cond = 'true') => sameChild('placed_for_adoption', 'p', cond);

/** DfE 553 and 555: an order (E1 placement order, D1 freeing order) needs a decision; while it is open the decision stands. */
function orderNeedsDecision(code: string, ls: string, order: string): QualityRule[] {
  const message = `A ${order} has been granted (${ls}), but there is no decision that the child should be placed for adoption, or it is recorded as reversed while the order is open.`;
  const episodes = [{ DECOM: '2022-06-01', LS: ls }];
  return [
    {
      code,
      message,
      table: 'episodes',
      fields: ['LS'],
      when: `t.ls = '${ls}' AND NOT ${anyDecision()}`,
      needs: ['placed_for_adoption'],
      pass: fx([DECISION], episodes),
      fail: fx([], episodes),
    },
    {
      code,
      message,
      table: 'placed_for_adoption',
      fields: ['DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'],
      when: `(t.date_placed_ceased IS NOT NULL OR t.reason_placed_ceased IS NOT NULL) AND ${sameChild('episodes', 'e', `e.ls = '${ls}' AND e.dec IS NULL`)}`,
      pass: fx([DECISION], episodes),
      fail: fx([REVERSED], episodes),
    },
  ];
}

/** DfE 557: left care other than by adoption after a freeing order (D1), a placement order (E1) or placement for adoption. */
const LEFT_NOT_ADOPTED: OnEpisode = (e) =>
  `(${e}.place IN ${PLACED_FOR_ADOPTION} OR ${e}.ls IN ('D1', 'E1')) AND ${e}.rec IS NOT NULL AND ${e}.rec NOT IN ('E11', 'E12', 'X1')`;
const CEASED_INCOMPLETE = (p: string) => `(${p}.date_placed_ceased IS NULL OR ${p}.reason_placed_ceased IS NULL)`;

export const PLACED_FOR_ADOPTION_RULES: QualityRule[] = [
  {
    code: '563',
    message: 'The child should no longer be placed for adoption, but the date of the decision that they should be is blank.',
    table: 'placed_for_adoption',
    fields: ['DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'],
    when: `t.reason_placed_ceased IS NOT NULL AND t.date_placed_ceased IS NOT NULL AND t.date_placed IS NULL`,
    pass: fx([REVERSED]),
    fail: fx([{ ...REVERSED, DATE_PLACED: null }]),
  },
  {
    code: '579',
    message: 'A decision that the child should be placed for adoption starts while the previous one is still open or before it was reversed (decisions overlap).',
    table: 'placed_for_adoption',
    fields: ['DATE_PLACED', 'DATE_PLACED_CEASED'],
    when: `EXISTS (SELECT 1 FROM (
        SELECT p.return_year, p.child, p.source_row, lag(p.source_row) OVER w AS prev_row, lag(p.date_placed_ceased) OVER w AS prev_ceased
        FROM placed_for_adoption p WINDOW w AS (PARTITION BY p.return_year, p.child ORDER BY p.date_placed NULLS LAST, p.source_row)
      ) x WHERE x.return_year = t.return_year AND x.child = t.child AND x.source_row = t.source_row
        AND x.prev_row IS NOT NULL AND (x.prev_ceased IS NULL OR t.date_placed < x.prev_ceased))`,
    pass: fx([REVERSED, { DATE_PLACED: '2022-10-01' }]),
    fail: fx([REVERSED, { DATE_PLACED: '2022-09-30' }]),
  },
  {
    code: '583',
    message: 'More than one decision that the child should be placed for adoption is recorded, but an earlier one has no date it was reversed.',
    table: 'placed_for_adoption',
    fields: ['DATE_PLACED', 'DATE_PLACED_CEASED'],
    when: `t.date_placed_ceased IS NULL AND EXISTS (SELECT 1 FROM placed_for_adoption p WHERE p.return_year = t.return_year AND p.child = t.child AND p.source_row <> t.source_row
      AND (p.date_placed_ceased IS NULL OR coalesce(p.date_placed, DATE '0001-01-01') > coalesce(t.date_placed, DATE '0001-01-01')
        OR (p.date_placed IS NOT DISTINCT FROM t.date_placed AND p.source_row < t.source_row)))`,
    pass: fx([REVERSED, { DATE_PLACED: '2022-11-01' }]),
    fail: fx([{ DATE_PLACED: '2022-07-01' }, { DATE_PLACED: '2022-11-01', DATE_PLACED_CEASED: '2022-12-01', REASON_PLACED_CEASED: 'RD1' }]),
  },
  {
    code: '559',
    message: 'The decision that the child should be placed for adoption was made before this year, but it is not in last year\'s return.',
    table: 'placed_for_adoption',
    fields: ['DATE_PLACED'],
    previousYear: true,
    when: `t.date_placed < ${START} AND (NOT ${lastYear('placed_for_adoption', 'true')} OR ${lastYear('placed_for_adoption', 'p.date_placed IS NULL')})`,
    pass: { ...fx([{ DATE_PLACED: '2022-03-01' }]), previous: { placed_for_adoption: [{ DATE_PLACED: '2022-03-01' }] } },
    fail: { ...fx([{ DATE_PLACED: '2022-03-01' }]), previous: {} },
  },
  {
    code: '560',
    message: 'The decision that the child should be placed for adoption is dated differently from last year, though last year it had not been reversed.',
    table: 'placed_for_adoption',
    fields: ['DATE_PLACED', 'DATE_PLACED_CEASED'],
    previousYear: true,
    when: lastYear('placed_for_adoption', 'p.date_placed IS NOT NULL AND p.date_placed_ceased IS NULL AND p.date_placed IS DISTINCT FROM t.date_placed'),
    pass: { ...fx([{ DATE_PLACED: '2022-03-01' }]), previous: { placed_for_adoption: [{ DATE_PLACED: '2022-03-01' }] } },
    fail: { ...fx([{ DATE_PLACED: '2022-03-02' }]), previous: { placed_for_adoption: [{ DATE_PLACED: '2022-03-01' }] } },
  },
  {
    code: '561',
    message: 'The decision that the child should be placed for adoption has the same date as last year\'s, but last year that decision was reversed.',
    table: 'placed_for_adoption',
    fields: ['DATE_PLACED'],
    previousYear: true,
    when: lastYear('placed_for_adoption', 'p.date_placed = t.date_placed AND (p.reason_placed_ceased IS NOT NULL OR p.date_placed_ceased IS NOT NULL)'),
    pass: { ...fx([{ DATE_PLACED: '2022-05-01' }]), previous: { placed_for_adoption: [{ DATE_PLACED: '2021-07-01', DATE_PLACED_CEASED: '2021-10-01', REASON_PLACED_CEASED: 'RD1' }] } },
    fail: { ...fx([{ DATE_PLACED: '2021-07-01' }]), previous: { placed_for_adoption: [{ DATE_PLACED: '2021-07-01', DATE_PLACED_CEASED: '2021-10-01', REASON_PLACED_CEASED: 'RD1' }] } },
  },
  {
    code: '584',
    message: 'Last year the decision that the child should be placed for adoption was reversed, so this year\'s decision should be a new one dated after it.',
    table: 'placed_for_adoption',
    fields: ['DATE_PLACED'],
    previousYear: true,
    when: lastYear('placed_for_adoption', '(p.date_placed_ceased IS NOT NULL OR p.reason_placed_ceased IS NOT NULL) AND (t.date_placed IS NULL OR t.date_placed <= p.date_placed)'),
    pass: { ...fx([{ DATE_PLACED: '2022-05-01' }]), previous: { placed_for_adoption: [{ DATE_PLACED: '2021-07-01', DATE_PLACED_CEASED: '2021-10-01', REASON_PLACED_CEASED: 'RD1' }] } },
    fail: { ...fx([{ DATE_PLACED: '2021-07-01' }]), previous: { placed_for_adoption: [{ DATE_PLACED: '2021-07-01', DATE_PLACED_CEASED: '2021-10-01', REASON_PLACED_CEASED: 'RD1' }] } },
  },
  ...withEpisode(
    'placed_for_adoption',
    '552',
    'The latest decision that the child should be placed for adoption is dated after they were first placed for adoption.',
    ['DATE_PLACED', 'DECOM'],
    firstEpisode(placedForAdoption),
    (e, p) => `${e}.decom < ${p}.date_placed AND ${p}.date_placed = (SELECT max(q.date_placed) FROM placed_for_adoption q WHERE q.return_year = ${p}.return_year AND q.child = ${p}.child)
      AND NOT EXISTS (SELECT 1 FROM placed_for_adoption q WHERE q.return_year = ${p}.return_year AND q.child = ${p}.child AND q.date_placed = ${p}.date_placed AND q.source_row < ${p}.source_row)`,
    fx([{ DATE_PLACED: '2022-09-01' }], ORDER_THEN_PLACED),
    fx([{ DATE_PLACED: '2022-09-02' }], ORDER_THEN_PLACED),
  ),
  ...orderNeedsDecision('553', 'E1', 'placement order'),
  ...orderNeedsDecision('555', 'D1', 'freeing order'),
  ...withEpisode(
    'placed_for_adoption',
    '554',
    'The decision that the child should be placed for adoption is dated after the placement order (the first E1 episode) was granted.',
    ['DATE_PLACED', 'DECOM', 'LS'],
    firstEpisode((e) => `${e}.ls = 'E1'`),
    (e, p) => `${p}.date_placed > ${e}.decom`,
    fx([{ DATE_PLACED: '2022-06-01' }], ORDER_THEN_PLACED),
    fx([{ DATE_PLACED: '2022-06-02' }], ORDER_THEN_PLACED),
  ),
  {
    code: '556',
    message: 'The decision that the child should be placed for adoption is dated after the freeing order (D1) was granted.',
    table: 'episodes',
    fields: ['DATE_PLACED', 'DECOM'],
    when: `t.ls = 'D1' AND ${anyDecision('p.date_placed > t.decom')}`,
    pass: fx([{ DATE_PLACED: '2022-06-01' }], [{ DECOM: '2022-06-01', LS: 'D1' }]),
    fail: fx([{ DATE_PLACED: '2022-06-02' }], [{ DECOM: '2022-06-01', LS: 'D1' }]),
  },
  {
    code: '557',
    message: 'The child left care, not by adoption, after a freeing or placement order (D1, E1) or placement for adoption, but the decision that they should no longer be placed for adoption is not completed.',
    table: 'episodes',
    fields: ['PLACE', 'LS', 'REC', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'],
    when: `${LEFT_NOT_ADOPTED('t')} AND (NOT ${anyDecision()} OR ${anyDecision(CEASED_INCOMPLETE('p'))})`,
    needs: ['placed_for_adoption'],
    pass: fx([REVERSED], [{ DECOM: '2022-06-01', LS: 'E1', DEC: '2022-11-01', REC: 'E13' }]),
    // A freeing order (D1) counts as the placement order does.
    fail: fx([DECISION], [{ DECOM: '2022-06-01', LS: 'D1', DEC: '2022-11-01', REC: 'E13' }]),
  },
  {
    code: '557',
    message: 'The child left care, not by adoption, after a freeing or placement order (D1, E1) or placement for adoption, but the decision that they should no longer be placed for adoption is not completed.',
    table: 'placed_for_adoption',
    fields: ['DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'],
    when: `${CEASED_INCOMPLETE('t')} AND ${sameChild('episodes', 'e', LEFT_NOT_ADOPTED('e'))}`,
    pass: fx([REVERSED], [{ DECOM: '2022-06-01', LS: 'E1', DEC: '2022-11-01', REC: 'E13' }]),
    fail: fx([DECISION], [{ DECOM: '2022-06-01', LS: 'E1', DEC: '2022-11-01', REC: 'E13' }]),
  },
  {
    code: '558',
    message: 'The child was adopted, so the decision that they should be placed for adoption was not reversed and no date it ceased should be given.',
    table: 'episodes',
    fields: ['REC', 'DATE_PLACED_CEASED'],
    // DfE's check: every decision has a date ceased, and more than one falls in one calendar year
    // (counted once per adoption episode, as the check joins them).
    when: `t.rec IN ('E11', 'E12') AND ${anyDecision()} AND NOT ${anyDecision('p.date_placed_ceased IS NULL')}
      AND (SELECT count(*) FROM episodes e WHERE e.return_year = t.return_year AND e.child = t.child AND e.rec IN ('E11', 'E12'))
        * (SELECT max(n) FROM (SELECT count(*) AS n FROM placed_for_adoption p WHERE p.return_year = t.return_year AND p.child = t.child GROUP BY year(p.date_placed_ceased))) > 1`,
    pass: fx([REVERSED, { DATE_PLACED: '2022-11-01' }], [{ DECOM: '2022-06-01', PLACE: 'A4', DEC: '2023-01-10', REC: 'E12' }]),
    fail: fx([REVERSED, { DATE_PLACED: '2022-11-01', DATE_PLACED_CEASED: '2022-12-01', REASON_PLACED_CEASED: 'RD1' }], [{ DECOM: '2022-06-01', PLACE: 'A4', DEC: '2023-01-10', REC: 'E12' }]),
  },
  {
    code: '551',
    message: 'The child has been placed for adoption, but there is no date of the decision that they should be.',
    table: 'episodes',
    fields: ['PLACE', 'DATE_PLACED'],
    when: `${placedForAdoption('t')} AND (NOT ${anyDecision()} OR ${anyDecision('p.date_placed IS NULL')})`,
    needs: ['placed_for_adoption'],
    pass: fx([DECISION], ORDER_THEN_PLACED),
    fail: fx([], ORDER_THEN_PLACED),
  },
  ...withEpisode(
    'placed_for_adoption',
    '1003',
    'The decision that the child should be placed for adoption is dated before they started to be looked after (first episode starting a period of care).',
    ['DATE_PLACED', 'DECOM', 'RNE'],
    firstEpisode((e) => `${e}.rne = 'S'`),
    (e, p) => `${p}.date_placed < ${e}.decom`,
    fx([{ DATE_PLACED: '2022-06-01' }]),
    fx([{ DATE_PLACED: '2022-05-31' }]),
  ),
];
