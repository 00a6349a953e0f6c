/**
 * Breakdowns: any pack split by a characteristic of the children behind it (gender, age, ethnic
 * group, legal status, placement, UASC, category of need, disability). Defined once over every
 * pack's members (one row per unit per return_year, with its child): each member is joined to its
 * child's characteristics in that return, so a breakdown's parts always add up to the pack's own
 * figures, and a drill-down lists exactly the children behind a part.
 *
 * The result is a cross-table in the usual result shape: each pack row (and the total, as "All
 * children") becomes an emphasised heading with one indented row per category, keyed
 * `<row key>|<category>`. Percentages are the pack's own, within the category (of the category's
 * base). The declared relations for suppression: each block adds up to its heading, and within each
 * category the pack's own sets hold (rows adding up to the category's total or subtotal).
 */
import { ETHNIC, LS, PLACE, PLACE_PROVIDER, CIN, codeLabel, type CodeList } from '../domain/codes.js';
import { AGE_BAND_ROWS, groupKeySql, lit } from './define.js';
import { percentOf } from './percent.js';
import { remainderKey } from './suppression.js';
import type { CellValue, PackResult, PackRow } from './result.js';
import { TOTAL, type AgeOn, type PackDefinition, type PackOptions, type RowSpec, type SuppressionSet } from './types.js';

/** The pack option every pack accepts: the characteristic to break it down by. */
export const BREAKDOWN_OPTION = 'by';
/** Key of the block that splits the pack total, and the separator of a part's row key. */
export const ALL_KEY = '__all';
export const PART_SEPARATOR = '|';

export interface BreakdownCategory {
  key: string;
  label: string;
  /** Shown only when some year has a member in it. */
  optional?: boolean;
}

export interface Breakdown {
  id: string;
  /** "Gender", shown in the select and the notes. */
  label: string;
  /** How the characteristic is taken, in words (the notes). */
  definition: string;
  /**
   * SQL of the category key over the characteristics (alias ch; all NULL when the child has none),
   * given the SQL of the child's age on the date the pack takes the member (see PackDefinition.ageOn).
   */
  key: (age: string) => string;
  /** The categories are of the child's age (the notes say on which date). */
  byAge?: boolean;
  categories: readonly BreakdownCategory[];
  /** Label of a category found in the data but not declared (an unknown code). */
  extraLabel: (key: string) => string;
}

/**
 * Each child's characteristics in return Y: the header (sex, date of birth, ethnicity, UASC flag),
 * and the legal status, placement, provider and category of need of the child's
 * latest episode in the year (the one open on 31 March for a child looked after then; a short break
 * only for a child who had nothing else). UASC: in the UASC file with status not ceased before the
 * year began, or flagged in the header.
 */
export const CHARACTERISTICS_SQL = `
    SELECT hd.return_year, hd.child, hd.sex, hd.ethnic, hd.dob,
      e.ls, e.place, e.place_provider, e.cin,
      CASE WHEN u.child IS NOT NULL THEN u.duc IS NULL OR u.duc >= year_start(hd.return_year) ELSE coalesce(hd.uasc = '1', FALSE) END AS uasc
    FROM child_header hd
    LEFT JOIN (
      SELECT return_year, child, ls, place, place_provider, cin FROM episodes
      WHERE decom <= year_end(return_year) AND (dec IS NULL OR dec >= year_start(return_year))
      QUALIFY row_number() OVER (PARTITION BY return_year, child ORDER BY coalesce(ls, '') IN ('V3', 'V4'), decom DESC, source_row) = 1
    ) e ON e.return_year = hd.return_year AND e.child = hd.child
    LEFT JOIN child_uasc u ON u.return_year = hd.return_year AND u.child = hd.child`;

const NOT_RECORDED = 'Not recorded';
const BLANK_CATEGORY: BreakdownCategory = { key: 'blank', label: `${NOT_RECORDED} (blank)`, optional: true };
const UNKNOWN_CHILD: BreakdownCategory = { key: 'unknown', label: 'Not known (no header row or date of birth)', optional: true };

/** Categories of a code list's DfE groups, with blank and unknown codes as themselves. */
function byGroup(list: CodeList, column: string): Pick<Breakdown, 'key' | 'categories' | 'extraLabel'> {
  const groups = (list.groups ?? []).map((g) => g.id);
  return {
    key: () => groupKeySql(list, column, groups, '', `code_key(${column})`),
    categories: [...(list.groups ?? []).map((g) => ({ key: g.id, label: g.label })), BLANK_CATEGORY],
    extraLabel: (key) => `${codeLabel(list, key)} (code not in a group)`,
  };
}

/** Categories of each code of a list, blank and unknown codes as themselves. */
function byCode(list: CodeList, column: string): Pick<Breakdown, 'key' | 'categories' | 'extraLabel'> {
  return {
    key: () => `code_key(${column})`,
    categories: [...list.codes.map((c) => ({ key: c.code, label: `${c.code} ${c.label}` })), BLANK_CATEGORY],
    extraLabel: (key) => codeLabel(list, key),
  };
}

const SINGLE_YEARS: BreakdownCategory[] = [
  { key: '0', label: 'Under 1' },
  ...Array.from({ length: 17 }, (_, i) => ({ key: String(i + 1), label: `Aged ${i + 1}` })),
  { key: '18-over', label: 'Aged 18 and over', optional: true },
  UNKNOWN_CHILD,
];

const AT_LATEST_EPISODE = "the child's latest episode in the year (the one open on 31 March if looked after then)";

export const BREAKDOWNS: readonly Breakdown[] = [
  {
    id: 'gender',
    label: 'Gender',
    definition: 'sex as recorded in the header (1 or M male, 2 or F female, anything else unknown)',
    key: () => 'sex_key(ch.sex)',
    categories: [
      { key: 'male', label: 'Male' },
      { key: 'female', label: 'Female' },
      { key: 'unknown', label: 'Unknown or not recorded', optional: true },
    ],
    extraLabel: (key) => key,
  },
  {
    id: 'age-band',
    label: 'Age band',
    definition: 'age in DfE bands',
    byAge: true,
    key: (age) => `age_band(${age})`,
    categories: [...AGE_BAND_ROWS.map((r) => ({ key: r.key, label: r.label })), UNKNOWN_CHILD],
    extraLabel: (key) => key,
  },
  {
    id: 'age',
    label: 'Single year of age',
    definition: 'age in whole years',
    byAge: true,
    key: (age) => `CASE WHEN ${age} IS NULL THEN 'unknown' WHEN ${age} >= 18 THEN '18-over' ELSE CAST(greatest(${age}, 0) AS VARCHAR) END`,
    categories: SINGLE_YEARS,
    extraLabel: (key) => key,
  },
  { id: 'ethnicity', label: 'Ethnic group', definition: 'ethnicity in the header, in DfE groups', ...byGroup(ETHNIC, 'ch.ethnic') },
  { id: 'legal-status', label: 'Legal status', definition: `legal status group of ${AT_LATEST_EPISODE}`, ...byGroup(LS, 'ch.ls') },
  { id: 'placement-type', label: 'Placement type', definition: `placement group of ${AT_LATEST_EPISODE}`, ...byGroup(PLACE, 'ch.place') },
  {
    id: 'placement-provider',
    label: 'Placement provider',
    definition: `placement provider of ${AT_LATEST_EPISODE} (the 903 files carry no placement location: see docs/packs.md)`,
    ...byCode(PLACE_PROVIDER, 'ch.place_provider'),
  },
  {
    id: 'uasc',
    label: 'UASC',
    definition: 'unaccompanied asylum-seeking child at any time in the year (in the UASC file with status not ceased before the year began, or flagged in the header)',
    key: () => `CASE WHEN ch.uasc THEN 'uasc' ELSE 'not-uasc' END`,
    categories: [
      { key: 'uasc', label: 'Unaccompanied asylum-seeking children' },
      { key: 'not-uasc', label: 'Other children' },
    ],
    extraLabel: (key) => key,
  },
  { id: 'category-of-need', label: 'Category of need', definition: `category of need (CIN) of ${AT_LATEST_EPISODE}`, ...byCode(CIN, 'ch.cin') },
  {
    id: 'disability',
    label: 'Disability (N2)',
    definition: `category of need N2 (child's disability) of ${AT_LATEST_EPISODE}`,
    key: () => `CASE WHEN ch.cin = 'N2' THEN 'disabled' ELSE 'not-disabled' END`,
    categories: [
      { key: 'disabled', label: "Disabled (N2 child's disability)" },
      { key: 'not-disabled', label: 'Other category of need, or none recorded' },
    ],
    extraLabel: (key) => key,
  },
];

/** A breakdown's label inside a sentence: "gender", "disability (N2)", "UASC" (codes keep their case). */
export function labelInSentence(label: string): string {
  return /^[A-Z][A-Z]/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

export function findBreakdown(id: string): Breakdown | undefined {
  return BREAKDOWNS.find((b) => b.id === id);
}

/** The breakdown chosen in resolved options, if any. */
export function breakdownOf(options: PackOptions): Breakdown | null {
  const id = options[BREAKDOWN_OPTION];
  return id === undefined ? null : (findBreakdown(id) ?? null);
}

/** Row key of a part: the pack row (or ALL_KEY for the total) and the category. */
export function partKey(rowKey: string, category: string): string {
  return `${rowKey}${PART_SEPARATOR}${category}`;
}

/** The pack row (TOTAL for the total block) and category of a part's key, or null for a pack row. */
export function splitPartKey(key: string): { row: string; category: string } | null {
  const at = key.lastIndexOf(PART_SEPARATOR);
  if (at < 0) return null;
  const row = key.slice(0, at);
  return { row: row === ALL_KEY ? TOTAL : row, category: key.slice(at + 1) };
}

const ON_31_MARCH: AgeOn = { date: 'year_end(m.return_year)', words: '31 March of the year' };

/** The date the pack takes the members of a row (TOTAL for the total) on, for their age. */
export function ageOnOf(pack: PackDefinition, rowKey: string): AgeOn {
  const on = pack.ageOn ?? [];
  return on.find((a) => a.rows?.includes(rowKey)) ?? on.find((a) => !a.rows) ?? ON_31_MARCH;
}

/** SQL of that date for the members of the row whose key is the SQL `row`. */
function ageDateSql(pack: PackDefinition, row: string): string {
  const on = pack.ageOn ?? [];
  const whens = on.filter((a) => a.rows).map((a) => `WHEN ${row} IN (${a.rows!.map(lit).join(', ')}) THEN ${a.date}`);
  const other = (on.find((a) => !a.rows) ?? ON_31_MARCH).date;
  return whens.length ? `CASE ${whens.join(' ')} ELSE ${other} END` : other;
}

/**
 * The members of a pack joined to their child's category: the members' columns plus `part`, the
 * category of each member as counted in the row whose key is the SQL `row` (a column of the
 * members, or a literal): its age is taken on the date the pack takes that row's members on.
 */
export function membersWithPart(pack: PackDefinition, members: string, b: Breakdown, row: string): string {
  return `SELECT m.*, ${b.key(`age_on(ch.dob, ${ageDateSql(pack, row)})`)} AS part
  FROM (
${members}
  ) m
  LEFT JOIN (${CHARACTERISTICS_SQL}
  ) ch ON ch.return_year = m.return_year AND ch.child = m.child`;
}

/** The members, once per row each counts in and the total (column `key`), with the category they count in there. */
export function memberPartsSql(pack: PackDefinition, members: string, b: Breakdown): string {
  return membersWithPart(pack, `SELECT *, unnest(list_append(keys, '${TOTAL}')) AS key FROM (${members})`, b, 'm.key');
}

/**
 * (return_year, key, part, count, sum, valued) of a pack's members split by a breakdown: per row key
 * (and TOTAL) and category, the members, the sum of the key's measure and how many have one.
 */
export function breakdownSql(pack: PackDefinition, options: PackOptions, b: Breakdown, measureValue: string): string {
  return `SELECT return_year, key, part, count(*) AS count, sum(value) AS sum, count(value) AS valued
  FROM (SELECT return_year, key, part, ${measureValue} AS value
        FROM (${memberPartsSql(pack, pack.members(options), b)}))
  GROUP BY return_year, key, part
  ORDER BY return_year, key, part`;
}

/**
 * The history aggregate of a breakdown's parts (as historySql for the pack's rows): per part key
 * (`row|category`, the total's as `${ALL_KEY}|category`), how many of the pack's history members
 * in the category make it uncertain, and how many of those are counted in it.
 */
export function breakdownHistorySql(pack: PackDefinition, historyMembers: string, b: Breakdown): string {
  return `SELECT return_year, CASE WHEN row = '${TOTAL}' THEN '${ALL_KEY}' ELSE row END || '${PART_SEPARATOR}' || part AS key,
    count(*) AS affected, count(*) FILTER (WHERE list_contains(keys, row)) AS affected_in, min(need_year) AS need_year
  FROM (SELECT return_year, keys, need_year, part, row
        FROM (${membersWithPart(pack, `SELECT *, unnest(uncertain) AS row FROM (${historyMembers}) WHERE len(uncertain) > 0`, b, 'm.row')}))
  GROUP BY ALL
  ORDER BY ALL`;
}

interface PartAgg {
  count: number;
  sum: number | null;
  valued: number;
}

export interface BuiltBreakdown {
  result: PackResult;
  /** The declared relations for suppression (see the module comment). */
  sets: SuppressionSet[];
  /** Row key -> key of its percentage base, or null. */
  bases: Record<string, string | null>;
  /** Row key -> the row whose members its figure (an average) is over, in the same category (RowSpec.over). */
  over: Record<string, string>;
}

/**
 * The cross-table of a pack result split by a breakdown. `result` and `specs` are the pack's own
 * (unsuppressed) result and rows; `bases` and `sets` the pack's own percentage bases and
 * suppression sets; raw the rows of breakdownSql.
 */
export function buildBreakdown(
  pack: PackDefinition,
  b: Breakdown,
  own: { result: PackResult; specs: RowSpec[]; bases: Record<string, string | null>; sets: SuppressionSet[] },
  raw: readonly Record<string, unknown>[],
): BuiltBreakdown {
  const data = new Map<string, PartAgg>();
  const seen = new Set<string>();
  const at = (y: number | string, key: string, part: string) => `${y}\u0000${key}\u0000${part}`;
  for (const r of raw) {
    const part = String(r.part);
    data.set(at(Number(r.return_year), String(r.key), part), {
      count: Number(r.count ?? 0),
      sum: r.sum === null || r.sum === undefined ? null : Number(r.sum),
      valued: Number(r.valued ?? 0),
    });
    if (Number(r.count ?? 0) > 0) seen.add(part);
  }
  const declared = new Set(b.categories.map((c) => c.key));
  const categories: BreakdownCategory[] = [
    ...b.categories.filter((c) => !c.optional || seen.has(c.key)),
    ...[...seen].filter((k) => !declared.has(k)).sort().map((k) => ({ key: k, label: b.extraLabel(k) })),
  ];
  const years = own.result.years;
  const get = (y: number, key: string, part: string) => data.get(at(y, key, part));
  const specOf = new Map(own.specs.map((s) => [s.key, s]));

  const ownCount = (y: number, rowKey: string) => (rowKey === TOTAL ? own.result.total : own.result.rows.find((r) => r.key === rowKey)?.values)?.[String(y)]?.count ?? 0;
  /**
   * The key of a part's percentage base (see PART_PERCENT): a share of its heading (the total, or a
   * pack row whose own percentage is of the total), or for a rate (a row whose percentage is of
   * another row) that row's part in the same category; null when the row has no percentage.
   */
  const percentBase = (rowKey: string, part: string): string | null => {
    if (rowKey === TOTAL) return TOTAL;
    const base = own.bases[rowKey];
    if (base === null || base === undefined) return null;
    return base === TOTAL ? rowKey : partKey(base, part);
  };
  /** The count of a part's percentage base (percentBase) in a year. */
  const baseCount = (y: number, rowKey: string, part: string): number => {
    const base = rowKey === TOTAL ? TOTAL : own.bases[rowKey];
    return base === TOTAL ? ownCount(y, rowKey) : (get(y, base!, part)?.count ?? 0);
  };
  const partCell = (y: number, rowKey: string, part: string): CellValue => {
    const a = get(y, rowKey, part);
    const kind = rowKey === TOTAL ? 'count' : (specOf.get(rowKey)?.kind ?? 'count');
    if (kind === 'sum') return { count: Math.round(a?.sum ?? 0) };
    if (kind === 'mean') return { count: a?.count ?? 0, value: a && a.valued > 0 && a.sum !== null ? Math.round((a.sum / a.valued) * 10) / 10 : null };
    const cell: CellValue = { count: a?.count ?? 0 };
    const base = percentBase(rowKey, part);
    if (base !== null) cell.percent = percentOf(cell.count!, baseCount(y, rowKey, part));
    return cell;
  };

  const rows: PackRow[] = [];
  const bases: Record<string, string | null> = { ...own.bases };
  const block = (rowKey: string, heading: PackRow) => {
    const group = heading.label;
    rows.push({ ...heading, group, subtotal: true });
    for (const c of categories) {
      const values: Record<string, CellValue> = {};
      for (const y of years) values[String(y)] = partCell(y, rowKey, c.key);
      const key = partKey(rowKey === TOTAL ? ALL_KEY : rowKey, c.key);
      rows.push({ key, label: c.label, group, values });
      bases[key] = percentBase(rowKey, c.key);
    }
  };
  if (pack.total) {
    block(TOTAL, { key: ALL_KEY, label: `All ${pack.unit.many}`, group: null, values: structuredClone(own.result.total) });
    bases[ALL_KEY] = null;
  }
  for (const row of own.result.rows) block(row.key, row);

  // Counts and sums add up over the categories (means do not); so do the numbers of children an
  // average over another row is over (RowSpec.over; another average's number is tied to a count
  // row by the pack's own sets, as SDQ's to 'submitted').
  const countRows = own.specs.filter((s) => (s.kind ?? 'count') !== 'mean' || s.over !== undefined).map((s) => s.key);
  const inPart = (key: string | null, c: string): string | null => (key === null ? null : key === TOTAL ? partKey(ALL_KEY, c) : partKey(key, c));
  // An average in a category is over the children of the same category of the row it is over.
  const over: Record<string, string> = {};
  for (const s of own.specs) {
    if (s.over === undefined) continue;
    over[s.key] = s.over;
    for (const c of categories) over[partKey(s.key, c.key)] = inPart(s.over, c.key)!;
  }
  const sets: SuppressionSet[] = [...own.sets];
  if (pack.total) sets.push({ parent: TOTAL, members: categories.map((c) => partKey(ALL_KEY, c.key)) });
  for (const key of countRows) sets.push({ parent: key, members: categories.map((c) => partKey(key, c.key)) });
  // (The total as a member, as in occasions >= children + more than once, is the category's "All".)
  const partOf = (s: SuppressionSet, c: string): SuppressionSet => ({ ...s, parent: inPart(s.parent, c), members: s.members.map((m) => inPart(m, c)!) });
  // A category's rows nest as the pack's do (remainder sets stay remainder sets), unless the
  // category is an age taken on different dates in them (a child under 1 on starting may be 1 on
  // 31 March): then only the headings nest.
  const sameAge = (s: SuppressionSet) => !b.byAge || new Set([s.parent ?? s.members[0]!, ...s.members].map((k) => ageOnOf(pack, k))).size === 1;
  const nesting = own.sets.filter(sameAge);
  for (const c of categories) for (const s of nesting) sets.push(partOf(s, c.key));
  // And what a heading's nested rows leave (children missing exactly once) is the sum of what its
  // parts' leave: said outright, so that the parts' remainders are bounded as a reader bounds them.
  for (const s of nesting) if (s.remainder) sets.push({ parent: remainderKey(s), members: categories.map((c) => remainderKey(partOf(s, c.key))) });

  const definition = b.byAge ? `${b.definition}, ${agedOn(pack, own.result.rows)}` : b.definition;
  const notes = [...own.result.notes, `Broken down by ${labelInSentence(b.label)}: ${definition}. Each block adds up to the figure it splits.`];
  const percentNote = partPercentNote(pack, own, categories);
  const chartKeys = categories.map((c) => partKey(pack.total ? ALL_KEY : (own.result.rows[0]?.key ?? ALL_KEY), c.key));
  return {
    result: { ...own.result, title: `${own.result.title}, by ${labelInSentence(b.label)}`, rows, notes, breakdown: { by: b.id, label: b.label, categories: categories.map((c) => ({ ...c })), chartKeys, ...(percentNote ? { percentNote } : {}) } },
    sets,
    bases,
    over,
  };
}

/** On which date a breakdown by age takes the child's age, in words. */
function agedOn(pack: PackDefinition, rows: readonly PackRow[]): string {
  const whole = ageOnOf(pack, TOTAL);
  const scoped = (pack.ageOn ?? []).filter((a) => a.rows);
  const under = scoped.map((a) => {
    const labels = a.rows!.map((k) => `"${rows.find((r) => r.key === k)?.label ?? k}"`);
    return `on ${a.words} under ${labels.join(' and ')}`;
  });
  return under.length ? `taken ${under.join(', ')}, and on ${whole.words} otherwise` : `taken on ${whole.words}`;
}

/**
 * What a part's percentage is of, in words (the screen's legend and every export's), with an
 * example from the table itself; undefined when no part has one. Under a heading, a part's % is its
 * share of the heading ("Male" under "Under 1": the % of children under 1 who are male), so the
 * parts of a heading add up to 100%; under a rate (a row whose % is of another row, such as
 * participation of the eligible), it is the same rate within the category.
 */
function partPercentNote(
  pack: PackDefinition,
  own: { result: PackResult; bases: Record<string, string | null> },
  categories: readonly BreakdownCategory[],
): string | undefined {
  const first = categories[0];
  if (!first) return undefined;
  const label = (key: string) => own.result.rows.find((r) => r.key === key)?.label ?? key;
  const shares = own.result.rows.filter((r) => own.bases[r.key] === TOTAL);
  const lines: string[] = [];
  const example = shares[0]?.label ?? (pack.total && pack.percent ? `All ${pack.unit.many}` : null);
  if (example !== null) {
    lines.push(`Under each heading, a part's % is its share of that heading: "${first.label}" under "${example}" is ${first.label} as a % of ${example}, so a heading's parts add up to 100%.`);
  }
  const rates = new Map<string, string[]>();
  for (const r of own.result.rows) {
    const base = own.bases[r.key];
    if (base !== null && base !== undefined && base !== TOTAL) rates.set(base, [...(rates.get(base) ?? []), r.label]);
  }
  for (const [base, rows] of rates) {
    const names = rows.map((l) => `"${l}"`);
    const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
    lines.push(
      `Under ${list} (a % of "${label(base)}"), a part's % is of the same category under "${label(base)}": "${first.label}" under ${names[0]} is a % of "${first.label}" under "${label(base)}".`,
    );
  }
  return lines.length ? lines.join(' ') : undefined;
}

/** After suppression: the "All" heading shows exactly the (suppressed) total. */
export function syncAllRow(result: PackResult): PackResult {
  const rows = result.rows.map((r) => (r.key === ALL_KEY ? { ...r, values: structuredClone(result.total) } : r));
  return { ...result, rows };
}

/**
 * The pack's own table inside a cross-table: its rows (the headings) as the pack shows them (their
 * own group and subtotal), with the values and total the cross-table publishes; for the pack's own
 * commentary on a breakdown, for whichever years are shown.
 */
export function ownTable(pack: PackDefinition, table: PackResult): PackResult {
  const specs = new Map(pack.rows.map((s) => [s.key, s]));
  const rows = table.rows
    .filter((r) => r.key !== ALL_KEY && splitPartKey(r.key) === null)
    .map(({ subtotal: _heading, ...r }) => {
      const spec = specs.get(r.key) ?? pack.extraRow?.(r.key);
      return { ...r, group: spec?.group ?? null, ...(spec?.subtotal ? { subtotal: true } : {}) };
    });
  const { breakdown: _by, ...own } = table;
  return { ...own, rows };
}

/** The SQL condition selecting a part's members from membersWithPart (for drill-downs). */
export function partCondition(category: string): string {
  return `part = ${lit(category)}`;
}
