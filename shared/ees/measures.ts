/**
 * The published measures the workbench compares, each found in any EES file by meaning: the filter
 * labels a row must carry and the kind of indicator (a count, a percentage, a rate), never a column
 * position or a file name. Releases word things differently (the 2022 stability file says "Living in
 * the same placement for at least 2 years...", the 2025 one "Living with the same carer for at least
 * 2 years"), so each pattern takes every wording DfE has used.
 */
import { CIN, LS } from '../domain/codes.js';
import { flowLabel, snapshotLabel } from '../domain/years.js';

export type IndicatorKind = 'count' | 'percent' | 'rate' | 'population' | 'average' | 'other';
export type MeasureUnit = 'count' | 'percent' | 'rate';

/** What kind of number an indicator column holds, by its name. */
export function indicatorKind(indicator: string): IndicatorKind {
  const i = indicator.toLowerCase();
  if (/rate/.test(i)) return 'rate';
  if (/percent|percentage|pct/.test(i)) return 'percent';
  if (/population/.test(i)) return 'population';
  if (/average|mean|median/.test(i)) return 'average';
  if (/count|number|^n$|total/.test(i)) return 'count';
  return 'other';
}

/**
 * Where the authority's own figure comes from: a pack row's count or percent, or its count per 10,000
 * children; with options, only the pack run with those options counts it as DfE does (any other
 * choice shows no comparator beside that row).
 */
export interface OwnSource {
  pack: string;
  row: string;
  value: 'count' | 'percent' | 'rate';
  options?: Readonly<Record<string, string>>;
}

/** Whether a pack run with these options (defaults filled in) counts the row as the measure needs. */
export function ownMatchesOptions(own: OwnSource, options: Readonly<Record<string, string>>): boolean {
  return Object.entries(own.options ?? {}).every(([id, value]) => options[id] === value);
}

export interface MeasureSpec {
  id: string;
  label: string;
  unit: MeasureUnit;
  /** Counted on 31 March ('snapshot') or over the year ('flow', the default). */
  timing?: 'snapshot' | 'flow';
  /** Every pattern must match a different filter label of the row. */
  filters: RegExp[];
  /** The indicator kinds that carry this measure (a file may publish a percentage in a 'number' column: then the filter says so). */
  indicators: IndicatorKind[];
  /** Whether a higher figure is generally better, worse, or neither (for the words only). */
  higherIs?: 'better' | 'worse';
  own?: OwnSource;
}

const CLA_31_MARCH = /^children looked after (on|at) 31 march( each year)?$/i;
const STARTING = /^children (starting|who started) to be looked after( each year| during the year)?$/i;
const CEASING = /^children (ceasing|who ceased) to be looked after( each year| during the year)?$/i;
const AGED_19_21 = /^(aged )?19 to 21( years)?$/i;
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The care-leavers pack counted as DfE publishes: aged 19 to 21, those who died or went home left out. */
const CARE_LEAVERS_19_21 = { basis: 'dfe-19-21' } as const;

/**
 * DfE's labels for the legal status of children starting to be looked after, code by code (D1, the
 * historic freeing order, and the short breaks V3/V4 are not published).
 */
const STARTER_LEGAL_STATUS: readonly (readonly [string, RegExp])[] = [
  ['C1', /^interim care orders?$/i],
  ['C2', /^full care orders?$/i],
  ['E1', /^placement orders? granted$/i],
  ['V2', /^voluntary agreements? under s(ection )?20$/i],
  ['L1', /^(under )?police protection (and )?in la accommodation$/i],
  ['L2', /^emergency protection orders?$/i],
  ['L3', /^child assessment orders? and in la accommodation$/i],
  ['J1', /^remand(ed)?$/i],
  ['J2', /^(placed in )?la accommodation under pace( 1984| 1989)?$/i],
  ['J3', /^sentenced to (a )?youth rehabilitation orders?$/i],
];

export const MEASURES: readonly MeasureSpec[] = [
  { id: 'cla-rate', label: 'Looked after on 31 March, per 10,000 children', unit: 'rate', timing: 'snapshot', filters: [CLA_31_MARCH], indicators: ['rate'], own: { pack: 'cla', row: 'at-31-march', value: 'rate' } },
  { id: 'cla-number', label: 'Looked after on 31 March', unit: 'count', timing: 'snapshot', filters: [CLA_31_MARCH], indicators: ['count'], own: { pack: 'cla', row: 'at-31-march', value: 'count' } },
  { id: 'started-rate', label: 'Started to be looked after, per 10,000 children', unit: 'rate', filters: [STARTING], indicators: ['rate'], own: { pack: 'cla', row: 'started', value: 'rate' } },
  { id: 'started-number', label: 'Started to be looked after', unit: 'count', filters: [STARTING], indicators: ['count'], own: { pack: 'cla', row: 'started', value: 'count' } },
  { id: 'ceased-rate', label: 'Ceased to be looked after, per 10,000 children', unit: 'rate', filters: [CEASING], indicators: ['rate'], own: { pack: 'cla', row: 'ceased', value: 'rate' } },
  { id: 'ceased-number', label: 'Ceased to be looked after', unit: 'count', filters: [CEASING], indicators: ['count'], own: { pack: 'cla', row: 'ceased', value: 'count' } },
  {
    id: 'stability-three-plus',
    label: 'Three or more placements during the year (% of children looked after on 31 March)',
    unit: 'percent',
    timing: 'snapshot',
    filters: [/^with 3 or more placements during the year$/i],
    indicators: ['percent'],
    higherIs: 'worse',
    own: { pack: 'placement-stability', row: 'three-or-more', value: 'percent' },
  },
  {
    id: 'stability-long-term',
    label: 'Same carer or placement for 2 years (% of under-16s looked after 2.5 years)',
    unit: 'percent',
    timing: 'snapshot',
    filters: [/^living (in the same placement|with the same carers?) for at least 2 years/i],
    indicators: ['percent'],
    higherIs: 'better',
    own: { pack: 'placement-stability', row: 'long-term', value: 'percent' },
  },
  ...(
    [
      ['under-1', /^under 1( year)?$/i, 'Under 1'],
      ['1-4', /^1 to 4( years)?$/i, '1 to 4'],
      ['5-9', /^5 to 9( years)?$/i, '5 to 9'],
      ['10-15', /^10 to 15( years)?$/i, '10 to 15'],
      ['16-over', /^16 (years )?and over$/i, '16 and over'],
    ] as const
  ).map(
    ([row, pattern, label]): MeasureSpec => ({
      id: `starters-age-${row}`,
      label: `Starters aged ${label} (% of starters)`,
      unit: 'percent',
      filters: [/^age group$/i, pattern],
      indicators: ['percent'],
      own: { pack: 'starters', row, value: 'percent' },
    }),
  ),
  // Starters by category of need: DfE labels them "N1. Abuse or neglect"; the code is the match.
  ...CIN.codes.map(
    (c): MeasureSpec => ({
      id: `starters-cin-${c.code.toLowerCase()}`,
      label: `Starters in category of need ${c.code}, ${c.label.toLowerCase()} (% of starters)`,
      unit: 'percent',
      filters: [/^category of need$/i, new RegExp(`^${c.code}\\b`, 'i')],
      indicators: ['percent'],
      own: { pack: 'starters-category-of-need', row: c.code, value: 'percent' },
    }),
  ),
  // Starters by the legal status they started with: DfE names the statuses, the code is ours.
  ...STARTER_LEGAL_STATUS.map(
    ([code, pattern]): MeasureSpec => ({
      id: `starters-ls-${code.toLowerCase()}`,
      // First letter only: "placed in LA accommodation under PACE" keeps its capitals.
      label: `Starters with legal status ${code}, ${lowerFirst(LS.codes.find((c) => c.code === code)!.label)} (% of starters)`,
      unit: 'percent',
      filters: [/^legal status$/i, pattern],
      indicators: ['percent'],
      own: { pack: 'starters-legal-status', row: code, value: 'percent' },
    }),
  ),
  {
    id: 'ceased-adopted',
    label: 'Ceased: adopted (% of children who ceased)',
    unit: 'percent',
    filters: [/^reason episode ceased$/i, /^adopted$/i],
    indicators: ['percent'],
    own: { pack: 'reasons-ceased', row: 'adoption', value: 'percent' },
  },
  // DfE publishes these percentages in its 'number' column, one row per measure.
  {
    id: 'missing-percent',
    label: 'Had a missing incident (% of children looked after in the year)',
    unit: 'percent',
    filters: [/^percentage of children who had a missing incident during the year$/i],
    indicators: ['count', 'percent'],
    own: { pack: 'missing', row: 'children-missing', value: 'percent' },
  },
  {
    id: 'away-percent',
    label: 'Away without authorisation (% of children looked after in the year)',
    unit: 'percent',
    filters: [/^percentage of children who were away from placement without authorisation during the year$/i],
    indicators: ['count', 'percent'],
    own: { pack: 'missing', row: 'children-away', value: 'percent' },
  },
  // No own figure: distance and location need the ONS Postcode Directory, which the returns do not carry.
  { id: 'placed-outside-20-miles', label: 'New placements outside the LA and more than 20 miles from home (%)', unit: 'percent', filters: [/^placed outside la boundary more than 20 miles from home$/i], indicators: ['percent'] },
  {
    id: 'care-leavers-eet-19-21',
    label: 'Care leavers aged 19 to 21 in education, employment or training (%)',
    unit: 'percent',
    filters: [AGED_19_21, /^total in education, employment or training$/i],
    indicators: ['percent'],
    higherIs: 'better',
    own: { pack: 'care-leavers', row: 'activity:eet', value: 'percent', options: CARE_LEAVERS_19_21 },
  },
  // DfE's suitability base also leaves out young people gone abroad, deported or whose residence is
  // not known (ACCOM G, H, R): the pack's third basis does the same.
  {
    id: 'care-leavers-suitable-19-21',
    label: 'Care leavers aged 19 to 21 in suitable accommodation (%)',
    unit: 'percent',
    filters: [AGED_19_21, /^accommodation considered suitable$/i],
    indicators: ['percent'],
    higherIs: 'better',
    own: { pack: 'care-leavers', row: 'accommodation:suitable', value: 'percent', options: { basis: 'dfe-19-21-suitability' } },
  },
  {
    id: 'care-leavers-in-touch-19-21',
    label: 'Care leavers aged 19 to 21 the LA is in touch with (%)',
    unit: 'percent',
    filters: [AGED_19_21, /^local authority in touch with care leaver$/i],
    indicators: ['percent'],
    higherIs: 'better',
    own: { pack: 'care-leavers', row: 'in-touch:YES', value: 'percent', options: CARE_LEAVERS_19_21 },
  },
];

/** The population of children aged 0 to 17 (ONS mid-year estimates): the denominator of rates. */
export const POPULATION_FILTER = /^children aged 0 to 17( years)?$/i;

/** Whether every pattern matches a different one of the labels. */
function matchesAll(patterns: readonly RegExp[], labels: string[]): boolean {
  const used = new Set<number>();
  return patterns.every((p) => {
    const i = labels.findIndex((l, k) => !used.has(k) && p.test(l));
    if (i < 0) return false;
    used.add(i);
    return true;
  });
}

/** The catalogue measure a published value carries, or null. Population rows are 'population'. */
export function measureOf(filters: Record<string, string>, indicator: string): string | null {
  const labels = Object.values(filters).map((l) => l.trim());
  const kind = indicatorKind(indicator);
  if (kind === 'population' && (labels.length === 0 || labels.some((l) => POPULATION_FILTER.test(l)))) {
    // The ONS file's own estimate; the rates file repeats the population beside each measure.
    return labels.some((l) => POPULATION_FILTER.test(l)) ? 'population' : null;
  }
  for (const m of MEASURES) {
    if (m.indicators.includes(kind) && matchesAll(m.filters, labels)) return m.id;
  }
  return null;
}

/** "31 March 2024" for a snapshot measure, "2023/24" for a year's flow. */
export function yearLabelOf(m: { timing?: 'snapshot' | 'flow'; id: string }, year: number): string {
  const timing = m.timing ?? getMeasure(m.id)?.timing ?? 'flow';
  return timing === 'snapshot' ? snapshotLabel(year) : flowLabel(year);
}

export function getMeasure(id: string): MeasureSpec | undefined {
  return MEASURES.find((m) => m.id === id);
}
