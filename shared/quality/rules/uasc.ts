/**
 * DfE rules on unaccompanied asylum-seeking children: the UASC file's date UASC status ceased
 * (DUC) against the child's age and the Header's UASC status, this year and last.
 */
import type { QualityRule } from '../rule.js';
import { birthday } from './sql.js';

/** The Header of the year (alias y) carries UASC status at all (the column was in the file), as the validator needs. */
const headerHasUasc = (year: string) => `EXISTS (SELECT 1 FROM header x WHERE x.return_year = ${year} AND x.uasc IS NOT NULL)`;

/** Of the UASC row alias a: the child's Header UASC status in its year or the year before (blank when not in that Header). */
const status = (a: string, back: 0 | 1) => `(SELECT max(h.uasc) FROM header h WHERE h.return_year = ${a}.return_year - ${back} AND h.child = ${a}.child)`;
/** Of the UASC row alias a: the child's DUC in last year's UASC file (NULL when none), and whether the child is in it. */
const ducLast = (a: string) => `(SELECT max(l.duc) FROM uasc l WHERE l.return_year = ${a}.return_year - 1 AND l.child = ${a}.child)`;
const inUascLast = (a: string) => `EXISTS (SELECT 1 FROM uasc l WHERE l.return_year = ${a}.return_year - 1 AND l.child = ${a}.child)`;

/**
 * The 205 family on a UASC row alias a (the child's UASC file row this year): A, UASC last year
 * but not this year, and the dates do not show it ceasing last year; B, UASC both years, and the
 * dates do not show it ceasing on the 18th birthday; C, UASC neither year but a date UASC ceased given.
 */
const CONDITIONS_205 = {
  '205A': (a: string) => `coalesce(${status(a, 0)}, '') <> '1' AND ${status(a, 1)} = '1' AND ${inUascLast(a)}
    AND (${a}.duc IS NOT NULL OR NOT coalesce(${ducLast(a)} BETWEEN year_start(${a}.return_year - 1) AND year_end(${a}.return_year - 1), false))`,
  '205B': (a: string) => `${status(a, 0)} = '1' AND ${status(a, 1)} = '1' AND ${inUascLast(a)}
    AND ((NOT coalesce(${a}.duc BETWEEN year_start(${a}.return_year) AND year_end(${a}.return_year), false) AND NOT coalesce(${a}.duc = ${ducLast(a)}, false))
      OR NOT coalesce(${ducLast(a)} = ${birthday(`${a}.dob`, 18)}, false))`,
  '205C': (a: string) => `coalesce(${status(a, 0)}, '0') = '0' AND coalesce(${status(a, 1)}, '0') = '0'
    AND (${a}.duc IS NOT NULL OR ${ducLast(a)} IS NOT NULL)`,
} as const;

const MESSAGES_205 = {
  '205A': 'The child was an unaccompanied asylum-seeking child last year but not this year, and the dates UASC status ceased in the two years do not show that.',
  '205B': 'The child is an unaccompanied asylum-seeking child this year and last, but the dates UASC status ceased in the two years do not fit (ceasing on the 18th birthday).',
  '205C': 'The child was not an unaccompanied asylum-seeking child this year or last, but a date UASC status ceased is given.',
} as const;

/** A child of 17 in the fixture year whose UASC status ceases on their 18th birthday, in June 2023. */
const UASC_CHILD = { SEX: '1', DOB: '2005-06-01' };
const DUC = '2023-06-01';

/** Fixtures of the 205 family: this year's and last year's Header UASC status and DUC. */
function fixtures205(now: { uasc: string; duc: string | null }, last: { uasc: string; duc: string | null }) {
  return {
    tables: { header: [{ ...UASC_CHILD, UASC: now.uasc }], uasc: [{ ...UASC_CHILD, DUC: now.duc }] },
    previous: { header: [{ ...UASC_CHILD, UASC: last.uasc }], uasc: [{ ...UASC_CHILD, DUC: last.duc }] },
  };
}

const FIXTURES_205 = {
  '205A': { pass: fixtures205({ uasc: '0', duc: null }, { uasc: '1', duc: '2022-03-01' }), fail: fixtures205({ uasc: '0', duc: null }, { uasc: '1', duc: DUC }) },
  '205B': { pass: fixtures205({ uasc: '1', duc: DUC }, { uasc: '1', duc: DUC }), fail: fixtures205({ uasc: '1', duc: DUC }, { uasc: '1', duc: '2023-05-31' }) },
  '205C': { pass: fixtures205({ uasc: '1', duc: DUC }, { uasc: '0', duc: DUC }), fail: fixtures205({ uasc: '0', duc: DUC }, { uasc: '0', duc: DUC }) },
};

function rules205(code: keyof typeof CONDITIONS_205): QualityRule[] {
  const both = `${headerHasUasc('t.return_year')} AND ${headerHasUasc('t.return_year - 1')}`;
  const base = { code, message: MESSAGES_205[code], previousYear: true, ...FIXTURES_205[code] };
  return [
    { ...base, table: 'uasc', fields: ['DUC'], when: `${both} AND ${CONDITIONS_205[code]('t')}` },
    // The Header row of a child with such a UASC row.
    { ...base, table: 'header', fields: ['UASC'], when: `${both} AND EXISTS (SELECT 1 FROM uasc u WHERE u.return_year = t.return_year AND u.child = t.child AND ${CONDITIONS_205[code]('u')})` },
  ];
}

export const UASC_RULES: QualityRule[] = [
  {
    code: '304',
    message: 'The date UASC status ceased must be on or before the 18th birthday.',
    table: 'uasc',
    fields: ['DUC', 'DOB'],
    when: `t.duc > ${birthday('t.dob', 18)}`,
    pass: { tables: { header: [{ ...UASC_CHILD, UASC: '1' }], uasc: [{ ...UASC_CHILD, DUC }] } },
    fail: { tables: { header: [{ ...UASC_CHILD, UASC: '1' }], uasc: [{ ...UASC_CHILD, DUC: '2023-06-02' }] } },
  },
  {
    code: '303',
    message: 'A date UASC status ceased is given, so the Header should record the child as an unaccompanied asylum-seeking child (UASC 1).',
    table: 'uasc',
    fields: ['DUC'],
    when: `${headerHasUasc('t.return_year')} AND t.duc IS NOT NULL AND EXISTS (SELECT 1 FROM header h WHERE h.return_year = t.return_year AND h.child = t.child AND h.uasc IS DISTINCT FROM '1')`,
    pass: { tables: { header: [{ ...UASC_CHILD, UASC: '1' }], uasc: [{ ...UASC_CHILD, DUC }] } },
    fail: { tables: { header: [{ ...UASC_CHILD, UASC: '0' }], uasc: [{ ...UASC_CHILD, DUC }] } },
  },
  {
    code: '303',
    message: 'A date UASC status ceased is given, so the Header should record the child as an unaccompanied asylum-seeking child (UASC 1).',
    table: 'header',
    fields: ['UASC'],
    when: `${headerHasUasc('t.return_year')} AND t.uasc IS DISTINCT FROM '1' AND EXISTS (SELECT 1 FROM uasc u WHERE u.return_year = t.return_year AND u.child = t.child AND u.duc IS NOT NULL)`,
    pass: { tables: { header: [{ ...UASC_CHILD, UASC: '1' }], uasc: [{ ...UASC_CHILD, DUC }] } },
    fail: { tables: { header: [{ ...UASC_CHILD, UASC: '0' }], uasc: [{ ...UASC_CHILD, DUC }] } },
  },
  {
    code: '205D',
    message: 'The child is an unaccompanied asylum-seeking child this year but was not recorded as one last year.',
    table: 'header',
    fields: ['UASC'],
    previousYear: true,
    when: `t.uasc = '1' AND ${headerHasUasc('t.return_year - 1')}
      AND EXISTS (SELECT 1 FROM header p WHERE p.return_year = t.return_year - 1 AND p.child = t.child AND p.uasc IS DISTINCT FROM '1')`,
    pass: fixtures205({ uasc: '1', duc: DUC }, { uasc: '1', duc: DUC }),
    fail: fixtures205({ uasc: '1', duc: DUC }, { uasc: '0', duc: null }),
  },
  {
    code: 'INT21',
    message: 'The sex in the UASC file differs from the Header.',
    table: 'uasc',
    fields: ['SEX'],
    when: `EXISTS (SELECT 1 FROM header h WHERE h.return_year = t.return_year AND h.child = t.child AND h.sex <> t.sex)`,
    pass: { tables: { header: [{ ...UASC_CHILD, UASC: '1' }], uasc: [{ ...UASC_CHILD, DUC }] } },
    fail: { tables: { header: [{ ...UASC_CHILD, UASC: '1' }], uasc: [{ ...UASC_CHILD, SEX: '2', DUC }] } },
  },
  ...rules205('205A'),
  ...rules205('205B'),
  ...rules205('205C'),
];
