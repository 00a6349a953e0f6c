import { describe, expect, it, vi } from 'vitest';
import type { PackResult } from '../../../shared/packs/result.js';
import { nestedChain, nestedIn } from '../../../shared/packs/define.js';
import { exportSuppressionNote, feasibleRanges, remainderKey, suppressColumn, suppressedCells, suppressionMethodNote, suppressResult, tooFewToPublish } from '../../../shared/packs/suppression.js';
import { TOTAL } from '../../../shared/packs/types.js';
import { ColumnRelations } from '../../../shared/packs/suppressionRelations.js';

function cells(entries: Record<string, number>): Map<string, number> {
  return new Map(Object.entries(entries));
}

describe('suppressedCells', () => {
  it('suppresses counts 1 to N and keeps zeros and larger counts', () => {
    const hidden = suppressedCells(cells({ [TOTAL]: 40, a: 0, b: 1, c: 5, d: 6, e: 28 }), 5, []);
    expect([...hidden].sort()).toEqual(['b', 'c']);
  });

  it('a lone suppressed cell in a column gets the next smallest non-zero cell suppressed too', () => {
    // 3 + 0 + 9 + 12 = 24: with only 3 hidden, 24 - 9 - 12 gives it back; hiding 9 as well protects it.
    const counts = cells({ [TOTAL]: 24, a: 3, b: 0, c: 9, d: 12 });
    const hidden = suppressedCells(counts, 5, [{ parent: TOTAL, members: ['a', 'b', 'c', 'd'] }]);
    expect([...hidden].sort()).toEqual(['a', 'c']);
  });

  it('two suppressed cells need nothing more; ties go to the first row', () => {
    expect([...suppressedCells(cells({ [TOTAL]: 30, a: 2, b: 4, c: 24 }), 5, [{ parent: TOTAL, members: ['a', 'b', 'c'] }])].sort()).toEqual(['a', 'b']);
    expect([...suppressedCells(cells({ [TOTAL]: 23, a: 3, b: 10, c: 10 }), 5, [{ parent: TOTAL, members: ['a', 'b', 'c'] }])].sort()).toEqual(['a', 'b']);
  });

  it('a total of 1 to N withholds the whole column, zeros included', () => {
    const out = suppressColumn(cells({ [TOTAL]: 4, a: 4, b: 0 }), 5, [{ parent: TOTAL, members: ['a', 'b'] }]);
    expect([...out.hidden].sort()).toEqual([TOTAL, 'a', 'b']);
    expect(out.withheld).toBe(true);
    expect([...out.primary].sort()).toEqual([TOTAL, 'a']);
  });

  it('a secondarily suppressed subtotal gets one of its parts suppressed too', () => {
    // h = 5 and x = 5 are small; hiding h alone under the total gives it back (25 - 20), so g is
    // hidden with it; g = a + b with both visible would give g back, so a (the smaller) goes too.
    const counts = cells({ [TOTAL]: 25, g: 20, h: 5, a: 8, b: 12, x: 5 });
    const sets = [
      { parent: TOTAL, members: ['g', 'h'] },
      { parent: 'g', members: ['a', 'b'] },
      { parent: 'h', members: ['x'] },
    ];
    expect([...suppressedCells(counts, 5, sets)].sort()).toEqual(['a', 'g', 'h', 'x']);
  });

  it('c + c = 2 is not enough when zeros are shown: the hidden cells must add up to enough', () => {
    // Legal status 2021 of the issue: 336 + 30 + 64 + 1 + 1 = 432 gave both 1s away (each c is at least 1).
    const counts = cells({ [TOTAL]: 432, a: 336, b: 30, c: 64, d: 1, e: 1, f: 0 });
    const sets = [{ parent: TOTAL, members: ['a', 'b', 'c', 'd', 'e', 'f'] }];
    const out = suppressColumn(counts, 5, sets);
    expect([...out.hidden].sort()).toEqual(['b', 'd', 'e']);
    const r = feasibleRanges(counts, out.hidden, sets, 1);
    // Each small count could be anything from 1 to 5 (and more); 30 one of many values.
    expect(r.get('d')).toEqual({ lo: 1, hi: 30 });
    expect(r.get('b')).toEqual({ lo: 1, hi: 30 });
  });

  it('suppresses a zero too when only a zero can protect a cell, and says a c there may be 0', () => {
    // p and q are published elsewhere: a (3) needs b hidden; b is then fixed by q = b + 0 unless the zero goes too.
    const counts = cells({ [TOTAL]: 15, p: 9, q: 6, a: 3, b: 6, z: 0 });
    const sets = [
      { parent: 'p', members: ['a', 'b'] },
      { parent: 'q', members: ['b', 'z'] },
    ];
    const out = suppressColumn(counts, 5, sets, ['p', 'q']);
    expect([...out.hidden].sort()).toEqual(['a', 'b', 'z']);
    expect(out.zerosHidden).toBe(true);
    expect(out.withheld).toBe(false);
    expect(feasibleRanges(counts, out.hidden, sets, 0).get('a')).toEqual({ lo: 3, hi: 9 });
  });

  it('six children, one in each of six rows: a zero row hidden too protects them; with no zero row the year is withheld', () => {
    const six = { [TOTAL]: 6, a: 1, b: 1, c: 1, d: 1, e: 1, f: 1 };
    const withZero = suppressColumn(cells({ ...six, z: 0 }), 5, [{ parent: TOTAL, members: ['a', 'b', 'c', 'd', 'e', 'f', 'z'] }]);
    expect([...withZero.hidden].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'z']);
    expect(withZero).toMatchObject({ withheld: false, zerosHidden: true });
    const none = suppressColumn(cells(six), 5, [{ parent: TOTAL, members: ['a', 'b', 'c', 'd', 'e', 'f'] }]);
    // The total is published elsewhere anyway, so it stays.
    expect([...none.hidden].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(none.withheld).toBe(true);
  });

  it('never hides a row published in another pack to protect another cell', () => {
    // "All male" is the gender table's row: hiding it would protect nothing.
    const counts = cells({ [TOTAL]: 50, male: 30, female: 20, 'male:a': 3, 'male:b': 27 });
    const sets = [
      { parent: TOTAL, members: ['male', 'female'] },
      { parent: 'male', members: ['male:a', 'male:b'] },
    ];
    expect([...suppressedCells(counts, 5, sets, ['male', 'female'])].sort()).toEqual(['male:a', 'male:b']);
  });

  it('works out what a reader can of each hidden cell, combining relations', () => {
    // Recorded = a + b; total = recorded + r: with a, b, r hidden and total, recorded visible, r = 2.
    const counts = cells({ [TOTAL]: 30, recorded: 28, a: 3, b: 25, r: 2 });
    const sets = [
      { parent: TOTAL, members: ['a', 'b', 'r'] },
      { parent: 'recorded', members: ['a', 'b'] },
    ];
    const r = feasibleRanges(counts, new Set(['a', 'b', 'r']), sets, 1);
    expect(r.get('r')).toEqual({ lo: 2, hi: 2 });
    expect(r.get('a')).toEqual({ lo: 1, hi: 27 });
    // The engine hides "recorded" (or another cell) so that r is no longer fixed.
    const out = suppressColumn(counts, 5, sets);
    const after = feasibleRanges(counts, out.hidden, sets, 1);
    expect(after.get('r')!.hi - after.get('r')!.lo).toBeGreaterThanOrEqual(4);
  });

  it('protects a cell within its group and the group within the total', () => {
    // White 20 = WBRI 17 + WIRI 3; Black 10 = BAFR 10; total 30.
    const counts = cells({ [TOTAL]: 30, white: 20, WBRI: 17, WIRI: 3, black: 10, BAFR: 10 });
    const sets = [
      { parent: TOTAL, members: ['white', 'black'] },
      { parent: 'white', members: ['WBRI', 'WIRI'] },
      { parent: 'black', members: ['BAFR'] },
    ];
    expect([...suppressedCells(counts, 5, sets)].sort()).toEqual(['WBRI', 'WIRI']);
  });

  it('hides the parent when nothing else can protect a lone cell, and then protects the parent', () => {
    // g = a + b with b = 0: a small a gives g away and g gives a away; both are c, so h goes too.
    const sets = [
      { parent: TOTAL, members: ['g', 'h'] },
      { parent: 'g', members: ['a', 'b'] },
    ];
    expect([...suppressedCells(cells({ [TOTAL]: 20, g: 3, a: 3, b: 0, h: 17 }), 5, sets)].sort()).toEqual(['a', 'g', 'h']);
  });

  it('ignores a relation the data does not keep (it tells a reader nothing true)', () => {
    expect([...suppressedCells(cells({ g: 8, a: 3, b: 0 }), 5, [{ parent: 'g', members: ['a', 'b'] }])].sort()).toEqual(['a']);
  });

  it('assumes a total published elsewhere (parent null) is visible', () => {
    expect([...suppressedCells(cells({ a: 3, b: 7, c: 9 }), 5, [{ parent: null, members: ['a', 'b', 'c'] }])].sort()).toEqual(['a', 'b']);
  });
});

describe('nested rows (a row within another, not a part of it)', () => {
  // Worked by hand, N = 5: 40 children; 12 went missing, 9 of them more than once, 3 more than
  // twice. Those missing exactly once are 12 - 9 = 3: no row shows them, but subtraction does.
  const chain = nestedChain([TOTAL, 'g', 'm1', 'm2']);
  const once = remainderKey(nestedIn('g', 'm1'));

  it('declares every row of a chain within every row outside it', () => {
    expect(chain.map((s) => `${s.parent}>${s.members.join('+')}`)).toEqual([`${TOTAL}>g`, `${TOTAL}>m1`, `${TOTAL}>m2`, 'g>m1', 'g>m2', 'm1>m2']);
    expect(chain.every((s) => s.remainder)).toBe(true);
  });

  it('hides enough that the difference of two nested rows (a band of 1 to N) cannot be worked out', () => {
    const counts = cells({ [TOTAL]: 40, g: 12, m1: 9, m2: 3 });
    // As sums only (what the engine knew before), 3 is the only c and 12 - 9 gives the band away.
    expect([...suppressedCells(counts, 5, [])]).toEqual(['m2']);
    expect(feasibleRanges(counts, new Set(['m2']), chain, 1).get(once)).toEqual({ lo: 3, hi: 3 });
    // The band must be hidden behind g or m1 (the total is never hidden). Either alone protects it:
    // with m1 hidden, m1 is 3..12 (at least m2, which is at least 1; at most g), so the band is
    // 0..11; with g hidden, the band is 0..31. The smaller, m1 (9), is hidden. m2 stays protected:
    // at least 1, at most m1 (1..12).
    const out = suppressColumn(counts, 5, chain);
    expect([...out.primary]).toEqual(['m2']);
    expect([...out.secondary]).toEqual(['m1']);
    expect(out.zerosHidden).toBe(false);
    const r = feasibleRanges(counts, out.hidden, chain, 1);
    expect(r.get(once)).toEqual({ lo: 0, hi: 11 });
    expect(r.get('m1')).toEqual({ lo: 1, hi: 12 });
    expect(r.get('m2')).toEqual({ lo: 1, hi: 12 });
  });

  it('lets a band be 0 (no zero shows it) and holds a band above N to nothing', () => {
    // 3 more than twice, and 3 more than 3 times: nobody went missing exactly 3 times (a band of 0).
    // The bands 12 - 3 = 9 and 9 - 3 = 6 are above N: shown by subtraction, as the rows are.
    const sets = nestedChain([TOTAL, 'g', 'm1', 'm2', 'm3']);
    const counts = cells({ [TOTAL]: 40, g: 12, m1: 9, m2: 3, m3: 3 });
    const out = suppressColumn(counts, 5, sets);
    expect([...out.hidden].sort()).toEqual(['m1', 'm2', 'm3']);
    const r = feasibleRanges(counts, out.hidden, sets, 1);
    expect(r.get(remainderKey(nestedIn('m2', 'm3')))!.lo).toBe(0);
    expect(r.get(remainderKey(nestedIn('g', 'm1')))).toEqual({ lo: 0, hi: 11 });
    // With 9 more than once shown, the band 12 - 9 = 3 would be pinned: m1 stays hidden.
    const shown = feasibleRanges(counts, new Set(['m2', 'm3']), sets, 1);
    expect(shown.get(remainderKey(nestedIn('g', 'm1')))).toEqual({ lo: 3, hi: 3 });
  });

  it('protects a band of 1 to N against the total, which is never hidden', () => {
    // 20 children, 17 went missing: 3 did not. Only "went missing" can be hidden; then it is 12..20
    // (at least m1) and those who did not are 0..8.
    const sets = nestedChain([TOTAL, 'g', 'm1']);
    const counts = cells({ [TOTAL]: 20, g: 17, m1: 12 });
    const out = suppressColumn(counts, 5, sets);
    expect([...out.hidden]).toEqual(['g']);
    expect(feasibleRanges(counts, out.hidden, sets, 1).get(remainderKey(nestedIn(TOTAL, 'g')))).toEqual({ lo: 0, hi: 8 });
  });
});

describe('a cell fixed whatever else is hidden', () => {
  it('is found by combining the relations: with d shown, c, then a, then b follow; with d hidden, none does', () => {
    // T = a + b = c + d (two dimensions), p = a + c (published elsewhere).
    const counts = cells({ [TOTAL]: 20, a: 3, b: 17, c: 8, d: 12, p: 11 });
    const sets = [
      { parent: TOTAL, members: ['a', 'b'] },
      { parent: TOTAL, members: ['c', 'd'] },
      { parent: 'p', members: ['a', 'c'] },
    ];
    expect([...new ColumnRelations(counts, sets, 0).fixedExactly(['a', 'b', 'c'])].sort()).toEqual(['a', 'b', 'c']);
    expect([...new ColumnRelations(counts, sets, 0).fixedExactly(['a', 'b', 'c', 'd'])]).toEqual([]);
  });

  it('withholds the column when a small count is such a cell (no hiding could protect it), as trying every cell would', () => {
    // a = 3 is T - p with T and p shown whatever else is hidden.
    const counts = cells({ [TOTAL]: 20, a: 3, b: 9, c: 8, p: 17 });
    const sets = [
      { parent: TOTAL, members: ['a', 'p'] },
      { parent: 'p', members: ['b', 'c'] },
    ];
    const out = suppressColumn(counts, 5, sets, ['p']);
    expect(out.withheld).toBe(true);
    expect([...out.hidden].sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('a zero capped by rows shown whatever is hidden', () => {
  it('withholds the column as soon as such a zero is hidden (nothing could widen it), hiding what weighing every cell would', () => {
    // P = a + b + c = 6 (published elsewhere): 1, 1 and 4 are each at most 4, and no non-zero cell is
    // left to hide, so the zero z beside them is hidden (floor 0). But z + w = Z = 0, published
    // elsewhere: z is at most 0 whatever else is hidden, so it can never be protected.
    const counts = cells({ P: 6, a: 1, b: 1, c: 4, z: 0, Z: 0, w: 0 });
    const sets = [
      { parent: 'P', members: ['a', 'b', 'c', 'z'] },
      { parent: 'Z', members: ['z', 'w'] },
    ];
    const weighed = vi.spyOn(ColumnRelations.prototype, 'rangesWith');
    const out = suppressColumn(counts, 5, sets, ['P', 'Z']);
    expect(out.withheld).toBe(true);
    expect([...out.hidden].sort()).toEqual(['a', 'b', 'c', 'w', 'z']);
    // No cell was weighed after z: hiding w (the only one left) could not widen z.
    expect(weighed).not.toHaveBeenCalled();
    weighed.mockRestore();
  });

  it('leaves the search alone where the shown rows leave room (a zero under a heading of N or more)', () => {
    // As above but Z = z + w = 0 + 9: once w is hidden too, z could be anything from 0 to 6 (P less the
    // others, each at least 0), so the search goes on and protects it.
    const counts = cells({ P: 6, a: 1, b: 1, c: 4, z: 0, Z: 9, w: 9 });
    const sets = [
      { parent: 'P', members: ['a', 'b', 'c', 'z'] },
      { parent: 'Z', members: ['z', 'w'] },
    ];
    const out = suppressColumn(counts, 5, sets, ['P', 'Z']);
    expect(out.withheld).toBe(false);
    expect([...out.hidden].sort()).toEqual(['a', 'b', 'c', 'w', 'z']);
    const ranges = feasibleRanges(counts, out.hidden, sets, 0);
    expect(ranges.get('z')).toEqual({ lo: 0, hi: 6 });
  });
});

describe('members nested in a row of another unit (occasions of starting, children, children who started more than once)', () => {
  // Every child who started has one occasion, and each who started more than once at least one
  // more: children + (more than once) <= occasions. The rest, occasions beyond a child's second, is
  // at least 0. N = 5.
  const sets = [nestedIn(TOTAL, 'm'), nestedIn('occ', TOTAL, 'm')];
  const beyond = remainderKey(nestedIn('occ', TOTAL, 'm'));

  it('hides the occasions when they and the children would pin the children who started more than once', () => {
    // 9 children, 10 occasions, 1 started twice. As before (m within the children only), m alone
    // is hidden and is 1..9; but 10 - 9 = 1 shown beside it pins it at 1.
    const counts = cells({ [TOTAL]: 9, occ: 10, m: 1 });
    expect([...suppressedCells(counts, 5, [nestedIn(TOTAL, 'm')])]).toEqual(['m']);
    expect(feasibleRanges(counts, new Set(['m']), sets, 1).get('m')).toEqual({ lo: 1, hi: 1 });
    // The children (the total) are never hidden, so the occasions are. Then m is 1..9 (at least 1,
    // at most the children), the occasions 10 or more (at least 9 + 1, no upper bound) and the rest
    // 0 or more.
    const out = suppressColumn(counts, 5, sets);
    expect([...out.primary]).toEqual(['m']);
    expect([...out.secondary]).toEqual(['occ']);
    const r = feasibleRanges(counts, out.hidden, sets, 1);
    expect(r.get('m')).toEqual({ lo: 1, hi: 9 });
    expect(r.get('occ')).toEqual({ lo: 10, hi: Infinity });
    expect(r.get(beyond)).toEqual({ lo: 0, hi: Infinity });
  });

  it('needs occasions >= 2 x (more than once) said outright where the children can be hidden (a category of a breakdown)', () => {
    // N = 10: 18 girls (A, which may be hidden: not the total), 19 occasions, 1 started twice.
    // Hiding A leaves m + m <= A + m <= 19, so m <= 9, below N: the occasions must be hidden instead.
    const counts = cells({ A: 18, occ: 19, m: 1 });
    const two = [nestedIn('A', 'm'), nestedIn('occ', 'A', 'm')];
    expect(feasibleRanges(counts, new Set(['m', 'A']), two, 1).get('m')).toEqual({ lo: 1, hi: 9 });
    const all = [...two, nestedIn('occ', 'm', 'm')];
    const out = suppressColumn(counts, 10, all);
    expect([...out.hidden]).toEqual(['m', 'occ']);
    expect(feasibleRanges(counts, out.hidden, all, 1).get('m')).toEqual({ lo: 1, hi: 18 });
  });

  it('leaves the occasions shown when they leave room enough', () => {
    // 20 children, 26 occasions, 4 started more than once: m <= 26 - 20 = 6, so 1..6 (6 values, and
    // it could be 5); the rest, 2, is 0..5. Nothing more is hidden.
    const counts = cells({ [TOTAL]: 20, occ: 26, m: 4 });
    const out = suppressColumn(counts, 5, sets);
    expect([...out.hidden]).toEqual(['m']);
    const r = feasibleRanges(counts, out.hidden, sets, 1);
    expect(r.get('m')).toEqual({ lo: 1, hi: 6 });
    expect(r.get(beyond)).toEqual({ lo: 0, hi: 5 });
  });
});

describe('a large cross-table', () => {
  /** A cross-table of 14 rows x 12 categories with its headings and category totals published (many small cells). */
  function crossTable(seed: number) {
    const rows = Array.from({ length: 14 }, (_, i) => `r${i}`);
    const cats = Array.from({ length: 12 }, (_, j) => `k${j}`);
    const counts = new Map<string, number>();
    let x = seed;
    const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const r of rows) for (const c of cats) counts.set(`${r}|${c}`, next() < 0.3 ? 0 : Math.floor(next() * next() * 30));
    const sum = (keys: string[]) => keys.reduce((a, k) => a + counts.get(k)!, 0);
    for (const r of rows) counts.set(r, sum(cats.map((c) => `${r}|${c}`)));
    for (const c of cats) counts.set(`all|${c}`, sum(rows.map((r) => `${r}|${c}`)));
    counts.set(TOTAL, sum(rows));
    const sets = [
      ...rows.map((r) => ({ parent: r, members: cats.map((c) => `${r}|${c}`) })),
      ...cats.map((c) => ({ parent: `all|${c}`, members: rows.map((r) => `${r}|${c}`) })),
      { parent: TOTAL, members: rows },
      { parent: TOTAL, members: cats.map((c) => `all|${c}`) },
    ];
    return { counts, sets, headings: rows };
  }

  it('is searched on a shortlist and every c is protected as in a small one (at least N values, a small count could be N)', () => {
    for (const seed of [1, 2, 3]) {
      for (const n of [5, 10]) {
        const { counts, sets, headings } = crossTable(seed);
        expect(counts.size).toBeGreaterThan(121);
        const out = suppressColumn(counts, n, sets, headings);
        expect(out.withheld).toBe(false);
        expect(out.primary.size).toBeGreaterThan(20);
        const ranges = feasibleRanges(counts, out.hidden, sets, out.zerosHidden ? 0 : 1);
        for (const k of out.hidden) {
          const r = ranges.get(k)!;
          expect(r.hi - r.lo, `${k} (seed ${seed}, N ${n})`).toBeGreaterThanOrEqual(n - 1);
          if (out.primary.has(k)) expect(r.hi).toBeGreaterThanOrEqual(n);
        }
        // The published headings stay shown.
        for (const h of headings) expect(out.hidden.has(h)).toBe(false);
      }
    }
  });
});

describe('suppressResult', () => {
  const result: PackResult = {
    pack: 'age',
    title: 'Age',
    definition: '',
    years: [2022, 2023],
    rows: [
      { key: 'a', label: 'A', group: null, values: { '2022': { count: 3, percent: 12.5 }, '2023': { count: 0, percent: 0 } } },
      { key: 'b', label: 'B', group: null, values: { '2022': { count: 9, percent: 37.5 }, '2023': { count: 8, percent: 40 } } },
      { key: 'c', label: 'C', group: null, values: { '2022': { count: 12, percent: 50 }, '2023': { count: 12, percent: 60 } } },
      { key: 'avg', label: 'Average', group: null, values: { '2022': { count: 2, value: 13.5 }, '2023': { count: 20, value: 11 } } },
      { key: 'share', label: 'Share of b', group: null, values: { '2022': { count: 9, percent: 100 }, '2023': { count: 6, percent: 75 } } },
    ],
    total: { '2022': { count: 24 }, '2023': { count: 20 } },
    notes: [],
  };
  const spec = {
    threshold: 5,
    sets: [{ parent: TOTAL, members: ['a', 'b', 'c'] }],
    bases: { a: TOTAL, b: TOTAL, c: TOTAL, avg: null, share: 'b' },
  };

  it('marks suppressed cells, nulls their count, percentage and value, and leaves zeros', () => {
    const out = suppressResult(result, spec);
    const v = (key: string, y: string) => out.rows.find((r) => r.key === key)!.values[y];
    expect(v('a', '2022')).toEqual({ count: null, percent: null, suppressed: true });
    expect(v('b', '2022')).toEqual({ count: null, percent: null, suppressed: true }); // secondary
    expect(v('c', '2022')).toEqual({ count: 12, percent: 50 });
    expect(v('avg', '2022')).toEqual({ count: null, value: null, suppressed: true }); // an average of 2 values
    // Its base b is suppressed: the count stays, the percentage is withheld (c), not absent (–).
    expect(v('share', '2022')).toEqual({ count: 9, percent: null, percentWithheld: true });
    expect(v('a', '2023')).toEqual({ count: 0, percent: 0 }); // each year on its own: nothing small in 2023
    expect(v('b', '2023')).toEqual({ count: 8, percent: 40 });
    expect(out.total).toEqual({ '2022': { count: 24 }, '2023': { count: 20 } });
    // How many, and the method in words under the table.
    expect(out.suppression).toEqual({ threshold: 5, primary: 2, secondary: 1, withheldYears: [], zeroYears: [] });
    expect(out.notes).toEqual([suppressionMethodNote(5)]);
    expect(suppressionMethodNote(5)).toMatch(/from 1 to 5 .* shown as c/);
    // No year's zeros are hidden, so no exception is promised below.
    expect(out.notes[0]).toMatch(/Zeros are shown as 0\.$/);
    // The input is not changed.
    expect(result.rows[0]!.values['2022']).toEqual({ count: 3, percent: 12.5 });
  });

  it('says when a year is too small to publish, instead of a column of c', () => {
    const tiny: PackResult = { ...result, total: { '2022': { count: 24 }, '2023': { count: 4 } } };
    const out = suppressResult(tiny, spec);
    expect(out.suppression!.withheldYears).toEqual([2023]);
    expect(out.notes.some((n) => n.startsWith('Too few to publish safely in 2023'))).toBe(true);
    // Its zeros are c too, and the method note says so; so does an export's note over its tables.
    expect(out.notes[0]).toMatch(/Zeros are shown as 0, except in a year noted below\.$/);
    const plainOut = suppressResult(result, spec);
    expect(exportSuppressionNote(5, [plainOut])).toMatch(/Zeros are shown as 0\.$/);
    expect(exportSuppressionNote(5, [plainOut, out])).toMatch(/Zeros are shown as 0, except in a year noted under a table\.$/);
    expect(out.rows.every((r) => r.values['2023']!.suppressed)).toBe(true);
    // The screen and the Word export say so instead of a table of c when every year shown is withheld.
    expect(tooFewToPublish(out, [2023])).toBe(true);
    expect(tooFewToPublish(out)).toBe(false);
  });

  it('does nothing with a threshold of 0', () => {
    expect(suppressResult(result, { ...spec, threshold: 0 })).toBe(result);
  });
});

describe('averages and the number of children each is over (RowSpec.over)', () => {
  // Adoption by age band in miniature (the reviewer's 2021/22 table): 24 adopted, 22 aged 1 to 4
  // and 2 aged 5 to 9; each average is over the children of its band whose dates are known.
  const cell = (count: number, value?: number) => (value === undefined ? { count } : { count, value });
  const table = (n: { all: number; a: number; b: number }): PackResult => ({
    pack: 'adoption',
    title: 'Adoption, by age band',
    definition: '',
    years: [2022],
    rows: [
      { key: 'adopted', label: 'Adopted', group: null, values: { '2022': cell(24) } },
      { key: 'adopted|a', label: '1 to 4', group: 'Adopted', values: { '2022': cell(22) } },
      { key: 'adopted|b', label: '5 to 9', group: 'Adopted', values: { '2022': cell(2) } },
      { key: 'avg', label: 'Average days', group: null, values: { '2022': cell(n.all, 25.8) } },
      { key: 'avg|a', label: '1 to 4', group: 'Average days', values: { '2022': cell(n.a, 25.4) } },
      { key: 'avg|b', label: '5 to 9', group: 'Average days', values: { '2022': cell(n.b, 30.2) } },
    ],
    total: { '2022': { count: 24 } },
    notes: [],
  });
  // As the cross-table is suppressed: the headings are the plain table's rows, published there.
  const spec = (linked = true) => ({
    threshold: 5,
    sets: [
      { parent: TOTAL, members: ['adopted'] },
      { parent: 'adopted', members: ['adopted|a', 'adopted|b'] },
      // The numbers the averages are over add up as the counts do.
      ...(linked ? [{ parent: 'avg', members: ['avg|a', 'avg|b'] }] : []),
    ],
    bases: {},
    publishedElsewhere: ['adopted', 'avg'],
    ...(linked ? { over: { avg: 'adopted', 'avg|a': 'adopted|a', 'avg|b': 'adopted|b' } } : {}),
  });
  const at = (r: PackResult, key: string) => r.rows.find((x) => x.key === key)!.values['2022']!;
  /** Every number a saved result carries (JSON: counts, percentages, values, history). */
  const numbersIn = (r: PackResult): number[] => {
    const out: number[] = [];
    JSON.stringify({ rows: r.rows, total: r.total }, (_k, v: unknown) => (typeof v === 'number' && out.push(v), v));
    return out;
  };

  it('hides an average whose group is hidden, with its number: no field gives the hidden counts back', () => {
    const out = suppressResult(table({ all: 24, a: 22, b: 2 }), spec());
    expect(at(out, 'adopted|b')).toEqual({ count: null, suppressed: true }); // 2: primary
    expect(at(out, 'adopted|a')).toEqual({ count: null, suppressed: true }); // 22: secondary, to protect it
    // The average over the hidden 22 is c, and so is its number (the same count): before, it showed
    // 22 beside a c, and 24 - 22 gave the 2 away.
    expect(at(out, 'avg|a')).toEqual({ count: null, value: null, suppressed: true });
    expect(at(out, 'avg|b')).toEqual({ count: null, value: null, suppressed: true });
    expect(at(out, 'avg')).toEqual({ count: 24, value: 25.8 });
    expect(numbersIn(out).filter((v) => v === 22 || v === 2)).toEqual([]);
    // What a reader can work out of each hidden count from what is shown: at least N values each.
    const shown = new Map([[TOTAL, 24], ['adopted', 24], ['avg', 24], ['adopted|a', 22], ['adopted|b', 2], ['avg|a', 22], ['avg|b', 2]]);
    const hidden = new Set(['adopted|a', 'adopted|b', 'avg|a', 'avg|b']);
    const sameCells = [...spec().sets, { parent: 'adopted|a', members: ['avg|a'] }, { parent: 'adopted|b', members: ['avg|b'] }];
    for (const [k, r] of feasibleRanges(shown, hidden, sameCells, 1)) if (hidden.has(k)) expect(r.hi - r.lo, k).toBeGreaterThanOrEqual(4);
    // Counted as the table shows them: the two averages' cells are the same cells as their groups'.
    expect(out.suppression).toEqual({ threshold: 5, primary: 2, secondary: 2, withheldYears: [], zeroYears: [] });
  });

  it('fails without the links (the old behaviour): the number of the average over the hidden group is shown', () => {
    const out = suppressResult(table({ all: 24, a: 22, b: 2 }), spec(false));
    expect(at(out, 'adopted|a').suppressed).toBe(true);
    expect(at(out, 'avg|a')).toEqual({ count: 22, value: 25.4 });
  });

  it('protects the children an average leaves out (its number below its group) as a count: 23 of 24 hides the average', () => {
    // The plain table (adoption 2020/21 of the sample): 23 of the 24 have the dates, so 24 - 23 = 1
    // child whose dates are not known, a count of 1.
    const plain = (n: number): PackResult => ({ ...table({ all: n, a: 0, b: 0 }), rows: table({ all: n, a: 0, b: 0 }).rows.filter((r) => !r.key.includes('|')) });
    const plainSpec = { threshold: 5, sets: [{ parent: TOTAL, members: ['adopted'] }], bases: {}, over: { avg: 'adopted' } };
    const out = suppressResult(plain(23), plainSpec);
    expect(at(out, 'adopted')).toEqual({ count: 24 });
    expect(at(out, 'avg')).toEqual({ count: null, value: null, suppressed: true });
    expect(numbersIn(out)).not.toContain(23);
    // 12 of 24 leave out 12, more than N: the average is shown with its number; and with all 24
    // (the same cell as 'adopted') likewise.
    expect(at(suppressResult(plain(12), plainSpec), 'avg')).toEqual({ count: 12, value: 25.8 });
    expect(at(suppressResult(plain(24), plainSpec), 'avg')).toEqual({ count: 24, value: 25.8 });
  });

  it('hides an average whose number is below its hidden group (and protects that number like any c)', () => {
    // The 1-to-4 group (22) is hidden to protect the 2; its average is over 15 of them.
    const out = suppressResult(table({ all: 17, a: 15, b: 2 }), spec());
    expect(at(out, 'adopted|a').suppressed).toBe(true);
    expect(at(out, 'avg|a')).toEqual({ count: null, value: null, suppressed: true });
    expect(numbersIn(out).filter((v) => v === 15 || v === 22 || v === 2)).toEqual([]);
  });
});
