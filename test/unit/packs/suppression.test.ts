import { describe, expect, it } from 'vitest';
import type { PackResult } from '../../../shared/packs/result.js';
import { suppressedCells, suppressResult } from '../../../shared/packs/suppression.js';
import { TOTAL } from '../../../shared/packs/types.js';

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

  it('a suppressed total is not worked back from visible parts', () => {
    // Total 4 is suppressed; its only parts 4 and 0 would give it back, and 4 is suppressed anyway.
    expect([...suppressedCells(cells({ [TOTAL]: 4, a: 4, b: 0 }), 5, [{ parent: TOTAL, members: ['a', 'b'] }])].sort()).toEqual([TOTAL, 'a']);
    // A secondarily suppressed subtotal (g = 20) whose parts are all visible gets its smallest part hidden.
    const counts = cells({ [TOTAL]: 25, g: 20, h: 5, a: 8, b: 12, x: 5 });
    const sets = [
      { parent: TOTAL, members: ['g', 'h'] },
      { parent: 'g', members: ['a', 'b'] },
      { parent: 'h', members: ['x'] },
    ];
    // h = 5 (primary) -> g hidden with it at the top; then g's parts: a (8) hidden; x = 5 primary.
    expect([...suppressedCells(counts, 5, sets)].sort()).toEqual(['a', 'g', 'h', 'x']);
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

  it('hides the parent when nothing else can protect a lone cell', () => {
    // Inconsistent on purpose: the only other part is zero, so the visible parent would reveal 3.
    expect([...suppressedCells(cells({ g: 8, a: 3, b: 0 }), 5, [{ parent: 'g', members: ['a', 'b'] }])].sort()).toEqual(['a', 'g']);
  });

  it('assumes a total published elsewhere (parent null) is visible', () => {
    expect([...suppressedCells(cells({ a: 3, b: 7, c: 9 }), 5, [{ parent: null, members: ['a', 'b', 'c'] }])].sort()).toEqual(['a', 'b']);
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
    expect(v('share', '2022')).toEqual({ count: 9, percent: null }); // its base b is suppressed
    expect(v('a', '2023')).toEqual({ count: 0, percent: 0 }); // each year on its own: nothing small in 2023
    expect(v('b', '2023')).toEqual({ count: 8, percent: 40 });
    expect(out.total).toEqual({ '2022': { count: 24 }, '2023': { count: 20 } });
    // The input is not changed.
    expect(result.rows[0]!.values['2022']).toEqual({ count: 3, percent: 12.5 });
  });

  it('does nothing with a threshold of 0', () => {
    expect(suppressResult(result, { ...spec, threshold: 0 })).toBe(result);
  });
});
