/**
 * The 903 fields each pack's figures depend on, so a pack can say how many data-quality findings
 * may affect it. Every pack counts children in care between DECOM and DEC, and a child twice
 * (CHILD) may be counted twice.
 */
import { FILE_KINDS, type FileKindId } from '../domain/fileKinds.js';

const IN_CARE = ['CHILD', 'DECOM', 'DEC', 'LS'];
const OC2 = ['CONVICTED', 'HEALTH_CHECK', 'IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'];

export const PACK_FIELDS: Readonly<Record<string, readonly string[]>> = {
  cla: IN_CARE,
  starters: [...IN_CARE, 'RNE'],
  'starting-occasions': [...IN_CARE, 'RNE'],
  'short-breaks': IN_CARE,
  'social-workers': [...IN_CARE, 'SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON'],
  duration: [...IN_CARE, 'RNE', 'REC'],
  age: [...IN_CARE, 'DOB'],
  gender: [...IN_CARE, 'SEX'],
  'age-gender': [...IN_CARE, 'DOB', 'SEX'],
  ethnicity: [...IN_CARE, 'ETHNIC'],
  uasc: [...IN_CARE, 'UASC', 'DUC'],
  'category-of-need': [...IN_CARE, 'CIN'],
  'starters-category-of-need': [...IN_CARE, 'RNE', 'CIN'],
  'legal-status': IN_CARE,
  'starters-legal-status': [...IN_CARE, 'RNE'],
  'placement-type': [...IN_CARE, 'PLACE'],
  'placement-provider': [...IN_CARE, 'PLACE', 'PLACE_PROVIDER'],
  'placement-stability': [...IN_CARE, 'RNE', 'PLACE'],
  'placements-started': [...IN_CARE, 'RNE', 'PLACE'],
  'reasons-ceased': [...IN_CARE, 'REC'],
  adoption: [...IN_CARE, 'REC', 'DATE_INT', 'DATE_MATCH', 'DATE_PLACED', 'DATE_PLACED_CEASED', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'],
  'care-leavers': ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'],
  health: [...IN_CARE, ...OC2],
  sdq: [...IN_CARE, 'DOB', 'SDQ_SCORE', 'SDQ_REASON'],
  missing: [...IN_CARE, 'MISSING', 'MIS_START', 'MIS_END'],
  'missing-repeat': [...IN_CARE, 'MISSING', 'MIS_START', 'MIS_END'],
  'review-participation': [...IN_CARE, 'REVIEW', 'REVIEW_CODE'],
  'review-timeliness': [...IN_CARE, 'REVIEW'],
  'reviews-per-month': [...IN_CARE, 'REVIEW'],
};

/** Columns every file has: they say which file a pack reads only together with its own columns. */
const COMMON = new Set(['CHILD', 'DOB']);

/** The files a pack reads: Header and Episodes (every pack counts children in care), and each file with a column of its own the pack uses. */
function packTables(fields: readonly string[]): Set<FileKindId> {
  const own = new Set(fields.filter((f) => !COMMON.has(f)));
  return new Set<FileKindId>(['header', 'episodes', ...FILE_KINDS.filter((k) => k.columns.some((c) => own.has(c.name))).map((k) => k.id)]);
}

/**
 * Findings (of a summary's counts) whose rule touches a field the pack uses, in a file the pack
 * reads (a care leaver missing from the Header is reported on OC3's CHILD, which no count of
 * children in care reads); 0 for a pack not listed (local packs).
 */
export function findingsAffecting(
  pack: string,
  summary: { rules: readonly { code: string; fields: readonly string[]; tables: readonly string[] }[]; counts: readonly { rule: string; n: number }[] },
): number {
  const touching = rulesAffecting(pack, summary.rules);
  return summary.counts.filter((c) => touching.has(c.rule)).reduce((n, c) => n + c.n, 0);
}

/** The codes of the rules that touch a field the pack uses in a file the pack reads (none for a pack not listed). */
export function rulesAffecting(pack: string, rules: readonly { code: string; fields: readonly string[]; tables: readonly string[] }[]): Set<string> {
  const fields = PACK_FIELDS[pack] ?? [];
  const uses = new Set(fields);
  const reads = packTables(fields);
  return new Set(rules.filter((r) => r.fields.some((f) => uses.has(f)) && r.tables.some((t) => reads.has(t as FileKindId))).map((r) => r.code));
}
