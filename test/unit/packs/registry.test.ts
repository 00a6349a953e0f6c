import { describe, expect, it } from 'vitest';
import { PACKS } from '../../../shared/packs/index.js';
import { listPacks, resolveOptions, getPack } from '../../../shared/packs/run.js';
import { PACK_SECTIONS } from '../../../shared/packs/types.js';

/** Row keys packs.md names for each pack. */
const REQUIRED: Record<string, string[]> = {
  cla: ['at-31-march', 'started', 'ceased', 'during-year'],
  age: ['under-1', '1-4', '5-9', '10-15', '16-over'],
  gender: ['male', 'female', 'unknown'],
  'age-gender': ['male:under-1', 'male:16-over', 'female:under-1', 'female:16-over'],
  ethnicity: ['WBRI', 'NOBT'],
  'legal-status': ['C1', 'C2', 'E1', 'V2'],
  'starters-legal-status': ['C1', 'C2', 'E1', 'V2', 'L1', 'J3'],
  'placement-type': ['U1', 'U6', 'A5', 'K2'],
  'placement-provider': ['PR0', 'PR5'],
  starters: ['under-1', '16-over'],
  'reasons-ceased': ['E11', 'E45', 'E4A', 'E5'],
  uasc: ['uasc'],
  health: ['cohort', 'HEALTH_ASSESSMENT', 'TEETH_CHECK', 'IMMUNISATIONS', 'HEALTH_CHECK'],
  sdq: ['eligible', 'submitted', 'band-normal', 'band-borderline', 'band-concern', 'average'],
  'review-participation': ['PN0', 'PN1', 'PN7', 'participated'],
  'review-timeliness': ['on-time', 'late'],
  'placement-stability': ['three-or-more', 'long-term'],
  missing: ['children-missing', 'missing-episodes', 'children-away', 'away-episodes'],
  duration: ['under-1m', '1-6m', '7-12m', '1-2y', '2-5y', '5-10y', '10y-over'],
  adoption: ['adopted'],
  'care-leavers': ['in-touch:YES', 'activity:F1', 'accommodation:U1'],
  'category-of-need': ['N1', 'N2', 'N8'],
  'starters-category-of-need': ['N1', 'N2', 'N8'],
  'starting-occasions': ['occasions', 'more-than-once'],
  'placements-started': ['first-placement', 'moves', 'reason:CARPL', 'reason:OTHER'],
  'social-workers': ['one', 'two', 'three-or-more'],
  'missing-repeat': ['went-missing', 'more-than-3'],
  'reviews-per-month': ['04', '03'],
  'short-breaks': ['short-breaks-only', 'also-looked-after', 'at-31-march', 'episodes'],
};

describe('pack registry', () => {
  it('has every pack of packs.md once, with the row keys it names', () => {
    expect(PACKS.map((p) => p.id).sort()).toEqual(Object.keys(REQUIRED).sort());
    for (const p of PACKS) {
      const keys = p.rows.map((r) => r.key);
      expect(new Set(keys).size, `${p.id} has duplicate row keys`).toBe(keys.length);
      for (const k of REQUIRED[p.id]!) expect(keys, p.id).toContain(k);
    }
  });

  it('declares what the product shows', () => {
    for (const p of PACKS) {
      expect(PACK_SECTIONS).toContain(p.section);
      expect(['snapshot', 'flow']).toContain(p.timing);
      expect(['grouped-bar', 'line', 'stacked-100']).toContain(p.chart);
      expect(p.definition.length, p.id).toBeGreaterThan(40);
      expect(p.base.length, p.id).toBeGreaterThan(5);
      for (const r of p.rows) {
        if (typeof r.base === 'object') expect(p.rows.map((x) => x.key), `${p.id} ${r.key} base`).toContain(r.base.key);
      }
    }
    expect(listPacks()[0]).toEqual({ id: 'cla', title: 'Children looked after', section: 'Children looked after', timing: 'flow', chart: 'line' });
  });

  it('checks options', () => {
    const sdq = getPack('sdq');
    expect(resolveOptions(sdq)).toEqual({ basis: '4-16' });
    expect(resolveOptions(sdq, { basis: '5-16' })).toEqual({ basis: '5-16' });
    expect(() => resolveOptions(sdq, { basis: '3-18' })).toThrow(/must be one of: 4-16, 5-16/);
    expect(() => resolveOptions(sdq, { colour: 'red' })).toThrow(/no option "colour"/);
    expect(() => getPack('nope')).toThrow(/no query pack called "nope"/);
  });

  it('every pack SQL covers all years: no year is filtered in the members query', () => {
    for (const p of PACKS) {
      const sql = p.members(resolveOptions(p));
      expect(sql, p.id).not.toMatch(/return_year\s*=\s*\d{4}/);
      expect(sql, p.id).toMatch(/return_year/);
    }
  });
});
