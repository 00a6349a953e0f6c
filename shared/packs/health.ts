/** Health of children looked after continuously for 12 months at 31 March (OC2 cohort). */
import { snapshotLabel } from '../domain/years.js';
import { CHILD, MIN_BASE_FOR_PERCENT, amountOf, baseCount, bracket, countOf, isShown, joinAnd, latestYear, sentence, shareChange, suppressionNote } from './commentary.js';
import { CLA_COLUMNS, keyedBy, nestedChain, nestedIn } from './define.js';
import { TOTAL, type PackDefinition } from './types.js';
import { cellOf, yearOnYear } from './yearOnYear.js';

const MEASURES = [
  { key: 'HEALTH_ASSESSMENT', label: 'Had their annual health assessment', words: 'had their annual health assessment' },
  { key: 'TEETH_CHECK', label: 'Had their teeth checked by a dentist', words: 'had their teeth checked by a dentist' },
  { key: 'IMMUNISATIONS', label: 'Immunisations up to date', words: 'had up-to-date immunisations' },
] as const;

export const healthPack: PackDefinition = {
  id: 'health',
  title: 'Health of children looked after',
  section: 'Health and wellbeing',
  timing: 'snapshot',
  chart: 'grouped-bar',
  definition:
    'Children looked after continuously for at least 12 months at 31 March (looked after on 31 March, in a period of care that began on ' +
    'or before 1 April of the year, no short break in the year), with their OC2 record for the year: annual health assessment, teeth ' +
    'checked by a dentist and immunisations up to date (flag 1); development assessments up to date (HEALTH_CHECK = 1) for children ' +
    'under 5 on 31 March. A cohort child with no OC2 record counts in the base, not as having had the check. OC2 rows of children ' +
    'outside the cohort are not counted.',
  base: 'Children looked after continuously for 12 months; development assessments: those of them aged under 5.',
  unit: CHILD,
  ...keyedBy(() => ({
    from: 'oc2_cohort',
    keys: `key_list(['cohort',
        CASE WHEN health_assessment = '1' THEN 'HEALTH_ASSESSMENT' END,
        CASE WHEN teeth_check = '1' THEN 'TEETH_CHECK' END,
        CASE WHEN immunisations = '1' THEN 'IMMUNISATIONS' END,
        CASE WHEN age < 5 THEN 'cohort-under-5' END,
        CASE WHEN age < 5 AND health_check = '1' THEN 'HEALTH_CHECK' END,
        CASE WHEN NOT has_oc2 THEN 'no-oc2' END])`,
    keyColumns: ['health_assessment', 'teeth_check', 'immunisations', 'age', 'health_check', 'has_oc2'],
    details: `${CLA_COLUMNS}, has_oc2, health_assessment, teeth_check, immunisations, health_check`,
  })),
  rows: [
    { key: 'cohort', label: 'Looked after continuously for 12 months (base)', group: null, base: 'none', role: 'base' },
    ...MEASURES.map((m) => ({ key: m.key, label: m.label, group: null })),
    { key: 'cohort-under-5', label: 'Of whom aged under 5 (base of development assessments)', group: null, base: 'none', role: 'base' },
    { key: 'HEALTH_CHECK', label: 'Development assessments up to date (under 5s)', group: null, base: { key: 'cohort-under-5' } },
    { key: 'no-oc2', label: 'No OC2 record for a child in the cohort', group: null, optional: true, role: 'note' },
  ],
  total: true,
  // The cohort row shows the same count.
  totalLabel: null,
  percent: true,
  additive: false,
  // The cohort row is the total. Each check is within the cohort (and development assessments within
  // the under 5s), and none is recorded for a child with no OC2 record: the rest of each is a count.
  extraSuppressionSets: () => [
    { parent: TOTAL, members: ['cohort'] },
    ...nestedChain(['cohort', 'cohort-under-5', 'HEALTH_CHECK']),
    nestedIn('cohort', 'no-oc2'),
    ...MEASURES.flatMap((m) => [nestedIn('cohort', m.key), nestedIn('cohort', m.key, 'no-oc2')]),
    nestedIn('cohort', 'HEALTH_CHECK', 'no-oc2'),
  ],
  commentary: ({ result }) => {
    const year = latestYear(result);
    if (year === null) return [];
    const out: string[] = [];
    const base = baseCount(result, null, year);
    if (base === null) return [...suppressionNote(result)];
    if (base === 0) return [sentence(`No children had been looked after continuously for 12 months on ${snapshotLabel(year)}`)];
    const lead = `Of the ${countOf(base, CHILD)} looked after continuously for at least 12 months on ${snapshotLabel(year)}`;
    const parts: string[] = [];
    for (const m of MEASURES) {
      const cell = cellOf(result, m.key, year);
      if (!isShown(cell)) continue;
      const yoy = yearOnYear(result, m.key, year);
      const prevBase = yoy.previousYear === null ? null : baseCount(result, null, yoy.previousYear);
      const change = base >= MIN_BASE_FOR_PERCENT ? bracket(shareChange(yoy, 'snapshot', prevBase)) : '';
      parts.push(`${amountOf(cell, base)} ${m.words}${change}`);
    }
    if (parts.length) out.push(sentence(`${lead}, ${joinAnd(parts)}`));
    const u5 = baseCount(result, 'cohort-under-5', year);
    const hc = cellOf(result, 'HEALTH_CHECK', year);
    if (u5 !== null && u5 > 0 && isShown(hc)) {
      out.push(sentence(`${amountOf(hc, u5)} of the ${countOf(u5, CHILD)} under 5 had up-to-date development assessments`));
    }
    const missing = cellOf(result, 'no-oc2', year);
    if (isShown(missing) && missing.count > 0) out.push(sentence(`${countOf(missing.count, CHILD)} in the cohort had no OC2 record, so are counted as not having had these checks`));
    return [...out, ...suppressionNote(result)];
  },
};
