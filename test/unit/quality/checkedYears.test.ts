/** The years a rule was checked in: its own years, last year's return and the files it reads, as ruleSql runs it. */
import { describe, expect, it } from 'vitest';
import { checkedIn, checkedYears } from '../../../shared/quality/checkedYears.js';
import type { QualityRule } from '../../../shared/quality/rule.js';
import { QUALITY_RULES } from '../../../shared/quality/rules/index.js';

const rule = (over: Partial<QualityRule>): QualityRule => ({ ...QUALITY_RULES[0]!, from: undefined, to: undefined, previousYear: undefined, needs: undefined, ...over }) as QualityRule;
const loaded = new Map<number, Set<string>>([
  [2022, new Set(['header', 'episodes'])],
  [2023, new Set(['header', 'episodes', 'reviews'])],
  [2025, new Set(['header', 'episodes', 'sw_episodes'])],
]);

describe('the years a rule is checked in', () => {
  it('leaves out years outside from/to, without the year before, or without the rule\'s file or the files it compares with', () => {
    expect([2022, 2023, 2025].filter((y) => checkedIn(rule({ table: 'episodes' }), y, loaded))).toEqual([2022, 2023, 2025]);
    expect([2022, 2023, 2025].filter((y) => checkedIn(rule({ table: 'episodes', from: 2023, to: 2023 }), y, loaded))).toEqual([2023]);
    expect([2022, 2023, 2025].filter((y) => checkedIn(rule({ table: 'episodes', previousYear: true }), y, loaded))).toEqual([2023]);
    expect([2022, 2023, 2025].filter((y) => checkedIn(rule({ table: 'reviews' }), y, loaded))).toEqual([2023]);
    expect([2022, 2023, 2025].filter((y) => checkedIn(rule({ table: 'episodes', needs: ['sw_episodes'] }), y, loaded))).toEqual([2025]);
    expect(checkedIn(rule({ table: 'episodes' }), 2024, loaded)).toBe(false);
  });

  it('joins the definitions of one code, and checks blanked values (W00) every loaded year', () => {
    const years = checkedYears(loaded, [rule({ code: 'X1', table: 'reviews' }), rule({ code: 'X1', table: 'sw_episodes' })]);
    expect(years).toEqual({ W00: [2022, 2023, 2025], X1: [2023, 2025] });
    // DfE's social-worker rules are not checked before the file is collected.
    expect(checkedYears(loaded).SW01STG1).toEqual([2025]);
  });
});
