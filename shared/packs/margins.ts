/**
 * A breakdown's margin: the "All" parts of a cross-table (its members split by the characteristic,
 * such as children looked after on 31 March by age band) are figures other tables of the same
 * report print too: the characteristic's own pack (the Age table) and every cross-table of a pack
 * with the same members (Legal status by age band, Placement type by age band). Suppressed table by
 * table, one would hide a part as secondary that another prints, and subtraction would give back
 * the small counts around it (reviewer's walk: placement order granted aged 5 to 9 = 69 - 67).
 *
 * So where a pack publishes the split (PUBLISHED_SPLITS) of the cross-table's members, the
 * cross-table hides its "All" parts exactly where that pack hides them (its own suppression, primary
 * and secondary), plus whatever the split alone then needs to stay protected (a part that pack does
 * not show, such as "Other children" beside UASC), decided on the margin itself (the total and its
 * parts), so alike in every cross-table of those members. It then takes them as published: never
 * hidden to protect another cell (secondary suppression picks cells inside the blocks instead).
 * A heading's parts are a margin too where a pack publishes that heading's members: children
 * looked after on 31 March by legal status are the Legal status table (reviewer's walk 3: it hid
 * S20 and printed placement order, the cross-table the opposite, and 431 - 348 - 25 - 57 gave
 * youth justice = 1). Splits no pack prints (reviews by age band, children by single year of age) are not yet kept
 * alike across cross-tables: see the note of the change.
 */
import type { PackResult } from './result.js';
import { ALL_KEY, PART_SEPARATOR } from './breakdown.js';
import { suppressColumn } from './suppression.js';
import { TOTAL, type PackOptions } from './types.js';

/**
 * The packs whose rows (under these options) are their members split by a breakdown's categories:
 * a cross-table with the same members (checked on the figures, see publishedParts) prints them as
 * its "All" parts.
 */
export const PUBLISHED_SPLITS: Readonly<Record<string, readonly { pack: string; options?: PackOptions }[]>> = {
  gender: [{ pack: 'gender' }, { pack: 'age-gender' }],
  'age-band': [{ pack: 'age' }, { pack: 'starters' }],
  ethnicity: [{ pack: 'ethnicity' }],
  'legal-status': [{ pack: 'legal-status' }],
  'placement-type': [{ pack: 'placement-type', options: { temporary: 'as-recorded' } }],
  'placement-provider': [{ pack: 'placement-provider', options: { temporary: 'as-recorded' } }],
  uasc: [{ pack: 'uasc' }],
  'category-of-need': [{ pack: 'category-of-need' }],
  disability: [{ pack: 'category-of-need' }],
};

/** A pack publishing a split: its figures unsuppressed, and the cells it hides by year (hiddenCells). */
export interface SplitPublisher {
  plain: PackResult;
  hidden: Readonly<Record<string, readonly string[]>>;
}

export interface Margin {
  /** The "All" parts' row keys: published, never hidden to protect another cell. */
  keys: string[];
  /** By year, the "All" parts every table with these members hides. */
  hidden: Record<string, string[]>;
}

/**
 * A block of the cross-table whose parts another table may print: the "All" parts (the total's),
 * or a heading's (children looked after on 31 March by legal status is the Legal status table's
 * split of the same children): its key, its count by year and its parts' keys.
 */
interface Block {
  heading: string;
  count: (year: string) => number | null | undefined;
  parts: string[];
}

function blocksOf(table: PackResult): Block[] {
  const partsOf = (heading: string) => table.rows.filter((r) => r.key.startsWith(`${heading}${PART_SEPARATOR}`)).map((r) => r.key);
  const headings = table.rows.filter((r) => r.key !== ALL_KEY && !r.key.includes(PART_SEPARATOR));
  return [
    { heading: ALL_KEY, count: (y: string) => table.total[y]?.count, parts: partsOf(ALL_KEY) },
    ...headings.map((h) => ({ heading: h.key, count: (y: string) => h.values[y]?.count, parts: partsOf(h.key) })),
  ].filter((b) => b.parts.length > 0);
}

const categoryOf = (block: Block, key: string) => key.slice(block.heading.length + PART_SEPARATOR.length);

/**
 * Which parts of a block of the (unsuppressed) cross-table a publisher prints, by year, and which it
 * hides: a publisher counts only if its total is the block's in every year (the same members), and
 * a part is its row of the same key, or else a row equal to it in every year (legal status
 * "voluntary" is the V2 row: the group has one code; disabled is N2).
 */
function publishedParts(table: PackResult, block: Block, p: SplitPublisher): Map<string, Map<string, boolean>> {
  const out = new Map<string, Map<string, boolean>>();
  const years = table.years.map(String);
  if (!years.every((y) => p.plain.total[y]?.count != null && p.plain.total[y]?.count === block.count(y))) return out;
  const same = (a: PackResult['rows'][number], b: PackResult['rows'][number]) => years.every((y) => (a.values[y]?.count ?? null) === (b.values[y]?.count ?? null));
  for (const part of table.rows.filter((r) => block.parts.includes(r.key))) {
    const c = categoryOf(block, part.key);
    const byKey = p.plain.rows.find((r) => r.key === c);
    const rows = byKey && same(byKey, part) ? [byKey] : p.plain.rows.filter((r) => same(r, part));
    if (rows.length === 0) continue;
    // Shown where any equal row of the publisher is shown.
    out.set(part.key, new Map(years.map((y) => [y, rows.every((r) => p.hidden[y]?.includes(r.key) ?? false)])));
  }
  return out;
}

/**
 * The margin of an unsuppressed cross-table at the threshold, given the packs that publish its
 * split: each block (the "All" parts, or a heading's parts) whose members a publisher has, kept as
 * that publisher keeps them; null where none has (nothing is printed elsewhere to keep to).
 */
export function breakdownMargin(table: PackResult, threshold: number, publishers: readonly SplitPublisher[]): Margin | null {
  if (!(threshold > 0)) return null;
  const keys: string[] = [];
  const hidden: Record<string, string[]> = {};
  for (const block of blocksOf(table)) {
    const printed = publishers.map((p) => publishedParts(table, block, p)).filter((parts) => parts.size > 0);
    // No pack prints this block's split (other members, or by single year of age): as before.
    if (printed.length === 0) continue;
    keys.push(...block.parts);
    for (const year of table.years) {
      const y = String(year);
      const counts = new Map<string, number | null | undefined>([[TOTAL, block.count(y)]]);
      for (const r of table.rows) if (block.parts.includes(r.key)) counts.set(r.key, r.values[y]?.count);
      const shownBy = new Set<string>();
      const hiddenBy = new Set<string>();
      for (const parts of printed) for (const [k, byYear] of parts) (byYear.get(y) ? hiddenBy : shownBy).add(k);
      // A part one publisher hides is hidden here too, though another shows it (age-gender shows the
      // sexes the gender table may hide: theirs to settle); this table hides no less than either.
      for (const k of hiddenBy) shownBy.delete(k);
      const column = suppressColumn(counts, threshold, [{ parent: TOTAL, members: block.parts }], [...shownBy], [...hiddenBy]);
      (hidden[y] ??= []).push(...block.parts.filter((k) => column.hidden.has(k)));
    }
  }
  return keys.length > 0 ? { keys, hidden } : null;
}

/** Cells hidden by year, two lists merged (each key once). */
export function mergeHidden(a: Readonly<Record<string, readonly string[]>>, b: Readonly<Record<string, readonly string[]>>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const y of new Set([...Object.keys(a), ...Object.keys(b)])) out[y] = [...new Set([...(a[y] ?? []), ...(b[y] ?? [])])];
  return out;
}
