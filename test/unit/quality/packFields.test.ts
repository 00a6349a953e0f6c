/** Which data-quality findings a pack says may affect it: a field it uses, in a file it reads. */
import { describe, expect, it } from 'vitest';
import { findingsAffecting } from '../../../shared/quality/packFields.js';

const summary = {
  rules: [
    { code: '385', fields: ['DEC'], tables: ['episodes'] },
    { code: 'INT06', fields: ['CHILD'], tables: ['oc3'] },
    { code: '188', fields: ['DOB', 'SDQ_SCORE', 'SDQ_REASON'], tables: ['oc2'] },
    { code: '393', fields: ['MOTHER'], tables: ['header'] },
  ],
  counts: [
    { rule: '385', n: 2 },
    { rule: 'INT06', n: 30 },
    { rule: '188', n: 5 },
    { rule: '393', n: 7 },
  ],
};

describe('findings that may affect a pack', () => {
  it('counts a rule on a field the pack uses in a file it reads', () => {
    // Children looked after: episode dates count; a care leaver missing from the Header (OC3's CHILD) does not.
    expect(findingsAffecting('cla', summary)).toBe(2);
    // Care leavers read OC3: its CHILD counts there.
    expect(findingsAffecting('care-leavers', summary)).toBe(30);
  });

  it('reads a file from the columns of its own a pack uses', () => {
    // SDQ reads OC2 (SDQ_SCORE): 188 there counts, on top of the episode dates.
    expect(findingsAffecting('sdq', summary)).toBe(7);
    // Age uses DOB, common to every file: OC2's DOB does not make it read OC2.
    expect(findingsAffecting('age', summary)).toBe(2);
  });

  it('counts nothing for a field no pack uses, or a pack it does not know', () => {
    expect(findingsAffecting('ethnicity', { rules: [summary.rules[3]!], counts: [summary.counts[3]!] })).toBe(0);
    expect(findingsAffecting('local:my-pack', summary)).toBe(0);
  });
});
