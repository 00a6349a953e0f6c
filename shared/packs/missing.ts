/** Children missing or away from placement without authorisation during the year. */
import { flowLabel } from '../domain/years.js';
import { CHILD, MIN_BASE_FOR_PERCENT, baseCount, countOf, isShown, latestYear, pct, sentence, suppressionNote } from './commentary.js';
import { keyedBy, nestedIn } from './define.js';
import { TOTAL, type PackDefinition } from './types.js';
import { cellOf } from './yearOnYear.js';

const INCIDENT = { one: 'incident', many: 'incidents' };

export const missingPack: PackDefinition = {
  id: 'missing',
  title: 'Missing and away from placement',
  section: 'Health and wellbeing',
  timing: 'flow',
  chart: 'grouped-bar',
  definition:
    'Children looked after at any time in the year (short breaks excluded) with at least one incident of being missing (MISSING = M) or ' +
    'away from placement without authorisation (A), and the number of incidents: those starting in the year, plus those that started ' +
    'earlier and were still open on 1 April. Incidents with another MISSING code are counted separately.',
  base: 'Children looked after at any time during the year.',
  unit: CHILD,
  measures: true,
  // Each child looked after in the year with their numbers of incidents by kind (0 when none).
  ...keyedBy(() => ({
    from: `(
      SELECT d.*, coalesce(i.n_missing, 0) AS n_missing, coalesce(i.n_away, 0) AS n_away, coalesce(i.n_other, 0) AS n_other, i.first_incident
      FROM cla_during_year d
      LEFT JOIN (
        SELECT return_year, child,
          count(*) FILTER (WHERE missing = 'M') AS n_missing,
          count(*) FILTER (WHERE missing = 'A') AS n_away,
          count(*) FILTER (WHERE missing IS DISTINCT FROM 'M' AND missing IS DISTINCT FROM 'A') AS n_other,
          min(mis_start) AS first_incident
        FROM missing_in_year GROUP BY ALL
      ) i ON i.return_year = d.return_year AND i.child = d.child) d`,
    keys: `key_list([
        CASE WHEN n_missing > 0 THEN 'children-missing' END, CASE WHEN n_missing > 0 THEN 'missing-episodes' END,
        CASE WHEN n_away > 0 THEN 'children-away' END, CASE WHEN n_away > 0 THEN 'away-episodes' END,
        CASE WHEN n_other > 0 THEN 'other-episodes' END])`,
    keyColumns: ['n_missing', 'n_away', 'n_other'],
    measures: { 'missing-episodes': 'n_missing', 'away-episodes': 'n_away', 'other-episodes': 'n_other' },
    details: `d.child, d.dob, d.age AS age_31_march, sex_key(d.sex) AS sex, d.ls AS legal_status, d.place AS placement,
      d.n_missing AS missing_incidents, d.n_away AS away_incidents, d.first_incident`,
  })),
  rows: [
    { key: 'children-missing', label: 'Children who went missing', group: 'Missing' },
    { key: 'missing-episodes', label: 'Missing incidents', group: 'Missing', kind: 'sum' },
    { key: 'children-away', label: 'Children who were away without authorisation', group: 'Away without authorisation' },
    { key: 'away-episodes', label: 'Away incidents', group: 'Away without authorisation', kind: 'sum' },
    { key: 'other-episodes', label: 'Incidents with an unrecognised MISSING code', group: null, kind: 'sum', optional: true },
  ],
  total: true,
  totalLabel: 'Children looked after during the year (base)',
  percent: true,
  additive: false,
  // The children who did not go missing (or were not away) are a count too.
  extraSuppressionSets: () => [nestedIn(TOTAL, 'children-missing'), nestedIn(TOTAL, 'children-away')],
  commentary: ({ result }) => {
    const year = latestYear(result);
    if (year === null) return [];
    const out: string[] = [];
    const base = baseCount(result, null, year);
    const phrase = (childrenKey: string, incidentsKey: string, what: (n: number) => string): string | null => {
      const children = cellOf(result, childrenKey, year);
      const incidents = cellOf(result, incidentsKey, year);
      if (!isShown(children)) return null;
      const n = children.count;
      if (n === 0) return `no children ${what(2)}`;
      const share = base !== null && base >= MIN_BASE_FOR_PERCENT && children.percent != null ? ` (${pct(children.percent)})` : '';
      const i = isShown(incidents) ? `, ${countOf(incidents.count, INCIDENT)} in all` : '';
      return `${countOf(n, CHILD)}${share} ${what(n)}${i}`;
    };
    const m = phrase('children-missing', 'missing-episodes', () => 'went missing from placement');
    const a = phrase('children-away', 'away-episodes', (n) => `${n === 1 ? 'was' : 'were'} away from placement without authorisation`);
    if (m) out.push(sentence(`During ${flowLabel(year)}, ${m}`));
    if (a) out.push(sentence(a));
    return [...out, ...suppressionNote(result)];
  },
};
