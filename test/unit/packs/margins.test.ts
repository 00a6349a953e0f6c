import { describe, expect, it } from 'vitest';
import { breakdownMargin, mergeHidden } from '../../../shared/packs/margins.js';
import type { PackResult } from '../../../shared/packs/result.js';

/** A result of one year with the given total and rows (key -> count). */
function result(total: number, rows: Record<string, number>, extra: Partial<PackResult> = {}): PackResult {
  return {
    pack: 'p',
    title: 'p',
    definition: '',
    years: [2024],
    total: { '2024': { count: total } },
    rows: Object.entries(rows).map(([key, count]) => ({ key, label: key, group: null, values: { '2024': { count } } })),
    notes: [],
    ...extra,
  };
}

// A cross-table by UASC: its "All" parts, and a block of one pack row (other members: 38 of the 40).
const table = result(40, { __all: 40, '__all|uasc': 3, '__all|not-uasc': 37, R: 38, 'R|uasc': 3, 'R|not-uasc': 35 });

describe('a breakdown margin', () => {
  it('hides the parts the publishing pack hides, and what the split then needs (the part that pack does not print)', () => {
    // The UASC pack prints the total and the UASC row only, hidden (3).
    const uasc = { plain: result(40, { uasc: 3 }), hidden: { '2024': ['uasc'] } };
    expect(breakdownMargin(table, 5, [uasc])).toEqual({ keys: ['__all|uasc', '__all|not-uasc'], hidden: { '2024': ['__all|uasc', '__all|not-uasc'] } });
  });

  it('keeps shown what the publishing pack shows, and hides what it hides as secondary', () => {
    const t = result(60, { '__all|a': 30, '__all|b': 27, '__all|c': 3 });
    // The pack hides c (3) and, to protect it, b.
    const pack = { plain: result(60, { a: 30, b: 27, c: 3 }), hidden: { '2024': ['b', 'c'] } };
    expect(breakdownMargin(t, 5, [pack])!.hidden).toEqual({ '2024': ['__all|b', '__all|c'] });
    // Another pack hiding a, though one shows it: hidden here too (no less than either hides).
    const other = { plain: result(60, { a: 30, b: 27, c: 3 }), hidden: { '2024': ['a', 'c'] } };
    expect(breakdownMargin(t, 5, [pack, other])!.hidden).toEqual({ '2024': ['__all|a', '__all|b', '__all|c'] });
  });

  it("keeps a heading's parts as the pack publishing that heading's members keeps them (children looked after on 31 March by legal status: the Legal status table)", () => {
    // The heading R is 38 children, as the pack's total; the "All" parts are 40 (no publisher).
    const pack = { plain: result(38, { uasc: 3, other: 35 }), hidden: { '2024': ['uasc', 'other'] } };
    expect(breakdownMargin(table, 5, [pack])).toEqual({ keys: ['R|uasc', 'R|not-uasc'], hidden: { '2024': ['R|uasc', 'R|not-uasc'] } });
    // A part is the publisher's row equal to it in every year, whatever its key (not-uasc is "other"), shown where it is shown.
    const shown = { plain: result(38, { uasc: 30, other: 8 }), hidden: { '2024': [] } };
    const t = result(40, { __all: 40, '__all|uasc': 31, '__all|not-uasc': 9, R: 38, 'R|uasc': 30, 'R|not-uasc': 8 });
    expect(breakdownMargin(t, 5, [shown])).toEqual({ keys: ['R|uasc', 'R|not-uasc'], hidden: { '2024': [] } });
  });

  it('is none where no publisher has the same members (another total in a year)', () => {
    const uasc = { plain: result(41, { uasc: 3 }), hidden: { '2024': ['uasc'] } };
    expect(breakdownMargin(table, 5, [uasc])).toBeNull();
    expect(breakdownMargin(table, 5, [])).toBeNull();
  });

  it('merges hidden cells by year', () => {
    expect(mergeHidden({ '2023': ['a'], '2024': ['a', 'b'] }, { '2024': ['b', 'c'] })).toEqual({ '2023': ['a'], '2024': ['a', 'b', 'c'] });
  });
});
