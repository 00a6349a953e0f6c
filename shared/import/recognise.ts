/**
 * Recognise a file's 903 kind from its set of columns: any order, any case, surrounding spaces,
 * a stray BOM or quotes. A file whose columns nearly match a kind is refused with the columns it
 * lacks, rather than being loaded as something else.
 */
import { FILE_KINDS, type FileKind } from '../domain/fileKinds.js';

/** Normalise a header cell the way people's exports vary: BOM, quotes, spaces, case. */
export function normaliseHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim()
    .replace(/\s+/g, '_')
    .toUpperCase();
}

export interface Recognised {
  status: 'recognised';
  kind: FileKind;
  /** For each column of the kind: the index of the file's column that holds it, or -1 (optional, absent). */
  columnIndex: Record<string, number>;
  /** The file's columns that are not part of the kind, kept aside and reported. */
  extraColumns: { name: string; index: number }[];
}

export interface NearMiss {
  status: 'incomplete';
  kind: FileKind;
  missing: string[];
}

export interface Duplicated {
  status: 'duplicate-columns';
  duplicates: { name: string; positions: number[] }[];
}

export interface Unrecognised {
  status: 'unrecognised';
}

export type Recognition = Recognised | NearMiss | Duplicated | Unrecognised;

/** Share of a kind's columns a file must have before we call it "that kind with columns missing". */
const NEAR_MISS_SHARE = 0.5;

export function recogniseColumns(rawHeaders: readonly string[]): Recognition {
  const headers = rawHeaders.map(normaliseHeader);
  const positions = new Map<string, number[]>();
  headers.forEach((h, i) => {
    if (h === '') return;
    positions.set(h, [...(positions.get(h) ?? []), i]);
  });
  const duplicates = [...positions.entries()]
    .filter(([, p]) => p.length > 1)
    .map(([name, p]) => ({ name, positions: p.map((i) => i + 1) }));
  if (duplicates.length > 0) return { status: 'duplicate-columns', duplicates };

  const present = new Set(positions.keys());
  const complete = FILE_KINDS.filter((k) => k.columns.every((c) => c.optional || present.has(c.name)));
  if (complete.length > 0) {
    // Several kinds can be satisfied (uasc's columns are a subset of header's with UASC): the most specific wins.
    const kind = complete.reduce((best, k) => (matchedCount(k, present) > matchedCount(best, present) ? k : best));
    const columnIndex: Record<string, number> = {};
    for (const c of kind.columns) columnIndex[c.name] = positions.get(c.name)?.[0] ?? -1;
    const own = new Set(kind.columns.map((c) => c.name));
    const extraColumns = headers
      .map((name, index) => ({ name: rawHeaders[index]?.trim() || `(column ${index + 1})`, norm: name, index }))
      .filter((h) => !own.has(h.norm))
      .map(({ name, index }) => ({ name, index }));
    return { status: 'recognised', kind, columnIndex, extraColumns };
  }

  // Not complete for any kind: is it plainly one kind with columns missing?
  let best: { kind: FileKind; share: number; missing: string[] } | null = null;
  for (const kind of FILE_KINDS) {
    const distinctive = kind.columns.filter((c) => c.name !== 'CHILD' && c.name !== 'DOB' && c.name !== 'SEX');
    const hit = distinctive.filter((c) => present.has(c.name)).length;
    const share = distinctive.length === 0 ? 0 : hit / distinctive.length;
    const missing = kind.columns.filter((c) => !c.optional && !present.has(c.name)).map((c) => c.name);
    if (hit > 0 && share >= NEAR_MISS_SHARE && (!best || share > best.share)) best = { kind, share, missing };
  }
  if (best) return { status: 'incomplete', kind: best.kind, missing: best.missing };
  return { status: 'unrecognised' };
}

function matchedCount(kind: FileKind, present: Set<string>): number {
  return kind.columns.filter((c) => present.has(c.name)).length;
}
