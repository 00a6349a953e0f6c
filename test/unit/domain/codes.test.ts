import { describe, expect, it } from 'vitest';
import { CODE_LISTS, ETHNIC, LS, PLACE, REC, codeGroupId, codeKey, codeLabel, codeListFor, codeValidIn, codesInGroup } from '../../../shared/domain/codes.js';

describe('code lists', () => {
  it('labels known codes, shows unknown codes as themselves and blank as blank', () => {
    expect(codeLabel(LS, 'C2')).toBe('Full care order');
    expect(codeLabel(LS, 'C3')).toBe('C3');
    expect(codeLabel(LS, '')).toBe('blank');
    expect(codeLabel(LS, null)).toBe('blank');
    expect(codeKey('  ')).toBe('blank');
  });

  it('groups codes as DfE does', () => {
    expect(codesInGroup(ETHNIC, 'asian')).toEqual(['AIND', 'APKN', 'ABAN', 'CHNE', 'AOTH']);
    expect(codeGroupId(LS, 'D1')).toBe('placement-order');
    expect(codesInGroup(REC, 'sgo')).toEqual(['E43', 'E44', 'E45', 'E46', 'E47', 'E48']);
    expect(codesInGroup(REC, 'returned-home')).toEqual(['E4A', 'E4B']);
    expect(codesInGroup(PLACE, 'independent')).toEqual(['H5', 'P2', 'K3']);
  });

  it('knows the years codes apply to', () => {
    expect(codeValidIn(REC, 'E43', 2018)).toBe(true);
    expect(codeValidIn(REC, 'E43', 2019)).toBe(false);
    expect(codeValidIn(PLACE, 'K3', 2023)).toBe(false);
    expect(codeValidIn(PLACE, 'K3', 2024)).toBe(true);
  });

  it('has no duplicate codes in a list, and every group used is declared', () => {
    for (const list of CODE_LISTS) {
      const codes = list.codes.map((c) => c.code);
      expect(new Set(codes).size, list.id).toBe(codes.length);
      for (const c of list.codes) if (c.group) expect(list.groups?.some((g) => g.id === c.group), `${list.id} ${c.code}`).toBe(true);
    }
  });

  it('maps 903 columns to their lists', () => {
    expect(codeListFor('episodes', 'PLACE')).toBe(PLACE);
    expect(codeListFor('episodes', 'rec')).toBe(REC);
    expect(codeListFor('header', 'CHILD')).toBeNull();
  });
});
