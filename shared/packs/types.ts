/**
 * What a query pack declares. A pack is data plus one SQL query of its MEMBERS: one row per unit
 * counted (a child, or a review) per return_year, with the list of row keys the unit counts in.
 * Counts, totals and drill-downs all come from that one query, so a drill-down always lists
 * exactly the children behind a count.
 */
import type { PackSummary } from '../api.js';
import type { CodeYears } from '../domain/codes.js';
import type { PackResult, RowRole } from './result.js';

export type PackSection =
  | 'Children looked after'
  | 'Characteristics'
  | 'Legal status and placements'
  | 'Leaving care'
  | 'Health and wellbeing'
  | 'Reviews and participation';

export const PACK_SECTIONS: readonly PackSection[] = [
  'Children looked after',
  'Characteristics',
  'Legal status and placements',
  'Leaving care',
  'Health and wellbeing',
  'Reviews and participation',
];

/** The key of the pack total in suppression sets and row bases. */
export const TOTAL = '__total';

export interface RowSpec {
  key: string;
  label: string;
  /** Display group (DfE group the row belongs to), or null. */
  group?: string | null;
  /** The row is the subtotal of its group (its count is the sum of the group's other rows). */
  subtotal?: boolean;
  /**
   * Rows of one dimension partition the pack total (e.g. care leavers have three: in touch,
   * activity, accommodation). Used for secondary suppression. Default ''.
   */
  dimension?: string;
  /** The row is not part of any sum (a share like BME, a base row). Default: the pack's `additive`. */
  additive?: boolean;
  /** Percentage base: the pack total (default when the pack shows percents), another row's count, or none. */
  base?: 'total' | 'none' | { key: string };
  /**
   * count: members with the key; sum: sum of the member's measure; mean: average of the measure;
   * statistic: the figure the pack's aggregates give as `mean` (a local pack's sum, average or
   * median), over the `count` members that have a value, and no figure when none has.
   */
  kind?: 'count' | 'sum' | 'mean' | 'statistic';
  /**
   * The row's figure is worked out over the members of another row (a local pack's average days by
   * stage, over that stage's escalations; adoption's timings, over the adopted children): hidden
   * wherever that row is, as a percentage of a hidden cell is. Its count (the members it is over)
   * is protected with that row's: the same cell where equal, nested in it where fewer. TOTAL for
   * the pack total. A breakdown takes it over to each category.
   */
  over?: string;
  /** Left out of the result when zero in every loaded year (rare or historic codes). */
  optional?: boolean;
  /**
   * The row is a code that is in its code list only in some years (K3 from 2023/24): in the other
   * years, where nothing is recorded under it, its figure is not collected (x), never a 0 a change
   * could be worked from. A code recorded outside its years is counted and shown as it is.
   */
  codeYears?: CodeYears;
  /** Noun phrase for commentary, e.g. "children aged 10 to 15". */
  phrase?: string;
  /** Not a category of the table: a base, a measure beside the breakdown, or a caveat (see PackRow.role). */
  role?: RowRole;
}

export interface PackOption {
  id: string;
  label: string;
  choices: readonly { value: string; label: string }[];
  default: string;
}

export type PackOptions = Record<string, string>;

export interface SuppressionSet {
  /** Row key whose count the members add up to, TOTAL, or null for a total published in another pack. */
  parent: string | null;
  members: string[];
  /**
   * The relation holds by the 903 guidance rather than by how the table is counted (activity 0 when
   * not in touch): data may break it, and suppression uses it only in the years it holds.
   */
  byGuidance?: boolean;
  /**
   * The members are nested in the parent rather than a partition of it (children missing more than
   * twice, within those missing more than once): together they add up to at most the parent, and
   * the rest (parent less members: children missing exactly twice) is a count the table does not
   * show but a reader can work out by subtraction. Suppression protects it like a count of its own.
   */
  remainder?: boolean;
}

export interface CommentaryInput {
  pack: PackDefinition;
  result: PackResult;
  options: PackOptions;
}

/**
 * How a pack detects members whose figures need records from before the earliest loaded return
 * (see history.ts for the rule that marks cells).
 */
export interface PackHistory {
  /** The detection rule in words (added to the pack's notes). */
  rule: string;
  /**
   * SQL: one row per affected member per return_year, with columns return_year, child (for a
   * breakdown's parts), keys VARCHAR[]
   * (the rows it counts in), uncertain VARCHAR[] (the rows whose figure it makes uncertain: rows it
   * counts in or could count in with the earlier records; TOTAL for the total) and need_year
   * INTEGER (the earliest collection year whose return would help). Rows with an empty uncertain
   * list are ignored.
   */
  members: (options: PackOptions) => string;
}

export interface PackDefinition extends PackSummary {
  /** What is counted, in words (shown under the table and in exports). */
  definition: string;
  /** The base of the percentages, in words. */
  base: string;
  /** Singular/plural noun of the unit counted. */
  unit: { one: string; many: string };
  /**
   * SQL over the canonical views: one row per unit per return_year, with columns
   * return_year, child, keys VARCHAR[] (the rows it counts in), optionally
   * measures STRUCT of DOUBLE with one field per 'sum'/'mean' row, named by its key (a STRUCT, not a
   * MAP: building a MAP per member costs seconds at national scale), then drill-down columns.
   * Must cover every loaded year (no year filter).
   */
  members: (options: PackOptions) => string;
  /**
   * Optional, for speed: SQL giving (return_year, key, n), the number of members having each key,
   * and under TOTAL the number of members — the counts of members(options), reached with fewer
   * rows (members grouped by the few columns their keys depend on before the keys are worked out).
   * A measure pack's also gives total (the sum of the key's measure over those members, NULL when
   * none has one) and valued (how many have one). Tests check it against members() for every option.
   */
  counts?: (options: PackOptions) => string;
  /** The members query has a `measures` column. */
  measures?: boolean;
  /**
   * Optional: the aggregate rows (return_year, key, count, sum, mean) as the pack itself works them
   * out, for rows that come from the data (a local pack's measures by category); packSql gives it
   * unchanged.
   */
  aggregates?: (options: PackOptions) => string;
  rows: RowSpec[];
  /** Row for a key found in the data but not declared (an unknown code): label, group, dimension. */
  extraRow?: (key: string) => RowSpec;
  /** The result has a total (the number of members). */
  total: boolean;
  /** Label of the total row when the rows do not add up to it (its base, in words), or null to show no total row (a row shows it). */
  totalLabel?: string | null;
  /** "age group", "reason": what one category is, for "the most common ..." (absent: the rows are measures). */
  category?: string;
  /** The chart draws the parts of each group rather than the subtotals (see PackResult.chartLevel). */
  chartLevel?: 'parts';
  /** Rows show a percentage of their base (default base: the total). */
  percent: boolean;
  /** Rows of each dimension add up to the total (secondary suppression applies). */
  additive: boolean;
  /**
   * Row keys whose counts another pack publishes (e.g. the sexes of age-and-gender, shown in the
   * gender pack): suppression never hides them to protect another cell, since a reader has them.
   */
  publishedElsewhere?: readonly string[];
  /**
   * Rows that are the same figure as another pack's rows under the same options (the same children:
   * placement providers' "Parent(s) or other person(s) with parental responsibility" is placement
   * type's "Placed with own parent(s)"): hidden exactly where that pack hides them, and never to
   * protect another cell, in each year where the two figures are equal (checked on the figures).
   */
  sameAs?: readonly { pack: string; rows: Readonly<Record<string, string>> }[];
  /** Extra suppression sets beyond those implied by dimensions and subtotals. */
  extraSuppressionSets?: (rowKeys: string[]) => SuppressionSet[];
  /**
   * SQL listing the return_year values whose returns collect what the pack counts (a file collected
   * only from some year): the other years' figures are shown as not collected (x), never as 0.
   */
  collectedIn?: string;
  /** A row's label under the chosen options where it differs from the declared one (counting children rather than reviews). */
  rowLabel?: (key: string, options: PackOptions) => string | undefined;
  options?: PackOption[];
  notes?: string[];
  /** Figures that depend on history before the earliest loaded return, and how they are detected. */
  history?: PackHistory;
  commentary: (input: CommentaryInput) => string[];
  /**
   * Rows that an option makes meaningless (a basis that leaves those members out): shown with no
   * figure (–) in every year, with the note saying why, rather than as zeros read as findings.
   */
  notApplicable?: (options: PackOptions) => { keys: readonly string[]; note: string } | null;
  /**
   * When the pack's definition takes a child at a date other than 31 March (the day they started,
   * ceased, were reviewed): that date, so a breakdown by age gives the age then and its rows agree
   * with the pack's own age headings. Absent: 31 March of the year.
   */
  ageOn?: readonly AgeOn[];
}

/** The date a breakdown by age takes a member's age on. */
export interface AgeOn {
  /** SQL of the date over the members' columns (alias m), e.g. m.started. */
  date: string;
  /** The date in words: "the day the child started to be looked after". */
  words: string;
  /** Only the members counted in these rows (keys); absent: every row and the total. */
  rows?: readonly string[];
}
