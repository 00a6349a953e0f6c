/**
 * Weighted code tables behind the simulation. The weights are chosen so a mid-size English LA's
 * return looks like the real ones (DfE national tables 2019-2024 and the seeded IRO reports):
 * White British ~78%, N1 ~60%, mostly foster placements, PN1 the commonest review code.
 */
import type { Rng } from './prng.js';

export type Table = readonly (readonly [string, number])[];

export const ETHNIC_LOCAL: Table = [
  ['WBRI', 81], ['WIRI', 0.5], ['WIRT', 0.4], ['WROM', 0.8], ['WOTH', 3.2],
  ['MWBC', 3.4], ['MWBA', 1.1], ['MWAS', 1.5], ['MOTH', 2.9],
  ['AIND', 0.4], ['APKN', 1.2], ['ABAN', 0.4], ['AOTH', 0.6], ['CHNE', 0.1],
  ['BCRB', 0.8], ['BAFR', 1.1], ['BOTH', 0.6], ['OOTH', 0.7], ['REFU', 0.2], ['NOBT', 0.3],
];

/** Unaccompanied asylum-seeking children: Eritrea/Sudan, Afghanistan, Iran/Iraq (Kurdish), Albania, Vietnam. */
export const ETHNIC_UASC: Table = [
  ['BAFR', 30], ['AOTH', 28], ['OOTH', 20], ['WOTH', 12], ['BOTH', 4], ['MOTH', 2], ['CHNE', 1], ['NOBT', 3],
];

export const CIN_GENERAL: Table = [
  ['N1', 68], ['N2', 3], ['N3', 4], ['N4', 7], ['N5', 11], ['N6', 1.5], ['N7', 0.3], ['N8', 5],
];
export const CIN_TEEN_SHORT: Table = [
  ['N1', 40], ['N2', 3], ['N3', 5], ['N4', 20], ['N5', 22], ['N6', 8], ['N8', 2],
];
export const CIN_YOUTH_JUSTICE: Table = [['N6', 60], ['N5', 20], ['N1', 15], ['N4', 5]];
export const CIN_UASC: Table = [['N8', 92], ['N4', 5], ['N1', 3]];

export const REC_HOME_SHORT: Table = [
  ['E4A', 42], ['E4B', 12], ['E13', 24], ['E41', 3], ['E8', 7], ['E3', 6], ['E16', 1], ['E2', 0.3],
];
export const REC_LONG_TERM_EXIT: Table = [
  ['SGO_FOSTER', 30], ['E41', 8], ['E4A', 30], ['E4B', 4], ['E13', 16], ['E8', 4], ['E3', 6], ['E2', 0.5],
];
export const REC_AT_18: Table = [
  ['E17', 30], ['E5', 42], ['E6', 8], ['E8', 8], ['E13', 6], ['E7', 2], ['E3', 2], ['E16', 0.5],
];
export const REC_BEFORE_18: Table = [['E5', 40], ['E6', 10], ['E13', 20], ['E4A', 18], ['E4B', 4], ['E8', 8]];
export const REC_UASC_18: Table = [['E5', 48], ['E17', 25], ['E6', 9], ['E8', 12], ['E13', 2]];
export const REC_YOUTH_JUSTICE: Table = [['E14', 60], ['E9', 25], ['E13', 10], ['E4A', 5]];

export const REASON_PLACE_CHANGE_MOVE: Table = [
  ['CARPL', 33], ['CREQB', 14], ['CREQO', 10], ['CHILD', 7], ['LAREQ', 8], ['STAND', 3], ['ALLEG', 3],
  ['CLOSE', 3], ['APPRR', 2], ['PLACE', 2], ['OTHER', 8],
];
export const REASON_PLACE_CHANGE_SAME_CARER: Table = [['PLACE', 70], ['CARPL', 30]];

export const REVIEW_CODE_CHILD: Table = [
  ['PN1', 44], ['PN2', 5], ['PN3', 12], ['PN4', 8], ['PN5', 10], ['PN6', 14], ['PN7', 7],
];
export const REVIEW_CODE_TEEN: Table = [
  ['PN1', 55], ['PN2', 7], ['PN3', 2], ['PN4', 5], ['PN5', 10], ['PN6', 12], ['PN7', 9],
];

export const SDQ_REASON_MISSING: Table = [['SDQ4', 40], ['SDQ5', 25], ['SDQ2', 15], ['SDQ3', 20]];

export const PREV_PERM: Table = [['Z1', 84], ['P4', 6], ['P1', 2], ['P2', 6], ['P3', 2]];

export const SW_REASON_FIRST: Table = [['FCONTA', 45], ['TSPROC', 45], ['MANAGE', 10]];
export const SW_REASON_CHANGE: Table = [
  ['LEFTRL', 35], ['TSPROC', 20], ['MANAGE', 18], ['ORGRST', 5], ['ABSENC', 6], ['CHCHAN', 3], ['PCCHAN', 2],
  ['OTHERS', 11],
];

export const OC3_IN_TOUCH: Table = [['YES', 86], ['NO', 5], ['REFU', 3], ['NREQ', 3], ['RHOM', 2.5], ['DIED', 0.3]];
/** Activity in pre-2022 codes; the emitter splits F3/P3 into apprenticeship F4/P4 or other F5/P5 from 2022. */
export const OC3_ACTIV_17: Table = [
  ['F2', 46], ['P2', 5], ['F3', 10], ['P3', 3], ['F1', 1], ['G4', 5], ['G5', 26], ['G6', 4],
];
export const OC3_ACTIV_ADULT: Table = [
  ['F1', 8], ['P1', 1], ['F2', 12], ['P2', 2], ['F3', 20], ['P3', 9], ['G4', 8], ['G5', 31], ['G6', 9],
];
export const OC3_ACCOM_17: Table = [
  ['D', 32], ['B', 20], ['E', 10], ['U', 8], ['C', 6], ['T', 3], ['K', 3], ['Y', 3],
];
export const OC3_ACCOM_ADULT: Table = [
  ['U', 30], ['D', 20], ['Z', 12], ['B', 12], ['E', 5], ['T', 2], ['K', 4], ['C', 2], ['S', 2], ['X', 2],
  ['W', 1], ['V', 1], ['Y', 3],
];

export const ADOPTER_COUPLES: readonly (readonly [string, string, number])[] = [
  ['MF', 'L11', 66], ['MF', 'L3', 8], ['FF', 'L12', 6], ['FF', 'L2', 3], ['FF', 'L4', 2], ['MM', 'L12', 5],
  ['MM', 'L2', 2], ['MM', 'L4', 1],
];

export const SGO_CODES_FOSTER: Table = [['E45', 80], ['E46', 20]];
export const SGO_CODES_ALL: Table = [['E45', 45], ['E46', 8], ['E47', 37], ['E48', 10]];

/** Pre-2019 returns used E43 (SGO to former foster carers) / E44 (other carers) instead of E45-E48. */
export function sgoCodeForDate(code: string, isBefore2018April: boolean): string {
  if (!isBefore2018April) return code;
  return code === 'E45' || code === 'E46' ? 'E43' : 'E44';
}

export function draw(rng: Rng, table: Table): string {
  return rng.weighted(table);
}

export const FOSTER = new Set(['U1', 'U2', 'U3', 'U4', 'U5', 'U6']);
export const KINSHIP = new Set(['U1', 'U2', 'U3']);
export const TEMPORARY = new Set(['T0', 'T1', 'T2', 'T3', 'T4']);
export const ADOPTION_PLACEMENTS = new Set(['A3', 'A4', 'A5', 'A6']);
